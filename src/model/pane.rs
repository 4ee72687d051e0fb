//! The reader's panes, by name. A leaf: `layout` and the reader model both name panes with it.

/// Which pane the reader focuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    /// The article list.
    List,
    /// The article text.
    Article,
    /// The commentator table.
    Commentators,
}
