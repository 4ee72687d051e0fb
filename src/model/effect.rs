//! What the model asks the app to do: [`Model::update`](super::Model::update) changes only pure
//! state and answers with these; the app (files) and the terminal loop (the terminal, threads)
//! carry them out.

use super::Source;
use super::digest;

/// Something the app must do outside the model after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Read state changed: save it (debounced).
    SaveState,
    /// Open a link with the system opener.
    OpenUrl(String),
    /// Load a digest and show it in the reader.
    Open(Source),
    /// The reader was left; refresh the library screen's rows.
    ShowLibrary,
    /// Move a digest file from the library folder to the trash.
    Delete(std::path::PathBuf),
    /// Put the digest moved to the trash last back into the library.
    RestoreTrash,
    /// Copy this text to the clipboard (OSC 52).
    Copy(String),
    /// Turn mouse capture on or off.
    SetMouse(bool),
    /// Quit.
    Quit,
    /// Suspend to the shell.
    Suspend,
    /// Write an article, as Markdown, to `<stem>.md` in the current folder, never overwriting.
    Export {
        /// The file-name stem (the headline's slug).
        stem: String,
        /// The Markdown.
        content: String,
    },
    /// Gather the Starred screen's rows (every starred article across the library) for request
    /// number `.0`, and hand them to [`crate::model::Model::show_starred`].
    GatherStarred(u64),
    /// Load a digest and open the article with this id in the reader.
    OpenArticle(Source, String),
    /// Build the filter's search text for the open digest (off the input path where possible).
    BuildSearchIndex,
    /// Load the library search index (off the input path where possible), then hand it over
    /// with [`Model::set_word_index`](super::Model::set_word_index).
    LoadWordIndex,
    /// Cut the snippets of the search overlay's shown rows from their digests (off the input
    /// path where possible), then hand them over with
    /// [`Model::set_snippets`](super::Model::set_snippets).
    CutSnippets(super::finder::SnippetJob),
    /// Open the digest in this file at the article with this key.
    OpenAt(std::path::PathBuf, digest::ArticleId),
    /// Gather the "All unread" river from the library's digests (off the input path where
    /// possible) and hand it to [`Model::show_river`](super::Model::show_river) with this
    /// request number.
    OpenRiver(u64),
    /// Download every subscription into the library in the background.
    Fetch,
}
