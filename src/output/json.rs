//! The JSON of the output files: pretty for the per-article files and
//! the corpus files, compact for `articles.jsonl`, both from one
//! serialisation; numbers as `super::number` writes them.

use serde::Serialize;

/// The pretty JSON of `value` (as [`to_pretty_json`]) and its compact
/// JSON (as `serde_json::to_vec`), each with a final newline, from one
/// serialisation (`super::twin`): an article's file and its
/// `articles.jsonl` line.
pub fn to_pretty_and_compact<T: Serialize>(value: &T) -> (Vec<u8>, Vec<u8>) {
    let mut pretty = Vec::with_capacity(4096);
    let mut compact = Vec::with_capacity(2048);
    if super::twin::write_both(value, &mut pretty, &mut compact).is_err() {
        // A shape the twin writer leaves to serde_json.
        pretty = serde_json::to_vec_pretty(value)
            .expect("report types always serialise");
        compact =
            serde_json::to_vec(value).expect("report types always serialise");
    }
    pretty.push(b'\n');
    compact.push(b'\n');
    (pretty, compact)
}

/// Writes the pretty JSON of `value` with a final newline (the bytes of
/// [`to_pretty_json`]) to the new file `path` ([`super::create_new`]),
/// through a buffer: `tags.json` is ~1.5 MB for ../shared/corpus x10,
/// and a `Vec` grown to it by doubling touched ~4 MB of fresh pages
/// (~600 page faults a run).
pub fn write_pretty_json<T: Serialize>(
    path: &std::path::Path,
    value: &T,
) -> std::io::Result<()> {
    use std::io::Write;
    let file = super::create_new(path)?;
    let mut out = std::io::BufWriter::with_capacity(64 << 10, file);
    serde_json::to_writer_pretty(&mut out, value)?;
    out.write_all(b"\n")?;
    out.flush()
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
    fn a_pretty_json_file_has_the_bytes_of_to_pretty_json() {
        let value = serde_json::json!({"tags": [{"name": "été", "n": 3}]});
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tags.json");
        write_pretty_json(&path, &value).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), to_pretty_json(&value));
        // A new file: an existing one is not replaced.
        assert!(write_pretty_json(&path, &1).is_err());
        assert_eq!(std::fs::read(&path).unwrap(), to_pretty_json(&value));
    }

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

    /// Both sides of [`to_pretty_and_compact`] against serde_json's own.
    fn assert_like_serde_json<T: Serialize>(value: &T) {
        let (pretty, compact) = to_pretty_and_compact(value);
        assert_eq!(
            String::from_utf8(pretty).unwrap(),
            String::from_utf8(to_pretty_json(value)).unwrap()
        );
        let mut expected = serde_json::to_vec(value).unwrap();
        expected.push(b'\n');
        assert_eq!(
            String::from_utf8(compact).unwrap(),
            String::from_utf8(expected).unwrap()
        );
    }

    #[test]
    fn every_control_character_and_float_as_serde_json_writes_them() {
        let text: String = (0u8..0x80).map(char::from).collect();
        assert_like_serde_json(&text);
        assert_like_serde_json(&'\u{1f}');
        for x in [
            0.0,
            -0.0,
            1e-7,
            0.1 + 0.2,
            1e16,
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::NAN,
            f64::INFINITY,
        ] {
            assert_like_serde_json(&x);
            assert_like_serde_json(&(x as f32));
        }
    }

    #[derive(Serialize)]
    struct Shapes {
        unit: (),
        none: Option<u8>,
        some: Option<Vec<u8>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        skipped: Option<u8>,
        tuple: (i8, u128, char),
        newtype: Newtype,
        variant: Plain,
        nested: Vec<Vec<()>>,
    }

    #[derive(Serialize)]
    struct Newtype(&'static str);

    #[derive(Serialize)]
    enum Plain {
        Unit,
    }

    #[derive(Serialize)]
    enum WithData {
        Pair(u8, u8),
    }

    #[test]
    fn struct_shapes_and_shapes_left_to_serde_json() {
        assert_like_serde_json(&Shapes {
            unit: (),
            none: None,
            some: Some(vec![]),
            skipped: None,
            tuple: (-1, u128::MAX, '"'),
            newtype: Newtype("a\nb"),
            variant: Plain::Unit,
            nested: vec![vec![], vec![()]],
        });
        // serde_json quotes number keys; enum data goes in an object.
        let numbered: std::collections::BTreeMap<u32, u32> =
            [(1, 2), (3, 4)].into();
        assert_like_serde_json(&numbered);
        assert_like_serde_json(&vec![WithData::Pair(1, 2)]);
        // Deeper than one copy of the indent's spaces.
        let mut deep = serde_json::json!({"a": [1, "b"]});
        for _ in 0..20 {
            deep = serde_json::json!([{ "x": deep, "y": [] }]);
        }
        assert_like_serde_json(&deep);
    }

    /// Any JSON value: strings of any characters, numbers of each kind.
    fn any_json()
    -> impl proptest::strategy::Strategy<Value = serde_json::Value> {
        use proptest::prelude::*;
        use serde_json::Value;
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            (0u32..100_000).prop_map(|n| Value::from(f64::from(n) / 1e4)),
            ".*".prop_map(Value::from),
        ];
        leaf.prop_recursive(4, 64, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6)
                    .prop_map(Value::Array),
                proptest::collection::btree_map(".*", inner, 0..6)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest::proptest! {
        #[test]
        fn any_value_as_serde_json_writes_it(value in any_json()) {
            assert_like_serde_json(&value);
        }
    }
}
