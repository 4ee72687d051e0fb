//! The config file (`config.toml`): keys, theme and settings, parsed and checked in one place.
//!
//! `parse` turns the text into a [`Config`] or a list of [`ConfigError`]s, each with the file,
//! line and column. Nothing is ever half-applied: a file with an error gives the defaults (the
//! reader says so on its first screen and on stderr at exit). Reading the file is `store`'s job.

mod names;
mod parse;
pub mod template;

use std::fmt;
use std::path::{Path, PathBuf};

use ratatui::style::Style;

use crate::keymap::Keymap;
use crate::settings::Settings;
use crate::store::load::display_path;
use crate::theme::{Element, Theme};

pub use names::did_you_mean;
pub use parse::{bindable_actions, parse};

/// The config file's name inside the config folder.
pub const FILE_NAME: &str = "config.toml";

/// The environment variable that names another config file.
pub const ENV: &str = "NEWSDECK_CONFIG";

/// What a config file sets: the key map, the settings and the theme.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Which keys do what.
    pub keymap: Keymap,
    /// Behaviour settings.
    pub settings: Settings,
    /// The built-in theme the colours start from (`dark`, `light`, `mono`).
    pub theme: String,
    /// Per-element styles that replace the theme's, in file order.
    pub colors: Vec<(Element, Style)>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            keymap: Keymap::default(),
            settings: Settings::default(),
            theme: crate::theme::BUILTIN[0].to_string(),
            colors: Vec::new(),
        }
    }
}

impl Config {
    /// The theme to draw with: the built-in one, the overrides, then without colour unless `color`.
    pub fn theme(&self, color: bool) -> Theme {
        let mut theme = Theme::named(&self.theme).unwrap_or_default();
        for (el, style) in &self.colors {
            theme = theme.with(*el, *style);
        }
        if color { theme } else { theme.without_color() }
    }
}

/// A problem with a config file: `FILE:LINE:COLUMN: message` (or `FILE: message` without a place).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The file, made safe for display.
    pub file: String,
    /// Line and column (1-based), when the problem has a place in the file.
    pub at: Option<(usize, usize)>,
    /// What is wrong and, where it helps, what to write instead.
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The message may quote the file, which is the user's text: keep it to one safe line.
        let message = crate::sanitize::line(&self.message);
        match self.at {
            Some((line, col)) => write!(f, "{}:{line}:{col}: {message}", self.file),
            None => write!(f, "{}: {message}", self.file),
        }
    }
}

/// Which config file is in use: `--config FILE`, else `$NEWSDECK_CONFIG`, else
/// `<config folder>/config.toml`. Errors when there is no home to find the folder in.
pub fn path(flag: Option<&Path>) -> Result<PathBuf, String> {
    if let Some(p) = flag {
        return Ok(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os(ENV).filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    crate::store::paths::Paths::resolve().map(|p| p.config.join(FILE_NAME))
}

/// Reads and parses the config file at `path`; a missing file is the defaults.
pub fn load(path: &Path) -> Result<Config, Vec<ConfigError>> {
    let file = display_path(path);
    match crate::store::config_file::read(path) {
        Ok(None) => Ok(Config::default()),
        Ok(Some(text)) => parse(&text, &file),
        Err(message) => Err(vec![ConfigError {
            file,
            at: None,
            message,
        }]),
    }
}

/// The config for a command: the file `flag`/`$NEWSDECK_CONFIG`/the default place names, or the
/// defaults plus the errors that kept it from being used.
pub fn resolve(flag: Option<&Path>) -> (Config, Vec<ConfigError>) {
    let path = match path(flag) {
        Ok(p) => p,
        // No home: no config file either; the commands that need a home say so themselves.
        Err(_) => return (Config::default(), Vec::new()),
    };
    match load(&path) {
        Ok(c) => (c, Vec::new()),
        Err(errors) => (Config::default(), errors),
    }
}

#[cfg(test)]
mod tests;
