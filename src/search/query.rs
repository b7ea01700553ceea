//! Queries: what the user typed → a checked [`Parsed`] query, which
//! [`super::plan`] turns into tantivy queries.
//!
//! The syntax, parsed here rather than by tantivy's query parser so that
//! every word goes through billet's French analysis:
//!
//! - `compost épluchures`: words, each matched in the title, the body,
//!   the key terms or key phrases, the author or a tag; articles that
//!   match every word rank first (see [`super::plan`] for accents,
//!   typos and stopwords, [`super::hits`] for the ranking).
//! - `"jardin partagé"` (also `“…”`, `«…»`): a phrase, its words in this
//!   order (stopwords inside keep their place).
//! - filters, which restrict without changing the ranking:
//!   `tag:cuisine`, `author:morvan` (or `author:"Claire Morvan"`),
//!   `series:composter-en-appartement` (key or name), `part:2`,
//!   `form:pourquoi`, `id:notes-jardin-partage`, `questions:>5`
//!   (`>`, `>=`, `<`, `<=`, `=` or a bare number; also `direct:`,
//!   `indirect:`, `embedded:`), `date:2024`, `date:>=2024-03`, `date:<2024-06-30`;
//!   `title:word` or `title:"a phrase"` searches the title alone.
//!   Accents and case never matter in values.
//! - `-word`, `-"phrase"`, `-tag:cuisine`: exclude.
//!
//! Errors ([`QueryError`]) say what is wrong and where: an unclosed
//! quote, an unknown field, a missing value, a number or date that is
//! none, an unknown question form.

use std::fmt;

use super::schema::{days_from_civil, days_from_iso};

/// Question form names (DESIGN.md), for `form:`.
pub const FORMS: &[&str] = &crate::questions::FORM_NAMES;

/// A query that cannot be understood.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryError {
    /// What is wrong, for a person.
    pub message: String,
    /// Character column (1-based) where the problem starts.
    pub column: usize,
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "column {}: {}", self.column, self.message)
    }
}

impl std::error::Error for QueryError {}

/// A comparison of a number or date filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cmp {
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `=` or none
    Eq,
}

/// A numeric field of the index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumField {
    /// `questions:` (total).
    Questions,
    /// `direct:`
    Direct,
    /// `indirect:`
    Indirect,
    /// `embedded:` (interrogative clauses that ask nobody, not in
    /// `questions:`).
    Embedded,
    /// `part:` (series part).
    Part,
}

/// One clause of a query.
#[derive(Clone, Debug, PartialEq)]
pub enum Clause {
    /// A bare word.
    Word(String),
    /// A quoted phrase.
    Phrase(String),
    /// `title:` words or phrase.
    Title(String),
    /// `tag:`
    Tag(String),
    /// `author:`
    Author(String),
    /// `series:`
    Series(String),
    /// `form:`, a valid form name.
    Form(String),
    /// `id:`
    Id(String),
    /// A number filter.
    Number(NumField, Cmp, u64),
    /// A date filter: days since 1970 of the first day included and of
    /// the first day past the value (`2024` → 2024-01-01, 2025-01-01).
    Date(Cmp, i64, i64),
}

/// A parsed query: its clauses, each maybe negated.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Parsed {
    /// `(excluded, clause)`, in the order typed.
    pub clauses: Vec<(bool, Clause)>,
}

/// Quote pairs accepted around phrases and values.
fn closing_quote(c: char) -> Option<char> {
    match c {
        '"' => Some('"'),
        '“' => Some('”'),
        '«' => Some('»'),
        _ => None,
    }
}

/// Parses what the user typed.
pub fn parse(input: &str) -> Result<Parsed, QueryError> {
    let chars: Vec<(usize, char)> = input.char_indices().collect();
    let col = |i: usize| i + 1;
    let mut clauses = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].1.is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let negated = chars[i].1 == '-'
            && chars.get(i + 1).is_some_and(|&(_, c)| !c.is_whitespace());
        if negated {
            i += 1;
        }
        // A quoted phrase.
        if let Some(close) = closing_quote(chars[i].1) {
            let (text, next) = quoted(&chars, i, close, input)?;
            clauses.push((negated, Clause::Phrase(text)));
            i = next;
            continue;
        }
        // A word, or `field:value`.
        let word_start = i;
        while i < chars.len()
            && !chars[i].1.is_whitespace()
            && chars[i].1 != ':'
            && closing_quote(chars[i].1).is_none()
        {
            i += 1;
        }
        let name: String = chars[word_start..i].iter().map(|c| c.1).collect();
        let is_field = i < chars.len()
            && chars[i].1 == ':'
            && !name.is_empty()
            && name.chars().all(|c| c.is_alphabetic() || c == '_');
        if !is_field {
            // Not a field: the word runs to the next space.
            while i < chars.len() && !chars[i].1.is_whitespace() {
                i += 1;
            }
            let word: String =
                chars[word_start..i].iter().map(|c| c.1).collect();
            clauses.push((negated, Clause::Word(word)));
            continue;
        }
        i += 1; // the colon
        let value_start = i;
        let (value, next) = match chars.get(i) {
            Some(&(_, c)) if closing_quote(c).is_some() => {
                let close = closing_quote(c).expect("checked");
                quoted(&chars, i, close, input)?
            }
            _ => {
                let mut j = i;
                while j < chars.len() && !chars[j].1.is_whitespace() {
                    j += 1;
                }
                (chars[i..j].iter().map(|c| c.1).collect(), j)
            }
        };
        i = next;
        if value.trim().is_empty() {
            return Err(QueryError {
                message: format!(
                    "`{name}:` needs a value (e.g. `tag:cuisine`)"
                ),
                column: col(start),
            });
        }
        let clause = field_clause(&name, &value, col(value_start))?;
        clauses.push((negated, clause));
    }
    Ok(Parsed { clauses })
}

/// The text between the quote at `open` and its closing quote, and the
/// index past the closing quote.
fn quoted(
    chars: &[(usize, char)],
    open: usize,
    close: char,
    input: &str,
) -> Result<(String, usize), QueryError> {
    let mut j = open + 1;
    while j < chars.len() && chars[j].1 != close {
        j += 1;
    }
    if j == chars.len() {
        return Err(QueryError {
            message: format!(
                "unclosed quote: `{}` opened here has no closing `{close}`",
                &input
                    [chars[open].0..chars[open].0 + chars[open].1.len_utf8()]
            ),
            column: open + 1,
        });
    }
    Ok((chars[open + 1..j].iter().map(|c| c.1).collect(), j + 1))
}

const FIELD_NAMES: &str = "tag, author, series, part, questions, direct, \
                           indirect, embedded, form, date, title, id";

fn field_clause(
    name: &str,
    value: &str,
    column: usize,
) -> Result<Clause, QueryError> {
    let err = |message: String| QueryError { message, column };
    let lower = name.to_lowercase();
    let clause = match lower.as_str() {
        "tag" | "tags" => Clause::Tag(value.to_string()),
        "author" | "auteur" => Clause::Author(value.to_string()),
        "series" | "serie" | "série" => Clause::Series(value.to_string()),
        "title" | "titre" => Clause::Title(value.to_string()),
        "id" => Clause::Id(value.trim().to_lowercase()),
        "form" | "forme" => {
            let form = value.trim().to_lowercase().replace(['-', ' '], "_");
            if !FORMS.contains(&form.as_str()) {
                return Err(err(format!(
                    "unknown question form `{value}` (forms: {})",
                    FORMS.join(", ")
                )));
            }
            Clause::Form(form)
        }
        "questions" | "direct" | "indirect" | "embedded" | "enchassees"
        | "enchâssées" | "part" | "partie" => {
            let field = match lower.as_str() {
                "questions" => NumField::Questions,
                "direct" => NumField::Direct,
                "indirect" => NumField::Indirect,
                "embedded" | "enchassees" | "enchâssées" => {
                    NumField::Embedded
                }
                _ => NumField::Part,
            };
            let (cmp, rest) = comparison(value);
            let n: u64 = rest.trim().parse().map_err(|_| {
                err(format!(
                    "`{name}:` expects a whole number{}, got `{rest}`",
                    if cmp == Cmp::Eq && rest == value {
                        " (or >N, >=N, <N, <=N)".to_string()
                    } else {
                        format!(
                            " after `{}`",
                            &value[..value.len() - rest.len()]
                        )
                    }
                ))
            })?;
            Clause::Number(field, cmp, n)
        }
        "date" => {
            let (cmp, rest) = comparison(value);
            let (first, past) = date_span(rest.trim()).ok_or_else(|| {
                err(format!(
                    "`date:` expects YYYY, YYYY-MM or YYYY-MM-DD, got `{rest}`"
                ))
            })?;
            Clause::Date(cmp, first, past)
        }
        _ => {
            return Err(QueryError {
                message: format!(
                    "unknown field `{name}:` (fields: {FIELD_NAMES}); put a \
                     word with a colon in quotes to search it"
                ),
                column: column.saturating_sub(name.chars().count() + 1),
            });
        }
    };
    Ok(clause)
}

/// Splits a leading comparison off a value.
fn comparison(value: &str) -> (Cmp, &str) {
    for (prefix, cmp) in [
        (">=", Cmp::Ge),
        ("<=", Cmp::Le),
        (">", Cmp::Gt),
        ("<", Cmp::Lt),
        ("=", Cmp::Eq),
    ] {
        if let Some(rest) = value.strip_prefix(prefix) {
            return (cmp, rest);
        }
    }
    (Cmp::Eq, value)
}

/// The days (since 1970) of the first day of `YYYY`, `YYYY-MM` or
/// `YYYY-MM-DD`, and of the first day after it.
fn date_span(s: &str) -> Option<(i64, i64)> {
    let digits =
        |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    match s.len() {
        4 if digits(s) => {
            let y: i64 = s.parse().ok()?;
            Some((days_from_civil(y, 1, 1), days_from_civil(y + 1, 1, 1)))
        }
        7 if digits(&s[..4]) && &s[4..5] == "-" && digits(&s[5..]) => {
            let y: i64 = s[..4].parse().ok()?;
            let m: i64 = s[5..].parse().ok()?;
            if !(1..=12).contains(&m) {
                return None;
            }
            let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            Some((days_from_civil(y, m, 1), days_from_civil(ny, nm, 1)))
        }
        _ => {
            let d = days_from_iso(s)?;
            Some((d, d + 1))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clauses(q: &str) -> Vec<(bool, Clause)> {
        parse(q).unwrap_or_else(|e| panic!("{q:?}: {e}")).clauses
    }

    #[test]
    fn syntax() {
        use Clause::*;
        assert_eq!(
            clauses(r#"compost "jardin partagé" -tag:cuisine"#),
            [
                (false, Word("compost".into())),
                (false, Phrase("jardin partagé".into())),
                (true, Tag("cuisine".into())),
            ]
        );
        assert_eq!(
            clauses("embedded:>=1 -Enchâssées:3 indirect:0"),
            [
                (false, Number(NumField::Embedded, Cmp::Ge, 1)),
                (true, Number(NumField::Embedded, Cmp::Eq, 3)),
                (false, Number(NumField::Indirect, Cmp::Eq, 0)),
            ]
        );
        assert_eq!(
            clauses("questions:>5 part:2 date:2024-03 «vide grenier»"),
            [
                (false, Number(NumField::Questions, Cmp::Gt, 5)),
                (false, Number(NumField::Part, Cmp::Eq, 2)),
                (
                    false,
                    Date(
                        Cmp::Eq,
                        days_from_civil(2024, 3, 1),
                        days_from_civil(2024, 4, 1)
                    )
                ),
                (false, Phrase("vide grenier".into())),
            ]
        );
        assert_eq!(
            clauses(r#"author:"Claire Morvan" l'économie 12:30 -"#),
            [
                (false, Author("Claire Morvan".into())),
                (false, Word("l'économie".into())),
                (false, Word("12:30".into())),
                (false, Word("-".into())),
            ]
        );
        assert_eq!(
            clauses("form:qu-est-ce-que"),
            [(false, Form("qu_est_ce_que".into()))]
        );
    }

    #[test]
    fn errors() {
        let cases = [
            (r#"compost "jardin"#, 9, "unclosed quote"),
            ("questions:>abc", 11, "whole number after `>`"),
            ("questions:beaucoup", 11, "whole number (or"),
            ("foo:bar", 1, "unknown field `foo:`"),
            ("tag: cuisine", 1, "needs a value"),
            ("date:hier", 6, "YYYY-MM-DD"),
            ("date:2024-13", 6, "YYYY-MM-DD"),
            ("form:parce_que", 6, "unknown question form"),
            (r#"tag:"zéro"#, 5, "unclosed quote"),
        ];
        for (q, column, message) in cases {
            let err = parse(q).expect_err(q);
            assert!(
                err.message.contains(message),
                "{q:?}: {err} lacks {message:?}"
            );
            assert_eq!(err.column, column, "{q:?}: {err}");
        }
    }
}
