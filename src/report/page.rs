//! The page's static part: header, navigation, and the sections whose
//! size does not grow with the corpus (figures, charts, top lists). The
//! long lists (articles, series, untagged articles, question titles) are
//! drawn by the script from the data island, a page at a time.
//!
//! Every string from the analysis goes through [`super::escape`]; the
//! markup has no `style` attribute and no inline event handler, so the
//! page's Content-Security-Policy can forbid both.

use std::fmt::Write;

use super::escape::{html, push_html};
use super::input::Input;
use super::model::{Model, READING_BOUNDS, TOP};
use super::svg::{self, Bar};
use super::text::{Lang, dec1, int, tr, tr_count, tr_n};

/// Rows listed at most in a static list (errors, ignored files…).
const MAX_ROWS: usize = 200;

/// Seconds with two decimals below 1 s (`0,02`), one above (`61,2`).
fn seconds(lang: Lang, s: f64) -> String {
    if s < 1.0 {
        let s = format!("{s:.2}");
        if lang == Lang::Fr { s.replace('.', ",") } else { s }
    } else {
        dec1(lang, s)
    }
}

/// Builds the `<body>` content of the static part.
pub struct Page<'a> {
    lang: Lang,
    input: &'a Input,
    model: &'a Model,
    /// Relative URL prefix of the article files (`articles/`).
    json_base: &'a str,
    out: String,
}

impl<'a> Page<'a> {
    /// A page for `input` in `lang`; `json_base` is prepended to
    /// `<id>.json` in links to the article files.
    pub fn new(
        lang: Lang,
        input: &'a Input,
        model: &'a Model,
        json_base: &'a str,
    ) -> Page<'a> {
        Page {
            lang,
            input,
            model,
            json_base,
            out: String::with_capacity(64 * 1024),
        }
    }

    /// The markup of the header, the sections and the footer.
    pub fn render(mut self) -> String {
        self.header();
        self.out.push_str("<main id=\"main\">");
        self.overview();
        self.terms();
        self.tags();
        self.series();
        self.questions();
        self.articles();
        self.out.push_str("</main>");
        self.footer();
        self.out
    }

    fn t(&self, key: &str) -> &'static str {
        tr(self.lang, key)
    }

    fn int(&self, n: u64) -> String {
        int(self.lang, n)
    }

    fn push(&mut self, s: &str) {
        self.out.push_str(s);
    }

    fn text(&mut self, s: &str) {
        push_html(&mut self.out, s);
    }

    fn header(&mut self) {
        let c = &self.input.corpus;
        let _ = write!(
            self.out,
            "<a class=\"skip\" href=\"#articles\">{}</a>\
             <header class=\"top\"><div class=\"wrap\"><h1>{}</h1>\
             <p class=\"sub\">",
            self.t("skip"),
            self.t("title")
        );
        if !c.inputs.is_empty() {
            let inputs = c.inputs.join(", ");
            let _ = write!(self.out, "{} <span class=\"path\">", self.t("sub.inputs"));
            self.text(&inputs);
            self.push("</span> · ");
        }
        let _ = write!(
            self.out,
            "{} {} · {} {} s</p><nav aria-label=\"{}\"><ul>",
            self.int(c.documents),
            self.t("k.articles"),
            self.t("sub.elapsed"),
            seconds(self.lang, c.elapsed_seconds),
            self.t("nav")
        );
        for id in ["overview", "terms", "tags", "series", "questions", "articles"] {
            let _ = write!(self.out, "<li><a href=\"#{id}\">{}</a></li>", self.t(id));
        }
        self.push("</ul></nav></div></header>");
    }

    fn section_start(&mut self, id: &str) {
        let _ = write!(
            self.out,
            "<section id=\"{id}\" aria-labelledby=\"h-{id}\"><h2 id=\"h-{id}\">{}</h2>",
            self.t(id)
        );
    }

    /// A row of figures; `value` is markup (numbers we formatted, or
    /// escaped text), `count` names the figure for tests and tools
    /// (`data-count`), `note` is a small line under it.
    fn kpis(&mut self, items: &[(&str, String, Option<&str>, Option<String>)]) {
        self.push("<dl class=\"kpis\">");
        for (key, value, count, note) in items {
            // A long value (a date range) is set smaller, on a wider card.
            let long = value.contains("<span");
            let class = if long { " class=\"long\"" } else { "" };
            let _ = write!(self.out, "<div{}><dt>{}</dt>", if long { " class=\"wide\"" } else { "" }, self.t(key));
            match count {
                Some(c) => {
                    let _ = write!(self.out, "<dd data-count=\"{c}\"{class}>");
                }
                None => {
                    let _ = write!(self.out, "<dd{class}>");
                }
            }
            self.push(value);
            self.push("</dd>");
            if let Some(note) = note {
                self.push("<dd class=\"sub\">");
                self.text(note);
                self.push("</dd>");
            }
            self.push("</div>");
        }
        self.push("</dl>");
    }

    /// A figure: title, chart, and the same figures as a table in a
    /// `<details>` for those who do not see the chart.
    fn chart(&mut self, title: &str, svg: &str, head: (&str, &str), rows: &[(String, u64)], note: Option<&str>) {
        self.push("<figure class=\"card\"><figcaption>");
        self.text(title);
        self.push("</figcaption>");
        self.push(svg);
        if let Some(note) = note {
            self.push("<p class=\"note\">");
            self.text(note);
            self.push("</p>");
        }
        let _ = write!(
            self.out,
            "<details><summary>{}</summary><table class=\"data\"><thead><tr>\
             <th scope=\"col\">{}</th><th scope=\"col\" class=\"num\">{}</th>\
             </tr></thead><tbody>",
            self.t("chart.data"),
            head.0,
            head.1
        );
        for (label, n) in rows {
            self.push("<tr><td>");
            self.text(label);
            let _ = write!(self.out, "</td><td class=\"num\">{}</td></tr>", self.int(*n));
        }
        self.push("</tbody></table></details></figure>");
    }

    fn overview(&mut self) {
        let (c, m) = (&self.input.corpus, self.model);
        self.section_start("overview");
        // Dates are validated YYYY-MM-DD (model::parse_date): no escaping
        // needed; each is kept on one line.
        let range = match &m.date_range {
            Some((a, b)) if a == b => format!("<span class=\"date\">{a}</span>"),
            Some((a, b)) => format!(
                "<span class=\"date\">{a}</span> → <span class=\"date\">{b}</span>"
            ),
            None => "—".to_string(),
        };
        let undated = (m.undated > 0)
            .then(|| format!("{} {}", self.int(m.undated), self.t("k.undated")));
        let reading = format!("{}&nbsp;{}", dec1(self.lang, m.reading_median), self.t("min"));
        self.kpis(&[
            ("k.articles", self.int(c.documents), Some("documents"), None),
            ("k.words", self.int(c.words), Some("words"), None),
            ("k.stems", self.int(c.distinct_stems), Some("distinct_stems"), None),
            ("k.range", range, None, undated),
            ("k.reading", reading, None, None),
            ("k.series", self.int(self.input.series.len() as u64), Some("series"), None),
            ("k.failed", self.int(c.failed_files), Some("failed"), None),
            ("k.ignored", self.int(c.ignored_files), Some("ignored"), None),
        ]);
        self.push("<div class=\"grid2\">");
        self.timeline();
        self.reading_chart();
        self.push("</div>");
        self.problems();
        self.boilerplate();
        self.push("</section>");
    }

    fn timeline(&mut self) {
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
        let title = if m.by_year { self.t("chart.years") } else { self.t("chart.months") };
        // Label January of every k-th year, so labels never overlap.
        let years = m.timeline.len().div_ceil(if m.by_year { 1 } else { 12 });
        let every = years.div_ceil(10).max(1);
        let bars: Vec<Bar> = m
            .timeline
            .iter()
            .enumerate()
            .map(|(i, (label, n))| {
                let year: usize = label[..4].parse().unwrap_or(0);
                let first = if m.by_year { true } else { label.ends_with("-01") || i == 0 };
                Bar {
                    label: &label[..4],
                    show_label: first && (year % every == 0 || every == 1),
                    tip: format!("{label} : {n}"),
                    value: *n,
                }
            })
            .collect();
        let svg = svg::columns(&bars, title, false);
        let head = if m.by_year { self.t("col.year") } else { self.t("col.month") };
        let note = m.by_year.then(|| self.t("chart.years.why"));
        self.chart(title, &svg, (head, self.t("col.posts")), &m.timeline, note);
    }

    fn reading_chart(&mut self) {
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
        self.chart(&title, &svg, (self.t("col.time"), self.t("col.posts")), &rows, None);
    }

    fn problems(&mut self) {
        let input = self.input;
        let c = &input.corpus;
        let _ = write!(self.out, "<div class=\"card\"><h3>{}</h3>", self.t("problems"));
        if input.errors.is_empty() && c.ignored_files == 0 && c.skipped_items == 0 && input.bad_lines.is_empty() {
            let _ = write!(self.out, "<p>{}</p></div>", self.t("problems.none"));
            return;
        }
        let listed: Vec<(&str, &str, &str, &str)> = input
            .errors
            .iter()
            .map(|e| ("badge warn", self.t("r.error"), e.source.as_str(), e.error.as_str()))
            .chain(input.corpus.ignored.iter().map(|i| ("badge", self.t("r.ignored"), i.source.as_str(), i.reason.as_str())))
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
                self.text(&super::escape::clip(source, 300));
                self.push("</td><td>");
                self.text(&super::escape::clip(reason, 300));
                let _ = write!(self.out, "</td><td><span class=\"{class}\">{kind}</span></td></tr>");
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
            self.text(&tr_count(self.lang, "bad.lines", input.bad_lines.len() as u64));
            self.push("</p><ul>");
            for (line, why) in input.bad_lines.iter().take(MAX_ROWS) {
                let _ = write!(self.out, "<li>{} {line} : ", self.t("line"));
                self.text(&super::escape::clip(why, 200));
                self.push("</li>");
            }
            self.push("</ul>");
            self.more(input.bad_lines.len());
        }
        self.push("</div>");
    }

    /// "… and N more" under a list cut at [`MAX_ROWS`].
    fn more(&mut self, total: usize) {
        if total > MAX_ROWS {
            let more = tr_count(self.lang, "more", (total - MAX_ROWS) as u64);
            self.push("<p class=\"note\">");
            self.text(&more);
            self.push("</p>");
        }
    }

    fn boilerplate(&mut self) {
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
            self.text(&super::escape::clip(&b.line, 300));
            let _ = write!(self.out, "</td><td class=\"num\">{}</td></tr>", self.int(b.count));
        }
        self.push("</tbody></table></details>");
    }

    /// A ranked list: label (a filter button when `filter` names the
    /// table's filter field), count, and a bar.
    fn ranked(&mut self, title: &str, note: Option<&str>, rows: &[(String, u64)], filter: Option<&str>, count: &str) {
        self.push("<div class=\"card\"><h3>");
        self.text(title);
        self.push("</h3>");
        if let Some(note) = note {
            self.push("<p class=\"note\">");
            self.text(note);
            self.push("</p>");
        }
        if rows.is_empty() {
            let _ = write!(self.out, "<p>{}</p></div>", self.t("none"));
            return;
        }
        let max = rows.iter().map(|r| r.1).max().unwrap_or(1);
        let _ = write!(self.out, "<table class=\"ranked\" data-list=\"{count}\"><tbody>");
        for (label, n) in rows {
            self.push("<tr><th scope=\"row\">");
            match filter {
                Some(field) => {
                    let _ = write!(self.out, "<button type=\"button\" class=\"link\" data-filter=\"{field}\" data-value=\"");
                    self.text(label);
                    self.push("\">");
                    self.text(label);
                    self.push("</button>");
                }
                None => self.text(label),
            }
            let _ = write!(
                self.out,
                "</th><td class=\"num\">{}</td><td class=\"bar\">{}</td></tr>",
                self.int(*n),
                svg::meter(*n, max)
            );
        }
        self.push("</tbody></table></div>");
    }

    fn terms(&mut self) {
        let m = self.model;
        self.section_start("terms");
        let _ = write!(self.out, "<p class=\"lead\">{}</p><div class=\"grid3\">", self.t("terms.per.article"));
        self.ranked(self.t("terms.key"), Some(self.t("terms.key.why")), &m.key_terms, Some("term"), "key-terms");
        self.ranked(self.t("terms.phrases"), Some(self.t("terms.phrases.why")), &m.key_phrases, Some("term"), "key-phrases");
        let df: Vec<(String, u64)> =
            self.input.corpus.top_terms.iter().take(TOP).map(|t| (t.term.clone(), t.df)).collect();
        self.ranked(self.t("terms.df"), Some(self.t("terms.df.why")), &df, None, "top-terms");
        self.push("</div></section>");
    }

    fn tags(&mut self) {
        let m = self.model;
        self.section_start("tags");
        self.kpis(&[
            ("k.tags", self.int(m.distinct_tags), Some("distinct_tags"), None),
            ("k.tagged", self.int(m.tagged), Some("tagged"), None),
            ("k.untagged", self.int(m.untagged), Some("untagged"), None),
            ("k.singletons", self.int(m.singletons), None, None),
        ]);
        if !m.tags_file {
            let _ = write!(self.out, "<p class=\"note\">{}</p>", self.t("tags.old"));
        }
        if m.distinct_tags == 0 {
            let _ = write!(self.out, "<p>{}</p>", self.t("tags.none"));
        } else {
            self.push("<div class=\"grid2\">");
            let top: Vec<(String, u64)> = m.tags.iter().take(TOP).cloned().collect();
            self.ranked(self.t("tags.top"), None, &top, Some("tag"), "tags");
            self.pairs();
            self.push("</div>");
            if m.tags_file {
                self.near_duplicates();
            }
        }
        let _ = write!(self.out, "<div class=\"card\"><h3>{}</h3>", self.t("tags.untagged"));
        if self.input.articles.iter().all(|a| a.suggested_tags.is_none()) {
            let _ = write!(self.out, "<p class=\"note\">{}</p>", self.t("tags.nosuggest"));
        }
        if let Some(t) = self.input.tags.as_ref().and_then(|t| t.suggestion_threshold) {
            let t = format!("{t:.2}");
            let t = if self.lang == Lang::Fr { t.replace('.', ",") } else { t };
            let _ = write!(self.out, "<p class=\"note\">{}</p>", html(&tr_n(self.lang, "tags.threshold", &t)));
        }
        self.push("<div data-widget=\"untagged\"></div></div></section>");
    }

    fn pairs(&mut self) {
        let m = self.model;
        let _ = write!(
            self.out,
            "<div class=\"card\"><h3>{}</h3><p class=\"note\">{}</p>",
            self.t("tags.co"),
            self.t("tags.co.why")
        );
        if m.pairs.is_empty() {
            let _ = write!(self.out, "<p>{}</p></div>", self.t("none"));
            return;
        }
        let max = m.pairs[0].2;
        self.push("<table class=\"ranked\" data-list=\"pairs\"><tbody>");
        for (a, b, n) in m.pairs.iter().take(TOP) {
            self.push("<tr><th scope=\"row\">");
            for (i, t) in [a, b].into_iter().enumerate() {
                if i == 1 {
                    self.push(" + ");
                }
                self.push("<button type=\"button\" class=\"link\" data-filter=\"tag\" data-value=\"");
                self.text(t);
                self.push("\">");
                self.text(t);
                self.push("</button>");
            }
            let _ = write!(
                self.out,
                "</th><td class=\"num\">{}</td><td class=\"bar\">{}</td></tr>",
                self.int(*n),
                svg::meter(*n, max)
            );
        }
        self.push("</tbody></table>");
        self.more_than(m.pairs.len(), TOP);
        self.push("</div>");
    }

    fn more_than(&mut self, total: usize, shown: usize) {
        if total > shown {
            let more = tr_count(self.lang, "more", (total - shown) as u64);
            let _ = write!(self.out, "<p class=\"note\">{}</p>", html(&more));
        }
    }

    fn near_duplicates(&mut self) {
        let m = self.model;
        let _ = write!(
            self.out,
            "<div class=\"card\"><h3>{}</h3><p class=\"note\">{}</p>",
            self.t("tags.dup"),
            self.t("tags.dup.why")
        );
        if m.near_duplicates.is_empty() {
            let _ = write!(self.out, "<p>{}</p></div>", self.t("none"));
            return;
        }
        let _ = write!(
            self.out,
            "<table class=\"data\" data-list=\"near-duplicates\"><thead><tr><th scope=\"col\">{}</th>\
             <th scope=\"col\">{}</th></tr></thead><tbody>",
            self.t("col.tags"),
            self.t("col.why")
        );
        let counts: std::collections::HashMap<&str, u64> =
            m.tags.iter().map(|(t, n)| (t.as_str(), *n)).collect();
        for (reason, tags) in m.near_duplicates.iter().take(MAX_ROWS) {
            self.push("<tr><td>");
            for t in tags {
                self.push("<button type=\"button\" class=\"chip\" data-filter=\"tag\" data-value=\"");
                self.text(t);
                self.push("\">");
                self.text(t);
                if let Some(n) = counts.get(t.as_str()) {
                    let _ = write!(self.out, " <span class=\"n\">{}</span>", self.int(*n));
                }
                self.push("</button> ");
            }
            self.push("</td><td>");
            let key = format!("dup.{reason}");
            let known = ["dup.same stem", "dup.same slug"].contains(&key.as_str());
            if known {
                self.push(self.t(&key));
            } else {
                self.text(reason);
            }
            self.push("</td></tr>");
        }
        self.push("</tbody></table>");
        self.more(m.near_duplicates.len());
        self.push("</div>");
    }

    fn series(&mut self) {
        let m = self.model;
        self.section_start("series");
        self.kpis(&[
            ("k.series", self.int(self.input.series.len() as u64), None, None),
            ("k.missing", self.int(m.incomplete_series), Some("incomplete_series"), None),
            ("k.parts", self.int(m.in_series), None, None),
        ]);
        if self.input.series.is_empty() {
            let _ = write!(self.out, "<p>{}</p>", self.t("series.none"));
        } else {
            self.push("<div data-widget=\"series\"></div>");
        }
        self.push("</section>");
    }

    fn questions(&mut self) {
        let m = self.model;
        let q = &m.questions;
        self.section_start("questions");
        let mut figures = vec![
            ("k.questions", self.int(q.total), Some("questions"), None),
            ("q.direct", self.int(q.direct), Some("direct"), None),
            ("q.indirect", self.int(q.indirect), Some("indirect"), None),
        ];
        if let Some(e) = q.embedded {
            figures.push(("q.embedded", self.int(e), Some("embedded"), None));
            figures.push(("q.heading", self.int(q.headings), Some("headings"), None));
        }
        figures.push(("q.title", self.int(q.titles), Some("title_questions"), None));
        figures.push(("q.prompts", self.int(q.reader_prompts), Some("reader_prompts"), None));
        self.kpis(&figures);
        if q.embedded.is_none() {
            let _ = write!(self.out, "<p class=\"note\">{}</p>", self.t("q.old"));
        }
        self.push("<div class=\"grid2\">");
        let forms: Vec<(String, u64)> = m
            .forms
            .iter()
            .map(|(f, n)| {
                let key = format!("form.{f}");
                let known = super::model::FORM_NAMES.contains(&f.as_str());
                (if known { self.t(&key).to_string() } else { f.clone() }, *n)
            })
            .collect();
        self.ranked(self.t("q.forms"), Some(self.t("q.forms.why")), &forms, None, "forms");
        self.askers();
        self.push("</div>");
        let _ = write!(
            self.out,
            "<div class=\"card\"><h3>{}</h3><div data-widget=\"title-questions\"></div></div></section>",
            self.t("q.titles")
        );
    }

    fn askers(&mut self) {
        let m = self.model;
        let _ = write!(
            self.out,
            "<div class=\"card\"><h3>{}</h3><p class=\"note\">{}</p>",
            self.t("q.askers"),
            self.t("q.askers.why")
        );
        if m.askers.is_empty() {
            let _ = write!(self.out, "<p>{}</p></div>", self.t("none"));
            return;
        }
        let _ = write!(
            self.out,
            "<table class=\"data\" data-list=\"askers\"><thead><tr><th scope=\"col\">{}</th>\
             <th scope=\"col\" class=\"num\">{}</th><th scope=\"col\" class=\"num\">{}</th></tr></thead><tbody>",
            self.t("col.article"),
            self.t("col.prompts"),
            self.t("col.total")
        );
        for &i in &m.askers {
            let a = &self.input.articles[i];
            let _ = write!(self.out, "<tr><td><button type=\"button\" class=\"link\" data-show=\"{i}\">");
            match a.title.as_deref().filter(|t| !t.is_empty()) {
                Some(t) => self.text(&super::escape::clip(t, 300)),
                None => self.text(&a.id),
            }
            self.push("</button> <a class=\"json\" href=\"");
            self.text(self.json_base);
            self.text(&a.id);
            let _ = write!(
                self.out,
                ".json\">JSON</a></td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                self.int(a.questions.reader_prompts),
                self.int(a.questions.total)
            );
        }
        self.push("</tbody></table></div>");
    }

    fn articles(&mut self) {
        self.section_start("articles");
        let _ = write!(
            self.out,
            "<form class=\"filters\" role=\"search\" aria-label=\"{}\" data-widget=\"filters\">\
             <label>{}<input type=\"search\" name=\"title\" autocomplete=\"off\"></label>\
             <label>{}<input type=\"search\" name=\"tag\" list=\"tag-list\" autocomplete=\"off\"></label>\
             <label>{}<input type=\"search\" name=\"term\" autocomplete=\"off\"></label>\
             <label class=\"check\"><input type=\"checkbox\" name=\"untagged\"> {}</label>\
             <button type=\"reset\">{}</button></form><datalist id=\"tag-list\">",
            self.t("filter"),
            self.t("f.title"),
            self.t("f.tag"),
            self.t("f.term"),
            self.t("f.untagged"),
            self.t("f.reset"),
        );
        for (tag, _) in self.model.tags.iter().take(500) {
            self.push("<option value=\"");
            self.text(tag);
            self.push("\">");
        }
        let _ = write!(
            self.out,
            "</datalist><p class=\"status\" role=\"status\" aria-live=\"polite\" id=\"article-status\"></p>\
             <div class=\"scroll\"><table class=\"articles\" id=\"article-table\" aria-describedby=\"article-status\">\
             <caption>{}</caption><thead><tr>\
             <th scope=\"col\" data-sort=\"title\">{}</th>\
             <th scope=\"col\" data-sort=\"date\">{}</th>\
             <th scope=\"col\" data-sort=\"words\" class=\"num\">{}</th>\
             <th scope=\"col\" data-sort=\"questions\" class=\"num\">{}</th>\
             <th scope=\"col\">{}</th><th scope=\"col\">{}</th>\
             <th scope=\"col\">{}</th></tr></thead><tbody></tbody></table></div>\
             <nav class=\"pager\" data-widget=\"pager\"></nav>\
             <noscript><p>{}</p></noscript></section>",
            self.t("table.caption"),
            self.t("col.title"),
            self.t("col.date"),
            self.t("col.words"),
            self.t("col.total"),
            self.t("col.tags"),
            self.t("col.terms"),
            self.t("col.json"),
            self.t("noscript"),
        );
    }

    fn footer(&mut self) {
        let _ = write!(
            self.out,
            "<footer><div class=\"wrap\"><p>{} <span class=\"path\">",
            html(&tr_n(self.lang, "footer", env!("CARGO_PKG_VERSION")))
        );
        let base = self.json_base.trim_end_matches('/').trim_end_matches("articles");
        self.text(if base.is_empty() { "." } else { base });
        let _ = write!(self.out, "</span>. {}</p></div></footer>", html(self.t("footer.json")));
    }
}
