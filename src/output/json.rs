//! The JSON of the output files: pretty for the per-article files and
//! the corpus files, compact for `articles.jsonl`, both from one
//! serialisation; scores rounded to 4 decimals.

use std::io;

use serde::Serialize;
use serde_json::ser::{CharEscape, CompactFormatter, Formatter};

/// Rounds a score for output: 4 decimals are plenty, and rounding keeps
/// the JSON short and stable.
pub fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// The pretty JSON of `value` (as [`to_pretty_json`]) and its compact
/// JSON (as `serde_json::to_vec`), each with a final newline, from one
/// serialisation: an article's file and its `articles.jsonl` line.
pub fn to_pretty_and_compact<T: Serialize>(value: &T) -> (Vec<u8>, Vec<u8>) {
    let mut pretty = Vec::with_capacity(4096);
    let mut compact = Vec::with_capacity(2048);
    let twin = Twin {
        pretty: serde_json::ser::PrettyFormatter::new(),
        compact: &mut compact,
    };
    let mut ser = serde_json::Serializer::with_formatter(&mut pretty, twin);
    value
        .serialize(&mut ser)
        .expect("report types always serialise");
    pretty.push(b'\n');
    compact.push(b'\n');
    (pretty, compact)
}

/// A serde_json formatter that writes pretty JSON to its writer and the
/// same value's compact JSON to `compact`, event by event. Every method
/// of [`Formatter`] is forwarded to both (a method left to its default
/// would write to the pretty side only: the tests compare both sides
/// with serde_json's own output).
struct Twin<'a> {
    pretty: serde_json::ser::PrettyFormatter<'static>,
    compact: &'a mut Vec<u8>,
}

/// Forwards each listed [`Formatter`] method to both formatters.
macro_rules! twin_methods {
    ($($name:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $name<W: ?Sized + io::Write>(
            &mut self,
            writer: &mut W
            $(, $arg: $ty)*
        ) -> io::Result<()> {
            self.pretty.$name(writer $(, $arg)*)?;
            CompactFormatter.$name(self.compact $(, $arg)*)
        }
    )*};
}

impl Formatter for Twin<'_> {
    twin_methods! {
        write_null();
        write_bool(value: bool);
        write_i8(value: i8);
        write_i16(value: i16);
        write_i32(value: i32);
        write_i64(value: i64);
        write_i128(value: i128);
        write_u8(value: u8);
        write_u16(value: u16);
        write_u32(value: u32);
        write_u64(value: u64);
        write_u128(value: u128);
        write_f32(value: f32);
        write_f64(value: f64);
        write_number_str(value: &str);
        begin_string();
        end_string();
        write_string_fragment(fragment: &str);
        write_byte_array(value: &[u8]);
        begin_array();
        end_array();
        begin_array_value(first: bool);
        end_array_value();
        begin_object();
        end_object();
        begin_object_key(first: bool);
        end_object_key();
        begin_object_value();
        end_object_value();
        write_raw_fragment(fragment: &str);
    }

    fn write_char_escape<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        char_escape: CharEscape,
    ) -> io::Result<()> {
        // The escape cannot be cloned: write it once, copy its bytes.
        let from = self.compact.len();
        CompactFormatter.write_char_escape(self.compact, char_escape)?;
        writer.write_all(&self.compact[from..])
    }
}

/// Pretty JSON with a final newline.
pub fn to_pretty_json<T: Serialize>(value: &T) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(value)
        .expect("report types always serialise");
    out.push(b'\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_pass_gives_serde_json_pretty_and_compact() {
        let values = [
            serde_json::json!({
                "id": "a b",
                "quote": "il dit \"oui\" \\ puis\n  non\u{1}\t/",
                "empty": [], "none": {}, "null": null, "t": true, "f": false,
                "n": [1, -2, 2.5, 3e40, 0.1235, u64::MAX, i64::MIN],
                "nested": [{"a": [[], {"b": " : , "}]}, "\u{a0}é\u{202f}?"],
                "ends with a backslash\\": "\\",
            }),
            serde_json::json!([]),
            serde_json::json!("  "),
        ];
        for value in values {
            let (pretty, compact) = to_pretty_and_compact(&value);
            assert_eq!(
                String::from_utf8(pretty).unwrap(),
                String::from_utf8(to_pretty_json(&value)).unwrap()
            );
            let mut expected = serde_json::to_vec(&value).unwrap();
            expected.push(b'\n');
            assert_eq!(
                String::from_utf8(compact).unwrap(),
                String::from_utf8(expected).unwrap()
            );
        }
    }

    #[test]
    fn rounding() {
        assert_eq!(round4(0.123_456), 0.1235);
        assert_eq!(round4(2.0), 2.0);
    }
}
