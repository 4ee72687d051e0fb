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
    assert_eq!(third.digests().map(|d| d.len()).sum::<usize>(), 16);
    // A removed file leaves the index.
    fs::remove_file(&p).unwrap();
    let (fourth, s) = update(&dir, &file, true);
    assert_eq!((s.cached, s.indexed, s.saved), (2, 0, true));
    assert_eq!(fourth.len(), 2);
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
    assert!(!index.is_empty());
}

/// Every single-byte change to an index file is refused or reads as an index that answers
/// queries without panicking: a hostile cache is never a crash.
#[test]
fn every_byte_flipped_is_refused_or_harmless() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("lib");
    fs::create_dir_all(&dir).unwrap();
    let p = dir.join("d.json");
    fs::write(&p, crate::synth::digest(2, 1)).unwrap();
    old(&p);
    let file = tmp.path().join(SEARCH_INDEX_FILE);
    update(&dir, &file, true);
    let bytes = fs::read(&file).unwrap();
    let q = Query::parse("zürich tag:fab person:analyst unread").unwrap();
    let mut refused = 0;
    // Every byte flipped, then whole words set to values that make lengths and ranges lie.
    let mut seed = 0x9e37_79b9_u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let flips = (0..bytes.len()).map(|i| {
        let mut b = bytes.clone();
        b[i] ^= 0xa5;
        b
    });
    let words: Vec<Vec<u8>> = (0..2000)
        .map(|_| {
            let mut b = bytes.clone();
            let at = next() as usize % (b.len() - 4);
            let len = b.len() as u32;
            let v = [0, 1, 2, u32::MAX, len, len / 2, next() as u32][next() as usize % 7];
            b[at..at + 4].copy_from_slice(&v.to_le_bytes());
            b
        })
        .collect();
    let total = bytes.len() + words.len();
    for b in flips.chain(words) {
        let Some(entries) = codec::decode(&b) else {
            refused += 1;
            continue;
        };
        let index = WordIndex::from_parts(b, entries.into_iter().map(|(_, s)| s).collect());
        search(&index, &q, &ReadState::new());
        crate::model::lsearch::people::people(
            &index,
            crate::model::lsearch::people::PeopleSort::Name,
        );
        for d in index.digests() {
            let _ = (d.path(), d.title(), d.key(), d.published());
            assert_eq!(d.articles().count(), d.len());
        }
    }
    // Counts, offsets and string refs are most of the file: most changes are caught.
    assert!(refused > total / 3, "{refused} of {total}");
}

/// A posting that names an article the digest does not have is refused.
#[test]
fn a_posting_past_the_articles_is_refused() {
    use crate::model::lsearch::{IndexedDigest, MASK_BITS, packed};
    let digest = crate::format::parse(&crate::synth::digest(2, 1), "d").unwrap();
    let mut d = IndexedDigest::build("/d.json".into(), &digest);
    let mut good = Vec::new();
    packed::encode(&d, &mut good);
    assert!(packed::Seg::check(&good, 0, good.len()).is_some());
    d.postings[0] = 5 << MASK_BITS | 1;
    let mut bad = Vec::new();
    packed::encode(&d, &mut bad);
    assert!(packed::Seg::check(&bad, 0, bad.len()).is_none());
}

/// A vocab length that ends inside a character is refused, not a panic.
#[test]
fn a_vocab_length_inside_a_character_is_refused() {
    use crate::model::lsearch::{IndexedDigest, packed};
    let digest = crate::format::parse(&crate::synth::digest(2, 1), "d").unwrap();
    let d = IndexedDigest::build("/d.json".into(), &digest);
    let at = d
        .vocab
        .char_indices()
        .find(|(_, c)| c.len_utf8() > 1)
        .unwrap()
        .0
        + 1;
    let mut bytes = Vec::new();
    packed::encode(&d, &mut bytes);
    bytes[20..24].copy_from_slice(&(at as u32).to_le_bytes());
    assert!(packed::Seg::check(&bytes, 0, bytes.len()).is_none());
}
