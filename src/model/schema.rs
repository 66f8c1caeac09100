//! The annotation schema the project owns: span labels (colour, hotkey, kind), event types with
//! their roles (which labels each role may point at, and how many), and attributes per label or
//! event type. Fields added over time have serde defaults, so older project files keep loading.

use super::cardinality::Cardinality;
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

/// A role target meaning "any event", as brat's annotation.conf writes it.
pub const ANY_EVENT: &str = "<EVENT>";
/// A role target meaning "any span of an entity label".
pub const ANY_ENTITY: &str = "<ENTITY>";

/// A role of an event type: `Agent` may point at Actor spans, one or more of them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoleDef {
    pub name: String,
    /// Span labels or event types an argument in this role may point at; `<EVENT>` and
    /// `<ENTITY>` stand for any event and any entity span.
    pub targets: Vec<String>,
    pub cardinality: Cardinality,
    /// The key that fills this role while an event is being edited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hotkey: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventTypeDef {
    pub name: String,
    pub color: Rgb,
    pub roles: Vec<RoleDef>,
}

impl EventTypeDef {
    pub fn role(&self, name: &str) -> Option<&RoleDef> {
        self.roles.iter().find(|r| r.name == name)
    }
}

/// What values an attribute takes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum AttrKind {
    /// One of a fixed list.
    Choice(Vec<String>),
    /// Free text.
    Text,
    /// A normalised date value (see `date_value.rs`).
    Date,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttributeDef {
    pub name: String,
    /// Span labels and event types that carry this attribute.
    pub on: Vec<String>,
    pub kind: AttrKind,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Schema {
    pub labels: Vec<LabelDef>,
    #[serde(default)]
    pub event_types: Vec<EventTypeDef>,
    #[serde(default)]
    pub attributes: Vec<AttributeDef>,
}

impl Schema {
    pub fn label(&self, name: &str) -> Option<&LabelDef> {
        self.labels.iter().find(|l| l.name == name)
    }

    pub fn label_for_hotkey(&self, key: &str) -> Option<&LabelDef> {
        self.labels.iter().find(|l| l.hotkey.as_deref() == Some(key))
    }

    pub fn event_type(&self, name: &str) -> Option<&EventTypeDef> {
        self.event_types.iter().find(|t| t.name == name)
    }

    /// Attributes that a span with this label, or an event of this type, carries.
    pub fn attributes_for<'a>(
        &'a self,
        owner: &'a str,
    ) -> impl Iterator<Item = &'a AttributeDef> + 'a {
        self.attributes.iter().filter(move |a| a.on.iter().any(|o| o == owner))
    }

    pub fn attribute(&self, owner: &str, name: &str) -> Option<&AttributeDef> {
        self.attributes.iter().find(|a| a.name == name && a.on.iter().any(|o| o == owner))
    }

    /// Whether `role` may point at a span labelled `label`.
    pub fn role_allows_span(&self, role: &RoleDef, label: &str) -> bool {
        role.targets.iter().any(|t| {
            t == label
                || (t == ANY_ENTITY
                    && self.label(label).is_some_and(|l| l.kind == LabelKind::Entity))
        })
    }

    /// Whether `role` may point at an event of type `event_type`.
    pub fn role_allows_event(&self, role: &RoleDef, event_type: &str) -> bool {
        role.targets.iter().any(|t| t == event_type || t == ANY_EVENT)
    }

    /// The label a role key gives to newly selected text: the role's first target that is an
    /// entity label (or the first entity label, for `<ENTITY>`).
    pub fn label_for_new_argument(&self, role: &RoleDef) -> Option<&LabelDef> {
        role.targets.iter().find_map(|t| match self.label(t) {
            Some(l) if l.kind == LabelKind::Entity => Some(l),
            _ if t == ANY_ENTITY => self.labels.iter().find(|l| l.kind == LabelKind::Entity),
            _ => None,
        })
    }

    /// Whether `label` (of a span) is a trigger label, i.e. its spans anchor events.
    pub fn is_trigger_label(&self, label: &str) -> bool {
        self.label(label).is_some_and(|l| l.kind == LabelKind::Event)
    }

    /// Hotkeys used twice among the labels, or twice among one event type's roles: a schema
    /// with clashes is refused by the editor and reported by validation.
    pub fn hotkey_clashes(&self) -> Vec<String> {
        let mut clashes = std::collections::BTreeSet::new();
        let keys = self.labels.iter().filter_map(|l| l.hotkey.as_deref());
        clashes.extend(duplicates(keys));
        for t in &self.event_types {
            let keys = t.roles.iter().filter_map(|r| r.hotkey.as_deref());
            clashes
                .extend(duplicates(keys).into_iter().map(|k| format!("{k} (roles of {})", t.name)));
        }
        clashes.into_iter().collect()
    }
}

fn duplicates<'a>(keys: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut seen = std::collections::BTreeMap::<&str, usize>::new();
    for key in keys {
        *seen.entry(key).or_default() += 1;
    }
    seen.into_iter().filter(|(_, n)| *n > 1).map(|(k, _)| k.to_string()).collect()
}

impl Default for Schema {
    /// The sample project's schema: Actor, Date, Event on keys 1, 2, 3; seven event types whose
    /// roles follow news event extraction (who did it, to whom, with whom, when, where); an
    /// actor kind, an event polarity, a normalised date value and a canonical name.
    fn default() -> Self {
        let label = |name: &str, color: [u8; 3], key: &str, kind| LabelDef {
            name: name.into(),
            color: Rgb(color),
            hotkey: Some(key.into()),
            kind,
        };
        let role = |name: &str, target: &str, cardinality, key: &str| RoleDef {
            name: name.into(),
            targets: vec![target.into()],
            cardinality,
            hotkey: Some(key.into()),
        };
        let agent = || role("Agent", "Actor", Cardinality::ONE_OR_MORE, "a");
        let theme = || role("Theme", "Actor", Cardinality::ANY, "t");
        let addressee = || role("Addressee", "Actor", Cardinality::ANY, "r");
        let target = || role("Target", "Actor", Cardinality::ANY, "g");
        let participant = || role("Participant", "Actor", Cardinality::ANY, "p");
        let time = || role("Time", "Date", Cardinality::OPTIONAL, "w");
        let place = || role("Place", "Actor", Cardinality::OPTIONAL, "l");
        let event = |name: &str, color: [u8; 3], roles: Vec<RoleDef>| EventTypeDef {
            name: name.into(),
            color: Rgb(color),
            roles,
        };
        // What a statement is about may be another event ("X said that Y recognised Z").
        let mut statement_theme = theme();
        statement_theme.targets.push(ANY_EVENT.into());
        let mut other_agent = agent();
        other_agent.cardinality = Cardinality::ANY;
        let event_types = vec![
            event(
                "Statement",
                [0xf5, 0x9e, 0x0b],
                vec![agent(), statement_theme, addressee(), time(), place()],
            ),
            event("Meeting", [0x8b, 0x5c, 0xf6], vec![agent(), participant(), time(), place()]),
            event("Recognition", [0xec, 0x48, 0x99], vec![agent(), theme(), time(), place()]),
            event(
                "Agreement",
                [0x14, 0xb8, 0xa6],
                vec![agent(), participant(), theme(), time(), place()],
            ),
            event("Support", [0x22, 0xc5, 0x5e], vec![agent(), target(), time(), place()]),
            event("MilitaryAction", [0xef, 0x44, 0x44], vec![agent(), target(), time(), place()]),
            event(
                "Other",
                [0x64, 0x74, 0x8b],
                vec![other_agent, theme(), participant(), time(), place()],
            ),
        ];
        let all_types: Vec<String> = event_types.iter().map(|t| t.name.clone()).collect();
        let attributes = vec![
            AttributeDef {
                name: "kind".into(),
                on: vec!["Actor".into()],
                kind: AttrKind::Choice(
                    ["person", "organization", "state", "group", "other"]
                        .map(String::from)
                        .to_vec(),
                ),
            },
            AttributeDef {
                name: "canonical".into(),
                on: vec!["Actor".into()],
                kind: AttrKind::Text,
            },
            AttributeDef { name: "value".into(), on: vec!["Date".into()], kind: AttrKind::Date },
            // TIMEX3's `mod`: «с 22 февраля» is on_or_after, «в начале апреля» start.
            AttributeDef {
                name: "mod".into(),
                on: vec!["Date".into()],
                kind: AttrKind::Choice(
                    [
                        "before",
                        "after",
                        "on_or_before",
                        "on_or_after",
                        "start",
                        "mid",
                        "end",
                        "approx",
                    ]
                    .map(String::from)
                    .to_vec(),
                ),
            },
            AttributeDef {
                name: "polarity".into(),
                on: all_types,
                kind: AttrKind::Choice(
                    ["asserted", "negated", "hypothetical"].map(String::from).to_vec(),
                ),
            },
        ];
        Schema {
            labels: vec![
                label("Actor", [0x3b, 0x82, 0xf6], "1", LabelKind::Entity),
                label("Date", [0x16, 0xa3, 0x4a], "2", LabelKind::Entity),
                label("Event", [0xf5, 0x9e, 0x0b], "3", LabelKind::Event),
            ],
            event_types,
            attributes,
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
        s.labels[1].hotkey = Some("2".into());
        s.event_types[0].roles[1].hotkey = Some("a".into());
        assert_eq!(s.hotkey_clashes(), vec!["a (roles of Statement)".to_string()]);
    }
}
