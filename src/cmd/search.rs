//! `newsdeck search QUERY... [--json]`: every article of the library that matches, one per line.

use std::collections::HashMap;
use std::io::Write;

use super::{FAILED, OK, USAGE, with_home};
use crate::format::Digest;
use crate::model::lsearch::WordIndex;
use crate::model::lsearch::query::{Hit, Query, article_date, search};
use crate::sanitize;
use crate::store::load;
use crate::store::paths::Paths;
use crate::store::search_index;
use crate::store::state::StateStore;

/// `newsdeck search`: `digest-path\tarticle-id\tfield\tsnippet` per hit (`--json`: one object per
/// line); 0 with hits, 1 without, 2 for a query that asks nothing or has a bad date.
pub fn run(words: &[String], json: bool, out: &mut impl Write, err: &mut impl Write) -> u8 {
    with_home(err, "cannot search: ", |p, err| {
        search_with(p, words, json, out, err)
    })
}

/// `newsdeck search` with the locations in `p`.
pub fn search_with(
    p: &Paths,
    words: &[String],
    json: bool,
    out: &mut impl Write,
    err: &mut impl Write,
) -> u8 {
    let query = match Query::parse(&words.join(" ")) {
        Ok(q) if !q.is_empty() => q,
        Ok(_) => {
            let _ = writeln!(err, "newsdeck: search: give words or filters to search for");
            return USAGE;
        }
        Err(e) => {
            let _ = writeln!(err, "newsdeck: search: {}", sanitize::line(&e));
            return USAGE;
        }
    };
    let (index, _) = search_index::update(&p.library, &p.search_index_file(), true);
    let read = StateStore::peek(&p.state);
    let hits = search(&index, &query, &read);
    let snippets = search_index::snippets(&index, &hits, &query.words);
    for (hit, snip) in hits.iter().zip(snippets) {
        let line = hit_line(&index, hit, snip, json);
        let _ = writeln!(out, "{line}");
    }
    if hits.is_empty() { FAILED } else { OK }
}

/// Digests loaded for viewpoints (`newsdeck people NAME`), each once.
#[derive(Default)]
pub(crate) struct Bodies(HashMap<usize, Option<Digest>>);

impl Bodies {
    /// Digest `i` of `index`, loaded on first use; `None` if it cannot be read now.
    pub(crate) fn get(&mut self, index: &WordIndex, i: usize) -> Option<&Digest> {
        self.0
            .entry(i)
            .or_insert_with(|| load::load(std::path::Path::new(index.digest(i)?.path())).ok())
            .as_ref()
    }
}

fn hit_line(index: &WordIndex, hit: &Hit, snip: Option<String>, json: bool) -> String {
    let Some(d) = index.digest(hit.digest) else {
        return String::new();
    };
    let headline = d.headline(hit.article);
    let snip = snip.unwrap_or_else(|| headline.to_string());
    let path = sanitize::line(d.path());
    let id = sanitize::line(d.article_id(hit.article));
    let snip = sanitize::line(&snip);
    if json {
        serde_json::json!({
            "digest": path,
            "article": id,
            "field": hit.field.name(),
            "snippet": snip,
            "headline": sanitize::line(headline),
            "title": sanitize::line(d.title()),
            "date": article_date(&d, hit.article),
        })
        .to_string()
    } else {
        // Tabs inside a field would shift the columns; sanitising made them spaces already.
        format!("{path}\t{id}\t{}\t{snip}", hit.field.name())
    }
}
