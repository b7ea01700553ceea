//! JSON Schemas of the output files (`billet schema KIND`, shipped in
//! `schema/`), derived by schemars from the serde types of
//! [`crate::output`], so that they cannot say other than what billet
//! writes. They describe billet's output exactly: every field is
//! required unless billet may leave it out (`corpus_documents`), and no
//! other field is allowed, so a validator catches a field added, lost or
//! retyped.
//!
//! The format has a version, [`FORMAT_VERSION`] (`MAJOR.MINOR`), written
//! in `corpus.json` and in each schema's `$id`. A field added bumps the
//! minor version (readers that ignore unknown fields keep working); a
//! field removed, renamed, retyped or given another meaning bumps the
//! major version (docs/output.md).

use schemars::generate::SchemaSettings;
use serde_json::Value;

use crate::output::{Article, CorpusReport, ErrorLine, Series, TagsReport};

/// The version of the output format.
pub const FORMAT_VERSION: &str = "1.1";

/// An output file a schema describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SchemaKind {
    /// `articles/<id>.json` and each line of `articles.jsonl`.
    Article,
    /// `corpus.json`.
    Corpus,
    /// `series.json`.
    Series,
    /// `tags.json`.
    Tags,
    /// Each line of `errors.jsonl`.
    Error,
}

impl SchemaKind {
    /// Every kind, in `billet schema`'s order.
    pub const ALL: [SchemaKind; 5] = [
        SchemaKind::Article,
        SchemaKind::Corpus,
        SchemaKind::Series,
        SchemaKind::Tags,
        SchemaKind::Error,
    ];

    /// Its name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            SchemaKind::Article => "article",
            SchemaKind::Corpus => "corpus",
            SchemaKind::Series => "series",
            SchemaKind::Tags => "tags",
            SchemaKind::Error => "error",
        }
    }

    /// The file it is shipped as, in `schema/`.
    pub fn file_name(self) -> String {
        format!("{}.schema.json", self.name())
    }

    /// The output it describes, for the schema's title.
    fn describes(self) -> &'static str {
        match self {
            SchemaKind::Article => {
                "one article: articles/<id>.json, a line of articles.jsonl"
            }
            SchemaKind::Corpus => "corpus.json",
            SchemaKind::Series => "series.json",
            SchemaKind::Tags => "tags.json",
            SchemaKind::Error => "a line of errors.jsonl",
        }
    }
}

/// The JSON Schema (draft 2020-12) of one output file.
pub fn schema(kind: SchemaKind) -> Value {
    let generator = SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator();
    let root = match kind {
        SchemaKind::Article => generator.into_root_schema_for::<Article>(),
        SchemaKind::Corpus => generator.into_root_schema_for::<CorpusReport>(),
        SchemaKind::Series => generator.into_root_schema_for::<Vec<Series>>(),
        SchemaKind::Tags => generator.into_root_schema_for::<TagsReport>(),
        SchemaKind::Error => generator.into_root_schema_for::<ErrorLine>(),
    };
    let mut value = root.to_value();
    closed(&mut value);
    if let Value::Object(map) = &mut value {
        map.insert(
            "$id".to_string(),
            Value::from(format!(
                "urn:billet:format:{FORMAT_VERSION}:{}",
                kind.name()
            )),
        );
        map.insert(
            "title".to_string(),
            Value::from(format!(
                "billet {} (format {FORMAT_VERSION})",
                kind.describes()
            )),
        );
    }
    value
}

/// The schema of `kind` as shipped: pretty JSON and a final newline.
pub fn schema_text(kind: SchemaKind) -> String {
    let mut text = serde_json::to_string_pretty(&schema(kind))
        .expect("a schema serialises");
    text.push('\n');
    text
}

/// Forbids fields beyond those listed, in every object schema.
fn closed(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if map.contains_key("properties") {
                map.insert("additionalProperties".into(), Value::Bool(false));
            }
            map.values_mut().for_each(closed);
        }
        Value::Array(items) => items.iter_mut().for_each(closed),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_schema_is_closed_and_versioned() {
        for kind in SchemaKind::ALL {
            let s = schema(kind);
            assert_eq!(
                s["$schema"], "https://json-schema.org/draft/2020-12/schema",
                "{kind:?}"
            );
            let id = s["$id"].as_str().unwrap();
            assert!(id.contains(FORMAT_VERSION), "{id}");
            let text = schema_text(kind);
            assert!(!text.contains("\"additionalProperties\": true"));
        }
    }

    #[test]
    fn article_fields_are_required_and_typed() {
        let s = schema(SchemaKind::Article);
        let required: Vec<&str> = s["required"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        for field in ["id", "title", "date", "tags", "questions", "links"] {
            assert!(required.contains(&field), "{field} not required");
        }
        assert_eq!(s["additionalProperties"], false);
        // A title may be null: Option<String> is written as null.
        assert_eq!(
            s["properties"]["title"]["type"],
            serde_json::json!(["string", "null"])
        );
    }

    #[test]
    fn corpus_documents_is_the_one_optional_field() {
        let s = schema(SchemaKind::Corpus);
        let required = s["required"].as_array().unwrap();
        let properties = s["properties"].as_object().unwrap();
        assert_eq!(properties.len(), required.len() + 1);
        assert!(!required.contains(&Value::from("corpus_documents")));
        assert!(required.contains(&Value::from("format_version")));
    }
}
