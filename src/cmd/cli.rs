//! The command line: what each subcommand and flag means.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::export::Format;

/// newsdeck: read tech-news digests in the terminal.
#[derive(Debug, Parser)]
#[command(
    name = "newsdeck",
    version,
    about,
    // Global options may come before a subcommand (`newsdeck --no-color list`): a path and a
    // subcommand still cannot be mixed, since paths only parse where no subcommand matched.
    // `newsdeck help format` prints the format reference, so `help` is ours (see Command::Help).
    disable_help_subcommand = true
)]
pub struct Cli {
    /// What to do; without a subcommand, open PATHs (or the library) in the reader.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Digest or feed files or folders to open, `-` (stdin) or an http(s) URL; none opens the
    /// library.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Open the reader on this article of the one digest given (also written `PATH#ID`).
    #[arg(long, value_name = "ID")]
    pub article: Option<String>,
    /// Do not use colour (also set by the NO_COLOR environment variable).
    #[arg(long, global = true)]
    pub no_color: bool,
    /// Read this config file instead of `config.toml` in the config folder (also NEWSDECK_CONFIG).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

impl Cli {
    /// The process's command line. `newsdeck` alone, the reader on the library (how most
    /// sessions start), needs no parser: building clap's whole command, every subcommand and
    /// flag, took a fifth of a millisecond on the way to the first frame. Anything else is
    /// clap's to parse, `--help` and errors included.
    pub fn from_env() -> Cli {
        if std::env::args_os().len() <= 1 {
            Cli::bare()
        } else {
            Cli::parse()
        }
    }

    /// What clap makes of `newsdeck` without arguments (a test holds the two together; an
    /// option read from the environment by clap would have to be read here too).
    fn bare() -> Cli {
        Cli {
            command: None,
            paths: Vec::new(),
            article: None,
            no_color: false,
            config: None,
        }
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate digests or feeds: one line per file, exit 1 if any is invalid.
    Check {
        /// Digest or feed files, `-` for stdin, or http(s) URLs to download and validate.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Render the screen without a terminal and print it as text.
    Snapshot(SnapshotArgs),
    /// Copy valid digests (and feeds, converted) into the library.
    ///
    /// A new version of a digest already there (same id, or same title and date) replaces it,
    /// and the old copy goes to the trash.
    Add {
        /// Digest or feed files, folders (every digest and feed in them), `-` for stdin, or
        /// http(s) URLs to download.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// List digests (the library, or the given files and folders): unread, total, title, path.
    List {
        /// Files or folders to list instead of the library.
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// List the digests in the trash instead (newest first: the one `U` restores).
        #[arg(long, conflicts_with = "paths")]
        trash: bool,
        /// List starred articles instead: path, id and headline, newest star first.
        #[arg(long, conflicts_with = "trash")]
        starred: bool,
    },
    /// Print an article (`PATH#ID`), or every article of a digest, as text, md, html or json.
    Show(ShowArgs),
    /// Print where newsdeck keeps the library, read state and configuration.
    Paths,
    /// Subscribe to a feed (RSS, Atom or JSON Feed); `newsdeck fetch` downloads it.
    Subscribe {
        /// The feed's http(s) URL.
        url: String,
        /// A name to show and to unsubscribe by.
        #[arg(long)]
        name: Option<String>,
    },
    /// Remove a subscription (its digest stays in the library).
    Unsubscribe {
        /// The feed's URL, or the name it was given.
        #[arg(value_name = "URL|NAME")]
        key: String,
    },
    /// List subscriptions: URL, name, last fetch, last error.
    Subscriptions,
    /// Subscribe to every feed of an OPML file (from another feed reader).
    Import {
        /// The OPML file.
        file: PathBuf,
    },
    /// Print the subscriptions as OPML.
    Export,
    /// Download every subscription into the library; exit 1 if any failed.
    Fetch,
    /// Merge read marks from other copies of the state file (e.g. synced from another machine).
    Merge {
        /// State files to merge into this machine's read state.
        #[arg(required = true, value_name = "STATE_FILE")]
        files: Vec<PathBuf>,
    },
    /// Search every digest in the library: one line per matching article,
    /// `digest-path<TAB>article-id<TAB>field<TAB>snippet`; exit 1 when nothing matches.
    ///
    /// All words must match (case and accents ignored). Filters: `tag:ai`, `source:bloomberg`,
    /// `person:gomez`, `before:2025-11-01` (earlier days), `after:2025-11-01` (that day and
    /// later), `unread`.
    Search {
        /// Words and filters.
        #[arg(required = true, value_name = "QUERY")]
        query: Vec<String>,
        /// One JSON object per line instead of tab-separated text.
        #[arg(long)]
        json: bool,
    },
    /// Who said what: every commentator (`name, roles, count, last-date`), or with NAME every
    /// viewpoint of that person (`date, digest, headline, viewpoint`), newest first.
    People {
        /// A name (case, spacing and accents ignored; part of a name finds everyone it is in).
        #[arg(value_name = "NAME")]
        name: Vec<String>,
        /// Order of the table: name, count (most first) or recent (newest first).
        #[arg(long, default_value = "name", value_parser = ["name", "count", "recent"])]
        sort: String,
    },
    /// Show the devices sharing read state through the sync folder: device, marks, last change.
    Sync {
        /// The sync folder (default: `sync_dir` from the settings).
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
        /// This machine's name there (default: `device` from the settings, else the host name).
        #[arg(long, value_name = "NAME")]
        device: Option<String>,
    },
    /// Print the default config file, commented; or check a config file, or print its path.
    Config {
        /// `check [FILE]` or `path`; nothing prints the default config.
        #[command(subcommand)]
        action: Option<ConfigCommand>,
    },
    /// Print a shell completion script (e.g. `newsdeck completions bash > ~/.local/share/bash-completion/completions/newsdeck`).
    Completions {
        /// The shell to complete in.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (view it with `newsdeck man | man -l -`).
    Man,
    /// Print the digest format reference.
    Format,
    /// Print help: for newsdeck, a subcommand, or `format` (the digest format reference).
    Help {
        /// A subcommand, or `format`.
        #[arg(value_name = "TOPIC")]
        topic: Option<String>,
    },
}

/// What `newsdeck config` does.
#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Check a config file (the one in use without FILE): exit 0 when valid, 1 with its errors.
    Check {
        /// The config file to check.
        #[arg(value_name = "FILE")]
        file: Option<PathBuf>,
    },
    /// Print the path of the config file in use (which need not exist).
    Path,
}

/// Parses `--format`: one of [`Format::NAMES`] (or `markdown`).
fn parse_format(name: &str) -> Result<Format, String> {
    Format::from_name(name).ok_or_else(|| format!("expected one of {}", Format::NAMES.join(", ")))
}

/// The largest snapshot side, as an `i64` for clap's range.
const MAX_SIDE: i64 = crate::area::MAX_SIDE as i64;

/// Options of `newsdeck snapshot`.
#[derive(Debug, Args)]
pub struct SnapshotArgs {
    /// Screen width in columns (1 to 1000).
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u16).range(1..=MAX_SIDE))]
    pub width: u16,
    /// Screen height in rows (1 to 1000).
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u16).range(1..=MAX_SIDE))]
    pub height: u16,
    /// Keys to replay first, in vim notation: `jj<Tab><C-d>`.
    #[arg(long, default_value = "")]
    pub keys: String,
    /// Open the reader on this article of the one digest given (also written `PATH#ID`).
    #[arg(long, value_name = "ID")]
    pub article: Option<String>,
    /// Digest files or folders to open; none opens the library.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

/// Options of `newsdeck show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The digest (a file, `-` for stdin, or an http(s) URL), optionally with `#ARTICLE-ID` to
    /// print one article.
    #[arg(value_name = "PATH[#ID]")]
    pub path: PathBuf,
    /// The article to print (instead of `#ID`).
    #[arg(long, value_name = "ID")]
    pub article: Option<String>,
    /// Output format: text, md, html or json.
    #[arg(long, default_value = "text", value_parser = parse_format)]
    pub format: Format,
    /// Wrap text to this many columns (default: the terminal's width, else 80).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(2..))]
    pub width: Option<u16>,
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::Cli;

    #[test]
    fn no_arguments_without_clap_is_what_clap_makes_of_them() {
        let parsed = Cli::try_parse_from(["newsdeck"]).unwrap();
        assert_eq!(format!("{:?}", Cli::bare()), format!("{parsed:?}"));
    }
}
