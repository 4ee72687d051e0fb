//! Watches folders for digest files that appear, are replaced or go, using the OS's file
//! notifications (inotify on Linux, through `notify`): no polling, so an idle newsdeck stays idle.
//!
//! Only finished writes count: a file closed after writing, a rename (how atomic writers,
//! newsdeck's own included, publish a file) or a removal. A file still being written sends
//! nothing until its writer closes it, so a half-written file is never reported as ready.

use std::path::{Path, PathBuf};

use notify::event::{AccessKind, AccessMode, ModifyKind, RenameMode};
use notify::{Event, EventKind, RecursiveMode, Watcher};

/// Keeps the watch alive; dropping it stops the notifications.
pub struct Watch {
    _watcher: notify::RecommendedWatcher,
}

/// Watches `dirs` (not their subfolders) and calls `on_change` (on the watcher's thread) with
/// the files each finished change concerns. Folders that do not exist are skipped.
pub fn watch(
    dirs: &[PathBuf],
    on_change: impl Fn(Vec<PathBuf>) + Send + 'static,
) -> Result<Watch, String> {
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<Event>| {
        if let Ok(event) = res
            && finished(&event.kind)
        {
            let files: Vec<PathBuf> = event.paths.into_iter().filter(|p| visible(p)).collect();
            if !files.is_empty() {
                on_change(files);
            }
        }
    })
    .map_err(|e| format!("cannot watch for new digests: {e}"))?;
    for dir in dirs.iter().filter(|d| d.is_dir()) {
        watcher
            .watch(dir, RecursiveMode::NonRecursive)
            .map_err(|e| {
                format!(
                    "cannot watch {} for new digests: {e}",
                    super::load::display_path(dir)
                )
            })?;
    }
    Ok(Watch { _watcher: watcher })
}

/// Whether an event means a file is complete or gone: closed after writing, renamed, removed.
/// (A rename's `Both` event repeats its `From` and `To`, which are reported already.)
fn finished(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Name(mode)) => *mode != RenameMode::Both,
        _ => false,
    }
}

/// Hidden files are temporaries (an atomic write's, an editor's), never digests.
fn visible(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| !n.to_string_lossy().starts_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;
    use std::time::Duration;

    #[test]
    fn finished_writes_renames_and_removals_are_reported_and_temporaries_are_not() {
        let dir = tempfile::tempdir().unwrap();
        let (tx, rx) = mpsc::channel();
        let _w = watch(&[dir.path().to_path_buf()], move |f| {
            let _ = tx.send(f);
        })
        .unwrap();
        let next = || rx.recv_timeout(Duration::from_secs(5)).unwrap();
        std::fs::write(dir.path().join(".tmp"), b"{}").unwrap();
        std::fs::rename(dir.path().join(".tmp"), dir.path().join("a.json")).unwrap();
        assert_eq!(next(), [dir.path().join("a.json")]);
        std::fs::remove_file(dir.path().join("a.json")).unwrap();
        assert_eq!(next(), [dir.path().join("a.json")]);
        std::fs::write(dir.path().join("b.json"), b"{}").unwrap();
        assert_eq!(next(), [dir.path().join("b.json")]);
    }
}
