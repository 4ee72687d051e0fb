//! Where newsdeck keeps its files, from the platform's conventions (`directories`).
//!
//! On Linux the XDG variables are honoured. `directories` ignores an XDG variable that is empty or
//! not an absolute path (as the XDG spec says) and uses the default under HOME instead; when HOME
//! is unset or empty it asks the password database for the home folder. Nothing here creates a
//! folder: the writers create what they need, so `newsdeck paths` never changes the disk.

use std::path::{Path, PathBuf};

use directories::ProjectDirs;

/// The name of the read-state file inside the state folder.
pub const STATE_FILE: &str = "state.json";

/// The locations newsdeck reads and writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// The library: a folder of digest files (`<data>/digests`).
    pub library: PathBuf,
    /// The read-state file (`<state>/state.json`; the data folder where there is no state folder).
    pub state: PathBuf,
    /// The configuration folder.
    pub config: PathBuf,
    /// The cache folder.
    pub cache: PathBuf,
}

impl Paths {
    /// The platform's locations for newsdeck, or a message saying why there are none.
    pub fn resolve() -> Result<Paths, String> {
        let dirs = ProjectDirs::from("", "", "newsdeck").ok_or_else(|| {
            "cannot find your home folder (HOME is unset and the user database has no entry): \
             set HOME, or XDG_DATA_HOME and XDG_STATE_HOME, to say where newsdeck may keep its files"
                .to_string()
        })?;
        // Only Linux has a state folder; elsewhere read state sits beside the library.
        let state_dir = dirs.state_dir().unwrap_or_else(|| dirs.data_local_dir());
        Ok(Paths {
            library: dirs.data_dir().join("digests"),
            state: state_dir.join(STATE_FILE),
            config: dirs.config_dir().to_path_buf(),
            cache: dirs.cache_dir().to_path_buf(),
        })
    }

    /// The library listing's index file, a cache (`<cache>/library-index.bin`).
    pub fn index_file(&self) -> PathBuf {
        self.cache.join(crate::store::index::INDEX_FILE)
    }

    /// The library search index, a cache (`<cache>/search-index.bin`).
    pub fn search_index_file(&self) -> PathBuf {
        self.cache
            .join(crate::store::search_index::SEARCH_INDEX_FILE)
    }

    /// Locations under one root folder, laid out like the XDG ones (for tests).
    pub fn under(root: &Path) -> Paths {
        Paths {
            library: root.join("data").join("digests"),
            state: root.join("state").join(STATE_FILE),
            config: root.join("config"),
            cache: root.join("cache"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn under_keeps_everything_inside_root() {
        let p = Paths::under(Path::new("/r"));
        for path in [&p.library, &p.state, &p.config, &p.cache] {
            assert!(path.starts_with("/r"), "{path:?}");
        }
        assert_eq!(
            p.state.file_name().and_then(|n| n.to_str()),
            Some(STATE_FILE)
        );
    }
}
