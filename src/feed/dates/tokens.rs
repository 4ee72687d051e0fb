//! A date's text as tokens: numbers, a time, a numeric zone offset and words.

use std::iter::Peekable;
use std::str::Chars;

/// One piece of a date's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// A run of digits, how many, and the separator before it (`' '` when none or a space).
    Number {
        value: u32,
        digits: usize,
        sep: char,
    },
    /// `H:MM`, `H:MM:SS` or `H:MM:SS.fff`.
    Time {
        hour: i8,
        minute: i8,
        second: i8,
        nanos: i32,
    },
    /// `+HHMM`, `+HH:MM` or `+HH` (after a time, `-` too), in seconds east of UTC.
    Offset(i32),
    /// Letters, lower-cased, and whether a comma came right after them.
    Word { text: String, comma: bool },
}

/// The tokens of `text`; `None` when it holds something no date has.
pub fn tokenize(text: &str) -> Option<Vec<Token>> {
    let mut out: Vec<Token> = Vec::new();
    let mut chars = text.chars().peekable();
    let mut sep = ' ';
    while let Some(&c) = chars.peek() {
        let seen_time = out.iter().any(|t| matches!(t, Token::Time { .. }));
        if c.is_ascii_digit() {
            out.push(number_or_time(&mut chars, sep)?);
            sep = ' ';
        } else if (c == '+' || (c == '-' && seen_time)) && next_is_digit(&chars) {
            chars.next();
            out.push(offset(&mut chars, c == '-')?);
        } else if c.is_alphabetic() {
            let text: String = take_while(&mut chars, char::is_alphabetic).to_lowercase();
            out.push(Token::Word { text, comma: false });
        } else if c == ',' {
            chars.next();
            if let Some(Token::Word { comma, .. }) = out.last_mut() {
                *comma = true;
            }
        } else if c == '(' {
            // A comment, `+0000 (UTC)` or `GMT+0100 (Central European Standard Time)`.
            chars.by_ref().find(|&c| c == ')');
        } else if c.is_whitespace() || matches!(c, '-' | '/' | '.') {
            chars.next();
            if !c.is_whitespace() {
                sep = c;
            }
        } else {
            return None;
        }
    }
    Some(out)
}

/// Whether the character after the next one is a digit.
fn next_is_digit(chars: &Peekable<Chars>) -> bool {
    let mut ahead = chars.clone();
    ahead.next();
    ahead.next().is_some_and(|c| c.is_ascii_digit())
}

/// Takes characters while `keep` says so.
fn take_while(chars: &mut Peekable<Chars>, keep: impl Fn(char) -> bool) -> String {
    let mut s = String::new();
    while let Some(&c) = chars.peek() {
        if !keep(c) || s.len() > 40 {
            break;
        }
        s.push(c);
        chars.next();
    }
    s
}

/// A run of digits as a number (at most 9 digits) and its length.
fn digits(chars: &mut Peekable<Chars>) -> Option<(u32, usize)> {
    let run = take_while(chars, |c| c.is_ascii_digit());
    if run.is_empty() || run.len() > 9 {
        return None;
    }
    Some((run.parse().ok()?, run.len()))
}

/// A number, or a time when a colon follows one or two digits.
fn number_or_time(chars: &mut Peekable<Chars>, sep: char) -> Option<Token> {
    let (value, n) = digits(chars)?;
    if chars.peek() != Some(&':') {
        return Some(Token::Number {
            value,
            digits: n,
            sep,
        });
    }
    chars.next();
    let (minute, m) = digits(chars)?;
    let mut second = 0;
    let mut nanos = 0;
    if chars.peek() == Some(&':') {
        chars.next();
        let (s, sn) = digits(chars)?;
        second = if sn == 2 { s } else { return None };
        if matches!(chars.peek(), Some('.' | ',')) && next_is_digit(chars) {
            chars.next();
            nanos = fraction(chars)?;
        }
    }
    if n > 2 || m != 2 || value > 24 || minute > 59 || second > 60 {
        return None;
    }
    Some(Token::Time {
        hour: i8::try_from(value).ok()?,
        minute: i8::try_from(minute).ok()?,
        second: i8::try_from(second).ok()?,
        nanos,
    })
}

/// Fractional seconds as nanoseconds (digits past the ninth are dropped).
fn fraction(chars: &mut Peekable<Chars>) -> Option<i32> {
    let run = take_while(chars, |c| c.is_ascii_digit());
    let kept: String = run.chars().chain(std::iter::repeat('0')).take(9).collect();
    kept.parse().ok()
}

/// The offset after a sign: `HH`, `HHMM`, `H:MM` or `HH:MM`.
fn offset(chars: &mut Peekable<Chars>, negative: bool) -> Option<Token> {
    let (first, n) = digits(chars)?;
    let (hours, minutes) = match n {
        1 | 2 if chars.peek() == Some(&':') => {
            chars.next();
            let (m, mn) = digits(chars)?;
            if mn != 2 {
                return None;
            }
            (first, m)
        }
        1 | 2 => (first, 0),
        4 => (first / 100, first % 100),
        _ => return None,
    };
    if hours > 23 || minutes > 59 {
        return None;
    }
    let seconds = i32::try_from(hours * 3600 + minutes * 60).ok()?;
    Some(Token::Offset(if negative { -seconds } else { seconds }))
}
