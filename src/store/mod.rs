//! Everything that touches the file system lives here.

pub mod article_ref;
pub(crate) mod atomic;
pub mod config_file;
pub mod digest_index;
pub mod export_file;
pub mod index;
pub(crate) mod index_codec;
pub mod library;
pub mod listing;
pub mod listing_job;
pub mod load;
pub mod paths;
pub mod read;
pub mod saver;
pub mod search_index;
pub mod starred;
pub mod state;
pub mod subscriptions;
pub mod sync;
pub mod trash;
pub mod watch;

#[cfg(test)]
mod tests;

/// The names in a folder, sorted: what the store's tests compare after a write.
#[cfg(test)]
pub(crate) fn test_files(dir: &std::path::Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// A one-article digest with this title, date and article id, for the store's tests.
#[cfg(test)]
pub(crate) fn test_digest(title: &str, published: &str, id: &str) -> String {
    format!(
        r#"{{"title": "{title}", "published": "{published}", "articles": [{{"id": "{id}", "headline": "H"}}]}}"#
    )
}

/// Makes a FIFO at `path` (which nothing ever writes to), for the guarded-reader tests.
#[cfg(all(test, unix))]
pub(crate) fn test_fifo(path: &std::path::Path) {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}
