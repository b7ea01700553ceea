//! The overview section: the corpus's figures, posts per month and
//! reading times as charts, errors and ignored files with their
//! reasons, the boilerplate lines left out.

use std::fmt::Write;

use super::{MAX_ROWS, Page};
use crate::report::escape::clip;
use crate::report::model::READING_BOUNDS;
use crate::report::svg::{self, Bar};
use crate::report::text::{dec1, tr_count};

impl Page<'_> {
    pub(super) fn overview(&mut self) {
        let (c, m) = (&self.input.corpus, self.model);
        self.section_start("overview");
        // Dates are validated YYYY-MM-DD (model::parse_date): no escaping
        // needed; each is kept on one line.
        let range = match &m.date_range {
            Some((a, b)) if a == b => {
                format!("<span class=\"date\">{a}</span>")
            }
            Some((a, b)) => format!(
                "<span class=\"date\">{a}</span> → <span class=\"date\">{b}</span>"
            ),
            None => "—".to_string(),
        };
        let undated = (m.undated > 0).then(|| {
            format!("{} {}", self.int(m.undated), self.t("k.undated"))
        });
        let reading = format!(
            "{}&nbsp;{}",
            dec1(self.lang, m.reading_median),
            self.t("min")
        );
        self.kpis(&[
            ("k.articles", self.int(c.documents), Some("documents"), None),
            ("k.words", self.int(c.words), Some("words"), None),
            (
                "k.stems",
                self.int(c.distinct_stems),
                Some("distinct_stems"),
                None,
            ),
            ("k.range", range, None, undated),
            ("k.reading", reading, None, None),
            (
                "k.series",
                self.int(self.input.series.len() as u64),
                Some("series"),
                None,
            ),
            ("k.failed", self.int(c.failed_files), Some("failed"), None),
            (
                "k.ignored",
                self.int(c.ignored_files),
                Some("ignored"),
                None,
            ),
        ]);
        self.push("<div class=\"grid2\">");
        self.timeline();
        self.reading_chart();
        self.push("</div>");
        self.problems();
        self.boilerplate();
        self.push("</section>");
    }

    pub(super) fn timeline(&mut self) {
        let m = self.model;
        if m.timeline.is_empty() {
            let _ = write!(
                self.out,
                "<figure class=\"card\"><figcaption>{}</figcaption><p>{}</p></figure>",
                self.t("chart.months"),
                self.t("no.dates")
            );
            return;
        }
        let title = if m.by_year {
            self.t("chart.years")
        } else {
            self.t("chart.months")
        };
        // Label January of every k-th year, so labels never overlap.
        let years = m.timeline.len().div_ceil(if m.by_year { 1 } else { 12 });
        let every = years.div_ceil(10).max(1);
        let bars: Vec<Bar> = m
            .timeline
            .iter()
            .enumerate()
            .map(|(i, (label, n))| {
                let year: usize = label[..4].parse().unwrap_or(0);
                let first = if m.by_year {
                    true
                } else {
                    label.ends_with("-01") || i == 0
                };
                Bar {
                    label: &label[..4],
                    show_label: first && year.is_multiple_of(every),
                    tip: format!("{label} : {n}"),
                    value: *n,
                }
            })
            .collect();
        let svg = svg::columns(&bars, title, false);
        let head = if m.by_year {
            self.t("col.year")
        } else {
            self.t("col.month")
        };
        let note = m.by_year.then(|| self.t("chart.years.why"));
        self.chart(
            title,
            &svg,
            (head, self.t("col.posts")),
            &m.timeline,
            note,
        );
    }

    pub(super) fn reading_chart(&mut self) {
        let m = self.model;
        let mut labels = Vec::new();
        let mut lo = 0.0;
        for b in READING_BOUNDS {
            labels.push(format!("{lo}–{b}"));
            lo = b;
        }
        labels.push(format!("{lo}+"));
        let bars: Vec<Bar> = labels
            .iter()
            .zip(m.reading)
            .map(|(l, n)| Bar {
                label: l,
                show_label: true,
                tip: format!("{l} {} : {n}", self.t("min")),
                value: n,
            })
            .collect();
        let title = format!("{} ({})", self.t("chart.reading"), self.t("min"));
        let svg = svg::columns(&bars, &title, true);
        let rows: Vec<(String, u64)> = labels
            .iter()
            .zip(m.reading)
            .map(|(l, n)| (format!("{l} {}", self.t("min")), n))
            .collect();
        self.chart(
            &title,
            &svg,
            (self.t("col.time"), self.t("col.posts")),
            &rows,
            None,
        );
    }

    pub(super) fn problems(&mut self) {
        let input = self.input;
        let c = &input.corpus;
        let _ = write!(
            self.out,
            "<div class=\"card\"><h3>{}</h3>",
            self.t("problems")
        );
        if input.errors.is_empty()
            && c.ignored_files == 0
            && c.skipped_items == 0
            && input.bad_lines.is_empty()
        {
            let _ =
                write!(self.out, "<p>{}</p></div>", self.t("problems.none"));
            return;
        }
        let listed: Vec<(&str, &str, &str, &str)> = input
            .errors
            .iter()
            .map(|e| {
                (
                    "badge warn",
                    self.t("r.error"),
                    e.source.as_str(),
                    e.error.as_str(),
                )
            })
            .chain(input.corpus.ignored.iter().map(|i| {
                (
                    "badge",
                    self.t("r.ignored"),
                    i.source.as_str(),
                    i.reason.as_str(),
                )
            }))
            .collect();
        if !listed.is_empty() {
            let _ = write!(
                self.out,
                "<div class=\"scroll\"><table class=\"data\" data-list=\"problems\"><thead><tr><th scope=\"col\">{}</th>\
                 <th scope=\"col\">{}</th><th scope=\"col\"></th></tr></thead><tbody>",
                self.t("col.file"),
                self.t("col.reason"),
            );
            for (class, kind, source, reason) in listed.iter().take(MAX_ROWS) {
                self.push("<tr><td class=\"path\">");
                self.text(&clip(source, 300));
                self.push("</td><td>");
                self.text(&clip(reason, 300));
                let _ = write!(
                    self.out,
                    "</td><td><span class=\"{class}\">{kind}</span></td></tr>"
                );
            }
            self.push("</tbody></table></div>");
            self.more(listed.len());
        }
        if c.ignored_files > 0 {
            self.push("<p>");
            self.text(&tr_count(self.lang, "ignored.why", c.ignored_files));
            self.push("</p>");
        }
        if c.skipped_items > 0 {
            self.push("<p>");
            self.text(&tr_count(self.lang, "skipped.why", c.skipped_items));
            self.push("</p>");
        }
        if !input.bad_lines.is_empty() {
            self.push("<p>");
            self.text(&tr_count(
                self.lang,
                "bad.lines",
                input.bad_lines.len() as u64,
            ));
            self.push("</p><ul>");
            for (line, why) in input.bad_lines.iter().take(MAX_ROWS) {
                let _ = write!(self.out, "<li>{} {line} : ", self.t("line"));
                self.text(&clip(why, 200));
                self.push("</li>");
            }
            self.push("</ul>");
            self.more(input.bad_lines.len());
        }
        self.push("</div>");
    }

    pub(super) fn boilerplate(&mut self) {
        let lines = &self.input.corpus.boilerplate;
        if lines.is_empty() {
            return;
        }
        let _ = write!(
            self.out,
            "<details class=\"card\"><summary>{} ({})</summary><table class=\"data\"><thead><tr>\
             <th scope=\"col\">{}</th><th scope=\"col\" class=\"num\">{}</th></tr></thead><tbody>",
            self.t("boilerplate"),
            self.int(lines.len() as u64),
            self.t("col.line"),
            self.t("col.count")
        );
        for b in lines.iter().take(MAX_ROWS) {
            self.push("<tr><td>");
            self.text(&clip(&b.line, 300));
            let _ = write!(
                self.out,
                "</td><td class=\"num\">{}</td></tr>",
                self.int(b.count)
            );
        }
        self.push("</tbody></table></details>");
    }
}
