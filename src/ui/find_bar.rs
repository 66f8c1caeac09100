//! The find bar (`Ctrl+F`): the query and its options, where in the matches the user is, and
//! "Annotate all…" with a label; and the annotate-all preview, where single matches can be
//! unticked before they are tagged in one undo step.

use crate::app::AppState;
use crate::app::find::AnnotateAll;
use eframe::egui::{self, Id, Key, Modal, Modifiers, RichText, Ui};

pub fn find_bar_ui(ui: &mut Ui, state: &mut AppState) {
    let Some(mut find) = state.find.take() else { return };
    let mut close = false;
    let mut step = None;
    let mut annotate = false;
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Find:");
        let field = ui.add(
            egui::TextEdit::singleline(&mut find.query.text)
                .desired_width(220.0)
                .hint_text("text, or a name in any case form"),
        );
        let field = field.labelled_by(label.id);
        if std::mem::take(&mut find.focus) {
            field.request_focus();
        }
        if field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
            step = Some(!ui.input(|i| i.modifiers.matches_logically(Modifiers::SHIFT)));
            field.request_focus();
        }
        // Escape in the field closes the bar (egui drops the focus first, so the Escape
        // command reads this flag).
        find.typing = field.has_focus();
        ui.checkbox(&mut find.query.match_case, "Match case");
        ui.checkbox(&mut find.query.whole_word, "Whole words");
        ui.checkbox(&mut find.query.regex, "Regex");
        ui.checkbox(&mut find.query.inflected, "All case forms")
            .on_hover_text("Russian, Ukrainian and English words match in every inflected form");
        ui.checkbox(&mut find.whole_project, "All documents");
        ui.separator();
        let n = find.hits.len();
        let position = match find.current {
            Some(i) => format!("{} of {n}", i + 1),
            None if n == 0 && !find.query.text.trim().is_empty() => "no matches".into(),
            None => format!("{n} matches"),
        };
        match crate::assist::search::problem(&find.query) {
            Some(problem) => ui.colored_label(ui.visuals().error_fg_color, problem),
            None => ui.label(position),
        };
        if ui.button("◀").on_hover_text("Previous match (Shift+Enter, Shift+F3)").clicked() {
            step = Some(false);
        }
        if ui.button("▶").on_hover_text("Next match (Enter, F3)").clicked() {
            step = Some(true);
        }
        ui.separator();
        let tag = ui.label("Tag with");
        egui::ComboBox::from_id_salt("find-label")
            .selected_text(find.label.clone())
            .show_ui(ui, |ui| {
                for l in &state.project.schema.labels {
                    ui.selectable_value(&mut find.label, l.name.clone(), &l.name);
                }
            })
            .response
            .labelled_by(tag.id);
        if ui
            .add_enabled(n > 0, egui::Button::new("Annotate all…"))
            .on_hover_text("Tag every match with this label, after a preview")
            .clicked()
        {
            annotate = true;
        }
        if ui.button("✕").on_hover_text("Close (Esc)").clicked() {
            close = true;
        }
    });
    ui.separator();
    if close {
        return;
    }
    state.find = Some(find);
    state.refresh_find();
    match step {
        Some(forward) => state.find_next(forward),
        None if annotate => state.preview_annotate_all(),
        None => {}
    }
}

/// The preview: every match with its context and a tick box.
pub fn annotate_all_dialog(ctx: &egui::Context, state: &mut AppState, mut plan: AnnotateAll) {
    let mut choice = None;
    let modal = Modal::new(Id::unique("annotate-all")).show(ctx, |ui| {
        ui.set_width(640.0);
        let ticked = plan.candidates.iter().filter(|c| c.ticked).count();
        ui.heading(format!("Annotate all as {}", plan.label));
        let mut note = format!("{} match(es) to tag", plan.candidates.len());
        if plan.already > 0 {
            note.push_str(&format!(
                "; {} already tagged {} are left out",
                plan.already, plan.label
            ));
        }
        ui.label(note + ". Untick any that should not be tagged.");
        ui.horizontal(|ui| {
            if ui.button("Tick all").clicked() {
                plan.candidates.iter_mut().for_each(|c| c.ticked = true);
            }
            if ui.button("Untick all").clicked() {
                plan.candidates.iter_mut().for_each(|c| c.ticked = false);
            }
        });
        egui::ScrollArea::vertical().max_height(420.0).show_rows(
            ui,
            ui.spacing().interact_size.y,
            plan.candidates.len(),
            |ui, rows| {
                for c in &mut plan.candidates[rows] {
                    ui.checkbox(&mut c.ticked, RichText::new(&c.context).small());
                }
            },
        );
        ui.horizontal(|ui| {
            let tag = egui::Button::new(format!("Tag {ticked} match(es)"));
            if ui.add_enabled(ticked > 0, tag).clicked() {
                choice = Some(true);
            }
            if ui.button("Cancel").clicked() {
                choice = Some(false);
            }
        });
    });
    if modal.should_close() && choice.is_none() {
        choice = Some(false);
    }
    match choice {
        Some(true) => state.annotate_all(&plan),
        Some(false) => state.dialog = None,
        None => state.dialog = Some(crate::app::Dialog::AnnotateAll(Box::new(plan))),
    }
}
