//! The event card in the right panel: the type picker for a new event, the open event with its
//! role slots (key, name, cardinality, fillers, what is missing), the argument picker, and the
//! list of the document's events. Everything here can also be done from the keyboard
//! (`event_keys.rs`); the buttons are the same actions for the mouse.

use super::attributes::{ExtrasDrafts, annotation_extras_ui};
use super::toolbar::label_color32;
use crate::app::{AppState, Mode};
use crate::model::{AnnId, Document, Event, RoleDef};
use eframe::egui::{self, Color32, RichText, Ui};

/// Text of what an id names: a span's text, or an event's type and trigger.
pub fn describe(doc: &Document, id: AnnId) -> String {
    if let Some(s) = doc.span(id) {
        return format!("«{}»", s.text);
    }
    if let Some(e) = doc.event(id) {
        let trigger = doc.span(e.trigger).map(|s| s.text.as_str()).unwrap_or("?");
        return format!("{} «{trigger}»", e.event_type);
    }
    format!("{id} (missing)")
}

/// Roles that are mandatory and empty.
pub fn missing_roles(event: &Event, roles: &[RoleDef]) -> Vec<String> {
    roles
        .iter()
        .filter(|r| r.cardinality.is_mandatory() && event.in_role(&r.name).next().is_none())
        .map(|r| r.name.clone())
        .collect()
}

/// The card: shown while picking a type, or when an event is open. Returns whether it showed.
pub fn event_card_ui(ui: &mut Ui, state: &mut AppState, drafts: &mut ExtrasDrafts) -> bool {
    match state.mode.clone() {
        Mode::PickType { trigger, filter, cursor } => {
            type_picker_ui(ui, state, trigger, &filter, cursor);
            true
        }
        Mode::EditEvent { .. } | Mode::PickArgument { .. } => {
            open_event_ui(ui, state, drafts);
            true
        }
        Mode::Normal if state.open_event().is_some() => {
            open_event_ui(ui, state, drafts);
            true
        }
        Mode::Normal => false,
    }
}

fn type_picker_ui(ui: &mut Ui, state: &mut AppState, trigger: AnnId, filter: &str, cursor: usize) {
    let text = state.doc().map(|d| describe(d, trigger)).unwrap_or_default();
    ui.heading("New event");
    ui.label(format!("Trigger {text}: choose its type"));
    ui.weak("Type to filter · ↑ ↓ Enter · 1–9 · Esc keeps just the span");
    if !filter.is_empty() {
        ui.label(RichText::new(format!("filter: {filter}")).monospace());
    }
    let mut chosen = None;
    for (k, t) in state.type_candidates().iter().enumerate() {
        let text = RichText::new(format!("{}  {}", k + 1, t.name)).color(label_color32(t.color));
        if ui.selectable_label(k == cursor, text).clicked() {
            chosen = Some(t.name.clone());
        }
    }
    if let Some(name) = chosen {
        state.choose_type(&name);
    }
}

fn open_event_ui(ui: &mut Ui, state: &mut AppState, drafts: &mut ExtrasDrafts) {
    let (Some(doc), Some(event)) =
        (state.project.documents.get(state.current).cloned(), state.open_event().cloned())
    else {
        return;
    };
    ui.horizontal(|ui| {
        ui.heading(format!("Event {}", event.id));
        let name = ui.label("type");
        let mut chosen = event.event_type.clone();
        egui::ComboBox::from_id_salt("event-type")
            .selected_text(&event.event_type)
            .show_ui(ui, |ui| {
                for t in &state.project.schema.event_types {
                    let text = RichText::new(&t.name).color(label_color32(t.color));
                    ui.selectable_value(&mut chosen, t.name.clone(), text);
                }
            })
            .response
            .labelled_by(name.id);
        if chosen != event.event_type {
            state.set_event_type(event.id, &chosen);
        }
    });
    ui.horizontal(|ui| {
        ui.label("Trigger");
        if ui.link(describe(&doc, event.trigger)).on_hover_text("Select the trigger span").clicked()
        {
            state.mode = Mode::Normal;
            state.select_span(event.trigger);
        }
    });
    let roles = state.open_roles();
    let (picking, slot) = match &state.mode {
        Mode::PickArgument { role, .. } => (Some(role.clone()), None),
        Mode::EditEvent { slot, .. } => (None, Some(*slot)),
        _ => (None, None),
    };
    ui.weak(
        "Role key or click a role, then pick; with new text selected, the key tags it. Esc closes.",
    );
    // One wrapping row per role (a grid would not grow a row for chips that wrap).
    for (k, role) in roles.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            let key = role.hotkey.clone().unwrap_or_default();
            ui.add_sized([14.0, 18.0], egui::Label::new(RichText::new(key).monospace().weak()));
            let active = picking.as_deref() == Some(role.name.as_str()) || slot == Some(k);
            let title = format!("{} {}", role.name, role.cardinality);
            let button = egui::Button::selectable(active, title).min_size(egui::vec2(110.0, 0.0));
            if ui.add(button).on_hover_text(role.targets.join(", ")).clicked() {
                state.fill_role(&role.name);
            }
            let mut remove = None;
            for (i, a) in event.arguments.iter().enumerate().filter(|(_, a)| a.role == role.name) {
                if ui
                    .small_button(format!("{} ✕", describe(&doc, a.target)))
                    .on_hover_text("Remove")
                    .clicked()
                {
                    remove = Some(i);
                }
            }
            if event.in_role(&role.name).next().is_none() && role.cardinality.is_mandatory() {
                ui.colored_label(ui.visuals().warn_fg_color, "missing");
            }
            if let Some(i) = remove {
                state.remove_argument(event.id, i);
            }
        });
    }
    let strays: Vec<_> =
        event.arguments.iter().filter(|a| !roles.iter().any(|r| r.name == a.role)).collect();
    for a in strays {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!("{}: {} (not a role of this type)", a.role, describe(&doc, a.target)),
        );
    }
    if let Some(role) = picking {
        argument_picker_ui(ui, state, &role);
    }
    annotation_extras_ui(ui, state, event.id, &event.event_type, drafts);
    if ui.button("Delete event").clicked() {
        state.selected = Some(event.id);
        state.delete_selected();
    }
}

fn argument_picker_ui(ui: &mut Ui, state: &mut AppState, role: &str) {
    let (filter, cursor) = match &state.mode {
        Mode::PickArgument { filter, cursor, .. } => (filter.clone(), *cursor),
        _ => return,
    };
    ui.separator();
    ui.label(RichText::new(format!("Choose the {role}")).strong());
    ui.weak("Type to filter · ↑ ↓ Enter · 1–9 · or click it in the text · Esc");
    if !filter.is_empty() {
        ui.label(RichText::new(format!("filter: {filter}")).monospace());
    }
    let candidates = state.argument_candidates();
    if candidates.is_empty() {
        ui.weak("Nothing fits: select text and press the role key to tag it.");
    }
    let mut chosen = None;
    egui::ScrollArea::vertical().id_salt("candidates").max_height(220.0).show(ui, |ui| {
        for (k, c) in candidates.iter().enumerate().take(200) {
            let number = if k < 9 { format!("{}", k + 1) } else { " ".into() };
            let text = format!("{number}  {}  «{}»", c.kind, c.text);
            if ui.selectable_label(k == cursor, text).clicked() {
                chosen = Some(c.id);
            }
        }
    });
    if let Some(id) = chosen {
        state.choose_argument(id);
    }
}

/// The document's events: type, trigger, filled roles, what is missing. A click opens one.
pub fn event_list_ui(ui: &mut Ui, state: &mut AppState) {
    let Some(doc) = state.project.documents.get(state.current).cloned() else { return };
    if doc.event_count() == 0 {
        return;
    }
    let mut open = None;
    egui::CollapsingHeader::new(format!("Events ({})", doc.event_count())).default_open(true).show(
        ui,
        |ui| {
            // Rows of one line, and only the visible ones built: a document may hold 10k events.
            let row = ui.spacing().interact_size.y;
            let rows = doc.event_count();
            let area = egui::ScrollArea::vertical().id_salt("events").max_height(180.0);
            area.show_rows(ui, row, rows, |ui, visible| {
                // One line a row: what does not fit is cut short rather than widening the panel.
                ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
                for event in doc.events().skip(visible.start).take(visible.len()) {
                    let roles = state
                        .project
                        .schema
                        .event_type(&event.event_type)
                        .map(|t| t.roles.clone())
                        .unwrap_or_default();
                    let missing = missing_roles(event, &roles);
                    let color = state
                        .project
                        .schema
                        .event_type(&event.event_type)
                        .map_or(Color32::GRAY, |t| label_color32(t.color));
                    let mut filled: Vec<String> = Vec::new();
                    for r in &roles {
                        let n = event.in_role(&r.name).count();
                        if n > 0 {
                            filled.push(if n == 1 {
                                r.name.clone()
                            } else {
                                format!("{}×{n}", r.name)
                            });
                        }
                    }
                    let selected = state.open_event().is_some_and(|e| e.id == event.id);
                    let response = ui.horizontal(|ui| {
                        ui.set_height(row);
                        let r = ui.selectable_label(
                            selected,
                            RichText::new(format!(
                                "{} {}",
                                event.event_type,
                                describe(&doc, event.trigger)
                            ))
                            .color(color),
                        );
                        ui.weak(filled.join(" · "));
                        if !missing.is_empty() {
                            ui.colored_label(
                                ui.visuals().warn_fg_color,
                                format!("missing {}", missing.join(", ")),
                            );
                        }
                        r
                    });
                    if response.inner.clicked() {
                        open = Some(event.id);
                    }
                }
            });
        },
    );
    if let Some(id) = open {
        state.edit_event(id);
    }
}
