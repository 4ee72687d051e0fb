//! The `newsdeck` binary: everything, from the command line on, is [`newsdeck::cmd`].

use std::process::ExitCode;

fn main() -> ExitCode {
    newsdeck::cmd::run()
}
