//! Everything that touches the file system lives here.

pub mod atomic;
pub mod index;
pub mod library;
pub mod load;
pub mod paths;
pub mod state;
pub mod time;
