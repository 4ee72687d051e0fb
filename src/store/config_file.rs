//! Reading the config file: a small, regular, UTF-8 file, read once with a size cap.

use std::io::Read;
use std::path::Path;

use super::load::io_message;

/// The biggest config file newsdeck reads; a real one is a few kilobytes.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// The config file's text; `Ok(None)` when there is no file (the defaults apply). Errors say why
/// in words for the user (without the path, which the caller adds).
pub fn read(path: &Path) -> Result<Option<String>, String> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_message(&e)),
    };
    if !meta.is_file() {
        return Err("not a regular file; give a config file (see `newsdeck config`)".into());
    }
    let file = std::fs::File::open(path).map_err(|e| io_message(&e))?;
    let mut bytes = Vec::new();
    // One byte over the cap tells a file that grew since `metadata` from one that fits.
    file.take(MAX_CONFIG_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_message(&e))?;
    if bytes.len() as u64 > MAX_CONFIG_BYTES {
        return Err(format!(
            "too big: a config file is at most {} KiB",
            MAX_CONFIG_BYTES / 1024
        ));
    }
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
        std::fs::write(&big, vec![b'#'; MAX_CONFIG_BYTES as usize + 1]).unwrap();
        assert!(read(&big).unwrap_err().contains("too big"));
        let ok = dir.path().join("ok.toml");
        std::fs::write(&ok, "theme = \"light\"\n").unwrap();
        assert_eq!(read(&ok).unwrap().as_deref(), Some("theme = \"light\"\n"));
        std::fs::write(&ok, [0xff, 0xfe]).unwrap();
        assert!(read(&ok).unwrap_err().contains("UTF-8"));
    }
}
