//! The library: the folder of digest files newsdeck owns copies of. Add, remove and list.
//!
//! Listing itself (which files are digests, the index, sorting) is [`crate::store::listing`].

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::model::digest::DigestKey;
use crate::model::read_state::ReadState;
use crate::store::atomic;
use crate::store::index::IndexFile;
use crate::store::listing::{self, LibraryItem, ListStats, digest_files, is_digest_name};
use crate::store::load::{self, display_path, io_message};

/// How old an add's temporary file must be before it counts as abandoned; an add takes moments.
const STALE_TEMP_AGE: Duration = Duration::from_secs(3600);

/// What `add` did with a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AddOutcome {
    /// Copied into the library under its own name.
    Added(PathBuf),
    /// The library already holds a file with identical content, here.
    AlreadyPresent(PathBuf),
    /// Copied under a new name, because a different digest has its name.
    AddedAs(PathBuf),
    /// A new version of the same digest (same `id`, or same title and date) replaced the copy
    /// of that name; the old copy is in the trash.
    Replaced(PathBuf),
}

/// The library: a folder of digest files that newsdeck owns copies of.
#[derive(Debug, Clone)]
pub struct Library {
    dir: PathBuf,
    index: Option<IndexFile>,
}

impl Library {
    /// The library in folder `dir` (created on the first add), listed without an index.
    pub fn new(dir: PathBuf) -> Library {
        Library { dir, index: None }
    }

    /// The library in folder `dir`, listed with the help of the index `index`.
    pub fn with_index(dir: PathBuf, index: IndexFile) -> Library {
        Library {
            dir,
            index: Some(index),
        }
    }

    /// The index listing uses, if any.
    pub fn index_file(&self) -> Option<&IndexFile> {
        self.index.as_ref()
    }

    /// The library's folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Creates the library's folder if it is missing, so it can be watched for new digests.
    pub fn ensure_dir(&self) -> io::Result<()> {
        fs::create_dir_all(&self.dir)
    }

    /// The library's digests, newest first; a missing folder is an empty library, and one that
    /// cannot be read is a single item carrying the error.
    pub fn list(&self) -> Vec<LibraryItem> {
        self.list_with_stats().0
    }

    /// [`Library::list`], and what it took.
    pub fn list_with_stats(&self) -> (Vec<LibraryItem>, ListStats) {
        listing::list_folder(&self.dir, self.index.as_ref())
    }

    /// Gives version-1 read marks (keyed by article alone) to the library digest they belong to,
    /// where only one digest has that article; returns how many moved. Lists the library only
    /// when there are such marks.
    pub fn migrate_legacy(&self, read: &mut ReadState) -> usize {
        if read.legacy().next().is_none() {
            return 0;
        }
        listing::migrate_legacy(read, &self.list())
    }

    /// Validates `src` (as `check` does) and copies it into the library atomically.
    ///
    /// Identical content already in the library is not copied again; a new version of the digest
    /// of the same name replaces it (the old copy goes to the trash); a different digest with the
    /// same name is kept under a new name (`name-2.json`, ...). Errors name the file and say why.
    pub fn add(&self, src: &Path) -> Result<AddOutcome, String> {
        // Validate the very bytes that get copied, so a file changing meanwhile cannot slip in.
        let bytes = load::read_digest_bytes(src).map_err(|e| e.to_string())?;
        self.add_bytes(src, src, bytes, None)
    }

    /// [`Library::add`] for bytes already read (stdin, a download): `src` names them in messages
    /// and `name` gives the library file its name; `url` is where they were downloaded from. A
    /// feed is converted and the digest JSON is what the library keeps.
    pub fn add_bytes(
        &self,
        src: &Path,
        name: &Path,
        bytes: Vec<u8>,
        url: Option<&str>,
    ) -> Result<AddOutcome, String> {
        let bytes = load::prepare(src, bytes, url).map_err(|e| e.to_string())?;
        let key = load::parse_valid(src, bytes.clone())
            .map_err(|e| e.to_string())?
            .key;

        let cannot = |what: &str, e: &io::Error| {
            format!(
                "{}: cannot {what} the library {} ({}); nothing was added",
                display_path(src),
                display_path(&self.dir),
                io_message(e)
            )
        };
        fs::create_dir_all(&self.dir).map_err(|e| cannot("create", &e))?;
        atomic::clean_stale_temps(&self.dir, None, STALE_TEMP_AGE);
        let existing = digest_files(&self.dir).map_err(|e| cannot("read", &e))?;
        if let Some(same) = existing.iter().find(|p| same_content(p, &bytes)) {
            return Ok(AddOutcome::AlreadyPresent(same.clone()));
        }
        let (stem, plain) = library_name(name);
        let same_name = self.dir.join(&plain);
        if is_same_digest(&same_name, &key) {
            return self.replace(src, &same_name, &bytes);
        }
        for n in 1..=10_000u32 {
            let name = if n == 1 {
                plain.clone()
            } else {
                let suffix = format!("-{n}.json");
                format!("{}{suffix}", cut(&stem, MAX_NAME_BYTES - suffix.len()))
            };
            let dest = self.dir.join(&name);
            match atomic::write_atomic_new(&dest, &bytes) {
                Ok(()) if n == 1 => return Ok(AddOutcome::Added(dest)),
                Ok(()) => return Ok(AddOutcome::AddedAs(dest)),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(cannot("write to", &e)),
            }
        }
        Err(format!(
            "{}: the library already has too many files named like it; nothing was added",
            display_path(src)
        ))
    }

    /// Puts `bytes` in place of the library's `dest`, keeping the old copy in the trash so a
    /// correction that was not one can be undone.
    fn replace(&self, src: &Path, dest: &Path, bytes: &[u8]) -> Result<AddOutcome, String> {
        self.trash(dest)?;
        match atomic::write_atomic_new(dest, bytes) {
            Ok(()) => Ok(AddOutcome::Replaced(dest.to_path_buf())),
            Err(e) => {
                // Put the old copy back rather than leave the digest only in the trash.
                let restored = self.restore_last().is_ok();
                Err(format!(
                    "{}: cannot write {} ({}); {}",
                    display_path(src),
                    display_path(dest),
                    io_message(&e),
                    if restored {
                        "the library's copy is unchanged"
                    } else {
                        "the old copy is in the trash (`newsdeck list --trash`)"
                    }
                ))
            }
        }
    }

    /// The file name of `path` when it is one of the library's own digests: only those may be
    /// removed or trashed, never a file the user opened elsewhere.
    pub(crate) fn own_file_name(&self, path: &Path) -> Result<String, String> {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        match name {
            Some(n) if path.parent() == Some(self.dir.as_path()) && is_digest_name(&n) => Ok(n),
            _ => Err(format!(
                "{}: not a digest in the library {}; nothing was removed",
                display_path(path),
                display_path(&self.dir)
            )),
        }
    }

    /// Deletes a digest's copy from the library (read state is kept: it is keyed by article).
    pub fn remove(&self, path: &Path) -> Result<(), String> {
        self.own_file_name(path)?;
        fs::remove_file(path).map_err(|e| {
            format!(
                "{}: cannot remove it ({})",
                display_path(path),
                io_message(&e)
            )
        })
    }
}

/// Whether the library file at `path` is another version of the digest with `key`. Only keys the
/// digest gave itself count (its `id`, or its title and date): a key made from the file name
/// would call every two files of one name the same digest.
fn is_same_digest(path: &Path, key: &DigestKey) -> bool {
    if key.0.starts_with("file:") {
        return false;
    }
    load::load(path).is_ok_and(|d| d.key == *key)
}

/// Whether the file at `path` holds exactly `bytes` (sizes first, to read little).
fn same_content(path: &Path, bytes: &[u8]) -> bool {
    fs::metadata(path).is_ok_and(|m| m.len() == bytes.len() as u64)
        && crate::store::read::read(path, crate::store::read::Kind::Digest)
            .is_ok_and(|b| b == bytes)
}

/// The stem and file name a digest gets in the library: its own name, visible and ending in
/// `.json` so that listing finds it.
fn library_name(src: &Path) -> (String, String) {
    let name = src
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = name.trim_start_matches('.');
    // A feed added as `news.xml` is kept as `news.json`: the library holds the converted digest.
    let stem = [".json", ".xml", ".rss", ".atom"]
        .iter()
        .find_map(|ext| name.strip_suffix(ext))
        .unwrap_or(name);
    let stem = if stem.is_empty() { "digest" } else { stem };
    // A name the file system took may still be too long once `.json` is added.
    let plain = format!("{}.json", cut(stem, MAX_NAME_BYTES - ".json".len()));
    (stem.to_string(), plain)
}

/// The longest file name most file systems accept, in bytes.
const MAX_NAME_BYTES: usize = 255;

/// `s` cut to at most `max` bytes, on a character boundary.
fn cut(s: &str, max: usize) -> &str {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::listing::scan;
    use crate::store::test_digest as digest;

    #[test]
    fn add_list_remove() {
        let tmp = tempfile::tempdir().unwrap();
        let lib = Library::new(tmp.path().join("lib"));
        assert!(
            lib.list().is_empty(),
            "a missing folder is an empty library"
        );
        let src = tmp.path().join("news.json");
        fs::write(&src, digest("Old", "2025-01-01", "a")).unwrap();
        let added = lib.add(&src).unwrap();
        assert_eq!(added, AddOutcome::Added(lib.dir().join("news.json")));
        assert_eq!(
            lib.add(&src).unwrap(),
            AddOutcome::AlreadyPresent(lib.dir().join("news.json"))
        );
        let other = tmp.path().join("other").join("news.json");
        fs::create_dir(other.parent().unwrap()).unwrap();
        fs::write(&other, digest("New", "2026-01-01", "b")).unwrap();
        assert_eq!(
            lib.add(&other).unwrap(),
            AddOutcome::AddedAs(lib.dir().join("news-2.json"))
        );
        let titles: Vec<_> = lib.list().into_iter().map(|i| i.title).collect();
        assert_eq!(titles, ["New", "Old"]);
        lib.remove(&lib.dir().join("news.json")).unwrap();
        assert_eq!(lib.list().len(), 1);
        assert!(src.exists(), "the original is untouched");
        assert!(lib.remove(&src).is_err(), "files outside the library stay");
    }

    #[test]
    fn a_new_version_of_the_same_digest_replaces_its_copy() {
        let tmp = tempfile::tempdir().unwrap();
        let lib = Library::new(tmp.path().join("lib"));
        let src = tmp.path().join("today.json");
        fs::write(&src, digest("Today", "2025-01-01", "a")).unwrap();
        lib.add(&src).unwrap();
        // The generator re-issues the same digest (same title and date) with a correction.
        let fixed = digest("Today", "2025-01-01", "a").replace("\"H\"", "\"H, corrected\"");
        fs::write(&src, &fixed).unwrap();
        let dest = lib.dir().join("today.json");
        assert_eq!(lib.add(&src).unwrap(), AddOutcome::Replaced(dest.clone()));
        assert_eq!(fs::read_to_string(&dest).unwrap(), fixed);
        assert_eq!(lib.list().len(), 1, "one digest, not two copies");
        let trashed = crate::store::trash::list(lib.dir());
        assert_eq!(trashed.len(), 1, "the old copy is kept in the trash");
        // A different digest that happens to share the name is kept beside it.
        fs::write(&src, digest("Other", "2025-02-01", "b")).unwrap();
        assert_eq!(
            lib.add(&src).unwrap(),
            AddOutcome::AddedAs(lib.dir().join("today-2.json"))
        );
    }

    #[test]
    fn invalid_files_are_refused_and_listed_with_their_error() {
        let tmp = tempfile::tempdir().unwrap();
        let lib = Library::new(tmp.path().join("lib"));
        let bad = tmp.path().join("bad.json");
        fs::write(&bad, r#"{"articles": [{"headline": "H", "tags": 3}]}"#).unwrap();
        let err = lib.add(&bad).unwrap_err();
        assert!(err.contains("bad.json") && err.contains("tags"), "{err}");
        assert!(!lib.dir().exists(), "nothing was touched");
        let good = tmp.path().join("good.json");
        fs::write(&good, digest("Good", "2025-01-01", "a")).unwrap();
        let items = scan(&[tmp.path().to_path_buf(), tmp.path().join("missing.json")]);
        assert_eq!(items.len(), 3);
        assert_eq!(items.iter().filter(|i| i.error.is_some()).count(), 2);
        // The invalid file has no `published`, so its (current) mtime places it before 2025.
        let titles: Vec<_> = items.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(titles, ["bad", "Good", "missing"]);
    }

    #[test]
    fn hidden_and_non_json_files_are_not_digests() {
        let tmp = tempfile::tempdir().unwrap();
        for name in [".a.json.tmp-1-0", ".hidden.json", "notes.txt", "d.json"] {
            fs::write(tmp.path().join(name), digest("T", "2025-01-01", "a")).unwrap();
        }
        let items = Library::new(tmp.path().to_path_buf()).list();
        assert_eq!(items.len(), 1);
        assert!(items[0].path.ends_with("d.json"));
    }

    #[test]
    fn the_longest_names_the_file_system_takes_can_be_added_twice() {
        // 255 bytes, with multi-byte characters near the cut: the temporary name and the `-2`
        // name used to be too long, and `add` failed.
        let tmp = tempfile::tempdir().unwrap();
        let lib = Library::new(tmp.path().join("lib"));
        let name = format!("{}é{}.json", "n".repeat(200), "x".repeat(48));
        assert_eq!(name.len(), 255);
        for (dir, title) in [("a", "One"), ("b", "Two")] {
            let src = tmp.path().join(dir).join(&name);
            fs::create_dir(src.parent().unwrap()).unwrap();
            fs::write(&src, digest(title, "2025-01-01", title)).unwrap();
            let added = lib.add(&src).unwrap();
            let Some(AddOutcome::Added(path) | AddOutcome::AddedAs(path)) = Some(added) else {
                panic!("not added");
            };
            assert!(path.exists());
            assert!(path.file_name().unwrap().len() <= 255);
        }
        assert_eq!(lib.list().len(), 2);
        let long_txt = tmp.path().join(format!("{}.txt", "t".repeat(251)));
        fs::write(&long_txt, digest("Three", "2025-01-01", "c")).unwrap();
        assert!(matches!(lib.add(&long_txt), Ok(AddOutcome::Added(_))));
    }

    #[test]
    fn added_names_are_visible_json() {
        assert_eq!(library_name(Path::new("/x/.secret")).1, "secret.json");
        assert_eq!(library_name(Path::new("feed.txt")).1, "feed.txt.json");
        assert_eq!(library_name(Path::new("a.json")).0, "a");
        assert_eq!(library_name(Path::new("/x/news.xml")).1, "news.json");
        assert_eq!(library_name(Path::new("/x/...")).1, "digest.json");
    }
}
