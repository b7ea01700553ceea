//! `corpus.json`'s `top_terms`: the stems found in the most articles,
//! each shown by its most frequent surface form over the corpus.
//!
//! The forms are counted while the articles are written, the one step
//! that reads every article's whole packed counts (the corpus pass sees
//! stems and counts only: the surface forms are set aside, aside.rs),
//! from the terms its key terms decoded.
//! Each article holds one form per stem, its own most frequent; that
//! form gets the article's count of the stem. So « part » shows as
//! « part », not as the « partis » of the one article that says it most.

use std::sync::Mutex;

use crate::corpus::CorpusStats;
use crate::output::CorpusTerm;
use crate::stem::FrozenVocab;
use crate::terms::TermCount;

/// How many stems `corpus.json`'s `top_terms` lists.
const TOP_TERMS: usize = 50;

/// The top stems and the votes for their forms, filled by
/// [`TopTerms::count`] from any thread.
#[derive(Debug)]
pub(super) struct TopTerms {
    /// The [`top_stems`], best first.
    stems: Vec<u32>,
    /// Each stem's place in `stems`, by stem id; `u8::MAX` for the rest.
    slot: Vec<u8>,
    /// For each of `stems`: (form id, occurrences), a few forms each.
    votes: Mutex<Vec<Vec<(u32, u64)>>>,
}

impl TopTerms {
    /// The top stems of `stats`, no form counted yet.
    pub(super) fn new(stats: &CorpusStats, vocab: &FrozenVocab) -> TopTerms {
        let stems = top_stems(stats, vocab);
        let mut slot = vec![u8::MAX; stats.df.len()];
        for (k, &s) in stems.iter().enumerate() {
            slot[s as usize] = k as u8;
        }
        let votes = Mutex::new(vec![Vec::new(); stems.len()]);
        TopTerms { stems, slot, votes }
    }

    /// Counts the forms of one article's terms (all of them, as decoded
    /// from its whole packed counts): call it once per article.
    pub(super) fn count(&self, terms: &[TermCount]) {
        let mut found: Vec<(u8, u32, u32)> = Vec::new();
        for t in terms {
            if let Some(&k) = self.slot.get(t.stem as usize)
                && k != u8::MAX
            {
                found.push((k, t.surface, t.count));
            }
        }
        if found.is_empty() {
            return;
        }
        let mut votes = self.votes.lock().expect("top terms lock");
        for (k, surface, count) in found {
            let forms = &mut votes[usize::from(k)];
            match forms.iter_mut().find(|f| f.0 == surface) {
                Some(f) => f.1 += u64::from(count),
                None => forms.push((surface, u64::from(count))),
            }
        }
    }

    /// The top terms, each with its most counted form (a tie goes to
    /// the form that sorts first); a stem no counted article holds (a
    /// stats file's) shows as itself.
    pub(super) fn into_terms(
        self,
        stats: &CorpusStats,
        vocab: &FrozenVocab,
    ) -> Vec<CorpusTerm> {
        let votes = self.votes.into_inner().expect("top terms lock");
        self.stems
            .iter()
            .zip(votes)
            .map(|(&s, forms)| {
                let best = forms
                    .into_iter()
                    .map(|(form, n)| (vocab.form(form), n))
                    .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)));
                CorpusTerm {
                    term: best
                        .map_or(vocab.stem(s), |(form, _)| form)
                        .to_string(),
                    stem: vocab.stem(s).to_string(),
                    df: stats.df[s as usize],
                }
            })
            .collect()
    }
}

/// The [`TOP_TERMS`] stems found in the most articles, by df, then by
/// stem.
fn top_stems(stats: &CorpusStats, vocab: &FrozenVocab) -> Vec<u32> {
    let mut order: Vec<u32> = (0..stats.df.len() as u32)
        .filter(|&s| stats.df[s as usize] > 0)
        .collect();
    // A total order (ids last), so that selecting then sorting the top
    // gives what sorting them all would.
    let by = |&a: &u32, &b: &u32| {
        stats.df[b as usize]
            .cmp(&stats.df[a as usize])
            .then(vocab.stem(a).cmp(vocab.stem(b)))
            .then(a.cmp(&b))
    };
    if order.len() > TOP_TERMS {
        order.select_nth_unstable_by(TOP_TERMS - 1, by);
        order.truncate(TOP_TERMS);
    }
    order.sort_unstable_by(by);
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Packed;
    use crate::stem::Vocab;
    use proptest::prelude::*;

    /// `n` stems `s…` and forms `f…`, and articles holding (stem, count,
    /// form) triples, packed as the write step sees them.
    fn corpus(
        n: u32,
        articles: &[Vec<(u32, u32, u32)>],
    ) -> (Vec<Packed>, FrozenVocab) {
        let vocab = Vocab::new();
        for s in 0..n {
            // Interned out of order: freezing sorts them.
            vocab.stem_id(&format!("s{}", (s * 37 + 11) % n));
            vocab.form_id(&format!("f{}", (s * 53 + 7) % n));
        }
        let vocab = vocab.freeze();
        let packed = articles
            .iter()
            .map(|terms| {
                let mut terms: Vec<TermCount> = terms
                    .iter()
                    .map(|&(stem, count, surface)| TermCount {
                        stem,
                        count,
                        surface,
                        ..TermCount::default()
                    })
                    .collect();
                terms.sort_by_key(|t| t.stem);
                terms.dedup_by_key(|t| t.stem);
                Packed::pack(&terms, &[])
            })
            .collect();
        (packed, vocab)
    }

    fn stats_of(packed: &[Packed], stems: usize) -> CorpusStats {
        let mut df = vec![0u32; stems];
        for p in packed {
            p.terms().for_each(|t| df[t.stem as usize] += 1);
        }
        CorpusStats::new(packed.len() as u32, 0, df)
    }

    /// Every stem sorted, then every article scanned for its forms'
    /// counts, summed.
    fn by_scan(
        packed: &[Packed],
        stats: &CorpusStats,
        vocab: &FrozenVocab,
    ) -> Vec<(String, String, u32)> {
        let mut order: Vec<u32> = (0..stats.df.len() as u32)
            .filter(|&s| stats.df[s as usize] > 0)
            .collect();
        order.sort_by(|&a, &b| {
            stats.df[b as usize]
                .cmp(&stats.df[a as usize])
                .then(vocab.stem(a).cmp(vocab.stem(b)))
        });
        order.truncate(TOP_TERMS);
        order
            .iter()
            .map(|&s| {
                let mut counts: Vec<(String, u64)> = Vec::new();
                for p in packed {
                    for t in p.terms().filter(|t| t.stem == s) {
                        let form = vocab.form(t.surface).to_string();
                        match counts.iter_mut().find(|c| c.0 == form) {
                            Some(c) => c.1 += u64::from(t.count),
                            None => counts.push((form, u64::from(t.count))),
                        }
                    }
                }
                counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                let term = counts[0].0.clone();
                (term, vocab.stem(s).to_string(), stats.df[s as usize])
            })
            .collect()
    }

    fn counted(
        packed: &[Packed],
        stats: &CorpusStats,
        vocab: &FrozenVocab,
        order: &[usize],
    ) -> Vec<(String, String, u32)> {
        let top = TopTerms::new(stats, vocab);
        for &i in order {
            top.count(&packed[i].terms().collect::<Vec<_>>());
        }
        top.into_terms(stats, vocab)
            .into_iter()
            .map(|t| (t.term, t.stem, t.df))
            .collect()
    }

    proptest! {
        /// Whatever order the articles are counted in (the write step's
        /// threads), the top terms are the scan's.
        #[test]
        fn counted_forms_are_the_scans(
            articles in prop::collection::vec(
                prop::collection::vec((0u32..80, 1u32..6, 0u32..80), 0..30),
                0..40,
            ),
            turn in 0usize..40,
        ) {
            let (packed, vocab) = corpus(80, &articles);
            let stats = stats_of(&packed, vocab.stem_count());
            let expected = by_scan(&packed, &stats, &vocab);
            let mut order: Vec<usize> = (0..packed.len()).collect();
            prop_assert_eq!(counted(&packed, &stats, &vocab, &order), expected.clone());
            order.reverse();
            let turn = turn % order.len().max(1);
            order.rotate_left(turn);
            prop_assert_eq!(counted(&packed, &stats, &vocab, &order), expected);
        }
    }

    /// The form the corpus uses most wins over the form of the article
    /// that uses the stem most.
    #[test]
    fn the_corpus_form_beats_one_articles_peak() {
        let vocab = Vocab::new();
        let part = vocab.stem_id("part");
        let (partis, part_form) =
            (vocab.form_id("partis"), vocab.form_id("part"));
        let vocab = vocab.freeze();
        let (part, partis, part_form) = (
            vocab.stable(part),
            vocab.form_id(partis),
            vocab.form_id(part_form),
        );
        let one = |surface, count| {
            Packed::pack(
                &[TermCount {
                    stem: part,
                    count,
                    surface,
                    ..TermCount::default()
                }],
                &[],
            )
        };
        // One article says « partis » nine times, three say « part »
        // four times each.
        let packed = vec![
            one(partis, 9),
            one(part_form, 4),
            one(part_form, 4),
            one(part_form, 4),
        ];
        let stats = stats_of(&packed, vocab.stem_count());
        let terms = counted(&packed, &stats, &vocab, &[0, 1, 2, 3]);
        assert_eq!(terms, vec![("part".into(), "part".into(), 4)]);
    }

    /// A stem of a stats file that no counted article holds shows as
    /// the stem, never as some other word's form.
    #[test]
    fn a_stem_no_article_holds_shows_as_itself() {
        let vocab = Vocab::new();
        vocab.stem_id("économ");
        vocab.form_id("économie");
        let vocab = vocab.freeze();
        let stats = CorpusStats::new(10, 0, vec![6]);
        let terms = counted(&[], &stats, &vocab, &[]);
        assert_eq!(terms, vec![("économ".into(), "économ".into(), 6)]);
    }
}
