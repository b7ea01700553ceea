//! The report's words in French and English, and numbers written the way
//! each language writes them (`352 125` and `2,7` in French, `352,125`
//! and `2.7` in English).
//!
//! One table holds every string of the page, the static part and the
//! script's (keys starting `js.`, handed to the script as JSON), so a
//! translation is never half done: a test checks that both languages
//! have every key and that no key is looked up that the table lacks.

use std::borrow::Cow;

/// The language of the page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    /// French (the default: the posts are French).
    #[default]
    Fr,
    /// English.
    En,
}

impl Lang {
    /// The `lang` attribute of the page.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }
}

/// (key, French, English). `{n}`-style holes are filled by the caller.
const STRINGS: &[(&str, &str, &str)] = &[
    ("title", "Rapport du corpus", "Corpus report"),
    (
        "skip",
        "Aller au tableau des articles",
        "Skip to the article table",
    ),
    ("nav", "Sections du rapport", "Report sections"),
    ("overview", "Vue d’ensemble", "Overview"),
    ("terms", "Termes et expressions", "Terms and phrases"),
    ("tags", "Étiquettes", "Tags"),
    ("series", "Séries", "Series"),
    ("questions", "Questions", "Questions"),
    ("articles", "Articles", "Articles"),
    ("sub.inputs", "Analyse de", "Analysis of"),
    ("sub.elapsed", "en", "in"),
    ("k.articles", "articles", "articles"),
    ("k.words", "mots", "words"),
    ("k.stems", "radicaux distincts", "distinct stems"),
    ("k.range", "période", "period"),
    ("k.undated", "sans date", "undated"),
    ("k.reading", "lecture médiane", "median reading time"),
    ("k.series", "séries", "series"),
    ("k.tags", "étiquettes distinctes", "distinct tags"),
    ("k.questions", "questions", "questions"),
    ("k.failed", "fichiers en erreur", "files that failed"),
    ("k.ignored", "fichiers ignorés", "files ignored"),
    (
        "k.skipped",
        "éléments WordPress écartés",
        "WordPress items skipped",
    ),
    ("min", "min", "min"),
    ("no.dates", "Aucun article daté.", "No article has a date."),
    ("chart.months", "Billets par mois", "Posts per month"),
    ("chart.years", "Billets par an", "Posts per year"),
    (
        "chart.years.why",
        "Les dates couvrent plus de trente ans : un bâton par an.",
        "The dates span more than thirty years: one bar a year.",
    ),
    ("chart.reading", "Temps de lecture", "Reading time"),
    ("chart.posts", "billets", "posts"),
    ("chart.data", "Les chiffres", "The figures"),
    ("col.month", "Mois", "Month"),
    ("col.year", "Année", "Year"),
    ("col.time", "Durée", "Time"),
    ("col.posts", "Billets", "Posts"),
    (
        "problems",
        "Erreurs et fichiers ignorés",
        "Errors and ignored files",
    ),
    (
        "problems.none",
        "Tous les fichiers lus ont été analysés.",
        "Every file read was analysed.",
    ),
    ("col.file", "Fichier", "File"),
    ("col.reason", "Raison", "Reason"),
    ("r.error", "erreur", "error"),
    ("r.ignored", "ignoré", "ignored"),
    (
        "ignored.why.one",
        "1 fichier ignoré : billet ne lit que .txt, .md, .markdown, .html, \
         .htm et les exports WordPress (.xml) ; les autres fichiers, et un \
         XML qui n’est pas un export WordPress, sont comptés sans être lus.",
        "1 file ignored: billet reads .txt, .md, .markdown, .html, .htm \
         and WordPress exports (.xml) only; other files, and XML that is \
         no WordPress export, are counted and not read.",
    ),
    (
        "skipped.why.one",
        "1 élément d’export WordPress écarté : pages, pièces jointes et \
         brouillons ne sont pas des billets publiés.",
        "1 item of a WordPress export skipped: pages, attachments and \
         drafts are not published posts.",
    ),
    (
        "bad.lines.one",
        "1 ligne illisible d’articles.jsonl a été sautée :",
        "1 unreadable line of articles.jsonl was skipped:",
    ),
    ("more.one", "… et 1 de plus", "… and 1 more"),
    (
        "ignored.why",
        "{n} fichiers ignorés : billet ne lit que .txt, .md, .markdown, \
         .html, .htm et les exports WordPress (.xml) ; les autres \
         fichiers, et un XML qui n’est pas un export WordPress, sont \
         comptés sans être lus.",
        "{n} files ignored: billet reads .txt, .md, .markdown, .html, .htm \
         and WordPress exports (.xml) only; other files, and XML that is \
         no WordPress export, are counted and not read.",
    ),
    (
        "skipped.why",
        "{n} éléments d’exports WordPress écartés : pages, pièces jointes \
         et brouillons ne sont pas des billets publiés.",
        "{n} items of WordPress exports skipped: pages, attachments and \
         drafts are not published posts.",
    ),
    (
        "bad.lines",
        "{n} lignes illisibles d’articles.jsonl ont été sautées :",
        "{n} unreadable lines of articles.jsonl were skipped:",
    ),
    ("line", "ligne", "line"),
    ("more", "… et {n} de plus", "… and {n} more"),
    (
        "boilerplate",
        "Lignes répétées retirées de l’analyse",
        "Repeated lines left out of the analysis",
    ),
    ("col.line", "Ligne", "Line"),
    ("col.count", "Articles", "Articles"),
    (
        "terms.key",
        "Termes clés les plus fréquents",
        "Most frequent key terms",
    ),
    (
        "terms.key.why",
        "Nombre d’articles dont c’est un terme clé.",
        "Number of articles having it as a key term.",
    ),
    (
        "terms.phrases",
        "Expressions clés les plus fréquentes",
        "Most frequent key phrases",
    ),
    (
        "terms.phrases.why",
        "Nombre d’articles dont c’est une expression clé.",
        "Number of articles having it as a key phrase.",
    ),
    (
        "terms.df",
        "Mots les plus répandus",
        "Most widespread words",
    ),
    (
        "terms.df.why",
        "Nombre d’articles où le mot paraît (corpus.json) : des mots \
         courants, rarement des termes clés.",
        "Number of articles the word appears in (corpus.json): common \
         words, seldom key terms.",
    ),
    (
        "terms.per.article",
        "Les termes, expressions, étiquettes et questions de chaque article \
         sont dans le tableau des articles : ouvrez une ligne. Un clic sur \
         un terme filtre le tableau.",
        "Each article’s terms, phrases, tags and questions are in the \
         article table: open a row. Clicking a term filters the table.",
    ),
    ("none", "Aucun.", "None."),
    ("k.tagged", "articles étiquetés", "tagged articles"),
    ("k.untagged", "articles sans étiquette", "untagged articles"),
    (
        "k.singletons",
        "étiquettes employées une fois",
        "tags used once",
    ),
    (
        "tags.top",
        "Étiquettes les plus employées",
        "Most used tags",
    ),
    ("tags.co", "Employées ensemble", "Used together"),
    (
        "tags.co.why",
        "Paires d’étiquettes portées par au moins deux mêmes articles.",
        "Pairs of tags carried by at least two articles.",
    ),
    ("tags.dup", "Quasi-doublons", "Near-duplicates"),
    (
        "tags.dup.why",
        "Étiquettes qui semblent n’en faire qu’une : à fusionner ?",
        "Tags that look like one: merge them?",
    ),
    ("col.tags", "Étiquettes", "Tags"),
    ("col.why", "Pourquoi", "Why"),
    ("dup.same stem", "même radical", "same stem"),
    ("dup.same slug", "même forme simplifiée", "same slug"),
    (
        "tags.none",
        "Aucun article de ce corpus ne porte d’étiquette.",
        "No article of this corpus carries a tag.",
    ),
    (
        "tags.old",
        "Cette analyse n’a pas de tags.json (version de billet antérieure \
         aux suggestions d’étiquettes) : les comptes viennent des articles, \
         graphie par graphie, sans quasi-doublons.",
        "This analysis has no tags.json (billet before tag suggestions): \
         counts come from the articles, spelling by spelling, without \
         near-duplicates.",
    ),
    (
        "tags.untagged",
        "Articles sans étiquette et étiquettes suggérées",
        "Untagged articles and suggested tags",
    ),
    (
        "tags.nosuggest",
        "Cette analyse ne suggère pas d’étiquettes (version de billet \
         antérieure aux suggestions) : relancez billet analyze pour en avoir.",
        "This analysis suggests no tags (billet before suggestions): run \
         billet analyze again to get them.",
    ),
    (
        "tags.threshold",
        "Une suggestion dont le score atteint {n} est juste au moins une \
         fois sur deux ; en dessous, elle est entourée de pointillés.",
        "A suggestion scoring {n} or more is right at least half the time; \
         below, it has a dashed border.",
    ),
    (
        "k.missing",
        "séries incomplètes",
        "series with missing parts",
    ),
    ("k.parts", "articles en série", "articles in a series"),
    (
        "series.none",
        "Aucune série trouvée dans ce corpus.",
        "No series found in this corpus.",
    ),
    ("q.direct", "directes", "direct"),
    ("q.indirect", "indirectes", "indirect"),
    ("q.embedded", "enchâssées", "embedded"),
    ("q.title", "titres interrogatifs", "question titles"),
    ("q.prompts", "adressées au lecteur", "put to the reader"),
    ("q.heading", "en intertitre", "as headings"),
    ("q.forms", "Questions par forme", "Questions by form"),
    (
        "q.forms.why",
        "Questions directes et indirectes ; une forme comptée une fois \
         par phrase.",
        "Direct and indirect questions; a form counted once per sentence.",
    ),
    (
        "q.askers",
        "Articles qui interrogent le plus leurs lecteurs",
        "Articles that ask their readers the most",
    ),
    (
        "q.askers.why",
        "Questions adressées au lecteur (au moins trois questions \
         d’affilée), puis total des questions.",
        "Questions put to the reader (runs of three or more question \
         lines), then all questions.",
    ),
    ("q.titles", "Titres en forme de question", "Titles that ask"),
    (
        "q.old",
        "Cette analyse ne distingue pas les questions enchâssées ni les \
         intertitres.",
        "This analysis does not tell embedded questions or headings apart.",
    ),
    ("col.article", "Article", "Article"),
    ("col.prompts", "Au lecteur", "To the reader"),
    ("col.total", "Questions", "Questions"),
    ("form.qu_est_ce_que", "qu’est-ce que", "qu’est-ce que"),
    ("form.est_ce_que", "est-ce que", "est-ce que"),
    ("form.pourquoi", "pourquoi", "pourquoi (why)"),
    ("form.comment", "comment", "comment (how)"),
    ("form.quand", "quand", "quand (when)"),
    ("form.ou", "où", "où (where)"),
    ("form.combien", "combien", "combien (how many)"),
    ("form.quel", "quel, lequel…", "quel, lequel… (which)"),
    ("form.qui", "qui", "qui (who)"),
    ("form.quoi", "que, quoi", "que, quoi (what)"),
    (
        "form.inversion",
        "inversion (faites-vous)",
        "inversion (faites-vous)",
    ),
    ("form.intonation", "intonation seule", "intonation only"),
    ("filter", "Filtrer les articles", "Filter the articles"),
    ("f.title", "Titre", "Title"),
    ("f.tag", "Étiquette", "Tag"),
    ("f.term", "Terme ou expression", "Term or phrase"),
    ("f.untagged", "Sans étiquette seulement", "Untagged only"),
    ("f.reset", "Tout afficher", "Show all"),
    ("col.title", "Titre", "Title"),
    ("col.date", "Date", "Date"),
    ("col.words", "Mots", "Words"),
    ("col.terms", "Termes clés", "Key terms"),
    ("col.json", "JSON", "JSON"),
    (
        "table.caption",
        "Articles du corpus",
        "The corpus’s articles",
    ),
    (
        "noscript",
        "Le tableau des articles, les séries et les listes détaillées \
         demandent JavaScript.",
        "The article table, the series and the detailed lists need \
         JavaScript.",
    ),
    (
        "footer",
        "Rapport écrit par billet {n} à partir de",
        "Report written by billet {n} from",
    ),
    (
        "footer.json",
        "Chaque article renvoie à son fichier JSON (articles/<id>.json).",
        "Every article links to its JSON file (articles/<id>.json).",
    ),
    ("js.status.all", "{n} articles", "{n} articles"),
    (
        "js.status.some",
        "{n} articles sur {t}",
        "{n} of {t} articles",
    ),
    (
        "js.status.none",
        "Aucun article ne correspond.",
        "No article matches.",
    ),
    ("js.page", "Page {n} sur {t}", "Page {n} of {t}"),
    ("js.first", "Première page", "First page"),
    ("js.prev", "Page précédente", "Previous page"),
    ("js.next", "Page suivante", "Next page"),
    ("js.last", "Dernière page", "Last page"),
    (
        "js.pager.articles",
        "Pages du tableau des articles",
        "Pages of the article table",
    ),
    ("js.pager.series", "Pages des séries", "Pages of the series"),
    (
        "js.pager.untagged",
        "Pages des articles sans étiquette",
        "Pages of the untagged articles",
    ),
    (
        "js.pager.titles",
        "Pages des titres interrogatifs",
        "Pages of the question titles",
    ),
    ("js.untitled", "(sans titre)", "(untitled)"),
    ("js.open", "Détails de", "Details of"),
    ("js.json", "JSON de", "JSON of"),
    ("js.source", "Fichier", "File"),
    ("js.author", "Auteur", "Author"),
    ("js.reading", "Lecture", "Reading"),
    ("js.min", "{n} min", "{n} min"),
    ("js.words", "mots", "words"),
    ("js.terms", "Termes clés", "Key terms"),
    ("js.phrases", "Expressions clés", "Key phrases"),
    ("js.tags", "Étiquettes", "Tags"),
    ("js.suggested", "Étiquettes suggérées", "Suggested tags"),
    (
        "js.suggested.old",
        "pas de suggestions dans cette analyse (version de billet \
         antérieure)",
        "no suggestions in this analysis (older billet)",
    ),
    ("js.questions", "Questions", "Questions"),
    (
        "js.q.counts",
        "questions : {t} (directes {d}, indirectes {i})",
        "questions: {t} ({d} direct, {i} indirect)",
    ),
    ("js.q.embedded", "enchâssées : {n}", "embedded: {n}"),
    ("js.q.prompts", "au lecteur : {n}", "to the reader: {n}"),
    ("js.q.title", "le titre pose une question", "the title asks"),
    ("js.kind.direct", "directe", "direct"),
    ("js.kind.indirect", "indirecte", "indirect"),
    ("js.kind.embedded", "enchâssée", "embedded"),
    ("js.heading", "intertitre", "heading"),
    ("js.series", "Série", "Series"),
    ("js.part", "partie {n}", "part {n}"),
    (
        "js.part.missing",
        "partie {n} manquante",
        "part {n} missing",
    ),
    ("js.announces", "suite annoncée", "sequel announced"),
    ("js.similar", "Articles proches", "Similar articles"),
    ("js.none", "néant", "none"),
    ("js.show", "Voir dans le tableau", "Show in the table"),
    (
        "js.series.filter",
        "Séries incomplètes seulement",
        "Incomplete series only",
    ),
    ("js.series.parts", "{n} parties", "{n} parts"),
    ("js.list.count", "{n} sur {t}", "{n} of {t}"),
    ("js.no.suggestion", "aucune suggestion", "no suggestion"),
    (
        "js.error",
        "Le rapport n’a pas pu lire ses données :",
        "The report could not read its data:",
    ),
    (
        "js.no.decompress",
        "ce navigateur ne sait pas décompresser les données (DecompressionStream) ; ouvrez le rapport dans un navigateur récent.",
        "this browser cannot decompress the data (DecompressionStream); open the report in a recent browser.",
    ),
    ("js.sort", "Trier par", "Sort by"),
];

/// The string for `key` in `lang`.
///
/// # Panics
/// On a key the table lacks: a typo in the report's own code, which the
/// tests (rendering every section in both languages) catch.
pub fn tr(lang: Lang, key: &str) -> &'static str {
    let (_, fr, en) = STRINGS
        .iter()
        .find(|(k, _, _)| *k == key)
        .unwrap_or_else(|| panic!("report string {key:?} missing"));
    match lang {
        Lang::Fr => fr,
        Lang::En => en,
    }
}

/// The string for `key` with `{n}` replaced by `n`.
pub fn tr_n(lang: Lang, key: &str, n: &str) -> String {
    tr(lang, key).replace("{n}", n)
}

/// The string for `key` with `{n}` replaced by `n`, in the singular
/// (`key.one`) when `n` is 1.
pub fn tr_count(lang: Lang, key: &str, n: u64) -> String {
    if n == 1 {
        tr(lang, &format!("{key}.one")).to_string()
    } else {
        tr_n(lang, key, &int(lang, n))
    }
}

/// The script's strings (keys `js.*`, without the prefix, and the form
/// names `form.*`) as a JSON object.
pub fn script_strings(lang: Lang) -> serde_json::Value {
    let map = STRINGS
        .iter()
        .filter_map(|&(k, fr, en)| {
            let k = k
                .strip_prefix("js.")
                .or_else(|| k.starts_with("form.").then_some(k))?;
            let v = if lang == Lang::Fr { fr } else { en };
            Some((k.to_string(), serde_json::Value::from(v)))
        })
        .collect();
    serde_json::Value::Object(map)
}

/// An integer with the language's group separator: a narrow no-break
/// space in French (`352 125`), a comma in English.
pub fn int(lang: Lang, n: u64) -> String {
    let digits = n.to_string();
    let sep = match lang {
        Lang::Fr => '\u{202f}',
        Lang::En => ',',
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// A number with one decimal: `2,7` in French, `2.7` in English.
pub fn dec1(lang: Lang, x: f64) -> String {
    let s = format!("{x:.1}");
    match lang {
        Lang::Fr => s.replace('.', ","),
        Lang::En => s,
    }
}

/// A suggestion's evidence (`suggested_tags[].why`, which the tags stage
/// writes in English, clauses joined by "; ") in the page's language.
/// A clause this function does not know is kept as it is, so a new
/// wording in the tags stage shows up in English rather than vanishing.
pub fn suggestion_why(lang: Lang, why: &str) -> Cow<'_, str> {
    if lang == Lang::En {
        return Cow::Borrowed(why);
    }
    let clauses: Vec<String> = why.split("; ").map(why_clause_fr).collect();
    Cow::Owned(clauses.join(" ; "))
}

fn why_clause_fr(clause: &str) -> String {
    // Each wording twice: as billet writes it, and as billets before
    // 2026-12-05 wrote it ("its title names it", "4 of its 20 most
    // similar tagged articles carry it"), so older outputs read as well.
    match clause.strip_prefix("its ").unwrap_or(clause) {
        // A corpus without tags: suggestions from the article's own words.
        crate::tags::WHY_NO_TAGS => {
            return "aucune étiquette dans ce corpus : un terme clé de cet \
                    article, que d’autres articles emploient aussi"
                .into();
        }
        // Before 2026-12-07, the no-tags path suggested key phrases too.
        "no tags in this corpus: a key phrase of this article" => {
            return "aucune étiquette dans ce corpus : une expression clé de \
                    cet article"
                .into();
        }
        "title names it" => return "son titre la nomme".into(),
        "text names it" => return "son texte la nomme".into(),
        "text names part of it" => {
            return "son texte en nomme une partie".into();
        }
        _ => {}
    }
    if let Some(rest) = clause
        .strip_suffix(" similar tagged articles carry it")
        .map(|r| r.strip_suffix(" most").unwrap_or(r))
        && let Some((voters, of)) = rest
            .split_once(" of its ")
            .or_else(|| rest.split_once(" of "))
        && let (Ok(voters), Ok(of)) =
            (voters.parse::<u64>(), of.parse::<u64>())
    {
        if of == 1 && voters == 1 {
            // A short article few tagged ones share a word with.
            return "le seul article étiqueté proche la porte".into();
        }
        let verb = if voters == 1 {
            "la porte"
        } else {
            "la portent"
        };
        return format!(
            "{} des {} articles étiquetés les plus proches {verb}",
            int(Lang::Fr, voters),
            int(Lang::Fr, of)
        );
    }
    if let Some(cosine) = clause
        .strip_prefix("close to the articles carrying it (cosine ")
        .or_else(|| {
            clause.strip_prefix(
                "its words are close to those of the articles carrying \
                 it (cosine ",
            )
        })
        .and_then(|c| c.strip_suffix(')'))
    {
        return format!(
            "ses mots sont proches de ceux des articles qui la portent \
             (cosinus {})",
            cosine.replace('.', ",")
        );
    }
    clause.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_both_languages_are_written() {
        let mut keys: Vec<&str> = STRINGS.iter().map(|s| s.0).collect();
        keys.sort_unstable();
        let before = keys.len();
        keys.dedup();
        assert_eq!(before, keys.len(), "a key is defined twice");
        for (k, fr, en) in STRINGS {
            assert!(!fr.is_empty() && !en.is_empty(), "{k}");
        }
    }

    #[test]
    fn numbers_follow_the_language() {
        assert_eq!(int(Lang::Fr, 352_125), "352\u{202f}125");
        assert_eq!(int(Lang::En, 352_125), "352,125");
        assert_eq!(int(Lang::En, 1_000_000), "1,000,000");
        assert_eq!(int(Lang::Fr, 999), "999");
        assert_eq!(int(Lang::Fr, 0), "0");
        assert_eq!(dec1(Lang::Fr, 2.66), "2,7");
        assert_eq!(dec1(Lang::En, 2.66), "2.7");
    }

    #[test]
    fn script_strings_drop_the_prefix() {
        let s = script_strings(Lang::En);
        assert_eq!(s["untitled"], "(untitled)");
        assert!(s.get("title").is_none());
    }

    #[test]
    fn suggestion_evidence_in_french() {
        let cases = [
            (
                "4 of 20 similar tagged articles carry it; title names it",
                "4 des 20 articles étiquetés les plus proches la portent ; \
                 son titre la nomme",
            ),
            (
                "1 of 20 similar tagged articles carry it; \
                 text names part of it",
                "1 des 20 articles étiquetés les plus proches la porte ; \
                 son texte en nomme une partie",
            ),
            (
                "1 of 1 similar tagged articles carry it",
                "le seul article étiqueté proche la porte",
            ),
            (
                "1 of 4 similar tagged articles carry it",
                "1 des 4 articles étiquetés les plus proches la porte",
            ),
            ("text names it", "son texte la nomme"),
            (
                "close to the articles carrying it (cosine 0.42)",
                "ses mots sont proches de ceux des articles qui la portent \
                 (cosinus 0,42)",
            ),
            (
                "4 of its 20 most similar tagged articles carry it; \
                 its title names it",
                "4 des 20 articles étiquetés les plus proches la portent ; \
                 son titre la nomme",
            ),
            (
                "1 of its 20 most similar tagged articles carry it; \
                 its text names part of it",
                "1 des 20 articles étiquetés les plus proches la porte ; \
                 son texte en nomme une partie",
            ),
            ("its text names it", "son texte la nomme"),
            (
                "its words are close to those of the articles carrying it \
                 (cosine 0.42)",
                "ses mots sont proches de ceux des articles qui la portent \
                 (cosinus 0,42)",
            ),
            (
                crate::tags::WHY_NO_TAGS,
                "aucune étiquette dans ce corpus : un terme clé de cet \
                 article, que d’autres articles emploient aussi",
            ),
            (
                "no tags in this corpus: a key phrase of this article",
                "aucune étiquette dans ce corpus : une expression clé de cet \
                 article",
            ),
            (
                "a clause from a later billet",
                "a clause from a later billet",
            ),
        ];
        for (en, fr) in cases {
            assert_eq!(suggestion_why(Lang::Fr, en), fr);
            assert_eq!(suggestion_why(Lang::En, en), en);
        }
    }
}
