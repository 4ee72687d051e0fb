//! The subscription list: the feeds `fetch` refreshes, with what the last fetch learnt about
//! each (validators for conditional requests, when, and the last error).
//!
//! Stored as JSON in the data folder beside the library (`<data>/subscriptions.json`), read
//! through the guarded reader and written atomically. A file that cannot be read is reported,
//! never replaced: the caller shows the error and the user decides.

use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use super::atomic;
use super::load::display_path;
use super::paths::Paths;
use super::read::{self, Kind, ReadError};

/// The file name of the subscription list inside the data folder.
pub const SUBSCRIPTIONS_FILE: &str = "subscriptions.json";

/// The version of the file format written here.
const VERSION: u32 = 1;

/// One subscribed feed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subscription {
    /// The feed's URL: its identity in the list.
    pub url: String,
    /// The name the user gave, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The `ETag` of the last download, for a conditional request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    /// The `Last-Modified` of the last download, for a conditional request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
    /// When it was last fetched successfully (a compact UTC stamp, `20260101T010101Z`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_fetched: Option<String>,
    /// Why the last fetch failed; cleared by a successful one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
}

impl Subscription {
    /// A new subscription that was never fetched.
    pub fn new(url: &str, name: Option<&str>) -> Subscription {
        Subscription {
            url: url.trim().to_string(),
            name: name
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_string),
            etag: None,
            last_modified: None,
            last_fetched: None,
            last_error: None,
        }
    }

    /// The name to show: the given name, else the URL.
    pub fn label(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.url)
    }

    /// Records a successful fetch now.
    pub fn fetched(&mut self, etag: Option<String>, last_modified: Option<String>) {
        self.etag = etag;
        self.last_modified = last_modified;
        self.last_fetched = Some(crate::date::stamp(SystemTime::now()));
        self.last_error = None;
    }
}

#[derive(Serialize, Deserialize)]
struct Wire {
    version: u32,
    subscriptions: Vec<Subscription>,
}

/// The subscription list and the file it lives in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscriptions {
    path: PathBuf,
    list: Vec<Subscription>,
}

/// What [`Subscriptions::subscribe`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subscribed {
    /// The URL is new to the list.
    Added,
    /// The URL was there already (its name is updated when one is given).
    AlreadyThere,
}

impl Subscriptions {
    /// Where the list lives: `<data>/subscriptions.json`, beside the library folder.
    pub fn file(paths: &Paths) -> PathBuf {
        Subscriptions::file_for_library(&paths.library)
    }

    /// Where the list of the library in folder `library` lives: beside that folder.
    pub fn file_for_library(library: &Path) -> PathBuf {
        library.parent().unwrap_or(library).join(SUBSCRIPTIONS_FILE)
    }

    /// Reads the list at `path`; a missing file is an empty list.
    ///
    /// An unreadable or malformed file, or one from a newer newsdeck, is an error naming the
    /// file: it is left as it is, so nothing the user had is lost by a later save.
    pub fn load(path: &Path) -> Result<Subscriptions, String> {
        let empty = Subscriptions {
            path: path.to_path_buf(),
            list: Vec::new(),
        };
        let bytes = match read::read(path, Kind::Config) {
            Ok(bytes) => bytes,
            Err(ReadError::Missing) => return Ok(empty),
            Err(e) => return Err(format!("{}: {e}", display_path(path))),
        };
        let wire: Wire = serde_json::from_slice(&bytes).map_err(|e| {
            format!(
                "{}:{}:{}: not a subscription list: {}; fix or remove the file",
                display_path(path),
                e.line(),
                e.column(),
                crate::sanitize::line(&e.to_string())
            )
        })?;
        if wire.version > VERSION {
            return Err(format!(
                "{}: written by a newer newsdeck (version {}); update newsdeck to use it",
                display_path(path),
                wire.version
            ));
        }
        Ok(Subscriptions {
            list: wire.subscriptions,
            ..empty
        })
    }

    /// Writes the list atomically, creating its folder if needed.
    pub fn save(&self) -> io::Result<()> {
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let wire = Wire {
            version: VERSION,
            subscriptions: self.list.clone(),
        };
        let mut bytes = serde_json::to_vec_pretty(&wire).map_err(io::Error::other)?;
        bytes.push(b'\n');
        atomic::write_atomic(&self.path, &bytes)
    }

    /// The subscriptions, in the order they were added.
    pub fn list(&self) -> &[Subscription] {
        &self.list
    }

    /// The subscription for `url`, to record a fetch.
    pub fn get_mut(&mut self, url: &str) -> Option<&mut Subscription> {
        self.list.iter_mut().find(|s| s.url == url.trim())
    }

    /// Adds `url` unless it is there already; a name given renames an existing entry.
    pub fn subscribe(&mut self, url: &str, name: Option<&str>) -> Subscribed {
        let new = Subscription::new(url, name);
        match self.get_mut(url) {
            Some(existing) => {
                if new.name.is_some() {
                    existing.name = new.name;
                }
                Subscribed::AlreadyThere
            }
            None => {
                self.list.push(new);
                Subscribed::Added
            }
        }
    }

    /// Removes the subscription with this URL, else those with this name; returns what went.
    pub fn unsubscribe(&mut self, url_or_name: &str) -> Vec<Subscription> {
        let key = url_or_name.trim();
        let by_url = self.list.iter().any(|s| s.url == key);
        let (gone, kept) = std::mem::take(&mut self.list).into_iter().partition(|s| {
            if by_url {
                s.url == key
            } else {
                s.name.as_deref() == Some(key)
            }
        });
        self.list = kept;
        gone
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list_in(dir: &Path) -> Subscriptions {
        Subscriptions::load(&Subscriptions::file(&Paths::under(dir))).unwrap()
    }

    #[test]
    fn subscribe_dedupes_and_saves_beside_the_library() {
        let dir = tempfile::tempdir().unwrap();
        let mut subs = list_in(dir.path());
        assert!(subs.list().is_empty());
        assert_eq!(
            subs.subscribe("https://a.test/feed", None),
            Subscribed::Added
        );
        assert_eq!(
            subs.subscribe(" https://a.test/feed ", Some("A")),
            Subscribed::AlreadyThere
        );
        assert_eq!(
            subs.subscribe("https://b.test/rss", Some("B")),
            Subscribed::Added
        );
        subs.get_mut("https://b.test/rss")
            .unwrap()
            .fetched(Some("\"e\"".into()), None);
        subs.save().unwrap();
        assert_eq!(
            crate::store::test_files(&dir.path().join("data")),
            ["subscriptions.json"]
        );
        let again = list_in(dir.path());
        assert_eq!(again, subs);
        assert_eq!(again.list()[0].label(), "A");
        assert_eq!(again.list()[1].etag.as_deref(), Some("\"e\""));
        assert!(again.list()[1].last_fetched.is_some());
    }

    #[test]
    fn unsubscribe_by_url_or_name() {
        let dir = tempfile::tempdir().unwrap();
        let mut subs = list_in(dir.path());
        subs.subscribe("https://a.test/", Some("news"));
        subs.subscribe("https://b.test/", Some("B"));
        assert_eq!(subs.unsubscribe("https://b.test/").len(), 1);
        assert_eq!(subs.unsubscribe("nothing").len(), 0);
        assert_eq!(subs.unsubscribe("news")[0].url, "https://a.test/");
        assert!(subs.list().is_empty());
    }

    #[test]
    fn a_bad_or_newer_file_is_an_error_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let file = Subscriptions::file(&Paths::under(dir.path()));
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(
            &file,
            b"{\"version\": 1, \"subscriptions\": [{\"name\": 3}]}",
        )
        .unwrap();
        let e = Subscriptions::load(&file).unwrap_err();
        assert!(
            e.contains("subscriptions.json:1:") && e.contains("fix or remove"),
            "{e}"
        );
        std::fs::write(&file, b"{\"version\": 9, \"subscriptions\": []}").unwrap();
        assert!(
            Subscriptions::load(&file)
                .unwrap_err()
                .contains("newer newsdeck")
        );
        std::fs::create_dir(dir.path().join("folder")).unwrap();
        assert!(
            Subscriptions::load(&dir.path().join("folder"))
                .unwrap_err()
                .contains("not a regular file")
        );
    }
}
