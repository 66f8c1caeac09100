//! The annotation schema the project owns: labels with their colour, hotkey and kind.
//! Event types, roles and attributes join it later; every new field has a serde default so
//! older project files keep loading.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LabelKind {
    /// A thing that takes part: an actor, a date.
    Entity,
    /// A trigger that anchors an event.
    Event,
}

/// An sRGB colour written `#rrggbb` in files, so people can read and edit it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub [u8; 3]);

impl Rgb {
    pub fn parse(s: &str) -> Option<Rgb> {
        let hex = s.strip_prefix('#')?;
        if hex.len() != 6 || !hex.is_ascii() {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some(Rgb([byte(0)?, byte(2)?, byte(4)?]))
    }
}

impl std::fmt::Display for Rgb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let [r, g, b] = self.0;
        write!(f, "#{r:02x}{g:02x}{b:02x}")
    }
}

impl Serialize for Rgb {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Rgb {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Rgb::parse(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("`{s}` is not a colour like #1f77b4")))
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LabelDef {
    pub name: String,
    pub color: Rgb,
    /// A single key ("1", "a") that applies the label to the selection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hotkey: Option<String>,
    pub kind: LabelKind,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Schema {
    pub labels: Vec<LabelDef>,
}

impl Schema {
    pub fn label(&self, name: &str) -> Option<&LabelDef> {
        self.labels.iter().find(|l| l.name == name)
    }

    pub fn label_for_hotkey(&self, key: &str) -> Option<&LabelDef> {
        self.labels.iter().find(|l| l.hotkey.as_deref() == Some(key))
    }

    /// Hotkeys used by more than one label: a schema with clashes is refused.
    pub fn hotkey_clashes(&self) -> Vec<String> {
        let mut seen = std::collections::BTreeMap::<&str, usize>::new();
        for key in self.labels.iter().filter_map(|l| l.hotkey.as_deref()) {
            *seen.entry(key).or_default() += 1;
        }
        seen.into_iter().filter(|(_, n)| *n > 1).map(|(k, _)| k.to_string()).collect()
    }
}

impl Default for Schema {
    /// Actor, Date, Event on keys 1, 2, 3: the labels of the sample project.
    fn default() -> Self {
        let label = |name: &str, color: [u8; 3], key: &str, kind| LabelDef {
            name: name.into(),
            color: Rgb(color),
            hotkey: Some(key.into()),
            kind,
        };
        Schema {
            labels: vec![
                label("Actor", [0x3b, 0x82, 0xf6], "1", LabelKind::Entity),
                label("Date", [0x16, 0xa3, 0x4a], "2", LabelKind::Entity),
                label("Event", [0xf5, 0x9e, 0x0b], "3", LabelKind::Event),
            ],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_round_trip_and_reject_junk() {
        assert_eq!(Rgb::parse("#3b82f6"), Some(Rgb([0x3b, 0x82, 0xf6])));
        assert_eq!(Rgb([0x3b, 0x82, 0xf6]).to_string(), "#3b82f6");
        for bad in ["3b82f6", "#3b82f", "#3b82fg", "#ЖЖЖ"] {
            assert_eq!(Rgb::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn default_schema_has_no_hotkey_clash() {
        let mut s = Schema::default();
        assert!(s.hotkey_clashes().is_empty());
        assert_eq!(s.label_for_hotkey("2").map(|l| l.name.as_str()), Some("Date"));
        s.labels[1].hotkey = Some("1".into());
        assert_eq!(s.hotkey_clashes(), vec!["1".to_string()]);
    }
}
