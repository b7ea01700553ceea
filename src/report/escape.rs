//! Escaping: everything in a post is untrusted, so every string that
//! reaches the page goes through one of these.
//!
//! - [`html`] for text and attribute values (`&`, `<`, `>`, `"`, `'`),
//!   so a title such as `</td><script>…` stays text.
//! - [`script_json`] for the data island: JSON inside
//!   `<script type="application/json">` must never hold `</script` or
//!   `<!--`, and the line separators U+2028/U+2029 are escaped too, so
//!   the text is also valid as a JavaScript literal.

use std::fmt::Write;

/// Appends `s` to `out`, escaped for HTML text and attribute values.
pub fn push_html(out: &mut String, s: &str) {
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[last..i]);
        out.push_str(rep);
        last = i + 1;
    }
    out.push_str(&s[last..]);
}

/// `s` escaped for HTML text and attribute values.
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    push_html(&mut out, s);
    out
}

/// Serialised JSON made safe inside a `<script>` element: `<`, `>`, `&`,
/// U+2028 and U+2029 become `\uXXXX` escapes. These characters can only
/// occur inside JSON strings, where the escape means the same character,
/// so the JSON parses to the same value.
pub fn script_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + json.len() / 64);
    for c in json.chars() {
        match c {
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// `s` cut to at most `max` characters, with `…` when cut: a report line
/// stays a line even when a post holds a 50 MB "sentence".
pub fn clip(s: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match s.char_indices().nth(max) {
        None => std::borrow::Cow::Borrowed(s),
        Some((at, _)) => std::borrow::Cow::Owned(format!("{}…", &s[..at])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_markup_and_quotes() {
        const CASES: &[(&str, &str)] = &[
            ("Tom & Jerry", "Tom &amp; Jerry"),
            (
                "</td><script>alert(1)</script>",
                "&lt;/td&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
            ),
            ("a\"b'c", "a&quot;b&#39;c"),
            ("l’été à Paris", "l’été à Paris"),
            ("", ""),
        ];
        for (input, want) in CASES {
            assert_eq!(html(input), *want, "{input}");
        }
    }

    #[test]
    fn script_json_hides_closing_tags_and_line_separators() {
        let value = serde_json::json!({
            "t": "</script><script>alert(1)</script><!-- & \u{2028}\u{2029}"
        });
        let json = serde_json::to_string(&value).unwrap();
        let safe = script_json(&json);
        assert!(!safe.contains('<') && !safe.contains('>'));
        assert!(!safe.contains('&'));
        assert!(!safe.contains('\u{2028}') && !safe.contains('\u{2029}'));
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn clip_cuts_on_characters() {
        assert_eq!(clip("été", 5), "été");
        assert_eq!(clip("ééééé", 2), "éé…");
        assert_eq!(clip("abc", 3), "abc");
    }
}
