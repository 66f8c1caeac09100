//! Keys in review mode: N/P next and previous disagreement, A–D take that proposal, T take them
//! all, X reject, E edit boundaries (selects the gold span; Alt+arrows move its ends), M mark the
//! document adjudicated. Runs before the label hotkeys and takes only these keys.

use crate::app::review::Take;
use crate::app::{AppState, Mode};
use crate::model::ReviewStatus;
use eframe::egui::{self, Key, Modifiers};

pub fn handle(ctx: &egui::Context, state: &mut AppState) {
    if state.dialog.is_some()
        || ctx.text_edit_focused()
        || !state.in_review()
        || state.mode != Mode::Normal
    {
        return;
    }
    const KEYS: [Key; 10] =
        [Key::N, Key::P, Key::A, Key::B, Key::C, Key::D, Key::T, Key::X, Key::E, Key::M];
    for key in KEYS {
        if !ctx.input_mut(|i| i.consume_key(Modifiers::NONE, key)) {
            continue;
        }
        match key {
            Key::N => state.review_step(true),
            Key::P => state.review_step(false),
            Key::A => state.review_take(Take::One(0)),
            Key::B => state.review_take(Take::One(1)),
            Key::C => state.review_take(Take::One(2)),
            Key::D => state.review_take(Take::One(3)),
            Key::T => state.review_take(Take::All),
            Key::X => state.review_reject(),
            Key::E => state.review_edit_boundaries(),
            Key::M => {
                let done = state.doc().is_some_and(|d| d.meta.review == ReviewStatus::Adjudicated);
                let status = if done { ReviewStatus::InReview } else { ReviewStatus::Adjudicated };
                state.set_review_status(state.current, status);
            }
            _ => {}
        }
    }
}

/// Alt+←/→ move the selected span's end, Alt+Shift+←/→ its start (in any mode).
pub fn boundary_keys(ctx: &egui::Context, state: &mut AppState) {
    use crate::app::annotate::Edge;
    if state.dialog.is_some() || ctx.text_edit_focused() {
        return;
    }
    let alt_shift = Modifiers::ALT.plus(Modifiers::SHIFT);
    let moves = [
        (alt_shift, Key::ArrowLeft, Edge::Start, false),
        (alt_shift, Key::ArrowRight, Edge::Start, true),
        (Modifiers::ALT, Key::ArrowLeft, Edge::End, false),
        (Modifiers::ALT, Key::ArrowRight, Edge::End, true),
    ];
    for (mods, key, edge, forward) in moves {
        if ctx.input_mut(|i| i.consume_key(mods, key)) {
            state.nudge_boundary(edge, forward);
        }
    }
}
