//! The strings the filter's index searches in an article beyond its list fields, found in place
//! in the digest's text where their JSON has no escapes.

use std::ops::Range;

use serde::Deserialize;
use serde_json::value::RawValue;

#[derive(Deserialize)]
struct SearchWire<'a> {
    #[serde(borrow)]
    summary: Option<&'a RawValue>,
    #[serde(borrow)]
    context: Option<Vec<&'a RawValue>>,
    #[serde(borrow)]
    sections: Option<Vec<SectionRawWire<'a>>>,
    #[serde(borrow)]
    commentators: Option<Vec<CommentatorRawWire<'a>>>,
}

#[derive(Deserialize)]
struct SectionRawWire<'a> {
    #[serde(borrow)]
    heading: Option<&'a RawValue>,
    #[serde(borrow)]
    bullets: Option<Vec<&'a RawValue>>,
}

#[derive(Deserialize)]
struct CommentatorRawWire<'a> {
    #[serde(borrow)]
    name: Option<&'a RawValue>,
    #[serde(borrow)]
    role: Option<&'a RawValue>,
    #[serde(borrow)]
    viewpoint: Option<&'a RawValue>,
}

/// The searchable strings of the article at `span` beyond its list fields (summary, context
/// bullets, section headings and bullets, commentator names, roles and viewpoints), for the
/// filter's index: the byte range of each string's text when its JSON has no escapes (so it can
/// be searched in place), else the decoded string. Anything that is not a string is left out.
pub(crate) fn search_strings(text: &str, span: Range<usize>) -> Vec<Result<Range<usize>, String>> {
    let Some(Ok(wire)) = text.get(span).map(serde_json::from_str::<SearchWire>) else {
        return Vec::new();
    };
    let context = wire.context.into_iter().flatten();
    let sections = wire
        .sections
        .into_iter()
        .flatten()
        .flat_map(|s| s.heading.into_iter().chain(s.bullets.into_iter().flatten()));
    let commentators = wire
        .commentators
        .into_iter()
        .flatten()
        .flat_map(|c| c.name.into_iter().chain(c.role).chain(c.viewpoint));
    wire.summary
        .into_iter()
        .chain(context)
        .chain(sections)
        .chain(commentators)
        .filter_map(|raw| {
            let json = raw.get();
            if !json.starts_with('"') {
                return None;
            }
            if json.contains('\\') {
                return serde_json::from_str::<String>(json).ok().map(Err);
            }
            let start = json.as_ptr() as usize - text.as_ptr() as usize + 1;
            Some(Ok(start..start + json.len() - 2))
        })
        .collect()
}
