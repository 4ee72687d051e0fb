use super::*;
use crate::model::lsearch::query::{Query, search};
use crate::model::read_state::ReadState;

fn old(path: &Path) {
    let f = fs::File::options().write(true).open(path).unwrap();
    f.set_modified(SystemTime::now() - Duration::from_secs(3600))
        .unwrap();
}

#[test]
fn updates_only_changed_files_and_round_trips() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("lib");
    fs::create_dir_all(&dir).unwrap();
    let file = tmp.path().join("cache").join(SEARCH_INDEX_FILE);
    for i in 0..3 {
        let p = dir.join(format!("d{i}.json"));
        fs::write(&p, crate::synth::digest(5, i + 1)).unwrap();
        old(&p);
    }
    let (first, s) = update(&dir, &file, true);
    assert_eq!((s.cached, s.indexed, s.saved), (0, 3, true));
    let (second, s) = update(&dir, &file, true);
    assert_eq!((s.cached, s.indexed, s.saved), (3, 0, false));
    assert_eq!(first, second);
    // One changed file is the only one read again.
    let p = dir.join("d1.json");
    fs::write(&p, crate::synth::digest(6, 9)).unwrap();
    old(&p);
    let (third, s) = update(&dir, &file, true);
    assert_eq!((s.cached, s.indexed, s.saved), (2, 1, true));
    assert_eq!(
        third
            .digests
            .iter()
            .map(|d| d.articles.len())
            .sum::<usize>(),
        16
    );
    // A removed file leaves the index.
    fs::remove_file(&p).unwrap();
    let (fourth, s) = update(&dir, &file, true);
    assert_eq!((s.cached, s.indexed, s.saved), (2, 0, true));
    assert_eq!(fourth.digests.len(), 2);
    let q = Query::parse("zürich").unwrap();
    assert!(!search(&fourth, &q, &ReadState::new()).is_empty());
}

#[test]
fn a_damaged_file_reads_as_empty() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("lib");
    fs::create_dir_all(&dir).unwrap();
    let p = dir.join("d.json");
    fs::write(&p, crate::synth::digest(3, 1)).unwrap();
    old(&p);
    let file = tmp.path().join(SEARCH_INDEX_FILE);
    update(&dir, &file, true);
    let bytes = fs::read(&file).unwrap();
    assert!(codec::decode(&bytes).is_some());
    for cut in [0, 8, 20, bytes.len() / 2, bytes.len() - 1] {
        assert!(codec::decode(&bytes[..cut]).is_none(), "cut at {cut}");
    }
    let mut flipped = bytes.clone();
    let last = flipped.len() - 2;
    flipped[last] ^= 0xff;
    // Either refused or still consistent; never a panic.
    let _ = codec::decode(&flipped);
    fs::write(&file, b"garbage").unwrap();
    let (_, s) = update(&dir, &file, true);
    assert_eq!((s.cached, s.indexed, s.saved), (0, 1, true));
}

#[cfg(unix)]
#[test]
fn a_fifo_as_the_search_index_reads_as_empty_without_hanging() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("lib");
    fs::create_dir_all(&dir).unwrap();
    let p = dir.join("d.json");
    fs::write(&p, crate::synth::digest(3, 1)).unwrap();
    old(&p);
    let file = tmp.path().join(SEARCH_INDEX_FILE);
    crate::store::test_fifo(&file);
    // Read-only, so the FIFO is neither read forever nor replaced: the library is indexed afresh.
    let (index, stats) = update(&dir, &file, false);
    assert_eq!(stats.cached, 0);
    assert!(!index.digests.is_empty());
}
