use super::*;
use proptest::prelude::*;

fn id(s: &str) -> ArticleId {
    ArticleId(s.into())
}

fn key(s: &str) -> DigestKey {
    DigestKey(s.to_string())
}

fn mark(read: bool, changed: u64) -> Mark {
    Stamped {
        value: read,
        changed,
    }
}

/// A state with read marks in digest "d".
fn state(marks: &[(&str, bool, u64)]) -> ReadState {
    let mut s = ReadState::new();
    for (i, read, changed) in marks {
        s.insert(&key("d"), &id(i), mark(*read, *changed));
    }
    s
}

fn read(s: &ReadState, i: &str) -> bool {
    s.is_read(&key("d"), &id(i))
}

#[test]
fn newer_change_wins_either_way() {
    let mut a = state(&[("x", true, 10), ("y", false, 30)]);
    let b = state(&[("x", false, 20), ("y", true, 25), ("z", true, 5)]);
    a.merge(&b);
    assert!(!read(&a, "x"), "unread at 20 beats read at 10");
    assert!(!read(&a, "y"), "unread at 30 beats read at 25");
    assert!(read(&a, "z"), "marks only one side has are kept");
    assert_eq!(a.len(), 3);
}

#[test]
fn equal_times_resolve_to_read_in_both_orders() {
    let a = state(&[("x", true, 10)]);
    let b = state(&[("x", false, 10)]);
    let mut ab = a.clone();
    ab.merge(&b);
    let mut ba = b.clone();
    ba.merge(&a);
    assert_eq!(ab, ba);
    assert!(read(&ab, "x"));
}

#[test]
fn set_always_supersedes_the_previous_mark() {
    let mut s = ReadState::new();
    s.set(&key("d"), &id("x"), true, 1000);
    // The clock stepped back: the new mark must still be the newer one.
    s.set(&key("d"), &id("x"), false, 500);
    assert_eq!(s.get(&key("d"), &id("x")), Some(mark(false, 1001)));
    let mut old = state(&[("x", true, 1000)]);
    old.merge(&s);
    assert!(!read(&old, "x"));
}

/// The river's snapshot of the marks is taken without copying them (the UI thread hands it to
/// a worker), and changes made after it stay out of it while reaching the state itself; the
/// digests nobody changed stay shared.
#[test]
fn a_snapshot_of_the_marks_copies_nothing_and_later_changes_stay_out_of_it() {
    let mut s = state(&[("x", true, 1), ("y", false, 1)]);
    s.set(&key("e"), &id("z"), true, 1);
    let marks = s.marks();
    assert!(
        Arc::ptr_eq(&marks.0, &s.digests),
        "taking it copies nothing"
    );
    s.set(&key("d"), &id("y"), true, 2);
    assert!(read(&s, "y"));
    assert!(
        !marks.is_read(&key("d"), &id("y")),
        "the snapshot is as it was"
    );
    assert!(marks.is_read(&key("d"), &id("x")));
    let (before, after) = (&marks.0[&key("e")], &s.digests[&key("e")]);
    assert!(Arc::ptr_eq(before, after), "digest e was not copied");
    // Once the snapshot is gone, changes are made in place again.
    drop(marks);
    let d = Arc::as_ptr(&s.digests[&key("d")]);
    s.set(&key("d"), &id("x"), false, 3);
    assert_eq!(Arc::as_ptr(&s.digests[&key("d")]), d);
}

#[test]
fn unread_count_counts_unmarked_and_unread() {
    let s = state(&[("a", true, 1), ("b", false, 2)]);
    let ids = [id("a"), id("b"), id("c")];
    assert_eq!(s.unread_count(&key("d"), ids.iter()), 2);
    assert_eq!(s.unread_count(&key("other"), ids.iter()), 3);
}

#[test]
fn digests_numbering_articles_alike_never_share_marks() {
    let (monday, tuesday) = (key("id:monday"), key("id:tuesday"));
    let ids = [id("1"), id("2"), id("3")];
    let mut s = ReadState::new();
    for i in &ids {
        s.set(&monday, i, true, 10);
    }
    assert_eq!(s.unread_count(&monday, ids.iter()), 0);
    assert_eq!(s.unread_count(&tuesday, ids.iter()), 3);
    assert!(!s.is_read(&tuesday, &id("1")));
}

#[test]
fn a_mark_from_the_far_future_is_clamped_so_a_later_change_wins() {
    let now = 1_767_225_600_000;
    let mut s = state(&[("x", true, u64::MAX), ("y", true, now + 1000)]);
    s.clamp_future(now);
    assert_eq!(s.get(&key("d"), &id("x")), Some(mark(true, now)));
    assert_eq!(
        s.get(&key("d"), &id("y")),
        Some(mark(true, now + 1000)),
        "a clock a little ahead is believed"
    );
    s.set(&key("d"), &id("x"), false, now + 5);
    assert!(!read(&s, "x"), "the later local change wins");
    // Merging the hostile copy as it was read (clamped then) does not undo the later change.
    let mut hostile = state(&[("x", true, u64::MAX)]);
    hostile.clamp_future(now);
    s.merge(&hostile);
    assert!(!read(&s, "x"));
}

#[test]
fn clamping_covers_stars_positions_cursor_and_legacy() {
    let now = 1000;
    let mut s = ReadState::new();
    s.insert_star(&key("d"), &id("x"), mark(true, u64::MAX));
    s.insert_last_opened(
        &key("d"),
        Stamped {
            value: id("x"),
            changed: u64::MAX,
        },
    );
    s.insert_library_cursor(Stamped {
        value: key("d"),
        changed: u64::MAX,
    });
    s.insert_legacy(&id("l"), mark(true, u64::MAX));
    s.clamp_future(now);
    s.set_star(&key("d"), &id("x"), false, now + 1);
    s.set_last_opened(&key("d"), &id("y"), now + 1);
    s.set_library_cursor(&key("e"), now + 1);
    assert!(!s.is_starred(&key("d"), &id("x")));
    assert_eq!(s.last_opened(&key("d")), Some(&id("y")));
    assert_eq!(s.library_cursor(), Some(&key("e")));
    assert_eq!(s.legacy().next(), Some((&id("l"), mark(true, now))));
}

#[test]
fn stars_list_newest_first_and_unstarring_is_kept() {
    let mut s = ReadState::new();
    s.set_star(&key("a"), &id("1"), true, 10);
    s.set_star(&key("b"), &id("1"), true, 30);
    s.set_star(&key("a"), &id("2"), true, 20);
    s.set_star(&key("a"), &id("2"), false, 40);
    assert!(s.is_starred(&key("a"), &id("1")));
    assert!(!s.is_starred(&key("a"), &id("2")));
    assert!(!s.is_starred(&key("c"), &id("1")));
    let starred: Vec<(String, String, u64)> = s
        .starred()
        .into_iter()
        .map(|(i, t)| (i.digest.0, i.article.0.to_string(), t))
        .collect();
    assert_eq!(
        starred,
        [("b".into(), "1".into(), 30), ("a".into(), "1".into(), 10)]
    );
    // An older star elsewhere does not undo the later unstar.
    let mut old = ReadState::new();
    old.insert_star(&key("a"), &id("2"), mark(true, 25));
    s.merge(&old);
    assert!(!s.is_starred(&key("a"), &id("2")));
}

#[test]
fn positions_merge_newer_wins() {
    let mut laptop = ReadState::new();
    laptop.set_last_opened(&key("d"), &id("3"), 50);
    laptop.set_library_cursor(&key("d"), 50);
    let mut desktop = ReadState::new();
    desktop.set_last_opened(&key("d"), &id("7"), 60);
    desktop.set_last_opened(&key("e"), &id("1"), 10);
    desktop.set_library_cursor(&key("e"), 40);
    let mut merged = laptop.clone();
    merged.merge(&desktop);
    assert_eq!(merged.last_opened(&key("d")), Some(&id("7")));
    assert_eq!(merged.last_opened(&key("e")), Some(&id("1")));
    assert_eq!(merged.library_cursor(), Some(&key("d")));
    assert_eq!(merged.last_opened(&key("f")), None);
}

#[test]
fn migration_carries_unambiguous_legacy_marks_and_keeps_the_rest() {
    let mut s = ReadState::new();
    s.insert_legacy(&id("only-monday"), mark(true, 5));
    s.insert_legacy(&id("1"), mark(true, 6));
    s.insert_legacy(&id("gone"), mark(true, 7));
    let monday = (key("id:mon"), vec![id("1"), id("only-monday"), id("1")]);
    let tuesday = (key("id:tue"), vec![id("1"), id("2")]);
    let library = [&monday, &tuesday];
    let moved = s.migrate(library.iter().map(|(k, ids)| (k, ids.as_slice())));
    assert_eq!(
        moved, 1,
        "a duplicate within one digest is still that digest's"
    );
    assert!(s.is_read(&key("id:mon"), &id("only-monday")));
    assert!(
        !s.is_read(&key("id:mon"), &id("1")),
        "ambiguous: not carried"
    );
    assert!(!s.is_read(&key("id:tue"), &id("1")));
    let legacy: Vec<&str> = s.legacy().map(|(i, _)| i.0.as_str()).collect();
    assert_eq!(legacy, ["1", "gone"], "the rest are kept");
    // The old mark arriving again (the old file, merged at a save) goes to its digest too.
    let mut old_file = ReadState::new();
    old_file.insert_legacy(&id("only-monday"), mark(true, 5));
    s.merge(&old_file);
    let legacy: Vec<&str> = s.legacy().map(|(i, _)| i.0.as_str()).collect();
    assert_eq!(legacy, ["1", "gone"]);
}

#[test]
fn a_migrated_mark_merges_with_a_newer_local_one() {
    let mut s = ReadState::new();
    s.set(&key("id:mon"), &id("a"), false, 100);
    s.insert_legacy(&id("a"), mark(true, 50));
    let ids = [id("a")];
    s.migrate([(&key("id:mon"), &ids[..])]);
    assert!(
        !s.is_read(&key("id:mon"), &id("a")),
        "the newer unread wins"
    );
    assert_eq!(s.legacy().count(), 0);
}

fn arb_state() -> impl Strategy<Value = ReadState> {
    let entry = (0u8..3, 0u8..6, 0u8..4, any::<bool>(), 0u64..8);
    prop::collection::vec(entry, 0..16).prop_map(|v| {
        let mut s = ReadState::new();
        for (d, i, kind, on, changed) in v {
            let (d, i) = (key(&format!("d{d}")), id(&format!("a{i}")));
            match kind {
                0 => s.insert(&d, &i, mark(on, changed)),
                1 => s.insert_star(&d, &i, mark(on, changed)),
                2 => s.insert_last_opened(&d, Stamped { value: i, changed }),
                _ => s.insert_library_cursor(Stamped { value: d, changed }),
            }
        }
        s
    })
}

proptest! {
    #[test]
    fn merge_is_commutative(a in arb_state(), b in arb_state()) {
        let mut ab = a.clone();
        ab.merge(&b);
        let mut ba = b.clone();
        ba.merge(&a);
        prop_assert_eq!(ab, ba);
    }

    #[test]
    fn merge_is_idempotent(a in arb_state(), b in arb_state()) {
        let mut once = a.clone();
        once.merge(&b);
        let mut twice = once.clone();
        twice.merge(&b);
        prop_assert_eq!(&once, &twice);
        let mut self_merged = once.clone();
        self_merged.merge(&once);
        prop_assert_eq!(once, self_merged);
    }

    #[test]
    fn merge_is_associative(a in arb_state(), b in arb_state(), c in arb_state()) {
        let mut left = a.clone();
        left.merge(&b);
        left.merge(&c);
        let mut bc = b.clone();
        bc.merge(&c);
        let mut right = a.clone();
        right.merge(&bc);
        prop_assert_eq!(left, right);
    }
}

#[test]
fn take_changes_holds_only_local_changes_and_empties() {
    let mut s = state(&[("old", true, 1)]);
    s.set(&key("d"), &id("a"), true, 10);
    s.set_star(&key("d"), &id("b"), true, 11);
    s.set_library_cursor(&key("d"), 12);
    let changes = s.take_changes();
    assert!(changes.is_read(&key("d"), &id("a")));
    assert!(changes.is_starred(&key("d"), &id("b")));
    assert!(!read(&changes, "old"), "loaded marks are not changes");
    assert_eq!(changes.entries(), 3);
    assert!(s.take_changes().is_empty());
    assert_eq!(s, state(&[("old", true, 1)]).tap_merge(&changes));
}

#[test]
fn news_for_holds_only_what_would_win() {
    let mine = state(&[("a", true, 10), ("b", true, 10)]);
    let disk = state(&[("a", true, 10), ("b", false, 20), ("c", true, 5)]);
    let news = disk.news_for(&mine);
    assert_eq!(news, state(&[("b", false, 20), ("c", true, 5)]));
    let mut merged = mine.clone();
    merged.merge(&news);
    let mut full = mine;
    full.merge(&disk);
    assert_eq!(merged, full, "merging the news is merging everything");
}

trait TapMerge {
    fn tap_merge(self, other: &ReadState) -> ReadState;
}

impl TapMerge for ReadState {
    fn tap_merge(mut self, other: &ReadState) -> ReadState {
        self.merge(other);
        self
    }
}
