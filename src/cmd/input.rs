//! What a command-line argument names: a file or folder, `-` (stdin), or an http(s) URL; and
//! the bytes behind the ones that are not files. `add`, `check` and the reader share this.

use std::path::{Path, PathBuf};

use crate::net::{self, Fetched, Options, Validators};
use crate::store::load::{self, LoadError};

/// The name stdin goes by in messages (and in the library, when it is added).
pub const STDIN_NAME: &str = "stdin";

/// One argument of `add`, `check` or the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file or folder on disk.
    Path(PathBuf),
    /// `-`: read stdin.
    Stdin,
    /// An http(s) URL to download.
    Url(String),
}

impl Input {
    /// What `arg` names: `-` is stdin, `http://` and `https://` are URLs, anything else a path.
    pub fn from_arg(arg: &Path) -> Input {
        match arg.to_str() {
            Some("-") => Input::Stdin,
            Some(s) if crate::url::is_web(s) => Input::Url(s.to_string()),
            _ => Input::Path(arg.to_path_buf()),
        }
    }

    /// True when the argument is read from stdin or the network rather than opened as a path.
    pub fn is_stream(arg: &Path) -> bool {
        !matches!(Input::from_arg(arg), Input::Path(_))
    }
}

/// Bytes read from stdin or downloaded, with what names them in messages.
pub struct Streamed {
    /// `stdin`, or the URL: what messages and the library name come from.
    pub name: PathBuf,
    /// The bytes, at most `MAX_DIGEST_BYTES`.
    pub bytes: Vec<u8>,
    /// The URL finally answered, after redirects (relative links in a feed resolve against it).
    pub url: Option<String>,
}

/// Reads stdin (capped) or downloads `url`; errors name the input and say what went wrong.
pub fn read(input: &Input) -> Result<Streamed, LoadError> {
    match input {
        Input::Stdin => {
            let name = PathBuf::from(STDIN_NAME);
            let bytes = load::read_stream(&name, std::io::stdin().lock())?;
            Ok(Streamed {
                name,
                bytes,
                url: None,
            })
        }
        Input::Url(url) => download(url),
        Input::Path(path) => Ok(Streamed {
            name: path.clone(),
            bytes: load::read_digest_bytes(path)?,
            url: None,
        }),
    }
}

/// Downloads `url` (no conditional request: there is no earlier copy to compare with).
fn download(url: &str) -> Result<Streamed, LoadError> {
    let name = PathBuf::from(url);
    let fail = |message: String| LoadError {
        path: name.clone(),
        error: crate::format::FormatError::plain(message),
    };
    match net::download(url, &Validators::default(), &Options::default()) {
        Ok(Fetched::Body(d)) => Ok(Streamed {
            name: name.clone(),
            bytes: d.bytes,
            url: Some(d.final_url),
        }),
        // Only a conditional request can get a 304; say so rather than pretend it is empty.
        Ok(Fetched::Unchanged) => Err(fail("the server answered 304 Not Modified".into())),
        Err(e) => Err(fail(e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_name_stdin_urls_and_paths() {
        assert_eq!(Input::from_arg(Path::new("-")), Input::Stdin);
        assert_eq!(
            Input::from_arg(Path::new("https://x.org/feed")),
            Input::Url("https://x.org/feed".into())
        );
        assert_eq!(
            Input::from_arg(Path::new("./-")),
            Input::Path(PathBuf::from("./-"))
        );
        assert!(!Input::is_stream(Path::new("ftp://x/y")));
    }
}
