//! Sequel promises in a body: "la suite", "à suivre", "dans le prochain
//! billet"…

use super::words::{Kind, Tok, Toks, is_apostrophe};
use crate::chars::{folds_to, folds_to_any};

/// True when the text promises a sequel ("la suite", "à suivre", "dans le
/// prochain billet/article", "prochainement", "dans un prochain billet",
/// "la semaine prochaine, je vous parlerai", "(à suivre)"; not "to be
/// continued").
///
/// Fires on:
/// - `prochainement`;
/// - `prochain`/`prochaine` right before a word for a post or a part:
///   "dans le prochain billet", "au prochain épisode", "une prochaine
///   partie";
/// - `la suite` followed in the same clause by a time word ("la suite
///   bientôt", "lire la suite quelques jours plus tard", "la suite
///   demain"), or after "en attendant", "vivement" or a promise verb ("je
///   vous raconterai la suite");
/// - `à suivre` standing alone ("À suivre…", "(à suivre)", "Affaire à
///   suivre !");
/// - "la semaine prochaine", "le mois prochain", "la prochaine fois",
///   "bientôt" or "demain" in a sentence with a promise verb in the future
///   ("je vous parlerai", "j’y reviendrai", "nous verrons") or "pour la
///   suite".
///
/// Never fires on "la suite Office", "suite à votre demande", "par la
/// suite", "tout de suite", "de suite", "à la suite de", "la marche à
/// suivre", "il n’y a plus qu’à suivre", a bare "Lire la suite →", or "la
/// semaine prochaine, je serai absent".
///
/// One pass over the text; the look-arounds are a few tokens long, so it
/// runs in linear time without allocating.
pub fn announces_next(text: &str) -> bool {
    let mut toks = Toks::new(text);
    // The three tokens before the current one, nearest first.
    let mut back: [Option<Tok<'_>>; 3] = [None; 3];
    while let Some(t) = toks.next() {
        if t.kind == Kind::Word && promises_at(text, t, back, &toks) {
            return true;
        }
        back = [Some(t), back[0], back[1]];
    }
    false
}

/// Every announcement holds a word starting with one of these.
const SEQUEL_WORDS: &[&str] =
    &["suite", "suivre", "prochain", "bient", "demain"];

/// Whether a normalised (lower-case) word may take part in announcing a
/// sequel. The pipeline flags such words while it tokenises, and calls
/// [`announces_next`] only on the blocks that hold one, so most text is
/// never scanned twice.
pub fn is_sequel_word(form: &str) -> bool {
    SEQUEL_WORDS.iter().any(|w| form.starts_with(w))
}
/// Words for a post or a part, after "prochain": "dans le prochain
/// billet", "au prochain épisode".
const SEQUEL_NOUNS: &[&str] = &[
    "billet",
    "billets",
    "article",
    "articles",
    "episode",
    "episodes",
    "post",
    "posts",
    "partie",
    "parties",
    "volet",
    "volets",
    "chapitre",
    "chapitres",
    "numero",
    "tome",
    "message",
    "note",
    "video",
    "videos",
    "chronique",
    "opus",
];

/// Time words that turn "la suite" into a promise: "la suite bientôt",
/// "la suite quelques jours plus tard".
const TIME_WORDS: &[&str] = &[
    "bientot",
    "demain",
    "prochainement",
    "prochain",
    "prochaine",
    "tard",
    "quelques",
    "jours",
    "vite",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
];

/// Future forms of verbs that announce a post, in the first person: "je
/// vous parlerai", "j’y reviendrai", "nous verrons". "je serai", "j’irai"
/// are not there: "la semaine prochaine, je serai absent" is no promise.
const PROMISE_VERBS: &[&str] = &[
    "parlerai",
    "reparlerai",
    "presenterai",
    "montrerai",
    "expliquerai",
    "raconterai",
    "detaillerai",
    "aborderai",
    "reviendrai",
    "ecrirai",
    "publierai",
    "partagerai",
    "proposerai",
    "consacrerai",
    "donnerai",
    "livrerai",
    "decrirai",
    "continuerai",
    "poursuivrai",
    "parlerons",
    "reparlerons",
    "verrons",
    "aborderons",
    "reviendrons",
    "decouvrirons",
    "etudierons",
    "attaquerons",
    "continuerons",
    "poursuivrons",
    "examinerons",
    "presenterons",
    "montrerons",
    "expliquerons",
    "detaillerons",
    "pencherons",
    "interesserons",
    "plongerons",
];

/// Words that may stand before a standalone "à suivre": "Affaire à
/// suivre !".
const A_SUIVRE_NOUNS: &[&str] =
    &["affaire", "histoire", "feuilleton", "saga", "dossier"];

/// How far (bytes) a sentence window reaches on each side of a trigger.
const WINDOW: usize = 300;

fn promises_at(
    text: &str,
    t: Tok<'_>,
    back: [Option<Tok<'_>>; 3],
    ahead: &Toks<'_>,
) -> bool {
    let w = t.text;
    // Every trigger starts with b, d, p or s: most words stop here.
    if !matches!(w.as_bytes()[0] | 0x20, b'b' | b'd' | b'p' | b's') {
        return false;
    }
    let back_word = |k: usize| back[k].and_then(|t| t.word());
    if folds_to(w, "prochainement") {
        return true;
    }
    if folds_to_any(w, &["prochain", "prochaine", "prochains", "prochaines"]) {
        let next = ahead.clone().next().and_then(|t| t.word());
        if next.is_some_and(|n| folds_to_any(n, SEQUEL_NOUNS)) {
            return true;
        }
        let when = next.is_some_and(|n| folds_to(n, "fois"))
            || back_word(0)
                .is_some_and(|b| folds_to_any(b, &["semaine", "mois"]));
        return when && promise_near(text, t.start);
    }
    if folds_to(w, "suite") {
        return la_suite(back, ahead);
    }
    if folds_to(w, "suivre") {
        return a_suivre(back, ahead);
    }
    if folds_to_any(w, &["bientot", "demain"]) {
        return promise_near(text, t.start);
    }
    false
}

/// "la suite" as a promise; `back` and `ahead` surround "suite".
fn la_suite(back: [Option<Tok<'_>>; 3], ahead: &Toks<'_>) -> bool {
    // "tout de suite", "de suite", "suite à votre demande": no "la".
    if !back[0]
        .and_then(|t| t.word())
        .is_some_and(|b| folds_to(b, "la"))
    {
        return false;
    }
    if let Some(b) = back[1].and_then(|t| t.word()) {
        // "par la suite" (afterwards), "à la suite de" (after).
        if folds_to_any(b, &["par", "a"]) {
            return false;
        }
        if folds_to_any(b, &["attendant", "vivement"]) || is_promise_verb(b) {
            return true;
        }
    }
    // A time word later in the clause; "la suite Office" and "dans la
    // suite de cet article, nous verrons" have none.
    for (n, t) in ahead.clone().take(7).enumerate() {
        match t.kind {
            Kind::Word if folds_to_any(t.text, TIME_WORDS) => return true,
            Kind::Word => {}
            Kind::Punct(',') if n == 0 => {}
            Kind::Punct(c) if ".!?;,\n".contains(c) => return false,
            Kind::Punct(_) => {}
        }
    }
    false
}

/// "à suivre" standing alone: "À suivre…", "(à suivre)", "Affaire à
/// suivre !"; not "la marche à suivre", "qu’à suivre", "comptes à suivre :".
fn a_suivre(back: [Option<Tok<'_>>; 3], ahead: &Toks<'_>) -> bool {
    if !back[0]
        .and_then(|t| t.word())
        .is_some_and(|a| folds_to(a, "a"))
    {
        return false;
    }
    let left = match back[1] {
        None => true,
        Some(t) => match t.kind {
            Kind::Punct(c) => !is_apostrophe(c),
            Kind::Word => folds_to_any(t.text, A_SUIVRE_NOUNS),
        },
    };
    // "À suivre : la récolte." at the start of a sentence announces what
    // comes; "comptes à suivre :" does not (its left side fails above).
    let at_start = back[1].is_none_or(|t| t.kind != Kind::Word);
    let right = match ahead.clone().next() {
        None => true,
        Some(t) if at_start && t.kind == Kind::Punct(':') => true,
        Some(t) => matches!(
            t.kind,
            Kind::Punct(
                '.' | '…'
                    | '!'
                    | ')'
                    | ']'
                    | '\n'
                    | '-'
                    | '–'
                    | '—'
                    | '*'
                    | '»'
                    | '_'
            )
        ),
    };
    left && right
}

fn is_promise_verb(w: &str) -> bool {
    w.len() >= 5 && folds_to_any(w, PROMISE_VERBS)
}

/// Whether the sentence around byte `at` holds a promise verb or "pour la
/// suite": "La semaine prochaine, je vous parlerai des vers.", "Rendez-vous
/// demain pour la suite." ("la suite Office, qui sortira bientôt" is
/// none).
fn promise_near(text: &str, at: usize) -> bool {
    let is_end = |b: &u8| matches!(b, b'.' | b'!' | b'?' | b'\n');
    let mut lo = at.saturating_sub(WINDOW);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let mut hi = (at + WINDOW).min(text.len());
    while !text.is_char_boundary(hi) {
        hi -= 1;
    }
    let bytes = text.as_bytes();
    let lo = bytes[lo..at]
        .iter()
        .rposition(is_end)
        .map_or(lo, |p| lo + p + 1);
    let hi = bytes[at..hi].iter().position(is_end).map_or(hi, |p| at + p);
    // The two words before the current one, nearest first.
    let mut prev: [Option<&str>; 2] = [None; 2];
    for t in Toks::new(&text[lo..hi]) {
        let Some(w) = t.word() else {
            prev = [None; 2];
            continue;
        };
        let pour_la_suite = folds_to(w, "suite")
            && prev[0].is_some_and(|p| folds_to(p, "la"))
            && prev[1].is_some_and(|p| folds_to(p, "pour"));
        if is_promise_verb(w) || pour_la_suite {
            return true;
        }
        prev = [Some(w), prev[0]];
    }
    false
}
