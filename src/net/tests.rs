use super::test_server::{Reply, Server};
use super::*;

fn opts() -> Options {
    Options {
        timeout: Duration::from_secs(10),
        max_redirects: 3,
        max_bytes: 1000,
    }
}

fn get(url: &str) -> Result<Fetched, NetError> {
    download(url, &Validators::default(), &opts())
}

#[test]
fn ok_returns_the_body_and_its_validators() {
    let s = Server::start(|r| match r.path.as_str() {
        "/feed" => Reply::ok("hello")
            .with("ETag", "\"v1\"")
            .with("Last-Modified", "Mon, 27 Oct 2025 09:00:00 GMT")
            .with("Content-Type", "application/rss+xml"),
        "/moved" => Reply::status(301).with("Location", "/feed"),
        _ => Reply::status(404),
    });
    let Fetched::Body(d) = get(&s.url("/moved")).unwrap() else {
        panic!("expected a body")
    };
    assert_eq!(d.bytes, b"hello");
    assert_eq!(d.final_url, s.url("/feed"));
    assert_eq!(d.content_type.as_deref(), Some("application/rss+xml"));
    assert_eq!(d.validators.etag.as_deref(), Some("\"v1\""));
    assert_eq!(
        d.validators.last_modified.as_deref(),
        Some("Mon, 27 Oct 2025 09:00:00 GMT")
    );
}

#[test]
fn a_matching_etag_or_date_gets_unchanged() {
    let s = Server::start(|r| {
        let etag_matches = r.header("If-None-Match") == Some("\"v1\"");
        let date_matches = r.header("If-Modified-Since") == Some("Mon, 27 Oct 2025 09:00:00 GMT");
        if etag_matches || date_matches {
            Reply::status(304).with("ETag", "\"v1\"")
        } else {
            Reply::ok("new").with("ETag", "\"v1\"")
        }
    });
    let etag = Validators {
        etag: Some("\"v1\"".into()),
        last_modified: None,
    };
    assert_eq!(
        download(&s.url("/"), &etag, &opts()).unwrap(),
        Fetched::Unchanged
    );
    let date = Validators {
        etag: None,
        last_modified: Some("Mon, 27 Oct 2025 09:00:00 GMT".into()),
    };
    assert_eq!(
        download(&s.url("/"), &date, &opts()).unwrap(),
        Fetched::Unchanged
    );
    assert!(matches!(get(&s.url("/")).unwrap(), Fetched::Body(_)));
}

#[test]
fn error_statuses_are_errors() {
    let s = Server::start(|r| match r.path.as_str() {
        "/gone" => Reply::status(410),
        "/broken" => Reply::status(503),
        _ => Reply::status(404),
    });
    let e = get(&s.url("/nope")).unwrap_err();
    assert_eq!(e, NetError::Status(404));
    assert!(e.to_string().contains("HTTP 404 (not found)"), "{e}");
    assert_eq!(get(&s.url("/broken")).unwrap_err(), NetError::Status(503));
}

#[test]
fn a_redirect_loop_stops_at_the_limit() {
    let s = Server::start(|_| Reply::status(302).with("Location", "/loop"));
    assert_eq!(
        get(&s.url("/loop")).unwrap_err(),
        NetError::TooManyRedirects(3)
    );
    // The first request and three redirects, no more.
    assert!(s.hits() <= 4, "{}", s.hits());
}

#[test]
fn bodies_over_the_cap_are_refused_and_exactly_the_cap_is_fine() {
    let s = Server::start(|r| match r.path.as_str() {
        "/exact" => Reply::ok(vec![b'a'; 1000]),
        "/declared" => Reply::ok(vec![b'a'; 1001]),
        // No Content-Length: the cap must be enforced while reading, and reading must stop.
        _ => Reply::Endless,
    });
    assert!(matches!(get(&s.url("/exact")).unwrap(), Fetched::Body(d) if d.bytes.len() == 1000));
    assert_eq!(
        get(&s.url("/declared")).unwrap_err(),
        NetError::TooBig(1000)
    );
    assert_eq!(get(&s.url("/endless")).unwrap_err(), NetError::TooBig(1000));
}

#[test]
fn a_silent_server_times_out() {
    let s = Server::start(|_| Reply::Hang);
    let options = Options {
        timeout: Duration::from_millis(300),
        ..opts()
    };
    let e = download(&s.url("/"), &Validators::default(), &options).unwrap_err();
    assert_eq!(e, NetError::Timeout(Duration::from_millis(300)));
    assert!(e.to_string().starts_with("timed out"), "{e}");
}

#[test]
fn a_closed_port_is_a_connect_error() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let e = get(&format!("http://127.0.0.1:{port}/")).unwrap_err();
    assert!(matches!(e, NetError::Connect(_)), "{e:?}");
}

#[test]
fn only_http_urls_and_clean_messages() {
    assert!(matches!(
        get("file:///etc/passwd"),
        Err(NetError::BadUrl(_))
    ));
    let e = get("ftp://x\u{1b}[2J/").unwrap_err();
    assert!(!e.to_string().contains('\u{1b}'), "{e}");
    assert!(matches!(
        map_error(ureq::Error::HostNotFound, "https://nowhere.test/x", &opts()),
        NetError::Dns(h) if h == "nowhere.test"
    ));
}

#[test]
fn a_body_cut_short_says_it_broke_off_and_to_try_again() {
    let server = Server::start(|_| Reply::Cut);
    let Err(e) = get(&server.url("/feed")) else {
        panic!("a cut body is an error");
    };
    assert!(matches!(e, NetError::BrokenOff(_)), "{e:?}");
    let message = e.to_string();
    assert!(
        message.contains("broke off") && message.contains("try again"),
        "{message}"
    );
}
