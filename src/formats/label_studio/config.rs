//! The labeling config: written from the schema (entity labels, trigger labels and event types
//! as `<Label>`s, roles as `<Relation>`s) and read back into a schema, including per-region
//! `<Choices>` and `<TextArea>` attributes of configs made in Label Studio.

use super::{LABELS, TEXT};
use crate::model::{
    AttrKind, AttributeDef, Cardinality, EventTypeDef, LabelDef, LabelKind, Rgb, RoleDef, Schema,
};
use quick_xml::XmlVersion;
use quick_xml::escape::escape;
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;

/// What the hint of a trigger label and of an event type starts with; the reader relies on it.
const TRIGGER_HINT: &str = "Event trigger";
const TYPE_HINT: &str = "Event type";

/// The config for a schema, plus labels and roles used by the annotations but not declared.
pub fn write(schema: &Schema, labels: &[&str], roles: &[&str]) -> String {
    let mut out = String::from("<View>\n");
    out.push_str(
        "  <!-- Written by Acta. An event is its trigger region, labelled with the event type; \
         its arguments are relations named by role. Attributes are kept in each task's \
         data.acta. -->\n",
    );
    out.push_str(&format!("  <Text name=\"{TEXT}\" value=\"${TEXT}\"/>\n"));
    out.push_str(&format!("  <Labels name=\"{LABELS}\" toName=\"{TEXT}\">\n"));
    let mut seen = std::collections::HashSet::new();
    let mut label = |name: &str, color: Option<Rgb>, hint: Option<String>| {
        if !seen.insert(name.to_string()) {
            return;
        }
        out.push_str(&format!("    <Label value=\"{}\"", escape(name)));
        if let Some(c) = color {
            out.push_str(&format!(" background=\"{c}\""));
        }
        if let Some(h) = hint {
            out.push_str(&format!(" hint=\"{}\"", escape(h.as_str())));
        }
        out.push_str("/>\n");
    };
    // Event types first: a name that is both a label and a type is read back as a type.
    for ty in &schema.event_types {
        let roles: Vec<&str> = ty.roles.iter().map(|r| r.name.as_str()).collect();
        let hint = if roles.is_empty() {
            TYPE_HINT.to_string()
        } else {
            format!("{TYPE_HINT}; roles: {}", roles.join(", "))
        };
        label(&ty.name, Some(ty.color), Some(hint));
    }
    for l in &schema.labels {
        let hint = (l.kind == LabelKind::Event).then(|| TRIGGER_HINT.to_string());
        label(&l.name, Some(l.color), hint);
    }
    for l in labels {
        label(l, None, None);
    }
    out.push_str("  </Labels>\n  <Relations>\n");
    let mut seen = std::collections::HashSet::new();
    let declared = schema.event_types.iter().flat_map(|t| t.roles.iter().map(|r| r.name.as_str()));
    for role in declared.chain(roles.iter().copied()) {
        if seen.insert(role) {
            out.push_str(&format!("    <Relation value=\"{}\"/>\n", escape(role)));
        }
    }
    out.push_str("  </Relations>\n</View>\n");
    out
}

/// What a config says: the task data key holding the text, and the schema.
#[derive(Debug)]
pub struct Config {
    pub text_key: String,
    pub schema: Schema,
}

/// A config's problem and the 1-based line where it was found.
#[derive(Debug)]
pub struct ConfigError {
    pub line: usize,
    pub message: String,
}

/// Reads a labeling config. Unknown tags are passed over: a config for images and text alike
/// yields what concerns text.
pub fn parse(xml: &str) -> Result<Config, ConfigError> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let line_at = |pos: u64| {
        1 + xml.as_bytes()[..(pos as usize).min(xml.len())].iter().filter(|&&b| b == b'\n').count()
    };
    let mut text_key = None;
    let mut schema = Schema { labels: Vec::new(), event_types: Vec::new(), attributes: Vec::new() };
    let mut in_labels = false;
    let mut choices: Option<AttributeDef> = None;
    loop {
        let pos = reader.buffer_position();
        let event = reader.read_event().map_err(|e| ConfigError {
            line: line_at(reader.error_position()),
            message: format!("not XML: {e}"),
        })?;
        let bad = |message: String| ConfigError { line: line_at(pos), message };
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let attrs = attributes(e).map_err(bad)?;
                let get = |k: &str| attrs.get(k).map(String::as_str);
                let opening = matches!(event, Event::Start(_));
                match e.name().as_ref() {
                    b"Text" | b"HyperText" | b"Paragraphs" if text_key.is_none() => {
                        text_key =
                            get("value").and_then(|v| v.strip_prefix('$')).map(str::to_string);
                    }
                    b"Labels" => in_labels = opening,
                    b"Label" if in_labels => {
                        let name = get("value").or(get("alias")).unwrap_or_default().to_string();
                        let color = get("background")
                            .and_then(Rgb::parse)
                            .unwrap_or(Rgb([0x7f, 0x7f, 0x7f]));
                        let hint = get("hint").unwrap_or_default();
                        if let Some(rest) = hint.strip_prefix(TYPE_HINT) {
                            let roles = rest
                                .trim_start_matches(';')
                                .trim()
                                .strip_prefix("roles:")
                                .unwrap_or_default();
                            let roles =
                                roles.split(',').map(str::trim).filter(|r| !r.is_empty()).map(
                                    |r| RoleDef {
                                        name: r.to_string(),
                                        targets: Vec::new(),
                                        cardinality: Cardinality::ANY,
                                        hotkey: None,
                                    },
                                );
                            schema.event_types.push(EventTypeDef {
                                name,
                                color,
                                roles: roles.collect(),
                            });
                        } else {
                            let kind = if hint.starts_with(TRIGGER_HINT) {
                                LabelKind::Event
                            } else {
                                LabelKind::Entity
                            };
                            schema.labels.push(LabelDef { name, color, hotkey: None, kind });
                        }
                    }
                    b"Choices" if get("perRegion") == Some("true") => {
                        let def = AttributeDef {
                            name: get("name").unwrap_or_default().to_string(),
                            on: get("whenLabelValue")
                                .map(|l| vec![l.to_string()])
                                .unwrap_or_default(),
                            kind: AttrKind::Choice(Vec::new()),
                        };
                        if opening { choices = Some(def) } else { schema.attributes.push(def) }
                    }
                    b"Choice" => {
                        if let Some(AttributeDef { kind: AttrKind::Choice(values), .. }) =
                            &mut choices
                        {
                            values.push(
                                get("value").or(get("alias")).unwrap_or_default().to_string(),
                            );
                        }
                    }
                    b"TextArea" if get("perRegion") == Some("true") => {
                        schema.attributes.push(AttributeDef {
                            name: get("name").unwrap_or_default().to_string(),
                            on: get("whenLabelValue")
                                .map(|l| vec![l.to_string()])
                                .unwrap_or_default(),
                            kind: AttrKind::Text,
                        });
                    }
                    _ => {}
                }
            }
            Event::End(ref e) => match e.name().as_ref() {
                b"Labels" => in_labels = false,
                b"Choices" => schema.attributes.extend(choices.take()),
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    // An attribute without a condition belongs to every label and type the config declares.
    let owners: Vec<String> = schema
        .labels
        .iter()
        .map(|l| l.name.clone())
        .chain(schema.event_types.iter().map(|t| t.name.clone()))
        .collect();
    for attr in &mut schema.attributes {
        if attr.on.is_empty() {
            attr.on = owners.clone();
        }
    }
    Ok(Config { text_key: text_key.unwrap_or_else(|| TEXT.to_string()), schema })
}

/// A tag's attributes, unescaped.
fn attributes(e: &BytesStart) -> Result<HashMap<String, String>, String> {
    let mut out = HashMap::new();
    for attr in e.attributes() {
        let attr = attr.map_err(|e| format!("bad attribute: {e}"))?;
        let key = String::from_utf8_lossy(attr.key.as_ref()).into_owned();
        let value = attr
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|e| format!("bad value of `{key}`: {e}"))?;
        out.insert(key, value.into_owned());
    }
    Ok(out)
}
