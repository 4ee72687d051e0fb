//! `newsdeck paths`: where newsdeck keeps the library, read state and configuration.

use std::io::Write;

use super::{OK, with_home};
use crate::store::load::display_path;
use crate::store::paths::Paths;

/// `newsdeck paths`: prints `library: PATH`, `state: PATH`, `config: PATH` and `cache: PATH`, one per line.
pub fn run(out: &mut impl Write, err: &mut impl Write) -> u8 {
    with_home(err, "", |p, _| print_paths(p, out))
}

/// Prints the locations in `p` as `newsdeck paths` does.
pub fn print_paths(p: &Paths, out: &mut impl Write) -> u8 {
    let _ = writeln!(out, "library: {}", display_path(&p.library));
    let _ = writeln!(out, "state: {}", display_path(&p.state));
    let _ = writeln!(out, "config: {}", display_path(&p.config));
    let _ = writeln!(out, "cache: {}", display_path(&p.cache));
    OK
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn print_paths_prints_four_lines() {
        let mut out = Vec::new();
        print_paths(&Paths::under(std::path::Path::new("/r")), &mut out);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "library: /r/data/digests\nstate: /r/state/state.json\nconfig: /r/config\ncache: /r/cache\n"
        );
    }
}
