//! The form rules of `questions`, one sentence each, through
//! `analyze_document`: the words that look like interrogatives but are
//! not (« n’importe comment », « quand même », « la ville où ») and the
//! ones that are. Each row pins one rule, kind and forms exactly.
//! See: #22 (« n’importe comment ? » counted as `comment` went unseen).

use billet::source::{Format, parse};
use billet::{Context, Scratch, analyze_document};

/// (sentence, kind, forms in DESIGN order).
const CASES: &[(&str, &str, &[&str])] = &[
    // `comment`
    ("Tu fais ça n’importe comment ?", "direct", &["intonation"]),
    ("Comment fais-tu ?", "direct", &["comment", "inversion"]),
    // `quel`
    (
        "Tu prends n’importe quel outil ?",
        "direct",
        &["intonation"],
    ),
    ("Tel quel, ça marche ?", "direct", &["intonation"]),
    (
        "Quelle que soit la météo, tu viens ?",
        "direct",
        &["intonation"],
    ),
    ("Quel outil prends-tu ?", "direct", &["quel", "inversion"]),
    ("Lequel choisis-tu ?", "direct", &["quel", "inversion"]),
    (
        "La raison pour laquelle je pars te va ?",
        "direct",
        &["intonation"],
    ),
    // `quoi`
    ("Tu dis n’importe quoi ?", "direct", &["intonation"]),
    ("Quoi que tu fasses, tu ris ?", "direct", &["intonation"]),
    ("Tu fais quoi ?", "direct", &["quoi"]),
    ("Que fais-tu ?", "direct", &["quoi", "inversion"]),
    ("Que de souvenirs, non ?", "direct", &["intonation"]),
    // `quand`
    ("Tu viens quand même ?", "direct", &["intonation"]),
    ("Quand il pleut, tu lis ?", "direct", &["intonation"]),
    ("Tu viens quand ?", "direct", &["quand"]),
    ("Depuis quand ?", "direct", &["quand"]),
    // `pourquoi`
    ("C’est pourquoi tu viens ?", "direct", &["intonation"]),
    ("Pourquoi pas ?", "direct", &["pourquoi"]),
    // `ou`
    ("Tu vas où ?", "direct", &["ou"]),
    (
        "La ville où je suis né te plaît ?",
        "direct",
        &["intonation"],
    ),
    ("Où que tu ailles, tu écris ?", "direct", &["intonation"]),
    // `qui`
    ("Qui vient ?", "direct", &["qui"]),
    ("C’est qui, déjà ?", "direct", &["qui"]),
    ("La personne qui vient est là ?", "direct", &["intonation"]),
    ("Ce que tu veux, c’est ça ?", "direct", &["intonation"]),
    // the rest
    ("Combien ça coûte ?", "direct", &["combien"]),
    ("Qu’est-ce que tu fais ?", "direct", &["qu_est_ce_que"]),
    ("Est-ce que tu viens ?", "direct", &["est_ce_que"]),
    ("Vient-il demain ?", "direct", &["inversion"]),
    ("Tu viens ?", "direct", &["intonation"]),
    ("Je me demande si tu viens.", "indirect", &[]),
    (
        "On me demande souvent pourquoi je cours.",
        "indirect",
        &["pourquoi"],
    ),
];

#[test]
fn each_form_rule() {
    // One post, a neutral line between the cases so that they make no
    // list of questions.
    let mut text = String::from("Un titre\n\n");
    for (sentence, _, _) in CASES {
        text.push_str(sentence);
        text.push_str("\n\nUne ligne neutre.\n\n");
    }
    let mut doc = parse(&text, Format::Text);
    billet::sections::mark_sections(&mut doc);
    let analysis =
        analyze_document(&doc, &Context::default(), &mut Scratch::default());
    let got: Vec<(&str, &str, Vec<&str>)> = analysis
        .questions
        .sentences
        .iter()
        .map(|s| (s.text.as_str(), s.kind, s.forms.clone()))
        .collect();
    let want: Vec<(&str, &str, Vec<&str>)> =
        CASES.iter().map(|&(s, k, f)| (s, k, f.to_vec())).collect();
    for (g, w) in got.iter().zip(&want) {
        assert_eq!(g, w);
    }
    assert_eq!(got.len(), want.len());
    let q = &analysis.questions;
    assert_eq!((q.direct, q.indirect, q.reader_prompts), (31, 2, 0));
}
