//! The `.ann` lines, read the way brat's own parser (annotation.py) reads them: an id, a tab,
//! the data up to the next tab, and the rest (a T's text, a note). Checks that need the text
//! (offsets, covered text) and the other lines (ids) come later, in `import.rs`.

/// One annotation line; `line` is 1-based.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ann {
    /// `T1\tActor 0 5;6 12\tЮжная Осетия`
    Text { id: String, ty: String, frags: Vec<(usize, usize)>, text: Option<String> },
    /// `E1\tRecognition:T2 Agent:T1 Theme2:E3`
    Event { id: String, ty: String, trigger: String, args: Vec<(String, String)> },
    /// `A1\tCertainty E1 Confirmed`, `A2\tNegated E1` (and the old `M` lines).
    Attribute { id: String, name: String, target: String, value: Option<String> },
    /// `#1\tAnnotatorNotes T5\tnote`
    Note { id: String, kind: String, target: String, text: String },
    /// `R1\tAlly Arg1:T3 Arg2:T4`
    Relation { id: String, ty: String, args: Vec<(String, String)> },
    /// `*\tEquiv T1 T2`
    Equiv { ty: String, ids: Vec<String> },
    /// `N1\tReference T1 Wikidata:Q23427\tЮжная Осетия`
    Norm { id: String, ty: String, target: String, reference: String, text: String },
}

impl Ann {
    /// The id other lines use to point here.
    pub fn id(&self) -> Option<&str> {
        match self {
            Ann::Text { id, .. }
            | Ann::Event { id, .. }
            | Ann::Attribute { id, .. }
            | Ann::Relation { id, .. }
            | Ann::Norm { id, .. } => Some(id),
            Ann::Note { .. } | Ann::Equiv { .. } => None,
        }
    }
}

/// brat reads `.ann` in text mode: `\r\n` and a lone `\r` end a line too.
pub fn split_lines(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        match rest.find(['\r', '\n']) {
            Some(i) => {
                out.push(&rest[..i]);
                let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = &rest[i + skip..];
            }
            None => {
                out.push(rest);
                rest = "";
            }
        }
    }
    out
}

/// Every line of a `.ann`, with its line number; an error is (line, what is wrong).
pub fn parse(text: &str) -> Result<Vec<(usize, Ann)>, (usize, String)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    for (i, line) in split_lines(text).into_iter().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let n = i + 1;
        out.push((n, parse_line(line).map_err(|m| (n, m))?));
    }
    Ok(out)
}

fn parse_line(line: &str) -> Result<Ann, String> {
    let (id, rest) = line
        .split_once('\t')
        .ok_or_else(|| format!("not a brat annotation (no tab after the id): {line:?}"))?;
    let (data, tail) = match rest.split_once('\t') {
        Some((d, t)) => (d, Some(t)),
        None => (rest, None),
    };
    let bad = |what: &str| format!("{id}: {what}: {data:?}");
    let words: Vec<&str> = data.split_whitespace().collect();
    let pair = |w: &str| -> Result<(String, String), String> {
        w.split_once(':')
            .filter(|(a, b)| !a.is_empty() && !b.is_empty())
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .ok_or_else(|| bad(&format!("`{w}` is not ROLE:ID")))
    };
    match id.chars().next() {
        Some('T') => {
            let (ty, offsets) =
                data.split_once(' ').ok_or_else(|| bad("expected TYPE START END"))?;
            let mut frags = Vec::new();
            for part in offsets.split(';') {
                let mut nums = part.trim().split(' ').map(str::parse::<usize>);
                match (nums.next(), nums.next(), nums.next()) {
                    (Some(Ok(s)), Some(Ok(e)), None) => frags.push((s, e)),
                    _ => return Err(bad("offsets are not START END[;START END...]")),
                }
            }
            let text = tail.map(String::from);
            Ok(Ann::Text { id: id.into(), ty: ty.into(), frags, text })
        }
        Some('E') => {
            let (first, args) = words.split_first().ok_or_else(|| bad("expected TYPE:TRIGGER"))?;
            let (ty, trigger) = pair(first)?;
            let args = args.iter().map(|w| pair(w)).collect::<Result<_, _>>()?;
            Ok(Ann::Event { id: id.into(), ty, trigger, args })
        }
        Some('A' | 'M') => {
            // brat: `(.+?) (.+?) (.+?)$`, so a value may hold spaces.
            let mut parts = data.splitn(3, ' ');
            match (parts.next(), parts.next(), parts.next()) {
                (Some(name), Some(target), value) if !name.is_empty() && !target.is_empty() => {
                    Ok(Ann::Attribute {
                        id: id.into(),
                        name: name.into(),
                        target: target.into(),
                        value: value.map(String::from).filter(|v| !v.is_empty()),
                    })
                }
                _ => Err(bad("expected NAME TARGET [VALUE]")),
            }
        }
        Some('#') => match words.as_slice() {
            [kind, target] => Ok(Ann::Note {
                id: id.into(),
                kind: kind.to_string(),
                target: target.to_string(),
                text: tail.unwrap_or_default().to_string(),
            }),
            _ => Err(bad("expected AnnotatorNotes TARGET")),
        },
        Some('R') => match words.as_slice() {
            [ty, a, b] => Ok(Ann::Relation {
                id: id.into(),
                ty: ty.to_string(),
                args: vec![pair(a)?, pair(b)?],
            }),
            _ => Err(bad("expected TYPE Arg1:ID Arg2:ID")),
        },
        Some('*') => match words.split_first() {
            Some((ty, ids)) if ids.len() >= 2 => Ok(Ann::Equiv {
                ty: ty.to_string(),
                ids: ids.iter().map(|s| s.to_string()).collect(),
            }),
            _ => Err(bad("expected Equiv ID ID...")),
        },
        Some('N') => match words.as_slice() {
            [ty, target, reference] => Ok(Ann::Norm {
                id: id.into(),
                ty: ty.to_string(),
                target: target.to_string(),
                reference: reference.to_string(),
                text: tail.unwrap_or_default().to_string(),
            }),
            _ => Err(bad("expected TYPE TARGET DB:ID")),
        },
        _ => Err(format!("`{id}` is not a brat id (T, E, A, M, R, N, # or * and a number)")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_line() -> Result<(), (usize, String)> {
        let text = "T1\tActor 0 5;6 12\tЮжная Осетия\r\nE1\tRecognition:T2 Agent:T1 Theme2:E3\n\n\
            A1\tCertainty E1 Confirmed\nA2\tNegated E1\nA3\tcanonical T1 Russian Federation\n\
            #1\tAnnotatorNotes T5\tдень\tне указан\nR1\tAlly Arg1:T3 Arg2:T4\n*\tEquiv T1 T2\n\
            N1\tReference T1 Wikidata:Q23427\tЮжная Осетия\rT2\tDate 1 2";
        let lines = parse(text)?;
        assert_eq!(lines.len(), 10);
        assert_eq!(
            lines[0],
            (
                1,
                Ann::Text {
                    id: "T1".into(),
                    ty: "Actor".into(),
                    frags: vec![(0, 5), (6, 12)],
                    text: Some("Южная Осетия".into())
                }
            )
        );
        assert_eq!(lines[1].0, 2);
        assert_eq!(lines[2].0, 4, "blank lines count");
        assert!(matches!(&lines[3].1, Ann::Attribute { value: None, .. }));
        assert!(
            matches!(&lines[4].1, Ann::Attribute { value: Some(v), .. } if v == "Russian Federation")
        );
        assert!(matches!(&lines[5].1, Ann::Note { text, .. } if text == "день\tне указан"));
        assert!(matches!(&lines[9].1, Ann::Text { text: None, .. }), "a lone CR ends a line");
        Ok(())
    }

    #[test]
    fn bad_lines_name_their_line() {
        for (text, what) in [
            ("T1\tActor 0 5\tx\nT2 Actor 0 5 x", "no tab"),
            ("T1\tActor 0 5\tx\nT2\tActor zero 5\tx", "offsets"),
            ("T1\tActor 0 5\tx\nE1\tRecognition:T1 Agent", "ROLE:ID"),
            ("T1\tActor 0 5\tx\nX1\tfoo", "not a brat id"),
        ] {
            match parse(text) {
                Err((2, m)) => assert!(m.contains(what), "{m}"),
                other => panic!("{text:?} gave {other:?}"),
            }
        }
    }
}
