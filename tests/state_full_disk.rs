//! Saving read state on a full disk keeps the previous file. Needs a small file system, so it
//! runs only when `NEWSDECK_TEST_FULL_DIR` names an empty folder on one, e.g. as root:
//! `mount -t tmpfs -o size=12k tmpfs /tmp/full && NEWSDECK_TEST_FULL_DIR=/tmp/full cargo test`.

use std::fs;
use std::io::Write;
use std::path::PathBuf;

use newsdeck::model::digest::{ArticleId, DigestKey};
use newsdeck::model::read_state::ReadState;
use newsdeck::store::state::StateStore;

#[test]
fn a_full_disk_keeps_the_previous_state_file() {
    let Some(dir) = std::env::var_os("NEWSDECK_TEST_FULL_DIR").map(PathBuf::from) else {
        eprintln!("skipped: set NEWSDECK_TEST_FULL_DIR to a folder on a small file system");
        return;
    };
    let path = dir.join("state.json");
    let (mut store, mut state, _) = StateStore::open(&path);
    state.set(
        &DigestKey("id:d".into()),
        &ArticleId("first".into()),
        true,
        1,
    );
    store.save(&state).unwrap();
    let before = fs::read(&path).unwrap();

    // Fill the file system to the last byte.
    let filler_path = dir.join("filler");
    let mut filler = fs::File::create(&filler_path).unwrap();
    while filler.write_all(&[0; 512]).is_ok() {}
    while filler.write_all(&[0]).is_ok() {}
    drop(filler);

    let mut bigger: ReadState = state.clone();
    for i in 0..200 {
        bigger.set(
            &DigestKey("id:d".into()),
            &ArticleId(format!("article-{i}").into()),
            true,
            2,
        );
    }
    let err = store.save(&bigger).unwrap_err();
    assert!(err.contains("cannot save read state"), "{err}");
    assert_eq!(
        fs::read(&path).unwrap(),
        before,
        "the previous file is intact"
    );
    let mut names: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["filler", "state.json", "state.json.lock"],
        "no temporary left"
    );

    fs::remove_file(&filler_path).unwrap();
    assert!(
        store.save(&bigger).is_ok(),
        "saving resumes once there is room"
    );
    for name in ["state.json", "state.json.lock"] {
        let _ = fs::remove_file(dir.join(name));
    }
}
