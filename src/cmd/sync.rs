//! `newsdeck sync`: exchange read marks with the sync folder now, and show its devices.

use std::io::Write;
use std::path::PathBuf;

use super::{FAILED, OK, USAGE, open_state, with_home};
use crate::sanitize;
use crate::settings::Settings;
use crate::store::load::display_path;
use crate::store::paths::Paths;
use crate::store::sync::SyncDir;

/// `newsdeck sync [--dir DIR] [--device NAME]`: merges every other device's file into this
/// machine's read state, writes this machine's file, and prints `device\tmarks\tlast-change`
/// per device file (this machine's marked `(this machine)`). 2 when no sync folder is set.
pub fn run(
    dir: Option<PathBuf>,
    device: Option<String>,
    settings: &Settings,
    out: &mut impl Write,
    err: &mut impl Write,
) -> u8 {
    let Some(dir) = dir.or_else(|| settings.sync_dir.clone()) else {
        let _ = writeln!(
            err,
            "newsdeck: sync: no sync folder: set sync_dir in the config file, or pass --dir DIR"
        );
        return USAGE;
    };
    let device = device.or_else(|| settings.device.clone());
    let sync = SyncDir::new(dir, device.as_deref());
    with_home(err, "cannot sync: ", |p, err| sync_with(p, &sync, out, err))
}

/// `newsdeck sync` with the locations in `p` and the sync folder `sync`.
pub fn sync_with(p: &Paths, sync: &SyncDir, out: &mut impl Write, err: &mut impl Write) -> u8 {
    let (mut store, mut state) = open_state(p, err);
    let (others, warnings) = sync.read_others();
    for w in warnings {
        let _ = writeln!(err, "newsdeck: {}", sanitize::line(&w));
    }
    state.merge(&others);
    let mut code = OK;
    match store.save(&state) {
        Ok(merged) => state = merged,
        Err(e) => {
            let _ = writeln!(err, "newsdeck: {e}");
            code = FAILED;
        }
    }
    if let Err(e) = sync.write_own(&state) {
        let _ = writeln!(err, "newsdeck: {e}");
        return FAILED;
    }
    for d in sync.devices() {
        let name = sanitize::line(&d.device);
        let mine = if d.mine { "\t(this machine)" } else { "" };
        match d.marks {
            Ok(n) => {
                let when = d
                    .last_change
                    .map_or_else(|| "-".to_string(), crate::date::time_ms);
                let _ = writeln!(out, "{name}\t{n}\t{when}{mine}");
            }
            Err(e) => {
                let _ = writeln!(out, "{name}\t-\tunreadable: {}{mine}", sanitize::line(&e));
                let _ = writeln!(err, "newsdeck: sync: {}", display_path(&d.path));
                code = FAILED;
            }
        }
    }
    code
}
