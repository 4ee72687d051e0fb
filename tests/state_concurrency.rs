//! Read state shared by several processes: concurrent saves lose nothing, and a writer killed at
//! any moment leaves a complete state file.
//!
//! The writer processes are this test binary itself, re-run with `--exact writer_role` and an
//! environment variable that selects what the writer does.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use newsdeck::model::digest::{ArticleId, DigestKey};
use newsdeck::store::state::{StateStore, now_ms};

const ROLE: &str = "NEWSDECK_TEST_WRITER_ROLE";
const STATE: &str = "NEWSDECK_TEST_WRITER_STATE";
const ROUNDS: usize = 200;

/// Not a test on its own: does nothing unless a parent test set [`ROLE`].
#[test]
fn writer_role() {
    let Ok(role) = env::var(ROLE) else { return };
    let path = PathBuf::from(env::var(STATE).expect("state path"));
    let (mut store, mut state, warnings) = StateStore::open(&path);
    assert!(warnings.is_empty(), "{warnings:?}");
    // A killed writer's successor continues where the file ends, so its ids are new.
    let (start, rounds) = if role == "forever" {
        (state.len(), usize::MAX)
    } else {
        (0, ROUNDS)
    };
    for i in 0..rounds {
        state.set(
            &DigestKey("id:d".into()),
            &ArticleId(format!("{role}-{}", start + i).into()),
            true,
            now_ms(),
        );
        state = store.save(&state).expect("save");
    }
}

fn spawn_writer(role: &str, state: &Path) -> Child {
    Command::new(env::current_exe().unwrap())
        .args(["--exact", "writer_role", "--test-threads=1", "--quiet"])
        .env(ROLE, role)
        .env(STATE, state)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap()
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn two_processes_saving_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let started = Instant::now();
    let mut a = spawn_writer("a", &path);
    let mut b = spawn_writer("b", &path);
    assert!(a.wait().unwrap().success());
    assert!(b.wait().unwrap().success());
    let (_, state, warnings) = StateStore::open(&path);
    assert!(warnings.is_empty(), "{warnings:?}");
    for role in ["a", "b"] {
        for i in 0..ROUNDS {
            let id = ArticleId(format!("{role}-{i}").into());
            assert!(
                state.is_read(&DigestKey("id:d".into()), &id),
                "{id:?} was lost"
            );
        }
    }
    assert_eq!(state.len(), 2 * ROUNDS);
    assert_eq!(names(dir.path()), ["state.json", "state.json.lock"]);
    eprintln!("{} saves took {:?}", 2 * ROUNDS, started.elapsed());
}

#[test]
fn a_writer_killed_at_any_moment_leaves_a_complete_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let mut seed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .subsec_nanos() as u64
        | 1;
    let mut previous = 0;
    for run in 0..30 {
        let mut writer = spawn_writer("forever", &path);
        if run == 0 {
            // On a loaded machine a writer may take longer than any delay below to start; make
            // sure there is a file to protect before killing at random.
            let deadline = Instant::now() + Duration::from_secs(10);
            while !path.exists() && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(1));
            }
        }
        // xorshift: a few random delays, no crate needed.
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        std::thread::sleep(Duration::from_millis(5 + seed % 40));
        writer.kill().unwrap(); // SIGKILL on Unix
        writer.wait().unwrap();
        if !path.exists() {
            continue; // killed before its first save
        }
        // Opening must find the old or the new version, complete, and clean up the killed
        // writer's temporary file.
        let (_, state, warnings) = StateStore::open(&path);
        assert!(warnings.is_empty(), "run {run}: {warnings:?}");
        assert!(
            state.len() >= previous,
            "run {run}: state shrank from {previous} to {}",
            state.len()
        );
        previous = state.len();
        assert_eq!(
            names(dir.path()),
            ["state.json", "state.json.lock"],
            "run {run}"
        );
    }
    assert!(
        previous > 0,
        "no writer ever saved: the delays are too short"
    );
}
