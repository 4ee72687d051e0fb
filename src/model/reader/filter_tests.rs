//! The filter pass: whatever the steps, the list ends as a one-shot filter would leave it.

use ratatui::layout::Rect;

use super::*;
use crate::action::Action;
use crate::model::read_state::ReadState;
use crate::model::{Library, Model, Source};

const AREA: Rect = Rect::new(0, 0, 120, 30);

/// A reader on a generated digest (about 4.5 KB of text an article) with its search index, its
/// filter stepping `work` bytes at a time.
fn model(articles: usize, work: usize) -> Model {
    let bytes = crate::synth::digest(articles, 7);
    let digest = crate::format::parse(&bytes, "t").expect("synthetic digest parses");
    let mut m = Model::new(Library::default(), ReadState::default(), AREA);
    m.show_digest(digest, Source::Bundled);
    let r = m.reader.as_mut().expect("reader");
    r.filter_work = work;
    let (token, index) = (r.token, Arc::new(SearchIndex::build(&r.digest)));
    m.set_search_index(token, index);
    m
}

fn reader(m: &Model) -> &Reader {
    m.reader.as_ref().expect("reader")
}

/// What filtering every article at once with `query` shows.
fn one_shot(m: &Model, query: &str) -> Vec<u32> {
    let r = reader(m);
    let needle = crate::fold::fold(query, true);
    let terms: Vec<&str> = needle.split_whitespace().collect();
    let index = r.search.as_deref().expect("index");
    (0..r.digest.entries.len())
        .filter(|&i| index.matches(&r.digest, i, &terms))
        .map(|i| i as u32)
        .collect()
}

fn type_text(m: &mut Model, text: &str) {
    for c in text.chars() {
        m.update(Action::FilterChar(c), 1);
    }
}

/// Runs the pending pass to its end one step at a time; returns how many steps it took.
fn run(m: &mut Model) -> usize {
    let mut steps = 0;
    while m.filter_pending() {
        m.continue_filter();
        steps += 1;
        assert!(steps < 1_000_000, "the pass never ends");
    }
    steps
}

/// A small deterministic random source (xorshift), so a failure repeats.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

/// A query made of pieces of the digest's own text, sometimes accented differently or with a
/// letter no article has.
fn query(m: &Model, rng: &mut Rng) -> String {
    let r = reader(m);
    let mut q = String::new();
    for _ in 0..1 + rng.below(2) {
        let e = &r.digest.entries[rng.below(r.digest.entries.len())];
        let words: Vec<&str> = e.headline().split_whitespace().collect();
        let w: Vec<char> = words[rng.below(words.len())].chars().collect();
        let from = rng.below(w.len());
        let to = from + 1 + rng.below(w.len() - from);
        if !q.is_empty() {
            q.push(' ');
        }
        q.extend(&w[from..to]);
    }
    match rng.below(6) {
        0 => q.push('x'),
        1 => q = q.to_uppercase(),
        2 => q.push_str(" zurich"),
        _ => {}
    }
    q
}

#[test]
fn random_queries_end_as_a_one_shot_filter_whatever_the_steps() {
    let mut m = model(60, 3_000);
    m.update(Action::StartFilter, 1);
    let mut rng = Rng(0x5eed);
    for _ in 0..40 {
        let q = query(&m, &mut rng);
        // Typed a character at a time, with a random number of steps between keys: every key
        // after the first narrows, often while the pass of the key before is still midway.
        m.update(Action::PromptClear, 1);
        for c in q.chars() {
            m.update(Action::FilterChar(c), 1);
            for _ in 0..rng.below(3) {
                m.continue_filter();
            }
            // Midway, the list holds only real matches, in digest order.
            let so_far = &reader(&m).shown;
            let want = one_shot(&m, &reader(&m).filter.clone());
            assert!(
                so_far.iter().all(|i| want.binary_search(i).is_ok()),
                "{q:?}"
            );
            assert!(so_far.windows(2).all(|w| w[0] < w[1]));
        }
        if rng.below(2) == 0 {
            // A backspace widens the filter: a new pass over every article.
            m.update(Action::FilterBackspace, 1);
        }
        run(&mut m);
        let typed = reader(&m).filter.clone();
        assert_eq!(reader(&m).shown, one_shot(&m, &typed), "query {typed:?}");
    }
}

#[test]
fn a_keystroke_searches_a_bounded_amount_of_text() {
    // 60 articles of about 4.5 KB each: a letter no article has must search all of it.
    let mut m = model(60, 20_000);
    m.update(Action::StartFilter, 1);
    type_text(&mut m, "x");
    let r = reader(&m);
    let (done, total) = r.filtering.as_ref().expect("still filtering").progress();
    assert!(done > 0 && done < total, "{done} of {total}");
    assert!(r.shown.is_empty());
    assert_eq!(
        r.empty_list(),
        Some(crate::model::scope::EmptyList::Filtering)
    );
    let steps = run(&mut m);
    assert!(steps >= 5, "{steps} steps");
    let r = reader(&m);
    assert!(r.shown.is_empty() && r.filtering.is_none());
    assert!(matches!(
        r.empty_list(),
        Some(crate::model::scope::EmptyList::NoMatch { .. })
    ));
}

/// Selects the 41st article and types a word of its own headline as the filter, so it matches
/// late in the pass; returns the model (pass pending) and the article.
fn filter_by_the_selected_headline() -> (Model, usize) {
    let mut m = model(60, 3_000);
    for _ in 0..40 {
        m.update(Action::Down, 1);
    }
    let kept = reader(&m).selected().expect("selected");
    let word = reader(&m).digest.entries[kept]
        .headline()
        .split_whitespace()
        .next()
        .expect("a word")
        .to_lowercase();
    m.update(Action::StartFilter, 1);
    type_text(&mut m, &word);
    assert!(m.filter_pending());
    (m, kept)
}

#[test]
fn the_selected_article_stays_selected_once_it_is_found() {
    let (mut m, kept) = filter_by_the_selected_headline();
    run(&mut m);
    assert_eq!(reader(&m).selected(), Some(kept));
    assert_eq!(reader(&m).opened.as_ref().map(|o| o.index), Some(kept));
    // Clearing the filter keeps it too.
    m.update(Action::Back, 1);
    assert_eq!(reader(&m).selected(), Some(kept));
}

#[test]
fn moving_during_a_pass_is_not_undone_when_the_old_selection_is_found() {
    let (mut m, kept) = filter_by_the_selected_headline();
    m.update(Action::FilterAccept, 1);
    assert!(m.filter_pending());
    // The user picks a row among the matches so far; the pass must not take it back.
    m.update(Action::Down, 1);
    let chosen = reader(&m).selected();
    run(&mut m);
    assert_eq!(reader(&m).selected(), chosen);
    assert_ne!(chosen, Some(kept));
}

#[test]
fn esc_cancels_a_pass_midway() {
    let mut m = model(60, 3_000);
    m.update(Action::Down, 1);
    m.update(Action::StartFilter, 1);
    type_text(&mut m, "x");
    assert!(m.filter_pending());
    m.update(Action::Back, 1);
    let r = reader(&m);
    assert!(r.filtering.is_none() && r.filter.is_empty());
    assert_eq!(r.shown.len(), 60);
    assert_eq!(r.selected(), Some(1));
}

#[test]
fn keys_that_need_the_whole_list_finish_the_pass_first() {
    let mut m = model(60, 3_000);
    m.update(Action::StartFilter, 1);
    type_text(&mut m, "a");
    m.update(Action::FilterAccept, 1);
    assert!(m.filter_pending());
    m.update(Action::MarkAllRead, 1);
    assert!(!m.filter_pending());
    assert_eq!(reader(&m).shown, one_shot(&m, "a"));
}
