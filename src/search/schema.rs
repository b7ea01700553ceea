//! The index schema: which article fields the search index holds, how
//! each is analysed, and which are stored for display.
//!
//! | field | analysis | stored | use |
//! | --- | --- | --- | --- |
//! | `id` | raw (ids are already `[a-z0-9_-]`) | yes | `id:` |
//! | `ord` | u64, fast | no | the line of `articles.jsonl`: ties rank in id order |
//! | `source` | not indexed | yes | display |
//! | `title` | `billet_title` (stop terms kept), positions | yes | words, phrases |
//! | `body` | `billet_fr`, positions | yes | words, phrases, snippets |
//! | `key_terms` | `billet_fr` | no | words |
//! | `key_phrases` | `billet_fr`, positions | no | words, phrases |
//! | `accents` | accented terms of title, body, key terms and phrases (pre-tokenized), no frequencies | no | exact accents rank first |
//! | `author` | `billet_name` | yes | `author:`, words |
//! | `tags` | `billet_kw`, one term a tag | yes | `tag:` |
//! | `series` | `billet_kw`: the series key and name | yes (key) | `series:` |
//! | `part` | u64, fast | yes | `part:` |
//! | `date` | date (day precision), fast | yes (`YYYY-MM-DD`) | `date:` |
//! | `questions`, `direct`, `indirect`, `embedded` | u64, fast | yes | `questions:>N`, `embedded:N` |
//! | `forms` | `billet_kw`, the forms seen at least once | yes | `form:` |

use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema,
    TextFieldIndexing, TextOptions,
};

use super::analyzer;

/// Version of the schema, kept in the index's commit payload: an index
/// built by another version is rebuilt, not misread.
pub const VERSION: &str = "billet-search-3";

/// The fields of the index.
#[derive(Clone, Copy, Debug)]
pub struct Fields {
    /// Article id (exact).
    pub id: Field,
    /// Position of the article in `articles.jsonl` (tie-breaker).
    pub ord: Field,
    /// Source path, for display.
    pub source: Field,
    /// Title.
    pub title: Field,
    /// Body text (the `Section::Body` blocks of the re-read file).
    pub body: Field,
    /// Key terms, one value each.
    pub key_terms: Field,
    /// Key phrases, one value each.
    pub key_phrases: Field,
    /// The accented terms of the text fields (see
    /// [`super::analyzer::FormTerms::accented`]).
    pub accents: Field,
    /// Author name.
    pub author: Field,
    /// Tags, one value each.
    pub tags: Field,
    /// Series key and name.
    pub series: Field,
    /// Stored series key, for display.
    pub series_key: Field,
    /// Part number in the series.
    pub part: Field,
    /// Date (midnight UTC).
    pub date: Field,
    /// Stored date as written, `YYYY-MM-DD`.
    pub date_text: Field,
    /// Questions in the body.
    pub questions: Field,
    /// Direct questions.
    pub direct: Field,
    /// Indirect questions.
    pub indirect: Field,
    /// Embedded interrogative clauses (not in `questions`).
    pub embedded: Field,
    /// Question forms seen at least once.
    pub forms: Field,
}

fn text(tokenizer: &str, positions: bool, stored: bool) -> TextOptions {
    let record = if positions {
        IndexRecordOption::WithFreqsAndPositions
    } else {
        IndexRecordOption::WithFreqs
    };
    let options = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(record),
    );
    if stored {
        options.set_stored()
    } else {
        options
    }
}

fn keyword(stored: bool) -> TextOptions {
    let options = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyzer::KEYWORD)
            .set_index_option(IndexRecordOption::Basic),
    );
    if stored {
        options.set_stored()
    } else {
        options
    }
}

/// The schema and its fields.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let count = || INDEXED | STORED | FAST;
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        ord: b.add_u64_field("ord", FAST),
        source: b.add_text_field("source", STORED),
        title: b.add_text_field("title", text(analyzer::TITLE, true, true)),
        body: b.add_text_field("body", text(analyzer::FRENCH, true, true)),
        key_terms: b
            .add_text_field("key_terms", text(analyzer::FRENCH, false, false)),
        key_phrases: b.add_text_field(
            "key_phrases",
            text(analyzer::FRENCH, true, false),
        ),
        accents: b.add_text_field(
            "accents",
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer("raw")
                    .set_index_option(IndexRecordOption::Basic),
            ),
        ),
        author: b.add_text_field("author", text(analyzer::NAMES, true, true)),
        tags: b.add_text_field("tags", keyword(true)),
        series: b.add_text_field("series", keyword(false)),
        series_key: b.add_text_field("series_key", STORED),
        part: b.add_u64_field("part", count()),
        date: b.add_date_field("date", INDEXED | FAST),
        date_text: b.add_text_field("date_text", STORED),
        questions: b.add_u64_field("questions", count()),
        direct: b.add_u64_field("direct", count()),
        indirect: b.add_u64_field("indirect", count()),
        embedded: b.add_u64_field("embedded", count()),
        forms: b.add_text_field("forms", keyword(true)),
    };
    (b.build(), fields)
}

impl Fields {
    /// The fields of an index built by [`build`]; `None` when a field is
    /// missing (an index of another schema).
    pub fn of(schema: &Schema) -> Option<Fields> {
        let f = |name: &str| schema.get_field(name).ok();
        Some(Fields {
            id: f("id")?,
            ord: f("ord")?,
            source: f("source")?,
            title: f("title")?,
            body: f("body")?,
            key_terms: f("key_terms")?,
            key_phrases: f("key_phrases")?,
            accents: f("accents")?,
            author: f("author")?,
            tags: f("tags")?,
            series: f("series")?,
            series_key: f("series_key")?,
            part: f("part")?,
            date: f("date")?,
            date_text: f("date_text")?,
            questions: f("questions")?,
            direct: f("direct")?,
            indirect: f("indirect")?,
            embedded: f("embedded")?,
            forms: f("forms")?,
        })
    }
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (proleptic Gregorian);
/// `None` when it is no such date.
pub fn days_from_iso(date: &str) -> Option<i64> {
    let b = date.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i64 = date[0..4].parse().ok()?;
    let m: i64 = date[5..7].parse().ok()?;
    let d: i64 = date[8..10].parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=days_in_month(y, m)).contains(&d) {
        return None;
    }
    Some(days_from_civil(y, m, d))
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Howard Hinnant's `days_from_civil`.
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(days_from_iso("1970-01-01"), Some(0));
        assert_eq!(days_from_iso("2000-03-01"), Some(11_017));
        assert_eq!(days_from_iso("2024-02-29"), Some(19_782));
        assert_eq!(days_from_iso("2023-02-29"), None);
        assert_eq!(days_from_iso("2024-13-01"), None);
        assert_eq!(days_from_iso("2024-1-01"), None);
    }

    #[test]
    fn fields_round_trip() {
        let (schema, fields) = build();
        let again = Fields::of(&schema).expect("all fields");
        assert_eq!(again.body, fields.body);
        assert_eq!(again.forms, fields.forms);
    }
}
