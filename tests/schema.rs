//! The JSON Schemas shipped in schema/ are the ones the types give
//! (`billet schema KIND` prints them): a field added to an output type
//! without regenerating them fails here. That real output validates
//! against them is checked with a real validator (Python's jsonschema)
//! by .ci/schema.sh.

use std::fs;

use billet::schema::{FORMAT_VERSION, SchemaKind, schema_text};

mod common;
use common::{TestDir, manifest_dir, stderr};

#[test]
fn shipped_schemas_are_the_types_schemas() {
    let dir = manifest_dir().join("schema");
    let bless = std::env::var_os("BILLET_BLESS").is_some();
    let mut drifted = Vec::new();
    for kind in SchemaKind::ALL {
        let path = dir.join(kind.file_name());
        let want = schema_text(kind);
        if bless {
            fs::write(&path, &want).unwrap();
            continue;
        }
        let shipped = fs::read_to_string(&path).unwrap_or_default();
        if shipped != want {
            drifted.push(kind.file_name());
        }
    }
    let mut names: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut expected: Vec<String> =
        SchemaKind::ALL.iter().map(|k| k.file_name()).collect();
    expected.sort();
    assert_eq!(names, expected, "schema/ holds exactly one file per kind");
    assert!(
        drifted.is_empty(),
        "schema/{} no longer match the output types: rerun with \
         BILLET_BLESS=1 cargo test --test schema, review the diff, and \
         bump FORMAT_VERSION (src/schema.rs) as docs/output.md says",
        drifted.join(", schema/")
    );
}

#[test]
fn billet_schema_prints_each_schema() {
    let t = TestDir::new();
    for kind in SchemaKind::ALL {
        let out = t.billet(&["schema", kind.name()]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(String::from_utf8(out.stdout).unwrap(), schema_text(kind));
    }
    let out = t.billet(&["schema", "articles"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "an unknown kind is a usage error"
    );
    assert!(stderr(&out).contains("article"), "{}", stderr(&out));
}

#[test]
fn corpus_json_says_its_format_version() {
    let t = TestDir::new();
    t.write("in/a.txt", "Le compost\n\nLe compost nourrit le jardin.\n");
    let out = t.billet(&["analyze", "in", "--out", "out", "--quiet"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let corpus: serde_json::Value = serde_json::from_slice(
        &fs::read(t.path().join("out/corpus.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(corpus["format_version"], FORMAT_VERSION);
    let schema: serde_json::Value =
        serde_json::from_str(&schema_text(SchemaKind::Corpus)).unwrap();
    assert!(
        schema["$id"].as_str().unwrap().contains(FORMAT_VERSION),
        "{}",
        schema["$id"]
    );
}
