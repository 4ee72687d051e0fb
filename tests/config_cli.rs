//! The config file and the ecosystem subcommands, run as the built binary with HOME and every
//! XDG folder in a temporary folder: remapped and unbound keys drive `snapshot`, errors have
//! places, and completions, the man page and the format reference come out of the binary.

mod common;

use common::{newsdeck, newsdeck_env};

use std::fs;
use std::path::Path;
use std::process::Command;

fn snapshot(home: &Path, config: Option<&Path>, keys: &str) -> String {
    let mut args = vec![
        "snapshot", "--width", "80", "--height", "24", "--keys", keys,
    ];
    if let Some(c) = config {
        args.extend(["--config", c.to_str().unwrap()]);
    }
    let r = newsdeck(home, &args);
    assert_eq!(r.code, 0, "{}", r.err);
    assert_eq!(r.err, "");
    r.out
}

fn write_config(home: &Path, text: &str) -> std::path::PathBuf {
    let p = home.join("my.toml");
    fs::write(&p, text).unwrap();
    p
}

#[test]
fn a_remapped_key_drives_snapshot() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let c = write_config(h, "[keys.reader]\ntoggle_read = \"x\"\n");
    let marked = snapshot(h, None, "m");
    assert_ne!(marked, snapshot(h, None, ""), "m must change the screen");
    assert_eq!(snapshot(h, Some(&c), "x"), marked);
    // `m` lost its action to `x`: it now does nothing.
    assert_eq!(snapshot(h, Some(&c), "m"), snapshot(h, None, ""));
    // The help shows the user's key.
    let help = snapshot(h, Some(&c), "?");
    let line = help
        .lines()
        .find(|l| l.contains("toggle read/unread"))
        .unwrap();
    // The key column right before the help text (one or two columns of help, by height).
    let before = line.split("toggle read/unread").next().unwrap().trim_end();
    assert!(before.ends_with("┃x") || before.ends_with(" x"), "{line}");
}

#[test]
fn an_unbound_key_does_nothing_and_the_env_variable_names_the_file() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let c = write_config(h, "[keys.reader]\ntoggle_read = \"none\"\n");
    let r = newsdeck_env(h, &[("NEWSDECK_CONFIG", &c)], &["snapshot", "--keys", "m"]);
    assert_eq!(r.code, 0, "{}", r.err);
    let still = newsdeck(h, &["snapshot"]).out;
    assert_eq!(r.out, still);
    assert_ne!(newsdeck(h, &["snapshot", "--keys", "m"]).out, still);
}

#[test]
fn the_default_config_file_is_read_from_the_config_folder() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let dir = h.join("config/newsdeck");
    fs::create_dir_all(&dir).unwrap();
    fs::write(
        dir.join("config.toml"),
        "[keys.reader]\ntoggle_read = \"x\"\n",
    )
    .unwrap();
    let r = newsdeck(h, &["config", "path"]);
    assert_eq!(r.out.trim(), dir.join("config.toml").to_str().unwrap());
    // `--config` wins over the folder's file: with an empty one, `n` is `next_unread` again.
    let empty = write_config(h, "");
    assert_eq!(snapshot(h, None, "x"), snapshot(h, Some(&empty), "m"));
    assert_ne!(snapshot(h, None, "x"), snapshot(h, Some(&empty), "x"));
    // A `--config` file that does not exist is said, not ignored.
    let r = newsdeck(h, &["snapshot", "--config", "nope.toml"]);
    assert!(r.err.contains("nope.toml: no such file"), "{}", r.err);
}

#[test]
fn config_errors_name_the_line_and_column_and_defaults_apply() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let c = write_config(h, "theme = \"dark\"\n[keys.reader]\nnext_unred = \"x\"\n");
    let r = newsdeck(
        h,
        &["snapshot", "--config", c.to_str().unwrap(), "--keys", "n"],
    );
    assert_eq!(r.code, 0);
    assert!(
        r.err
            .contains("my.toml:3:1: unknown action `next_unred`; did you mean `next_unread`?"),
        "{}",
        r.err
    );
    // The defaults: `n` still moves.
    assert_eq!(r.out, newsdeck(h, &["snapshot", "--keys", "n"]).out);
    let r = newsdeck(h, &["config", "check", c.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(r.err.contains("my.toml:3:1: "), "{}", r.err);
    let good = h.join("good.toml");
    fs::write(&good, newsdeck(h, &["config"]).out).unwrap();
    let r = newsdeck(h, &["config", "check", good.to_str().unwrap()]);
    assert_eq!((r.code, r.out.ends_with(": ok\n")), (0, true), "{}", r.err);
    let r = newsdeck(h, &["config", "check", "missing.toml"]);
    assert_eq!(r.code, 1);
    let r = newsdeck(h, &["--config", "missing.toml", "config", "check"]);
    assert_eq!(r.code, 1);
    // No config file at the default place: the defaults, which are fine.
    assert_eq!(newsdeck(h, &["config", "check"]).code, 0);
}

#[test]
fn completions_and_the_man_page_are_generated() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let r = newsdeck(h, &["completions", shell]);
        assert_eq!(r.code, 0, "{shell}: {}", r.err);
        for sub in ["snapshot", "completions", "config"] {
            assert!(r.out.contains(sub), "{shell} lacks {sub}");
        }
    }
    assert_eq!(newsdeck(h, &["completions", "tcsh"]).code, 2);
    let r = newsdeck(h, &["man"]);
    assert_eq!(r.code, 0);
    assert!(r.out.contains(".TH newsdeck"), "{}", r.out);
    for sub in ["snapshot", "completions", "config", "no\\-color"] {
        assert!(r.out.contains(sub), "man lacks {sub}");
    }
}

#[test]
fn the_format_reference_is_in_the_binary() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let r = newsdeck(h, &["help", "format"]);
    assert_eq!(r.code, 0);
    assert!(r.out.starts_with("# newsdeck digest format"), "{}", r.out);
    assert_eq!(newsdeck(h, &["format"]).out, r.out);
    let r = newsdeck(h, &["help", "snapshot"]);
    assert!(r.out.contains("--keys"), "{}", r.out);
    let r = newsdeck(h, &["help", "nope"]);
    assert_eq!(r.code, 2);
    // Every topic once: `format` is a subcommand as well as a topic.
    assert_eq!(r.err.matches("format").count(), 1, "{}", r.err);
}

#[test]
fn a_word_that_is_neither_file_nor_command_is_a_usage_error() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let r = newsdeck(h, &["bogus"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.err,
        "newsdeck: bogus: no such file or command; see newsdeck --help\n"
    );
    let r = newsdeck(h, &["chekc"]);
    assert!(r.err.contains("did you mean `check`?"), "{}", r.err);
}

#[test]
fn global_options_may_come_before_a_subcommand() {
    let home = tempfile::tempdir().unwrap();
    let r = newsdeck(home.path(), &["--no-color", "paths"]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.contains("cache: "), "{}", r.out);
    let config = write_config(home.path(), "[keys.reader]\nhelp = \"H\"\n");
    let r = newsdeck(
        home.path(),
        &[
            "--config",
            config.to_str().unwrap(),
            "snapshot",
            "--width",
            "80",
            "--height",
            "24",
            "--keys",
            "H",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(
        r.out.contains("Keys: reader"),
        "H opens the help: {}",
        r.out
    );
}

#[test]
fn lost_output_is_a_failure_never_a_panic() {
    let home = tempfile::tempdir().unwrap();
    for args in [
        &["completions", "bash"][..],
        &["paths"],
        &["config"],
        &["help", "format"],
        &["man"],
    ] {
        let full = fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let o = Command::new(env!("CARGO_BIN_EXE_newsdeck"))
            .args(args)
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env("XDG_STATE_HOME", home.path().join("state"))
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("XDG_CACHE_HOME", home.path().join("cache"))
            .stdout(full)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(err.contains("cannot write the output"), "{args:?}: {err}");
    }
}
