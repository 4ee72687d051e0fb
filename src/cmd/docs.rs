//! The documentation an installed binary carries: shell completions, the man page, the format
//! reference, and `newsdeck help [TOPIC]`.

use std::io::Write;

use clap::CommandFactory;

use super::cli::Cli;
use super::{FAILED, OK, USAGE};

/// The digest format reference (docs/format.md), compiled in so error hints can point to it.
pub const FORMAT_REFERENCE: &str = include_str!("../../docs/format.md");

/// `newsdeck completions SHELL`: the completion script on `out`.
pub fn completions(shell: clap_complete::Shell, out: &mut impl Write) -> u8 {
    // clap_complete panics when its writer fails (a full disk, a closed pipe): generate in
    // memory, then write, so a failed write is an error like any other command's.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "newsdeck", &mut script);
    match out.write_all(&script) {
        Ok(()) => OK,
        Err(_) => FAILED,
    }
}

/// `newsdeck man`: the man page (roff) on `out`, followed by one page per subcommand (the main
/// page refers to them as newsdeck-NAME(1)), so `man -l -` shows everything in one go.
pub fn man(out: &mut impl Write) -> u8 {
    let cmd = Cli::command();
    let mut pages = vec![clap_mangen::Man::new(cmd.clone())];
    for sub in cmd.get_subcommands() {
        let name = format!("newsdeck-{}", sub.get_name());
        pages.push(clap_mangen::Man::new(
            sub.clone().display_name(name.clone()).bin_name(name),
        ));
    }
    for page in pages {
        if page.render(out).is_err() {
            return FAILED;
        }
    }
    OK
}

/// `newsdeck format`: the format reference on `out`.
pub fn format(out: &mut impl Write) -> u8 {
    match out.write_all(FORMAT_REFERENCE.as_bytes()) {
        Ok(()) => OK,
        Err(_) => FAILED,
    }
}

/// `newsdeck help [TOPIC]`: newsdeck's help, a subcommand's, or the format reference.
pub fn help(topic: Option<&str>, out: &mut impl Write, err: &mut impl Write) -> u8 {
    let mut cmd = Cli::command();
    let text = match topic {
        None => cmd.render_long_help(),
        Some("format") => return format(out),
        Some(name) => match cmd.find_subcommand_mut(name) {
            Some(sub) => sub.render_long_help(),
            None => {
                let all = Cli::command();
                // `format` is a subcommand too, so it is listed once.
                let names: Vec<&str> = all.get_subcommands().map(|s| s.get_name()).collect();
                let _ = writeln!(
                    err,
                    "newsdeck: no help on \"{}\"; topics: {}",
                    crate::sanitize::line(name),
                    names.join(", ")
                );
                return USAGE;
            }
        },
    };
    let _ = write!(out, "{text}");
    OK
}
