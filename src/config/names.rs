//! Names for messages: "did you mean" suggestions, and the field and variant names serde knows
//! for a type, so lists of settings and actions come from the types and cannot drift.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|c| {
            (
                strsim::damerau_levenshtein(&word, &c.to_ascii_lowercase()),
                c,
            )
        })
        .filter(|(d, c)| *d <= (c.chars().count() / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// `"; did you mean `x`?"` when a candidate is close to `word`, else nothing.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    closest(word, candidates).map_or_else(String::new, |c| format!("; did you mean `{c}`?"))
}

/// Rewrites serde's "unknown field `x`, expected one of `a`, `b`" (or "unknown variant") as
/// "unknown KIND `x`; did you mean `a`?", listing the choices when none is close.
pub fn explain_unknown(message: &str, kind: &str) -> String {
    if !(message.starts_with("unknown field") || message.starts_with("unknown variant")) {
        return message.to_string();
    }
    let quoted: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    let Some((bad, choices)) = quoted.split_first() else {
        return message.to_string();
    };
    match closest(bad, choices.iter().copied()) {
        Some(c) => format!("unknown {kind} `{bad}`; did you mean `{c}`?"),
        None if choices.is_empty() => format!("unknown {kind} `{bad}`"),
        None => format!(
            "unknown {kind} `{bad}`; expected one of: {}",
            choices.join(", ")
        ),
    }
}

/// The field names of struct `T`, in declaration order.
pub fn fields<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    match T::deserialize(Capture) {
        Err(Captured::Names(names)) => names,
        _ => &[],
    }
}

/// The variant names of enum `T` that deserialize (serde leaves out skipped ones), in order.
pub fn variants<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    fields::<T>()
}

/// A deserializer that reads nothing: it only catches the names a derived impl passes to it.
struct Capture;

#[derive(Debug)]
enum Captured {
    Names(&'static [&'static str]),
    Other,
}

impl fmt::Display for Captured {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("names captured")
    }
}

impl std::error::Error for Captured {}

impl de::Error for Captured {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Captured::Other
    }
}

impl<'de> Deserializer<'de> for Capture {
    type Error = Captured;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Captured> {
        Err(Captured::Other)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Captured> {
        Err(Captured::Names(fields))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        variants: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Captured> {
        Err(Captured::Names(variants))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map identifier
        ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Action;
    use crate::settings::Settings;

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(closest("mous", ["mouse", "opener"]), Some("mouse"));
        assert_eq!(
            closest("next_unred", ["next_unread", "quit"]),
            Some("next_unread")
        );
        assert_eq!(closest("xyzzy", ["mouse", "opener"]), None);
        assert_eq!(did_you_mean("qiut", ["quit"]), "; did you mean `quit`?");
    }

    #[test]
    fn rewrites_serde_unknown_messages() {
        let m = "unknown field `mous`, expected one of `mouse`, `hyperlinks`";
        assert_eq!(
            explain_unknown(m, "setting"),
            "unknown setting `mous`; did you mean `mouse`?"
        );
        let m = "unknown field `zzz`, expected `theme`";
        assert_eq!(
            explain_unknown(m, "key"),
            "unknown key `zzz`; expected one of: theme"
        );
        assert_eq!(explain_unknown("invalid type", "key"), "invalid type");
    }

    #[test]
    fn names_come_from_the_types() {
        let actions = variants::<Action>();
        assert!(actions.contains(&"next_unread"));
        assert!(
            !actions.iter().any(|a| a.contains("filter_char")),
            "{actions:?}"
        );
        assert!(fields::<Settings>().contains(&"reading_width"));
    }
}
