//! Attributes and the note of the selected span or event, as the schema defines them: a choice
//! list, free text, or a date value checked and normalised as it is typed (relative values use
//! the dateline). Text fields keep a draft and commit on Enter or when focus leaves.

use crate::app::AppState;
use crate::model::validate::check_value;
use crate::model::{AnnId, AttrKind, Edit, date_value};
use eframe::egui::{self, RichText, Ui};
use std::collections::HashMap;

/// Drafts of text fields, per (annotation, field); dropped when the annotation changes.
#[derive(Default)]
pub struct ExtrasDrafts {
    owner: Option<AnnId>,
    text: HashMap<String, String>,
}

const NOTE: &str = "\u{0}note";

pub fn annotation_extras_ui(
    ui: &mut Ui,
    state: &mut AppState,
    id: AnnId,
    owner: &str,
    drafts: &mut ExtrasDrafts,
) {
    if drafts.owner != Some(id) {
        drafts.owner = Some(id);
        drafts.text.clear();
    }
    let Some(doc) = state.project.documents.get(state.current).cloned() else { return };
    let (attributes, note) = match (doc.span(id), doc.event(id)) {
        (Some(s), _) => (s.attributes.clone(), s.note.clone()),
        (_, Some(e)) => (e.attributes.clone(), e.note.clone()),
        _ => return,
    };
    let defs: Vec<_> = state.project.schema.attributes_for(owner).cloned().collect();
    let dateline = doc.meta.dateline.clone();
    let mut commit: Vec<(String, Option<String>)> = Vec::new();
    egui::Grid::new(("attributes", id)).num_columns(2).show(ui, |ui| {
        for def in &defs {
            let current = attributes.get(&def.name).cloned();
            let label = ui.label(&def.name);
            match &def.kind {
                AttrKind::Choice(options) => {
                    let mut chosen = current.clone();
                    egui::ComboBox::from_id_salt(("attr", id, &def.name))
                        .selected_text(current.as_deref().unwrap_or("—"))
                        .show_ui(ui, |ui| {
                            ui.selectable_value(&mut chosen, None, "—");
                            for o in options {
                                ui.selectable_value(&mut chosen, Some(o.clone()), o);
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    if chosen != current {
                        commit.push((def.name.clone(), chosen));
                    }
                }
                AttrKind::Text | AttrKind::Date => {
                    let draft = drafts
                        .text
                        .entry(def.name.clone())
                        .or_insert_with(|| current.clone().unwrap_or_default());
                    ui.vertical(|ui| {
                        let response = ui
                            .add(egui::TextEdit::singleline(draft).desired_width(180.0))
                            .labelled_by(label.id);
                        let is_date = def.kind == AttrKind::Date;
                        let parsed = (is_date && !draft.trim().is_empty())
                            .then(|| date_value::normalize(draft, dateline.as_deref()));
                        match &parsed {
                            Some(Ok(v)) if Some(v) != current.as_ref() => {
                                ui.weak(format!("→ {v}"));
                            }
                            Some(Err(e)) => {
                                ui.colored_label(ui.visuals().warn_fg_color, e);
                            }
                            _ => {}
                        }
                        if response.lost_focus() {
                            let value = match parsed {
                                Some(Ok(v)) => Some(v),
                                Some(Err(_)) => return,
                                None => Some(draft.trim().to_string()).filter(|v| !v.is_empty()),
                            };
                            if value != current {
                                *draft = value.clone().unwrap_or_default();
                                commit.push((def.name.clone(), value));
                            }
                        }
                    });
                }
            }
            ui.end_row();
        }
    });
    // Attributes the schema does not define (from an older schema or a file): visible, removable.
    for (name, value) in attributes.iter().filter(|(n, _)| !defs.iter().any(|d| &d.name == *n)) {
        ui.horizontal(|ui| {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!("{name} = {value} (not in the schema)"),
            );
            if ui.small_button("✕").clicked() {
                commit.push((name.clone(), None));
            }
        });
    }
    for (name, value) in attributes.iter().filter(|(n, _)| defs.iter().any(|d| &d.name == *n)) {
        if let Some(def) = defs.iter().find(|d| &d.name == name)
            && let Err(e) = check_value(&def.kind, value, dateline.as_deref())
        {
            ui.colored_label(ui.visuals().warn_fg_color, format!("{name}: {e}"));
        }
    }
    let note_draft =
        drafts.text.entry(NOTE.into()).or_insert_with(|| note.clone().unwrap_or_default());
    let label = ui.label(RichText::new("Note").weak());
    let response = ui
        .add(egui::TextEdit::multiline(note_draft).desired_rows(1).desired_width(f32::INFINITY))
        .labelled_by(label.id);
    if response.lost_focus() {
        let value = Some(note_draft.trim().to_string()).filter(|n| !n.is_empty());
        if value != note {
            state.apply(Edit::SetNote { doc: state.current, id, note: value });
        }
    }
    for (name, value) in commit {
        state.apply(Edit::SetAttribute { doc: state.current, id, name, value });
    }
}
