//! The trash: `d` in the library moves a digest to `<data>/trash` instead of deleting it, and `U`
//! brings the last one back. A trashed file is named `<ms since epoch>-<its name>`, so the newest
//! is the one to restore and its library name is known.

use std::fs;
use std::path::{Path, PathBuf};

use crate::store::library::Library;
use crate::store::load::display_path;

/// The trash folder beside a library folder (`<data>/digests` -> `<data>/trash`).
pub fn folder(library: &Path) -> PathBuf {
    library
        .parent()
        .map_or_else(|| library.join(".trash"), |p| p.join("trash"))
}

/// The files in the trash, newest first, each with the name it had in the library.
pub fn list(library: &Path) -> Vec<(PathBuf, String)> {
    let Ok(entries) = fs::read_dir(folder(library)) else {
        return Vec::new();
    };
    let mut items: Vec<(u64, PathBuf, String)> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_string();
            let (stamp, original) = name.split_once('-')?;
            let stamp: u64 = stamp.parse().ok()?;
            Some((stamp, e.path(), original.to_string()))
        })
        .collect();
    items.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| b.2.cmp(&a.2)));
    items.into_iter().map(|(_, p, n)| (p, n)).collect()
}

impl Library {
    /// Moves a digest of the library to the trash (read state is kept: it is keyed by article).
    pub fn trash(&self, path: &Path) -> Result<(), String> {
        let name = self.own_file_name(path)?;
        let dir = folder(self.dir());
        fs::create_dir_all(&dir).map_err(|e| {
            format!(
                "{}: cannot create the trash folder ({e})",
                display_path(&dir)
            )
        })?;
        let mut stamp = crate::store::state::now_ms();
        // Two moves in one millisecond still get distinct, ordered names.
        let target = loop {
            let t = dir.join(format!("{stamp}-{name}"));
            if !t.exists() {
                break t;
            }
            stamp += 1;
        };
        fs::rename(path, &target)
            .map_err(|e| format!("{}: cannot move it to the trash ({e})", display_path(path)))
    }

    /// Moves the digest trashed last back into the library; `None` when the trash is empty.
    pub fn restore_last(&self) -> Result<Option<PathBuf>, String> {
        let Some((from, name)) = list(self.dir()).into_iter().next() else {
            return Ok(None);
        };
        let to = self.dir().join(&name);
        if to.exists() {
            return Err(format!(
                "{}: the library already has a file of that name; the trashed copy is at {}",
                display_path(&to),
                display_path(&from)
            ));
        }
        fs::create_dir_all(self.dir()).map_err(|e| {
            format!(
                "{}: cannot create the library folder ({e})",
                display_path(self.dir())
            )
        })?;
        fs::rename(&from, &to)
            .map_err(|e| format!("{}: cannot restore it ({e})", display_path(&from)))?;
        Ok(Some(to))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trash_and_restore_round_trip() {
        let tmp = tempfile::tempdir().unwrap();
        let lib_dir = tmp.path().join("data").join("digests");
        fs::create_dir_all(&lib_dir).unwrap();
        let lib = Library::new(lib_dir.clone());
        for n in ["a.json", "b.json"] {
            fs::write(lib_dir.join(n), "{}").unwrap();
        }
        lib.trash(&lib_dir.join("a.json")).unwrap();
        lib.trash(&lib_dir.join("b.json")).unwrap();
        assert!(!lib_dir.join("a.json").exists());
        let names: Vec<String> = list(&lib_dir).into_iter().map(|(_, n)| n).collect();
        assert_eq!(names, ["b.json", "a.json"]);
        assert!(folder(&lib_dir).starts_with(tmp.path().join("data")));
        assert_eq!(lib.restore_last().unwrap(), Some(lib_dir.join("b.json")));
        assert!(lib_dir.join("b.json").exists());
        assert_eq!(lib.restore_last().unwrap(), Some(lib_dir.join("a.json")));
        assert_eq!(lib.restore_last().unwrap(), None);
        // Files outside the library are never moved.
        let outside = tmp.path().join("x.json");
        fs::write(&outside, "{}").unwrap();
        assert!(lib.trash(&outside).is_err());
        assert!(outside.exists());
    }
}
