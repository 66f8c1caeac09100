//! The schema editor: a modal window with tabs for labels, event types (with their roles) and
//! attributes, editing a draft (`app::schema_draft`). Problems show under the tabs and keep
//! Apply disabled; a change that deletes annotations asks first, with the counts.

use super::toolbar::label_color32;
use crate::app::schema_draft::{AttrKindDraft, Owner, RowKey, SchemaDraft, SchemaTab};
use crate::app::{AppState, Dialog};
use crate::model::schema::{ANY_ENTITY, ANY_EVENT};
use crate::model::{Cardinality, LabelKind};
use eframe::egui::{self, Align2, Button, Id, Modal, Response, RichText, TextEdit, Ui, vec2};

enum Action {
    Keep,
    Cancel,
    Apply,
    Confirm,
}

pub fn schema_editor_ui(ctx: &egui::Context, state: &mut AppState) {
    let Some(Dialog::SchemaEditor(mut draft)) = state.dialog.take() else { return };
    let mut action = Action::Keep;
    // Clicks outside and Esc do not close it: a draft is work, only Cancel drops it. Anchored at
    // the top, so problems appearing below do not move the fields being edited.
    let id = Id::unique("schema-editor");
    let area = Modal::default_area(id).anchor(Align2::CENTER_TOP, vec2(0.0, 40.0));
    Modal::new(id).area(area).show(ctx, |ui| {
        ui.set_width(800.0);
        ui.heading("Schema");
        action = match draft.confirm.clone() {
            Some(question) => confirm_ui(ui, &question, &mut draft),
            None => editor_ui(ui, &mut draft),
        };
    });
    match action {
        Action::Keep => state.dialog = Some(Dialog::SchemaEditor(draft)),
        Action::Cancel => {}
        Action::Apply => state.apply_schema_draft(draft, false),
        Action::Confirm => state.apply_schema_draft(draft, true),
    }
}

fn confirm_ui(ui: &mut Ui, question: &[String], draft: &mut SchemaDraft) -> Action {
    ui.label(RichText::new("This change deletes annotations").strong());
    for line in question {
        ui.label(line);
    }
    let mut action = Action::Keep;
    ui.horizontal(|ui| {
        if ui.button("Delete and apply").clicked() {
            action = Action::Confirm;
        }
        if ui.button("Back to the editor").clicked() {
            draft.confirm = None;
        }
    });
    action
}

fn editor_ui(ui: &mut Ui, draft: &mut SchemaDraft) -> Action {
    ui.horizontal(|ui| {
        for (tab, text) in [
            (SchemaTab::Labels, "Labels"),
            (SchemaTab::EventTypes, "Event types"),
            (SchemaTab::Attributes, "Attributes"),
        ] {
            ui.selectable_value(&mut draft.tab, tab, text);
        }
    });
    ui.separator();
    // One height for every tab, so switching tabs does not move the buttons.
    egui::ScrollArea::vertical()
        .min_scrolled_height(420.0)
        .max_height(420.0)
        .auto_shrink(false)
        .show(ui, |ui| match draft.tab {
            SchemaTab::Labels => labels_ui(ui, draft),
            SchemaTab::EventTypes => event_types_ui(ui, draft),
            SchemaTab::Attributes => attributes_ui(ui, draft),
        });
    ui.separator();
    let problems = draft.build().err().unwrap_or_default();
    // A fixed height, so the buttons stay where they are as problems come and go.
    egui::ScrollArea::vertical()
        .id_salt("schema-problems")
        .min_scrolled_height(80.0)
        .max_height(80.0)
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let error = ui.visuals().error_fg_color;
            for p in &problems {
                ui.colored_label(error, p);
            }
            for w in draft.warnings() {
                ui.colored_label(ui.visuals().warn_fg_color, w);
            }
            if problems.is_empty() {
                ui.weak("Renames and deletions reach every document; Apply is one undo step.");
            }
        });
    let mut action = Action::Keep;
    ui.horizontal(|ui| {
        let apply = ui
            .add_enabled(problems.is_empty(), Button::new("Apply"))
            .on_disabled_hover_text("Fix the problems above first");
        if apply.clicked() {
            action = Action::Apply;
        }
        if ui.button("Cancel").clicked() {
            action = Action::Cancel;
        }
    });
    action
}

fn text_field(
    ui: &mut Ui,
    text: &mut String,
    width: f32,
    salt: impl egui::AsIdSalt,
    name: String,
) -> Response {
    // A fixed size: in a grid a text field would otherwise shrink to its column's header.
    ui.add_sized(vec2(width, 20.0), TextEdit::singleline(text).id_salt(salt)).accessible_name(name)
}

fn uses(n: usize, what: &str) -> String {
    match n {
        0 => "unused".into(),
        1 => format!("1 {what}"),
        n => format!("{n} {what}s"),
    }
}

fn labels_ui(ui: &mut Ui, draft: &mut SchemaDraft) {
    let counts: Vec<usize> = draft.labels.iter().map(|l| draft.label_uses(l)).collect();
    let mut delete = None;
    egui::Grid::new("schema-labels").num_columns(6).striped(true).show(ui, |ui| {
        for header in ["Name", "Colour", "Hotkey", "Kind", "Used by", ""] {
            ui.strong(header);
        }
        ui.end_row();
        for (i, row) in draft.labels.iter_mut().enumerate() {
            let who = row.name.clone();
            text_field(
                ui,
                &mut row.name,
                160.0,
                ("label-name", row.key),
                format!("Label {} name", i + 1),
            );
            ui.color_edit_button_srgb(&mut row.color).accessible_name(format!("{who} colour"));
            text_field(ui, &mut row.hotkey, 50.0, ("label-key", row.key), format!("{who} hotkey"));
            let kind = match row.kind {
                LabelKind::Entity => "Entity",
                LabelKind::Event => "Event trigger",
            };
            egui::ComboBox::from_id_salt(("label-kind", row.key))
                .selected_text(kind)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut row.kind, LabelKind::Entity, "Entity");
                    ui.selectable_value(&mut row.kind, LabelKind::Event, "Event trigger");
                })
                .response
                .accessible_name(format!("{who} kind"));
            ui.label(uses(counts[i], "span"));
            if ui.button("Delete").accessible_name(format!("Delete label {who}")).clicked() {
                delete = Some(i);
            }
            ui.end_row();
        }
    });
    if let Some(i) = delete {
        draft.labels.remove(i);
    }
    if ui.button("Add label").clicked() {
        draft.add_label();
    }
}

/// A list of the event types on the left, the one chosen with its roles on the right.
fn event_types_ui(ui: &mut Ui, draft: &mut SchemaDraft) {
    ui.horizontal_top(|ui| {
        ui.vertical(|ui| {
            ui.set_width(170.0);
            for i in 0..draft.event_types.len() {
                let t = &draft.event_types[i];
                let name = if t.name.is_empty() { "(no name)".to_string() } else { t.name.clone() };
                let text = RichText::new(name).color(label_color32(crate::model::Rgb(t.color)));
                ui.selectable_value(&mut draft.type_shown, i, text);
            }
            if ui.button("Add event type").clicked() {
                draft.add_event_type();
            }
        });
        ui.separator();
        ui.vertical(|ui| event_type_ui(ui, draft));
    });
}

fn event_type_ui(ui: &mut Ui, draft: &mut SchemaDraft) {
    if draft.event_types.is_empty() {
        ui.weak("No event types: add one on the left.");
        return;
    }
    let i = draft.type_shown.min(draft.event_types.len() - 1);
    let owners = draft.owners();
    let type_uses = draft.type_uses(&draft.event_types[i]);
    let role_uses: Vec<usize> = draft.event_types[i]
        .roles
        .iter()
        .map(|r| draft.role_uses(&draft.event_types[i], r))
        .collect();
    let t = &mut draft.event_types[i];
    let mut delete_type = false;
    ui.horizontal(|ui| {
        let label = ui.label("Name");
        ui.add(
            TextEdit::singleline(&mut t.name).id_salt(("type-name", t.key)).desired_width(180.0),
        )
        .labelled_by(label.id);
        let who = t.name.clone();
        ui.color_edit_button_srgb(&mut t.color).accessible_name(format!("{who} colour"));
        ui.label(uses(type_uses, "event"));
        delete_type =
            ui.button("Delete").accessible_name(format!("Delete event type {who}")).clicked();
    });
    let mut delete_role = None;
    let key = t.key;
    egui::Grid::new(("schema-roles", key)).num_columns(6).striped(true).show(ui, |ui| {
        for header in ["Role", "May point at", "Cardinality", "Hotkey", "Used by", ""] {
            ui.strong(header);
        }
        ui.end_row();
        for (j, role) in t.roles.iter_mut().enumerate() {
            let who = role.name.clone();
            text_field(
                ui,
                &mut role.name,
                120.0,
                ("role-name", key, j),
                format!("Role {} name", j + 1),
            );
            owners_menu(ui, &owners, &mut role.targets, format!("{who} may point at"), true);
            let parsed = Cardinality::parse(&role.cardinality);
            let mut field = TextEdit::singleline(&mut role.cardinality)
                .id_salt(("role-card", key, j))
                .desired_width(50.0);
            if parsed.is_err() {
                field = field.text_color(ui.visuals().error_fg_color);
            }
            let response = ui.add(field).accessible_name(format!("{who} cardinality"));
            match parsed {
                Err(e) => response.on_hover_text(e),
                Ok(_) => response.on_hover_text("1 one, ? optional, * any, + one or more, {n-m}"),
            };
            text_field(ui, &mut role.hotkey, 50.0, ("role-key", key, j), format!("{who} hotkey"));
            ui.label(uses(role_uses.get(j).copied().unwrap_or(0), "argument"));
            if ui.button("Delete").accessible_name(format!("Delete role {who}")).clicked() {
                delete_role = Some(j);
            }
            ui.end_row();
        }
    });
    if let Some(j) = delete_role {
        t.roles.remove(j);
    }
    if ui.button("Add role").clicked() {
        draft.add_role(i);
    }
    if delete_type {
        draft.event_types.remove(i);
        draft.type_shown = i.saturating_sub(1);
    }
}

/// "any event" / "any entity": the role targets that name no row.
const ANY: [(&str, &str); 2] = [(ANY_EVENT, "any event"), (ANY_ENTITY, "any entity")];

/// A menu button showing the chosen labels and event types, opening to a checkbox for each
/// (and, for role targets, for "any event" and "any entity").
fn owners_menu(
    ui: &mut Ui,
    owners: &[(RowKey, String)],
    chosen: &mut Vec<Owner>,
    name: String,
    any: bool,
) {
    let names: Vec<String> = chosen
        .iter()
        .filter_map(|o| match o {
            Owner::Row(k) => owners.iter().find(|(key, _)| key == k).map(|(_, n)| n.clone()),
            Owner::Any(n) => ANY.iter().find(|(m, _)| m == n).map(|(_, text)| text.to_string()),
            Owner::Unknown(n) => Some(format!("{n}?")),
        })
        .collect();
    let mut summary = if names.is_empty() { "nothing".to_string() } else { names.join(", ") };
    if summary.chars().count() > 28 {
        summary = summary.chars().take(27).chain(['…']).collect();
    }
    ui.menu_button(summary, |ui| {
        for (key, owner) in owners {
            let mut on = chosen.contains(&Owner::Row(*key));
            if ui.checkbox(&mut on, owner).changed() {
                if on {
                    chosen.push(Owner::Row(*key));
                } else {
                    chosen.retain(|o| o != &Owner::Row(*key));
                }
            }
        }
        for (macro_name, text) in ANY.iter().filter(|_| any) {
            let owner = Owner::Any(macro_name.to_string());
            let mut on = chosen.contains(&owner);
            if ui.checkbox(&mut on, *text).changed() {
                if on {
                    chosen.push(owner);
                } else {
                    chosen.retain(|o| o != &owner);
                }
            }
        }
        let unknown: Vec<String> = chosen
            .iter()
            .filter_map(|o| if let Owner::Unknown(n) = o { Some(n.clone()) } else { None })
            .collect();
        for n in unknown {
            let mut on = true;
            let text = format!("{n} (neither a label nor an event type)");
            if ui.checkbox(&mut on, text).changed() {
                chosen.retain(|o| o != &Owner::Unknown(n.clone()));
            }
        }
    })
    .response
    .accessible_name(name);
}

fn attributes_ui(ui: &mut Ui, draft: &mut SchemaDraft) {
    let owners = draft.owners();
    let counts: Vec<usize> = draft.attributes.iter().map(|a| draft.attribute_uses(a)).collect();
    let mut delete = None;
    egui::Grid::new("schema-attributes").num_columns(6).striped(true).show(ui, |ui| {
        for header in ["Name", "On", "Kind", "Choices (comma-separated)", "Used by", ""] {
            ui.strong(header);
        }
        ui.end_row();
        for (i, row) in draft.attributes.iter_mut().enumerate() {
            let who = row.name.clone();
            text_field(
                ui,
                &mut row.name,
                120.0,
                ("attr-name", i),
                format!("Attribute {} name", i + 1),
            );
            owners_menu(ui, &owners, &mut row.on, format!("{who} is on"), false);
            let kind = match row.kind {
                AttrKindDraft::Choice => "Choice",
                AttrKindDraft::Text => "Text",
                AttrKindDraft::Date => "Date",
            };
            egui::ComboBox::from_id_salt(("attr-kind", i))
                .selected_text(kind)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut row.kind, AttrKindDraft::Choice, "Choice");
                    ui.selectable_value(&mut row.kind, AttrKindDraft::Text, "Text");
                    ui.selectable_value(&mut row.kind, AttrKindDraft::Date, "Date");
                })
                .response
                .accessible_name(format!("{who} kind"));
            if row.kind == AttrKindDraft::Choice {
                text_field(
                    ui,
                    &mut row.choices,
                    220.0,
                    ("attr-choices", i),
                    format!("{who} choices"),
                );
            } else {
                ui.weak("—");
            }
            ui.label(uses(counts[i], "value"));
            if ui.button("Delete").accessible_name(format!("Delete attribute {who}")).clicked() {
                delete = Some(i);
            }
            ui.end_row();
        }
    });
    if let Some(i) = delete {
        draft.attributes.remove(i);
    }
    if ui.button("Add attribute").clicked() {
        draft.add_attribute();
    }
}
