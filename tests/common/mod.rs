//! What the integration tests share: running the built binary with HOME and every XDG folder
//! in a temporary folder, so no test ever touches a real user's files.
#![allow(dead_code)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// What one run of the binary did.
pub struct Run {
    pub code: i32,
    pub out: String,
    pub err: String,
}

/// `newsdeck ARGS` with `home` as HOME, the XDG folders under it and `home` as the working
/// folder; the user's own config and colour settings are not inherited.
pub fn command(home: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_newsdeck"));
    cmd.args(args)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env_remove("NEWSDECK_CONFIG")
        .env_remove("NO_COLOR")
        .current_dir(home);
    cmd
}

/// Runs `cmd` to the end and collects what it did.
pub fn run(mut cmd: Command) -> Run {
    let o = cmd.output().unwrap();
    Run {
        code: o.status.code().unwrap(),
        out: String::from_utf8(o.stdout).unwrap(),
        err: String::from_utf8(o.stderr).unwrap(),
    }
}

/// Runs `newsdeck ARGS` in `home` (see [`command`]).
pub fn newsdeck(home: &Path, args: &[&str]) -> Run {
    run(command(home, args))
}

/// [`newsdeck`] with extra environment variables.
pub fn newsdeck_env(home: &Path, env: &[(&str, &Path)], args: &[&str]) -> Run {
    let mut cmd = command(home, args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    run(cmd)
}

/// [`newsdeck`] with `stdin` as its standard input.
pub fn newsdeck_with_stdin(home: &Path, args: &[&str], stdin: &[u8]) -> Run {
    let mut cmd = command(home, args);
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let mut input = child.stdin.take().unwrap();
    let bytes = stdin.to_vec();
    // Written on a thread: a child that does not read stdin must not block the test.
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&bytes);
    });
    let o = child.wait_with_output().unwrap();
    writer.join().unwrap();
    Run {
        code: o.status.code().unwrap(),
        out: String::from_utf8(o.stdout).unwrap(),
        err: String::from_utf8(o.stderr).unwrap(),
    }
}

/// [`newsdeck`] as a (code, stdout, stderr) tuple, for tests that destructure it.
pub fn newsdeck3(home: &Path, args: &[&str]) -> (i32, String, String) {
    let r = newsdeck(home, args);
    (r.code, r.out, r.err)
}

pub mod pty;
