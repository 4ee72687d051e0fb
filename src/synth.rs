//! Deterministic synthetic digests for benchmarks and tests: varied lengths, non-ASCII text.
//!
//! The same `(articles, seed)` always gives the same bytes, so benchmark runs compare like with like.

use std::fmt::Write;

/// A small, fast, deterministic generator (xorshift64*); quality is irrelevant here, repeatability is not.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const WORDS: &[&str] = &[
    "model",
    "latency",
    "inference",
    "GPU",
    "open-source",
    "benchmark",
    "startup",
    "kernel",
    "compiler",
    "release",
    "security",
    "patch",
    "cloud",
    "edge",
    "regulation",
    "efficiency",
    "training",
    "dataset",
    "Rust",
    "terminal",
    "cache",
    "scheduler",
    "memory",
    "vector",
    "token",
    "agent",
    "throughput",
    "chip",
    "fab",
    "wafer",
    "ARM",
    "RISC-V",
    "funding",
    "acquisition",
    "東京",
    "深圳",
    "résumé",
    "naïve",
    "Zürich",
    "São Paulo",
    "🚀",
    "数据中心",
    "모델",
    "ünicode",
];

/// Between `min` and `min + spread - 1` random words.
fn words(rng: &mut Rng, min: usize, spread: usize) -> String {
    let n = min + rng.below(spread);
    let mut s = String::new();
    for i in 0..n {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(WORDS[rng.below(WORDS.len())]);
    }
    s
}

fn json_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// A digest of `articles` articles (about 4.5 KB each), as JSON bytes.
pub fn digest(articles: usize, seed: u64) -> Vec<u8> {
    let mut rng = Rng(seed.wrapping_mul(2_654_435_761).max(1));
    let mut out = String::with_capacity(articles * 4700 + 100);
    out.push_str("{\"title\":\"Synthetic digest\",\"published\":\"2026-01-01\",\"articles\":[\n");
    for i in 0..articles {
        if i > 0 {
            out.push_str(",\n");
        }
        let headline = words(&mut rng, 6, 10);
        let n_tags = 1 + rng.below(3);
        let tags: Vec<String> = (0..n_tags)
            .map(|_| json_str(WORDS[rng.below(WORDS.len())]))
            .collect();
        let summary = words(&mut rng, 40, 60);
        let _ = write!(
            out,
            "{{\"id\":\"syn-{seed}-{i}\",\"headline\":{},\"summary\":{},\"url\":\"https://example.com/{seed}/{i}\",\
             \"source\":\"Synthetic Wire\",\"published\":\"2026-01-{:02}T{:02}:00:00Z\",\"tags\":[{}],\"context\":[",
            json_str(&headline),
            json_str(&summary),
            1 + i % 28,
            i % 24,
            tags.join(","),
        );
        let bullets = |rng: &mut Rng| {
            let n = 2 + rng.below(3);
            (0..n)
                .map(|_| json_str(&words(rng, 12, 30)))
                .collect::<Vec<_>>()
                .join(",")
        };
        out.push_str(&bullets(&mut rng));
        out.push_str("],\"sections\":[");
        let n_sections = 2 + rng.below(2);
        let sections: Vec<String> = (0..n_sections)
            .map(|_| {
                format!(
                    "{{\"heading\":{},\"bullets\":[{}]}}",
                    json_str(&words(&mut rng, 3, 4)),
                    bullets(&mut rng)
                )
            })
            .collect();
        out.push_str(&sections.join(","));
        out.push_str("],\"commentators\":[");
        let n_commentators = 1 + rng.below(4);
        let commentators: Vec<String> = (0..n_commentators)
            .map(|k| {
                format!(
                    "{{\"name\":{},\"role\":{},\"viewpoint\":{}}}",
                    json_str(&format!("Analyst {k} {}", WORDS[rng.below(WORDS.len())])),
                    json_str(&words(&mut rng, 2, 1)),
                    json_str(&words(&mut rng, 15, 40))
                )
            })
            .collect();
        out.push_str(&commentators.join(","));
        out.push_str("]}");
    }
    out.push_str("\n]}\n");
    out.into_bytes()
}

/// Words for the "short" shape: quotes, backslashes, control characters and astral-plane text,
/// so that nearly every string needs escapes and every decoder pays for unescaping.
const ESCAPED: &[&str] = &[
    "\"quoted\"",
    "C:\\path\\to",
    "tab\there",
    "line\nbreak",
    "ß",
    "Ærø",
    "Ελληνικά",
    "кириллица",
    "עברית",
    "العربية",
    "हिन्दी",
    "😀👍",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "<tag>",
    "a&b",
    "{json}",
    "[array]",
    "x/y",
];

/// Escapes `s` as JSON the way some generators do: every non-ASCII character as `\uXXXX`
/// (surrogate pairs above the BMP), so that the file is pure ASCII and escape-heavy.
fn json_str_ascii(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 2 + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_ascii() && !c.is_ascii_control() => out.push(c),
            c => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{u:04x}");
                }
            }
        }
    }
    out.push('"');
    out
}

fn escaped_words(rng: &mut Rng, min: usize, spread: usize) -> String {
    let n = min + rng.below(spread);
    let mut s = String::new();
    for i in 0..n {
        if i > 0 {
            s.push(' ');
        }
        let list = if rng.below(2) == 0 { ESCAPED } else { WORDS };
        s.push_str(list[rng.below(list.len())]);
    }
    s
}

/// A digest of a second shape, as another generator might write it: many short articles (about
/// 600 bytes each), keys in another order, pretty-printed, with every non-ASCII character and
/// most punctuation escaped. Deterministic like [`digest`].
pub fn short_digest(articles: usize, seed: u64) -> Vec<u8> {
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9).max(1));
    let mut out = String::with_capacity(articles * 700 + 100);
    out.push_str("{\n  \"source\": \"Other \\u00e9dition\",\n  \"articles\": [\n");
    for i in 0..articles {
        if i > 0 {
            out.push_str(",\n");
        }
        let tags: Vec<String> = (0..rng.below(3))
            .map(|_| json_str_ascii(ESCAPED[rng.below(ESCAPED.len())]))
            .collect();
        let _ = write!(
            out,
            "    {{\n      \"published\": \"2026-02-{:02}\",\n      \"summary\": {},\n      \"headline\": {},\n      \
             \"tags\": [{}],\n      \"url\": \"https://example.org/s/{seed}/{i}?a=1&b=2\",\n      \"id\": \"short/{seed}/{i}\",\n      \
             \"commentators\": [{{\"name\": {}, \"viewpoint\": {}}}]\n    }}",
            1 + i % 28,
            json_str_ascii(&escaped_words(&mut rng, 20, 30)),
            json_str_ascii(&escaped_words(&mut rng, 4, 6)),
            tags.join(", "),
            json_str_ascii(&escaped_words(&mut rng, 1, 2)),
            json_str_ascii(&escaped_words(&mut rng, 5, 10)),
        );
    }
    out.push_str("\n  ],\n  \"title\": \"Short \\\"escaped\\\" digest\"\n}\n");
    out.into_bytes()
}

/// A digest of the first shape (compact, UTF-8 text written as itself) with short bodies (about
/// 700 bytes an article) and its own title and date, for libraries of many digests: a library of
/// 10,000 of them x 30 articles stays about 200 MB on disk while decoding it costs per byte what
/// [`digest`] does. The date is scattered by `seed`, so file names do not give the date order.
pub fn brief_digest(articles: usize, seed: u64) -> Vec<u8> {
    let mut rng = Rng(seed.wrapping_mul(0x2545_f491).max(1));
    let mut out = String::with_capacity(articles * 800 + 200);
    // Days since 2016-01-01, scattered over ten years; the calendar is simplified (28-day months).
    let day = seed.wrapping_mul(7919) % 3360;
    let _ = writeln!(
        out,
        "{{\"title\":{},\"published\":\"{}-{:02}-{:02}\",\"articles\":[",
        json_str(&format!("Brief {seed} {}", WORDS[rng.below(WORDS.len())])),
        2016 + day / 336,
        1 + day % 336 / 28,
        1 + day % 28,
    );
    for i in 0..articles {
        if i > 0 {
            out.push_str(",\n");
        }
        let tags: Vec<String> = (0..1 + rng.below(2))
            .map(|_| json_str(WORDS[rng.below(WORDS.len())]))
            .collect();
        let _ = write!(
            out,
            "{{\"id\":\"b-{seed}-{i}\",\"headline\":{},\"summary\":{},\"url\":\"https://example.com/b/{seed}/{i}\",\
             \"published\":\"2026-01-{:02}T{:02}:00:00Z\",\"tags\":[{}],\"context\":[{}],\
             \"commentators\":[{{\"name\":{},\"viewpoint\":{}}}]}}",
            json_str(&words(&mut rng, 5, 8)),
            json_str(&words(&mut rng, 20, 30)),
            1 + i % 28,
            i % 24,
            tags.join(","),
            json_str(&words(&mut rng, 8, 12)),
            json_str(&format!("Analyst {}", WORDS[rng.below(WORDS.len())])),
            json_str(&words(&mut rng, 8, 16)),
        );
    }
    out.push_str("\n]}\n");
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_deterministic_valid_and_about_the_right_size() {
        let a = digest(50, 7);
        assert_eq!(a, digest(50, 7));
        assert_ne!(a, digest(50, 8));
        let d = crate::format::parse(&a, "synthetic").unwrap();
        d.validate().unwrap();
        assert_eq!(d.entries.len(), 50);
        let per_article = a.len() / 50;
        assert!(
            (3000..6500).contains(&per_article),
            "{per_article} bytes per article"
        );
    }

    #[test]
    fn the_short_shape_is_deterministic_valid_ascii_and_escaped() {
        let a = short_digest(200, 3);
        assert_eq!(a, short_digest(200, 3));
        assert!(a.is_ascii(), "non-ASCII is written as \\u escapes");
        let d = crate::format::parse(&a, "synthetic").unwrap();
        d.validate().unwrap();
        assert_eq!(d.entries.len(), 200);
        assert_eq!(d.title, "Short \"escaped\" digest");
        let per_article = a.len() / 200;
        assert!(
            (300..1200).contains(&per_article),
            "{per_article} bytes per article"
        );
        let v: serde_json::Value = serde_json::from_slice(&a).unwrap();
        let escaped = a.windows(2).filter(|w| w == b"\\u").count();
        assert!(escaped > 200 * 5, "{escaped} \\u escapes");
        assert!(v["articles"][0]["headline"].as_str().is_some());
    }
    #[test]
    fn the_brief_shape_is_deterministic_valid_and_small() {
        let a = brief_digest(30, 11);
        assert_eq!(a, brief_digest(30, 11));
        let d = crate::format::parse(&a, "synthetic").unwrap();
        d.validate().unwrap();
        assert_eq!(d.entries.len(), 30);
        assert!(d.title.starts_with("Brief 11 "), "{}", d.title);
        let per_article = a.len() / 30;
        assert!(
            (400..1200).contains(&per_article),
            "{per_article} bytes per article"
        );
        let b = crate::format::parse(&brief_digest(30, 12), "synthetic").unwrap();
        assert_ne!(d.published, b.published, "dates differ between seeds");
    }
}
