//! Refreshing subscriptions into the library: each feed downloaded (conditionally), converted,
//! checked by the normal loader, and written atomically under a file name derived from its URL,
//! so a re-fetch replaces the same file. Article ids are stable, so read marks stay.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::{Fetched, Options, Validators, download};
use crate::feed;
use crate::format;
use crate::store::atomic;
use crate::store::subscriptions::{Subscription, Subscriptions};

/// Feeds downloaded at the same time by default: enough to hide latency, few enough to be polite.
pub const DEFAULT_WORKERS: usize = 4;

/// What fetching one feed came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A new version was written to `file`, with `articles` articles.
    Updated {
        /// The library file written.
        file: PathBuf,
        /// How many articles it holds.
        articles: usize,
    },
    /// The server said nothing changed (304).
    Unchanged,
    /// Why it failed; the library file, if any, is as it was.
    Failed(String),
}

/// One subscription's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedOutcome {
    /// The subscription's URL.
    pub url: String,
    /// Its name, else its URL, for messages.
    pub label: String,
    /// What happened.
    pub outcome: Outcome,
}

/// The library file name for a feed URL: `<host>-<16 hex digits>.json`, the same on every fetch.
pub fn file_name_for(url: &str) -> String {
    let host: String = feed::host_of(url)
        .unwrap_or_else(|| "feed".to_string())
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'))
        .take(60)
        .collect();
    let host = host.trim_matches('.');
    let host = if host.is_empty() { "feed" } else { host };
    // FNV-1a, as article identities use: stable across versions and platforms.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in url.trim().bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{host}-{hash:016x}.json")
}

/// Fetches one subscription into `library`; returns the outcome and, on success, the
/// validators to keep.
pub fn fetch_one(
    sub: &Subscription,
    library: &Path,
    options: &Options,
) -> (Outcome, Option<Validators>) {
    let validators = Validators {
        etag: sub.etag.clone(),
        last_modified: sub.last_modified.clone(),
    };
    // Validators only help while the file they describe is still there.
    let file = library.join(file_name_for(&sub.url));
    let validators = if file.is_file() {
        validators
    } else {
        Validators::default()
    };
    match download(&sub.url, &validators, options) {
        Ok(Fetched::Unchanged) => (Outcome::Unchanged, Some(validators)),
        Ok(Fetched::Body(d)) => match to_digest_json(&d.bytes, &d.final_url, sub.label()) {
            Ok((json, articles)) => {
                let written = std::fs::create_dir_all(library)
                    .and_then(|()| atomic::write_atomic(&file, &json));
                match written {
                    Ok(()) => (Outcome::Updated { file, articles }, Some(d.validators)),
                    Err(e) => (
                        Outcome::Failed(format!(
                            "cannot write {}: {}",
                            crate::store::load::display_path(&file),
                            crate::store::load::io_message(&e)
                        )),
                        None,
                    ),
                }
            }
            Err(why) => (Outcome::Failed(why), None),
        },
        Err(e) => (Outcome::Failed(e.to_string()), None),
    }
}

/// A downloaded body as digest JSON, checked by the loader: a feed is converted, a digest kept
/// as it is; anything the loader refuses is an error, so the library never gets a broken file.
fn to_digest_json(bytes: &[u8], url: &str, label: &str) -> Result<(Vec<u8>, usize), String> {
    let json = feed::prepare(bytes.to_vec(), Some(url)).map_err(|e| e.message)?;
    let digest = format::parse(&json, label).map_err(|e| e.to_string())?;
    digest.validate().map_err(|e| e.to_string())?;
    Ok((json, digest.entries.len()))
}

/// A finished feed and the validators to keep for it.
type Done = (FeedOutcome, Option<Validators>);

/// Fetches every subscription, `workers` at a time; one failure does not stop the others.
///
/// Each subscription's validators, fetch time and last error are updated in `subs` (the caller
/// saves it). `on_done` is called from the worker threads as each feed finishes (a progress bar).
pub fn fetch_all(
    subs: &mut Subscriptions,
    library: &Path,
    options: &Options,
    workers: usize,
    on_done: &(dyn Fn(&FeedOutcome) + Sync),
) -> Vec<FeedOutcome> {
    let list: Vec<Subscription> = subs.list().to_vec();
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Done>>> = Mutex::new(vec![None; list.len()]);
    std::thread::scope(|scope| {
        for _ in 0..workers.clamp(1, list.len().max(1)) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(sub) = list.get(i) else { break };
                    let (outcome, validators) = fetch_one(sub, library, options);
                    let done = FeedOutcome {
                        url: sub.url.clone(),
                        label: sub.label().to_string(),
                        outcome,
                    };
                    on_done(&done);
                    if let Ok(mut r) = results.lock() {
                        r[i] = Some((done, validators));
                    }
                }
            });
        }
    });
    let results = results.into_inner().unwrap_or_else(|p| p.into_inner());
    let mut outcomes = Vec::with_capacity(results.len());
    for (done, validators) in results.into_iter().flatten() {
        if let Some(sub) = subs.get_mut(&done.url) {
            match (&done.outcome, validators) {
                (Outcome::Failed(why), _) => sub.last_error = Some(why.clone()),
                (_, Some(v)) => sub.fetched(v.etag, v.last_modified),
                (_, None) => {}
            }
        }
        outcomes.push(done);
    }
    outcomes
}

/// What a background [`refresh`] reports, in order: `Started`, one `Feed` per subscription,
/// then `Finished`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Progress {
    /// The subscription list was read: this many feeds to fetch.
    Started(usize),
    /// One feed finished.
    Feed(FeedOutcome),
    /// All done: the summary line (or why nothing could be fetched).
    Finished(String),
}

/// Fetches every subscription of the library in folder `library` and saves the list, telling
/// `report` as it goes: what the app's `R` runs on a thread of its own.
pub fn refresh(library: &Path, report: &(dyn Fn(Progress) + Sync)) {
    let file = Subscriptions::file_for_library(library);
    let mut subs = match Subscriptions::load(&file) {
        Ok(s) => s,
        Err(e) => return report(Progress::Finished(e)),
    };
    if subs.list().is_empty() {
        return report(Progress::Finished(
            "No subscriptions yet: add one with `newsdeck subscribe URL`".into(),
        ));
    }
    report(Progress::Started(subs.list().len()));
    let outcomes = fetch_all(
        &mut subs,
        library,
        &Options::default(),
        DEFAULT_WORKERS,
        &|done: &FeedOutcome| report(Progress::Feed(done.clone())),
    );
    let mut line = summary(&outcomes);
    if let Err(e) = subs.save() {
        line.push_str(&format!(
            "; cannot save {} ({})",
            crate::store::load::display_path(&file),
            crate::store::load::io_message(&e)
        ));
    }
    report(Progress::Finished(line));
}

/// One line for the end of a fetch: `12 feeds: 10 updated, 1 unchanged, 1 failed: name: why`.
pub fn summary(outcomes: &[FeedOutcome]) -> String {
    let count = |f: fn(&Outcome) -> bool| outcomes.iter().filter(|o| f(&o.outcome)).count();
    let updated = count(|o| matches!(o, Outcome::Updated { .. }));
    let unchanged = count(|o| matches!(o, Outcome::Unchanged));
    let failed: Vec<String> = outcomes
        .iter()
        .filter_map(|o| match &o.outcome {
            Outcome::Failed(why) => Some(format!("{}: {why}", o.label)),
            _ => None,
        })
        .collect();
    let feeds = if outcomes.len() == 1 { "feed" } else { "feeds" };
    let mut line = format!(
        "{} {feeds}: {updated} updated, {unchanged} unchanged, {} failed",
        outcomes.len(),
        failed.len()
    );
    if !failed.is_empty() {
        line.push_str(": ");
        line.push_str(&failed.join("; "));
    }
    crate::sanitize::line(&line).into_owned()
}

#[cfg(test)]
mod tests;
