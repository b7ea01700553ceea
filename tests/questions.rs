//! Evaluation and behaviour tests of `billet::questions` (issue 3).
//!
//! 1. `tsv_precision_recall`: every hand-labelled sentence of
//!    `tests/data/questions.tsv` is classified; precision, recall and F1
//!    are printed per kind and per form, and the micro-F1 of kinds and of
//!    forms must reach 0.95.
//! 2. `analyze_cases`: table-driven cases for the article-level counts
//!    (reader prompts, list lines without `?`, title, once per sentence).
//! 3. `seed_golden`: the counts of the seed post, determined by hand.

use billet::questions::{
    FORM_NAMES, Forms, Kind, Questions, SentenceRef, analyze, classify,
    title_is_question,
};

const TSV: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/questions.tsv"
));

/// One labelled row: text, kind ("direct", "indirect", "none"), forms,
/// in_list.
struct Row<'a> {
    line: usize,
    text: &'a str,
    kind: &'a str,
    forms: Forms,
    in_list: bool,
}

fn rows() -> Vec<Row<'static>> {
    let mut out = Vec::new();
    for (n, line) in TSV.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 4, "line {}: 4 columns expected", n + 1);
        let mut forms = Forms::EMPTY;
        for name in cols[2].split(',').filter(|s| !s.is_empty()) {
            let f = Forms::from_name(name).unwrap_or_else(|| {
                panic!("line {}: unknown form {name:?}", n + 1)
            });
            forms.insert(f);
        }
        assert!(
            matches!(cols[1], "direct" | "indirect" | "none"),
            "line {}: bad kind {:?}",
            n + 1,
            cols[1]
        );
        out.push(Row {
            line: n + 1,
            text: cols[0],
            kind: cols[1],
            forms,
            in_list: cols[3] == "1",
        });
    }
    out
}

#[derive(Default, Clone, Copy)]
struct Prf {
    tp: u32,
    fp: u32,
    fn_: u32,
}

impl Prf {
    fn p(self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    fn r(self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    fn f1(self) -> f64 {
        let (p, r) = (self.p(), self.r());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, o: Prf) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

fn ratio(a: u32, b: u32) -> f64 {
    if b == 0 {
        1.0
    } else {
        f64::from(a) / f64::from(b)
    }
}

fn print_row(name: &str, m: Prf) {
    println!(
        "{name:<14} {:>4} {:>4} {:>4}   {:.3}  {:.3}  {:.3}",
        m.tp,
        m.fp,
        m.fn_,
        m.p(),
        m.r(),
        m.f1()
    );
}

#[test]
fn tsv_precision_recall() {
    let rows = rows();
    assert!(rows.len() >= 220, "at least 220 rows, got {}", rows.len());
    let mut kinds = [Prf::default(); 2]; // direct, indirect
    let mut forms = [Prf::default(); 12];
    let mut per_form_rows = [0u32; 12];
    let mut mistakes = Vec::new();
    let mut negatives = 0;
    for row in &rows {
        let got = classify(row.text, row.in_list);
        let got_kind = match got {
            Some((Kind::Direct, _)) => "direct",
            Some((Kind::Indirect, _)) => "indirect",
            None => "none",
        };
        let got_forms = got.map_or(Forms::EMPTY, |(_, f)| f);
        if row.kind == "none" {
            negatives += 1;
        }
        for (i, k) in ["direct", "indirect"].iter().enumerate() {
            match (row.kind == *k, got_kind == *k) {
                (true, true) => kinds[i].tp += 1,
                (false, true) => kinds[i].fp += 1,
                (true, false) => kinds[i].fn_ += 1,
                (false, false) => {}
            }
        }
        for (i, name) in FORM_NAMES.iter().enumerate() {
            let (want, have) =
                (row.forms.contains_name(name), got_forms.contains_name(name));
            if want {
                per_form_rows[i] += 1;
            }
            match (want, have) {
                (true, true) => forms[i].tp += 1,
                (false, true) => forms[i].fp += 1,
                (true, false) => forms[i].fn_ += 1,
                (false, false) => {}
            }
        }
        if got_kind != row.kind || got_forms != row.forms {
            mistakes.push(format!(
                "  line {}: {:?} want {} {:?}, got {} {:?}",
                row.line,
                row.text,
                row.kind,
                row.forms.names().collect::<Vec<_>>(),
                got_kind,
                got_forms.names().collect::<Vec<_>>()
            ));
        }
    }

    println!("\n{} rows, {} without a question", rows.len(), negatives);
    println!(
        "{:<14} {:>4} {:>4} {:>4}   P      R      F1",
        "", "tp", "fp", "fn"
    );
    let mut kind_micro = Prf::default();
    for (i, k) in ["direct", "indirect"].iter().enumerate() {
        print_row(k, kinds[i]);
        kind_micro.add(kinds[i]);
    }
    print_row("kind (micro)", kind_micro);
    println!();
    let mut form_micro = Prf::default();
    for (i, name) in FORM_NAMES.iter().enumerate() {
        print_row(name, forms[i]);
        form_micro.add(forms[i]);
    }
    print_row("forms (micro)", form_micro);
    if !mistakes.is_empty() {
        println!("\n{} rows differ:", mistakes.len());
        for m in &mistakes {
            println!("{m}");
        }
    }

    for (i, name) in FORM_NAMES.iter().enumerate() {
        assert!(per_form_rows[i] >= 8, "form {name}: fewer than 8 rows");
    }
    assert!(kind_micro.f1() >= 0.95, "kind micro-F1 {}", kind_micro.f1());
    assert!(
        form_micro.f1() >= 0.95,
        "forms micro-F1 {}",
        form_micro.f1()
    );
}

/// Builds sentences from `(line, list_item, text)` triples.
fn sentences<'a>(spec: &[(u32, bool, &'a str)]) -> Vec<SentenceRef<'a>> {
    spec.iter()
        .map(|&(line, list_item, text)| SentenceRef {
            text,
            line,
            list_item,
        })
        .collect()
}

/// Expected counts: (total, direct, indirect, title, reader_prompts,
/// [(form, count)] for the non-zero forms).
type Want = (u32, u32, u32, bool, u32, &'static [(&'static str, u32)]);

/// (name, title, sentences as (line, list_item, text), expected).
type AnalyzeCase = (
    &'static str,
    Option<&'static str>,
    &'static [(u32, bool, &'static str)],
    Want,
);

const ANALYZE_CASES: &[AnalyzeCase] = &[
    (
        "a run of three question lines is a list of reader prompts",
        None,
        &[
            (0, false, "Voici mes questions."),
            (1, true, "Que pensez-vous du projet ?"),
            (2, true, "Y participeriez-vous ?"),
            (3, true, "Pourquoi ?"),
        ],
        (
            3,
            3,
            0,
            false,
            3,
            &[("pourquoi", 1), ("quoi", 1), ("inversion", 2)],
        ),
    ),
    (
        "two question lines are no run",
        None,
        &[(4, false, "Tu viens ?"), (5, false, "Vraiment ?")],
        (2, 2, 0, false, 0, &[("intonation", 2)]),
    ),
    (
        "a gap in line numbers breaks the run",
        None,
        &[
            (1, false, "Tu viens ?"),
            (2, false, "Vraiment ?"),
            (4, false, "Sûr ?"),
        ],
        (3, 3, 0, false, 0, &[("intonation", 3)]),
    ),
    (
        "an inverted list line without ? counts inside the run",
        None,
        &[
            (7, true, "Quelles sont vos attentes ?"),
            (8, true, "Qu’en retirez-vous"),
            (9, true, "Comment y participez-vous ?"),
        ],
        (
            3,
            3,
            0,
            false,
            3,
            &[("comment", 1), ("quel", 1), ("quoi", 1), ("inversion", 2)],
        ),
    ),
    (
        "outside a run an inverted line without ? is no question",
        None,
        &[(1, true, "Qu’en retirez-vous"), (2, false, "Rien du tout.")],
        (0, 0, 0, false, 0, &[]),
    ),
    (
        "a line counts by its last sentence; all its questions are prompts",
        None,
        &[
            (1, false, "Tu viens ?"),
            (1, false, "Et ta sœur ?"),
            (2, false, "Oui ?"),
            (3, false, "Qui d’autre ?"),
        ],
        (4, 4, 0, false, 4, &[("qui", 1), ("intonation", 3)]),
    ),
    (
        "a line ending with a statement is no question line",
        None,
        &[
            (1, false, "Tu viens ?"),
            (2, false, "Tu viens ?"),
            (2, false, "Moi oui."),
            (3, false, "Et toi ?"),
        ],
        (3, 3, 0, false, 0, &[("intonation", 3)]),
    ),
    (
        "title with a ? before a series marker",
        Some("Une communauté rentable ? Partie 2"),
        &[(0, false, "Bonjour.")],
        (0, 0, 0, true, 0, &[]),
    ),
    (
        "inverted title without ?",
        Some("Faut-il quitter les réseaux sociaux"),
        &[],
        (0, 0, 0, true, 0, &[]),
    ),
    (
        "imperative title is no question",
        Some("Hébergez vos mails et libérez-vous"),
        &[],
        (0, 0, 0, false, 0, &[]),
    ),
    (
        "how-to title is no question",
        Some("Comment lancer une communauté de pratique"),
        &[],
        (0, 0, 0, false, 0, &[]),
    ),
    (
        "each form once per sentence; total = direct + indirect",
        None,
        &[
            (0, false, "Qui vient et qui part ?"),
            (
                1,
                false,
                "Je me demande pourquoi, pourquoi et encore pourquoi.",
            ),
            (2, false, "On me demande souvent de venir."),
        ],
        (2, 1, 1, false, 0, &[("pourquoi", 1), ("qui", 1)]),
    ),
];

#[test]
fn analyze_cases() {
    for (name, title, spec, want) in ANALYZE_CASES {
        let s = sentences(spec);
        let q = analyze(*title, &s);
        let (total, direct, indirect, t, prompts, forms) = *want;
        assert_eq!(
            (q.total, q.direct, q.indirect, q.title, q.reader_prompts),
            (total, direct, indirect, t, prompts),
            "{name}: {q:#?}"
        );
        assert_eq!(q.total, q.direct + q.indirect, "{name}");
        assert_eq!(q.sentences.len() as u32, q.total, "{name}");
        for (form, count) in q.forms.iter() {
            let want = forms
                .iter()
                .find(|(f, _)| *f == form)
                .map_or(0, |(_, c)| *c);
            assert_eq!(count, want, "{name}: form {form}");
        }
    }
}

#[test]
fn question_sentence_text_is_collapsed() {
    let s = sentences(&[(0, false, "  Tu\n   viens\u{a0}?  ")]);
    let q = analyze(None, &s);
    assert_eq!(q.sentences[0].text, "Tu viens\u{a0}?");
    assert_eq!(q.sentences[0].kind, "direct");
    assert_eq!(q.sentences[0].forms, ["intonation"]);
}

#[test]
fn json_shape() {
    let s = sentences(&[(0, false, "Pourquoi revenez-vous ?")]);
    let q = analyze(Some("Titre"), &s);
    let v = serde_json::to_value(&q).expect("serialisable");
    let keys: Vec<&str> = v["forms"]
        .as_object()
        .expect("forms is an object")
        .keys()
        .map(String::as_str)
        .collect();
    let mut sorted = FORM_NAMES.to_vec();
    sorted.sort_unstable();
    let mut got = keys.clone();
    got.sort_unstable();
    assert_eq!(got, sorted, "all twelve form names");
    assert_eq!(v["forms"]["pourquoi"], 1);
    assert_eq!(v["forms"]["quand"], 0);
    assert_eq!(
        v["sentences"][0]["forms"],
        serde_json::json!(["pourquoi", "inversion"])
    );
    assert!(title_is_question("Tu viens ?"));
}

// ---------------------------------------------------------------------------
// Golden test on the seed post
// ---------------------------------------------------------------------------

// Hand analysis of /work/shared/seeds/000_950bd5cce17ecf49.txt (body = the
// lines between the title and "Par François Lavallée"):
//
// title "CAS VÉCU : … grâce à une communauté de pratique? Partie 1": a `?`
// before the series marker → title = true.
//
// indirect (3):
//   "On me demande souvent qu’est ce qu’une communauté de pratique."
//       → [qu_est_ce_que]
//   "On me demande souvent comment ce germe d’activité peut aider …"
//       → [comment]
//   "On me demande souvent pourquoi un « senior » viendrait …" → [pourquoi]
// not questions: "On me demande souvent de distinguer …", "… d’aider les
//   gens …" (demander de + infinitive), "je me rends compte que si on me
//   pose …" (no verb of asking), "sans le savoir!", "expliquer … le quoi,
//   du comment … le pourquoi" (nominal), "Oh… Mais quoi de plus stimulant
//   que …" (no `?`: exclamative).
// direct (9):
//   "Une quoi?" (inside a paragraph that ends with a statement) → [quoi]
//   the final bullet list, 8 consecutive lines, all questions:
//     "Quelles sont vos expériences …?"         → [quel]
//     "En faites-vous partie?"                   → [inversion]
//     "Depuis quand?"                            → [quand]
//     "Quels ont été les bénéfices …?"           → [quel]
//     "Pourquoi revenez-vous?"                   → [pourquoi, inversion]
//     "Qu’en retirez-vous" (no `?`, in the list) → [quoi, inversion]
//     "Qu’y apportez-vous?"                      → [quoi, inversion]
//     "Comment y participez-vous?"               → [comment, inversion]
// total 12 = 9 direct + 3 indirect; reader_prompts = 8 (the list).
// forms: qu_est_ce_que 1, pourquoi 2, comment 2, quand 1, quel 2, quoi 3,
//   inversion 5, the others 0.

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/seeds/000_950bd5cce17ecf49.txt"
);

/// Splits a line into sentences at `?`, `!` or `.` followed by a space and
/// an upper-case letter.
fn split_sentences(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    for w in 0..chars.len() {
        let (i, c) = chars[w];
        if !matches!(c, '?' | '!' | '.') {
            continue;
        }
        let (Some(&(_, sp)), Some(&(_, up))) =
            (chars.get(w + 1), chars.get(w + 2))
        else {
            continue;
        };
        if sp.is_whitespace() && up.is_uppercase() {
            let end = i + c.len_utf8();
            out.push(line[start..end].trim());
            start = end;
        }
    }
    let rest = line[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

fn seed_questions(text: &str) -> Questions {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let title = lines.next();
    let mut spec = Vec::new();
    for (n, line) in lines.take_while(|l| !l.starts_with("Par ")).enumerate() {
        let (list_item, body) = match line.strip_prefix('•') {
            Some(rest) => (true, rest.trim()),
            None => (false, line),
        };
        for s in split_sentences(body) {
            spec.push(SentenceRef {
                text: s,
                line: n as u32,
                list_item,
            });
        }
    }
    analyze(title, &spec)
}

#[test]
fn seed_golden() {
    let Ok(text) = std::fs::read_to_string(SEED) else {
        println!("skipping: ../shared/seeds not found");
        return;
    };
    let q = seed_questions(&text);
    for s in &q.sentences {
        println!("{:<8} {:?} {}", s.kind, s.forms, s.text);
    }
    assert_eq!(
        (q.total, q.direct, q.indirect, q.title, q.reader_prompts),
        (12, 9, 3, true, 8),
        "{q:#?}"
    );
    let want: &[(&str, u32)] = &[
        ("qu_est_ce_que", 1),
        ("est_ce_que", 0),
        ("pourquoi", 2),
        ("comment", 2),
        ("quand", 1),
        ("ou", 0),
        ("combien", 0),
        ("quel", 2),
        ("qui", 0),
        ("quoi", 3),
        ("inversion", 5),
        ("intonation", 0),
    ];
    let got: Vec<(&str, u32)> = q.forms.iter().collect();
    assert_eq!(got, want);
}
