//! Checks of events: type known, trigger present and of an event label, every argument
//! pointing at something that exists and that its role allows, every role within its
//! cardinality (a missing mandatory role is reported by name), attributes valid.

use super::spans::attribute_problems;
use super::{Problem, ProblemKind};
use crate::model::document::Document;
use crate::model::event::Event;
use crate::model::project::Project;

/// The label of a span, or the type of an event, that `target` names.
fn kind_of(doc: &Document, target: crate::model::AnnId) -> Option<&str> {
    doc.span(target)
        .map(|s| s.label.as_str())
        .or_else(|| doc.event(target).map(|e| e.event_type.as_str()))
}

pub(super) fn check(project: &Project, doc: &Document) -> Vec<Problem> {
    let mut problems = Vec::new();
    for event in doc.events() {
        let warn = |kind| Problem::event_warning(&doc.meta.id, event.id, kind);
        problems.extend(check_event(project, doc, event).into_iter().map(warn));
    }
    problems
}

fn check_event(project: &Project, doc: &Document, event: &Event) -> Vec<ProblemKind> {
    let schema = &project.schema;
    let mut out = Vec::new();
    match doc.span(event.trigger) {
        None => out.push(ProblemKind::MissingTrigger(event.trigger)),
        Some(t) if !schema.is_trigger_label(&t.label) => {
            out.push(ProblemKind::TriggerNotEventLabel(t.label.clone()))
        }
        Some(_) => {}
    }
    for a in &event.arguments {
        if kind_of(doc, a.target).is_none() {
            out.push(ProblemKind::DanglingArgument { role: a.role.clone(), target: a.target });
        }
    }
    out.extend(attribute_problems(project, doc, &event.event_type, &event.attributes));
    let Some(def) = schema.event_type(&event.event_type) else {
        out.push(ProblemKind::UnknownEventType(event.event_type.clone()));
        return out;
    };
    for a in &event.arguments {
        let Some(role) = def.role(&a.role) else {
            out.push(ProblemKind::UnknownRole {
                role: a.role.clone(),
                event_type: def.name.clone(),
            });
            continue;
        };
        let allowed = match (doc.span(a.target), doc.event(a.target)) {
            (Some(s), _) => schema.role_allows_span(role, &s.label),
            (_, Some(e)) => schema.role_allows_event(role, &e.event_type),
            _ => true, // reported above as dangling
        };
        if let (false, Some(found)) = (allowed, kind_of(doc, a.target)) {
            out.push(ProblemKind::WrongTarget {
                role: role.name.clone(),
                found: found.to_string(),
                allowed: role.targets.join(", "),
            });
        }
    }
    for role in &def.roles {
        let count = event.in_role(&role.name).count();
        if count == 0 && role.cardinality.is_mandatory() {
            out.push(ProblemKind::MissingRole(role.name.clone()));
        } else if !role.cardinality.allows(count) {
            out.push(ProblemKind::TooManyArguments {
                role: role.name.clone(),
                count,
                cardinality: role.cardinality.to_string(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::model::validate::check_document;
    use crate::model::{AnnId, Argument, DocMeta, Document, Edit, Event, Project, Span};
    use std::sync::Arc;

    // Seed 003's first sentence.
    const TEXT: &str = "Южная Осетия признала независимость ДНР и ЛНР в июне 2014 года.";

    fn project() -> Project {
        let mut p = Project::new("t");
        let meta =
            DocMeta { id: "003".into(), dateline: Some("2015-04-28".into()), ..Default::default() };
        p.documents.push(Arc::new(Document::new(meta, TEXT)));
        let spans = [
            (1, 0, 12, "Actor"),
            (2, 13, 35, "Event"),
            (3, 36, 39, "Actor"),
            (4, 42, 45, "Actor"),
            (5, 46, 62, "Date"),
        ];
        for (id, s, e, l) in spans {
            let _ =
                Edit::AddSpan { doc: 0, span: Span::new(AnnId(id), s, e, l, "a") }.apply(&mut p);
        }
        p
    }

    fn problems_of(p: &Project) -> Vec<String> {
        check_document(p, &p.documents[0]).iter().map(|x| x.to_string()).collect()
    }

    fn arg(role: &str, target: u64) -> Argument {
        Argument { role: role.into(), target: AnnId(target) }
    }

    #[test]
    fn the_seed_003_event_is_valid_and_breaking_it_is_reported() {
        let mut p = project();
        let mut e = Event::new(AnnId(6), AnnId(2), "Recognition", "a");
        e.arguments = vec![arg("Agent", 1), arg("Theme", 3), arg("Theme", 4), arg("Time", 5)];
        e.attributes.insert("polarity".into(), "asserted".into());
        assert!(Edit::AddEvent { doc: 0, event: e.clone() }.apply(&mut p).is_ok());
        assert_eq!(problems_of(&p), Vec::<String>::new());

        let without_agent = e.arguments[1..].to_vec();
        assert!(
            Edit::SetArguments { doc: 0, id: AnnId(6), arguments: without_agent }
                .apply(&mut p)
                .is_ok()
        );
        assert_eq!(problems_of(&p), vec!["document `003`, event #6: missing mandatory role Agent"]);

        let wrong = vec![arg("Agent", 5), arg("Time", 5), arg("Time", 5), arg("Venue", 1)];
        assert!(
            Edit::SetArguments { doc: 0, id: AnnId(6), arguments: wrong }.apply(&mut p).is_ok()
        );
        let found = problems_of(&p).join("\n");
        assert!(found.contains("role Agent cannot point at a `Date` (allowed: Actor)"), "{found}");
        assert!(found.contains("role Venue is not a role of `Recognition`"), "{found}");
        assert!(found.contains("2 arguments in role Time, which takes ?"), "{found}");
    }

    #[test]
    fn attributes_and_triggers_are_checked() {
        let mut p = project();
        let set = |id, name: &str, value: &str| Edit::SetAttribute {
            doc: 0,
            id: AnnId(id),
            name: name.into(),
            value: Some(value.into()),
        };
        for e in [
            set(1, "kind", "state"),
            set(5, "value", "2014-06"),
            set(3, "kind", "planet"),
            set(4, "colour", "red"),
            set(5, "value", "june"),
        ] {
            assert!(e.apply(&mut p).is_ok());
        }
        let mut e = Event::new(AnnId(6), AnnId(1), "Recognition", "a");
        e.arguments = vec![arg("Agent", 3)];
        assert!(Edit::AddEvent { doc: 0, event: e }.apply(&mut p).is_ok());
        let found = problems_of(&p).join("\n");
        assert!(
            found.contains("span #3: attribute `kind` has value \"planet\": not one of person"),
            "{found}"
        );
        assert!(
            found.contains("span #4: attribute `colour` is not defined for `Actor`"),
            "{found}"
        );
        assert!(found.contains("span #5: attribute `value` has value \"june\""), "{found}");
        assert!(found.contains("event #6: its trigger is labelled `Actor`"), "{found}");
        assert!(!found.contains("span #1"), "a valid choice is no problem: {found}");
    }
}
