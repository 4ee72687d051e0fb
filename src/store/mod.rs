//! Everything that touches the file system lives here.

pub mod load;
