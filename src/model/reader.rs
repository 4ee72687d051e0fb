//! What the reader shows: focus, the filtered article list and its cursor, the open article and
//! its scroll positions. It changes only through its methods, which `Model` calls: `update` for an
//! action, the others for a new size, new read marks or a built search index.

use std::sync::Arc;

use jiff::tz::TimeZone;
use ratatui::layout::Rect;

use crate::format::Digest;
use crate::format::FormatError;
use crate::layout::{self, article_height, table_height, text_widths};
use crate::model::digest::Article;
use crate::model::digest::{ArticleId, DigestKey};
use crate::model::document::{Document, Table};
use crate::model::find::Find;
use crate::model::nav;
use crate::model::pane::Pane;
use crate::model::prompt::Prompt;
use crate::model::read_state::ReadState;
mod filter;
use crate::model::search::SearchIndex;
use crate::model::undo::Change;
use crate::model::{Effect, Source};
use crate::settings::Settings;
pub use filter::{FilterPass, STEP_WORK};

/// The article shown in the article pane, decoded and laid out for the current width.
#[derive(Debug, Clone)]
pub struct Opened {
    /// Index of the article in the digest.
    pub index: usize,
    /// The decoded article, or why it could not be decoded.
    pub article: Result<Article, FormatError>,
    /// The article text laid out for the article pane.
    pub doc: Document,
    /// The commentator table laid out for its pane (no rows: the article has none).
    pub table: Table,
    /// First visible line of the article text.
    pub scroll: usize,
    /// Selected commentator row.
    pub row: usize,
    /// First visible line of the table body.
    pub table_top: usize,
}

impl Opened {
    /// True when the article has a commentator table to show.
    pub fn has_table(&self) -> bool {
        !self.table.rows.is_empty()
    }
}

/// The reader's state for one open digest.
#[derive(Debug, Clone)]
pub struct Reader {
    /// The digest being read.
    pub digest: Arc<Digest>,
    /// Set when the last action kept `unread` right itself, so the model need not recount.
    pub(crate) counted: bool,
    /// Tells this reader apart from earlier ones, so a late search index is not applied to the
    /// wrong digest.
    pub token: u64,
    /// The filter's search text per article, once built; until then the filter searches headlines
    /// and tags only.
    pub search: Option<Arc<SearchIndex>>,
    /// True while the search text is being built.
    pub search_pending: bool,
    /// The filter pass still under way, if one is: `shown` holds the matches found so far.
    pub filtering: Option<FilterPass>,
    /// How many bytes of text one step of the filter searches: [`STEP_WORK`] (tests set less
    /// to see a pass midway).
    pub filter_work: usize,
    /// Where it came from.
    pub source: Source,
    /// The focused pane.
    pub focus: Pane,
    /// Indices (into `digest.entries`) of the articles the list shows, after filter and unread-only.
    pub shown: Vec<u32>,
    /// Position of the selected article within `shown`.
    pub cursor: usize,
    /// First visible row of the list.
    pub list_top: usize,
    /// The filter text; empty means no filter.
    pub filter: String,
    /// True while the filter is being typed.
    pub filter_editing: bool,
    /// Show only articles that were unread when the view was last computed.
    pub unread_only: bool,
    /// The article in the article pane.
    pub opened: Option<Opened>,
    /// How many of the digest's articles are unread (kept here so a frame need not count them).
    pub unread: usize,
    /// The focused pane fills the screen.
    pub zoom: bool,
    /// The widest the article text runs, in columns.
    pub reading_width: usize,
    /// The time zone dates are shown in.
    pub tz: TimeZone,
    /// The filter being typed (its text is applied to `filter` as it changes).
    pub prompt: Prompt,
    /// The search inside the article being typed.
    pub search_prompt: Prompt,
    /// True while a search inside the article is being typed.
    pub search_editing: bool,
    /// The active search inside the open article: `n`/`N` go to its matches until `Esc`.
    pub find: Option<Find>,
    /// For the "All unread" river: the digest each article really belongs to, by index (empty
    /// for an ordinary digest, whose articles all belong to `digest.key`).
    pub origins: Vec<DigestKey>,
}

/// What `Reader::update` needs from outside the reader.
pub struct Ctx<'a> {
    /// Read marks, shared by every digest.
    pub read: &'a mut ReadState,
    /// The terminal area.
    pub area: Rect,
    /// The time of the action, for read marks.
    pub now_ms: u64,
    /// A one-line message for the status bar.
    pub notice: &'a mut Option<String>,
    /// The user's settings.
    pub settings: &'a Settings,
    /// Read-mark changes made by this update, for undo.
    pub changes: Vec<Change>,
}

impl Ctx<'_> {
    /// Marks an article read or unread, remembering the change for undo. Returns whether the
    /// mark changed.
    pub fn mark(&mut self, digest: &DigestKey, id: &ArticleId, read: bool) -> bool {
        let before = self.read.is_read(digest, id);
        self.read.set(digest, id, read, self.now_ms);
        if before != read {
            self.changes.push(Change {
                digest: digest.clone(),
                id: id.clone(),
                before,
                after: read,
            });
        }
        before != read
    }
}

impl Reader {
    /// Opens a digest with the first article selected.
    pub fn new(digest: Digest, source: Source, area: Rect, token: u64) -> Self {
        let width = usize::from(crate::settings::Settings::default().reading_width);
        Reader::with_typography(digest, source, area, token, (width, TimeZone::UTC))
    }

    /// A reader whose open article is laid out at `reading_width` with dates in `tz` from the
    /// start: laying it out with the defaults first would be work thrown away.
    pub fn with_typography(
        digest: Digest,
        source: Source,
        area: Rect,
        token: u64,
        (reading_width, tz): (usize, TimeZone),
    ) -> Self {
        let shown = (0..digest.entries.len()).map(|i| i as u32).collect();
        let mut r = Reader {
            counted: false,
            digest: Arc::new(digest),
            token,
            search: None,
            search_pending: false,
            filtering: None,
            filter_work: STEP_WORK,
            source,
            focus: Pane::List,
            shown,
            cursor: 0,
            list_top: 0,
            filter: String::new(),
            filter_editing: false,
            unread_only: false,
            opened: None,
            unread: 0,
            zoom: false,
            reading_width,
            tz,
            prompt: Prompt::default(),
            search_prompt: Prompt::default(),
            search_editing: false,
            find: None,
            origins: Vec::new(),
        };
        r.preview(area);
        r
    }

    /// Sets the reading width and the time zone of dates, and lays out the open article again.
    pub fn set_typography(&mut self, reading_width: usize, tz: TimeZone, area: Rect) {
        self.reading_width = reading_width;
        self.tz = tz;
        self.opened = None;
        self.preview(area);
    }

    /// Counts unread articles again after read marks changed.
    pub fn recount(&mut self, read: &ReadState) {
        self.unread = if self.origins.is_empty() {
            read.unread_count(&self.digest.key, self.digest.entries.iter().map(|e| &e.id))
        } else {
            (0..self.digest.entries.len())
                .filter(|&i| !self.is_read(read, i))
                .count()
        };
    }

    /// Index into `digest.entries` of the selected article.
    pub fn selected(&self) -> Option<usize> {
        self.shown.get(self.cursor).map(|&i| i as usize)
    }

    /// The panes for this state in `area`.
    pub fn panes(&self, area: Rect) -> layout::ReaderPanes {
        let opened = self.opened.as_ref();
        let content = layout::Content {
            article_lines: opened.map_or(0, |o| o.doc.lines.len()),
            table_lines: opened
                .filter(|o| o.has_table())
                .map(|o| o.table.screen_lines()),
            zoom: self.zoom,
        };
        layout::reader(area, self.focus, content)
    }

    fn widths(&self, area: Rect) -> (usize, usize) {
        text_widths(area, self.zoom, self.reading_width)
    }

    /// Lays out the open article again if the width changed, and keeps scrolls in range.
    pub fn relayout(&mut self, area: Rect) {
        let (doc_w, table_w) = self.widths(area);
        let tz = &self.tz;
        if let Some(o) = self.opened.as_mut() {
            if o.doc.width != doc_w {
                let before = o.doc.lines.len().max(1);
                o.doc = Document::build_in(&o.article, doc_w, tz);
                // Keep the reader's place: the lines moved, so the same share of the article
                // goes to the top rather than the same line number.
                o.scroll = o.scroll.saturating_mul(o.doc.lines.len()) / before;
            }
            if let Ok(a) = &o.article
                && o.table.width != table_w
            {
                o.table = Table::build(&a.commentators, table_w);
            }
            if let Some(f) = &mut self.find {
                f.redo(&o.doc, &o.table);
            }
        }
        self.clamp(area);
    }

    pub(crate) fn clamp(&mut self, area: Rect) {
        let panes = self.panes(area);
        let list_h = layout::list_height(&panes);
        self.cursor = self.cursor.min(self.shown.len().saturating_sub(1));
        // A hidden list (another pane has a narrow screen) keeps its place; a shown one keeps
        // the cursor in view without leaving rows empty below while rows are hidden above.
        if list_h > 0 {
            let top = nav::keep_visible(self.list_top, self.cursor, list_h);
            self.list_top = nav::clamp_scroll(top, self.shown.len(), list_h);
        }
        let art_h = article_height(&panes);
        let tab_h = table_height(&panes);
        if let Some(o) = &mut self.opened {
            o.scroll = nav::clamp_scroll(o.scroll, o.doc.lines.len(), art_h);
            o.row = o.row.min(o.table.rows.len().saturating_sub(1));
            o.keep_row_visible(tab_h);
            o.table_top = nav::clamp_scroll(o.table_top, o.table.line_count(), tab_h);
        }
        if self.focus == Pane::Commentators && !self.opened.as_ref().is_some_and(Opened::has_table)
        {
            self.focus = Pane::Article;
        }
    }

    /// Shows the selected article in the article pane (decoding it if it is not already there).
    pub(crate) fn preview(&mut self, area: Rect) {
        let Some(index) = self.selected() else {
            self.opened = None;
            return;
        };
        if self.opened.as_ref().is_some_and(|o| o.index == index) {
            return;
        }
        let (doc_w, table_w) = self.widths(area);
        let article = self.digest.article(index);
        let doc = Document::build_in(&article, doc_w, &self.tz);
        let table = article
            .as_ref()
            .map(|a| Table::build(&a.commentators, table_w))
            .unwrap_or_default();
        self.opened = Some(Opened {
            index,
            article,
            doc,
            table,
            scroll: 0,
            row: 0,
            table_top: 0,
        });
        // A search belongs to the article it was typed in.
        self.find = None;
        self.clamp(area);
    }

    /// Puts the cursor on the first unread article, if there is one (else it stays on the first).
    pub fn select_first_unread(&mut self, read: &ReadState, area: Rect) {
        if let Some(pos) = self
            .shown
            .iter()
            .position(|&i| !self.is_read(read, i as usize))
        {
            self.cursor = pos;
            self.preview(area);
            self.clamp(area);
        }
    }

    /// Opens the article whose id is `id` (as `Enter` would: article pane focused, marked read),
    /// showing every article first if a filter hid it; `None` when the digest has no such id.
    pub fn open_id(&mut self, id: &str, ctx: &mut Ctx) -> Option<Vec<Effect>> {
        let index = self.digest.entries.iter().position(|e| e.id.0 == id)?;
        if !self.shown.contains(&(index as u32)) {
            self.filter.clear();
            self.filter_editing = false;
            self.unread_only = false;
            self.refilter(ctx, false);
            self.finish_filter(ctx);
        }
        let pos = self.shown.iter().position(|&i| i as usize == index)?;
        self.focus = Pane::List;
        self.select(pos, ctx);
        Some(self.open_selected(ctx))
    }

    /// Puts the cursor on the article with key `id`; false if it is not in the list shown.
    pub fn select_id(&mut self, id: &ArticleId, area: Rect) -> bool {
        let entries = &self.digest.entries;
        let Some(pos) = self
            .shown
            .iter()
            .position(|&i| entries.get(i as usize).is_some_and(|e| e.id == *id))
        else {
            return false;
        };
        self.cursor = pos;
        self.preview(area);
        self.clamp(area);
        true
    }

    /// Selects the article at `index` of the digest (if shown) with `focus`, as after a reload.
    pub fn select_entry(&mut self, index: usize, focus: Pane, area: Rect) {
        if let Some(pos) = self.shown.iter().position(|&i| i as usize == index) {
            self.cursor = pos;
        }
        self.focus = focus;
        self.preview(area);
        self.clamp(area);
    }

    pub(crate) fn select(&mut self, cursor: usize, ctx: &mut Ctx) {
        self.cursor = cursor.min(self.shown.len().saturating_sub(1));
        // A row chosen now wins over the one a filter pass would select again when found.
        self.forget_kept();
        self.preview(ctx.area);
        self.clamp(ctx.area);
    }

    pub(crate) fn open_selected(&mut self, ctx: &mut Ctx) -> Vec<Effect> {
        let Some(i) = self.selected() else {
            return vec![];
        };
        self.preview(ctx.area);
        self.focus = Pane::Article;
        self.clamp(ctx.area);
        let (key, id) = (self.key_of(i), &self.digest.entries[i].id);
        // Where you were, for the next time this digest opens (a place, not a mark: not undone).
        let mut changed = false;
        if ctx.read.last_opened(key) != Some(id) {
            ctx.read.set_last_opened(key, id, ctx.now_ms);
            changed = true;
        }
        let marked = ctx.mark(key, id, true);
        if marked {
            self.count_mark(i, true);
        }
        if marked || changed {
            vec![Effect::SaveState]
        } else {
            vec![]
        }
    }

    /// Keeps the unread count right after article `i`'s mark flipped to `read`: every article
    /// sharing its identity flipped with it. Comparing ids costs far less than recounting
    /// against the read state, which with 500,000 marks took longer than a frame.
    pub(super) fn count_mark(&mut self, i: usize, read: bool) {
        let (id, key) = (&self.digest.entries[i].id, self.key_of(i));
        // In the river the same id can stand for articles of different digests.
        let n = (0..self.digest.entries.len())
            .filter(|&j| self.digest.entries[j].id == *id && self.key_of(j) == key)
            .count();
        self.counted = true;
        self.unread = if read {
            self.unread.saturating_sub(n)
        } else {
            self.unread + n
        };
    }
}
