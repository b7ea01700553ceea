//! Unit tests of the form cache, its classes and the stemmer.

use super::*;

#[test]
fn forms_are_stemmed_once_and_classified() {
    let vocab = Vocab::new();
    let stop = Stopwords::french();
    let mut cache = FormCache::new();
    let a = cache.lookup("communauté", &stop, &vocab);
    let b = cache.lookup("communautés", &stop, &vocab);
    let c = cache.lookup("communauté", &stop, &vocab);
    assert_eq!(a, c);
    assert_eq!(a.class, Class::Content);
    assert_eq!(a.stem, b.stem);
    assert_ne!(a.form, b.form);
    assert_eq!(cache.lookup("de", &stop, &vocab).class, Class::Connector);
    assert_eq!(cache.lookup("l'", &stop, &vocab).class, Class::Connector);
    assert_eq!(cache.lookup("nous", &stop, &vocab).class, Class::Stop);
    assert_eq!(cache.len(), 5);
}

/// A token's text as written finds the info of its normalised form,
/// whatever its length (packed keys up to 15 bytes, a map beyond).
#[test]
fn raw_tokens_find_their_normalised_form() {
    let vocab = Vocab::new();
    let stop = Stopwords::french();
    let mut cache = FormCache::new();
    let words = [
        "a",
        "à",
        "L’",
        "l'",
        "Le",
        "le",
        "LE",
        "Les",
        "les",
        "été",
        "Été",
        "ÉTÉ",
        "abcd",
        "abcde",
        "abcdefg",
        "abcdefgh",
        "abcdefghi",
        "abcdefghijklmno",
        "abcdefghijklmnop",
        "Communautés",
        "communautés",
        "anticonstitutionnellement",
        "Anticonstitutionnellement",
        "œuvre",
        "Œuvre",
        "qu’",
        "Qu'",
        "x1",
        "mp3",
        "2e",
        "aujourd’hui",
        "com",
        "COM",
        "www",
    ];
    for round in 0..2 {
        for w in words {
            let mut norm = String::new();
            normalize_into(w, &mut norm);
            let mut expected = cache.lookup(&norm, &stop, &vocab);
            if crate::questions::has_trigger_word(w) {
                expected.flags |= flag::TRIGGER;
            }
            if address::may_be_piece(w) {
                expected.flags |= flag::ADDRESS;
            }
            assert_eq!(
                cache.lookup_token(w, &stop, &vocab),
                expected,
                "{w:?}, round {round}"
            );
        }
    }
    // Looked up inside a document, with or without 16 bytes after
    // the token, they are found the same way.
    let doc = "Le Communautés anticonstitutionnellement été, l’ a";
    let mut at = 0;
    for w in doc.split(' ') {
        let start = doc[at..].find(w).expect("word") + at;
        let end = start + w.len();
        assert_eq!(
            cache.lookup_in(doc, start, end, &stop, &vocab),
            cache.lookup_token(w, &stop, &vocab),
            "{w:?}"
        );
        at = end;
    }
    // Keys that differ in one byte or in length only stay apart.
    let keys: Vec<u128> = ["ab", "abc", "ab\u{0}", "abcdefgh", "abcdefgi"]
        .iter()
        .map(|w| RawTable::key(w.as_bytes()))
        .collect();
    for (i, a) in keys.iter().enumerate() {
        assert!(keys[i + 1..].iter().all(|b| b != a));
    }
}

#[test]
fn many_raw_tokens_survive_growth() {
    let vocab = Vocab::new();
    let stop = Stopwords::default();
    let mut cache = FormCache::new();
    let words: Vec<String> = (0..5000).map(|i| format!("mot{i}x")).collect();
    let first: Vec<FormInfo> = words
        .iter()
        .map(|w| cache.lookup_token(w, &stop, &vocab))
        .collect();
    for (w, info) in words.iter().zip(&first) {
        assert_eq!(cache.lookup_token(w, &stop, &vocab), *info);
        assert_eq!(cache.lookup(w, &stop, &vocab), *info);
    }
}

#[test]
fn code_like_forms_are_not_terms() {
    let vocab = Vocab::new();
    let stop = Stopwords::default();
    let mut cache = FormCache::new();
    for junk in ["1111111111111111111114olvt2", "1d3wbrjkg7rdez8"] {
        assert_eq!(cache.lookup(junk, &stop, &vocab).class, Class::Stop);
    }
    // Numbers written as words (see: #14).
    for number in [
        "1er",
        "2e",
        "3ème",
        "1re",
        "7es",
        "12eme",
        "2nd",
        "16x16",
        "1920x1080",
        "3x3x3",
        "21h",
        "12h30",
        "10go",
        "5ko",
        "60fps",
        "24px",
        "450mhz",
        "10ans",
    ] {
        assert_eq!(cache.lookup(number, &stop, &vocab).class, Class::Stop);
    }
    for word in [
        "mp3",
        "h264",
        "covid19",
        "anticonstitutionnellement",
        "3d",
        "4k",
        "2fa",
        "3x",
        "x11",
        "10base",
        "4g",
        "10g",
        "h2o",
        "2h2",
        "3hx",
    ] {
        assert_eq!(cache.lookup(word, &stop, &vocab).class, Class::Content);
    }
}

#[test]
fn freeze_sorts_stems() {
    let vocab = Vocab::new();
    let stop = Stopwords::default();
    let mut cache = FormCache::new();
    let z = cache.lookup("zèbre", &stop, &vocab);
    let a = cache.lookup("arbre", &stop, &vocab);
    let frozen = vocab.freeze();
    assert_eq!(frozen.stable(a.stem), 0);
    assert_eq!(frozen.stable(z.stem), 1);
    assert_eq!(frozen.stem(0), "arbre");
}

/// A seeded table keeps the seeds' ids, and freezes into the table
/// the run would have built alone: seeds it never asked for and that
/// are not kept are left out, the stems kept ranked as usual and the
/// forms kept renumbered in order.
#[test]
fn seeded_tables_freeze_to_what_the_run_used() {
    let stems = ["arbre", "chat", "lun", "zebr"];
    let forms = ["arbres", "chat", "lune", "zèbres"];
    let vocab = Vocab::seeded(stems, forms).expect("no repeats");
    assert_eq!(vocab.stem_id("lun"), 2, "a seed keeps its place");
    assert_eq!(vocab.form_id("lune"), 2);
    assert_eq!(vocab.stem_id("bois"), 4, "new stems come after");
    assert_eq!(vocab.form_id("bois"), 4);
    // "arbre" is kept as if a cached article used it; "chat" and
    // "zebr" are used by nothing.
    let frozen = vocab.freeze_keeping(|s| s == 0, |f| f == 0);
    assert_eq!(frozen.stem_count(), 3);
    let texts: Vec<&str> = (0..3).map(|s| frozen.stem(s)).collect();
    assert_eq!(texts, ["arbre", "bois", "lun"]);
    assert_eq!([frozen.stable(0), frozen.stable(2)], [0, 2]);
    assert_eq!(frozen.stable(4), 1);
    assert_eq!(frozen.form_count(), 3);
    let ids: Vec<u32> = [0, 2, 4].map(|f| frozen.form_id(f)).to_vec();
    assert_eq!(ids, [0, 1, 2]);
    assert_eq!(frozen.form(frozen.form_id(4)), "bois");
    assert!(!frozen.keeps_form_ids());
    // "bois" sorts among the seeds: their stable ids moved.
    assert!(!frozen.keeps_first(4, 4));

    // Every seed used and no new stem: nothing moves.
    let vocab = Vocab::seeded(stems, forms).expect("no repeats");
    let frozen = vocab.freeze_keeping(|_| true, |_| true);
    assert!(frozen.keeps_first(4, 4));
    assert_eq!(frozen.form_id(3), 3);
    assert!(frozen.keeps_form_ids());
    // A new stem after the last seed moves none of them.
    let vocab = Vocab::seeded(stems, forms).expect("no repeats");
    vocab.stem_id("zz");
    let frozen = vocab.freeze_keeping(|_| true, |_| true);
    assert!(frozen.keeps_first(4, 4));
    assert_eq!(frozen.stable(4), 4);
    // A list with a repeat cannot keep its ids.
    assert!(Vocab::seeded(["a", "b", "a"], ["x"]).is_none());
    assert!(Vocab::seeded(["a"], ["x", "x"]).is_none());
}

/// Golden pairs from tests/data/stem_fr.tsv.
#[test]
fn golden_pairs() {
    let data = include_str!("../../tests/data/stem_fr.tsv");
    let mut n = 0;
    for line in data.lines().filter(|l| !l.starts_with('#')) {
        let Some((word, expected)) = line.split_once('\t') else {
            continue;
        };
        assert_eq!(stem(word), expected, "stem of {word:?}");
        n += 1;
    }
    assert!(n >= 100, "only {n} golden pairs");
}
