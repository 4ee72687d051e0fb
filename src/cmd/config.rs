//! `newsdeck config`: print the default config, check a config file, or say which one is in use.

use std::io::Write;
use std::path::Path;

use super::cli::ConfigCommand;
use super::{FAILED, OK};
use crate::config;
use crate::store::load::display_path;

/// `newsdeck config [check [FILE] | path]`; `flag` is the global `--config`.
pub fn run(
    action: Option<&ConfigCommand>,
    flag: Option<&Path>,
    out: &mut impl Write,
    err: &mut impl Write,
) -> u8 {
    match action {
        None => {
            let _ = out.write_all(config::template::default_config().as_bytes());
            OK
        }
        Some(ConfigCommand::Path) => match config::path(flag) {
            Ok(p) => {
                let _ = writeln!(out, "{}", display_path(&p));
                OK
            }
            Err(e) => {
                let _ = writeln!(err, "newsdeck: {e}");
                FAILED
            }
        },
        Some(ConfigCommand::Check { file }) => {
            let path = match file
                .as_deref()
                .map_or_else(|| config::path(flag), |f| Ok(f.into()))
            {
                Ok(p) => p,
                Err(e) => {
                    let _ = writeln!(err, "newsdeck: {e}");
                    return FAILED;
                }
            };
            check(&path, file.is_some() || flag.is_some(), out, err)
        }
    }
}

/// Checks the config file at `path`; a missing file given by name (FILE or `--config`) is an
/// error, the default one missing only means the defaults.
fn check(path: &Path, named: bool, out: &mut impl Write, err: &mut impl Write) -> u8 {
    let shown = display_path(path);
    if named && !path.exists() {
        let _ = writeln!(err, "newsdeck: {shown}: no such file");
        return FAILED;
    }
    match config::load(path) {
        Ok(_) if !path.exists() => {
            let _ = writeln!(out, "{shown}: no config file; newsdeck uses its defaults");
            OK
        }
        Ok(_) => {
            let _ = writeln!(out, "{shown}: ok");
            OK
        }
        Err(errors) => {
            for e in errors {
                let _ = writeln!(err, "{e}");
            }
            FAILED
        }
    }
}
