//! The lines that point at others: events and their arguments (`Theme2` is a second Theme),
//! attributes, AnnotatorNotes, and the R, `*` and N lines Acta keeps as notes since it has no
//! relations yet. Every id must exist; an error names file:line.

use super::ann::Ann;
use super::build::{Build, State};
use crate::formats::import::ImportError;
use crate::model::{AnnId, Argument, Event};
use std::collections::HashMap;

impl Build<'_> {
    /// The Acta annotation a brat id names: `Some` for a T or an E, `None` for another kind
    /// (a relation), an error when nothing has that id.
    pub(crate) fn target(
        &self,
        st: &State,
        ids: &HashMap<&str, usize>,
        n: usize,
        who: &str,
        id: &str,
    ) -> Result<Option<AnnId>, ImportError> {
        match (st.t.get(id), st.e.get(id)) {
            (Some(&x), _) | (None, Some(&x)) => Ok(Some(x)),
            _ if ids.contains_key(id) => Ok(None),
            _ => Err(self.bad(n, format!("{who}: {id} does not exist"))),
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn event(
        &mut self,
        st: &mut State,
        ids: &HashMap<&str, usize>,
        n: usize,
        id: &str,
        ty: &str,
        trigger: &str,
        args: &[(String, String)],
    ) -> Result<(), ImportError> {
        let Some(&trigger_span) = st.t.get(trigger) else {
            let why = if ids.contains_key(trigger) { "is not a T line" } else { "does not exist" };
            return Err(self.bad(n, format!("{id}: its trigger {trigger} {why}")));
        };
        let Some(&eid) = st.e.get(id) else { return Ok(()) };
        let known = self.coll.roles.get(ty);
        let mut arguments = Vec::with_capacity(args.len());
        for (role, target) in args {
            // Repeated roles are numbered: Theme, Theme2... unless the conf names a role so.
            let base = match known {
                Some(k) if k.contains(role) => role.as_str(),
                _ => match role.trim_end_matches(|c: char| c.is_ascii_digit()) {
                    "" => role.as_str(),
                    base => base,
                },
            };
            let Some(target) = self.target(st, ids, n, id, target)? else {
                return Err(self
                    .bad(n, format!("{id}: argument {role}:{target} must point at a T or an E")));
            };
            arguments.push(Argument { role: self.coll.names.role(base), target });
        }
        let extra = self.side.and_then(|s| s.events.get(id));
        let from_file =
            self.side.map(|s| extra.and_then(|x| x.annotator.as_deref()).unwrap_or(&s.annotator));
        let mut event = Event::new(
            eid,
            trigger_span,
            &self.coll.names.type_name(ty),
            &self.options.annotator_for(from_file),
        );
        event.arguments = arguments;
        st.event_at.insert(eid, st.events.len());
        st.events.push(event);
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    /// The owner of an A or # line: what it points at, or the trigger span the sidecar says it
    /// belongs to (the exporter writes those on the event, as brat wants).
    fn owner(
        &mut self,
        st: &State,
        ids: &HashMap<&str, usize>,
        n: usize,
        id: &str,
        target: &str,
    ) -> Result<Option<AnnId>, ImportError> {
        let moved = self.side.and_then(|s| s.moved.get(id)).and_then(|t| st.t.get(t));
        if let Some(&span) = moved {
            return Ok(Some(span));
        }
        let owner = self.target(st, ids, n, id, target)?;
        if owner.is_none() {
            let at = self.where_(n);
            self.notes
                .push(format!("{at}: {id} is on {target}, which Acta cannot hold; not imported"));
        }
        Ok(owner)
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn attribute(
        &mut self,
        st: &mut State,
        ids: &HashMap<&str, usize>,
        n: usize,
        id: &str,
        name: &str,
        target: &str,
        value: Option<&str>,
    ) -> Result<(), ImportError> {
        let Some(owner) = self.owner(st, ids, n, id, target)? else { return Ok(()) };
        let name = self.coll.names.attribute(name);
        // A binary attribute is there or not: Acta stores "true".
        let value = value.unwrap_or("true").to_string();
        let Some(attributes) = st.attributes_of(owner) else { return Ok(()) };
        if let Some(old) = attributes.insert(name.clone(), value.clone())
            && old != value
        {
            self.notes
                .push(format!("{}: {target} has {name} twice; kept {value:?}", self.where_(n)));
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn note(
        &mut self,
        st: &mut State,
        ids: &HashMap<&str, usize>,
        n: usize,
        id: &str,
        kind: &str,
        target: &str,
        text: &str,
    ) -> Result<(), ImportError> {
        let Some(owner) = self.owner(st, ids, n, id, target)? else { return Ok(()) };
        if kind == "AnnotatorNotes" {
            st.note_on(owner, text);
        } else {
            st.note_on(owner, &format!("{kind}: {text}"));
        }
        Ok(())
    }

    /// Values and notes as Acta had them, where brat shows them simplified or not at all.
    pub(crate) fn exact(&self, st: &mut State) {
        let Some(side) = self.side else { return };
        let owner = |st: &State, id: &str| st.t.get(id).or_else(|| st.e.get(id)).copied();
        for (id, values) in &side.attributes {
            if let Some(attributes) = owner(st, id).and_then(|o| st.attributes_of(o)) {
                attributes.extend(values.iter().map(|(k, v)| (k.clone(), v.clone())));
            }
        }
        for (id, exact) in &side.notes {
            if let Some(note) = owner(st, id).and_then(|o| st.note_of(o)) {
                *note = Some(exact.clone());
            }
        }
    }

    /// R, `*` and N lines: notes on the annotations they start from, with the other end quoted.
    pub(crate) fn links(
        &mut self,
        st: &mut State,
        ids: &HashMap<&str, usize>,
        lines: &[(usize, Ann)],
    ) -> Result<(), ImportError> {
        let quote = |st: &State, id: &str| match st.quotes.get(id) {
            Some(q) => format!("{id} «{q}»"),
            None => id.to_string(),
        };
        let (mut relations, mut equivs, mut norms) = (0, 0, 0);
        for (n, ann) in lines {
            match ann {
                Ann::Relation { id, ty, args } => {
                    let mut owners = Vec::new();
                    for (_, target) in args {
                        owners.push(self.target(st, ids, *n, id, target)?);
                    }
                    let parts: Vec<String> =
                        args.iter().map(|(r, t)| format!("{r} {}", quote(st, t))).collect();
                    if let Some(Some(owner)) = owners.first() {
                        st.note_on(
                            *owner,
                            &format!("brat relation {id} {ty}: {}", parts.join(", ")),
                        );
                    }
                    relations += 1;
                }
                Ann::Equiv { ty, ids: members } => {
                    for m in members {
                        let owner = self.target(st, ids, *n, ty, m)?;
                        let others: Vec<String> =
                            members.iter().filter(|o| *o != m).map(|o| quote(st, o)).collect();
                        if let Some(owner) = owner {
                            st.note_on(owner, &format!("brat {ty} with {}", others.join(", ")));
                        }
                    }
                    equivs += 1;
                }
                Ann::Norm { id, ty, target, reference, text } => {
                    if let Some(owner) = self.target(st, ids, *n, id, target)? {
                        st.note_on(
                            owner,
                            &format!("brat normalization {id} {ty} {reference} «{text}»"),
                        );
                    }
                    norms += 1;
                }
                _ => {}
            }
        }
        if relations + equivs + norms > 0 {
            self.notes.push(format!(
                "{}: {relations} relation(s), {equivs} Equiv group(s) and {norms} normalization(s) \
                 kept as notes on the annotations they start from (Acta has no relations yet)",
                self.path.display()
            ));
        }
        Ok(())
    }
}
