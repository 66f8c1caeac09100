//! Team review on plain files: agreement between annotators' layers (more to come: merge,
//! adjudication). Pure computation over the model, no egui; the CLI and the window share it.

pub mod agreement;
pub mod coefficients;

#[cfg(test)]
mod tests;
