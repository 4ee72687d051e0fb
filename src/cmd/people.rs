//! `newsdeck people [NAME]`: who said what across the library.

use std::io::Write;

use super::search::Bodies;
use super::{FAILED, OK, with_home};
use crate::model::lsearch::WordIndex;
use crate::model::lsearch::people::{PeopleSort, PersonSummary, find, people};
use crate::model::lsearch::query::article_date;
use crate::sanitize;
use crate::store::paths::Paths;
use crate::store::search_index;

/// `newsdeck people [NAME]`: without NAME `name\troles\tcount\tlast-date` per person; with NAME
/// `date\tdigest\theadline\tviewpoint` per viewpoint, newest first (1 when nobody matches).
pub fn run(name: &[String], sort: PeopleSort, out: &mut impl Write, err: &mut impl Write) -> u8 {
    with_home(err, "cannot list people: ", |p, _| {
        people_with(p, name, sort, out)
    })
}

/// `newsdeck people` with the locations in `p`.
pub fn people_with(p: &Paths, name: &[String], sort: PeopleSort, out: &mut impl Write) -> u8 {
    let (index, _) = search_index::update(&p.library, &p.search_index_file(), true);
    let all = people(&index, sort);
    if name.is_empty() {
        for person in &all {
            let _ = writeln!(
                out,
                "{}\t{}\t{}\t{}",
                sanitize::line(&person.name),
                sanitize::line(&person.roles.join("; ")),
                person.count,
                person.last_date
            );
        }
        return if all.is_empty() { FAILED } else { OK };
    }
    let found = find(&all, &name.join(" "));
    let mut bodies = Bodies::default();
    for person in &found {
        print_viewpoints(&index, person, &mut bodies, out);
    }
    if found.is_empty() { FAILED } else { OK }
}

fn print_viewpoints(
    index: &WordIndex,
    person: &PersonSummary,
    bodies: &mut Bodies,
    out: &mut impl Write,
) {
    for said in &person.viewpoints {
        let Some(d) = index.digest(said.digest) else {
            continue;
        };
        let Some(a) = d.article(said.article) else {
            continue;
        };
        let viewpoint = bodies
            .get(index, said.digest)
            .and_then(|digest| {
                let pos = digest.entries.iter().position(|e| e.id.0 == a.id)?;
                let body = digest.article(pos).ok()?;
                Some(body.commentators.get(said.row)?.viewpoint.clone())
            })
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}",
            article_date(&d, said.article),
            sanitize::line(d.path()),
            sanitize::line(&a.headline),
            sanitize::line(&viewpoint)
        );
    }
}
