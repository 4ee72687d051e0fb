//! Issue 17 through the built binary: `show` in every format, `PATH#ID` opening in `snapshot`,
//! with HOME and every XDG folder in a temporary folder.

use std::fs;
use std::path::Path;

mod common;
use common::newsdeck;

/// A digest whose text tries to break out of every format: markup, event handlers, terminal
/// escapes (raw ESC, OSC 52, C1 CSI), table pipes and line breaks inside a cell.
const HOSTILE: &str = r#"{"title": "T <script>alert(1)</script>", "articles": [
  {"id": "a", "headline": "H <img src=x onerror=alert(1)>",
   "summary": "Body of a \u001b[2J \u001b]52;c;cm0gLXJmIH4=\u0007 \u009b31m <script>alert(2)</script>",
   "url": "https://e.example/\" onerror=\"alert(1)",
   "sections": [{"heading": "Sec | tion", "bullets": ["one <b>bold</b>"]}],
   "commentators": [{"name": "N | pipe", "role": "R", "viewpoint": "a | b\nnext line"}]},
  {"id": "b", "headline": "Second", "summary": "Body of b"}]}"#;

fn hostile(home: &Path) -> String {
    let path = home.join("h.json");
    fs::write(&path, HOSTILE).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn show_text_piped_is_plain_and_wrapped_to_width() {
    let home = tempfile::tempdir().unwrap();
    let h = hostile(home.path());
    let r = newsdeck(home.path(), &["show", &format!("{h}#a"), "--width", "30"]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(!r.out.contains('\x1b'), "no ESC when piped: {:?}", r.out);
    assert!(!r.out.contains('\u{9b}') && !r.out.contains('\x07'));
    assert!(r.out.contains("Body of a"));
    assert!(!r.out.contains("Body of b"), "one article only");
    for line in r.out.lines() {
        assert!(line.chars().count() <= 30, "{line:?} is wider than --width");
    }
    // Without an id: every article, under the digest's title.
    let all = newsdeck(home.path(), &["show", &h]);
    assert_eq!(all.code, 0, "{}", all.err);
    assert!(all.out.contains("Body of a") && all.out.contains("Body of b"));
    assert!(all.out.starts_with("T <script>"));
    assert!(!all.out.contains('\x1b'));
}

#[test]
fn show_md_keeps_the_commentator_table_a_table() {
    let home = tempfile::tempdir().unwrap();
    let h = hostile(home.path());
    let r = newsdeck(home.path(), &["show", "--format", "md", &format!("{h}#a")]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.starts_with("# H "), "{}", r.out);
    assert!(!r.out.contains('\x1b'));
    let rows: Vec<&str> = r.out.lines().filter(|l| l.starts_with('|')).collect();
    assert_eq!(rows.len(), 3, "header, rule and one row: {rows:?}");
    // The pipe and the line break inside cells are escaped, so the row keeps three cells.
    assert_eq!(rows[2], r"| N \| pipe | R | a \| b<br>next line |");
    assert!(r.out.contains("## Sec"));
    assert!(r.out.contains("- one"));
}

#[test]
fn show_html_escapes_every_text() {
    let home = tempfile::tempdir().unwrap();
    let h = hostile(home.path());
    for target in [format!("{h}#a"), h.clone()] {
        let r = newsdeck(home.path(), &["show", "--format", "html", &target]);
        assert_eq!(r.code, 0, "{}", r.err);
        let page = r.out.to_lowercase();
        assert!(!page.contains("<script"), "{page}");
        assert!(!page.contains("<img"), "{page}");
        assert!(!page.contains("<b>"), "{page}");
        assert!(page.contains("&lt;script&gt;alert(2)&lt;/script&gt;"));
        assert!(page.contains("onerror=alert(1)"), "shown as text");
        // The quoted link cannot close its attribute: no `" onerror="` inside a tag.
        assert!(!page.contains("\" onerror=\""), "{page}");
        assert!(!page.contains('\x1b') && !page.contains('\u{9b}'));
        assert!(page.starts_with("<!doctype html>"));
    }
}

#[test]
fn show_json_round_trips_through_check() {
    let home = tempfile::tempdir().unwrap();
    let h = hostile(home.path());
    let one = newsdeck(
        home.path(),
        &["show", "--format", "json", &format!("{h}#a")],
    );
    assert_eq!(one.code, 0, "{}", one.err);
    fs::write(home.path().join("one.json"), &one.out).unwrap();
    let all = newsdeck(home.path(), &["show", "--format", "json", &h]);
    assert_eq!(all.code, 0, "{}", all.err);
    fs::write(home.path().join("all.json"), &all.out).unwrap();
    let check = newsdeck(home.path(), &["check", "one.json", "all.json"]);
    assert_eq!(check.code, 0, "{}{}", check.out, check.err);
    // The hostile digest has neither id nor date, so check also warns where its read state goes.
    let oks: Vec<&str> = check
        .out
        .lines()
        .filter(|l| !l.contains("warning"))
        .collect();
    assert_eq!(oks, ["one.json: ok, 1 article", "all.json: ok, 2 articles"]);
    // The same article comes back out: its id is kept, so `#a` finds it in the copy too.
    let md = |t: &str| newsdeck(home.path(), &["show", "--format", "md", t]).out;
    assert_eq!(md("all.json#a"), md(&format!("{h}#a")));
    assert_eq!(md("one.json#a"), md(&format!("{h}#a")));
}

#[test]
fn show_unknown_id_fails_naming_at_most_ten_ids() {
    let home = tempfile::tempdir().unwrap();
    let articles: Vec<String> = (1..=12)
        .map(|i| format!(r#"{{"id": "id{i}", "headline": "H{i}"}}"#))
        .collect();
    let path = home.path().join("d.json");
    fs::write(
        &path,
        format!(r#"{{"articles": [{}]}}"#, articles.join(",")),
    )
    .unwrap();
    let r = newsdeck(home.path(), &["show", "d.json#nope"]);
    assert_eq!(r.code, 1);
    assert!(r.out.is_empty());
    assert_eq!(
        r.err,
        "newsdeck: no article \"nope\" in d.json; its ids are: id1, id2, id3, id4, id5, id6, \
         id7, id8, id9, id10 and 2 more\n"
    );
    let flag = newsdeck(home.path(), &["show", "d.json", "--article", "id12"]);
    assert_eq!(flag.code, 0, "{}", flag.err);
    assert!(flag.out.starts_with("H12"), "{}", flag.out);
    let bad = newsdeck(home.path(), &["show", "--format", "pdf", "d.json"]);
    assert_eq!(bad.code, 2, "{}", bad.err);
}

#[test]
fn a_path_with_hash_in_its_name_still_opens() {
    let home = tempfile::tempdir().unwrap();
    fs::write(home.path().join("c#1.json"), HOSTILE).unwrap();
    let whole = newsdeck(home.path(), &["show", "c#1.json"]);
    assert_eq!(whole.code, 0, "{}", whole.err);
    assert!(whole.out.contains("Body of b"));
    let one = newsdeck(home.path(), &["show", "c#1.json#b"]);
    assert_eq!(one.code, 0, "{}", one.err);
    assert!(one.out.contains("Body of b") && !one.out.contains("Body of a"));
}

#[test]
fn snapshot_opens_path_hash_id_on_that_article() {
    let home = tempfile::tempdir().unwrap();
    let h = hostile(home.path());
    let snap = |args: &[&str]| {
        let mut all = vec!["snapshot", "--width", "100", "--height", "20"];
        all.extend_from_slice(args);
        newsdeck(home.path(), &all)
    };
    let first = snap(&[&h]);
    assert_eq!(first.code, 0, "{}", first.err);
    assert!(first.out.contains("Body of a") && !first.out.contains("Body of b"));
    for args in [
        vec![format!("{h}#b")],
        vec![h.clone(), "--article".into(), "b".into()],
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let r = snap(&args);
        assert_eq!(r.code, 0, "{}", r.err);
        assert!(r.out.contains("Body of b"), "{}", r.out);
        assert!(!r.out.contains("Body of a"), "{}", r.out);
    }
    let unknown = snap(&[&format!("{h}#zz")]);
    assert_eq!(unknown.code, 0, "{}", unknown.err);
    assert!(unknown.out.contains("No article \"zz\""), "{}", unknown.out);
    assert!(
        unknown.out.contains("Body of a"),
        "the digest opens: {}",
        unknown.out
    );
    // An id needs one digest to look in.
    let two = snap(&[&h, &h, "--article", "b"]);
    assert_eq!(two.code, 2, "{}", two.err);
}

/// An app reading the hostile digest on article `a`, exporting into `dir`.
fn app_in(dir: Option<&Path>) -> newsdeck::app::App {
    let digest = newsdeck::format::parse(HOSTILE.as_bytes(), "h").unwrap();
    let area = ratatui::layout::Rect::new(0, 0, 100, 30);
    let mut app = newsdeck::app::App::reading(digest, area);
    app.export_dir = dir.map(Path::to_path_buf);
    app
}

fn press(app: &mut newsdeck::app::App, keys: &str) -> Vec<newsdeck::model::Effect> {
    let mut out = Vec::new();
    for k in newsdeck::keys::parse(keys).unwrap() {
        out.extend(app.key(&k, 1));
    }
    out
}

#[test]
fn e_writes_the_article_never_overwriting() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(Some(dir.path()));
    assert!(press(&mut app, "E").is_empty());
    let first = dir.path().join("h-img-src-x-onerror-alert-1.md");
    let notice = app.model.notice.clone().unwrap();
    assert!(notice.starts_with("Saved the article to "), "{notice}");
    assert!(
        notice.ends_with("h-img-src-x-onerror-alert-1.md"),
        "{notice}"
    );
    let md = fs::read_to_string(&first).unwrap();
    assert!(md.starts_with("# H "), "{md}");
    assert!(!md.contains('\x1b'));
    press(&mut app, "E");
    let second = dir.path().join("h-img-src-x-onerror-alert-1-2.md");
    assert_eq!(fs::read_to_string(&second).unwrap(), md);
    assert!(app.model.notice.clone().unwrap().ends_with("-2.md"));
    // Another article gets its own name; a run without an export folder writes nothing.
    press(&mut app, "jE");
    assert!(dir.path().join("second.md").exists());
    let mut readonly = app_in(None);
    press(&mut readonly, "E");
    assert!(readonly.model.notice.clone().unwrap().contains("off"));
}

/// With a terminal loop, `E` writes nothing on the loop: the write is a job (run by hand here,
/// as the loop runs it on its file queue's thread), and the notice saying where it went, or why
/// it could not, arrives with its result.
#[test]
fn e_in_the_terminal_loop_writes_in_a_job_and_says_where_when_it_is_done() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(Some(dir.path()));
    app.sync_search = false;
    assert!(press(&mut app, "E").is_empty());
    let first = dir.path().join("h-img-src-x-onerror-alert-1.md");
    assert!(!first.exists(), "nothing is written on the loop");
    let said = |app: &newsdeck::app::App| app.model.notice.clone().unwrap_or_default();
    assert!(!said(&app).starts_with("Saved"), "{}", said(&app));
    let jobs = app.take_file_jobs();
    assert_eq!(jobs.len(), 1);
    assert!(app.take_file_jobs().is_empty(), "taken once");
    for job in jobs {
        let done = job();
        assert!(first.exists());
        app.filed(done);
    }
    assert!(
        said(&app).starts_with("Saved the article to "),
        "{}",
        said(&app)
    );
    assert!(said(&app).ends_with("h-img-src-x-onerror-alert-1.md"));
    // A folder that is gone: the error arrives the same way.
    app.export_dir = Some(dir.path().join("gone"));
    press(&mut app, "E");
    assert!(!said(&app).starts_with("Could not"), "{}", said(&app));
    for job in app.take_file_jobs() {
        app.filed(job());
    }
    // Said as a warning, which wraps and stays: the reason comes after a path that can be
    // long, and a one-line notice cut it off.
    let warned = app.model.warnings.join("\n");
    assert!(
        warned.starts_with("Could not save the article: ") && warned.contains("gone"),
        "{warned}"
    );
}

#[test]
fn y_hands_the_markdown_to_the_terminal_loop_as_osc52() {
    let mut app = app_in(None);
    let effects = press(&mut app, "Y");
    let [newsdeck::model::Effect::Copy(md)] = effects.as_slice() else {
        panic!("expected one copy effect, got {effects:?}");
    };
    assert!(md.starts_with("# H "), "{md}");
    assert!(md.contains(r"| N \| pipe | R | a \| b<br>next line |"));
    assert_eq!(
        app.model.notice.as_deref(),
        Some("Copied the article as Markdown")
    );
    // The terminal loop writes it as OSC 52, as it does for `y` (see the pty test).
    // With copying turned off, nothing is handed over and the status bar says why.
    app.model.settings.clipboard = false;
    assert!(press(&mut app, "Y").is_empty());
    assert!(app.model.notice.clone().unwrap().contains("turned off"));
}

#[test]
fn show_json_keeps_the_digest_id_so_read_state_follows_the_copy() {
    let home = tempfile::tempdir().unwrap();
    let src = r#"{"id": "tech-1", "title": "T", "articles": [{"id": "a", "headline": "A"}]}"#;
    fs::write(home.path().join("d.json"), src).unwrap();
    let r = newsdeck(home.path(), &["show", "--format", "json", "d.json"]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.contains(r#""id": "tech-1""#), "{}", r.out);
    fs::write(home.path().join("copy.json"), &r.out).unwrap();
    let check = newsdeck(home.path(), &["check", "copy.json"]);
    assert_eq!(
        check.out, "copy.json: ok, 1 article\n",
        "no identity warning"
    );
}

#[test]
fn show_takes_article_ids_that_hold_a_hash_as_url_ids_do() {
    // An article without an id is known by its URL, and URLs have fragments: the id printed by
    // `list --starred` and `search` must work in `PATH#ID`.
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("frag.json");
    fs::write(
        &path,
        r#"{"id": "f", "articles": [
  {"headline": "By URL", "url": "https://x.example/p#top", "summary": "Body of url"},
  {"id": "a#b", "headline": "Hashed", "summary": "Body of hashed"}]}"#,
    )
    .unwrap();
    let p = path.to_string_lossy();
    for (id, body) in [
        ("https://x.example/p#top", "Body of url"),
        ("a#b", "Body of hashed"),
    ] {
        let r = newsdeck(home.path(), &["show", &format!("{p}#{id}")]);
        assert_eq!(r.code, 0, "{id}: {}", r.err);
        assert!(r.out.contains(body), "{id}: {}", r.out);
    }
}
