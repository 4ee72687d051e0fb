//! OPML subscription lists (what newsboat, Thunderbird and most feed readers export): read into
//! (URL, name) pairs and written back. The `opml` crate parses and writes the XML.

use std::borrow::Cow;

use opml::{OPML, Outline};

use super::FeedError;

/// One feed in an OPML list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpmlFeed {
    /// The feed's URL (`xmlUrl`).
    pub url: String,
    /// Its name (`title`, else `text`), if it has one.
    pub name: Option<String>,
}

/// The feeds of an OPML document, folders flattened, in document order, each URL once.
pub fn import(bytes: &[u8]) -> Result<Vec<OpmlFeed>, FeedError> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(body).map_err(|e| {
        FeedError::new(format!(
            "invalid UTF-8 at byte offset {}: newsdeck reads UTF-8 OPML files",
            e.valid_up_to() + (bytes.len() - body.len())
        ))
    })?;
    let text = canonical_attributes(text);
    let doc = match OPML::from_str(&text) {
        Ok(doc) => doc,
        // An OPML file with nothing in it is an empty list, not a broken file.
        Err(opml::Error::BodyHasNoOutlines) => return Ok(Vec::new()),
        Err(opml::Error::XmlError(e)) => {
            return Err(FeedError::new(format!("not a readable OPML file: {e}")));
        }
        Err(e) => return Err(FeedError::new(format!("not a readable OPML file: {e}"))),
    };
    let mut feeds = Vec::new();
    collect(&doc.body.outlines, &mut feeds);
    Ok(feeds)
}

fn collect(outlines: &[Outline], feeds: &mut Vec<OpmlFeed>) {
    for o in outlines {
        if let Some(url) = o
            .xml_url
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())
            && !feeds.iter().any(|f| f.url == url)
        {
            let name = [o.title.as_deref(), Some(o.text.as_str())]
                .into_iter()
                .flatten()
                .map(str::trim)
                .find(|n| !n.is_empty())
                .map(str::to_string);
            feeds.push(OpmlFeed {
                url: url.to_string(),
                name,
            });
        }
        collect(&o.outlines, feeds);
    }
}

/// The outline attributes newsdeck reads or the `opml` crate knows, as OPML spells them.
const ATTRIBUTES: &[&str] = &[
    "text",
    "title",
    "type",
    "xmlUrl",
    "htmlUrl",
    "url",
    "description",
    "language",
    "version",
    "created",
    "category",
    "isComment",
    "isBreakpoint",
];

/// `text` with the attribute names of `<outline>` tags spelled as OPML spells them: readers in
/// the wild write `xmlURL`, `XMLURL`, `Title` or `TEXT`, which the `opml` crate would not see.
fn canonical_attributes(text: &str) -> Cow<'_, str> {
    let mut out: Option<String> = None;
    let mut at = 0;
    for (start, _) in text.match_indices('<') {
        let tag = &text[start + 1..];
        let is_outline = tag.len() > 7
            && tag.as_bytes()[..7].eq_ignore_ascii_case(b"outline")
            && matches!(
                tag.as_bytes()[7],
                b' ' | b'\t' | b'\n' | b'\r' | b'/' | b'>'
            );
        if !is_outline || start < at {
            continue;
        }
        for (name_start, name) in attribute_names(tag) {
            let Some(canonical) = ATTRIBUTES
                .iter()
                .find(|a| a.eq_ignore_ascii_case(name) && **a != name)
            else {
                continue;
            };
            let from = start + 1 + name_start;
            let buf = out.get_or_insert_with(|| String::with_capacity(text.len()));
            buf.push_str(&text[at..from]);
            buf.push_str(canonical);
            at = from + name.len();
        }
    }
    match out {
        Some(mut buf) => {
            buf.push_str(&text[at..]);
            Cow::Owned(buf)
        }
        None => Cow::Borrowed(text),
    }
}

/// The attribute names of the tag that starts `tag` (after its `<`), with their offsets, up to
/// the tag's `>`; quoted values are skipped, so a `>` or `name=` inside one does not count.
fn attribute_names(tag: &str) -> Vec<(usize, &str)> {
    let bytes = tag.as_bytes();
    let mut names = Vec::new();
    // Past the element name.
    let mut i = bytes
        .iter()
        .position(|b| b.is_ascii_whitespace() || *b == b'/' || *b == b'>')
        .unwrap_or(bytes.len());
    while i < bytes.len() && bytes[i] != b'>' {
        match bytes[i] {
            b'"' | b'\'' => {
                let quote = bytes[i];
                i += 1 + bytes[i + 1..]
                    .iter()
                    .position(|b| *b == quote)
                    .map_or(bytes.len(), |p| p + 1);
            }
            b if b.is_ascii_alphabetic() => {
                let len = bytes[i..]
                    .iter()
                    .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b':')))
                    .unwrap_or(bytes.len() - i);
                names.push((i, &tag[i..i + len]));
                i += len;
            }
            _ => i += 1,
        }
    }
    names
}

/// An OPML 2.0 document listing `feeds`, titled `title`.
pub fn export(feeds: &[OpmlFeed], title: &str) -> Result<String, FeedError> {
    let mut doc = OPML::default();
    doc.head.get_or_insert_with(Default::default).title = Some(title.to_string());
    for f in feeds {
        let name = f.name.clone().unwrap_or_else(|| f.url.clone());
        doc.body.outlines.push(Outline {
            text: name.clone(),
            title: Some(name),
            r#type: Some("rss".to_string()),
            xml_url: Some(f.url.clone()),
            ..Outline::default()
        });
    }
    let xml = doc
        .to_string()
        .map_err(|e| FeedError::new(format!("cannot write OPML: {e}")))?;
    Ok(format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{xml}\n"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const NEWSBOAT: &str = r#"<?xml version="1.0"?>
<opml version="1.0">
  <head><title>newsboat - Exported Feeds</title></head>
  <body>
    <outline type="rss" xmlUrl="https://chips.example.org/feed.xml" htmlUrl="https://chips.example.org/" title="Chips &amp; Compilers"/>
    <outline text="Tech">
      <outline text="Ops Notes" xmlUrl="https://ops.example.com/atom.xml"/>
      <outline text="Deeper">
        <outline text="Tiny" xmlUrl="https://tiny.example.dev/feed.json"/>
      </outline>
      <outline text="dup" xmlUrl="https://ops.example.com/atom.xml"/>
    </outline>
    <outline text="no url, a folder only"/>
  </body>
</opml>"#;

    #[test]
    fn nested_outlines_flatten_to_feeds() {
        let feeds = import(NEWSBOAT.as_bytes()).unwrap();
        let got: Vec<(&str, Option<&str>)> = feeds
            .iter()
            .map(|f| (f.url.as_str(), f.name.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "https://chips.example.org/feed.xml",
                    Some("Chips & Compilers")
                ),
                ("https://ops.example.com/atom.xml", Some("Ops Notes")),
                ("https://tiny.example.dev/feed.json", Some("Tiny")),
            ]
        );
    }

    #[test]
    fn export_then_import_round_trips_with_escaping() {
        let feeds = vec![
            OpmlFeed {
                url: "https://x.test/feed?a=1&b=<2>".into(),
                name: Some("Quotes \" & <angles> 'here'".into()),
            },
            OpmlFeed {
                url: "https://y.test/rss".into(),
                name: None,
            },
        ];
        let xml = export(&feeds, "newsdeck subscriptions").unwrap();
        assert!(xml.starts_with("<?xml"), "{xml}");
        assert!(xml.contains("&amp;") && !xml.contains("<2>"), "{xml}");
        let back = import(xml.as_bytes()).unwrap();
        assert_eq!(back[0], feeds[0]);
        assert_eq!(back[1].url, feeds[1].url);
        assert_eq!(back[1].name.as_deref(), Some("https://y.test/rss"));
    }

    #[test]
    fn attribute_names_are_read_in_any_case() {
        let doc = r#"<opml version="1.0"><body>
            <outline TEXT="Upper" XMLURL="https://a.test/feed"/>
            <outline Title="Mixed" xmlURL="https://b.test/feed" HTMLURL="https://b.test/"/>
            <outline text='q "xmlurl=" >' xmlUrl="https://c.test/feed?x=1&amp;XMLURL=2"/>
            <outline title="Plain" xmlUrl="https://d.test/feed"/>
        </body></opml>"#;
        let feeds = import(doc.as_bytes()).unwrap();
        let got: Vec<(&str, Option<&str>)> = feeds
            .iter()
            .map(|f| (f.url.as_str(), f.name.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("https://a.test/feed", Some("Upper")),
                ("https://b.test/feed", Some("Mixed")),
                // Names inside quoted values are left alone.
                ("https://c.test/feed?x=1&XMLURL=2", Some("q \"xmlurl=\" >")),
                ("https://d.test/feed", Some("Plain")),
            ]
        );
        assert_eq!(
            canonical_attributes("<outline xmlUrl=\"x\"/>"),
            "<outline xmlUrl=\"x\"/>"
        );
    }

    #[test]
    fn empty_and_broken_files() {
        assert!(
            import(br#"<opml version="2.0"><head/><body/></opml>"#)
                .unwrap()
                .is_empty()
        );
        assert!(export(&[], "t").unwrap().contains("<body"));
        let e = import(b"<opml version=\"2.0\"><body><outline").unwrap_err();
        assert!(e.message.starts_with("not a readable OPML file"), "{e}");
        let e = import(b"\xFFopml").unwrap_err();
        assert!(e.message.contains("UTF-8"), "{e}");
    }
}
