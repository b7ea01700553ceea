//! `billet export … --out DIR`: bulk files in chunks a server takes,
//! Meilisearch settings beside the documents, a folder replaced whole and
//! only when it is an export; and what the settings and the mapping
//! promise, checked against the real articles of our corpus.

use std::fs;
use std::path::Path;

use billet::search::export::{ExportFormat, ExportOptions, export_to_dir};
use serde_json::Value;

mod common;
use common::{TestDir, manifest_dir, stderr};

/// Our corpus analysed into `t/out`.
fn analysed() -> TestDir {
    let t = TestDir::new();
    let corpus = manifest_dir().join("corpus");
    let out = t.billet(&[
        "analyze",
        corpus.to_str().unwrap(),
        "--out",
        "out",
        "--quiet",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    t
}

fn stdout_of(t: &TestDir, args: &[&str]) -> Vec<u8> {
    let out = t.billet(args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    out.stdout
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn es_bulk_into_a_folder_comes_in_chunks_of_whole_pairs() {
    let t = analysed();
    let whole =
        stdout_of(&t, &["export", "out", "--format", "es-bulk", "--body"]);
    let mut options = ExportOptions::new(ExportFormat::EsBulk);
    options.body = true;
    options.chunk_bytes = 40_000;
    let dir = t.path().join("es");
    let summary =
        export_to_dir(&t.path().join("out"), &options, &dir, &billet::Silent)
            .unwrap();
    assert_eq!(summary.articles, 20);
    let chunks: Vec<String> = names(&dir)
        .into_iter()
        .filter(|n| n.starts_with("bulk-"))
        .collect();
    assert!(chunks.len() >= 3, "{chunks:?}");
    assert_eq!(chunks[0], "bulk-00001.ndjson");
    let mut joined = Vec::new();
    for name in &chunks {
        let bytes = fs::read(dir.join(name)).unwrap();
        let lines: Vec<&str> =
            std::str::from_utf8(&bytes).unwrap().lines().collect();
        // Even lines: an action and its article, never apart; under the
        // limit unless one pair alone is over it.
        assert_eq!(lines.len() % 2, 0, "{name}");
        assert!(
            bytes.len() <= 40_000 || lines.len() == 2,
            "{name}: {}",
            bytes.len()
        );
        for pair in lines.chunks(2) {
            let action: Value = serde_json::from_str(pair[0]).unwrap();
            let article: Value = serde_json::from_str(pair[1]).unwrap();
            assert_eq!(action["index"]["_id"], article["id"]);
        }
        joined.extend(bytes);
    }
    assert_eq!(joined, whole);
    let mapping = stdout_of(&t, &["export", "out", "--format", "es-mapping"]);
    assert_eq!(fs::read(dir.join("mapping.json")).unwrap(), mapping);
    let marker: Value = serde_json::from_slice(
        &fs::read(dir.join("billet-export.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(marker["format"], "es-bulk");

    // Again, with one chunk: the old chunks are gone.
    let out =
        t.billet(&["export", "out", "--format", "es-bulk", "--out", "es"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        names(&dir),
        ["billet-export.json", "bulk-00001.ndjson", "mapping.json"]
    );
}

#[test]
fn a_folder_that_is_not_an_export_is_left_alone() {
    let t = analysed();
    t.write("site/index.html", "mine");
    for format in ["es-bulk", "meilisearch", "jsonl", "pagefind"] {
        let out =
            t.billet(&["export", "out", "--format", format, "--out", "site"]);
        assert_eq!(out.status.code(), Some(2), "{format}");
        assert_eq!(t.read("site/index.html"), "mine");
    }
    assert_eq!(names(&t.path().join("site")), ["index.html"]);
    // Nor is the analysis itself, nor another format's export.
    let out =
        t.billet(&["export", "out", "--format", "jsonl", "--out", "out"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not replaced"), "{}", stderr(&out));
    let out = t.billet(&["export", "out", "--format", "jsonl", "--out", "j"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(t.read("j/articles.jsonl"), t.read("out/articles.jsonl"));
    let out =
        t.billet(&["export", "out", "--format", "es-bulk", "--out", "j"]);
    assert_eq!(out.status.code(), Some(2));
    // No staging folder is left behind by the refusals.
    let left: Vec<String> = names(t.path())
        .into_iter()
        .filter(|n| n.starts_with(".billet-export"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    // pagefind needs a folder.
    let out = t.billet(&["export", "out", "--format", "pagefind"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--out DIR"), "{}", stderr(&out));
}

/// The value at a dotted path of a document (through arrays), if any.
fn reaches(doc: &Value, path: &str) -> bool {
    let mut values = vec![doc];
    for key in path.split('.') {
        let mut next = Vec::new();
        for v in values {
            match v {
                Value::Array(items) => {
                    next.extend(items.iter().map(|i| &i[key]))
                }
                other => next.push(&other[key]),
            }
        }
        values = next
            .into_iter()
            .flat_map(|v| match v {
                Value::Array(items) => items.iter().collect::<Vec<_>>(),
                other => vec![other],
            })
            .collect();
    }
    values.iter().any(|v| !v.is_null())
}

#[test]
fn meilisearch_settings_beside_documents_name_real_fields() {
    let t = analysed();
    let out = t.billet(&[
        "export",
        "out",
        "--format",
        "meilisearch",
        "--out",
        "m",
        "--body",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let dir = t.path().join("m");
    assert_eq!(
        names(&dir),
        ["billet-export.json", "documents.json", "settings.json"]
    );
    let settings =
        stdout_of(&t, &["export", "out", "--format", "meilisearch-settings"]);
    assert_eq!(fs::read(dir.join("settings.json")).unwrap(), settings);
    let settings: Value = serde_json::from_slice(&settings).unwrap();
    let docs: Value =
        serde_json::from_slice(&fs::read(dir.join("documents.json")).unwrap())
            .unwrap();
    let docs = docs.as_array().unwrap();
    assert_eq!(docs.len(), 20);
    // Every attribute the settings name is in the documents, but the
    // tags helper's fields, which an analysis without tags work lacks.
    let optional = ["tag_slugs", "suggested_tags.tag"];
    for list in [
        "searchableAttributes",
        "filterableAttributes",
        "sortableAttributes",
    ] {
        for attr in settings[list].as_array().unwrap() {
            let attr = attr.as_str().unwrap();
            if optional.contains(&attr) {
                continue;
            }
            assert!(
                docs.iter().any(|d| reaches(d, attr)),
                "{list}: {attr} is in no document"
            );
        }
    }
    assert_eq!(settings["localizedAttributes"][0]["locales"][0], "fra");
}

#[test]
fn es_mapping_nests_lists_and_keeps_raw_facets() {
    let t = analysed();
    let m: Value = serde_json::from_slice(&stdout_of(
        &t,
        &["export", "out", "--format", "es-mapping"],
    ))
    .unwrap();
    assert_eq!(m["settings"]["index"]["number_of_replicas"], 0);
    let props = &m["mappings"]["properties"];
    for path in [
        &props["key_terms"],
        &props["key_phrases"],
        &props["suggested_tags"],
        &props["questions"]["properties"]["sentences"],
        &props["links"]["properties"]["related"],
        &props["links"]["properties"]["similar"],
    ] {
        assert_eq!(path["type"], "nested", "{path}");
        assert_eq!(path["include_in_parent"], true);
    }
    // Facets show values as written: every folded keyword and every
    // French text a person reads has a raw keyword beside it.
    for field in [
        &props["tags"],
        &props["series"]["properties"]["key"],
        &props["series"]["properties"]["name"],
        &props["title"],
        &props["author"],
    ] {
        assert_eq!(field["fields"]["raw"]["type"], "keyword", "{field}");
    }
    assert_eq!(props["tags"]["normalizer"], "billet_keyword");
    assert_eq!(props["tag_slugs"]["type"], "keyword");
}
