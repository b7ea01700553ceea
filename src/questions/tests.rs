use super::lexicon::{LEXICON, lex_ascii, lex_word};
use super::rules::CTX;
use super::triggers::*;
use super::*;

/// (sentence, expected (kind, forms)); `in_list` is false.
#[allow(clippy::type_complexity)] // the table shape of STYLE.md
const CASES: &[(&str, Option<(&str, &[&str])>)] = &[
    ("Tu viens ?", Some(("direct", &["intonation"]))),
    ("Une quoi?", Some(("direct", &["quoi"]))),
    ("Depuis quand?", Some(("direct", &["quand"]))),
    (
        "Pourquoi revenez-vous?",
        Some(("direct", &["pourquoi", "inversion"])),
    ),
    (
        "Qu’est-ce qu’une communauté de pratique\u{a0}?",
        Some(("direct", &["qu_est_ce_que"])),
    ),
    (
        "Est-ce que tu viens\u{202f}?",
        Some(("direct", &["est_ce_que"])),
    ),
    ("Y a-t-il un pilote ?!", Some(("direct", &["inversion"]))),
    ("Êtes-vous prêts ? »", Some(("direct", &["inversion"]))),
    ("À qui parles-tu ?", Some(("direct", &["qui", "inversion"]))),
    (
        "Qui est le chef que tu préfères ?",
        Some(("direct", &["qui"])),
    ),
    ("Cela vaut-il la peine ?", Some(("direct", &["inversion"]))),
    (
        "On me demande souvent qu’est ce qu’une communauté de pratique.",
        Some(("indirect", &["qu_est_ce_que"])),
    ),
    (
        "On me demande souvent pourquoi un « senior » viendrait.",
        Some(("indirect", &["pourquoi"])),
    ),
    ("Je me demande s’il viendra.", Some(("indirect", &[]))),
    ("On me demande souvent de distinguer les deux.", None),
    ("Dites-moi tout.", None),
    ("Quelle belle journée !", None),
    ("Que de souvenirs !", None),
    ("Quand il pleut, je lis.", None),
    ("La personne qui vient est ma sœur.", None),
    ("Ainsi soit-il.", None),
    // A pronoun inside a longer compound is no inversion (see: #14).
    ("Le serveur gère le wake-on-lan des postes.", None),
    ("Activez le « Wake-on-LAN » dans le BIOS.", None),
    ("Le plug-in et le add-on-manager sont là.", None),
    ("Peut-on tout réveiller ?", Some(("direct", &["inversion"]))),
    // A bare "-on"/"-il" follows a verb in t, d or c only (see: #14).
    ("Le nouvel add-on du lecteur est sorti.", None),
    ("Un atelier hands-on ouvre la journée.", None),
    ("Le mode scale-on reste à écrire.", None),
    (
        "Prend-il le train demain ?",
        Some(("direct", &["inversion"])),
    ),
    ("Sont-elles prêtes ?", Some(("direct", &["inversion"]))),
    ("Vainc-il sans péril ?", Some(("direct", &["inversion"]))),
    ("Aime-t-on vraiment ça ?", Some(("direct", &["inversion"]))),
    (
        "Que fait-on du reste",
        Some(("direct", &["quoi", "inversion"])),
    ),
    (
        "C’est simple, n’est-ce pas ?",
        Some(("direct", &["inversion"])),
    ),
    (
        "C’est simple, n’est-ce-pas ?",
        Some(("direct", &["inversion"])),
    ),
    ("Toujours est-il que rien n’a changé.", None),
    ("Le pourquoi et le comment importent peu.", None),
    ("Il a payé 300 $ (?) pour ça.", None),
    // "Qu’est-ce que" without `?` asks, unless a final `!` makes it an
    // exclamative.
    ("Et qu’est-ce que c’est bien fait !", None),
    (
        "Qu’est-ce qu’on mange ce soir.",
        Some(("direct", &["qu_est_ce_que"])),
    ),
    // The query of an address asks nothing; a `?` after it does.
    (
        "Les paramètres passent ainsi : page.php?id=2&tri=date.",
        None,
    ),
    ("Voir exemple.org/recherche?q=velo pour la liste.", None),
    (
        "Tu as testé exemple.org/recherche?q=velo ?",
        Some(("direct", &["intonation"])),
    ),
    ("Et toi?Tu viens.", Some(("direct", &["intonation"]))),
    // "c’est à dire" without its hyphens is "c’est-à-dire".
    (
        "Des commits atomiques, c’est à dire qui introduisent une seule modification.",
        None,
    ),
    (
        "Un salarié (c'est à dire qui n'a pris aucun risque) gagne plus.",
        None,
    ),
    // Still asked: "reste à savoir", "les seuls à savoir", "à toi de dire".
    (
        "Reste à savoir comment vont être traitées les victimes.",
        Some(("embedded", &["comment"])),
    ),
    (
        "Reste à savoir si c’est une réalité.",
        Some(("embedded", &[])),
    ),
    (
        "Ils sont les seuls à savoir à qui appartient la clé.",
        Some(("embedded", &["qui"])),
    ),
    (
        "C’est à toi de dire qui viendra.",
        Some(("embedded", &["qui"])),
    ),
];

#[test]
fn classify_cases() {
    for (text, want) in CASES {
        let got = classify(text, false)
            .map(|(k, f)| (k.as_str(), f.names().collect::<Vec<_>>()));
        let want = want.map(|(k, f)| (k, f.to_vec()));
        assert_eq!(got, want, "{text}");
    }
}

/// Which `?` asks: any but the doubt marker and an address's query,
/// which is glued to a letter, digit or `/` and followed by a key and
/// `=`. A `?` may open the text.
#[test]
fn question_marks_and_address_queries() {
    let cases = [
        ("?", true),
        ("? Rien de plus.", true),
        ("Il a payé 300 $ (?) pour ça.", false),
        ("Il vient (vraiment?) demain.", true),
        ("La page page.php?id=2 répond.", false),
        ("La page page.php?_id=2 répond.", false),
        ("Voir exemple.org/?q=velo ensuite.", false),
        ("Le motif ?id=2 seul.", true),
        ("La page page.php?=2 répond.", true),
        ("La page page.php?id répond.", true),
        ("Et toi?Tu viens.", true),
        ("Voir recherche?q=velo, ou pas ?", true),
    ];
    for (text, asks) in cases {
        assert_eq!(has_question_mark(text), asks, "{text:?}");
    }
}

#[test]
fn list_line_without_question_mark() {
    let got = classify("Qu’en retirez-vous", true);
    assert_eq!(
        got,
        Some((Kind::Direct, Forms::QUOI.union(Forms::INVERSION)))
    );
    assert_eq!(classify("Qu’en retirez-vous", false), None);
    assert_eq!(classify("Inscrivez-vous !", true), None);
}

#[test]
fn forms_names_in_design_order() {
    let f = Forms::INVERSION.union(Forms::POURQUOI);
    assert_eq!(f.names().collect::<Vec<_>>(), ["pourquoi", "inversion"]);
    assert!(f.contains_name("inversion"));
    assert!(!f.contains_name("quoi"));
    assert_eq!(Forms::from_name("ou"), Some(Forms::OU));
}

#[test]
fn form_counts_serialise_all_names() {
    let mut c = FormCounts::default();
    c.add(Forms::QUOI);
    let json = serde_json::to_string(&c).expect("serialisable");
    assert!(json.starts_with("{\"qu_est_ce_que\":0,\"est_ce_que\":0,"));
    assert!(json.contains("\"quoi\":1"));
    assert!(json.ends_with("\"intonation\":0}"));
}

#[test]
fn prefilter_accepts_every_trigger() {
    for w in [
        "demande",
        "Demandé",
        "sais",
        "SAIT",
        "savoir",
        "sachez",
        "ignore",
        "dites",
        "dis",
        "dire",
        "expliquez",
        "comprends",
        "racontez",
        "redemande",
    ] {
        assert!(has_trigger_word(w), "{w}");
    }
    assert!(has_trigger_word("j’ignore"));
    assert!(!has_trigger_word("Une belle saison, disque en main."));
}

/// Every trigger of the lexicon, and inflected verbs of every stem that
/// [`super::stems::open_class`] flags, pass the byte-level pre-filter
/// (its four- and six-byte keys must not drop one).
#[test]
fn every_trigger_passes_the_prefilter() {
    use super::classes::{F_T_ASK, F_T_IMP, F_T_SAY, F_T_UND, Lex};
    let flags = F_T_ASK | F_T_SAY | F_T_UND | F_T_IMP;
    let mut n = 0;
    for &(w, lex, f) in super::lexicon::LEXICON {
        let wh = matches!(
            lex,
            Lex::Comment
                | Lex::Pourquoi
                | Lex::Combien
                | Lex::Quel
                | Lex::Quoi
        );
        if f & flags != 0 || wh {
            n += 1;
            assert!(has_trigger_word(w), "{w}");
            assert!(has_trigger_word(&w.to_uppercase()), "{w}");
        }
    }
    assert!(n > 50, "only {n} triggers");
    for w in [
        "demandais",
        "redemandera",
        "décidera",
        "decidons",
        "déterminer",
        "determinait",
        "découvrir",
        "decouvrez",
        "devinez",
        "racontait",
        "regardez",
        "ignorons",
        "interrogeait",
        "indiquez",
        "expliquait",
        "examiner",
        "évaluer",
        "evaluer",
        "Évaluez",
        "comprenais",
        "comprendrait",
        "compris",
        "vérifiez",
        "verifier",
        "VÉRIFIER",
        "montrait",
        "mesurer",
        "testez",
        "jugeait",
        "jugé",
        "jugions",
        "précisait",
        "precisera",
    ] {
        assert!(has_trigger_word(w), "{w}");
    }
    for w in ["pour", "comme", "quelque", "compte", "internet", "montagne"] {
        assert!(!has_trigger_word(w), "{w}");
    }
}

/// The word-start scan reads 64 bytes at a time and the tail apart:
/// a trigger is found at every offset, across block edges, in texts of
/// every length, and never inside a longer word.
#[test]
fn a_trigger_is_found_at_every_offset() {
    let filler = "le chat à été là, un «\u{a0}mot\u{a0}» ; ";
    for len in 0..150 {
        let mut prefix: String = filler.chars().cycle().take(len).collect();
        while prefix.len() > len {
            prefix.pop();
        }
        for after in [
            "",
            ".",
            " et le chat, là-bas, a été vu au loin, sur le toit de la grange, un soir d’été.",
        ] {
            assert!(!has_trigger_word(&format!("{prefix}{after}")));
            for (glue, asks) in
                [(" ", true), ("(", true), ("x", false), ("é", false)]
            {
                let text = format!("{prefix}{glue}dites{after}");
                assert_eq!(has_trigger_word(&text), asks, "{text:?}");
            }
        }
    }
}

/// What `analyze_hinted` relies on: a sentence that passes the
/// prefilter has a word token that passes it on its own.
#[test]
fn prefilter_passes_through_a_token() {
    let data = include_str!("../../tests/data/questions.tsv");
    let tricky = [
        "peut-dire",
        "re-demander",
        "l'ignore",
        "J’ignore",
        "dis’moi",
        "on\u{a0}dit",
        "«dis»",
        "µdire",
        "a-t-il dit",
        "c.-à-d. dire",
        "(sais)",
        "—expliquez",
        "2dire 3 sais",
        "aujourd’hui",
        "dis-le-moi",
        "savoir-faire",
        "presqu’ignore",
    ];
    let sentences = data
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split('\t').next())
        .chain(tricky);
    let mut n = 0;
    for text in sentences {
        if !has_trigger_word(text) {
            continue;
        }
        n += 1;
        let by_token = crate::tokenize::tokens(text, 0).iter().any(|t| {
            t.kind != crate::tokenize::TokenKind::Number
                && has_trigger_word(t.text)
        });
        assert!(by_token, "{text:?}");
    }
    assert!(n > 50, "only {n} sentences with a trigger");
}

#[test]
fn lex_ascii_matches_lex_word() {
    let data = include_str!("../../tests/data/questions.tsv");
    let mut words: Vec<String> = data
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '\''))
        .map(str::to_owned)
        .collect();
    for (w, _, _) in LEXICON {
        words.push((*w).to_owned());
        words.push(w.to_ascii_uppercase());
    }
    for w in [
        "Demander",
        "demandeur",
        "REDEMANDE",
        "Ignorance",
        "ignorons",
        "Expliquons",
        "comprenez",
        "COMPRIS",
        "lire",
        "vraiMENT",
        "Justement",
        "aujourd'",
        "Qu'",
        "x1er",
        "ment",
        "tements",
    ] {
        words.push(w.to_owned());
    }
    words.push("a".repeat(48));
    words.push("ement".repeat(10));
    for w in words.iter().filter(|w| w.is_ascii()) {
        assert_eq!(lex_ascii(w.as_bytes()), lex_word(w), "{w:?}");
    }
}

#[test]
fn long_sentences_are_scanned_in_windows() {
    // Far more tokens than one window holds: the start, the middle and
    // the end are all seen.
    let filler = "et puis encore un mot, ".repeat(60);
    let start = format!("Pourquoi {filler}?");
    assert_eq!(
        classify(&start, false),
        Some((Kind::Direct, Forms::POURQUOI))
    );
    let middle = format!("{filler}je me demande si {filler}.");
    assert_eq!(
        classify(&middle, false),
        Some((Kind::Indirect, Forms::EMPTY))
    );
    let end = format!("{filler}tu viens avec qui ?");
    assert_eq!(classify(&end, false), Some((Kind::Direct, Forms::QUI)));
    let inv = format!("{filler}viendras-tu ?");
    assert_eq!(
        classify(&inv, false),
        Some((Kind::Direct, Forms::INVERSION))
    );
}

/// Windows overlap: a word is examined wherever it falls, the seams
/// between windows included.
#[test]
fn every_token_of_a_long_sentence_is_examined() {
    for n in 100..=2 * CAP + CTX {
        let text = format!("Alors {}pourquoi tu pars ?", "mot ".repeat(n));
        assert_eq!(
            classify(&text, false),
            Some((Kind::Direct, Forms::POURQUOI)),
            "pourquoi after {n} words"
        );
    }
}

#[test]
fn punctuation_after_a_trigger_ends_the_look_ahead() {
    // "…", "’", "–" lead with the byte 0xE2: the look-ahead after a
    // verb of knowing once stood still on it.
    for text in [
        "Je sais …",
        "Tu vois …",
        "Je sais l’heure.",
        "On verra – demain.",
    ] {
        assert_eq!(classify(text, false), None, "{text}");
    }
    assert_eq!(
        classify("Je sais l’heure où il part, mais pas pourquoi.", false)
            .map(|(k, _)| k),
        Some(Kind::Embedded)
    );
}

/// The char-by-char definition of [`collapse_spaces`].
fn collapse_by_chars(s: &str) -> String {
    let mut out = String::new();
    let mut pending = false;
    for c in s.trim().chars() {
        if c.is_whitespace() && !is_nbsp(c) {
            pending = true;
        } else {
            if pending {
                out.push(' ');
                pending = false;
            }
            out.push(c);
        }
    }
    out
}

#[test]
fn collapse_matches_char_by_char() {
    let spaces = [
        " ", "\t", "\n", "\r\n", "\u{b}", "\u{85}", "\u{a0}", "\u{1680}",
        "\u{2000}", "\u{2007}", "\u{200a}", "\u{200b}", "\u{2028}",
        "\u{202f}", "\u{205f}", "\u{3000}", "\u{2019}", "\u{e9}",
    ];
    for a in spaces {
        for b in spaces {
            for text in [
                format!("{a}x{b}y{a}{b}"),
                format!("Tu{a}{b}viens{b}?{a}"),
                format!("{a}{b}"),
                format!("é{a}{b}à{b}{b}ç"),
                format!("Une quoi{a}? Oui, « non »{b}!"),
                format!("a b{a}c d"),
            ] {
                assert_eq!(
                    collapse_spaces(&text),
                    collapse_by_chars(&text),
                    "{text:?}"
                );
            }
        }
    }
}

#[test]
fn collapse_keeps_nbsp() {
    assert_eq!(collapse_spaces("  Tu\n  viens\u{a0}? "), "Tu viens\u{a0}?");
}

/// Every verb of asking, saying or understanding of the lexicon governs
/// an interrogative clause: a flag dropped from one form ("sauront",
/// "vues") would go unseen in running text.
#[test]
fn every_trigger_verb_governs_a_clause() {
    use super::classes::{F_T_ASK, F_T_SAY, F_T_UND};
    assert_eq!(classify("On mange où la pâte lève.", false), None);
    let mut n = 0;
    for &(w, _, f) in LEXICON {
        if f & (F_T_ASK | F_T_SAY | F_T_UND) == 0 {
            continue;
        }
        n += 1;
        let text = format!("On {w} où la pâte lève.");
        let got = classify(&text, false);
        assert!(
            matches!(got, Some((Kind::Embedded | Kind::Indirect, f)) if f == Forms::OU),
            "{text}: {got:?}"
        );
    }
    assert!(n > 50, "only {n} verbs");
}

/// The byte pre-filter reads a word as long as the token scan does (48
/// bytes), a two-byte letter at its end included.
#[test]
fn long_words_read_alike() {
    let w = format!("demand{}é", "e".repeat(40));
    assert_eq!(w.len(), 48);
    assert!(lex_word(&w).1 & super::classes::F_T_ASK != 0);
    assert!(has_trigger_word(&w));
    let longer = format!("demand{}é", "e".repeat(41));
    assert_eq!(lex_word(&longer).1, 0);
    assert!(!has_trigger_word(&longer));
}

/// The look-ahead after a trigger verb reads six words ("d’", "l’" are
/// none): "quand" further on is a time clause the rules never read.
#[test]
fn the_look_ahead_reads_six_words() {
    assert!(may_embed(
        "Je sais d’ailleurs l’heure où il part".as_bytes()
    ));
    assert!(may_embed("Je sais que le chat du voisin où".as_bytes()));
    assert!(!may_embed(
        "Je sais que le chat du voisin dort quand il pleut".as_bytes()
    ));
    assert!(may_embed("Je sais quand il pleut".as_bytes()));
    assert!(!may_embed("Je sais que le chat quand il pleut".as_bytes()));
}
