//! From config text to a [`Config`]: toml and serde for the shape, then the names (theme,
//! colours, modes, actions, keys) checked here so every error has a place and a suggestion.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;

use serde::Deserialize;
use serde::de::{self, IntoDeserializer, SeqAccess, Visitor};
use toml::Spanned;

use super::names::{did_you_mean, explain_unknown, variants};
use super::{Config, ConfigError};
use crate::action::Action;
use crate::keymap::Key;
use crate::model::Mode;
use crate::settings::Settings;
use crate::theme::{BUILTIN, Element, spec};

/// The file as toml and serde read it; names stay strings with their place in the file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    theme: Option<Spanned<String>>,
    /// Checked one setting at a time, so every bad setting is reported, not only the first.
    #[serde(default)]
    settings: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    #[serde(default)]
    colors: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    keys: BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, Spanned<KeyList>>>,
}

/// One key or a list of keys, as written.
enum KeyList {
    One(String),
    Many(Vec<Spanned<String>>),
}

impl<'de> Deserialize<'de> for KeyList {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = KeyList;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key (\"j\", \"<C-d>\"), a list of keys, or \"none\"")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<KeyList, E> {
                Ok(KeyList::One(s.to_string()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<KeyList, A::Error> {
                let mut keys = Vec::new();
                while let Some(k) = seq.next_element::<Spanned<String>>()? {
                    keys.push(k);
                }
                Ok(KeyList::Many(keys))
            }
        }
        d.deserialize_any(V)
    }
}

/// Collects errors with their place in `text`.
struct Errors<'a> {
    text: &'a str,
    file: &'a str,
    list: Vec<(usize, ConfigError)>,
}

impl Errors<'_> {
    fn add(&mut self, span: Range<usize>, message: String) {
        let at = line_col(self.text, span.start);
        let error = ConfigError {
            file: self.file.to_string(),
            at: Some(at),
            message,
        };
        self.list.push((span.start, error));
    }
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

/// Parses config `text` read from `file` (the name errors show). Errors are sorted by place.
pub fn parse(text: &str, file: &str) -> Result<Config, Vec<ConfigError>> {
    let mut errors = Errors {
        text,
        file,
        list: Vec::new(),
    };
    let raw: Raw = match toml::from_str(text) {
        Ok(r) => r,
        Err(e) => {
            let message = explain_unknown(e.message().trim(), "name");
            errors.add(e.span().unwrap_or(0..0), message);
            return Err(errors.list.into_iter().map(|(_, e)| e).collect());
        }
    };
    let mut config = Config {
        settings: settings(&raw.settings, &mut errors),
        ..Config::default()
    };
    if let Some(name) = raw.theme {
        if BUILTIN.contains(&name.get_ref().as_str()) {
            config.theme = name.get_ref().clone();
        } else {
            let hint = did_you_mean(name.get_ref(), BUILTIN.iter().copied());
            let msg = format!(
                "unknown theme \"{}\" (dark, light or mono){hint}",
                name.get_ref()
            );
            errors.add(name.span(), msg);
        }
    }
    colors(&raw.colors, &mut config, &mut errors);
    for (mode, table) in &raw.keys {
        keys(mode, table, &mut config, &mut errors);
    }
    if errors.list.is_empty() {
        Ok(config)
    } else {
        errors.list.sort_by_key(|(at, _)| *at);
        Err(errors.list.into_iter().map(|(_, e)| e).collect())
    }
}

/// The `[settings]` table as [`Settings`]: each entry is read on its own, so an unknown name or
/// a bad value is reported at its place and the good entries still apply.
fn settings(
    table: &BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    errors: &mut Errors<'_>,
) -> Settings {
    let known = super::names::fields::<Settings>();
    let mut good = toml::Table::new();
    for (name, value) in table {
        if !known.contains(&name.get_ref().as_str()) {
            let hint = did_you_mean(name.get_ref(), known.iter().copied());
            errors.add(
                name.span(),
                format!("unknown setting `{}`{hint}", name.get_ref()),
            );
            continue;
        }
        let one = toml::Table::from_iter([(name.get_ref().clone(), value.get_ref().clone())]);
        match Settings::deserialize(one.into_deserializer()) {
            // Narrower was taken as the least without a word: a mistake is never ignored.
            Ok(s) if s.reading_width < crate::settings::MIN_READING_WIDTH => errors.add(
                value.span(),
                format!(
                    "reading_width must be at least {} columns",
                    crate::settings::MIN_READING_WIDTH
                ),
            ),
            Ok(_) => {
                good.insert(name.get_ref().clone(), value.get_ref().clone());
            }
            Err(e) => errors.add(value.span(), e.message().trim().to_string()),
        }
    }
    // Each entry was read alone above, so together they read too.
    Settings::deserialize(good.into_deserializer()).unwrap_or_default()
}

fn colors(
    table: &BTreeMap<Spanned<String>, Spanned<String>>,
    config: &mut Config,
    errors: &mut Errors<'_>,
) {
    let mut entries: Vec<_> = table.iter().collect();
    entries.sort_by_key(|(k, _)| k.span().start);
    for (name, value) in entries {
        let Some(el) = Element::ALL.iter().find(|e| e.name() == name.get_ref()) else {
            let hint = did_you_mean(name.get_ref(), Element::ALL.iter().map(|e| e.name()));
            let msg = format!("unknown colour element `{}`{hint}", name.get_ref());
            errors.add(name.span(), msg);
            continue;
        };
        match spec::parse(value.get_ref()) {
            Ok(style) => config.colors.push((*el, style)),
            Err(e) => {
                let hint = e.word.map(|w| did_you_mean(&w, spec::words()));
                errors.add(
                    value.span(),
                    format!("{}{}", e.message, hint.unwrap_or_default()),
                );
            }
        }
    }
}

/// A name as serde's derived impl of `T` reads it (the snake_case names), or the error message.
fn named<'de, T: Deserialize<'de>>(name: &str, kind: &str) -> Result<T, String> {
    let d: de::value::StrDeserializer<'_, de::value::Error> = name.into_deserializer();
    T::deserialize(d).map_err(|e| explain_unknown(&e.to_string(), kind))
}

fn keys(
    mode: &Spanned<String>,
    table: &BTreeMap<Spanned<String>, Spanned<KeyList>>,
    config: &mut Config,
    errors: &mut Errors<'_>,
) {
    let m = match named::<Mode>(mode.get_ref(), "mode") {
        Ok(m @ (Mode::Reader | Mode::Library | Mode::Starred)) => m,
        Ok(_) => {
            let msg = format!(
                "keys in {} mode are fixed; only [keys.reader], [keys.library] and [keys.starred] can be bound",
                mode.get_ref()
            );
            return errors.add(mode.span(), msg);
        }
        Err(msg) => return errors.add(mode.span(), msg),
    };
    let mut entries: Vec<_> = table.iter().collect();
    entries.sort_by_key(|(k, _)| k.span().start);
    // Which action each key was given to in this table, to refuse a key given twice.
    let mut taken: Vec<(Key, Action)> = Vec::new();
    for (name, list) in entries {
        let action = match named::<Action>(name.get_ref(), "action") {
            Ok(a) => a,
            Err(msg) => {
                errors.add(name.span(), msg);
                continue;
            }
        };
        let specs: Vec<(String, Range<usize>)> = match list.get_ref() {
            KeyList::One(s) if s == "none" => Vec::new(),
            KeyList::One(s) => vec![(s.clone(), list.span())],
            KeyList::Many(v) => v.iter().map(|s| (s.get_ref().clone(), s.span())).collect(),
        };
        let mut bound = Vec::new();
        for (s, span) in specs {
            match key(&s) {
                Ok(k) => match taken.iter().find(|(t, _)| *t == k) {
                    Some((_, other)) if *other != action => {
                        let msg = format!(
                            "\"{s}\" is bound to both {} and {} in [keys.{}]; a key does one thing",
                            names_of(*other),
                            name.get_ref(),
                            mode.get_ref()
                        );
                        errors.add(span, msg);
                    }
                    _ => {
                        taken.push((k, action));
                        bound.push(k);
                    }
                },
                Err(msg) => errors.add(span, msg),
            }
        }
        if let Err(msg) = config.keymap.bind(m, action, &bound) {
            errors.add(name.span(), msg);
        }
    }
}

/// An action's config name.
fn names_of(action: Action) -> String {
    toml::Value::try_from(action)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| format!("{action:?}"))
}

/// One key in vim notation, with a suggestion when a named key is misspelt.
fn key(spec: &str) -> Result<Key, String> {
    Key::parse(spec).map_err(|_| {
        let hint = did_you_mean(spec, crate::keys::NAMED.iter().copied());
        if spec.is_empty() {
            "no key given: write a key such as \"j\" or \"<C-d>\", or \"none\" to unbind".into()
        } else if spec.starts_with('<') {
            format!("unknown key name \"{spec}\"{hint} (names: <Tab>, <S-Tab>, <Enter>, <Esc>, <Space>, <BS>, arrows <Up>..., <PageUp>, <PageDown>, <Home>, <End>, <lt>, <C-x>)")
        } else {
            format!("\"{spec}\" is more than one key: give a list of keys (\"[\\\"g\\\", \\\"<Home>\\\"]\") or one vim key name")
        }
    })
}

/// Every action a key can be bound to, by config name (for `newsdeck config`).
pub fn bindable_actions() -> Vec<(&'static str, Action)> {
    variants::<Action>()
        .iter()
        .filter_map(|n| named::<Action>(n, "action").ok().map(|a| (*n, a)))
        .filter(|(_, a)| a.is_bindable())
        .collect()
}
