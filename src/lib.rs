//! newsdeck: a terminal reader for tech-news digests.
//!
//! Data flows one way. `tui` reads a terminal event; [`app::App`] looks the key up in its
//! [`keymap::Keymap`] to get an [`action::Action`]; [`model::Model::update`] changes the pure
//! state and returns [`model::Effect`]s; `App` carries out the effects that touch files (through
//! `store`) and hands the results back through the model's methods, and `tui` the ones that need
//! the terminal or the system (quit, suspend, open a link, build a search index in the
//! background); then `ui` draws the `&Model`, with the key map for help and hints, without side
//! effects. `snapshot` drives the same `App` without a terminal. `layout` is the pure geometry
//! both `model` and `ui` use; `format` parses digests, `store` owns every file.

#![warn(missing_docs)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod action;
pub mod app;
pub mod area;
pub mod cmd;
pub mod config;
pub(crate) mod date;
pub mod export;
pub mod feed;
pub mod fold;
pub mod format;
pub mod keymap;
pub mod keys;
pub mod layout;
pub mod model;
pub mod net;
pub(crate) mod opener;
pub mod sanitize;
pub mod settings;
pub mod snapshot;
pub mod store;
pub mod synth;
pub(crate) mod terminal;
pub mod theme;
pub(crate) mod tui;
pub mod ui;
pub(crate) mod url;
pub mod wrap;

/// The sample digest compiled into the binary, shown when there is nothing else to open.
pub const SAMPLE_DIGEST: &str = include_str!("../assets/sample.json");

/// The name the bundled sample goes by in messages and the library screen.
pub const SAMPLE_NAME: &str = "sample.json (bundled)";
