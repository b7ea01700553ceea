//! Metadata: front matter (YAML `---` or TOML `+++`) and the plain-text
//! conventions → [`Meta`] (title, author, date, tags, slug, series).
//!
//! Front matter that does not parse is reported as a warning; the body is
//! still analysed and its fields stay unknown.

use serde_yaml_ng::Value as Yaml;

/// What is known about a post besides its prose.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Meta {
    /// Title, from front matter, a first `#` heading or the first line.
    pub title: Option<String>,
    /// Author, from front matter or a `Par NAME` line.
    pub author: Option<String>,
    /// Date as `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Tags and categories, in order, without duplicates.
    pub tags: Vec<String>,
    /// A front-matter `slug` or `id`, used for the article id.
    pub slug: Option<String>,
    /// A front-matter `series` name.
    pub series: Option<String>,
    /// A front-matter part number (`series_part`, `part`).
    pub series_part: Option<u32>,
    /// Problems worth telling the user (broken front matter).
    pub warnings: Vec<String>,
}

/// Which front matter syntax a post uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrontMatterKind {
    /// `---` YAML `---`.
    Yaml,
    /// `+++` TOML `+++`.
    Toml,
}

/// Splits a leading front matter block off `text`: (kind, front matter,
/// rest). `None` when the text has none.
pub fn split_front_matter(
    text: &str,
) -> Option<(FrontMatterKind, &str, &str)> {
    let (kind, fence) = if text.starts_with("---") {
        (FrontMatterKind::Yaml, "---")
    } else if text.starts_with("+++") {
        (FrontMatterKind::Toml, "+++")
    } else {
        return None;
    };
    let first_nl = text.find('\n')?;
    if text[fence.len()..first_nl].trim() != "" {
        return None;
    }
    let body_start = first_nl + 1;
    let mut pos = body_start;
    for line in text[body_start..].split_inclusive('\n') {
        let bare = line.trim_end();
        if bare == fence || (kind == FrontMatterKind::Yaml && bare == "...") {
            let fm = &text[body_start..pos];
            let rest = &text[pos + line.len()..];
            return Some((kind, fm, rest));
        }
        pos += line.len();
    }
    None
}

/// Reads the fields billet uses from a front matter block into `meta`.
pub fn read_front_matter(kind: FrontMatterKind, fm: &str, meta: &mut Meta) {
    let result = match kind {
        FrontMatterKind::Yaml => read_yaml(fm, meta),
        FrontMatterKind::Toml => read_toml(fm, meta),
    };
    if let Err(msg) = result {
        meta.warnings
            .push(format!("front matter ignored, it does not parse: {msg}"));
    }
}

fn read_yaml(fm: &str, meta: &mut Meta) -> Result<(), String> {
    if fm.trim().is_empty() {
        return Ok(());
    }
    let doc: Yaml = serde_yaml_ng::from_str(fm).map_err(|e| e.to_string())?;
    let Yaml::Mapping(map) = doc else {
        return Err("not a key: value mapping".to_string());
    };
    for (key, value) in &map {
        let Some(key) = key.as_str() else { continue };
        apply_field(key, &FieldValue::Yaml(value), meta);
    }
    Ok(())
}

fn read_toml(fm: &str, meta: &mut Meta) -> Result<(), String> {
    let table: toml::Table = fm
        .parse()
        .map_err(|e: toml::de::Error| e.message().to_string())?;
    for (key, value) in &table {
        apply_field(key, &FieldValue::Toml(value), meta);
    }
    Ok(())
}

/// A front matter value from either syntax.
enum FieldValue<'a> {
    Yaml(&'a Yaml),
    Toml(&'a toml::Value),
}

impl FieldValue<'_> {
    /// A scalar as text (strings, numbers, booleans, dates).
    fn scalar(&self) -> Option<String> {
        let s = match self {
            FieldValue::Yaml(Yaml::String(s)) => s.clone(),
            FieldValue::Yaml(Yaml::Number(n)) => n.to_string(),
            FieldValue::Yaml(Yaml::Bool(b)) => b.to_string(),
            FieldValue::Yaml(Yaml::Tagged(t)) => {
                return FieldValue::Yaml(&t.value).scalar();
            }
            FieldValue::Toml(toml::Value::String(s)) => s.clone(),
            FieldValue::Toml(toml::Value::Integer(n)) => n.to_string(),
            FieldValue::Toml(toml::Value::Float(n)) => n.to_string(),
            FieldValue::Toml(toml::Value::Boolean(b)) => b.to_string(),
            FieldValue::Toml(toml::Value::Datetime(d)) => d.to_string(),
            _ => return None,
        };
        let s = s.trim();
        (!s.is_empty()).then(|| s.to_string())
    }

    /// A list of scalars; a scalar is split at commas.
    fn list(&self) -> Vec<String> {
        let items: Vec<String> = match self {
            FieldValue::Yaml(Yaml::Sequence(seq)) => seq
                .iter()
                .filter_map(|v| FieldValue::Yaml(v).scalar())
                .collect(),
            FieldValue::Toml(toml::Value::Array(seq)) => seq
                .iter()
                .filter_map(|v| FieldValue::Toml(v).scalar())
                .collect(),
            other => other
                .scalar()
                .map(|s| {
                    s.split(',')
                        .map(|t| t.trim().to_string())
                        .filter(|t| !t.is_empty())
                        .collect()
                })
                .unwrap_or_default(),
        };
        items
    }

    /// An author: a string, the first of a list, or a map's `name`.
    fn person(&self) -> Option<String> {
        match self {
            FieldValue::Yaml(Yaml::Sequence(seq)) => {
                seq.iter().find_map(|v| FieldValue::Yaml(v).person())
            }
            FieldValue::Yaml(Yaml::Mapping(map)) => {
                map.get("name").and_then(|v| FieldValue::Yaml(v).scalar())
            }
            FieldValue::Toml(toml::Value::Array(seq)) => {
                seq.iter().find_map(|v| FieldValue::Toml(v).person())
            }
            FieldValue::Toml(toml::Value::Table(t)) => {
                t.get("name").and_then(|v| FieldValue::Toml(v).scalar())
            }
            other => other.scalar(),
        }
    }
}

fn apply_field(key: &str, value: &FieldValue<'_>, meta: &mut Meta) {
    match key.to_ascii_lowercase().as_str() {
        "title" | "titre" => meta.title = value.scalar(),
        "author" | "auteur" | "authors" => meta.author = value.person(),
        "date" => meta.date = value.scalar().and_then(|d| parse_date(&d)),
        "tags" | "tag" | "categories" | "category" | "keywords" => {
            for tag in value.list() {
                if !meta.tags.contains(&tag) {
                    meta.tags.push(tag);
                }
            }
        }
        "slug" => meta.slug = value.scalar(),
        "id" if meta.slug.is_none() => meta.slug = value.scalar(),
        "series" | "serie" | "série" => {
            meta.series = value.scalar().or_else(|| value.list().pop());
        }
        "series_part" | "part" | "partie" | "episode" => {
            meta.series_part = value.scalar().and_then(|s| s.parse().ok());
        }
        _ => {}
    }
}

/// `YYYY-MM-DD` from the start of a date or date-time
/// (`2008-01-17 12:00:00 +02:00`, `2024-03-12T08:30:00Z`), or from
/// `YYYY/MM/DD` and `DD/MM/YYYY`. `None` if it is not a valid date.
pub fn parse_date(s: &str) -> Option<String> {
    let s = s.trim();
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<&str> = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .take(3)
        .collect();
    if parts.len() < 3 || !parts.iter().all(|p| digits(p)) {
        return None;
    }
    let (y, m, d) = if parts[0].len() == 4 {
        (parts[0], parts[1], parts[2])
    } else if parts[2].len() == 4 {
        (parts[2], parts[1], parts[0])
    } else {
        return None;
    };
    let (y, m, d): (u32, u32, u32) =
        (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || y < 1000 {
        return None;
    }
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// French month names, accents optional.
const MONTHS: &[&[&str]] = &[
    &["janvier", "janv"],
    &["février", "fevrier", "févr", "fevr"],
    &["mars"],
    &["avril", "avr"],
    &["mai"],
    &["juin"],
    &["juillet", "juil"],
    &["août", "aout"],
    &["septembre", "sept"],
    &["octobre", "oct"],
    &["novembre", "nov"],
    &["décembre", "decembre", "déc", "dec"],
];

/// A date written in French inside a short line: `12 mars 2024`,
/// `1er août 2023`, `Publié le mardi 5 novembre 2024`.
pub fn french_date(line: &str) -> Option<String> {
    let words: Vec<&str> = line
        .split(|c: char| {
            c.is_whitespace() || matches!(c, ',' | '.' | '\u{A0}')
        })
        .filter(|w| !w.is_empty())
        .collect();
    words.windows(3).find_map(|w| {
        let day = w[0].strip_suffix("er").unwrap_or(w[0]);
        let day: u32 = day.parse().ok()?;
        let lower = w[1].to_lowercase();
        let month = MONTHS
            .iter()
            .position(|names| names.contains(&lower.as_str()))?;
        let year: u32 = w[2].parse().ok()?;
        let valid = (1..=31).contains(&day) && (1000..=9999).contains(&year);
        valid.then(|| format!("{year:04}-{:02}-{day:02}", month + 1))
    })
}

/// The date in a Jekyll-style file name (`2013-05-02-titre.md`).
pub fn date_from_file_name(source: &str) -> Option<String> {
    let name = source.rsplit('/').next()?;
    let head = name.get(..10)?;
    let b = head.as_bytes();
    (b[4] == b'-' && b[7] == b'-').then(|| parse_date(head))?
}

/// The author named by a signature line: `Par François Lavallée, M. Sc.`
/// → `François Lavallée`. `None` unless the line is short, starts with
/// `Par ` and names someone (a capital follows).
pub fn signature_author(line: &str) -> Option<String> {
    let line = line.trim();
    let rest = line
        .strip_prefix("Par ")
        .or_else(|| line.strip_prefix("par "))
        .or_else(|| line.strip_prefix("PAR "))?;
    if line.chars().count() > 80 {
        return None;
    }
    let rest = rest.trim_start_matches([':', ' ', '\u{A0}']);
    let name = rest.split([',', '(', '|', '—', '–']).next()?.trim();
    let name = name.trim_end_matches(['.', '!']).trim();
    let words = name.split_whitespace().count();
    let first = name.chars().next()?;
    (first.is_uppercase() && (1..=5).contains(&words))
        .then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_front_matter() {
        let text = "---\ntitle: \"Un titre\"\ndate: 2008-01-17 12:00:00 +02:00\n\
                    author: [madx, MoOx]\ntags:\n  - vélo\n  - ville\n\
                    categories: ville, jardin\nslug: un-titre\n---\nCorps\n";
        let (kind, fm, rest) = split_front_matter(text).unwrap();
        assert_eq!(kind, FrontMatterKind::Yaml);
        assert_eq!(rest, "Corps\n");
        let mut meta = Meta::default();
        read_front_matter(kind, fm, &mut meta);
        assert_eq!(meta.title.as_deref(), Some("Un titre"));
        assert_eq!(meta.date.as_deref(), Some("2008-01-17"));
        assert_eq!(meta.author.as_deref(), Some("madx"));
        assert_eq!(meta.tags, ["vélo", "ville", "jardin"]);
        assert_eq!(meta.slug.as_deref(), Some("un-titre"));
        assert!(meta.warnings.is_empty());
    }

    #[test]
    fn toml_front_matter() {
        let text = "+++\ntitle = \"Compost\"\ndate = 2024-01-10\n\
                    tags = [\"jardin\"]\nseries = \"Compost\"\n+++\nCorps";
        let (kind, fm, rest) = split_front_matter(text).unwrap();
        assert_eq!((kind, rest), (FrontMatterKind::Toml, "Corps"));
        let mut meta = Meta::default();
        read_front_matter(kind, fm, &mut meta);
        assert_eq!(meta.title.as_deref(), Some("Compost"));
        assert_eq!(meta.date.as_deref(), Some("2024-01-10"));
        assert_eq!(meta.tags, ["jardin"]);
        assert_eq!(meta.series.as_deref(), Some("Compost"));
    }

    #[test]
    fn broken_front_matter_is_a_warning() {
        let mut meta = Meta::default();
        read_front_matter(FrontMatterKind::Yaml, "title: [oops\n", &mut meta);
        assert_eq!(meta.title, None);
        assert_eq!(meta.warnings.len(), 1);
    }

    #[test]
    fn dates() {
        let cases = [
            ("2013-05-02", Some("2013-05-02")),
            ("2024-03-12T08:30:00Z", Some("2024-03-12")),
            ("2008/1/7", Some("2008-01-07")),
            ("02/05/2013", Some("2013-05-02")),
            ("2013-13-02", None),
            ("hier", None),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_date(input).as_deref(), expected, "{input}");
        }
        assert_eq!(
            date_from_file_name("posts/2013-05-02-titre.md").as_deref(),
            Some("2013-05-02")
        );
        assert_eq!(date_from_file_name("titre.md"), None);
        let french = [
            ("Publié le 12 mars 2024", Some("2024-03-12")),
            ("mardi 1er août 2023", Some("2023-08-01")),
            ("Le 5 Décembre 2022, à Lyon", Some("2022-12-05")),
            ("12 travaux en 2024", None),
        ];
        for (input, expected) in french {
            assert_eq!(french_date(input).as_deref(), expected, "{input}");
        }
    }

    #[test]
    fn signatures() {
        let cases = [
            ("Par François Lavallée, M. Sc.", Some("François Lavallée")),
            ("Par Julie Roy", Some("Julie Roy")),
            ("par exemple, le compost", None),
            ("Par ailleurs il faut", None),
        ];
        for (input, expected) in cases {
            assert_eq!(
                signature_author(input).as_deref(),
                expected,
                "{input}"
            );
        }
    }
}
