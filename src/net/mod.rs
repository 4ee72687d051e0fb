//! Downloads over HTTP(S): one blocking request with a timeout, a redirect limit, a size cap
//! enforced while reading, and conditional requests. ureq (with rustls) does the protocol.

use std::fmt;
use std::io::Read;
use std::time::Duration;

use ureq::ResponseExt;

pub mod fetch;

use crate::sanitize;
use crate::store::load::MAX_DIGEST_BYTES;

/// How a download is bounded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The whole exchange, redirects and body included, must end within this.
    pub timeout: Duration,
    /// Redirects followed before giving up.
    pub max_redirects: u32,
    /// The largest body accepted, in bytes; reading stops at one byte more.
    pub max_bytes: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            timeout: Duration::from_secs(30),
            max_redirects: 5,
            max_bytes: MAX_DIGEST_BYTES,
        }
    }
}

/// Validators from an earlier download, sent so an unchanged resource is not sent again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    /// The `ETag` the server gave last time (sent as `If-None-Match`).
    pub etag: Option<String>,
    /// The `Last-Modified` the server gave last time (sent as `If-Modified-Since`).
    pub last_modified: Option<String>,
}

/// A body and what the server said about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Download {
    /// The body, at most `max_bytes` long.
    pub bytes: Vec<u8>,
    /// The URL finally answered, after redirects.
    pub final_url: String,
    /// The `Content-Type` header, if any.
    pub content_type: Option<String>,
    /// Validators to send next time.
    pub validators: Validators,
}

/// What a download brought.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    /// A new body.
    Body(Download),
    /// 304 Not Modified: the copy from last time is current.
    Unchanged,
}

/// Why a download failed, one kind per thing a user can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NetError {
    /// Not an http or https URL, or not a valid one.
    BadUrl(String),
    /// The host name did not resolve.
    Dns(String),
    /// No connection to the server.
    Connect(String),
    /// The TLS handshake or certificate check failed.
    Tls(String),
    /// The server answered with an error status.
    Status(u16),
    /// The body is bigger than the cap.
    TooBig(u64),
    /// The exchange took longer than the timeout.
    Timeout(Duration),
    /// Redirects went on past the limit (a loop, most likely).
    TooManyRedirects(u32),
    /// The body came compressed (`Content-Encoding`, named here) though none was asked for.
    Encoded(String),
    /// The body stopped before its end (the connection broke off or the server closed it).
    BrokenOff(String),
    /// Anything else (a protocol error, a reset connection).
    Other(String),
}

impl fmt::Display for NetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NetError::BadUrl(why) => write!(f, "not a URL newsdeck can download: {why}"),
            NetError::Dns(host) => write!(
                f,
                "cannot find host {host} (DNS): check the address and your network"
            ),
            NetError::Connect(why) => write!(f, "cannot connect: {why}"),
            NetError::Tls(why) => write!(f, "secure connection failed (TLS): {why}"),
            NetError::Status(code) => {
                write!(f, "the server answered HTTP {code}{}", status_hint(*code))
            }
            NetError::TooBig(cap) => write!(
                f,
                "too big: more than {cap} bytes, and newsdeck reads at most {} MiB ({cap} bytes)",
                cap / (1024 * 1024)
            ),
            NetError::Timeout(t) => write!(f, "timed out after {} s", t.as_secs_f32()),
            NetError::TooManyRedirects(n) => {
                write!(f, "more than {n} redirects (a redirect loop?)")
            }
            NetError::Encoded(how) => write!(
                f,
                "the server sent the body compressed (Content-Encoding: {how}) without being asked, \
                 and newsdeck cannot decode it: download it with `curl --compressed` and add the file"
            ),
            NetError::BrokenOff(why) => write!(
                f,
                "the download broke off before the end ({why}): try again later; if it keeps \
                 happening, the server is at fault"
            ),
            NetError::Other(why) => write!(f, "download failed: {why}"),
        }
    }
}

impl std::error::Error for NetError {}

fn status_hint(code: u16) -> &'static str {
    match code {
        401 | 403 => " (access denied)",
        404 | 410 => " (not found)",
        429 => " (too many requests: try again later)",
        500..=599 => " (a server error: try again later)",
        _ => "",
    }
}

/// The user agent sent with every request.
const USER_AGENT: &str = concat!("newsdeck/", env!("CARGO_PKG_VERSION"));

/// Downloads `url`, sending `validators` as a conditional request.
pub fn download(
    url: &str,
    validators: &Validators,
    options: &Options,
) -> Result<Fetched, NetError> {
    let scheme = url.split_once("://").map(|(s, _)| s.to_ascii_lowercase());
    if !matches!(scheme.as_deref(), Some("http" | "https")) {
        return Err(NetError::BadUrl(format!(
            "{}: only http:// and https:// are supported",
            clean(url)
        )));
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(options.timeout))
        .max_redirects(options.max_redirects)
        // Statuses are ours to read: 304 is an answer, not an error.
        .http_status_as_error(false)
        .user_agent(USER_AGENT)
        .build()
        .into();
    let mut request = agent.get(url);
    if let Some(etag) = &validators.etag {
        request = request.header("If-None-Match", etag);
    }
    if let Some(since) = &validators.last_modified {
        request = request.header("If-Modified-Since", since);
    }
    let response = request.call().map_err(|e| map_error(e, url, options))?;
    let status = response.status().as_u16();
    if status == 304 {
        return Ok(Fetched::Unchanged);
    }
    if !(200..300).contains(&status) {
        return Err(NetError::Status(status));
    }
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    // newsdeck sends no Accept-Encoding, so a compressed body is a server's mistake; reading it
    // as text would blame the feed ("invalid UTF-8").
    if let Some(how) = header("content-encoding")
        && !how.trim().eq_ignore_ascii_case("identity")
    {
        return Err(NetError::Encoded(clean(&how)));
    }
    // A declared length over the cap is refused before reading anything.
    if let Some(len) = header("content-length").and_then(|l| l.trim().parse::<u64>().ok())
        && len > options.max_bytes
    {
        return Err(NetError::TooBig(options.max_bytes));
    }
    let final_url = response.get_uri().to_string();
    let validators = Validators {
        etag: header("etag"),
        last_modified: header("last-modified"),
    };
    let content_type = header("content-type");
    let bytes = read_capped(response.into_body(), url, options)?;
    let bytes = crate::feed::repair::declare_http_charset(bytes, content_type.as_deref());
    Ok(Fetched::Body(Download {
        bytes,
        final_url,
        content_type,
        validators,
    }))
}

/// Reads at most `max_bytes + 1` bytes: one more than allowed proves the body too big without
/// reading the rest of it.
fn read_capped(body: ureq::Body, url: &str, options: &Options) -> Result<Vec<u8>, NetError> {
    let mut bytes = Vec::new();
    body.into_reader()
        .take(options.max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| match map_io(e, url, options) {
            // Whatever else it was, it happened after the answer began: the body is cut short.
            NetError::Other(why) => NetError::BrokenOff(why),
            other => other,
        })?;
    if bytes.len() as u64 > options.max_bytes {
        return Err(NetError::TooBig(options.max_bytes));
    }
    Ok(bytes)
}

fn map_io(e: std::io::Error, url: &str, options: &Options) -> NetError {
    // ureq wraps its own errors (a timeout while reading the body) in io::Error.
    match e.downcast::<ureq::Error>() {
        Ok(inner) => map_error(inner, url, options),
        Err(e) if e.kind() == std::io::ErrorKind::TimedOut => NetError::Timeout(options.timeout),
        Err(e) => NetError::Other(clean(&e.to_string())),
    }
}

/// The failure kind for a ureq error.
fn map_error(e: ureq::Error, url: &str, options: &Options) -> NetError {
    use std::io::ErrorKind;
    match e {
        ureq::Error::HostNotFound => NetError::Dns(clean(
            &crate::feed::host_of(url).unwrap_or_else(|| url.to_string()),
        )),
        ureq::Error::ConnectionFailed => {
            NetError::Connect("the server did not accept the connection".into())
        }
        ureq::Error::Timeout(_) => NetError::Timeout(options.timeout),
        ureq::Error::TooManyRedirects => NetError::TooManyRedirects(options.max_redirects),
        ureq::Error::StatusCode(code) => NetError::Status(code),
        ureq::Error::BodyExceedsLimit(_) => NetError::TooBig(options.max_bytes),
        ureq::Error::BadUri(why) => NetError::BadUrl(clean(&why)),
        ureq::Error::Http(why) => NetError::BadUrl(clean(&why.to_string())),
        ureq::Error::Tls(why) => NetError::Tls(why.to_string()),
        ureq::Error::Pem(why) => NetError::Tls(clean(&why.to_string())),
        ureq::Error::Rustls(why) => NetError::Tls(clean(&why.to_string())),
        ureq::Error::TlsRequired => NetError::Tls("the server requires TLS".into()),
        ureq::Error::Io(io) => match io.kind() {
            ErrorKind::ConnectionRefused => NetError::Connect("connection refused".into()),
            ErrorKind::TimedOut | ErrorKind::WouldBlock => NetError::Timeout(options.timeout),
            ErrorKind::HostUnreachable | ErrorKind::NetworkUnreachable => {
                NetError::Connect("no route to the host".into())
            }
            _ => NetError::Other(clean(&io.to_string())),
        },
        other => NetError::Other(clean(&other.to_string())),
    }
}

/// Text from the network or the user made safe for one message line.
fn clean(s: &str) -> String {
    let line = sanitize::line(s);
    match line.char_indices().nth(200) {
        Some((i, _)) => format!("{}…", &line[..i]),
        None => line.into_owned(),
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
pub(crate) mod test_server;
