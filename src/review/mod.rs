//! Team review on plain files: agreement between annotators' layers and merging projects that
//! annotate the same documents, and adjudication into a gold layer. Pure computation over the model, no
//! egui; the CLI and the window share it.

pub mod adjudicate;
pub mod agreement;
pub mod coefficients;
pub mod merge;
pub mod merge_edit;
pub mod meta_merge;
pub mod three_way;

#[cfg(test)]
mod merge_edit_tests;
#[cfg(test)]
mod merge_tests;
#[cfg(test)]
mod tests;
