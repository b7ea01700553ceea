//! The figures of the page, computed once from the [`Input`]: posts per
//! month, the reading-time distribution, tag counts and pairs, question
//! totals and forms, the most frequent key terms and phrases.
//!
//! Everything here is a pure function of the input, so the same analysis
//! always gives the same page. Lists are cut to what a page can show
//! (`TOP` entries); the whole lists stay in the embedded data and the
//! JSON files.

use std::collections::HashMap;

use super::input::{Article, Input};

/// Entries kept in a "most frequent" list.
pub const TOP: usize = 30;

/// Upper bounds (minutes, exclusive) of the reading-time buckets; the
/// last bucket is open.
pub const READING_BOUNDS: [f64; 6] = [1.0, 2.0, 3.0, 5.0, 10.0, 20.0];

/// Beyond this many months the chart shows years.
pub const MAX_MONTHS: usize = 360;

/// The page's figures.
#[derive(Debug, Default)]
pub struct Model {
    /// Posts per period, oldest first, empty periods included:
    /// (label `YYYY-MM` or `YYYY`, count).
    pub timeline: Vec<(String, u64)>,
    /// The timeline counts years (the dates span too long for months).
    pub by_year: bool,
    /// Earliest and latest dates.
    pub date_range: Option<(String, String)>,
    /// Articles without a (valid) date.
    pub undated: u64,
    /// Articles per reading-time bucket ([`READING_BOUNDS`]).
    pub reading: [u64; 7],
    /// Median reading time in minutes.
    pub reading_median: f64,
    /// Tags with their article counts, most used first.
    pub tags: Vec<(String, u64)>,
    /// Distinct tags.
    pub distinct_tags: u64,
    /// Tags used by one article only.
    pub singletons: u64,
    /// Articles with at least one tag / none.
    pub tagged: u64,
    /// Articles without a tag.
    pub untagged: u64,
    /// Pairs of tags used together at least twice, most frequent first.
    pub pairs: Vec<(String, String, u64)>,
    /// Near-duplicate groups (reason, tags), from `tags.json` only.
    pub near_duplicates: Vec<(String, Vec<String>)>,
    /// Tag counts come from `tags.json` (not recounted from articles).
    pub tags_file: bool,
    /// Key terms with the number of articles having them, top first.
    pub key_terms: Vec<(String, u64)>,
    /// Key phrases likewise.
    pub key_phrases: Vec<(String, u64)>,
    /// Question totals.
    pub questions: QuestionTotals,
    /// Questions per form name, in the contract's order then others.
    pub forms: Vec<(String, u64)>,
    /// Indices of the articles that ask their readers the most.
    pub askers: Vec<usize>,
    /// Series with missing parts.
    pub incomplete_series: u64,
    /// Articles that belong to a series.
    pub in_series: u64,
}

/// Sums of the articles' question counts.
#[derive(Debug, Default)]
pub struct QuestionTotals {
    /// `direct + indirect`.
    pub total: u64,
    /// Direct questions.
    pub direct: u64,
    /// Indirect questions.
    pub indirect: u64,
    /// Embedded questions, when the analysis tells them apart.
    pub embedded: Option<u64>,
    /// Articles whose title asks.
    pub titles: u64,
    /// Questions put to the reader.
    pub reader_prompts: u64,
    /// Question sentences standing as headings.
    pub headings: u64,
}

/// The contract's form names, in its order.
pub const FORM_NAMES: [&str; 12] = [
    "qu_est_ce_que",
    "est_ce_que",
    "pourquoi",
    "comment",
    "quand",
    "ou",
    "combien",
    "quel",
    "qui",
    "quoi",
    "inversion",
    "intonation",
];

impl Model {
    /// Computes every figure of the page.
    pub fn new(input: &Input) -> Model {
        let mut model = Model::default();
        model.dates(&input.articles);
        model.reading(&input.articles);
        model.tags(input);
        model.terms(&input.articles);
        model.questions(&input.articles);
        model.incomplete_series = input
            .series
            .iter()
            .filter(|s| !s.missing.is_empty())
            .count() as u64;
        model.in_series =
            input.articles.iter().filter(|a| a.series.is_some()).count()
                as u64;
        model
    }

    fn dates(&mut self, articles: &[Article]) {
        let mut months: HashMap<(u32, u32), u64> = HashMap::new();
        let mut range: Option<(&str, &str)> = None;
        for a in articles {
            let Some((date, y, m)) = a.date.as_deref().and_then(parse_date)
            else {
                self.undated += 1;
                continue;
            };
            *months.entry((y, m)).or_default() += 1;
            range = Some(match range {
                None => (date, date),
                Some((lo, hi)) => (lo.min(date), hi.max(date)),
            });
        }
        self.date_range = range.map(|(a, b)| (a.to_string(), b.to_string()));
        let (Some(&first), Some(&last)) =
            (months.keys().min(), months.keys().max())
        else {
            return;
        };
        let span = ((last.0 - first.0) * 12 + last.1 - first.1 + 1) as usize;
        self.by_year = span > MAX_MONTHS;
        if self.by_year {
            for y in first.0..=last.0 {
                let n = (1..=12).filter_map(|m| months.get(&(y, m))).sum();
                self.timeline.push((y.to_string(), n));
            }
        } else {
            let (mut y, mut m) = first;
            while (y, m) <= last {
                let n = months.get(&(y, m)).copied().unwrap_or(0);
                self.timeline.push((format!("{y:04}-{m:02}"), n));
                (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            }
        }
    }

    fn reading(&mut self, articles: &[Article]) {
        let mut minutes: Vec<f64> = Vec::with_capacity(articles.len());
        for a in articles {
            let r = a.stats.reading_minutes;
            let r = if r.is_finite() && r >= 0.0 { r } else { 0.0 };
            let bucket = READING_BOUNDS
                .iter()
                .position(|&b| r < b)
                .unwrap_or(READING_BOUNDS.len());
            self.reading[bucket] += 1;
            minutes.push(r);
        }
        minutes.sort_by(f64::total_cmp);
        self.reading_median = median(&minutes);
    }

    fn tags(&mut self, input: &Input) {
        let articles = &input.articles;
        self.tagged =
            articles.iter().filter(|a| !a.tags.is_empty()).count() as u64;
        self.untagged = articles.len() as u64 - self.tagged;
        if let Some(file) = &input.tags {
            self.tags_file = true;
            self.tags =
                file.tags.iter().map(|t| (t.tag.clone(), t.count)).collect();
            self.pairs = file
                .co_occurrence
                .iter()
                .filter(|p| p.tags.len() == 2)
                .map(|p| (p.tags[0].clone(), p.tags[1].clone(), p.count))
                .collect();
            self.near_duplicates = file
                .near_duplicates
                .iter()
                .map(|d| (d.reason.clone(), d.tags.clone()))
                .collect();
        } else {
            let mut counts: HashMap<&str, u64> = HashMap::new();
            let mut pairs: HashMap<(&str, &str), u64> = HashMap::new();
            for a in articles {
                let mut tags: Vec<&str> =
                    a.tags.iter().map(String::as_str).collect();
                tags.sort_unstable();
                tags.dedup();
                for (i, t) in tags.iter().enumerate() {
                    *counts.entry(t).or_default() += 1;
                    for u in &tags[i + 1..] {
                        *pairs.entry((t, u)).or_default() += 1;
                    }
                }
            }
            self.tags = counts
                .into_iter()
                .map(|(t, n)| (t.to_string(), n))
                .collect();
            self.pairs = pairs
                .into_iter()
                .filter(|&(_, n)| n >= 2)
                .map(|((a, b), n)| (a.to_string(), b.to_string(), n))
                .collect();
        }
        // Most used first; ties by name, so the page is stable.
        self.tags
            .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        self.pairs.sort_by(|a, b| {
            b.2.cmp(&a.2).then_with(|| (&a.0, &a.1).cmp(&(&b.0, &b.1)))
        });
        self.distinct_tags = self.tags.len() as u64;
        self.singletons = self.tags.iter().filter(|t| t.1 == 1).count() as u64;
    }

    fn terms(&mut self, articles: &[Article]) {
        let mut terms: HashMap<&str, u64> = HashMap::new();
        let mut phrases: HashMap<&str, u64> = HashMap::new();
        for a in articles {
            for t in &a.key_terms {
                *terms.entry(&t.term).or_default() += 1;
            }
            for p in &a.key_phrases {
                *phrases.entry(&p.phrase).or_default() += 1;
            }
        }
        self.key_terms = top(terms, TOP);
        self.key_phrases = top(phrases, TOP);
    }

    fn questions(&mut self, articles: &[Article]) {
        let q = &mut self.questions;
        let mut forms: HashMap<&str, u64> = HashMap::new();
        let mut embedded: Option<u64> = None;
        for a in articles {
            let aq = &a.questions;
            q.total += aq.total;
            q.direct += aq.direct;
            q.indirect += aq.indirect;
            q.titles += u64::from(aq.title);
            q.reader_prompts += aq.reader_prompts;
            if let Some(e) = aq.embedded {
                *embedded.get_or_insert(0) += e;
            }
            q.headings +=
                aq.sentences.iter().filter(|s| s.heading).count() as u64;
            for (name, n) in &aq.forms {
                *forms.entry(name).or_default() += n;
            }
        }
        q.embedded = embedded;
        // The contract's forms in its order (zeros shown: a form nobody
        // uses is a finding too), then any the contract does not name.
        self.forms = FORM_NAMES
            .iter()
            .map(|f| (f.to_string(), forms.remove(f).unwrap_or(0)))
            .collect();
        let mut rest: Vec<(String, u64)> =
            forms.into_iter().map(|(f, n)| (f.to_string(), n)).collect();
        rest.sort();
        self.forms.extend(rest);
        let mut askers: Vec<usize> = (0..articles.len())
            .filter(|&i| articles[i].questions.total > 0)
            .collect();
        askers.sort_by(|&i, &j| {
            let (a, b) = (&articles[i].questions, &articles[j].questions);
            (b.reader_prompts, b.total)
                .cmp(&(a.reader_prompts, a.total))
                .then(i.cmp(&j))
        });
        askers.truncate(15);
        self.askers = askers;
    }
}

/// `YYYY-MM-DD…` → (the date, year, month); `None` for anything else.
fn parse_date(s: &str) -> Option<(&str, u32, u32)> {
    let b = s.as_bytes();
    if b.len() < 10
        || b[4] != b'-'
        || b[7] != b'-'
        || !s.is_char_boundary(10)
        || ![0, 1, 2, 3, 5, 6, 8, 9]
            .iter()
            .all(|&i| b[i].is_ascii_digit())
    {
        return None;
    }
    let y: u32 = s[..4].parse().ok()?;
    let m: u32 = s[5..7].parse().ok()?;
    let d: u32 = s[8..10].parse().ok()?;
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((
        &s[..10],
        y,
        m,
    ))
}

fn median(sorted: &[f64]) -> f64 {
    match sorted.len() {
        0 => 0.0,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

/// The `n` largest counts, ties by name.
fn top(counts: HashMap<&str, u64>, n: usize) -> Vec<(String, u64)> {
    let mut v: Vec<(&str, u64)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    v.truncate(n);
    v.into_iter().map(|(s, c)| (s.to_string(), c)).collect()
}

#[cfg(test)]
mod tests {
    use super::super::input::{Article, KeyTerm, Questions};
    use super::*;

    fn article(date: Option<&str>, tags: &[&str], minutes: f64) -> Article {
        let mut a = Article {
            date: date.map(str::to_string),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            ..Article::default()
        };
        a.stats.reading_minutes = minutes;
        a
    }

    #[test]
    fn months_run_without_gaps_and_undated_are_counted() {
        let input = Input {
            articles: vec![
                article(Some("2023-11-05"), &[], 1.0),
                article(Some("2024-02-01"), &[], 1.0),
                article(Some("2024-02-28"), &[], 1.0),
                article(None, &[], 1.0),
                article(Some("février 2024"), &[], 1.0),
            ],
            ..Input::default()
        };
        let m = Model::new(&input);
        let labels: Vec<_> = m.timeline.iter().map(|t| t.0.as_str()).collect();
        assert_eq!(labels, ["2023-11", "2023-12", "2024-01", "2024-02"]);
        assert_eq!(m.timeline[3].1, 2);
        assert_eq!(m.undated, 2);
        assert!(!m.by_year);
        assert_eq!(
            m.date_range,
            Some(("2023-11-05".into(), "2024-02-28".into()))
        );
    }

    #[test]
    fn a_long_span_is_shown_by_year() {
        let input = Input {
            articles: vec![
                article(Some("1970-01-01"), &[], 1.0),
                article(Some("2024-01-01"), &[], 1.0),
            ],
            ..Input::default()
        };
        let m = Model::new(&input);
        assert!(m.by_year);
        assert_eq!(m.timeline.len(), 55);
    }

    #[test]
    fn reading_buckets_and_median() {
        let input = Input {
            articles: [0.5, 1.0, 2.5, 4.0, 30.0, f64::NAN]
                .iter()
                .map(|&r| article(None, &[], r))
                .collect(),
            ..Input::default()
        };
        let m = Model::new(&input);
        assert_eq!(m.reading, [2, 1, 1, 1, 0, 0, 1]);
        assert_eq!(m.reading_median, 1.75);
    }

    #[test]
    fn tags_are_counted_from_articles_without_tags_json() {
        let input = Input {
            articles: vec![
                article(None, &["vélo", "ville"], 1.0),
                article(None, &["vélo", "ville", "vélo"], 1.0),
                article(None, &["jardin"], 1.0),
                article(None, &[], 1.0),
            ],
            ..Input::default()
        };
        let m = Model::new(&input);
        assert_eq!(m.tags[0], ("ville".to_string(), 2));
        assert_eq!(m.tags[1], ("vélo".to_string(), 2));
        assert_eq!(m.pairs, [("ville".into(), "vélo".into(), 2)]);
        assert_eq!((m.tagged, m.untagged, m.singletons), (3, 1, 1));
        assert!(!m.tags_file);
    }

    #[test]
    fn askers_rank_reader_prompts_first() {
        let mut articles: Vec<Article> =
            (0..3).map(|_| article(None, &[], 1.0)).collect();
        articles[0].questions = Questions {
            total: 9,
            ..Questions::default()
        };
        articles[1].questions = Questions {
            total: 4,
            reader_prompts: 4,
            ..Questions::default()
        };
        articles[2].key_terms = vec![KeyTerm {
            term: "vélo".into(),
        }];
        let m = Model::new(&Input {
            articles,
            ..Input::default()
        });
        assert_eq!(m.askers, [1, 0]);
        assert_eq!(m.key_terms, [("vélo".to_string(), 1)]);
        assert_eq!(m.forms.len(), 12);
        assert_eq!(m.questions.embedded, None);
    }
}
