//! newsdeck: a terminal reader for tech-news digests.
//!
//! Data flows one way: terminal event -> key map -> [`action::Action`] -> `update` -> render.
//! `model` is pure state, `ui` renders it without side effects, `store` owns every file.

#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod check;
pub mod cli;
pub mod format;
pub mod model;
pub mod sanitize;
pub mod store;

/// The sample digest compiled into the binary, shown when there is nothing else to open.
pub const SAMPLE_DIGEST: &str = include_str!("../assets/sample.json");

/// The name the bundled sample goes by in messages and the library screen.
pub const SAMPLE_NAME: &str = "sample.json (bundled)";
