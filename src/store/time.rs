//! UTC calendar dates from file and wall-clock times, without a date crate for two formats.

use std::time::{SystemTime, UNIX_EPOCH};

/// Year, month, day and seconds into that day (UTC) of `t`; times before 1970 read as 1970-01-01.
fn civil(t: SystemTime) -> (i64, i64, i64, u64) {
    let secs = t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (days, rem) = (secs / 86_400, secs % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day, rem)
}

/// `t` as an ISO 8601 date, `2026-01-01`.
pub fn date(t: SystemTime) -> String {
    let (y, m, d, _) = civil(t);
    format!("{y:04}-{m:02}-{d:02}")
}

/// `t` as a compact ISO 8601 UTC stamp for file names, `20260101T010101Z`.
pub fn stamp(t: SystemTime) -> String {
    let (y, m, d, rem) = civil(t);
    format!(
        "{y:04}{m:02}{d:02}T{:02}{:02}{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

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
}
