//! Who said what: every commentator across the library, matched by folded name.
//!
//! A name field like "Aidan Gomez, Cohere CEO" is the person "Aidan Gomez" with the role
//! "Cohere CEO": digests often put the role in the name.

use std::collections::BTreeMap;

use super::query::{article_date, article_time};
use super::{Person, WordIndex};
use crate::model::fold::name_key;

/// One person across the library.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PersonSummary {
    /// The folded name everything is matched by.
    pub key: String,
    /// The name as most recently written (whitespace collapsed).
    pub name: String,
    /// Every role seen, in the order first seen.
    pub roles: Vec<String>,
    /// How many viewpoints (commentator rows).
    pub count: usize,
    /// The newest date among them (`YYYY-MM-DD`, empty if none is dated).
    pub last_date: String,
    /// The same, for sorting (seconds since 1970).
    pub last_time: Option<i64>,
    /// Every viewpoint, newest first.
    pub viewpoints: Vec<Said>,
}

/// Where a person said something: digest, article and which commentator row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Said {
    /// Index of the digest in [`WordIndex::digests`] order.
    pub digest: usize,
    /// Index of the article in its digest.
    pub article: usize,
    /// Index of the row in the article's commentators.
    pub row: usize,
    /// The article's date, for sorting.
    pub time: Option<i64>,
}

/// How the people list is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PeopleSort {
    /// By name, A to Z.
    #[default]
    Name,
    /// Most viewpoints first.
    Count,
    /// Most recent first.
    Recent,
}

impl PeopleSort {
    /// The next order, for the key that cycles them.
    pub fn next(self) -> PeopleSort {
        match self {
            PeopleSort::Name => PeopleSort::Count,
            PeopleSort::Count => PeopleSort::Recent,
            PeopleSort::Recent => PeopleSort::Name,
        }
    }

    /// The order's name, as a title shows it and `--sort` takes it.
    pub fn name(self) -> &'static str {
        match self {
            PeopleSort::Name => "name",
            PeopleSort::Count => "count",
            PeopleSort::Recent => "recent",
        }
    }
}

/// A name field split into the person's name and a role written after a comma.
pub fn split_name(p: &Person) -> (String, Vec<String>) {
    split_parts(&p.name, p.role.as_deref())
}

/// [`split_name`] of a name field and role field as written.
fn split_parts(name_field: &str, role: Option<&str>) -> (String, Vec<String>) {
    let (name, in_name) = match name_field.split_once(',') {
        Some((n, r)) if !n.trim().is_empty() && !r.trim().is_empty() => (n, Some(r.trim())),
        _ => (name_field, None),
    };
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let roles = in_name
        .into_iter()
        .chain(role.map(str::trim))
        .filter(|r| !r.is_empty())
        .map(|r| r.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    (name, roles)
}

/// Everyone in `index`, sorted by `sort`.
pub fn people(index: &WordIndex, sort: PeopleSort) -> Vec<PersonSummary> {
    let mut by_key: BTreeMap<String, PersonSummary> = BTreeMap::new();
    for (di, d) in index.digests().enumerate() {
        for ai in 0..d.len() {
            let rows = d.people(ai);
            if rows.len() == 0 {
                continue;
            }
            let time = article_time(&d, ai);
            let date = article_date(&d, ai);
            for (row, (name_field, role)) in rows.enumerate() {
                let (name, roles) = split_parts(name_field, role);
                let key = name_key(&name);
                if key.is_empty() {
                    continue;
                }
                let s = by_key.entry(key.clone()).or_insert_with(|| PersonSummary {
                    key,
                    name: name.clone(),
                    ..PersonSummary::default()
                });
                for r in roles {
                    if !s.roles.contains(&r) {
                        s.roles.push(r);
                    }
                }
                s.count += 1;
                if time >= s.last_time || s.last_date.is_empty() {
                    s.last_time = time;
                    s.name = name;
                    if !date.is_empty() {
                        s.last_date = date.clone();
                    }
                }
                s.viewpoints.push(Said {
                    digest: di,
                    article: ai,
                    row,
                    time,
                });
            }
        }
    }
    let mut all: Vec<PersonSummary> = by_key.into_values().collect();
    for p in &mut all {
        // Stable: equal dates keep library order (newest digest first).
        p.viewpoints.sort_by_key(|s| std::cmp::Reverse(s.time));
    }
    sort_people(&mut all, sort);
    all
}

/// Sorts `all` by `sort`; ties by name.
pub fn sort_people(all: &mut [PersonSummary], sort: PeopleSort) {
    all.sort_by(|a, b| {
        let by = match sort {
            PeopleSort::Name => std::cmp::Ordering::Equal,
            PeopleSort::Count => b.count.cmp(&a.count),
            PeopleSort::Recent => b.last_time.cmp(&a.last_time),
        };
        by.then_with(|| a.key.cmp(&b.key))
    });
}

/// The people whose folded name is `name` folded; else those whose name contains it.
pub fn find<'a>(all: &'a [PersonSummary], name: &str) -> Vec<&'a PersonSummary> {
    let key = name_key(
        &split_name(&Person {
            name: name.to_string(),
            role: None,
        })
        .0,
    );
    let exact: Vec<_> = all.iter().filter(|p| p.key == key).collect();
    if !exact.is_empty() {
        return exact;
    }
    all.iter().filter(|p| p.key.contains(&key)).collect()
}
