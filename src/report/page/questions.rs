//! The series and questions sections: their figures, the forms asked,
//! the articles that ask their readers the most, and the places of the
//! lists the script draws (series chains, question titles).

use std::fmt::Write;

use super::Page;
use crate::report::escape::clip;
use crate::report::model::FORM_NAMES;

impl Page<'_> {
    pub(super) fn series(&mut self) {
        let m = self.model;
        self.section_start("series");
        self.kpis(&[
            (
                "k.series",
                self.int(self.input.series.len() as u64),
                None,
                None,
            ),
            (
                "k.missing",
                self.int(m.incomplete_series),
                Some("incomplete_series"),
                None,
            ),
            ("k.parts", self.int(m.in_series), None, None),
        ]);
        if self.input.series.is_empty() {
            let _ = write!(self.out, "<p>{}</p>", self.t("series.none"));
        } else {
            self.push("<div data-widget=\"series\"></div>");
        }
        self.push("</section>");
    }

    pub(super) fn questions(&mut self) {
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
            figures.push((
                "q.heading",
                self.int(q.headings),
                Some("headings"),
                None,
            ));
        }
        figures.push((
            "q.title",
            self.int(q.titles),
            Some("title_questions"),
            None,
        ));
        figures.push((
            "q.prompts",
            self.int(q.reader_prompts),
            Some("reader_prompts"),
            None,
        ));
        self.kpis(&figures);
        if q.embedded.is_none() {
            let _ =
                write!(self.out, "<p class=\"note\">{}</p>", self.t("q.old"));
        }
        self.push("<div class=\"grid2\">");
        let forms: Vec<(String, u64)> = m
            .forms
            .iter()
            .map(|(f, n)| {
                let key = format!("form.{f}");
                let known = FORM_NAMES.contains(&f.as_str());
                (
                    if known {
                        self.t(&key).to_string()
                    } else {
                        f.clone()
                    },
                    *n,
                )
            })
            .collect();
        self.ranked(
            self.t("q.forms"),
            Some(self.t("q.forms.why")),
            &forms,
            None,
            "forms",
        );
        self.askers();
        self.push("</div>");
        let _ = write!(
            self.out,
            "<div class=\"card\"><h3>{}</h3><div data-widget=\"title-questions\"></div></div></section>",
            self.t("q.titles")
        );
    }

    pub(super) fn askers(&mut self) {
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
            let _ = write!(
                self.out,
                "<tr><td><button type=\"button\" class=\"link\" data-show=\"{i}\">"
            );
            match a.title.as_deref().filter(|t| !t.is_empty()) {
                Some(t) => self.text(&clip(t, 300)),
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
}
