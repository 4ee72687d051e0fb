//! Reading the config file: a small, regular, UTF-8 file, read once with a size cap.

use std::path::Path;

use super::read::{self, Kind, ReadError};

/// The config file's text; `Ok(None)` when there is no file (the defaults apply). Errors say why
/// in words for the user (without the path, which the caller adds). Read through the guarded
/// reader: opened once, a regular file, at most [`Kind::Config`]'s cap.
pub fn read(path: &Path) -> Result<Option<String>, String> {
    let bytes = match read::read(path, Kind::Config) {
        Ok(bytes) => bytes,
        Err(ReadError::Missing) => return Ok(None),
        Err(e) => return Err(e.to_string()),
    };
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| "not UTF-8 text: save the config file as UTF-8".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_is_none_and_folders_and_big_files_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(read(&dir.path().join("nope.toml")), Ok(None));
        assert!(read(dir.path()).unwrap_err().contains("not a regular file"));
        let big = dir.path().join("big.toml");
        std::fs::write(&big, vec![b'#'; Kind::Config.cap() as usize + 1]).unwrap();
        assert!(read(&big).unwrap_err().contains("too big"));
        let ok = dir.path().join("ok.toml");
        std::fs::write(&ok, "theme = \"light\"\n").unwrap();
        assert_eq!(read(&ok).unwrap().as_deref(), Some("theme = \"light\"\n"));
        std::fs::write(&ok, [0xff, 0xfe]).unwrap();
        assert!(read(&ok).unwrap_err().contains("UTF-8"));
    }
}
