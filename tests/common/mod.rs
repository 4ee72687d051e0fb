//! What the integration tests share: running the built binary with HOME and every XDG folder
//! in a temporary folder, so no test ever touches a real user's files.
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

/// What one run of the binary did.
pub struct Run {
    pub code: i32,
    pub out: String,
    pub err: String,
}

/// Runs `newsdeck ARGS` with `home` as HOME, the XDG folders under it, and `home` as the
/// working folder.
pub fn newsdeck(home: &Path, args: &[&str]) -> Run {
    let o = Command::new(env!("CARGO_BIN_EXE_newsdeck"))
        .args(args)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .current_dir(home)
        .output()
        .unwrap();
    Run {
        code: o.status.code().unwrap(),
        out: String::from_utf8(o.stdout).unwrap(),
        err: String::from_utf8(o.stderr).unwrap(),
    }
}
