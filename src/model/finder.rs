//! The library-wide overlays: search (`S`) and People (`P`). Pure: they work on the search index
//! the app loads in the background ([`crate::model::lsearch::WordIndex`], handed over with
//! [`crate::model::Model::set_word_index`]) and ask the app to open an article with
//! [`Effect::OpenAt`](crate::model::Effect::OpenAt).
//!
//! Both are a query line over a list: while the line is edited, keys type into it and the list
//! follows every keystroke (searched in memory); Enter leaves the line for the list, where j/k
//! move and Enter opens. People has a second level: Enter on a person lists their viewpoints.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::model::digest::ArticleId;
use crate::model::fold::name_key;
use crate::model::lsearch::WordIndex;
use crate::model::lsearch::people::{PeopleSort, PersonSummary, people, sort_people, split_name};
use crate::model::lsearch::query::{Hit, Query, article_date, search};
use crate::model::lsearch::{Field, IndexedArticle};
use crate::model::prompt::Prompt;
use crate::model::read_state::ReadState;

/// The most results a search lists: typing stays fast in a huge library.
pub const MAX_RESULTS: usize = 500;

/// Which overlay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FinderKind {
    /// Library search.
    Search,
    /// People.
    People,
}

/// One row of the list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FinderRow {
    /// The date, `YYYY-MM-DD` or empty.
    pub date: String,
    /// The first column: a digest's title, or a person's name.
    pub title: String,
    /// The second: a headline, or a person's roles.
    pub text: String,
    /// The third: a snippet, a count, or a viewpoint's role.
    pub detail: String,
    /// The article Enter opens, if the row is one: its digest file and key.
    pub target: Option<(PathBuf, ArticleId)>,
}

/// The state of an open search or People overlay.
#[derive(Debug, Clone, Default)]
pub struct Finder {
    /// Which overlay.
    pub kind: Option<FinderKind>,
    /// The query (search) or the name filter (People).
    pub query: String,
    /// Whether keys type into the query.
    pub editing: bool,
    /// The query's line editor (cursor, recall); `query` follows its text.
    pub prompt: Prompt,
    /// The rows shown.
    pub rows: Vec<FinderRow>,
    /// The selected row.
    pub cursor: usize,
    /// Why the query cannot run (a bad date), shown instead of rows.
    pub error: Option<String>,
    /// People's order.
    pub sort: PeopleSort,
    /// The person whose viewpoints are listed (People's second level), by name.
    pub person: Option<String>,
    /// Everyone, in `sort` order, once the index is in.
    people: Vec<PersonSummary>,
    /// The index, once loaded.
    index: Option<Arc<WordIndex>>,
    /// Search: the hit behind each row, for its snippet.
    hits: Vec<Hit>,
    /// Search: the query's words, which snippets are cut around.
    words: Vec<String>,
    /// Search: which rows' snippets were asked for since the rows were last listed.
    asked: Vec<bool>,
    /// Counts listings, so that snippets cut for an older one are dropped.
    generation: u64,
    /// The current listing's number, shared with the snippet jobs: a job for an older listing
    /// stops reading digests.
    latest: Arc<AtomicU64>,
}

/// The snippets to cut for some of the search overlay's rows: the work scales with the rows
/// shown, never with the library.
#[derive(Debug, Clone)]
pub struct SnippetJob {
    /// The listing the rows belong to.
    pub generation: u64,
    /// The index the hits point into.
    pub index: Arc<WordIndex>,
    /// Each row and its hit.
    pub rows: Vec<(usize, Hit)>,
    /// The query's words.
    pub words: Vec<String>,
    /// The overlay's current listing number (see [`SnippetJob::stale`]).
    pub latest: Arc<AtomicU64>,
}

impl SnippetJob {
    /// Whether the overlay has listed other rows since (typing went on): the job can stop.
    pub fn stale(&self) -> bool {
        self.latest.load(Ordering::Relaxed) != self.generation
    }
}

impl PartialEq for SnippetJob {
    fn eq(&self, other: &SnippetJob) -> bool {
        self.generation == other.generation
            && self.rows == other.rows
            && self.words == other.words
            && Arc::ptr_eq(&self.index, &other.index)
    }
}

impl Eq for SnippetJob {}

/// Snippets cut for a [`SnippetJob`]: (row, snippet) for each row whose snippet was found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snippets {
    /// The listing the rows belong to.
    pub generation: u64,
    /// Each row and its snippet (not sanitised).
    pub rows: Vec<(usize, String)>,
}

impl Finder {
    /// A new overlay of `kind`; the search one starts typing, People starts on its list.
    pub fn new(kind: FinderKind, index: Option<Arc<WordIndex>>, read: &ReadState) -> Finder {
        let mut f = Finder {
            kind: Some(kind),
            editing: kind == FinderKind::Search,
            ..Finder::default()
        };
        f.set_index(index, read);
        f
    }

    /// Whether the index is still loading.
    pub fn loading(&self) -> bool {
        self.index.is_none()
    }

    /// Takes the loaded index and lists what it finds.
    pub fn set_index(&mut self, index: Option<Arc<WordIndex>>, read: &ReadState) {
        self.index = index;
        if let Some(i) = &self.index {
            self.people = people(i, self.sort);
        }
        self.refresh(read);
    }

    /// Cycles People's order.
    pub fn cycle_sort(&mut self, read: &ReadState) {
        self.sort = self.sort.next();
        sort_people(&mut self.people, self.sort);
        self.refresh(read);
    }

    /// Lists the rows for the current query, person and order.
    pub fn refresh(&mut self, read: &ReadState) {
        self.error = None;
        self.generation += 1;
        self.latest.store(self.generation, Ordering::Relaxed);
        self.hits.clear();
        self.asked.clear();
        let Some(index) = self.index.clone() else {
            self.rows.clear();
            return;
        };
        self.rows = match (self.kind, &self.person) {
            (Some(FinderKind::Search), _) => self.search_rows(&index, read),
            (Some(FinderKind::People), None) => self.people_rows(),
            (Some(FinderKind::People), Some(name)) => self.viewpoint_rows(&index, name),
            (None, _) => Vec::new(),
        };
        self.cursor = self.cursor.min(self.rows.len().saturating_sub(1));
    }

    fn search_rows(&mut self, index: &WordIndex, read: &ReadState) -> Vec<FinderRow> {
        let q = match Query::parse(&self.query) {
            Ok(q) if !q.is_empty() => q,
            Ok(_) => return Vec::new(),
            Err(e) => {
                self.error = Some(e);
                return Vec::new();
            }
        };
        let mut hits = search(index, &q, read);
        hits.truncate(MAX_RESULTS);
        let rows: Vec<FinderRow> = hits
            .iter()
            .filter_map(|h| search_row(index, h, &q))
            .collect();
        // A row is dropped only if its hit points nowhere, which a checked index never does;
        // rows and hits stay parallel either way.
        if rows.len() == hits.len() {
            self.asked = vec![false; hits.len()];
            self.hits = hits;
            self.words = q.words;
        }
        rows
    }

    /// The snippets still to cut for the page of `page` rows that holds the cursor: rows whose
    /// match is in a long field (summary, context, sections, viewpoints) the index does not keep.
    pub fn snippet_job(&mut self, page: usize) -> Option<SnippetJob> {
        let index = self.index.clone()?;
        let page = page.max(1);
        let top = (self.cursor / page) * page;
        let mut rows = Vec::new();
        for i in top..(top + page).min(self.hits.len()) {
            let (Some(hit), Some(asked)) = (self.hits.get(i), self.asked.get_mut(i)) else {
                continue;
            };
            if !*asked && long_field(hit.field) {
                *asked = true;
                rows.push((i, *hit));
            }
        }
        (!rows.is_empty()).then(|| SnippetJob {
            generation: self.generation,
            index,
            rows,
            words: self.words.clone(),
            latest: Arc::clone(&self.latest),
        })
    }

    /// Takes in snippets cut for the current listing (those of an older one are dropped).
    pub fn set_snippets(&mut self, snippets: Snippets) {
        if snippets.generation != self.generation {
            return;
        }
        for (i, text) in snippets.rows {
            if let (Some(row), Some(hit)) = (self.rows.get_mut(i), self.hits.get(i)) {
                row.detail = format!("{}: {text}", hit.field.name());
            }
        }
    }

    fn people_rows(&self) -> Vec<FinderRow> {
        let filter = name_key(&self.query);
        self.people
            .iter()
            .filter(|p| p.key.contains(&filter))
            .map(|p| FinderRow {
                date: p.last_date.clone(),
                title: p.name.clone(),
                text: p.roles.join("; "),
                detail: format!(
                    "{} viewpoint{}",
                    p.count,
                    if p.count == 1 { "" } else { "s" }
                ),
                target: None,
            })
            .collect()
    }

    fn viewpoint_rows(&self, index: &WordIndex, name: &str) -> Vec<FinderRow> {
        let Some(p) = self.people.iter().find(|p| p.name == name) else {
            return Vec::new();
        };
        p.viewpoints
            .iter()
            .filter_map(|s| {
                let d = index.digest(s.digest)?;
                let a = d.article(s.article)?;
                let roles = a
                    .people
                    .get(s.row)
                    .map(|c| split_name(c).1)
                    .unwrap_or_default();
                Some(FinderRow {
                    date: article_date(&d, s.article),
                    title: d.title().to_string(),
                    text: a.headline.clone(),
                    detail: roles.join("; "),
                    target: Some((PathBuf::from(d.path()), ArticleId(a.id.as_str().into()))),
                })
            })
            .collect()
    }

    /// Enter on the list: the article to open, or (People) the person to list.
    pub fn enter(&mut self, read: &ReadState) -> Option<(PathBuf, ArticleId)> {
        let row = self.rows.get(self.cursor)?.clone();
        if row.target.is_some() {
            return row.target;
        }
        if self.kind == Some(FinderKind::People) && self.person.is_none() {
            self.person = Some(row.title);
            self.cursor = 0;
            self.refresh(read);
        }
        None
    }

    /// Back: from a person to everyone; else `false` (the overlay closes).
    pub fn back(&mut self, read: &ReadState) -> bool {
        match self.person.take() {
            Some(name) => {
                self.refresh(read);
                self.cursor = self.rows.iter().position(|r| r.title == name).unwrap_or(0);
                true
            }
            None => false,
        }
    }

    /// Moves the cursor by `delta` rows, clamped.
    pub fn move_by(&mut self, delta: isize) {
        let last = self.rows.len().saturating_sub(1);
        self.cursor = self.cursor.saturating_add_signed(delta).min(last);
    }
}

/// Whether a field's text is left out of the index (its snippet is cut from the digest).
fn long_field(field: Field) -> bool {
    matches!(
        field,
        Field::Summary | Field::Context | Field::Sections | Field::Viewpoint
    )
}

/// A search hit as a row: what matched is shown from the fields the index keeps.
fn search_row(index: &WordIndex, h: &Hit, q: &Query) -> Option<FinderRow> {
    let d = index.digest(h.digest)?;
    let a = d.article(h.article)?;
    Some(FinderRow {
        date: article_date(&d, h.article),
        title: d.title().to_string(),
        text: a.headline.clone(),
        detail: detail(&a, h.field, q),
        target: Some((PathBuf::from(d.path()), ArticleId(a.id.as_str().into()))),
    })
}

/// The matching text where the index has it (names, roles, tags, source); the field's name for
/// the long fields until their snippet is cut from the digest ([`Finder::snippet_job`]).
fn detail(a: &IndexedArticle, field: Field, q: &Query) -> String {
    let matching = |s: &str| {
        let f = crate::model::fold::fold(s);
        q.words.iter().any(|w| f.contains(w.as_str()))
            || q.persons.iter().any(|p| f.contains(p.as_str()))
            || q.tags.contains(&f)
    };
    let found = match field {
        Field::Name => a
            .people
            .iter()
            .map(|p| p.name.clone())
            .find(|n| matching(n)),
        Field::Role => a
            .people
            .iter()
            .filter_map(|p| p.role.clone())
            .find(|r| matching(r)),
        Field::Tags => a.tags.iter().find(|t| matching(t)).cloned(),
        Field::Source => a.source.clone(),
        _ => None,
    };
    match found {
        Some(text) => format!("{}: {text}", field.name()),
        None if field == Field::Headline => String::new(),
        None => format!("in {}", field.name()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::lsearch::IndexedDigest;

    fn finder(query: &str) -> Finder {
        let digests: Vec<IndexedDigest> = (0..4)
            .map(|i| {
                let d = crate::format::parse(&crate::synth::digest(30, i + 1), "d").unwrap();
                IndexedDigest::build(format!("/lib/{i}.json"), &d)
            })
            .collect();
        let index = Arc::new(WordIndex::from_digests(&digests));
        let read = ReadState::new();
        let mut f = Finder::new(FinderKind::Search, Some(index), &read);
        f.query = query.into();
        f.refresh(&read);
        f
    }

    #[test]
    fn snippets_are_asked_for_the_shown_page_only_and_older_ones_are_dropped() {
        // Words of the synthetic text that headlines rarely hold: most hits are in long fields.
        let mut f = finder("zürich rust");
        assert!(f.rows.len() > 20, "{}", f.rows.len());
        let job = f.snippet_job(5).unwrap();
        assert!(
            !job.rows.is_empty() && job.rows.iter().all(|(i, h)| *i < 5 && long_field(h.field))
        );
        // Asked once per listing.
        assert_eq!(f.snippet_job(5), None);
        // The next page is asked for when the cursor gets there.
        f.move_by(7);
        let next = f.snippet_job(5).unwrap();
        assert!(next.rows.iter().all(|(i, _)| (5..10).contains(i)));
        let (row, hit) = job.rows[0];
        let cut = Snippets {
            generation: job.generation,
            rows: vec![(row, "…rust in Zürich…".into())],
        };
        // A cut for an older listing (the query changed since) is dropped, and its job knows
        // it can stop.
        assert!(!job.stale());
        f.refresh(&ReadState::new());
        assert!(job.stale());
        f.set_snippets(cut.clone());
        assert!(!f.rows[row].detail.contains("Zürich"));
        let cut = Snippets {
            generation: f.generation,
            ..cut
        };
        f.set_snippets(cut);
        assert_eq!(
            f.rows[row].detail,
            format!("{}: …rust in Zürich…", hit.field.name())
        );
    }
}
