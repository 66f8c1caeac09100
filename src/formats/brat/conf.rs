//! `annotation.conf` and `visual.conf`: written from what the exporter declares (schema plus
//! whatever the data uses), and read back into an Acta `Schema`. Only the parts of brat's
//! configuration syntax that describe types are read; tools and shortcuts are left alone.

use super::sidecar::NameMaps;
use crate::model::schema::{ANY_ENTITY, ANY_EVENT};
use crate::model::{
    AttrKind, AttributeDef, Cardinality, EventTypeDef, LabelDef, LabelKind, Rgb, RoleDef, Schema,
};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

/// A role as annotation.conf declares it: brat names throughout.
#[derive(Clone, Debug, PartialEq)]
pub struct RoleDecl {
    pub name: String,
    pub cardinality: Cardinality,
    pub targets: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct EventDecl {
    pub name: String,
    pub roles: Vec<RoleDecl>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AttrDecl {
    pub name: String,
    pub on: Vec<String>,
    /// `None`: a binary attribute (present or not).
    pub values: Option<Vec<String>>,
}

/// The types of a brat collection, in brat names.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Conf {
    pub entities: Vec<String>,
    pub events: Vec<EventDecl>,
    pub attributes: Vec<AttrDecl>,
    /// Relation types other than `<OVERLAP>` (read only: Acta has no relations).
    pub relations: Vec<String>,
}

/// What visual.conf says: display names and span colours.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Visual {
    pub labels: BTreeMap<String, String>,
    pub colors: BTreeMap<String, Rgb>,
}

/// Cardinality as a brat role suffix: exactly one has none, and brat has no open ranges
/// (`{3-}`), so those widen to `+` (the schema sidecar keeps the exact one).
pub fn role_suffix(c: Cardinality) -> String {
    match (c.min, c.max) {
        (1, Some(1)) => String::new(),
        (0, None) => "*".into(),
        (_, None) => "+".into(),
        _ => c.to_string(),
    }
}

pub fn write_annotation_conf(conf: &Conf, trigger_labels: &[String]) -> String {
    let mut out = String::from("# Written by Acta from the project schema and the annotations.\n");
    if !trigger_labels.is_empty() {
        let _ = writeln!(
            out,
            "# {} marks event triggers in Acta; a trigger that anchors no event keeps it as an entity.",
            trigger_labels.join(", ")
        );
    }
    out.push_str("\n[entities]\n");
    for e in &conf.entities {
        let _ = writeln!(out, "{e}");
    }
    // Acta spans overlap and nest freely.
    out.push_str("\n[relations]\n<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n");
    out.push_str("\n[events]\n");
    for ev in &conf.events {
        let roles: Vec<String> = ev
            .roles
            .iter()
            .map(|r| {
                let targets =
                    if r.targets.is_empty() { "<ANY>".into() } else { r.targets.join("|") };
                format!("{}{}:{targets}", r.name, role_suffix(r.cardinality))
            })
            .collect();
        if roles.is_empty() {
            let _ = writeln!(out, "{}", ev.name);
        } else {
            let _ = writeln!(out, "{}\t{}", ev.name, roles.join(", "));
        }
    }
    out.push_str("\n[attributes]\n");
    for a in &conf.attributes {
        let _ = match &a.values {
            Some(values) => {
                writeln!(out, "{}\tArg:{}, Value:{}", a.name, a.on.join("|"), values.join("|"))
            }
            None => writeln!(out, "{}\tArg:{}", a.name, a.on.join("|")),
        };
    }
    out
}

pub fn write_visual_conf(visual: &Visual) -> String {
    let mut out = String::from("# Written by Acta: the schema's names and colours.\n\n[labels]\n");
    for (brat, shown) in &visual.labels {
        // `|` separates the names of a label; tabs and brackets mean other things here.
        let shown: String = shown
            .chars()
            .map(|c| if matches!(c, '|' | '<' | '>') || c.is_control() { ' ' } else { c })
            .collect();
        let _ = writeln!(out, "{brat} | {}", shown.trim());
    }
    out.push_str("\n[drawing]\n");
    out.push_str("SPAN_DEFAULT\tfgColor:black, bgColor:lightgreen, borderColor:darken\n");
    out.push_str("ARC_DEFAULT\tcolor:black, arrowHead:triangle-5\n");
    out.push_str("ATTRIBUTE_DEFAULT\tglyph:*\n");
    for (name, color) in &visual.colors {
        let _ = writeln!(out, "{name}\tbgColor:{color}");
    }
    out
}

/// One line of a brat configuration section: indent depth, first term, arguments.
struct ConfLine<'a> {
    depth: usize,
    term: &'a str,
    args: Vec<String>,
}

/// Splits a configuration into (section, line number, line), dropping comments and blanks,
/// expanding `<MACRO>=value` definitions (which brat scopes to their section).
fn lines(text: &str) -> Vec<(String, usize, String)> {
    let mut out = Vec::new();
    let mut section = String::new();
    let mut macros: Vec<(String, String)> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let l = raw.trim_end_matches('\r');
        let t = l.trim();
        if t.is_empty() || t.starts_with('#') || t.chars().all(|c| c == '-') {
            continue;
        }
        if let Some(name) = t.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
            section = name.trim().to_string();
            macros.clear();
            continue;
        }
        if let Some((name, value)) = t.split_once('=')
            && name.starts_with('<')
            && name.ends_with('>')
            && !name.contains(char::is_whitespace)
        {
            macros.push((name.to_string(), value.trim().to_string()));
            continue;
        }
        let mut line = l.to_string();
        for (name, value) in &macros {
            line = line.replace(name.as_str(), value);
        }
        out.push((section.clone(), i + 1, line));
    }
    out
}

fn conf_line(line: &str) -> ConfLine<'_> {
    let depth = line.len() - line.trim_start().len();
    let rest = line.trim();
    let (terms, args) = match rest.find(char::is_whitespace) {
        Some(i) => (&rest[..i], rest[i..].trim()),
        None => (rest, ""),
    };
    let term = terms.split('|').map(str::trim).find(|t| !t.is_empty()).unwrap_or_default();
    let args = args.split(',').map(str::trim).filter(|a| !a.is_empty()).map(String::from).collect();
    ConfLine { depth, term, args }
}

/// Reads annotation.conf; an error is (line, what is wrong).
pub fn parse_annotation_conf(text: &str) -> Result<Conf, (usize, String)> {
    let mut conf = Conf::default();
    // The arguments of the last line at each depth, for `<INHERIT>`.
    let mut parents: HashMap<usize, Vec<String>> = HashMap::new();
    for (section, n, line) in lines(text) {
        let ConfLine { depth, term, mut args } = conf_line(&line);
        if let Some(at) = args.iter().position(|a| a == "<INHERIT>") {
            let inherited = parents.get(&depth.saturating_sub(1)).cloned().unwrap_or_default();
            args.splice(at..=at, inherited);
        }
        parents.insert(depth, args.clone());
        // `!Type` is a grouping that cannot be annotated.
        if term.starts_with('!') {
            continue;
        }
        match section.as_str() {
            "entities" | "spans" => conf.entities.push(term.to_string()),
            "relations" if !term.starts_with('<') && term != "ENTITY-NESTING" => {
                conf.relations.push(term.to_string());
            }
            "events" => {
                let mut roles = Vec::new();
                for arg in &args {
                    let (key, targets) = arg
                        .split_once(':')
                        .ok_or_else(|| (n, format!("`{arg}` is not ROLE:TYPE|TYPE")))?;
                    if key.starts_with('<') {
                        continue;
                    }
                    let split = key.find(['{', '?', '*', '+']).unwrap_or(key.len());
                    let (name, rep) = key.split_at(split);
                    let cardinality = if rep.is_empty() {
                        Cardinality::ONE
                    } else {
                        Cardinality::parse(rep).map_err(|e| (n, format!("role {name}: {e}")))?
                    };
                    let targets = targets.split('|').filter(|t| !t.is_empty()).map(String::from);
                    roles.push(RoleDecl {
                        name: name.to_string(),
                        cardinality,
                        targets: targets.collect(),
                    });
                }
                conf.events.push(EventDecl { name: term.to_string(), roles });
            }
            "attributes" => {
                let mut decl = AttrDecl { name: term.to_string(), on: Vec::new(), values: None };
                for arg in &args {
                    let Some((key, value)) = arg.split_once(':') else {
                        return Err((n, format!("`{arg}` is not KEY:VALUE")));
                    };
                    let list = value.split('|').filter(|v| !v.is_empty()).map(String::from);
                    match key {
                        "Arg" => decl.on = list.collect(),
                        "Value" => decl.values = Some(list.collect()),
                        _ => {}
                    }
                }
                conf.attributes.push(decl);
            }
            _ => {}
        }
    }
    Ok(conf)
}

pub fn parse_visual_conf(text: &str) -> Visual {
    let mut visual = Visual::default();
    for (section, _, line) in lines(text) {
        match section.as_str() {
            "labels" => {
                let names = line.split('\t').next().unwrap_or_default();
                let mut terms = names.split('|').map(str::trim).filter(|t| !t.is_empty());
                if let (Some(brat), Some(shown)) = (terms.next(), terms.next()) {
                    visual.labels.insert(brat.to_string(), shown.to_string());
                }
            }
            "drawing" => {
                let ConfLine { term, args, .. } = conf_line(&line);
                let color = args
                    .iter()
                    .filter_map(|a| a.split_once(':'))
                    .find(|(k, _)| *k == "bgColor")
                    .and_then(|(_, v)| Rgb::parse(v.trim()));
                if let Some(color) = color {
                    visual.colors.insert(term.to_string(), color);
                }
            }
            _ => {}
        }
    }
    visual
}

/// Colours for types visual.conf does not colour.
const PALETTE: [[u8; 3]; 6] = [
    [0x3b, 0x82, 0xf6],
    [0x16, 0xa3, 0x4a],
    [0xf5, 0x9e, 0x0b],
    [0x8b, 0x5c, 0xf6],
    [0xec, 0x48, 0x99],
    [0x64, 0x74, 0x8b],
];

/// The Acta schema a brat collection declares. `trigger_label` is the label brat's event
/// triggers get in Acta; it is a trigger label here even when [entities] lists it.
pub fn to_schema(conf: &Conf, visual: &Visual, names: &NameMaps, trigger_label: &str) -> Schema {
    let mut n = 0;
    let mut color = |brat: &str| {
        n += 1;
        visual.colors.get(brat).copied().unwrap_or(Rgb(PALETTE[(n - 1) % PALETTE.len()]))
    };
    let mut labels: Vec<LabelDef> = Vec::new();
    for e in &conf.entities {
        let name = names.type_name(e);
        if labels.iter().any(|l| l.name == name) {
            continue;
        }
        let kind = if name == trigger_label { LabelKind::Event } else { LabelKind::Entity };
        labels.push(LabelDef { name, color: color(e), hotkey: None, kind });
    }
    let target = |t: &str| -> Vec<String> {
        match t {
            "<ANY>" => vec![ANY_ENTITY.into(), ANY_EVENT.into()],
            t if t.starts_with('<') => vec![t.to_string()],
            t => vec![names.type_name(t)],
        }
    };
    let event_types: Vec<EventTypeDef> = conf
        .events
        .iter()
        .map(|ev| EventTypeDef {
            name: names.type_name(&ev.name),
            color: color(&ev.name),
            roles: ev
                .roles
                .iter()
                .map(|r| RoleDef {
                    name: names.role(&r.name),
                    targets: r.targets.iter().flat_map(|t| target(t)).collect(),
                    cardinality: r.cardinality,
                    hotkey: None,
                })
                .collect(),
        })
        .collect();
    let all_events: Vec<String> = event_types.iter().map(|t| t.name.clone()).collect();
    let all_entities: Vec<String> =
        labels.iter().filter(|l| l.kind == LabelKind::Entity).map(|l| l.name.clone()).collect();
    let attributes = conf
        .attributes
        .iter()
        .map(|a| {
            let mut on: Vec<String> = Vec::new();
            for t in &a.on {
                let more = match t.as_str() {
                    "<EVENT>" => all_events.clone(),
                    "<ENTITY>" => all_entities.clone(),
                    "<ANY>" => all_entities.iter().chain(&all_events).cloned().collect(),
                    t => vec![names.type_name(t)],
                };
                for m in more {
                    if !on.contains(&m) {
                        on.push(m);
                    }
                }
            }
            // A binary attribute is there or not: Acta stores "true".
            let values = a.values.clone().unwrap_or_else(|| vec!["true".into()]);
            AttributeDef { name: names.attribute(&a.name), on, kind: AttrKind::Choice(values) }
        })
        .collect();
    Schema { labels, event_types, attributes }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VALIDATOR_EXAMPLE: &str = "[entities]\nActor\nDate\n\n[relations]\n\
        Ally\tArg1:Actor, Arg2:Actor\n<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n\n\
        [events]\nRecognition\tAgent:Actor, Recognized+:Actor, Date?:Date\n\n[attributes]\n\
        Negated\tArg:<EVENT>\nCertainty\tArg:<EVENT>, Value:Confirmed|Reported|Rumoured\n";

    #[test]
    fn reads_brat_configuration() -> Result<(), Box<dyn std::error::Error>> {
        let conf = parse_annotation_conf(VALIDATOR_EXAMPLE).map_err(|e| format!("{e:?}"))?;
        assert_eq!(conf.entities, ["Actor", "Date"]);
        assert_eq!(conf.relations, ["Ally"]);
        let roles = &conf.events[0].roles;
        assert_eq!(roles.len(), 3);
        assert_eq!(
            (roles[1].name.as_str(), roles[1].cardinality),
            ("Recognized", Cardinality::ONE_OR_MORE)
        );
        assert_eq!(roles[0].cardinality, Cardinality::ONE);
        assert_eq!(conf.attributes[0].values, None);
        let schema = to_schema(&conf, &Visual::default(), &NameMaps::default(), "Event");
        assert_eq!(schema.attributes[1].on, ["Recognition"]);
        assert_eq!(schema.attributes[0].kind, AttrKind::Choice(vec!["true".into()]));
        assert_eq!(schema.labels[0].kind, LabelKind::Entity);
        Ok(())
    }

    #[test]
    fn macros_hierarchy_and_bad_cardinality() {
        let text = "[entities]\n!Thing\n  Person\n  Place\n[events]\n<P>=Person|Place\n\
            Meet\tWho{2-3}:<P>, Where?:Place\n Talk\t<INHERIT>, Topic*:Thing\n";
        let conf = parse_annotation_conf(text).unwrap_or_default();
        assert_eq!(conf.entities, ["Person", "Place"]);
        assert_eq!(conf.events[0].roles[0].targets, ["Person", "Place"]);
        assert_eq!(conf.events[0].roles[0].cardinality, Cardinality { min: 2, max: Some(3) });
        assert_eq!(conf.events[1].roles.len(), 3, "inherits Who and Where");
        let bad = parse_annotation_conf("[events]\nMeet\tWho{x}:Person\n");
        assert!(matches!(bad, Err((2, ref m)) if m.contains("Who")), "{bad:?}");
    }

    #[test]
    fn visual_round_trip() {
        let mut v = Visual::default();
        v.labels.insert("Actor_".into(), "Actor|x".into());
        v.colors.insert("Actor".into(), Rgb([0x3b, 0x82, 0xf6]));
        let back = parse_visual_conf(&write_visual_conf(&v));
        assert_eq!(back.labels.get("Actor_").map(String::as_str), Some("Actor x"));
        assert_eq!(back.colors, v.colors);
    }
}
