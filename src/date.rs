//! Dates, in one place and on one rule: what a digest's `published` means, how lists sort by it,
//! and how newsdeck writes a time. Pure: no IO, no clock. The calendar is `jiff`'s.
//!
//! A `published` string is a date when it is an RFC 3339 date or date-time, the profile of ISO
//! 8601 that feeds and APIs write:
//!
//! - a calendar date, `2025-10-27` (read as midnight UTC);
//! - or a date, `T`, and a time `09:30` with optional seconds (`:05`, a leap second `:60` reads
//!   as `:59`) and fraction (`.123`), then optionally a zone: `Z` or a numeric offset (`+02:00`,
//!   `-0530`). Without a zone the time is read as UTC.
//!
//! Fields have their full width (`2025-01-07`, not `2025-1-7`) and the day must exist in its month.
//! Anything else (`Oct 27`, `2025-10-27 09:30` with a space, week dates, `20251027`, `[Europe/Paris]`
//! annotations) is not a date: the reader shows it as written, `check` warns about it, and lists
//! sort the digest by its file's modification time.

use std::time::SystemTime;

use jiff::Timestamp;
use jiff::civil::Time;
use jiff::fmt::temporal::Pieces;
use jiff::tz::{Offset, TimeZone};

/// The instant a `published` string names, or `None` when it is not a date (see the module doc).
pub fn parse(published: &str) -> Option<Timestamp> {
    if !rfc3339_shape(published) {
        return None;
    }
    let pieces = Pieces::parse(published).ok()?;
    let offset = pieces
        .offset()
        .map_or(Offset::UTC, |o| o.to_numeric_offset());
    let time = pieces.time().unwrap_or(Time::midnight());
    offset.to_timestamp(pieces.date().to_datetime(time)).ok()
}

/// Whether `published` is a date by newsdeck's rule (`check` warns about those that are not).
pub fn is_valid(published: &str) -> bool {
    parse(published).is_some()
}

/// Where a digest sorts in a list, newest highest: seconds since 1970 of its `published`, else of
/// its file's modification time `mtime`; `None` (sorted last) when it has neither.
pub fn sort_key(published: Option<&str>, mtime: Option<SystemTime>) -> Option<i64> {
    published
        .and_then(parse)
        .or_else(|| mtime.map(timestamp))
        .map(Timestamp::as_second)
}

/// `published` as people read it: `Mon 27 Oct 2025, 09:30` in `tz` for a date-time, the date
/// alone (`Mon 27 Oct 2025`, not moved to another zone) for a calendar date, and as written when
/// it is not a date. The app passes the system's zone ([`local_zone`]); tests pass a fixed one.
pub fn display(published: &str, tz: &TimeZone) -> String {
    match parse(published) {
        // A calendar date names a day, not an instant: shifting it to a zone west of UTC would
        // show the day before.
        Some(t) if published.len() == 10 => TimeZone::UTC.to_datetime(t).strftime("%a %-d %b %Y"),
        Some(t) => tz.to_datetime(t).strftime("%a %-d %b %Y, %H:%M"),
        None => return published.to_string(),
    }
    .to_string()
}

/// The user's time zone: `TZ` if set, else `/etc/localtime` (names resolve in the system's
/// zoneinfo); UTC when neither can be read. Reads files, so the app calls it once at start.
pub fn local_zone() -> TimeZone {
    if std::env::var_os("TZ").is_none()
        && let Some(tz) = localtime()
    {
        return tz;
    }
    TimeZone::try_system().unwrap_or(TimeZone::UTC)
}

/// `/etc/localtime` read as TZif data, without looking its name up. jiff would first find the
/// zone's name in the system's zoneinfo database, which lists every folder of it: a few
/// milliseconds before the first frame. Dates are shown with offsets only, so the name is not
/// needed.
#[cfg(unix)]
fn localtime() -> Option<TimeZone> {
    let bytes = crate::store::read::read(
        std::path::Path::new("/etc/localtime"),
        crate::store::read::Kind::Config,
    )
    .ok()?;
    TimeZone::tzif("localtime", &bytes).ok()
}

#[cfg(not(unix))]
fn localtime() -> Option<TimeZone> {
    None
}

/// `t` as an ISO 8601 date in UTC, `2026-01-01`.
pub fn date(t: SystemTime) -> String {
    timestamp(t).strftime("%Y-%m-%d").to_string()
}

/// `t` as a compact ISO 8601 UTC stamp for file names, `20260101T010101Z`.
pub fn stamp(t: SystemTime) -> String {
    timestamp(t).strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// A time in ms since the epoch (as read state keeps them) as an RFC 3339 UTC time to the second,
/// `2026-01-01T01:01:01Z`.
pub fn time_ms(ms: u64) -> String {
    let t = SystemTime::UNIX_EPOCH + std::time::Duration::from_millis(ms);
    timestamp(t).strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// `t` as a jiff timestamp; times beyond jiff's years -9999..=9999 are clamped to them.
fn timestamp(t: SystemTime) -> Timestamp {
    Timestamp::try_from(t).unwrap_or(if t > SystemTime::UNIX_EPOCH {
        Timestamp::MAX
    } else {
        Timestamp::MIN
    })
}

/// Whether `s` has RFC 3339's shape, which jiff's ISO 8601 parser is wider than: the extended
/// format (`-` and `:` separators, so no `20251027` or `T0930`), `T` between date and time (no
/// space), hours and minutes both present, a decimal point, no bracketed annotations. The values
/// themselves are left to jiff.
fn rfc3339_shape(s: &str) -> bool {
    let b = s.as_bytes();
    let date = b.get(4) == Some(&b'-') && b.get(7) == Some(&b'-');
    let time = match b.get(10) {
        None => b.len() == 10,
        Some(sep) => matches!(sep, b'T' | b't') && b.get(13) == Some(&b':'),
    };
    date && time && s.is_ascii() && !s.contains([',', '['])
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    fn secs(s: &str) -> Option<i64> {
        parse(s).map(Timestamp::as_second)
    }

    #[test]
    fn what_counts_as_a_date() {
        for ok in [
            "2025-10-27",
            "2025-10-27T09:30",
            "2025-10-27t09:30",
            "2025-10-27T09:30:05",
            "2025-10-27T09:30:05.123Z",
            "2025-10-27T09:30:05+02:00",
            "2025-10-27T23:59:60-0530",
            "2024-02-29",
        ] {
            assert!(is_valid(ok), "{ok}");
        }
        for bad in [
            "",
            "Oct 27, 2025",
            "27/10/2025",
            "2025-13-01",
            "2025-10-32",
            "2025-02-29",
            "2025-10-27 09:30",
            "2025-10-27T24:00",
            "2025-10-27T09",
            "2025-10-27T0930",
            "2025-10-27T09:30:05.",
            "2025-10-27T09:30:05,5",
            "2025-10-27T09:30Zjunk",
            "2025-10-27T09:30[Europe/Paris]",
            "2025-10-27junk",
            "20251027",
            "+002025-10-27",
            "2025-1-27",
            "２０２５-10-27",
        ] {
            assert!(!is_valid(bad), "{bad}");
        }
    }

    #[test]
    fn dates_order_like_time() {
        assert_eq!(secs("1970-01-01"), Some(0));
        assert_eq!(secs("2026-01-01"), Some(1_767_225_600));
        assert_eq!(secs("2026-01-01T01:01:01Z"), Some(1_767_225_600 + 3661));
        assert_eq!(
            secs("2026-01-01T03:01:01+02:00"),
            Some(1_767_225_600 + 3661)
        );
        assert!(secs("2025-12-31T23:00") < secs("2026-01-01"));
        assert_eq!(secs("yesterday"), None);
        assert_eq!(secs("2025-13-01"), None);
    }

    #[test]
    fn undated_digests_sort_by_their_file_time() {
        let t = UNIX_EPOCH + Duration::from_secs(1000);
        assert_eq!(sort_key(Some("1970-01-01T00:00:01Z"), Some(t)), Some(1));
        assert_eq!(sort_key(Some("Oct 27"), Some(t)), Some(1000));
        assert_eq!(sort_key(None, Some(t)), Some(1000));
        assert_eq!(sort_key(Some("Oct 27"), None), None);
    }

    #[test]
    fn displays_dates_for_people() {
        let utc = TimeZone::UTC;
        assert_eq!(
            display("2025-10-27T09:30:00Z", &utc),
            "Mon 27 Oct 2025, 09:30"
        );
        let plus2 = TimeZone::fixed(jiff::tz::offset(2));
        assert_eq!(
            display("2025-10-27T09:30:00Z", &plus2),
            "Mon 27 Oct 2025, 11:30"
        );
        // An offset in the string is honoured, then shown in the reader's zone.
        assert_eq!(
            display("2025-10-27T01:30+02:00", &utc),
            "Sun 26 Oct 2025, 23:30"
        );
        // A date alone stays that day in every zone.
        let minus5 = TimeZone::fixed(jiff::tz::offset(-5));
        assert_eq!(display("2025-10-27", &minus5), "Mon 27 Oct 2025");
        assert_eq!(display("2025-01-07", &utc), "Tue 7 Jan 2025");
        // Not a date: as written.
        assert_eq!(display("Oct 27", &utc), "Oct 27");
    }

    #[test]
    fn formats_known_dates() {
        assert_eq!(date(UNIX_EPOCH), "1970-01-01");
        assert_eq!(stamp(UNIX_EPOCH), "19700101T000000Z");
        let t = UNIX_EPOCH + Duration::from_secs(1_767_229_261);
        assert_eq!(
            (date(t).as_str(), stamp(t).as_str()),
            ("2026-01-01", "20260101T010101Z")
        );
        let leap = UNIX_EPOCH + Duration::from_secs(951_782_400);
        assert_eq!(date(leap), "2000-02-29");
    }

    #[cfg(unix)]
    #[test]
    fn localtime_read_directly_agrees_with_the_system_zone() {
        let (Some(direct), Ok(system)) = (localtime(), TimeZone::try_system()) else {
            return;
        };
        for t in [0, 1_750_000_000, 1_770_000_000, 2_000_000_000] {
            let t = Timestamp::from_second(t).unwrap();
            assert_eq!(direct.to_offset(t), system.to_offset(t));
        }
    }
}
