use std::time::{Duration, SystemTime};

use super::*;
use crate::app::{App, Stores, Target};

/// Two digests of the same size whose articles sit at the same spans with other ids and headlines.
const A: &str = r#"{"articles":[{"id":"a1","headline":"Alpha","summary":"first"},{"id":"a2","headline":"Beta"}]}"#;
const B: &str = r#"{"articles":[{"id":"b1","headline":"Gamma","summary":"other"},{"id":"b2","headline":"Dune"}]}"#;

/// Writes `text` to `path` with a modification time an hour ago (not "racy", so it is indexed).
fn write_old(path: &Path, text: &str, mtime: SystemTime) {
    std::fs::write(path, text).unwrap();
    let f = File::options().write(true).open(path).unwrap();
    f.set_modified(mtime).unwrap();
}

fn hour_ago() -> SystemTime {
    SystemTime::now() - Duration::from_secs(3600)
}

fn headlines(d: &Digest) -> Vec<&str> {
    d.entries.iter().map(|e| e.headline()).collect()
}

#[test]
fn a_second_open_lists_from_the_index_and_reads_the_same_articles() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.json");
    let bytes = crate::synth::short_digest(300, 4);
    std::fs::write(&path, &bytes).unwrap();
    File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(hour_ago())
        .unwrap();
    let indexes = DigestIndexes::new(&dir.path().join("cache"), true);
    let (full, pending) = indexes.open(&path).unwrap();
    assert!(!full.is_indexed());
    pending.expect("a settled file gets an index").write(&full);
    let (warm, pending) = indexes.open(&path).unwrap();
    assert!(warm.is_indexed() && pending.is_none());
    assert_eq!(warm.entries, full.entries);
    assert_eq!(warm.meta(), full.meta());
    // The long shape's headlines need no decoding: read from the digest's text when it was
    // read in full, they are written to the index as text all the same.
    let long = dir.path().join("long.json");
    write_old(
        &long,
        &String::from_utf8(crate::synth::digest(50, 4)).unwrap(),
        hour_ago(),
    );
    let (cold, pending) = indexes.open(&long).unwrap();
    assert!(cold.entries.iter().all(|e| e.in_source() == (true, true)));
    pending.expect("indexed").write(&cold);
    let (indexed, _) = indexes.open(&long).unwrap();
    assert!(
        indexed.is_indexed()
            && indexed
                .entries
                .iter()
                .all(|e| e.in_source() == (false, false))
    );
    assert_eq!(indexed.entries, cold.entries);
    for i in [0, 1, 150, 299] {
        assert_eq!(warm.article(i).unwrap(), full.article(i).unwrap());
    }
    assert!(!warm.is_stale());
    assert_eq!(
        warm.full_text().as_deref(),
        full.full_text().as_deref(),
        "the filter's index reads the same text"
    );
    // Read-only stores use the index but never write one.
    let other = dir.path().join("e.json");
    write_old(&other, A, hour_ago());
    let read_only = DigestIndexes::new(&dir.path().join("cache"), false);
    assert!(read_only.open(&other).unwrap().1.is_none());
    assert!(read_only.open(&path).unwrap().0.is_indexed());
}

#[test]
fn a_file_changed_behind_the_index_is_caught_when_an_article_is_decoded_and_read_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.json");
    let cache = dir.path().join("cache");
    let mtime = hour_ago();
    write_old(&path, A, mtime);
    let indexes = DigestIndexes::new(&cache, true);
    let (a, pending) = indexes.open(&path).unwrap();
    let pending = pending.unwrap();
    // Rewrite the file keeping its size and mtime; then make the index claim it describes this
    // version (as a change the key cannot see would: same size, mtime, ctime and inode).
    write_old(&path, B, mtime);
    assert_eq!(A.len(), B.len());
    let (_, again) = indexes.open(&path).unwrap();
    let doctored = PendingIndex {
        key: again.unwrap().key,
        ..pending
    };
    doctored.write(&a);
    assert!(doctored.index.exists());
    let (listed, _) = indexes.open(&path).unwrap();
    assert!(listed.is_indexed());
    assert_eq!(headlines(&listed), ["Alpha", "Beta"], "the stale list");
    // Decoding finds the article at that span is not the one listed: no article is shown, the
    // index is dropped, and the digest is read again.
    assert_eq!(listed.article(0).unwrap_err().message, format::STALE);
    assert!(listed.is_stale());
    assert!(!doctored.index.exists(), "the stale index is dropped");
    let (reread, _) = indexes.open(&path).unwrap();
    assert!(!reread.is_indexed());
    assert_eq!(headlines(&reread), ["Gamma", "Dune"]);

    // Through the app: the first article shown finds the index stale, and the reader lists the
    // file as it is now.
    doctored.write(&a);
    let stores = Stores {
        digests: Some(DigestIndexes::new(&cache, false)),
        ..Stores::none()
    };
    let area = ratatui::layout::Rect::new(0, 0, 120, 40);
    let app = App::start(Target::Paths(vec![path.clone()]), stores, area).unwrap();
    let reader = app.model.reader.as_ref().unwrap();
    assert!(!reader.digest.is_indexed());
    assert_eq!(headlines(&reader.digest), ["Gamma", "Dune"]);
    assert_eq!(reader.digest.article(0).unwrap().summary, "other");
}

#[test]
fn an_index_for_another_version_or_a_damaged_index_is_not_used() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.json");
    let cache = dir.path().join("cache");
    write_old(&path, A, hour_ago());
    let indexes = DigestIndexes::new(&cache, true);
    let (a, pending) = indexes.open(&path).unwrap();
    let pending = pending.unwrap();
    pending.write(&a);
    assert!(indexes.open(&path).unwrap().0.is_indexed());
    // Every truncation of the index is refused, never misread.
    let bytes = std::fs::read(&pending.index).unwrap();
    for cut in [0, 5, 20, 60, bytes.len() / 2, bytes.len() - 1] {
        std::fs::write(&pending.index, &bytes[..cut]).unwrap();
        assert!(!indexes.open(&path).unwrap().0.is_indexed(), "cut at {cut}");
    }
    // An index of the first version (each headline and tag a string of its own) is not read.
    let mut older = bytes.clone();
    older[5] = 1;
    std::fs::write(&pending.index, &older).unwrap();
    assert!(!indexes.open(&path).unwrap().0.is_indexed());
    // Nor is one whose records point past the ids or the list text.
    for at in [
        bytes.len() - 6 - 12,
        bytes.len() - 6 - 8,
        bytes.len() - 6 - 4,
    ] {
        let mut bad = bytes.clone();
        bad[at] = bad[at].wrapping_add(1);
        std::fs::write(&pending.index, &bad).unwrap();
        assert!(!indexes.open(&path).unwrap().0.is_indexed(), "{at}");
    }
    std::fs::write(&pending.index, &bytes).unwrap();
    assert!(indexes.open(&path).unwrap().0.is_indexed());
    // Any change the key sees (here: a new mtime) makes the index unusable.
    write_old(&path, B, hour_ago() - Duration::from_secs(60));
    let (b, _) = indexes.open(&path).unwrap();
    assert!(!b.is_indexed());
    assert_eq!(headlines(&b), ["Gamma", "Dune"]);
}

#[test]
fn moving_onto_an_article_the_index_got_wrong_reads_the_digest_again() {
    // The first article agrees with the index; the second does not.
    const C: &str = r#"{"articles":[{"id":"a1","headline":"Alpha","summary":"first"},{"id":"c2","headline":"Cafe"}]}"#;
    assert_eq!(A.len(), C.len());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.json");
    let cache = dir.path().join("cache");
    let mtime = hour_ago();
    write_old(&path, A, mtime);
    let indexes = DigestIndexes::new(&cache, true);
    let (a, pending) = indexes.open(&path).unwrap();
    write_old(&path, C, mtime);
    let key = indexes.open(&path).unwrap().1.unwrap().key;
    PendingIndex {
        key,
        ..pending.unwrap()
    }
    .write(&a);
    let stores = Stores {
        digests: Some(DigestIndexes::new(&cache, false)),
        ..Stores::none()
    };
    let area = ratatui::layout::Rect::new(0, 0, 120, 40);
    let mut app = App::start(Target::Paths(vec![path.clone()]), stores, area).unwrap();
    let digest = |app: &App| std::sync::Arc::clone(&app.model.reader.as_ref().unwrap().digest);
    assert!(digest(&app).is_indexed(), "article 0 agrees with the index");
    for key in crate::keys::parse("j").unwrap() {
        app.key(&key, 0);
    }
    let now = digest(&app);
    assert!(!now.is_indexed());
    assert_eq!(headlines(&now), ["Alpha", "Cafe"]);
}
