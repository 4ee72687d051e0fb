//! OSC 52: asking the terminal to put text on the system clipboard. Pure: text in, the escape
//! sequence out; the terminal loop writes it (render never does).
//!
//! Works over SSH and in tmux (with `set-clipboard on`), which a clipboard crate talking to X11
//! or Wayland would not. The text is base64-encoded inside the sequence, so nothing in it can end
//! the sequence early or reach the terminal as a control character.

/// The OSC 52 sequence that sets the clipboard (`c`) to `text`, terminated by BEL (which more
/// terminals accept than ST).
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

/// Standard base64 with padding (RFC 4648 §4). Hand-written: fifteen lines, where a crate would be
/// a dependency for this one call.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in cases {
            assert_eq!(base64(plain.as_bytes()), encoded, "{plain:?}");
        }
        assert_eq!(base64(&[0xff, 0xfe, 0x00]), "//4A");
    }

    #[test]
    fn osc52_wraps_the_encoded_text_and_hides_escapes_in_it() {
        assert_eq!(osc52("hi"), "\x1b]52;c;aGk=\x07");
        // An escape or BEL in the text is encoded, so the sequence ends only where it should.
        let s = osc52("a\x1b]52;c;x\x07b");
        assert_eq!(s.matches('\x1b').count(), 1);
        assert_eq!(s.matches('\x07').count(), 1);
        assert!(s.ends_with('\x07'));
    }
}
