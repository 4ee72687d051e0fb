//! Pure program state: no IO, no terminal.

pub mod digest;
