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
    // Mid-clause, "lequel" asks by what follows it.
    ("Tu prends lequel parmi ces deux ?", "direct", &["quel"]),
    ("C’est laquelle des deux ?", "direct", &["quel"]),
    ("Tu veux lesquels entre ceux-là ?", "direct", &["quel"]),
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
    // Words of the lexicon in one role each (docs/mutants.md).
    ("Bon, qui vient ?", "direct", &["qui"]),
    ("Que t’a-t-il dit ?", "direct", &["quoi", "inversion"]),
    (
        "Que ne me l’y as-tu pas dit ?",
        "direct",
        &["quoi", "inversion"],
    ),
    (
        "On part tôt, sans quoi on rate le train ?",
        "direct",
        &["intonation"],
    ),
    // A comma after a short adverbial opens a clause, not after five
    // words ("qui" is then a relative).
    (
        "Chez la sœur de Paul, qui habite à Lyon, il pleut ?",
        "direct",
        &["intonation"],
    ),
    ("Une question : à qui la faute ?", "direct", &["qui"]),
    // "Qu’il …" opens a wish, not "que": its subject follows it.
    ("Qu’il pleuve ou non, tu viens ?", "direct", &["intonation"]),
    // A clitic between the interrogative and the inverted verb.
    ("Et toi, où te caches-tu ?", "direct", &["ou", "inversion"]),
    // "être" without "peut-" before it makes no stylistic inversion.
    ("Peut être viendra-t-il demain ?", "direct", &["inversion"]),
    ("Je me demande si tu viens.", "indirect", &[]),
    (
        "On me demande souvent pourquoi je cours.",
        "indirect",
        &["pourquoi"],
    ),
];

/// A question as read: (sentence, kind, forms).
type Reading = (String, &'static str, Vec<&'static str>);

/// What `analyze_document` reads in a post made of `sentences`, a
/// neutral line between them so that they make no list of questions:
/// the questions found, in order, and the post's counts (direct,
/// indirect, reader prompts).
fn questions_of<'a>(
    sentences: impl IntoIterator<Item = &'a str>,
) -> (Vec<Reading>, (u32, u32, u32)) {
    let mut text = String::from("Un titre\n\n");
    for sentence in sentences {
        text.push_str(sentence);
        text.push_str("\n\nUne ligne neutre.\n\n");
    }
    let mut doc = parse(&text, Format::Text);
    billet::sections::mark_sections(&mut doc);
    let q =
        analyze_document(&doc, &Context::default(), &mut Scratch::default())
            .questions;
    let got = q
        .sentences
        .into_iter()
        .map(|s| (s.text, s.kind, s.forms))
        .collect();
    (got, (q.direct, q.indirect, q.reader_prompts))
}

/// `got` is `want`, row by row (the first wrong row is the message).
fn assert_readings(got: &[Reading], want: &[Reading]) {
    for (g, w) in got.iter().zip(want) {
        assert_eq!(g, w);
    }
    assert_eq!(got.len(), want.len(), "{got:#?}");
}

#[test]
fn each_form_rule() {
    let (got, counts) = questions_of(CASES.iter().map(|c| c.0));
    let want: Vec<Reading> = CASES
        .iter()
        .map(|&(s, k, f)| (s.to_string(), k, f.to_vec()))
        .collect();
    assert_readings(&got, &want);
    assert_eq!(counts, (43, 2, 0));
}

/// A sentence's expected kind and forms, or `None` for no question.
type Verdict = Option<(&'static str, &'static [&'static str])>;

/// The rules of questions under a verb (`src/questions/embedded.rs`),
/// one sentence each: (sentence, kind and forms, or None when the
/// sentence is no question). Each row pins one rule; see
/// docs/mutants.md for the mutants they were written against.
const UNDER_A_VERB: &[(&str, Verdict)] = &[
    // "demander à Paul si": up to two words of indirect object.
    (
        "Je vais demander à Paul si la pâte a levé.",
        Some(("indirect", &[])),
    ),
    (
        "Je vais demander à mon frère comment il fait.",
        Some(("indirect", &["comment"])),
    ),
    // Only after a verb of asking.
    (
        "Il explique à Paul pourquoi il part.",
        Some(("embedded", &["pourquoi"])),
    ),
    // Fillers between the verb and the interrogative, at most eight.
    (
        "Je me demande vraiment pourquoi il part.",
        Some(("indirect", &["pourquoi"])),
    ),
    (
        "On me demande souvent souvent souvent souvent souvent souvent \
         souvent souvent pourquoi je cours.",
        Some(("indirect", &["pourquoi"])),
    ),
    (
        "Je me demande : pourquoi pas.",
        Some(("indirect", &["pourquoi"])),
    ),
    // Coordinated interrogatives, with commas and "et".
    (
        "Je me demande où, quand et comment il part.",
        Some(("indirect", &["comment", "quand", "ou"])),
    ),
    (
        "Je me demande pourquoi, et comment, il part.",
        Some(("indirect", &["pourquoi", "comment"])),
    ),
    (
        "Je me demande pourquoi et avec qui il part.",
        Some(("indirect", &["pourquoi", "qui"])),
    ),
    // A wish to know makes the question asked.
    (
        "Je voudrais savoir pourquoi il part.",
        Some(("indirect", &["pourquoi"])),
    ),
    (
        "Je ne sais pas pourquoi il part.",
        Some(("embedded", &["pourquoi"])),
    ),
    // "si" opens a clause, but not "si bien", nor "si ce n’est".
    (
        "Je me demande si elle n’est pas là.",
        Some(("indirect", &[])),
    ),
    ("Je ne sais pas si bien faire.", None),
    ("Il n’y a rien à dire si ce n’est que c’est beau.", None),
    ("Je le dirai si tu viens.", None),
    ("Je sais que tu viens.", None),
    // "quand", "quel", "quoi", "qui", "ce que", "que", "est-ce que".
    (
        "Je me demande quand il vient.",
        Some(("indirect", &["quand"])),
    ),
    (
        "Je ne sais pas quand il vient.",
        Some(("embedded", &["quand"])),
    ),
    (
        "Je me demande quel outil prendre.",
        Some(("indirect", &["quel"])),
    ),
    ("Pour je ne sais quelle raison, il part.", None),
    ("Je ne sais pas quoi faire.", Some(("embedded", &["quoi"]))),
    ("Elle a un je ne sais quoi de charmant.", None),
    ("Je me demande qui vient.", Some(("indirect", &["qui"]))),
    (
        "Il faut déterminer qui vient.",
        Some(("embedded", &["qui"])),
    ),
    ("Dites-moi ce qui bloque.", Some(("indirect", &["quoi"]))),
    (
        "Il explique ce qu’est Grunt.",
        Some(("embedded", &["quoi"])),
    ),
    ("Il dit ce que je pense.", None),
    // "ce qu’est X" after a verb of seeing, five fillers after it.
    (
        "Tu ne vois toujours pas vraiment très bien ce qu’est Grunt.",
        Some(("embedded", &["quoi"])),
    ),
    // "ce qu’est X" after a verb of explaining, whatever follows X.
    (
        "Il explique ce qu’est Grunt - un lanceur de tâches.",
        Some(("embedded", &["quoi"])),
    ),
    ("Je ne sais que faire.", Some(("embedded", &["quoi"]))),
    ("Je ne sais que trop bien.", None),
    (
        "Je me demande est-ce que tu viens.",
        Some(("indirect", &["est_ce_que"])),
    ),
    // Fillers of two words: "d’ailleurs", "par ailleurs", "aujourd’hui".
    (
        "Je me demande d’ailleurs si la pâte a levé.",
        Some(("indirect", &[])),
    ),
    (
        "Je me demande par ailleurs si la pâte a levé.",
        Some(("indirect", &[])),
    ),
    (
        "Je me demande aujourd’hui si j’ai bien fait.",
        Some(("indirect", &[])),
    ),
    // An indirect object led by an indefinite "de".
    (
        "Je demande à de nombreux amis si la pâte a levé.",
        Some(("indirect", &[])),
    ),
    (
        "Je demande à d’autres cuisiniers comment ils font.",
        Some(("indirect", &["comment"])),
    ),
    // "dis-le-moi" asks like "dis-moi"; after the object "le", "quand"
    // and "si" are a time clause and a condition.
    (
        "Dis-le-moi pourquoi tu pars.",
        Some(("indirect", &["pourquoi"])),
    ),
    ("Dis-le-moi quand tu seras prêt.", None),
    ("Dites-le-nous si vous avez une allergie.", None),
    // A stylistic inversion of the verb of asking.
    (
        "Peut-être demande-t-il pourquoi je pars.",
        Some(("indirect", &["pourquoi"])),
    ),
    // Imperatives with "-leur", "montre-moi".
    (
        "Dites-leur pourquoi la réunion est reportée.",
        Some(("indirect", &["pourquoi"])),
    ),
    (
        "Montre-moi où tu ranges les outils.",
        Some(("indirect", &["ou"])),
    ),
    // Forms of savoir and voir.
    (
        "Il faut qu’ils sachent si le train part.",
        Some(("embedded", &[])),
    ),
    (
        "Je ne saurai jamais si elle a lu ma lettre.",
        Some(("embedded", &[])),
    ),
    (
        "Ils ne sauront pas si la pâte a levé.",
        Some(("embedded", &[])),
    ),
    ("Je verrai si la pâte a levé.", Some(("embedded", &[]))),
    ("On voit bien si la pâte a levé.", Some(("embedded", &[]))),
    (
        "Ils voyaient bien si le pain était cuit.",
        Some(("embedded", &[])),
    ),
    // An object of a verb of seeing makes "si" a condition, elided
    // before a consonant too (informal).
    ("Passe m’voir si t’as le temps.", None),
    // "qui" after a verb of seeing is a free relative.
    ("Va voir qui tu veux.", None),
    // A hyphen glued to the verb makes a compound; a dash after a space
    // does not.
    (
        "Reste un point - savoir si le budget suffit.",
        Some(("embedded", &[])),
    ),
    // "été" is a noun here, no verb of explaining.
    ("Je sais que l’été où nous sommes partis était chaud.", None),
    // "pourquoi" after "est" asks unless "c’est" comes before, elided
    // with either apostrophe.
    (
        "Le mystère est pourquoi il est parti.",
        Some(("embedded", &["pourquoi"])),
    ),
    ("Alors c’est pourquoi je pars.", None),
    // Only "jug…" (juger), not "jugement", is a verb of judging.
    ("Son jugement si sévère m’a surpris.", None),
];

/// Questions without `?` that no verb announces, one rule each (see
/// docs/mutants.md).
const UNMARKED: &[(&str, Verdict)] = &[
    // Soft hyphens (U+00AD) in an inversion.
    (
        "Pourra\u{ad}t\u{ad}il venir demain.",
        Some(("direct", &["inversion"])),
    ),
    // A wh-word and an infinitive after a conjunction.
    ("Et que faire maintenant.", Some(("direct", &["quoi"]))),
    // After "les", an infinitive in -er/-ir.
    ("Comment les conserver.", Some(("direct", &["comment"]))),
    ("C’est quoi ce bruit.", Some(("direct", &["quoi"]))),
    // After a comma, an inversion with "je" and a complement asks; a
    // bare "ajoute-t-il" is an incise.
    (
        "Si je vends ma voiture, vais-je payer une taxe.",
        Some(("direct", &["inversion"])),
    ),
    ("Évidemment, ajoute-t-il.", None),
    // A line standing alone is read as a heading: "Où que" is a
    // concession there too.
    ("Où que tu ailles", None),
    // "ne", "pas" and three pronouns before the infinitive.
    (
        "Comment ne pas me l’y rapporter.",
        Some(("direct", &["comment"])),
    ),
];

#[test]
fn each_rule_under_a_verb() {
    assert_table(UNDER_A_VERB);
}

#[test]
fn each_rule_without_a_mark() {
    assert_table(UNMARKED);
}

/// The sentences of `table`, paragraphs of one post, read as it says.
fn assert_table(table: &[(&str, Verdict)]) {
    let (got, _) = questions_of(table.iter().map(|c| c.0));
    let want: Vec<Reading> = table
        .iter()
        .filter_map(|&(s, w)| w.map(|(k, f)| (s.to_string(), k, f.to_vec())))
        .collect();
    assert_readings(&got, &want);
}
