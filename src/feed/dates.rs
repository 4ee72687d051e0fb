//! Item dates as feeds in the wild write them, read leniently.
//!
//! feed-rs reads RFC 3339 and RFC 2822 with a few repairs and drops every other date, so items
//! dated `2025-10-27 09:30:00`, `Monday, 27-Oct-25 09:30:00 GMT` or `... 09:30 CEST` lost their
//! date. [`parse`] first tries RFC 3339 as it is (the common case, Atom and JSON Feed), then reads
//! the text as tokens: a date (`27 Oct 2025`, `Oct 27, 2025`, `27-Oct-25`, `2025-10-27`,
//! `27.10.2025`), a time (`9:30`, `09:30:00.123`, `9:30 PM`) and a zone (`Z`, `+0200`, `+02:00`,
//! `GMT`, `CEST`, `PDT`...), in any of the orders feeds use. A weekday is ignored, right or
//! wrong. Without a zone the time is read as UTC; an unknown zone name after the time is read as
//! UTC too (the day is still right). A day that does not exist, or text that is not a date, is
//! `None`: never a guess, never a panic.

use std::time::{Duration, SystemTime};

use jiff::Timestamp;
use jiff::civil::{Date, Time};
use jiff::tz::Offset;

mod tokens;
mod zones;

use tokens::{Token, tokenize};

/// Longer text than this is not a date (and is not worth reading as one).
const MAX_LEN: usize = 200;

/// The instant `text` names, read leniently (see the module doc).
pub fn parse(text: &str) -> Option<Timestamp> {
    let text = text.trim();
    if text.is_empty() || text.len() > MAX_LEN {
        return None;
    }
    if let Ok(t) = text.parse::<Timestamp>() {
        return Some(t);
    }
    read(&tokenize(text)?)
}

/// [`parse`] as a `SystemTime`, the type feed-rs's dates convert from.
pub fn parse_system(text: &str) -> Option<SystemTime> {
    let nanos = parse(text)?.as_nanosecond();
    let abs = nanos.unsigned_abs();
    let since = Duration::new(
        u64::try_from(abs / 1_000_000_000).ok()?,
        u32::try_from(abs % 1_000_000_000).ok()?,
    );
    if nanos >= 0 {
        SystemTime::UNIX_EPOCH.checked_add(since)
    } else {
        SystemTime::UNIX_EPOCH.checked_sub(since)
    }
}

/// The date, time and zone the tokens hold, each read once.
#[derive(Default)]
struct Parts {
    month: Option<i8>,
    /// Numbers that are not part of the time or zone, with their digit count and the separator
    /// that came before them.
    numbers: Vec<(u32, usize, char)>,
    time: Option<(i8, i8, i8, i32)>,
    pm: Option<bool>,
    offset: Option<i32>,
    /// A zone name newsdeck does not know, after the time: read as UTC.
    unknown_zone: bool,
}

/// Reads the tokens; `None` when a part is missing, repeated or out of range.
fn read(tokens: &[Token]) -> Option<Timestamp> {
    let mut parts = Parts::default();
    for (i, token) in tokens.iter().enumerate() {
        match token {
            Token::Number { value, digits, sep } => {
                parts.numbers.push((*value, *digits, *sep));
            }
            Token::Time {
                hour,
                minute,
                second,
                nanos,
            } => {
                if parts.time.is_some() {
                    return None;
                }
                parts.time = Some((*hour, *minute, *second, *nanos));
            }
            // A number beats a name: `GMT+0100`.
            Token::Offset(seconds) => parts.offset = Some(*seconds),
            Token::Word { text, comma } => word(&mut parts, text, *comma, i == 0)?,
        }
    }
    assemble(&parts)
}

/// Files one word: a month, weekday, zone, am/pm or filler; `None` for anything else.
fn word(parts: &mut Parts, text: &str, comma: bool, first: bool) -> Option<()> {
    if matches!(text, "t" | "th" | "st" | "nd" | "rd" | "at" | "of") {
        return Some(());
    }
    if matches!(text, "am" | "pm") && parts.time.is_some() {
        parts.pm = Some(text == "pm");
        return Some(());
    }
    if parts.time.is_some()
        && let Some(offset) = zones::offset(text)
    {
        parts.offset = parts.offset.or(Some(offset));
        return Some(());
    }
    // A leading word with a comma is a weekday in any language (`mer, 16 nov 2022`).
    if (first && comma) || zones::is_weekday(text) {
        return Some(());
    }
    if parts.month.is_none()
        && let Some(month) = zones::month(text)
    {
        parts.month = Some(month);
        return Some(());
    }
    if parts.time.is_some() && text.len() <= 5 {
        parts.unknown_zone = true;
        return Some(());
    }
    None
}

/// Builds the instant from the parts read.
fn assemble(parts: &Parts) -> Option<Timestamp> {
    let (year, month, day) = date_of(parts)?;
    let date = Date::new(year, month, day).ok()?;
    let (mut hour, minute, second, nanos) = parts.time.unwrap_or((0, 0, 0, 0));
    if hour == 24 {
        // `24:05` is read as the start of that day, as feed-rs does.
        hour = 0;
    }
    match parts.pm {
        Some(true) if (1..12).contains(&hour) => hour += 12,
        Some(false) if hour == 12 => hour = 0,
        Some(_) if hour > 12 || hour == 0 => return None,
        _ => {}
    }
    let time = Time::new(hour, minute, second.min(59), nanos).ok()?;
    let offset = Offset::from_seconds(parts.offset.unwrap_or(0)).ok()?;
    offset.to_timestamp(date.to_datetime(time)).ok()
}

/// Year, month and day from a month name and two numbers, or from three numbers.
fn date_of(parts: &Parts) -> Option<(i16, i8, i8)> {
    let n = &parts.numbers;
    let (year, month, day) = match (parts.month, n.as_slice()) {
        // `27 Oct 2025`, `Oct 27 2025`, `27-Oct-25`, `2025 Oct 27`: the wide number is the year.
        (Some(month), [a, b]) => {
            if a.1 >= 3 && b.1 <= 2 {
                (year_of(a)?, month, b.0)
            } else {
                (year_of(b)?, month, a.0)
            }
        }
        // `2025-10-27`, `2025/10/27`.
        (None, [y, m, d]) if y.1 == 4 && m.1 <= 2 && d.1 <= 2 => (year_of(y)?, small(m.0)?, d.0),
        // `27.10.2025` (day first where dots are written); `27/10/2025` or `10/27/2025` only
        // when one of the two cannot be a month.
        (None, [a, b, y]) if y.1 == 4 && a.1 <= 2 && b.1 <= 2 => {
            if b.2 == '.' || a.0 > 12 {
                (year_of(y)?, small(b.0)?, a.0)
            } else if b.0 > 12 {
                (year_of(y)?, small(a.0)?, b.0)
            } else {
                return None;
            }
        }
        _ => return None,
    };
    Some((year, month, small(day)?))
}

/// A number that fits a month or day field.
fn small(value: u32) -> Option<i8> {
    i8::try_from(value).ok().filter(|v| *v >= 1)
}

/// A year: four digits as written, two digits as RFC 2822 reads them (00-49 is 2000-2049).
fn year_of(&(value, digits, _): &(u32, usize, char)) -> Option<i16> {
    let year = match digits {
        2 if value < 50 => value + 2000,
        2 => value + 1900,
        3 | 4 => value,
        _ => return None,
    };
    i16::try_from(year).ok()
}

#[cfg(test)]
mod tests;
