use super::*;
use crate::model::digest::{ArticleId, DigestKey};

#[test]
fn device_names_become_safe_file_names() {
    assert_eq!(safe_device("laptop"), "laptop");
    assert_eq!(safe_device("../../etc/x"), "-..-etc-x");
    assert_eq!(safe_device(".hidden"), "hidden");
    assert_eq!(safe_device("my box\u{1b}[31m"), "my-box--31m");
    assert_eq!(safe_device(""), "device");
    assert_eq!(safe_device("///"), "device");
    assert_eq!(safe_device(&"x".repeat(100)).len(), 64);
}

#[test]
fn each_device_writes_its_own_file_and_reads_the_others_newer_wins() {
    let tmp = tempfile::tempdir().unwrap();
    let d = DigestKey("id:d".into());
    let (a, b) = (ArticleId("a".into()), ArticleId("b".into()));
    let laptop = SyncDir::new(tmp.path().to_path_buf(), Some("laptop"));
    let desktop = SyncDir::new(tmp.path().to_path_buf(), Some("desktop"));
    let mut mine = ReadState::new();
    mine.set(&d, &a, true, 100);
    mine.set(&d, &b, true, 100);
    laptop.write_own(&mine).unwrap();
    let mut theirs = ReadState::new();
    theirs.set(&d, &a, false, 200); // newer: unread wins
    theirs.set(&d, &b, false, 50); // older: read stays
    desktop.write_own(&theirs).unwrap();
    let names: Vec<String> = laptop.files().into_iter().map(|(n, _)| n).collect();
    assert_eq!(names, ["desktop", "laptop"]);
    let (others, warnings) = laptop.read_others();
    assert!(warnings.is_empty());
    mine.merge(&others);
    assert!(!mine.is_read(&d, &a));
    assert!(mine.is_read(&d, &b));
    let devices = laptop.devices();
    assert_eq!(devices.len(), 2);
    assert!(devices[1].mine && !devices[0].mine);
    assert_eq!(devices[0].marks, Ok(2));
    assert_eq!(devices[0].last_change, Some(200));
}

#[cfg(unix)]
#[test]
fn the_host_name_comes_from_the_system() {
    let name = system_host_name().expect("gethostname answers");
    assert!(!name.is_empty());
    assert!(!name.contains('\0'));
    // What the device is called by default: the host name, made safe for a file name.
    let dir = SyncDir::new(PathBuf::from("/nonexistent"), None);
    assert_eq!(dir.device, safe_device(&name));
}

#[test]
fn the_sync_folder_is_made_but_never_its_parents() {
    let tmp = tempfile::tempdir().unwrap();
    let state = ReadState::new();
    // The folder inside an existing one is made, as `mkdir` would.
    let made = SyncDir::new(tmp.path().join("Sync"), Some("laptop"));
    made.write_own(&state).unwrap();
    assert!(made.own_file().is_file());
    // A missing parent is a typo or an unmounted drive: nothing is made, and the error says so.
    let typo = tmp.path().join("Dropbx").join("newsdeck");
    let err = SyncDir::new(typo.clone(), Some("laptop"))
        .write_own(&state)
        .unwrap_err();
    assert!(err.contains("does not exist"), "{err}");
    assert!(!typo.parent().unwrap().exists());
}
