//! Unit tests of the tag vocabulary, slugs, the inputs of the model
//! and the suggestions' reasons.

use super::*;
use crate::corpus::log_tf;

const SLUGS: &[(&str, &str)] = &[
    ("Économie", "economie"),
    ("economie", "economie"),
    ("Network BGP", "network-bgp"),
    ("network-bgp", "network-bgp"),
    ("C++ / Rust", "c-rust"),
    ("  Œuvres d’art ", "oeuvres-d-art"),
    ("#!?", ""),
];

/// Each article's stems that name a word of some tag, and those of
/// them in its title, whatever else the article holds.
#[test]
fn inputs_keep_the_stems_naming_tag_words() {
    use crate::corpus::{CorpusStats, Doc, Packed};
    use crate::terms::TermCount;
    let names = ["rust", "cod", "python", "jardin"];
    let term = |stem: u32, zones: u8| TermCount {
        stem,
        count: 2,
        surface: stem,
        first: stem,
        zones,
    };
    let doc = |id: &str, tag: &str, terms: &[TermCount]| {
        let mut doc = Doc {
            id: id.to_string(),
            packed: Packed::pack(terms, &[]),
            ..Doc::default()
        };
        doc.meta.tags = vec![tag.to_string()];
        doc
    };
    let docs = [
        doc("a", "Rust", &[term(0, zone::TITLE), term(1, 0), term(2, 0)]),
        doc("b", "Python", &[term(1, zone::TITLE), term(2, zone::TITLE)]),
        doc("c", "Python", &[term(2, 0), term(3, zone::TITLE)]),
    ];
    let stats = CorpusStats::build(&docs, names.len());
    let tags = TagVocab::build(&docs, |_| false);
    let inputs =
        TagInputs::build(&docs, &tags, &stats, &names, &Stopwords::french());
    let stems: Vec<&[u32]> = inputs.stems.iter().map(|s| &**s).collect();
    assert_eq!(stems, [&[0, 2][..], &[2], &[2]]);
    let title: Vec<&[u32]> = inputs.title_stems.iter().map(|s| &**s).collect();
    assert_eq!(title, [&[0][..], &[2], &[]]);
}

/// An article's vector keeps its heaviest [`VECTOR_TERMS`] terms of
/// those other articles use too.
#[test]
fn vectors_keep_the_heaviest_shared_terms() {
    use crate::corpus::{CorpusStats, Doc, Packed};
    use crate::terms::TermCount;
    let n = VECTOR_TERMS as u32 + 12;
    let names: Vec<String> = (0..n).map(|s| format!("w{s}")).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    // Counts 1 to n: the heaviest terms are the last stems.
    let terms: Vec<TermCount> = (0..n)
        .map(|stem| TermCount {
            stem,
            count: stem + 1,
            surface: stem,
            first: stem,
            zones: 0,
        })
        .collect();
    let docs: Vec<Doc> = ["a", "b"]
        .iter()
        .map(|id| {
            let mut doc = Doc {
                id: id.to_string(),
                packed: Packed::pack(&terms, &[]),
                ..Doc::default()
            };
            doc.meta.tags = vec!["tag".to_string()];
            doc
        })
        .collect();
    let stats = CorpusStats::build(&docs, names.len());
    let tags = TagVocab::build(&docs, |_| false);
    let inputs =
        TagInputs::build(&docs, &tags, &stats, &names, &Stopwords::french());
    for a in 0..2 {
        let kept: Vec<u32> = inputs.vectors.pairs(a).map(|p| p.0).collect();
        assert_eq!(kept, (12..n).collect::<Vec<_>>());
        // Weighed to unit norm.
        let mut sum = 0.0;
        inputs.vectors.each(a, |_, w| sum += w * w);
        assert!((sum - 1.0).abs() < 1e-12, "{sum}");
    }
}

#[test]
fn why_names_the_evidence_a_suggestion_rests_on() {
    // Features: centroid, neighbours, name, title, prior, nearest,
    // salience.
    let why_of = |voters: u32, name: f64, title: f64| {
        let s = Suggestion {
            tag: 0,
            score: 0.5,
            features: [0.4213, 0.0, name, title, 0.0, 0.0, 0.0, 1.0, 1.0],
            voters,
            voting: 20,
        };
        why(&Suggested::from(&s))
    };
    assert_eq!(
        why_of(0, 0.0, 0.0),
        "close to the articles carrying it (cosine 0.42)"
    );
    assert_eq!(why_of(0, 0.5, 0.0), "text names part of it");
    assert_eq!(why_of(0, 1.0, 0.0), "text names it");
    assert_eq!(why_of(0, 1.0, 0.5), "title names it");
    assert_eq!(
        why_of(4, 0.0, 0.0),
        "4 of 20 similar tagged articles carry it"
    );
    assert_eq!(
        why_of(4, 0.5, 0.5),
        "4 of 20 similar tagged articles carry it; title names it"
    );
    // Out of the neighbours that voted, not of the most there can be.
    let thin = Suggestion {
        tag: 0,
        score: 0.9,
        features: [0.1, 1.0, 0.0, 0.0, 0.0, 0.1, 0.0, 1.0, 1.0],
        voters: 1,
        voting: 1,
    };
    assert_eq!(
        why(&Suggested::from(&thin)),
        "1 of 1 similar tagged articles carry it"
    );
}

#[test]
fn term_weights_grow_with_the_log_of_the_count() {
    assert_eq!(log_tf(0), 1.0);
    assert_eq!(log_tf(1), 1.0);
    assert!((log_tf(100) - (1.0 + 100f64.ln())).abs() < 1e-12);
    assert!(log_tf(64) > log_tf(63));
}

#[test]
fn slugs() {
    for (tag, slug) in SLUGS {
        assert_eq!(tag_slug(tag), *slug, "{tag:?}");
    }
}

/// The slug as its definition reads: fold every character, then
/// every run of characters not `[a-z0-9]` → `-`, none at the ends.
fn slug_by_chars(tag: &str) -> String {
    let folded = fold(tag);
    let mut slug = String::new();
    for c in folded.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

proptest::proptest! {
    #[test]
    fn slugs_are_their_definition(
        tag in "[a-zA-Z0-9 ._/+#&'’-]{0,24}|[a-zA-Zéèêàçœøß ΩΣ漢’ -]{0,24}|\\PC{0,16}",
    ) {
        proptest::prop_assert_eq!(tag_slug(&tag), slug_by_chars(&tag));
    }
}

#[test]
fn tag_words_are_stemmed_and_folded() {
    let stop = Stopwords::french();
    assert_eq!(tag_word_stems("network-bgp", &stop), ["network", "bgp"]);
    assert_eq!(
        tag_word_stems("Économies d'énergie", &stop),
        [fold(&stem::stem("économies")), fold(&stem::stem("énergie"))]
    );
    assert_eq!(tag_word_stems("la", &stop), Vec::<String>::new());
}

/// A versioned tag is named by its words, not its number (numbers are
/// never an article's terms); near-duplicates still tell the versions
/// apart, through `tag_word_stems`.
#[test]
fn name_words_leave_numbers_out() {
    let stop = Stopwords::french();
    assert_eq!(name_words("Angular 17", &stop), ["angular"]);
    assert_eq!(name_words("php-5-3", &stop), ["php"]);
    assert_eq!(name_words("es2015", &stop), ["es2015"]);
    assert_eq!(name_words("2048", &stop), ["2048"]);
    assert_eq!(tag_word_stems("Angular 17", &stop), ["angular", "17"]);
}

#[test]
fn tagged_besides_looks_at_the_other_articles_only() {
    let vocab = TagVocab {
        slugs: vec!["velo".into()],
        forms: vec![vec![("vélo".into(), 2)]],
        of_article: vec![vec![0], vec![], vec![]],
    };
    assert!(!vocab.tagged_besides(0), "only its own tags");
    assert!(vocab.tagged_besides(1));
    assert!(vocab.tagged_besides(2));
    let two = TagVocab {
        of_article: vec![vec![0], vec![], vec![0]],
        ..vocab.clone()
    };
    assert!(two.tagged_besides(0));
    assert!(two.tagged_besides(2));
    assert!(!TagVocab::default().tagged_besides(0));
}

/// Key terms (term, score), the shared ones, the tags and scores
/// expected.
type Case<'a> = (
    &'a [(&'a str, f64)],
    &'a [&'a str],
    &'a [&'a str],
    &'a [f64],
);

/// Without tags: the key terms other articles share, in key-term order,
/// one per slug, at most five, scored against the first kept; a word
/// of one article never, a key phrase never.
#[test]
fn untagged_suggestions_keep_the_shared_key_terms() {
    let term = |t: &str, score: f64| KeyTerm {
        term: t.to_string(),
        stem: t.to_string(),
        count: 2,
        score,
    };
    // (key terms, the shared ones, expected tags, expected scores)
    let cases: &[Case] = &[
        // The first key term of one article goes; the rest is scored
        // against the best kept.
        (
            &[("désolé", 4.0), ("webpack", 2.0), ("modules", 1.0)],
            &["webpack", "modules"],
            &["webpack", "modules"],
            &[1.0, 0.5],
        ),
        // Two spellings of one slug: the first only.
        (
            &[("Économie", 2.0), ("economie", 1.9), ("vélo", 0.5)],
            &["Économie", "economie", "vélo"],
            &["Économie", "vélo"],
            &[1.0, 0.25],
        ),
        // At most five.
        (
            &[
                ("a1", 6.0),
                ("b2", 5.0),
                ("c3", 4.0),
                ("d4", 3.0),
                ("e5", 2.0),
                ("f6", 1.0),
            ],
            &["a1", "b2", "c3", "d4", "e5", "f6"],
            &["a1", "b2", "c3", "d4", "e5"],
            &[1.0, 0.8333, 0.6667, 0.5, 0.3333],
        ),
        // Nothing shared, nothing suggested.
        (&[("seul", 1.0)], &[], &[], &[]),
    ];
    for (terms, shared, tags, scores) in cases {
        let terms: Vec<KeyTerm> =
            terms.iter().map(|&(t, s)| term(t, s)).collect();
        let out =
            suggested_from_keys(&terms, |k| shared.contains(&k.term.as_str()));
        let got: Vec<&str> = out.iter().map(|s| s.tag.as_str()).collect();
        assert_eq!(got, *tags);
        let got: Vec<f64> = out.iter().map(|s| s.score).collect();
        assert_eq!(got, *scores);
        assert!(
            out.iter()
                .all(|s| s.why.starts_with("no tags in this corpus"))
        );
    }
}
