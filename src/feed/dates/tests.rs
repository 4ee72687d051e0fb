use super::*;

/// `text` read, as RFC 3339 in UTC.
fn read(text: &str) -> Option<String> {
    parse(text).map(|t| t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
}

#[test]
fn what_feed_rs_reads_reads_the_same() {
    // feed-rs's own test table (RFC 2822, RFC 3339 and their sloppy variants).
    let cases = [
        ("Fri, Oct 7 2022 10:15:00 -0400", "2022-10-07T14:15:00Z"),
        ("26 August 2019 10:00:00 +0000", "2019-08-26T10:00:00Z"),
        ("Mon, 01 Jan 2001 00:00:00 UTC", "2001-01-01T00:00:00Z"),
        ("Wed, 22 Jan 2020 10:58:02 -0000", "2020-01-22T10:58:02Z"),
        ("Wed, 25 Aug 2012 03:25:42 GMT", "2012-08-25T03:25:42Z"),
        ("2 September 2019 20:00:00 +0000", "2019-09-02T20:00:00Z"),
        ("2016-10-01T00:00:00+10:00", "2016-09-30T14:00:00Z"),
        ("24 Sep 2013 1:27 PDT", "2013-09-24T08:27:00Z"),
        ("5 Jun 2017 24:05 PDT", "2017-06-05T07:05:00Z"),
        ("Tue, 15 Nov 2022 20:15:04 Z", "2022-11-15T20:15:04Z"),
        ("mer, 16 nov 2022 00:38:15 +0100", "2022-11-15T23:38:15Z"),
        ("2014-12-29T14:53:35+02:00", "2014-12-29T12:53:35Z"),
        ("2014-12-29T14:53:35+0200", "2014-12-29T12:53:35Z"),
        ("Mon, 27 Oct 2025 09:30:00 +0000", "2025-10-27T09:30:00Z"),
        ("2025-10-27T09:30:00Z", "2025-10-27T09:30:00Z"),
        ("2025-10-27T09:30:00.123456Z", "2025-10-27T09:30:00Z"),
    ];
    for (text, want) in cases {
        assert_eq!(read(text).as_deref(), Some(want), "{text:?}");
    }
}

#[test]
fn odd_forms_keep_their_date() {
    let cases = [
        // No zone: UTC.
        ("2025-10-27 09:30:00", "2025-10-27T09:30:00Z"),
        ("2025-10-27T09:30:00", "2025-10-27T09:30:00Z"),
        ("2025-10-27T09:30", "2025-10-27T09:30:00Z"),
        ("2025-10-27 09:30", "2025-10-27T09:30:00Z"),
        ("2025-10-27", "2025-10-27T00:00:00Z"),
        ("2025/10/27 09:30:00", "2025-10-27T09:30:00Z"),
        ("2025-10-27 09:30:00.5", "2025-10-27T09:30:00Z"),
        ("Mon, 27 Oct 2025 09:30:00", "2025-10-27T09:30:00Z"),
        ("2025-10-27 09:30:00 +0200", "2025-10-27T07:30:00Z"),
        ("2025-10-27 09:30:00 UTC", "2025-10-27T09:30:00Z"),
        ("2025-10-27 09:30:00Z", "2025-10-27T09:30:00Z"),
        ("2025-10-27T09:30Z", "2025-10-27T09:30:00Z"),
        ("2025-10-27T09:30:00.000+0000", "2025-10-27T09:30:00Z"),
        ("2025-10-27T09:30:00+02", "2025-10-27T07:30:00Z"),
        // RFC 850 and asctime.
        ("Monday, 27-Oct-25 09:30:00 GMT", "2025-10-27T09:30:00Z"),
        ("Mon Oct 27 09:30:00 2025", "2025-10-27T09:30:00Z"),
        (
            "Mon Oct 27 2025 09:30:00 GMT+0100 (Central European Standard Time)",
            "2025-10-27T08:30:00Z",
        ),
        // Named zones.
        ("Mon, 27 Oct 2025 09:30:00 CEST", "2025-10-27T07:30:00Z"),
        ("Mon, 27 Oct 2025 09:30:00 CET", "2025-10-27T08:30:00Z"),
        ("Mon, 27 Oct 2025 09:30:00 EST", "2025-10-27T14:30:00Z"),
        ("Mon, 27 Oct 2025 09:30:00 EDT", "2025-10-27T13:30:00Z"),
        ("Mon, 27 Oct 2025 09:30:00 PDT", "2025-10-27T16:30:00Z"),
        ("Mon, 27 Oct 2025 09:30:00 AEDT", "2025-10-26T22:30:00Z"),
        (
            "Mon, 27 Oct 2025 09:30:00 +0000 (UTC)",
            "2025-10-27T09:30:00Z",
        ),
        ("Mon, 27 Oct 2025 09:30:00 +05:30", "2025-10-27T04:00:00Z"),
        ("Mon, 27 Oct 2025 09:30:00 XYZ", "2025-10-27T09:30:00Z"),
        // Single-digit days and hours, no seconds, long names, odd orders.
        ("Mon, 7 Oct 2025 9:30:00 +0000", "2025-10-07T09:30:00Z"),
        ("Mon, 27 Oct 2025 09:30 GMT", "2025-10-27T09:30:00Z"),
        ("27 Oct 2025", "2025-10-27T00:00:00Z"),
        ("October 27, 2025", "2025-10-27T00:00:00Z"),
        ("October 27, 2025 9:30 pm", "2025-10-27T21:30:00Z"),
        ("Oct. 27, 2025, 12:05 AM", "2025-10-27T00:05:00Z"),
        ("Monday, October 27th, 2025", "2025-10-27T00:00:00Z"),
        ("Thurs, 30 Oct 2025 09:30:00 GMT", "2025-10-30T09:30:00Z"),
        ("Tues, 28 Oct 2025 09:30:00 GMT", "2025-10-28T09:30:00Z"),
        (
            "  Mon, 27 Oct 2025 09:30:00 +0000\n",
            "2025-10-27T09:30:00Z",
        ),
        ("Mon,27 Oct 2025 09:30:00 +0000", "2025-10-27T09:30:00Z"),
        ("27.10.2025 09:30", "2025-10-27T09:30:00Z"),
        ("27. Oktober 2025 09:30 MEZ", "2025-10-27T09:30:00Z"),
        ("lun., 27 oct. 2025 09:30:00 +0100", "2025-10-27T08:30:00Z"),
        ("27/10/2025", "2025-10-27T00:00:00Z"),
        ("10/27/2025", "2025-10-27T00:00:00Z"),
        ("Sat, 31 Dec 1999 23:59:60 GMT", "1999-12-31T23:59:59Z"),
    ];
    for (text, want) in cases {
        assert_eq!(read(text).as_deref(), Some(want), "{text:?}");
    }
}

#[test]
fn what_is_not_a_date_is_none() {
    let cases = [
        "",
        "   ",
        "yesterday",
        "soon",
        "2025",
        "Oct 2025",
        "31 Feb 2025",
        "2025-13-01",
        "2025-10-32",
        "10/11/2025",
        "27 Oct 2025 25:00",
        "27 Oct 2025 09:60",
        "27 Oct 2025 09:30 +2500",
        "Mon, 27 Oct 2025 09:30:00 +0000 <script>",
        "hello 27 Oct 2025",
        "27 Oct 2025 27 Oct 2025 09:30",
        "99999999999 Oct 2025",
        "13:00 pm 27 Oct 2025",
    ];
    for text in cases {
        assert_eq!(read(text), None, "{text:?}");
    }
}

#[test]
fn garbage_never_panics() {
    // A cheap fuzz loop: random strings built from the characters dates are made of.
    let alphabet: Vec<char> = "0123456789 :+-.,/()TZtzOctMonGMTCESTé\u{0}\u{FEFF}"
        .chars()
        .collect();
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..20_000 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let len = (seed % 40) as usize;
        let text: String = (0..len)
            .map(|i| alphabet[((seed >> (i % 50)) as usize + i * 7) % alphabet.len()])
            .collect();
        let _ = parse(&text);
    }
    let _ = parse(&"9".repeat(10_000));
    let _ = parse(&"Oct ".repeat(40));
}

proptest::proptest! {
    #[test]
    fn any_text_is_read_or_refused_without_a_panic(text in "\\PC{0,80}") {
        let _ = parse(&text);
    }
}

#[test]
fn system_times_before_and_after_1970() {
    use std::time::{Duration, SystemTime};
    let after = parse_system("1970-01-01T00:00:01.5Z").unwrap();
    assert_eq!(after, SystemTime::UNIX_EPOCH + Duration::from_millis(1500));
    let before = parse_system("1969-12-31T23:59:59Z").unwrap();
    assert_eq!(before, SystemTime::UNIX_EPOCH - Duration::from_secs(1));
}
