//! Pure program state: no IO, no terminal.

pub mod digest;
pub mod read_state;
