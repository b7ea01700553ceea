//! The tags section: counts, the most used tags, pairs used together,
//! near-duplicates, and the place of the untagged articles' list.

use std::fmt::Write;

use super::{MAX_ROWS, Page};
use crate::report::escape::html;
use crate::report::model::TOP;
use crate::report::svg;
use crate::report::text::{Lang, tr_n};

impl Page<'_> {
    pub(super) fn tags(&mut self) {
        let m = self.model;
        self.section_start("tags");
        self.kpis(&[
            (
                "k.tags",
                self.int(m.distinct_tags),
                Some("distinct_tags"),
                None,
            ),
            ("k.tagged", self.int(m.tagged), Some("tagged"), None),
            ("k.untagged", self.int(m.untagged), Some("untagged"), None),
            ("k.singletons", self.int(m.singletons), None, None),
        ]);
        if !m.tags_file {
            let _ = write!(
                self.out,
                "<p class=\"note\">{}</p>",
                self.t("tags.old")
            );
        }
        if m.distinct_tags == 0 {
            let _ = write!(self.out, "<p>{}</p>", self.t("tags.none"));
        } else {
            self.push("<div class=\"grid2\">");
            let top: Vec<(String, u64)> =
                m.tags.iter().take(TOP).cloned().collect();
            self.ranked(self.t("tags.top"), None, &top, Some("tag"), "tags");
            self.pairs();
            self.push("</div>");
            if m.tags_file {
                self.near_duplicates();
            }
        }
        let _ = write!(
            self.out,
            "<div class=\"card\"><h3>{}</h3>",
            self.t("tags.untagged")
        );
        if self
            .input
            .articles
            .iter()
            .all(|a| a.suggested_tags.is_none())
        {
            let _ = write!(
                self.out,
                "<p class=\"note\">{}</p>",
                self.t("tags.nosuggest")
            );
        }
        if let Some(t) = self
            .input
            .tags
            .as_ref()
            .and_then(|t| t.suggestion_threshold)
        {
            let t = format!("{t:.2}");
            let t = if self.lang == Lang::Fr {
                t.replace('.', ",")
            } else {
                t
            };
            let _ = write!(
                self.out,
                "<p class=\"note\">{}</p>",
                html(&tr_n(self.lang, "tags.threshold", &t))
            );
        }
        self.push("<div data-widget=\"untagged\"></div></div></section>");
    }

    pub(super) fn pairs(&mut self) {
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

    pub(super) fn near_duplicates(&mut self) {
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
                    let _ = write!(
                        self.out,
                        " <span class=\"n\">{}</span>",
                        self.int(*n)
                    );
                }
                self.push("</button> ");
            }
            self.push("</td><td>");
            let key = format!("dup.{reason}");
            let known =
                ["dup.same stem", "dup.same slug"].contains(&key.as_str());
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
}
