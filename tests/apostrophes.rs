//! Elision with every character French text uses for an apostrophe:
//! `'`, `’` (U+2019), `ʼ` (U+02BC), `‘` (U+2018), `′` (U+2032), `´`
//! (U+00B4) and the backtick. Each splits `l’homme` into `l’` + `homme`
//! and keeps `aujourd’hui` whole, token by token (text and offset) and
//! through the whole pipeline. See: #22 (`lʼhomme` stayed one word).

use billet::tokenize::{TokenKind, tokens};
use serde_json::Value;

mod common;
use common::{TestDir, stderr};

const APOSTROPHES: &[char] = &['\'', '’', 'ʼ', '‘', '′', '´', '`'];

/// (input with `'` standing for the apostrophe under test, expected
/// tokens as (text, kind)).
const CASES: &[(&str, &[(&str, TokenKind)])] = &[
    ("l'homme", &[("l'", E), ("homme", W)]),
    ("L'Homme", &[("L'", E), ("Homme", W)]),
    ("d'économie", &[("d'", E), ("économie", W)]),
    ("qu'il", &[("qu'", E), ("il", W)]),
    ("jusqu'ici", &[("jusqu'", E), ("ici", W)]),
    ("lorsqu'on", &[("lorsqu'", E), ("on", W)]),
    ("s'il", &[("s'", E), ("il", W)]),
    ("aujourd'hui", &[("aujourd'hui", W)]),
    ("d'aujourd'hui", &[("d'", E), ("aujourd'hui", W)]),
    ("presqu'île", &[("presqu'île", W)]),
    ("qu'aujourd'hui", &[("qu'", E), ("aujourd'hui", W)]),
    ("c'est-à-dire", &[("c'", E), ("est-à-dire", W)]),
    (
        "n'est-ce pas",
        &[("n'", E), ("est", W), ("ce", W), ("pas", W)],
    ),
    // Not followed by a letter: no elision, the apostrophe is dropped.
    ("l' homme", &[("l", W), ("homme", W)]),
    ("homme'", &[("homme", W)]),
    // Not an elided word: one word, apostrophe inside.
    ("prud'hommes", &[("prud'hommes", W)]),
];

const E: TokenKind = TokenKind::Elision;
const W: TokenKind = TokenKind::Word;

#[test]
fn every_apostrophe_elides_the_same_way() {
    for &apos in APOSTROPHES {
        for (pattern, expected) in CASES {
            let input = pattern.replace('\'', &apos.to_string());
            let got: Vec<(&str, usize, TokenKind)> = tokens(&input, 10)
                .iter()
                .map(|t| (t.text, t.start, t.kind))
                .collect();
            // Expected offsets: each token found in order in the input.
            let mut want = Vec::new();
            let mut from = 0;
            for &(text, kind) in expected.iter() {
                let text = text.replace('\'', &apos.to_string());
                let at = from + input[from..].find(&text).expect("in input");
                from = at + text.len();
                want.push((text, at + 10, kind));
            }
            let want: Vec<(&str, usize, TokenKind)> = want
                .iter()
                .map(|(t, at, k)| (t.as_str(), *at, *k))
                .collect();
            assert_eq!(
                got, want,
                "tokens of {input:?} (U+{:04X})",
                apos as u32
            );
        }
    }
}

/// Characters that look like an apostrophe but are none keep splitting
/// words: a right double quote, a modifier prime, a hyphen.
#[test]
fn other_marks_are_no_apostrophes() {
    for (input, expected) in [
        ("l”homme", &["l", "homme"][..]),
        ("lʹhomme", &["lʹhomme"][..]), // U+02B9 is a letter (Lm)
        ("l-homme", &["l-homme"][..]),
    ] {
        let got: Vec<&str> = tokens(input, 0).iter().map(|t| t.text).collect();
        assert_eq!(got, expected, "{input:?}");
    }
}

const POST: &str = "L'homme et l'arbre\n\n\
L'homme plante l'arbre au printemps. Qu'il pleuve ou qu'il vente, \
l'homme arrose l'arbre d'aujourd'hui. Jusqu'ici, l'arbre pousse et \
l'homme attend l'été.\n";

/// The same post written with each apostrophe: the same key terms,
/// counts and word count as with `'`; the elided articles are stopwords
/// and never part of a term.
#[test]
fn the_pipeline_reads_every_apostrophe_alike() {
    let t = TestDir::new();
    let mut reference: Option<Value> = None;
    for (i, &apos) in APOSTROPHES.iter().enumerate() {
        t.write(
            format!("in{i}/post.txt"),
            POST.replace('\'', &apos.to_string()),
        );
        let out_dir = format!("out{i}");
        let o = t.billet(&["analyze", &format!("in{i}"), "--out", &out_dir]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let a = t.json(&format!("{out_dir}/articles/post.json"));
        let terms: Vec<(String, u64)> = a["key_terms"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| {
                (
                    k["stem"].as_str().unwrap().to_string(),
                    k["count"].as_u64().unwrap(),
                )
            })
            .collect();
        // `arbre` and `homme`: once in the title, three times in the
        // body, never glued to their article. Equal scores keep the
        // order of the text (#14).
        let want = [
            ("homm", 4),
            ("arbre", 4),
            ("plant", 1),
            ("printemp", 1),
            ("pleuv", 1),
            ("vent", 1),
            ("arros", 1),
            ("pouss", 1),
            ("attend", 1),
        ]
        .map(|(s, n)| (s.to_string(), n));
        assert_eq!(terms, want, "U+{:04X}", apos as u32);
        let summary = serde_json::json!({
            "terms": terms,
            "words": a["stats"]["words"],
            "sentences": a["stats"]["sentences"],
        });
        match &reference {
            None => reference = Some(summary),
            Some(r) => assert_eq!(&summary, r, "U+{:04X}", apos as u32),
        }
    }
    // 3 words in the title and 21 in the body; the 12 elided words
    // are not counted.
    assert_eq!(reference.unwrap()["words"], 24);
}
