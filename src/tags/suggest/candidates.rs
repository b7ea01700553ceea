//! The candidate tags of an article and their features, for one or
//! several fold configurations, in one walk.

use super::index::drain_bits;
use super::{CENTROID_CANDIDATES, FEATURES, FOLDS, Model, NEIGHBOURS};

impl Model<'_> {
    /// The candidate tags of article `a` and their features, once per
    /// configuration of `hides` (each hides one fold's tags, or none;
    /// `a`'s own tags are always hidden), in one walk. Candidates: the
    /// tags of its [`NEIGHBOURS`] nearest tagged articles, the tags it
    /// names, and of the other tags of its
    /// [`TOP_SIMS`](super::TOP_SIMS) nearest, the
    /// [`CENTROID_CANDIDATES`] nearest by centroid; the centroid is
    /// computed for candidates only. (Not "the most frequent tags" too:
    /// which those are depends on `a`'s own tags.)
    pub(super) fn candidates(
        &self,
        a: usize,
        hides: &[Option<u8>],
    ) -> Vec<Vec<Candidate>> {
        debug_assert!(hides.len() <= FOLDS);
        let x = self.data.vectors.of(a);
        let top = self.index.top(&self.data, &x, a);
        ACCS.with_borrow_mut(|walk| {
            if walk.accs.len() < self.sums.len() {
                walk.accs.resize(self.sums.len(), Acc::default());
                walk.all.resize(self.sums.len(), 0.0);
                walk.met.resize(self.sums.len(), (0, 0.0));
                walk.bits.resize(self.sums.len().div_ceil(64), 0);
            }
            let (vote_total, voting) = self.votes(walk, &top, hides);
            self.names(walk, a, &x);
            let self2 = self.centroid_dots(
                walk,
                &x,
                hides.iter().any(Option::is_some),
            );
            let out = (0..hides.len())
                .map(|c| {
                    let votes = (vote_total[c], voting[c]);
                    self.scored(walk, a, c, hides[c], votes, self2)
                })
                .collect::<Vec<_>>();
            walk.reset();
            out
        })
    }

    // Each step below is a function of its own (never inlined) so that
    // a profile gives each its cost.

    /// Votes: the [`NEIGHBOURS`] most similar of `top` each
    /// configuration sees; the tags of all of `top` are candidates.
    /// Returns each configuration's sum of similarities of its voters,
    /// and how many they are (fewer than [`NEIGHBOURS`] when few tagged
    /// articles share a term with this one).
    #[inline(never)]
    fn votes(
        &self,
        walk: &mut Walk,
        top: &[(u32, f64)],
        hides: &[Option<u8>],
    ) -> ([f64; FOLDS], [u16; FOLDS]) {
        let data = &self.data;
        let mut taken = [0u16; FOLDS];
        let mut vote_total = [0f64; FOLDS];
        for &(b, s) in top {
            let fb = Some(data.folds[b as usize]);
            for (c, &hide) in hides.iter().enumerate() {
                if hide == fb {
                    continue;
                }
                let votes = usize::from(taken[c]) < NEIGHBOURS;
                if votes {
                    taken[c] += 1;
                    vote_total[c] += s;
                }
                for &t in &data.tags[b as usize] {
                    let e = walk.touch(t);
                    if e.near & (1 << c) == 0 {
                        e.nearest[c] = s;
                    }
                    e.near |= 1 << c;
                    if votes {
                        e.vote[c] += s;
                        e.voters[c] += 1;
                    }
                }
            }
        }
        (vote_total, taken)
    }

    /// Name matches of article `a`, whose vector is `x`: each (tag,
    /// word) once.
    #[inline(never)]
    fn names(&self, walk: &mut Walk, a: usize, x: &[(u32, f64)]) {
        let data = &self.data;
        let mut hits: Vec<(u32, u16, bool, u32)> = Vec::new();
        for &s in data.stems[a].iter() {
            if let Some(list) = self.words_of_stem.get(&s) {
                let in_title = data.title_stems[a].binary_search(&s).is_ok();
                hits.extend(list.iter().map(|&(t, w)| (t, w, in_title, s)));
            }
        }
        hits.sort_unstable();
        hits.dedup_by_key(|h| (h.0, h.1, h.2));
        let mut last: Option<(u32, u16)> = None;
        for &(t, w, in_title, stem) in &hits {
            let words = data.tag_words[t as usize].len().max(1) as f64;
            let e = walk.touch(t);
            if last != Some((t, w)) {
                e.name += 1.0 / words;
                if let Ok(i) = x.binary_search_by_key(&stem, |e| e.0) {
                    e.salience += x[i].1 / words;
                }
            }
            if in_title {
                e.title += 1.0 / words;
            }
            last = Some((t, w));
        }
    }

    /// Centroid numerators of the candidates met so far, per fold (when
    /// `per_fold`) and all folds together: x · F_ft, the article's
    /// stems in stem order. Returns ‖x‖².
    #[inline(never)]
    fn centroid_dots(
        &self,
        walk: &mut Walk,
        x: &[(u32, f64)],
        per_fold: bool,
    ) -> f64 {
        let tix = &self.tag_index;
        let mut self2 = 0.0;
        if !per_fold {
            // Every tag of every list crossed, touched or not, into a
            // dense row, with no test per entry (few are touched, and
            // which is not predictable); the touched ones then read
            // their sums, in the same order of additions as below.
            let mut crossed = 0;
            for &(s, w) in x {
                self2 += w * w;
                let Some(range) = tix.range(s) else { continue };
                crossed += range.len();
                for (t, total) in
                    tix.tags[range.clone()].iter().zip(&tix.totals[range])
                {
                    walk.all[*t as usize] += w * total;
                }
            }
            for &t in &walk.touched {
                walk.accs[t as usize].all = walk.all[t as usize];
            }
            // Back to zeros: all at once when the lists crossed were at
            // least as long as the row (a memset is cheaper than
            // scattered stores), else list by list (a corpus of many
            // tags pays per entry crossed, not per tag).
            if crossed >= walk.all.len() {
                walk.all.fill(0.0);
            } else {
                for &(s, _) in x {
                    if let Some(range) = tix.range(s) {
                        for t in &tix.tags[range] {
                            walk.all[*t as usize] = 0.0;
                        }
                    }
                }
            }
            return self2;
        }
        for &(s, w) in x {
            self2 += w * w;
            let Some(range) = tix.range(s) else { continue };
            let from = range.start;
            for (i, t) in tix.tags[range].iter().enumerate() {
                let e = &mut walk.accs[*t as usize];
                if !e.touched {
                    continue;
                }
                e.all += w * tix.totals[from + i];
                for (d, fw) in e.dot.iter_mut().zip(tix.weights(*t, from + i))
                {
                    *d += w * fw;
                }
            }
        }
        self2
    }

    /// The candidates of article `a` for configuration `c`, which hides
    /// fold `hidden_fold` (or none), with their features, in tag order.
    #[inline(never)]
    fn scored(
        &self,
        walk: &mut Walk,
        a: usize,
        c: usize,
        hidden_fold: Option<u8>,
        (vote_total, voting): (f64, u16),
        self2: f64,
    ) -> Vec<Candidate> {
        let data = &self.data;
        let Walk {
            accs,
            touched,
            met,
            rest,
            bits,
            order,
            ..
        } = walk;
        let a_fold_hidden = hidden_fold == Some(data.folds[a]);
        let mut tagged = i64::from(self.tagged);
        if let Some(f) = hidden_fold {
            tagged -= i64::from(self.fold_tagged[f as usize]);
        }
        let own = &data.tags[a];
        if !own.is_empty() && !a_fold_hidden {
            tagged -= 1;
        }
        // Every tag met gets its (count, centroid) in `met`; those kept
        // get their bit in `bits`, which lists them in tag order below.
        rest.clear();
        let mut kept = 0;
        for &t in touched.iter() {
            let e = &accs[t as usize];
            let voted = e.vote[c] > 0.0 || e.name > 0.0;
            if !voted && e.near & (1 << c) == 0 {
                continue;
            }
            let sums = &self.sums[t as usize];
            let mut count = i64::from(sums.count);
            let mut norm2 = sums.norm2;
            let mut dot = 0.0;
            match hidden_fold {
                Some(h) => {
                    let h = h as usize;
                    count -= i64::from(sums.fold_count[h]);
                    norm2 = sums.norm2_without[h];
                    for (f, d) in e.dot.iter().enumerate() {
                        if f != h {
                            dot += d;
                        }
                    }
                }
                None => dot = e.all,
            }
            if !a_fold_hidden && own.binary_search(&t).is_ok() {
                // S' = S − x_a: x_a·S' = x_a·S − ‖x_a‖²;
                // ‖S'‖² = ‖S‖² − 2 x_a·S' − ‖x_a‖².
                count -= 1;
                dot -= self2;
                norm2 -= 2.0 * dot + self2;
            }
            if count <= 0 {
                continue;
            }
            let centroid = if norm2 > 1e-12 {
                (dot / norm2.sqrt()).clamp(0.0, 1.0)
            } else {
                0.0
            };
            met[t as usize] = (count, centroid);
            if voted {
                bits[t as usize / 64] |= 1 << (t % 64);
                kept += 1;
            } else if centroid > MIN_CENTROID {
                rest.push((t, centroid));
            }
        }
        // Past the neighbours' tags and the named ones, only the tags
        // nearest by centroid are worth scoring.
        let by_centroid = |x: &(u32, f64), y: &(u32, f64)| {
            y.1.total_cmp(&x.1).then(x.0.cmp(&y.0))
        };
        if rest.len() > CENTROID_CANDIDATES {
            rest.select_nth_unstable_by(CENTROID_CANDIDATES - 1, by_centroid);
            rest.truncate(CENTROID_CANDIDATES);
        }
        for &(t, _) in rest.iter() {
            bits[t as usize / 64] |= 1 << (t % 64);
        }
        // Tag order, whatever the order met: rows (and so the weights)
        // must not depend on the hidden fold. The bits are read, and
        // cleared, a word at a time.
        let ln_tagged = (tagged.max(1) as f64).ln();
        let mut out = Vec::with_capacity(kept + rest.len());
        drain_bits(bits, |t| {
            let (count, centroid) = met[t];
            let e = &accs[t];
            let vote = if vote_total > 0.0 {
                e.vote[c] / vote_total
            } else {
                0.0
            };
            let prior = self.ln_counts[count as usize] - ln_tagged;
            out.push(Candidate {
                tag: t as u32,
                features: [
                    centroid,
                    vote,
                    e.name,
                    e.title,
                    prior,
                    e.nearest[c],
                    e.salience,
                    0.0,
                    0.0,
                ],
                voters: e.voters[c],
                voting,
            });
        });
        rank(&mut out, order, 0, 7);
        rank(&mut out, order, 1, 8);
        out
    }
}

/// Feature `to` of every candidate of `out` becomes 1 / (1 + its rank
/// by feature `from`, best first), values within [`RANK_TIE`] of the
/// one before sharing its rank (most candidates have no vote: they all
/// rank after the voted ones).
/// The rank says what a cosine or a share alone does not: how the tag
/// fares against the article's other candidates. `order` is scratch.
pub(super) fn rank(
    out: &mut [Candidate],
    order: &mut Vec<(u64, u32)>,
    from: usize,
    to: usize,
) {
    // The features ranked are never negative, so their bits order as
    // they do: each candidate's bits inverted (best first), beside its
    // index, sorted by the bits alone. Candidates of equal values share
    // a rank, so their order among themselves changes nothing. Zeros
    // (most votes) rank last, together, without being sorted.
    order.clear();
    order.extend(out.iter().enumerate().filter_map(|(i, c)| {
        let v = c.features[from];
        debug_assert!(v >= 0.0, "a ranked feature is never negative");
        (v > 0.0).then(|| (!v.to_bits(), i as u32))
    }));
    order.sort_unstable_by_key(|e| e.0);
    let value = |e: (u64, u32)| f64::from_bits(!e.0);
    let mut r = 0;
    for k in 0..order.len() {
        if k > 0 && value(order[k]) < value(order[k - 1]) - RANK_TIE {
            r = k;
        }
        out[order[k].1 as usize].features[to] = 1.0 / (1.0 + r as f64);
    }
    if let Some(&last) = order.last()
        && 0.0 < value(last) - RANK_TIE
    {
        r = order.len();
    }
    let zero = 1.0 / (1.0 + r as f64);
    for c in out.iter_mut().filter(|c| c.features[from] <= 0.0) {
        c.features[to] = zero;
    }
}

/// Difference under which two features tie for [`rank`]: far above the
/// rounding left by taking the article's own vector out of a tag's sum
/// (two tags carried by the same articles have the same centroid, and
/// must keep the same rank whatever the article's own tags), far below
/// any real difference.
const RANK_TIE: f64 = 1e-9;

/// Centroid cosine below which a tag neither voted for nor named is not
/// a candidate: far below any real similarity, far above the rounding
/// left by taking the article's own vector out of a sum (so a tag the
/// article alone brings never shows up).
const MIN_CENTROID: f64 = 1e-9;

/// A candidate tag of an article, with its features.
#[derive(Clone, Copy, Debug)]
pub(super) struct Candidate {
    pub(super) tag: u32,
    pub(super) features: [f64; FEATURES],
    /// Voters carrying the tag, of the article's `voting` neighbours.
    pub(super) voters: u16,
    pub(super) voting: u16,
}

/// What one walk gathers about a tag: its dot per fold, then per
/// configuration its votes.
#[derive(Clone, Debug, Default)]
struct Acc {
    touched: bool,
    /// Configurations for which one of the most similar articles
    /// carries the tag (bit c).
    near: u8,
    dot: [f64; FOLDS],
    /// The dot with S_t, every fold's tags seen.
    all: f64,
    vote: [f64; FOLDS],
    voters: [u16; FOLDS],
    /// Per configuration: similarity of the most similar article
    /// carrying the tag.
    nearest: [f64; FOLDS],
    name: f64,
    title: f64,
    /// Weight in the article's vector of the stems naming the tag's
    /// words, per word.
    salience: f64,
}

/// Per-tag accumulators and the tags touched, reused per worker.
#[derive(Default)]
struct Walk {
    accs: Vec<Acc>,
    /// Per tag, the dot with S_t of the walk that hides no fold (all
    /// zeros between walks).
    all: Vec<f64>,
    touched: Vec<u32>,
    /// Per tag, (articles carrying it, centroid) as the configuration
    /// being scored sees it; read for the tags whose bit is set only.
    met: Vec<(i64, f64)>,
    /// The tags met that are neither voted for nor named, with their
    /// centroid.
    rest: Vec<(u32, f64)>,
    /// The candidates by rank ([`rank`]).
    order: Vec<(u64, u32)>,
    /// One bit per tag kept as a candidate (all zeros between
    /// configurations).
    bits: Vec<u64>,
}

impl Walk {
    /// Tag `t`'s accumulator, noted as touched.
    fn touch(&mut self, t: u32) -> &mut Acc {
        let e = &mut self.accs[t as usize];
        if !e.touched {
            e.touched = true;
            self.touched.push(t);
        }
        e
    }

    /// Every accumulator back to zero, for the next article.
    fn reset(&mut self) {
        for &t in &self.touched {
            self.accs[t as usize] = Acc::default();
        }
        self.touched.clear();
    }
}

thread_local! {
    static ACCS: std::cell::RefCell<Walk> =
        const { std::cell::RefCell::new(Walk {
            accs: Vec::new(),
            all: Vec::new(),
            touched: Vec::new(),
            met: Vec::new(),
            rest: Vec::new(),
            bits: Vec::new(),
            order: Vec::new(),
        }) };
}
