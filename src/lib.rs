//! Acta: span and event annotation of multilingual news, as a library that the desktop app and
//! the command line share. `model` is the data and its edits, `formats` the files, `review` the
//! agreement between annotators, `app` the state of a session, `ui` the egui panels that draw
//! it, `bench` the benchmark suite.

pub mod app;
pub mod assist;
pub mod bench;
pub mod cli;
pub mod formats;
pub mod model;
pub mod review;
pub mod ui;
