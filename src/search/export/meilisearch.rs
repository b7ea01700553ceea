//! Meilisearch: the index settings that `billet export --format
//! meilisearch-settings` prints (and `--format meilisearch --out DIR`
//! writes beside the documents), for `PATCH /indexes/NAME/settings`.
//!
//! - `searchableAttributes`, in Meilisearch's order of importance: the
//!   title, then the words a reader would tag the post with (key phrases
//!   and terms, tags), the series, the author, the questions, the body.
//! - `filterableAttributes`: tags (as written and as slugs), suggested
//!   tags, author, dates, series, question counts and forms, sizes.
//!   Meilisearch compares only numbers with `<`, `>=`…, so each document
//!   also carries `date_timestamp` (the date at 00:00 UTC, in seconds).
//! - `sortableAttributes`: date, title, sizes, number of questions.
//! - `localizedAttributes`: every field is French (`fra`), so that
//!   Meilisearch segments and normalises it as French rather than
//!   guessing the language of each field.
//! - `stopWords`: billet's stopword list (its elided forms aside, which
//!   Meilisearch's French tokenizer already splits off).

use serde_json::{Value, json};

use crate::normalize::DEFAULT_STOPWORDS;

/// The settings of a Meilisearch index of billet's articles.
pub fn settings() -> Value {
    let forms = crate::questions::FORM_NAMES
        .iter()
        .map(|f| format!("questions.forms.{f}"));
    let mut filterable: Vec<String> = [
        "id",
        "source",
        "tags",
        "tag_slugs",
        "suggested_tags.tag",
        "author",
        "date",
        "date_timestamp",
        "series.key",
        "series.name",
        "series.part",
        "questions.total",
        "questions.direct",
        "questions.indirect",
        "questions.embedded",
        "questions.title",
        "stats.words",
        "stats.reading_minutes",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    filterable.extend(forms);
    let stop_words: Vec<&str> = DEFAULT_STOPWORDS
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.ends_with('\''))
        .collect();
    json!({
        "searchableAttributes": [
            "title",
            "key_phrases.phrase",
            "key_terms.term",
            "tags",
            "suggested_tags.tag",
            "series.name",
            "author",
            "questions.sentences.text",
            "body"
        ],
        "filterableAttributes": filterable,
        "sortableAttributes": [
            "date",
            "date_timestamp",
            "title",
            "series.part",
            "stats.words",
            "stats.reading_minutes",
            "questions.total"
        ],
        "localizedAttributes": [
            {"attributePatterns": ["*"], "locales": ["fra"]}
        ],
        "stopWords": stop_words
    })
}

/// `YYYY-MM-DD` → seconds since 1970-01-01 at 00:00 UTC; `None` for
/// anything else. (Days from the civil date, proleptic Gregorian.)
pub fn date_timestamp(date: &str) -> Option<i64> {
    let b = date.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        date.get(r)?.parse::<u32>().ok().map(i64::from)
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days_in = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&m) || d < 1 || d > days_in[(m - 1) as usize] {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some((era * 146_097 + doe - 719_468) * 86_400)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_of_dates() {
        let cases = [
            ("1970-01-01", Some(0)),
            ("2000-02-29", Some(951_782_400)),
            ("2024-03-16", Some(1_710_547_200)),
            ("1969-12-31", Some(-86_400)),
            ("2023-02-29", None),
            ("2024-13-01", None),
            ("2024-3-16", None),
            ("16/03/2024", None),
            ("", None),
        ];
        for (date, want) in cases {
            assert_eq!(date_timestamp(date), want, "{date}");
        }
    }

    #[test]
    fn settings_name_french_and_every_form() {
        let s = settings();
        assert_eq!(
            s["localizedAttributes"],
            json!([{"attributePatterns": ["*"], "locales": ["fra"]}])
        );
        let filterable = s["filterableAttributes"].as_array().unwrap();
        assert!(filterable.contains(&json!("questions.forms.pourquoi")));
        assert!(filterable.contains(&json!("tags")));
        let stop = s["stopWords"].as_array().unwrap();
        assert!(stop.contains(&json!("les")));
        assert!(!stop.iter().any(|w| w.as_str().unwrap().ends_with('\'')));
    }
}
