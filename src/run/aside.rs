//! The articles' write-only parts, set aside from the start of the
//! corpus pass until each article is written: every term's surface form
//! and first position, the phrases and the question sentences
//! ([`Packed::split`]). The corpus pass reads only each term's stem,
//! count and zones; the rest was about 40 % of what a large corpus's
//! articles hold through tagging and similar articles, the run's peak of
//! memory (docs/performance.md, "Memory").
//!
//! Past a budget of packed counts, each article's write-only part goes
//! to an unnamed file in the staging folder ([`Spill`]) and is read back
//! with `pread` when the article is written (or put in the cache). Its
//! stem and form ids are already the stable ones the writer uses, so the
//! bytes come back as they were. An article whose part cannot be
//! written keeps it in memory: a run never fails for want of a spill.

use std::borrow::Cow;
use std::io;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use super::spill::{Spill, Spilled};
use crate::corpus::{Doc, Packed};

/// Where each article's write-only part was put, if it was.
#[derive(Debug, Default)]
pub(super) struct Aside {
    spill: Spill,
    /// By article index; `None` (or past the end): still in memory.
    at: Vec<Option<Spilled>>,
}

impl Aside {
    /// Sets aside, in an unnamed file in `dir`, the write-only parts of
    /// `docs` once `budget` bytes of their packed counts are kept (over
    /// all threads, so which articles stay depends on thread order, the
    /// output never). Their stem and form ids must be the stable ones.
    pub(super) fn set_aside(
        pool: &rayon::ThreadPool,
        dir: &Path,
        docs: &mut [Doc],
        budget: usize,
    ) -> Aside {
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
        Aside { spill, at }
    }

    /// The whole packed counts of `docs[i]`: its own, or joined with its
    /// part read back.
    pub(super) fn packed<'a>(
        &self,
        docs: &'a [Doc],
        i: usize,
    ) -> io::Result<Cow<'a, Packed>> {
        let doc = &docs[i];
        match self.at.get(i).copied().flatten() {
            None => Ok(Cow::Borrowed(&doc.packed)),
            Some(at) => self
                .spill
                .read(at, |cold| doc.packed.joined(cold))
                .map(Cow::Owned),
        }
    }
}
