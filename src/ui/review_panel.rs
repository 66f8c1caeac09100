//! The review card at the top of the right panel in review mode: the document's counts and
//! review status, the place under review with every proposal (who made it, what differs) and
//! buttons for the review keys, and bulk accept (all agreeing, or a majority).

use super::toolbar::label_color32;
use crate::app::AppState;
use crate::app::review::{Take, Votes};
use crate::model::{Document, ReviewStatus};
use crate::review::adjudicate::{Item, Kind, Resolution, Version};
use eframe::egui::{self, RichText, Ui};

const LETTERS: [&str; 4] = ["A", "B", "C", "D"];

pub fn review_card_ui(ui: &mut Ui, state: &mut AppState) {
    let Some(review) = state.review() else { return };
    let summary = review.summary;
    let current = review.current().cloned();
    let position = review.cursor.map(|c| {
        let open_before = review.items[..c].iter().filter(|i| i.is_open_disagreement()).count();
        (c, open_before)
    });
    ui.horizontal(|ui| {
        ui.heading("Adjudication");
        ui.weak(format!("gold layer, as {}", state.settings.annotator_name()));
    });
    ui.label(format!(
        "{} places: {} agreed, {} open disagreements, {} settled in gold",
        summary.places, summary.agreed, summary.open, summary.settled
    ));
    status_row(ui, state);
    ui.horizontal(|ui| {
        if ui.button("◀ Previous (P)").clicked() {
            state.review_step(false);
        }
        if ui.button("Next (N) ▶").clicked() {
            state.review_step(true);
        }
    });
    match (current, position) {
        (Some(item), Some((_, before))) => place_ui(ui, state, &item, before, summary.open),
        _ if summary.open == 0 && summary.places > 0 => {
            ui.label("No open disagreements here.");
        }
        _ => {
            ui.weak("Press N for the first disagreement, or click a highlight.");
        }
    }
    ui.separator();
    bulk_ui(ui, state);
}

fn status_row(ui: &mut Ui, state: &mut AppState) {
    let Some(status) = state.doc().map(|d| d.meta.review) else { return };
    ui.horizontal(|ui| {
        ui.label(format!("Document: {}", status.label()));
        let (text, next) = if status == ReviewStatus::Adjudicated {
            ("Reopen (M)", ReviewStatus::InReview)
        } else {
            ("Mark adjudicated (M)", ReviewStatus::Adjudicated)
        };
        if ui.button(text).clicked() {
            state.set_review_status(state.current, next);
        }
    });
}

fn place_ui(ui: &mut Ui, state: &mut AppState, item: &Item, before: usize, open: usize) {
    let Some(doc) = state.doc() else { return };
    let what = if item.kind == Kind::Event { "Event" } else { "Span" };
    let nth = if item.is_open_disagreement() {
        format!("disagreement {} of {open}", before + 1)
    } else {
        "place".to_string()
    };
    ui.label(RichText::new(format!("{what} {nth}: {}", item.difference.describe())).strong());
    ui.label(RichText::new(format!("«{}»", doc.slice(item.start, item.end))).italics());
    let lines: Vec<(String, egui::Color32, String)> = item
        .versions
        .iter()
        .map(|v| {
            let schema = &state.project.schema;
            let rgb = match item.kind {
                Kind::Span => schema.label(&v.label).map(|l| l.color),
                Kind::Event => schema.event_type(&v.label).map(|t| t.color),
            };
            let color = rgb.map_or(egui::Color32::GRAY, label_color32);
            (describe(doc, item.kind, v), color, who(v))
        })
        .collect();
    let resolution = resolution_text(doc, item);
    let mut take = None;
    egui::Grid::new("review-versions").num_columns(3).striped(true).show(ui, |ui| {
        for (k, (text, color, by)) in lines.iter().enumerate() {
            let letter = LETTERS.get(k).copied().unwrap_or("");
            let button =
                if letter.is_empty() { "Take".to_string() } else { format!("Take {letter}") };
            if ui.button(button).clicked() {
                take = Some(Take::One(k));
            }
            ui.colored_label(*color, text);
            ui.weak(by);
            ui.end_row();
        }
    });
    if !item.missing.is_empty() {
        ui.weak(format!("nothing here from: {}", item.missing.join(", ")));
    }
    ui.horizontal(|ui| {
        if item.versions.len() > 1 && ui.button("Take all (T)").clicked() {
            take = Some(Take::All);
        }
        if ui.button("Reject (X)").clicked() {
            state.review_reject();
        }
        if ui.button("Edit boundaries (E)").clicked() {
            state.review_edit_boundaries();
        }
    });
    ui.label(resolution);
    if let Some(t) = take {
        state.review_take(t);
    }
}

fn who(v: &Version) -> String {
    let mut names: Vec<&str> = v.by.iter().map(|(a, _)| a.as_str()).collect();
    names.dedup();
    names.iter().map(|n| if n.is_empty() { "(unnamed)" } else { n }).collect::<Vec<_>>().join(", ")
}

fn describe(doc: &Document, kind: Kind, v: &Version) -> String {
    let text = doc.slice(v.start, v.end);
    let mut out = match kind {
        Kind::Span => format!("{} «{text}»", v.label),
        Kind::Event => format!("{} on «{text}»", v.label),
    };
    for a in &v.arguments {
        out.push_str(&format!("\n  {} → {} «{}»", a.role, a.label, doc.slice(a.start, a.end)));
    }
    for (name, value) in &v.attributes {
        out.push_str(&format!("\n  {name}: {value}"));
    }
    out
}

fn resolution_text(doc: &Document, item: &Item) -> String {
    match &item.resolution {
        Resolution::Open => "Gold: nothing yet".to_string(),
        Resolution::Rejected => "Gold: rejected".to_string(),
        Resolution::Gold(ids) => {
            let parts: Vec<String> = ids
                .iter()
                .filter_map(|id| match item.kind {
                    Kind::Span => doc.span(*id).map(|s| format!("{} «{}»", s.label, s.text)),
                    Kind::Event => doc.event(*id).map(|e| {
                        let args: Vec<String> = e
                            .arguments
                            .iter()
                            .map(|a| {
                                format!(
                                    "{} {}",
                                    a.role,
                                    crate::ui::event_panel::describe(doc, a.target)
                                )
                            })
                            .collect();
                        format!("{} ({})", e.event_type, args.join("; "))
                    }),
                })
                .collect();
            format!("Gold ✔ {}", parts.join(", "))
        }
    }
}

fn bulk_ui(ui: &mut Ui, state: &mut AppState) {
    // Counted when the places were, not every frame.
    let Some(review) = state.review.as_mut() else { return };
    let layers = review.layers;
    ui.label("Accept in bulk");
    let mut whole = review.whole_project;
    let mut min_votes = review.min_votes;
    let mut accept = None;
    ui.horizontal(|ui| {
        if ui
            .button("Accept agreed (all layers)")
            .on_hover_text(format!("{layers} of {layers} here"))
            .clicked()
        {
            accept = Some(Votes::All);
        }
        ui.checkbox(&mut whole, "all documents");
    });
    ui.horizontal(|ui| {
        if ui.button("Accept majority").clicked() {
            accept = Some(Votes::AtLeast(min_votes));
        }
        let name = ui.label("votes needed");
        ui.add(egui::DragValue::new(&mut min_votes).range(1..=layers.max(2))).labelled_by(name.id);
    });
    review.whole_project = whole;
    review.min_votes = min_votes;
    if let Some(n) = accept {
        state.review_accept(n);
    }
}
