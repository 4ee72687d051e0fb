//! Everything that touches the file system lives here.

pub mod atomic;
pub mod index;
pub mod library;
pub mod load;
pub mod paths;
pub mod state;
pub mod subscriptions;
pub mod time;

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
