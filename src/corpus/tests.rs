use super::score::contains_words;
use super::*;
use crate::questions::{FORM_NAMES, QuestionSentence};
use crate::terms::{PhraseCount, TermCount};
use proptest::prelude::*;

#[test]
fn idf_is_positive_and_decreasing() {
    let stats = CorpusStats::new(10, 1000, vec![1, 5, 10]);
    assert!(stats.idf(0) > stats.idf(1));
    assert!(stats.idf(1) > stats.idf(2));
    assert!(stats.idf(2) > 0.0);
}

#[test]
fn packed_counts_round_trip() {
    let terms = [
        TermCount {
            stem: 70_000,
            count: 3,
            surface: 12,
            first: 2,
            zones: 0b1010,
        },
        TermCount {
            stem: 5,
            count: 1,
            surface: 900_000,
            first: 70_000,
            zones: 0,
        },
        TermCount {
            stem: u32::MAX - 1,
            count: 300,
            surface: 0,
            first: 0,
            zones: 0b1111,
        },
    ];
    let phrases = [PhraseCount {
        stems: vec![5, 70_000].into(),
        text: "communauté de pratique".to_string(),
        count: 13,
    }];
    let packed = Packed::pack(&terms, &phrases);
    assert_eq!(packed.terms().collect::<Vec<_>>(), terms);
    assert_eq!(packed.phrases(), phrases);
    let sums: Vec<_> = packed.phrase_sums(|s| f64::from(s) / 4.0).collect();
    assert_eq!(sums, [("communauté de pratique", 13, 2, 17_501.25)]);
    assert_eq!(Packed::default().phrase_sums(f64::from).count(), 0);
    assert_eq!(packed.term_count(), 3);
    let renumbered = packed.renumbered(|s| s / 2);
    let stems: Vec<u32> = renumbered.terms().map(|t| t.stem).collect();
    assert_eq!(stems, [2, 35_000, (u32::MAX - 1) / 2]);
    assert_eq!(&*renumbered.phrases()[0].stems, &[2, 35_000]);
    assert_eq!(Packed::default().terms().count(), 0);
    assert!(Packed::default().phrases().is_empty());
    let questions = [
        QuestionSentence {
            text: "Pourquoi et comment ?".to_string(),
            kind: "direct",
            forms: vec!["pourquoi", "comment"],
            heading: true,
        },
        QuestionSentence {
            text: "Je me demande si…".to_string(),
            kind: "indirect",
            forms: vec![],
            heading: false,
        },
        QuestionSentence {
            text: "Il faut vérifier si…".to_string(),
            kind: "embedded",
            forms: vec!["intonation"],
            heading: false,
        },
    ];
    let with_questions = Packed::pack_all(&terms, &phrases, &questions);
    assert_eq!(with_questions.questions(), questions);
    assert_eq!(with_questions.phrases(), phrases);
    assert_eq!(with_questions.renumbered(|s| s).questions(), questions);
    assert!(packed.questions().is_empty());
    let only = Packed::pack_all(&[], &[], &questions);
    assert_eq!(only.questions(), questions);
    assert!(only.phrases().is_empty() && only.terms().count() == 0);
}

#[test]
fn whole_word_containment() {
    assert!(contains_words("communauté de pratique", "de pratique"));
    assert!(!contains_words("communautés de pratique", "communauté de"));
    // The first occurrence is inside a word; the second, which
    // overlaps it, is not looked at; the third is whole.
    assert!(!contains_words("xab ab", "ab ab"));
    assert!(contains_words("xab ab ab ab", "ab ab"));
    assert!(contains_words("été à été", "été"));
    assert!(!contains_words("étés", "été"));
}

/// The test oracle: the same rule on `str::match_indices`.
fn contains_words_oracle(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle).any(|(i, _)| {
        let before = hay[..i].chars().next_back();
        let after = hay[i + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric)
            && !after.is_some_and(char::is_alphanumeric)
    })
}

#[test]
fn whole_word_containment_matches_the_oracle() {
    let strings = ("[abé ]{0,14}", "[abé ]{1,6}");
    proptest::test_runner::TestRunner::new(
        proptest::test_runner::Config::with_cases(4000),
    )
    .run(&strings, |(hay, needle)| {
        assert_eq!(
            contains_words(&hay, &needle),
            contains_words_oracle(&hay, &needle),
            "{hay:?} {needle:?}"
        );
        Ok(())
    })
    .unwrap();
}

#[test]
fn raw_parts_with_ids_out_of_their_tables_are_refused() {
    let term = |stem, surface| TermCount {
        stem,
        count: 2,
        surface,
        first: 1,
        zones: 0,
    };
    let phrases = [PhraseCount {
        stems: vec![3, 9].into(),
        text: "mot suivant".to_string(),
        count: 2,
    }];
    let packed = Packed::pack(&[term(3, 0), term(7, 4)], &phrases);
    let (bytes, terms, phrases_at, questions_at) = packed.raw();
    let from = |stems, forms| {
        Packed::from_raw(
            bytes.to_vec(),
            terms,
            phrases_at,
            questions_at,
            stems,
            forms,
        )
    };
    let back = from(10, 5).expect("every id in range");
    assert!(back.terms().eq(packed.terms()));
    assert_eq!(back.phrases(), phrases);
    // A term's stem, a term's surface form, a phrase's stem.
    assert!(from(7, 5).is_none());
    assert!(from(10, 4).is_none());
    assert!(from(9, 5).is_none());
}

/// The terms of `packed` as a lean article keeps them: no surface form,
/// no first position.
fn lean_terms(packed: &Packed) -> Vec<TermCount> {
    packed
        .terms()
        .map(|t| TermCount {
            surface: 0,
            first: 0,
            ..t
        })
        .collect()
}

/// One phrase (stems 4 and `second`) and one question, for the split
/// tests.
fn phrase_and_question(
    second: u32,
) -> ([PhraseCount; 1], [QuestionSentence; 1]) {
    let phrases = [PhraseCount {
        stems: vec![4, second].into(),
        text: "vélo cargo".to_string(),
        count: 2,
    }];
    let questions = [QuestionSentence {
        text: "Et après ?".to_string(),
        kind: "direct",
        forms: vec!["intonation"],
        heading: false,
    }];
    (phrases, questions)
}

#[test]
fn a_split_article_joins_back_byte_for_byte() {
    let terms = [
        TermCount {
            stem: 9,
            count: 2,
            surface: 300_000,
            first: 1 << 28,
            zones: 0b0101,
        },
        TermCount {
            stem: 4,
            count: 700,
            surface: 3,
            first: 0,
            zones: 0,
        },
    ];
    let (phrases, questions) = phrase_and_question(9);
    let with_questions = Packed::pack_all(&terms, &phrases, &questions);
    let cases = [
        Packed::default(),
        Packed::default().renumbered(|s| s),
        Packed::pack(&terms, &[]),
        Packed::pack(&terms, &phrases),
        Packed::pack_all(&[], &[], &questions),
        with_questions.renumbered(|s| s + 1),
        with_questions,
    ];
    for full in cases {
        let mut cold = vec![7]; // appended to, not replaced
        let lean = full.split(&mut cold);
        assert!(lean.is_lean() && !full.is_lean());
        assert!(
            lean.raw_len() < full.raw().0.len() || full.raw().0.is_empty()
        );
        assert_eq!(lean.term_count(), full.term_count());
        let want = lean_terms(&full);
        let kept: Vec<_> = lean.terms().collect();
        assert_eq!(kept, want);
        // Folding (what `for_each` and `sum` use) walks the same terms
        // as `next`, and both forms know their length before walking.
        let folded = lean.terms().fold(Vec::new(), |mut v, t| {
            v.push(t);
            v
        });
        assert_eq!(folded, want);
        assert_eq!(lean.terms().len(), full.term_count());
        assert_eq!(full.terms().len(), full.term_count());
        assert_eq!(full.raw_len(), full.raw().0.len());
        assert!(lean.raw_len() > 0 || full.term_count() == 0);
        // The weighing walk reads the same stems, counts and zones from
        // either form (zones 0b0101 share the place's first byte with
        // a first position of 2^28).
        for p in [&full, &lean] {
            let mut weighed = Vec::new();
            p.each_weighed(|stem, count, zones| {
                weighed.push((stem, count, zones));
            });
            let want: Vec<_> =
                full.terms().map(|t| (t.stem, t.count, t.zones)).collect();
            assert_eq!(weighed, want);
        }
        assert_eq!(lean.joined(&cold[1..]).as_ref(), Some(&full));
        assert_eq!(full.joined(&cold[1..]), None);
        for cut in 1..cold.len() - 1 {
            if let Some(back) = lean.joined(&cold[1..cut]) {
                assert_ne!(back, full, "cut at {cut}");
            }
        }
    }
}

/// Three terms out of stem order, with a form and a place that take
/// several bytes each.
fn unsorted_terms() -> [TermCount; 3] {
    [
        TermCount {
            stem: 9,
            count: 2,
            surface: 300_000,
            first: 1 << 28,
            zones: 0b0101,
        },
        TermCount {
            stem: 30,
            count: 1,
            surface: 5,
            first: 2,
            zones: 0b0010,
        },
        TermCount {
            stem: 4,
            count: 700,
            surface: 3,
            first: 0,
            zones: 0,
        },
    ]
}

/// Articles packed from none, some or all of `terms`, `phrases` and
/// `questions`.
fn packed_cases(
    terms: &[TermCount],
    phrases: &[PhraseCount],
    questions: &[QuestionSentence],
) -> [Packed; 6] {
    [
        Packed::default(),
        Packed::pack(terms, &[]),
        Packed::pack(terms, phrases),
        Packed::pack_all(&[], &[], questions),
        Packed::pack_all(terms, &[], questions),
        Packed::pack_all(terms, phrases, questions),
    ]
}

#[test]
fn an_article_split_before_renumbering_joins_back_renumbered() {
    // Unsorted, and the map reverses the order of the stems.
    let terms = unsorted_terms();
    let (phrases, questions) = phrase_and_question(30);
    let new_of = |s: u32| 200 - s;
    let old_of = |s: u32| 200 - s;
    let cases = packed_cases(&terms, &phrases, &questions);
    for whole in cases {
        let want = whole.renumbered(new_of);
        let mut cold = Vec::new();
        let lean = whole.renumbered(|s| s).split(&mut cold);
        let lean = lean.renumbered(new_of);
        assert!(lean.is_lean());
        let kept: Vec<_> = lean.terms().collect();
        assert_eq!(kept, lean_terms(&want));
        assert_eq!(
            lean.joined_renumbered(&cold, old_of, new_of).as_ref(),
            Some(&want)
        );
        assert_eq!(want.joined_renumbered(&cold, old_of, new_of), None);
        for cut in 0..cold.len() {
            if let Some(back) =
                lean.joined_renumbered(&cold[..cut], old_of, new_of)
            {
                assert_ne!(back, want, "cut at {cut}");
            }
        }
    }
}

#[test]
fn an_article_split_keyed_before_renumbering_joins_back_renumbered() {
    // Unsorted, and the map reverses the order of the stems.
    let terms = unsorted_terms();
    let (phrases, questions) = phrase_and_question(30);
    let new_of = |s: u32| 200 - s;
    let known = |s: u32| (s <= 200).then(|| new_of(s));
    // Forms renumbered too, or kept.
    let forms = |f: u32| f / 2 + 1;
    // Another article with as many terms, other stems.
    let other: Vec<TermCount> = terms
        .iter()
        .map(|t| TermCount {
            stem: t.stem + 1,
            ..*t
        })
        .collect();
    let mut other_cold = Vec::new();
    let other_lean = Packed::pack(&other, &[]).split_keyed(&mut other_cold);
    let cases = packed_cases(&terms, &phrases, &questions);
    for whole in cases {
        let want = whole.remapped(new_of, forms);
        let same_forms = whole.renumbered(new_of);
        // Split as packed (terms unsorted), or sorted by stem first.
        for split in [whole.clone(), whole.renumbered(|s| s)] {
            let mut cold = vec![7]; // appended to, not replaced
            let lean = split.split_keyed(&mut cold).renumbered(new_of);
            let cold = &cold[1..];
            assert!(lean.is_lean());
            let kept: Vec<_> = lean.terms().collect();
            assert_eq!(kept, lean_terms(&want));
            let joined = lean.joined_keyed(cold, known, forms);
            assert_eq!(joined.as_ref(), Some(&want));
            let joined = lean.joined_keyed(cold, known, |f| f);
            assert_eq!(joined.as_ref(), Some(&same_forms));
            assert_eq!(want.joined_keyed(cold, known, forms), None);
            if whole.term_count() > 0 {
                // A stem the renumbering does not know.
                let gaps = |s: u32| (s != 4).then(|| new_of(s));
                assert_eq!(lean.joined_keyed(cold, gaps, forms), None);
                // The part of another article of as many terms, just
                // joined (the table by stem still holds its terms).
                let other = other_lean.renumbered(new_of);
                assert!(
                    other.joined_keyed(&other_cold, known, forms).is_some()
                );
                assert_eq!(lean.joined_keyed(&other_cold, known, forms), None);
            }
            for cut in 0..cold.len() {
                if let Some(back) =
                    lean.joined_keyed(&cold[..cut], known, forms)
                {
                    assert_ne!(back, want, "cut at {cut}");
                }
            }
            // The last four bytes say whether questions follow the
            // phrases: a byte more before them, or questions said and
            // none there, is not this article's part.
            let trailer = cold.len() - 4;
            let mut longer = cold.to_vec();
            longer.insert(trailer, 0);
            let back = lean.joined_keyed(&longer, known, forms);
            if whole.questions().is_empty() {
                assert_eq!(back, None);
                let mut said = cold.to_vec();
                said[trailer..].copy_from_slice(&1u32.to_le_bytes());
                assert_eq!(lean.joined_keyed(&said, known, forms), None);
            } else {
                assert_ne!(back.as_ref(), Some(&want));
            }
        }
    }
}

#[test]
fn packing_apart_is_packing_whole_then_splitting_keyed() {
    let terms = [
        TermCount {
            stem: 30,
            count: 1,
            surface: 300_000,
            first: 1 << 28,
            zones: 0b0101,
        },
        TermCount {
            stem: 4,
            count: 700,
            surface: 3,
            first: 2,
            zones: 0b0010,
        },
    ];
    let (phrases, questions) = phrase_and_question(30);
    let cases: [(&[TermCount], &[PhraseCount], &[QuestionSentence]); 4] = [
        (&[], &[], &[]),
        (&terms, &[], &[]),
        (&terms, &phrases, &[]),
        (&terms, &phrases, &questions),
    ];
    for (terms, phrases, questions) in cases {
        let mut want = vec![1]; // appended to, not replaced
        let lean =
            Packed::pack_all(terms, phrases, questions).split_keyed(&mut want);
        let mut cold = vec![1];
        let apart = Packed::pack_split(terms, phrases, questions, &mut cold);
        assert_eq!(apart, lean);
        assert_eq!(cold, want);
    }
}

/// Terms (deduplicated by stem, sorted or not), phrases and maybe a
/// question; a stem map rising or not; a form map.
fn article() -> impl Strategy<Value = (Packed, Vec<u32>, Vec<u32>, bool)> {
    (
        prop::collection::vec(
            (0u32..300, 1u32..300, 0u32..400, 0u32..100_000, 0u8..16),
            0..120,
        ),
        any::<bool>(),
        prop::collection::vec(
            (
                prop::collection::vec(0u32..300, 1..4),
                1u32..9,
                "[a-zé ]{0,12}",
            ),
            0..5,
        ),
        any::<bool>(),
        prop::collection::vec(1u32..5_000, 300),
        any::<bool>(),
        prop::collection::vec(0u32..100_000, 400),
    )
        .prop_map(
            |(terms, sorted, phrases, question, gaps, rising, forms)| {
                let mut terms: Vec<TermCount> = terms
                    .into_iter()
                    .map(|(stem, count, surface, first, zones)| TermCount {
                        stem,
                        count,
                        surface,
                        first,
                        zones,
                    })
                    .collect();
                terms.sort_by_key(|t| t.stem);
                terms.dedup_by_key(|t| t.stem);
                if !sorted {
                    terms.reverse();
                    let n = terms.len();
                    terms[..n / 2].sort_by_key(|t| t.surface);
                }
                let phrases: Vec<PhraseCount> = phrases
                    .into_iter()
                    .map(|(stems, count, text)| PhraseCount {
                        stems: stems.into(),
                        text,
                        count,
                    })
                    .collect();
                let questions = [QuestionSentence {
                    text: "Et après ?".to_string(),
                    kind: "indirect",
                    forms: vec![FORM_NAMES[0]],
                    heading: true,
                }];
                let questions = if question { &questions[..] } else { &[] };
                let packed = Packed::pack_all(&terms, &phrases, questions);
                // Rising: ids spread by the gaps, as stable ids move
                // when stems come in between; else the gaps
                // themselves (neither rising nor one to one).
                let map: Vec<u32> = if rising {
                    gaps.iter()
                        .scan(0u32, |at, &g| {
                            *at += g;
                            Some(*at)
                        })
                        .collect()
                } else {
                    gaps
                };
                (packed, map, forms, sorted && rising)
            },
        )
}

proptest! {
    /// The `k`th heaviest weight, followed as they come (`k` up to 16)
    /// or selected through integer keys, is the `k`th of them sorted,
    /// equal weights included.
    #[test]
    fn kth_heaviest_and_selected_are_the_kth_sorted(
        weights in prop::collection::vec(1u32..40, 2..200),
        k in 1usize..200,
    ) {
        let weights: Vec<f64> =
            weights.iter().map(|&w| f64::from(w) * 0.75).collect();
        let k = k.min(weights.len() - 1);
        let mut sorted = weights.clone();
        sorted.sort_by(|a, b| b.total_cmp(a));
        prop_assert_eq!(score::kth_selected(&weights, k), sorted[k - 1]);
        let followed = k.min(16);
        prop_assert_eq!(
            score::kth_heaviest(&weights, followed),
            sorted[followed - 1]
        );
    }

    /// Key terms rounding only the weights near the `top`-th give what
    /// rounding every weight gave, ties (equal counts, df and zones)
    /// included.
    #[test]
    fn key_terms_round_only_the_contenders(
        (packed, _, _, _) in article(),
        df in prop::collection::vec(1u32..6, 300),
        tops in prop::collection::vec(0usize..130, 1..4),
    ) {
        let vocab = crate::stem::Vocab::new();
        for i in 0..300 {
            vocab.stem_id(&format!("s{i}"));
        }
        for i in 0..400 {
            vocab.form_id(&format!("f{i}"));
        }
        let vocab = vocab.freeze();
        let stats = CorpusStats::new(6, 6_000, df);
        for top in tops.into_iter().chain([0, 1, 10, 16, 17]) {
            prop_assert_eq!(
                key_terms(&packed, &stats, &vocab, top),
                score::key_terms_rounding_all(&packed, &stats, &vocab, top)
            );
        }
    }

    /// Streaming the terms gives the bytes of buffering and sorting
    /// them, and it is what a sorted article under a rising map takes.
    #[test]
    fn remapped_as_streamed_is_remapped_as_sorted(
        (packed, map, forms, streams) in article(),
    ) {
        let map = |s: u32| map[s as usize];
        let forms = |f: u32| forms[f as usize];
        let sorted = packed.remap::<false>(map, forms);
        prop_assert_eq!(&packed.remap::<true>(map, forms), &sorted);
        prop_assert_eq!(&packed.remapped(map, forms), &sorted);
        if streams {
            prop_assert!(packed.put_terms_in_order::<false>(&mut Vec::new(), &map, &forms));
        }
        // Forms kept, copied with the counts and places as bytes.
        prop_assert_eq!(&packed.restemmed(map), &packed.remap::<false>(map, |f| f));
    }

    /// Sorting by stem through integer keys is a stable sort by stem.
    #[test]
    fn sorted_by_stem_as_a_stable_sort(
        stems in prop::collection::vec(0u32..40, 0..200),
    ) {
        let terms: Vec<TermCount> = stems
            .iter()
            .enumerate()
            .map(|(i, &stem)| TermCount {
                stem,
                first: i as u32,
                ..TermCount::default()
            })
            .collect();
        let mut want = terms.clone();
        want.sort_by_key(|t| t.stem);
        let mut sorted = terms;
        sort_by_stem(&mut sorted);
        prop_assert_eq!(sorted, want);
    }

    /// A part split keyed joins back, once the lean part is renumbered
    /// by a one-to-one map, as the whole article remapped.
    #[test]
    fn split_keyed_joins_back_as_remapped((packed, map, forms, _) in article()) {
        // One to one, the order of the stems mixed.
        let new_of = |s: u32| (299 - s) * 7 + map[s as usize] % 7;
        let forms = |f: u32| forms[f as usize];
        let mut cold = Vec::new();
        let lean = packed.split_keyed(&mut cold).renumbered(new_of);
        let joined = lean.joined_keyed(&cold, |s| Some(new_of(s)), forms);
        prop_assert_eq!(joined, Some(packed.remapped(new_of, forms)));
    }
}

/// Terms whose count, form and place take more than the eight bytes
/// `restemmed` copies in one load, or that have fewer than eight bytes
/// left after them, are copied the long way, to the same bytes.
#[test]
fn restemmed_copies_long_varints_byte_for_byte() {
    let term = |stem, count, surface, first| TermCount {
        stem,
        count,
        surface,
        first,
        zones: 5,
    };
    for terms in [
        vec![term(3, 2, 1, 1), term(9, u32::MAX, 1 << 30, 1 << 27)],
        vec![term(3, 300, 70_000, 9), term(4, 1, 0, 0)],
        vec![term(0, 1, 1, 1)],
    ] {
        let packed = Packed::pack(&terms, &[]);
        let map = |s: u32| 2 * s + 1;
        let want = packed.renumbered(map);
        assert_eq!(packed.restemmed(map), want);
        let stems: Vec<u32> = want.terms().map(|t| t.stem).collect();
        let mapped: Vec<u32> = terms.iter().map(|t| map(t.stem)).collect();
        assert_eq!(stems, mapped);
    }
}

#[test]
fn a_packed_article_keeps_its_figures_and_gives_back_its_questions() {
    let (phrases, sentences) = phrase_and_question(9);
    let mut analysis = Analysis {
        counts: crate::terms::Counts {
            terms: vec![TermCount {
                stem: 9,
                count: 2,
                ..TermCount::default()
            }],
            phrases: phrases.to_vec(),
            words: 12,
            content_words: 5,
        },
        sentences: 3,
        chars: 80,
        announces_next: true,
        ..Analysis::default()
    };
    analysis.questions.total = 1;
    analysis.questions.direct = 1;
    analysis.questions.sentences = sentences.to_vec();
    let questions = analysis.questions.clone();
    let mut doc = Doc::default();
    doc.pack(analysis);
    let a = &doc.analysis;
    assert_eq!(
        (a.words, a.content_words, a.sentences, a.chars),
        (12, 5, 3, 80)
    );
    assert!(a.announces_next && a.questions.sentences.is_empty());
    assert_eq!(doc.questions(), questions);
    assert_eq!(doc.packed.term_count(), 1);
}

/// Packed articles moved into one shared allocation read as before, and
/// do share it (an empty one holds none).
#[test]
fn shared_packed_articles_read_as_before() {
    let term = |stem, count| TermCount {
        stem,
        count,
        surface: stem,
        first: 0,
        zones: 0,
    };
    let mut packs = vec![
        Packed::pack(&[term(3, 1), term(70_000, 2)], &[]),
        Packed::default(),
        Packed::pack(&[term(9, 4)], &[]),
    ];
    let before = packs.clone();
    assert!(!packs[0].shares_bytes_with(&packs[2]));
    Packed::share(&mut packs.iter_mut().collect::<Vec<_>>());
    assert_eq!(packs, before);
    assert!(packs[0].shares_bytes_with(&packs[2]));
    assert!(!packs[0].shares_bytes_with(&packs[1]));
}

proptest! {
    /// The stats counted in runs on several threads are those counted
    /// in one.
    #[test]
    fn stats_in_runs_are_the_serial_counts(
        articles in prop::collection::vec(
            (prop::collection::btree_set(0u32..60, 0..20), 0u32..500),
            0..50,
        ),
        runs in 1usize..6,
    ) {
        let docs: Vec<Doc> = articles
            .iter()
            .map(|(stems, words)| {
                let terms: Vec<TermCount> = stems
                    .iter()
                    .map(|&stem| TermCount { stem, count: 1, ..TermCount::default() })
                    .collect();
                let mut doc = Doc {
                    packed: Packed::pack(&terms, &[]),
                    ..Doc::default()
                };
                doc.analysis.content_words = *words;
                doc
            })
            .collect();
        let serial = CorpusStats::build(&docs, 60);
        prop_assert_eq!(CorpusStats::build_in_runs(&docs, 60, runs), serial);
    }
}
