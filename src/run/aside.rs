//! The articles' write-only parts, set aside from the start of the
//! corpus pass until each article is written: every term's surface form
//! and first position, the phrases and the question sentences
//! ([`Packed::split`]). The corpus pass reads only each term's stem,
//! count and zones; the rest was about 40 % of what a large corpus's
//! articles hold through tagging and similar articles, the run's peak of
//! memory (docs/performance/memory.md).
//!
//! Past a budget of packed counts, each article's write-only part goes
//! to an unnamed file in the staging folder ([`Spill`]) and is read back
//! with `pread` when the article is written (or put in the cache). An
//! article whose part cannot be written keeps it in memory: a run never
//! fails for want of a spill.
//!
//! A fresh run (no cache to take articles from, no stats file) sets
//! aside in pass 2, as each article is packed ([`Early`]), so that the
//! articles' whole counts are never all in memory at once: they were
//! the top of pass 2. Stem ids are then the run's, not yet the stable
//! ones, so the part set aside names each term's run stem id, and its
//! phrases' stems by run stem ids ([`Packed::split_keyed`]); reading it
//! back puts each term's part with its stable id, in their order,
//! without sorting, and renumbers the phrases ([`Packed::joined_keyed`];
//! their surface forms too, when a rerun left some of the cache's out).
//! A rerun sets aside likewise the articles pass 2 analyses, and the
//! cached ones as pass 2 decodes them ([`Early::offer_cached`]), their
//! terms then in the order of their ids (the cache's, which the run's
//! start with): those come back as they were when none of their ids
//! moved, else in the order of their stable ids
//! ([`Packed::joined_remapped`]).
//!
//! Writing the cache, before the corpus pass, reads back every part set
//! aside and writes the whole packed counts (a fresh article's joined
//! straight into the cache's record, [`Aside::put_whole`]): from then on
//! they are read from the cache file ([`Aside::read_from_cache`]),
//! whole, instead of being joined a second time when each article is
//! written (past the budget, that second join grew a large corpus's run
//! faster than its input: docs/performance/memory.md).

use std::borrow::Cow;
use std::io;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use super::spill::{Spill, Spilled};
use crate::analysis::Analysis;
use crate::corpus::{Doc, Packed};
use crate::stem::FrozenVocab;

/// Where each article's write-only part was put, if it was.
#[derive(Debug, Default)]
pub(super) struct Aside<'a> {
    spill: Spill,
    /// By article index; `None` (or past the end): still in memory.
    at: Vec<Option<Spilled>>,
    /// When set aside as the articles came ([`Early`]): how each part
    /// joins back.
    early: Option<Joins<'a>>,
    /// Once read from the cache file (`at` then gives where the file
    /// holds each article's whole packed counts, with their checksum).
    whole: bool,
}

/// How the parts [`Early`] set aside join back.
#[derive(Debug)]
struct Joins<'a> {
    /// The run's vocabulary, frozen since: the stable id of each run
    /// stem id, the id of each form id.
    vocab: &'a FrozenVocab,
    /// By article index: whether the article came from the cache (set
    /// aside by [`Early::offer_cached`], its terms' parts in the order
    /// of their ids); the others were set aside keyed by
    /// [`Early::offer`].
    cached: Vec<bool>,
    /// When the cached articles' ids moved: by stable stem id, the run
    /// stem id it had then; `None`: they kept them, and their parts
    /// come back as they were.
    old_of: Option<Vec<u32>>,
}

/// Pass 2's setting aside: each article as it is packed, past `budget`
/// bytes of packed counts kept (over all threads).
#[derive(Debug)]
pub(super) struct Early {
    spill: Spill,
    budget: usize,
    kept: AtomicUsize,
    /// (pass 2's slot of the article, where its part went).
    at: Mutex<Vec<(usize, Spilled)>>,
}

impl Early {
    /// Sets aside in an unnamed file in `dir`, past `budget`.
    pub(super) fn new(dir: &Path, budget: usize) -> Early {
        Early {
            spill: Spill::new(Some(dir)),
            budget,
            kept: AtomicUsize::new(0),
            at: Mutex::new(Vec::new()),
        }
    }

    /// Packs `analysis` into `doc`, pass 2's `slot`, and sets aside its
    /// write-only part once the budget is spent, each term's part keyed
    /// by its run stem id: then packed apart straight away
    /// ([`Packed::pack_split`]), its terms sorted by stem first (the
    /// lean part's stem gaps are then small).
    pub(super) fn pack(
        &self,
        slot: usize,
        doc: &mut Doc,
        mut analysis: Analysis,
    ) {
        if self.kept.load(Ordering::Relaxed) <= self.budget {
            doc.pack(analysis);
            self.offer(slot, doc);
            return;
        }
        crate::corpus::sort_by_stem(&mut analysis.counts.terms);
        let mut at = None;
        doc.pack_with(analysis, |terms, phrases, questions| {
            let mut lean = None;
            at = self.spill.put_with(|cold| {
                lean =
                    Some(Packed::pack_split(terms, phrases, questions, cold));
            });
            match (at, lean) {
                (Some(_), Some(lean)) => lean,
                // Not set aside: kept whole.
                _ => Packed::pack_all(terms, phrases, questions),
            }
        });
        if let Some(at) = at {
            self.place(slot, at);
        }
    }

    /// Sets aside the write-only part of `doc`, just packed into pass 2's
    /// `slot`, once the budget is spent, each term's part keyed by its
    /// run stem id ([`Packed::split_keyed`]).
    fn offer(&self, slot: usize, doc: &mut Doc) {
        if !self.spend(doc) {
            return;
        }
        if let Some(at) = self.put(doc, Packed::split_keyed) {
            self.place(slot, at);
        }
    }

    /// Sets aside the write-only part of `doc`, a cached article as pass
    /// 2 decodes it (numbered by the cache's table, which the run's
    /// vocabulary starts with, its terms in the order of their ids),
    /// once the budget is spent; where it went, for pass 2 to
    /// [`Early::place`].
    pub(super) fn offer_cached(&self, doc: &mut Doc) -> Option<Spilled> {
        debug_assert!(
            doc.packed.terms().map(|t| t.stem).is_sorted(),
            "a cached article's terms in the order of their ids"
        );
        if self.spend(doc) {
            self.put(doc, Packed::split)
        } else {
            None
        }
    }

    /// Notes that the article in pass 2's `slot` was set aside at `at`.
    pub(super) fn place(&self, slot: usize, at: Spilled) {
        self.at
            .lock()
            .expect("aside lock not poisoned")
            .push((slot, at));
    }

    /// The whole packed counts of `doc`, still numbered by the run's
    /// vocabulary, given where its part was set aside, if it was.
    pub(super) fn whole<'d>(
        &self,
        doc: &'d Doc,
        at: Option<Spilled>,
    ) -> io::Result<Cow<'d, Packed>> {
        match at {
            None => Ok(Cow::Borrowed(&doc.packed)),
            Some(at) => self
                .spill
                .read(at, |cold| doc.packed.joined(cold))
                .map(Cow::Owned),
        }
    }

    /// Counts `doc`'s packed counts against the budget: whether it is
    /// spent (the article is to be set aside).
    fn spend(&self, doc: &Doc) -> bool {
        let size = doc.packed.raw_len();
        self.kept.fetch_add(size, Ordering::Relaxed) + size > self.budget
    }

    /// Splits `doc`'s write-only part into the spill by `split`; where it
    /// went, or `None` (the article kept whole) when it could not be
    /// written.
    fn put(
        &self,
        doc: &mut Doc,
        split: impl FnOnce(&Packed, &mut Vec<u8>) -> Packed,
    ) -> Option<Spilled> {
        let mut lean = None;
        let at = self
            .spill
            .put_with(|cold| lean = Some(split(&doc.packed, cold)))?;
        doc.packed = lean.expect("split as it was put");
        Some(at)
    }

    /// Where each article went, by article index, once pass 2 has kept
    /// the slots `kept` says (in slot order); empty when none went.
    pub(super) fn placed(
        &self,
        slots: usize,
        kept: impl Fn(usize) -> bool,
    ) -> Vec<Option<Spilled>> {
        let mut by_slot = self.at.lock().expect("aside lock not poisoned");
        if by_slot.is_empty() {
            return Vec::new();
        }
        let mut at = vec![None; slots];
        for &(slot, spilled) in by_slot.iter() {
            at[slot] = Some(spilled);
        }
        *by_slot = Vec::new();
        (0..slots).filter(|&s| kept(s)).map(|s| at[s]).collect()
    }
}

impl<'a> Aside<'a> {
    /// What `early` set aside (with `at` by article index from
    /// [`Early::placed`]), read back through `vocab`, the run's
    /// vocabulary frozen since; `cached[i]`: the `i`th article came from
    /// the cache (`unmoved`: those kept their ids).
    pub(super) fn from_early(
        early: Early,
        at: Vec<Option<Spilled>>,
        vocab: &'a FrozenVocab,
        cached: Vec<bool>,
        unmoved: bool,
    ) -> Aside<'a> {
        let old_of = (!unmoved && cached.contains(&true)).then(|| {
            let mut old_of = vec![u32::MAX; vocab.stem_count()];
            for run in 0..vocab.run_stem_count() as u32 {
                if let Some(old) = old_of.get_mut(vocab.stable(run) as usize) {
                    *old = run;
                }
            }
            old_of
        });
        Aside {
            spill: early.spill,
            at,
            early: Some(Joins {
                vocab,
                cached,
                old_of,
            }),
            whole: false,
        }
    }

    /// Sets aside, in an unnamed file in `dir`, the write-only parts of
    /// `docs` once `budget` bytes of their packed counts are kept (over
    /// all threads, so which articles stay depends on thread order, the
    /// output never). Their stem and form ids must be the stable ones.
    pub(super) fn set_aside(
        pool: &rayon::ThreadPool,
        dir: &Path,
        docs: &mut [Doc],
        budget: usize,
    ) -> Aside<'a> {
        let spill = Spill::new(Some(dir));
        let kept = AtomicUsize::new(0);
        let at = pool.install(|| {
            docs.par_iter_mut()
                .map(|doc| {
                    let size = doc.packed.raw_len();
                    if kept.fetch_add(size, Ordering::Relaxed) + size <= budget
                    {
                        return None;
                    }
                    let mut lean = None;
                    let at = spill.put_with(|cold| {
                        lean = Some(doc.packed.split(cold))
                    })?;
                    doc.packed = lean.expect("split as it was put");
                    Some(at)
                })
                .collect()
        });
        Aside {
            spill,
            at,
            early: None,
            whole: false,
        }
    }

    /// Reads the articles' whole packed counts from the cache file at
    /// `path` from now on, at the places `placed` ([`super::cache::write`]),
    /// each checked against its checksum; unless `placed` misses an
    /// article set aside (its file's record left out) or the file cannot
    /// be opened: the parts set aside are then still read back from the
    /// spill.
    pub(super) fn read_from_cache(
        &mut self,
        path: &Path,
        placed: Vec<(usize, Spilled)>,
    ) {
        let aside = self.at.iter().filter(|a| a.is_some()).count();
        if placed.is_empty() || placed.len() != aside {
            return;
        }
        let Ok(file) = std::fs::File::open(path) else {
            return;
        };
        for (i, at) in placed {
            self.at[i] = Some(at);
        }
        // The parts set aside are no longer read: the spill file goes.
        self.spill = Spill::of_file(file);
        self.early = None;
        self.whole = true;
    }

    /// The whole packed counts of `docs[i]`: its own, joined with its
    /// part read back, or read from the cache file.
    pub(super) fn packed<'d>(
        &self,
        docs: &'d [Doc],
        i: usize,
    ) -> io::Result<Cow<'d, Packed>> {
        let doc = &docs[i];
        let Some(at) = self.at.get(i).copied().flatten() else {
            return Ok(Cow::Borrowed(&doc.packed));
        };
        if self.whole {
            return self
                .spill
                .read_summed(at, super::cache::packed_at)
                .map(Cow::Owned);
        }
        let lean = &doc.packed;
        match &self.early {
            // Set aside with the ids it still has.
            None => self.spill.read(at, |cold| lean.joined(cold)),
            Some(j) if !j.cached(i) => self.spill.read(at, |cold| {
                lean.joined_keyed(cold, stable_of(j.vocab), |f| {
                    j.vocab.form_id(f)
                })
            }),
            Some(Joins { old_of: None, .. }) => {
                self.spill.read(at, |cold| lean.joined(cold))
            }
            // A rerun may have left some of the cache's forms out: the
            // surface forms set aside are then renumbered too.
            Some(Joins {
                vocab,
                old_of: Some(old_of),
                ..
            }) => self.spill.read(at, |cold| {
                lean.joined_remapped(
                    cold,
                    |s| old_of[s as usize],
                    |s| vocab.stable(s),
                    |f| vocab.form_id(f),
                )
            }),
        }
        .map(Cow::Owned)
    }

    /// Appends the whole packed counts of `docs[i]` to the cache record
    /// `w` as [`super::cache::put_packed`] does; `true` when they were
    /// read back from where they were set aside. A fresh article's part
    /// set aside in pass 2 is joined straight into `w`.
    pub(super) fn put_whole(
        &self,
        docs: &[Doc],
        i: usize,
        w: &mut Vec<u8>,
    ) -> io::Result<bool> {
        let keyed = match (self.at.get(i).copied().flatten(), &self.early) {
            (Some(at), Some(j)) if !self.whole && !j.cached(i) => {
                Some((at, j.vocab))
            }
            _ => None,
        };
        let Some((at, vocab)) = keyed else {
            let packed = self.packed(docs, i)?;
            super::cache::put_packed(w, &packed);
            return Ok(matches!(packed, Cow::Owned(_)));
        };
        let lean = &docs[i].packed;
        let maps = (stable_of(vocab), |f| vocab.form_id(f));
        JOINED.with_borrow_mut(|out| {
            self.spill
                .read(at, |cold| {
                    out.clear();
                    lean.put_joined_keyed(cold, maps, out)
                })
                .map(|(phrases_at, questions_at)| {
                    let terms = lean.term_count();
                    let at = (terms, phrases_at, questions_at);
                    super::cache::put_packed_raw(w, out, at);
                    true
                })
        })
    }
}

impl Joins<'_> {
    /// Whether the `i`th article came from the cache.
    fn cached(&self, i: usize) -> bool {
        self.cached.get(i).copied().unwrap_or(false)
    }
}

/// The stable id of each run stem id of `vocab`; `None` past them.
fn stable_of(vocab: &FrozenVocab) -> impl Fn(u32) -> Option<u32> + '_ {
    move |s| ((s as usize) < vocab.run_stem_count()).then(|| vocab.stable(s))
}

thread_local! {
    /// Where [`Aside::put_whole`] joins an article, reused.
    static JOINED: std::cell::RefCell<Vec<u8>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terms::TermCount;

    /// Packed counts of (stem, count), each stem its own surface form.
    fn packed(terms: &[(u32, u32)]) -> Packed {
        let terms: Vec<TermCount> = terms
            .iter()
            .map(|&(stem, count)| TermCount {
                stem,
                count,
                surface: stem,
                ..TermCount::default()
            })
            .collect();
        Packed::pack(&terms, &[])
    }

    fn raw(p: &Packed) -> (Vec<u8>, u32, u32, u32) {
        let (bytes, terms, phrases_at, questions_at) = p.raw();
        (bytes.to_vec(), terms, phrases_at, questions_at)
    }

    /// A file that holds, after some other bytes, each of `whole` as the
    /// cache writes an article's packed counts, and where each went.
    fn cache_file(path: &Path, whole: &[Packed]) -> Vec<(usize, Spilled)> {
        let mut file = b"header".to_vec();
        let mut placed = Vec::new();
        for (i, p) in whole.iter().enumerate() {
            let at = super::super::cache::put_packed(&mut file, p);
            let place = Spilled::summed(at.start as u64, &file[at]).unwrap();
            placed.push((i, place));
            file.extend_from_slice(b"rest of the record");
        }
        std::fs::write(path, file).unwrap();
        placed
    }

    #[test]
    fn articles_set_aside_are_read_from_the_cache_file_once_placed() {
        let first = [packed(&[(0, 2), (1, 1)]), packed(&[(2, 3)])];
        // What the cache file holds instead, so that the test can tell
        // which of the two was read.
        let cached = [packed(&[(3, 5)]), packed(&[(1, 4), (2, 1)])];
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache");
        let placed = cache_file(&path, &cached);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let set_aside = || {
            let mut docs: Vec<Doc> = first
                .iter()
                .map(|p| Doc {
                    packed: p.clone(),
                    ..Doc::default()
                })
                .collect();
            let aside = Aside::set_aside(&pool, dir.path(), &mut docs, 0);
            (aside, docs)
        };
        let read = |aside: &Aside<'_>, docs: &[Doc], i: usize| {
            raw(&aside.packed(docs, i).unwrap())
        };

        let (mut aside, docs) = set_aside();
        for (i, p) in first.iter().enumerate() {
            assert_eq!(read(&aside, &docs, i), raw(p), "from the spill");
        }
        aside.read_from_cache(&path, placed.clone());
        for (i, p) in cached.iter().enumerate() {
            assert_eq!(read(&aside, &docs, i), raw(p), "from the cache");
        }

        // One article's place missing (its file's record left out): both
        // are still read back from the spill.
        let (mut aside, docs) = set_aside();
        aside.read_from_cache(&path, placed[..1].to_vec());
        for (i, p) in first.iter().enumerate() {
            assert_eq!(read(&aside, &docs, i), raw(p), "one place missing");
        }
        // A byte of the cache file changed since it was placed: its
        // article is not read (the other one still is).
        let (mut aside, docs) = set_aside();
        aside.read_from_cache(&path, placed.clone());
        let mut bytes = std::fs::read(&path).unwrap();
        let changed = bytes.len() - b"rest of the record".len() - 2;
        bytes[changed] ^= 1;
        std::fs::write(&path, &bytes).unwrap();
        assert!(aside.packed(&docs, 1).is_err(), "changed");
        assert_eq!(read(&aside, &docs, 0), raw(&cached[0]), "unchanged");
        // The cache file gone: the same.
        let (mut aside, docs) = set_aside();
        aside.read_from_cache(&dir.path().join("gone"), placed);
        for (i, p) in first.iter().enumerate() {
            assert_eq!(read(&aside, &docs, i), raw(p), "no cache file");
        }
    }
}
