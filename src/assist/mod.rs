//! Assisted annotation: finding text again (search, inflection-aware) and, later, suggestions.
//! Pure Rust over the model, no egui.

pub mod search;
pub mod stem;
