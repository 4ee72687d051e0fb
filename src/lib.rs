//! newsdeck: a terminal reader for tech-news digests.
//!
//! Data flows one way: terminal event -> key map -> [`action::Action`] -> `update` -> render.
//! `model` is pure state, `ui` renders it without side effects, `store` owns every file.

#![warn(missing_docs)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod action;
pub mod app;
pub mod area;
pub mod cmd;
pub(crate) mod date;
pub mod export;
pub mod feed;
pub mod format;
pub mod keymap;
pub mod keys;
pub mod model;
pub mod net;
pub(crate) mod opener;
pub mod sanitize;
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
