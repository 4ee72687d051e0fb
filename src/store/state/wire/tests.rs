use super::*;
use crate::model::read_state::Mark;
use crate::store::state::StateStore;
use std::fs;

fn id(s: &str) -> ArticleId {
    ArticleId(s.into())
}

fn key(s: &str) -> DigestKey {
    DigestKey(s.to_string())
}

fn good(bytes: &[u8], now: u64) -> ReadState {
    match decode_at(bytes, now) {
        Disk::Good(s) => s,
        Disk::Newer(v) => panic!("newer {v}"),
        Disk::Bad(why) => panic!("bad: {why}"),
        Disk::Missing => panic!("missing"),
        Disk::Unreadable(why) => panic!("unreadable: {why}"),
    }
}

#[test]
fn round_trips_and_writes_one_entry_per_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let (mut store, mut state, warnings) = StateStore::open(&path);
    assert!(warnings.is_empty() && state.is_empty());
    let (mon, tue) = (key("id:mon"), key("dated:2025-10-28\u{1f}Tech"));
    state.set(&mon, &id("b\"quoted\""), true, 2000);
    state.set(&mon, &id("a"), false, 1000);
    state.set(&tue, &id("1"), true, 3000);
    state.set_star(&tue, &id("1"), true, 3001);
    state.set_last_opened(&tue, &id("1"), 3002);
    state.set_library_cursor(&tue, 3003);
    state.insert_legacy(
        &id("old"),
        Mark {
            value: true,
            changed: 5,
        },
    );
    store.save(&state).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    assert_eq!(
        text,
        r#"{
  "version": 2,
  "digests": {
    "dated:2025-10-28\u001fTech": {
      "read": {
        "1": {"read": true, "changed": 3000}
      },
      "starred": {
        "1": {"starred": true, "changed": 3001}
      },
      "last_opened": {"article": "1", "changed": 3002}
    },
    "id:mon": {
      "read": {
        "a": {"read": false, "changed": 1000},
        "b\"quoted\"": {"read": true, "changed": 2000}
      }
    }
  },
  "library_cursor": {"digest": "dated:2025-10-28\u001fTech", "changed": 3003},
  "legacy": {
    "old": {"read": true, "changed": 5}
  }
}
"#
    );
    let (_, again, warnings) = StateStore::open(&path);
    assert!(warnings.is_empty());
    assert_eq!(again, state);
}

#[test]
fn empty_state_is_valid_json() {
    let text = encode(&ReadState::new());
    assert_eq!(text, "{\n  \"version\": 2,\n  \"digests\": {}\n}\n");
    assert!(matches!(decode(text.as_bytes()), Disk::Good(s) if s.is_empty()));
}

#[test]
fn a_version_1_file_loads_as_legacy_marks() {
    // What every newsdeck before state version 2 wrote.
    let v1 = br#"{
  "version": 1,
  "articles": {
    "1": {"read": true, "changed": 1767225600000},
    "https://x/a": {"read": false, "changed": 1767225600001}
  }
}
"#;
    let s = good(v1, 1767225600000);
    let legacy: Vec<(&str, bool)> = s.legacy().map(|(i, m)| (i.0.as_str(), m.value)).collect();
    assert_eq!(legacy, [("1", true), ("https://x/a", false)]);
    assert_eq!(s.len(), 2);
    // Written back as version 2, the legacy marks are still there.
    let again = good(encode(&s).as_bytes(), 1767225600000);
    assert_eq!(again, s);
}

#[test]
fn future_times_are_clamped_when_read() {
    let now = 1_000_000;
    let text = format!(
        r#"{{"version": 2, "digests": {{"id:d": {{"read": {{"x": {{"read": true, "changed": {max}}}}},
            "starred": {{"x": {{"starred": true, "changed": {max}}}}},
            "last_opened": {{"article": "x", "changed": {max}}}}}}},
            "library_cursor": {{"digest": "id:d", "changed": {max}}},
            "legacy": {{"y": {{"read": true, "changed": {max}}}}}}}"#,
        max = u64::MAX
    );
    let mut s = good(text.as_bytes(), now);
    assert_eq!(
        s.get(&key("id:d"), &id("x")),
        Some(Mark {
            value: true,
            changed: now
        })
    );
    assert!(
        encode(&s).matches(&now.to_string()).count() == 5,
        "{}",
        encode(&s)
    );
    s.set(&key("id:d"), &id("x"), false, now + 1);
    assert!(!s.is_read(&key("id:d"), &id("x")));
    let v1 = format!(
        r#"{{"version": 1, "articles": {{"x": {{"read": true, "changed": {}}}}}}}"#,
        u64::MAX
    );
    assert_eq!(
        good(v1.as_bytes(), now).legacy().next().unwrap().1.changed,
        now
    );
}

#[test]
fn wrong_shapes_count_as_corrupt() {
    for bad in [
        &b""[..],
        b"null",
        b"[]",
        b"{\"articles\": {}}",
        b"{\"version\": 0, \"articles\": {}}",
        b"{\"version\": \"1\", \"articles\": {}}",
        b"{\"version\": 1, \"articles\": {\"a\": {\"read\": 1, \"changed\": 2}}}",
        b"{\"version\": 1}",
        b"{\"version\": 2}",
        b"{\"version\": 2, \"articles\": {}}",
        b"{\"version\": 2, \"digests\": {\"d\": {\"read\": {\"a\": {\"read\": true}}}}}",
        b"{\"version\": 2, \"digests\": {}, \"legacy\": []}",
        b"\xff\xfe",
    ] {
        assert!(
            matches!(decode(bad), Disk::Bad(_)),
            "{:?}",
            String::from_utf8_lossy(bad)
        );
    }
    assert!(matches!(decode(b"{\"version\": 3}"), Disk::Newer(3)));
}
