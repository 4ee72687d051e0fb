//! The daily loop's part of the model: the library screen's keys (filter, sort, marking a
//! digest read, opening a digest or the river), going on to the next digest with `n`/`N`,
//! showing the river, and remembering the library cursor.

use crate::action::Action;
use crate::model::undo::Change;
use crate::model::{Effect, LibraryRow, Model, Overlay, Screen, Source, nav, river};

/// `n`/`N` found no unread article left in the open digest and named the next digest that has
/// some: the same key again opens it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Jump {
    /// The digest to open.
    pub source: Source,
    /// True for `n` (arrive on its first unread article), false for `N` (its last).
    pub forward: bool,
}

/// What `U` on the library screen undoes: the digest moved to the trash last, or the marks of
/// the last `A` there, whichever came last.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LibraryUndo {
    /// Restore from the trash.
    #[default]
    Trash,
    /// Undo the read marks `A` set.
    Marks,
}

/// What the status bar says while the Starred screen's rows are gathered.
pub(super) const GATHERING_STARRED: &str = "Gathering starred articles…";

/// What the status bar says while the All unread river is gathered.
pub(super) const GATHERING_UNREAD: &str = "Gathering unread articles…";

impl Model {
    /// Shows the "All unread" river in the reader, if it is still wanted (request `request`).
    pub fn show_river(&mut self, river: river::River, request: u64) {
        if self.river_pending != Some(request) || self.screen != Screen::Library {
            return;
        }
        self.river_pending = None;
        if self.notice.as_deref() == Some(GATHERING_UNREAD) {
            self.notice = None;
        }
        self.opened += 1;
        let mut reader = self.new_reader(river.digest, Source::AllUnread);
        if let Some(old) = self.reader.take() {
            reader.prompt = old.prompt;
            reader.search_prompt = old.search_prompt;
        }
        reader.origins = river.origins;
        reader.recount(&self.read);
        reader.select_first_unread(&self.read, self.area);
        if reader.digest.entries.is_empty() {
            self.notice = Some("No unread articles in the library".into());
        }
        self.reader = Some(reader);
        self.screen = Screen::Reader;
    }

    /// Asks for the Starred screen: the app gathers its rows (request number returned) off the
    /// terminal loop, since that reads every digest with stars, and hands them to
    /// [`Model::show_starred`].
    fn request_starred(&mut self) -> Vec<Effect> {
        self.opened += 1;
        self.starred_pending = Some(self.opened);
        self.notice = Some(GATHERING_STARRED.into());
        vec![Effect::GatherStarred(self.opened)]
    }

    /// Asks for the river: the app gathers it (request number returned) and hands it to
    /// [`Model::show_river`].
    fn request_river(&mut self) -> Vec<Effect> {
        self.opened += 1;
        self.river_pending = Some(self.opened);
        self.notice = Some(GATHERING_UNREAD.into());
        vec![Effect::OpenRiver(self.opened)]
    }

    /// After a digest opened by `n`/`N` from another one loaded: opens its first (or last)
    /// unread article as `n` would. Returns the effects (saving the new read mark).
    pub fn arrive(&mut self, now_ms: u64) -> Vec<Effect> {
        let Some(forward) = self.arriving.take() else {
            return vec![];
        };
        self.with_reader(now_ms, |r, ctx| r.arrive(forward, ctx))
    }

    /// Whether `n`/`N` go on to another digest: nothing unread is left in this one, it is not
    /// the river (which holds every unread article), and no search's matches are being stepped.
    pub(super) fn goes_on(&self) -> bool {
        self.reader
            .as_ref()
            .is_some_and(|r| r.unread == 0 && !r.is_river() && r.find.is_none())
    }

    /// `U` on the library: undoes the marks of the last `A` if that came after the last move to
    /// the trash, else restores from the trash.
    pub(super) fn library_undo(&mut self, now_ms: u64) -> Vec<Effect> {
        if self.library_undo == LibraryUndo::Trash {
            return vec![Effect::RestoreTrash];
        }
        self.library_undo = LibraryUndo::Trash;
        let effects = self.undo(Action::Undo, now_ms);
        let h = self.library_height();
        self.library.recompute(&self.read, h);
        effects
    }

    /// `n`/`N` with nothing unread left in the open digest: the first time, names the next
    /// digest in library order that has unread articles; the same key again opens it.
    pub(super) fn next_digest(&mut self, forward: bool, jump: Option<Jump>) -> Vec<Effect> {
        if let Some(j) = jump.filter(|j| j.forward == forward) {
            self.arriving = Some(forward);
            return vec![Effect::Open(j.source)];
        }
        let Some(key) = self.reader.as_ref().map(|r| r.digest.key.clone()) else {
            return vec![];
        };
        let next = self
            .library
            .neighbours(&key, forward)
            .into_iter()
            .map(|r| (r, r.unread(&self.read)))
            .find(|(_, n)| *n > 0);
        let others = !self.library.neighbours(&key, forward).is_empty();
        match next {
            Some((row, n)) => {
                let again = if forward { "n" } else { "N" };
                self.notice = Some(format!(
                    "next: {}, {n} unread ({again} again to open)",
                    row.title
                ));
                self.jump = Some(Jump {
                    source: row.source.clone(),
                    forward,
                });
            }
            None => {
                let place = match (others, forward) {
                    (false, _) => "",
                    (true, true) => " in the digests after this one",
                    (true, false) => " in the digests before this one",
                };
                self.notice = Some(format!("No unread articles{place}"));
            }
        }
        vec![]
    }

    /// Marks every article of the library row at `i` read (every digest's, for "All unread").
    pub(super) fn mark_digest_read(&mut self, i: usize, now_ms: u64) -> Vec<Effect> {
        let Some(row) = self.library.rows.get(i) else {
            return vec![];
        };
        let rows: Vec<&LibraryRow> = match row.source {
            Source::AllUnread => self
                .library
                .all
                .iter()
                .filter(|r| !r.source.is_special())
                .collect(),
            _ => vec![row],
        };
        let mut changes = Vec::new();
        for r in rows {
            for id in r.ids.to_ids() {
                let id = &id;
                if !self.read.is_read(&r.key, id) {
                    self.read.set(&r.key, id, true, now_ms);
                    changes.push(Change {
                        digest: r.key.clone(),
                        id: id.clone(),
                        before: false,
                        after: true,
                    });
                }
            }
        }
        let marked = changes.len();
        // `U` on the library undoes this (until a digest goes to the trash after it).
        if marked > 0 {
            self.history.record(changes);
            self.library_undo = LibraryUndo::Marks;
        }
        let s = if marked == 1 { "" } else { "s" };
        self.notice = Some(format!("Marked {marked} article{s} read"));
        let h = self.library_height();
        self.library.recompute(&self.read, h);
        if marked > 0 {
            vec![Effect::SaveState]
        } else {
            vec![]
        }
    }

    /// Remembers the library row under the cursor, for the next start.
    pub(super) fn remember_cursor(&mut self, now_ms: u64) -> Vec<Effect> {
        let Some(row) = self.library.rows.get(self.library.cursor) else {
            return vec![];
        };
        if self.read.library_cursor() == Some(&row.key) {
            return vec![];
        }
        self.read.set_library_cursor(&row.key, now_ms);
        vec![Effect::SaveState]
    }

    pub(super) fn update_library(&mut self, action: Action, now_ms: u64) -> Vec<Effect> {
        let h = self.library_height();
        let lib = &mut self.library;
        match action {
            a if let Some(d) = nav::delta(a, h.max(1)) => lib.move_by(d, h),
            Action::Open => return self.open_library_row(now_ms),
            Action::Delete => match lib.rows.get(lib.cursor) {
                Some(row) if row.deletable => {
                    self.overlay = Some(Overlay::ConfirmDelete(lib.cursor))
                }
                Some(_) => {
                    self.notice =
                        Some("Only digests in the library folder can be moved to the trash".into())
                }
                None => {}
            },
            // Marking a whole digest read cannot be undone in one key, so it asks first.
            Action::MarkAllRead => match lib.rows.get(lib.cursor) {
                Some(row) if row.error.is_none() => {
                    self.overlay = Some(Overlay::ConfirmMarkDigest(lib.cursor))
                }
                _ => {}
            },
            Action::CycleSort => {
                lib.sort = lib.sort.next();
                lib.recompute(&self.read, h);
                self.notice = Some(format!("Sorted by {}", lib.sort.name()));
            }
            Action::StartFilter => self.edit_library_filter(action),
            a if a.edits_prompt() => self.edit_library_filter(action),
            Action::Back if lib.filter_editing || !lib.filter.is_empty() => {
                self.edit_library_filter(action)
            }
            // Nothing is behind the library: Esc must not end the session, so it says how to.
            Action::Back => {
                self.notice = Some("This is the library; q quits".into());
            }
            _ => {}
        }
        vec![]
    }

    /// `Enter` on the library: opens the row's digest (the Starred screen, the river), or says
    /// why it cannot be read.
    fn open_library_row(&mut self, now_ms: u64) -> Vec<Effect> {
        let lib = &self.library;
        match lib.rows.get(lib.cursor) {
            Some(row) if row.source == Source::Starred => self.request_starred(),
            Some(row) if row.error.is_some() => {
                self.notice = row.error.clone();
                vec![]
            }
            Some(row) => {
                let source = row.source.clone();
                let mut effects = self.remember_cursor(now_ms);
                if source == Source::AllUnread {
                    effects.extend(self.request_river());
                } else {
                    // A jump by `n`/`N` whose digest never arrived must not steer this one.
                    self.arriving = None;
                    effects.push(Effect::Open(source));
                }
                effects
            }
            None => vec![],
        }
    }

    /// A key of the library's filter: start, type, accept, or clear it (`Back`); the rows are
    /// recomputed as it changes.
    fn edit_library_filter(&mut self, action: Action) {
        let h = self.library_height();
        let lib = &mut self.library;
        match action {
            Action::StartFilter => {
                lib.filter_editing = true;
                lib.filter.clear();
                lib.prompt.start();
            }
            Action::FilterAccept => {
                lib.filter_editing = false;
                lib.prompt.remember();
                return;
            }
            Action::Back => {
                lib.filter_editing = false;
                lib.filter.clear();
            }
            // Typing, and the line editor's keys (Ctrl-u, Ctrl-w, arrows, recall), as in the
            // reader's filter.
            _ if lib.filter_editing && lib.prompt.edit(action) => {
                lib.filter = lib.prompt.text.clone();
            }
            _ => return,
        }
        lib.recompute(&self.read, h);
    }
}
