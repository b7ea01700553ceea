//! The page's static part: header, navigation, and the sections whose
//! size does not grow with the corpus (figures, charts, top lists). The
//! long lists (articles, series, untagged articles, question titles) are
//! drawn by the script from the data island, a page at a time.
//!
//! Every string from the analysis goes through [`super::escape`]; the
//! markup has no `style` attribute and no inline event handler, so the
//! page's Content-Security-Policy can forbid both.

mod overview;
mod questions;
mod tags;

use std::fmt::Write;

use super::escape::{html, push_html};
use super::input::Input;
use super::model::{Model, TOP};
use super::svg;
use super::text::{Lang, dec1, int, tr, tr_count, tr_n};

/// Rows listed at most in a static list (errors, ignored files…).
const MAX_ROWS: usize = 200;

/// Seconds with two decimals below 1 s (`0,02`), one above (`61,2`).
fn seconds(lang: Lang, s: f64) -> String {
    if s < 1.0 {
        let s = format!("{s:.2}");
        if lang == Lang::Fr {
            s.replace('.', ",")
        } else {
            s
        }
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
            let _ = write!(
                self.out,
                "{} <span class=\"path\">",
                self.t("sub.inputs")
            );
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
        for id in [
            "overview",
            "terms",
            "tags",
            "series",
            "questions",
            "articles",
        ] {
            let _ = write!(
                self.out,
                "<li><a href=\"#{id}\">{}</a></li>",
                self.t(id)
            );
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
    fn kpis(
        &mut self,
        items: &[(&str, String, Option<&str>, Option<String>)],
    ) {
        self.push("<dl class=\"kpis\">");
        for (key, value, count, note) in items {
            // A long value (a date range) is set smaller, on a wider card.
            let long = value.contains("<span");
            let class = if long { " class=\"long\"" } else { "" };
            let _ = write!(
                self.out,
                "<div{}><dt>{}</dt>",
                if long { " class=\"wide\"" } else { "" },
                self.t(key)
            );
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
    fn chart(
        &mut self,
        title: &str,
        svg: &str,
        head: (&str, &str),
        rows: &[(String, u64)],
        note: Option<&str>,
    ) {
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
            let _ = write!(
                self.out,
                "</td><td class=\"num\">{}</td></tr>",
                self.int(*n)
            );
        }
        self.push("</tbody></table></details></figure>");
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

    /// A ranked list: label (a filter button when `filter` names the
    /// table's filter field), count, and a bar.
    fn ranked(
        &mut self,
        title: &str,
        note: Option<&str>,
        rows: &[(String, u64)],
        filter: Option<&str>,
        count: &str,
    ) {
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
        let _ = write!(
            self.out,
            "<table class=\"ranked\" data-list=\"{count}\"><tbody>"
        );
        for (label, n) in rows {
            self.push("<tr><th scope=\"row\">");
            match filter {
                Some(field) => {
                    let _ = write!(
                        self.out,
                        "<button type=\"button\" class=\"link\" data-filter=\"{field}\" data-value=\""
                    );
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
        let _ = write!(
            self.out,
            "<p class=\"lead\">{}</p><div class=\"grid3\">",
            self.t("terms.per.article")
        );
        self.ranked(
            self.t("terms.key"),
            Some(self.t("terms.key.why")),
            &m.key_terms,
            Some("term"),
            "key-terms",
        );
        self.ranked(
            self.t("terms.phrases"),
            Some(self.t("terms.phrases.why")),
            &m.key_phrases,
            Some("term"),
            "key-phrases",
        );
        let df: Vec<(String, u64)> = self
            .input
            .corpus
            .top_terms
            .iter()
            .take(TOP)
            .map(|t| (t.term.clone(), t.df))
            .collect();
        self.ranked(
            self.t("terms.df"),
            Some(self.t("terms.df.why")),
            &df,
            None,
            "top-terms",
        );
        self.push("</div></section>");
    }

    fn more_than(&mut self, total: usize, shown: usize) {
        if total > shown {
            let more = tr_count(self.lang, "more", (total - shown) as u64);
            let _ = write!(self.out, "<p class=\"note\">{}</p>", html(&more));
        }
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
        let base = self
            .json_base
            .trim_end_matches('/')
            .trim_end_matches("articles");
        self.text(if base.is_empty() { "." } else { base });
        let _ = write!(
            self.out,
            "</span>. {}</p></div></footer>",
            html(self.t("footer.json"))
        );
    }
}
