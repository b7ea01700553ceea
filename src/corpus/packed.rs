//! An article's counts as the corpus pass keeps them: [`Packed`] bytes
//! (varints, stems as deltas), about a third of the vectors' size, which
//! is what a corpus of a million articles holds between the passes.

use crate::questions::{FORM_NAMES, QuestionSentence};
use crate::terms::{PhraseCount, TermCount};

use super::chunk::{self, Bytes};
use super::varint::{
    TERM_MAX, put, put_at, skip, take, try_take, try_text, unzigzag, zigzag,
};

mod keyed;

/// An article's term counts and phrases, as bytes: LEB128 varints, stems
/// as zigzag deltas from the previous one (small once terms are sorted
/// by stem), phrase texts as UTF-8. Decoded on the fly by the corpus
/// pass.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Packed {
    bytes: Bytes,
    terms: u32,
    /// Where the phrases start in `bytes`.
    phrases_at: u32,
    /// Where the question sentences start in `bytes` (0: none).
    questions_at: u32,
    /// Whether the parts only writing reads were split off
    /// ([`Packed::split`]): each term is then its stem, count and zones
    /// alone, and there are no phrases or questions.
    lean: bool,
}

impl Packed {
    /// Packs terms (in any order) and phrases.
    pub fn pack(terms: &[TermCount], phrases: &[PhraseCount]) -> Packed {
        Packed::pack_all(terms, phrases, &[])
    }

    /// Packs terms (in any order), phrases and question sentences
    /// (kind, forms as bits of [`FORM_NAMES`], text). The bytes are
    /// encoded in a per-thread buffer and copied once at their exact
    /// size: growing and shrinking a vector per article left the heap
    /// so fragmented that `malloc` took a tenth of a 200 MB run.
    pub fn pack_all(
        terms: &[TermCount],
        phrases: &[PhraseCount],
        questions: &[QuestionSentence],
    ) -> Packed {
        PACK_BUFFER.with_borrow_mut(|out| {
            out.clear();
            put_terms(out, terms);
            let phrases_at = out.len() as u32;
            let questions_at = put_phrases(out, phrases, questions) as u32;
            Packed {
                bytes: Bytes::own(out),
                terms: terms.len() as u32,
                phrases_at,
                questions_at,
                lean: false,
            }
        })
    }

    /// The question sentences.
    pub fn questions(&self) -> Vec<QuestionSentence> {
        debug_assert!(!self.lean, "questions of a split article");
        if self.questions_at == 0 {
            return Vec::new();
        }
        let b = &self.bytes;
        let mut at = self.questions_at as usize;
        let n = take(b, &mut at) as usize;
        (0..n)
            .map(|_| {
                let bits = take(b, &mut at);
                let len = take(b, &mut at) as usize;
                let text = std::str::from_utf8(&b[at..at + len])
                    .expect("packed from a str")
                    .to_string();
                at += len;
                QuestionSentence {
                    text,
                    kind: match bits & 3 {
                        1 => "indirect",
                        2 => "embedded",
                        _ => "direct",
                    },
                    forms: FORM_NAMES
                        .iter()
                        .enumerate()
                        .filter(|&(i, _)| bits & (8 << i) != 0)
                        .map(|(_, &n)| n)
                        .collect(),
                    heading: bits & 4 != 0,
                }
            })
            .collect()
    }

    /// Its bytes and offsets, as [`Packed::from_raw`] takes them.
    pub fn raw(&self) -> (&[u8], u32, u32, u32) {
        debug_assert!(!self.lean, "raw bytes of a split article");
        (
            &self.bytes[..],
            self.terms,
            self.phrases_at,
            self.questions_at,
        )
    }

    /// A packed article from [`Packed::raw`]'s parts, its stem ids below
    /// `stems` and its form ids below `forms` (the tables they index);
    /// `None` when they do not decode (offsets out of place, a varint or
    /// a text cut, text that is not UTF-8, an id or a question form out
    /// of range), so that the decoding methods, which trust their bytes,
    /// never see them.
    pub fn from_raw(
        bytes: Vec<u8>,
        terms: u32,
        phrases_at: u32,
        questions_at: u32,
        stems: u32,
        forms: u32,
    ) -> Option<Packed> {
        let ids = (stems, forms);
        Packed::from_raw_seeing(
            bytes,
            (terms, phrases_at, questions_at),
            ids,
            |_| {},
            |_| {},
        )
    }

    /// Packed counts from [`Packed::raw`]'s parts (offsets as a tuple)
    /// as this run encoded them, not checked as [`Packed::from_raw`]
    /// checks bytes that may not decode: the caller made sure they are
    /// those bytes (the run's own cache file, its places checked by
    /// their checksum).
    pub(crate) fn from_raw_written(
        bytes: &[u8],
        (terms, phrases_at, questions_at): (u32, u32, u32),
    ) -> Packed {
        Packed {
            bytes: Bytes::own(bytes),
            terms,
            phrases_at,
            questions_at,
            lean: false,
        }
    }

    /// [`Packed::from_raw`] (offsets as a tuple), calling `stem` with
    /// each stem id and `form` with each form id as they are checked
    /// (also those of bytes that then fail to decode).
    pub fn from_raw_seeing(
        bytes: Vec<u8>,
        (terms, phrases_at, questions_at): (u32, u32, u32),
        (stems, forms): (u32, u32),
        mut stem: impl FnMut(u32),
        mut form: impl FnMut(u32),
    ) -> Option<Packed> {
        let b = &bytes[..];
        let mut at = 0usize;
        let mut previous = 0i64;
        let below = |n: u64, end: u32| (n < u64::from(end)).then_some(());
        for _ in 0..terms {
            let z = try_take(b, &mut at)?;
            let d = ((z >> 1) as i64) ^ -((z & 1) as i64);
            previous = previous.checked_add(d)?;
            below(u64::try_from(previous).ok()?, stems)?;
            stem(previous as u32);
            u32::try_from(try_take(b, &mut at)?).ok()?;
            let surface = try_take(b, &mut at)?;
            below(surface, forms)?;
            form(surface as u32);
            u32::try_from(try_take(b, &mut at)? >> 4).ok()?;
        }
        if b.is_empty() {
            return (terms == 0 && phrases_at == 0 && questions_at == 0)
                .then(Packed::default);
        }
        if at != phrases_at as usize {
            return None;
        }
        for _ in 0..try_take(b, &mut at)? {
            for _ in 0..try_take(b, &mut at)? {
                let id = try_take(b, &mut at)?;
                below(id, stems)?;
                stem(id as u32);
            }
            u32::try_from(try_take(b, &mut at)?).ok()?;
            at = try_text(b, at)?;
        }
        if questions_at == 0 {
            if at != b.len() {
                return None;
            }
        } else {
            if at != questions_at as usize {
                return None;
            }
            for _ in 0..try_take(b, &mut at)? {
                // As `pack_all` writes them: a kind in 0..=2, the
                // heading flag, one bit per form.
                let bits = try_take(b, &mut at)?;
                if bits & 3 == 3 || bits >> (FORM_NAMES.len() + 3) != 0 {
                    return None;
                }
                at = try_text(b, at)?;
            }
            if at != b.len() {
                return None;
            }
        }
        Some(Packed {
            bytes: Bytes::own(&bytes),
            terms,
            phrases_at,
            questions_at,
            lean: false,
        })
    }

    /// A whole article of this one's terms from the bytes `out`, its
    /// phrases and questions at those offsets (`None` past 4 GB).
    fn whole_from(
        &self,
        out: &[u8],
        phrases_at: usize,
        questions_at: usize,
    ) -> Option<Packed> {
        Some(Packed {
            bytes: Bytes::own(out),
            terms: self.terms,
            phrases_at: u32::try_from(phrases_at).ok()?,
            questions_at: u32::try_from(questions_at).ok()?,
            lean: false,
        })
    }

    /// How many terms.
    pub fn term_count(&self) -> usize {
        self.terms as usize
    }

    /// Calls `f(stem, count, zones)` for each term, in the order packed:
    /// what weighing a term needs, the surface form and first position
    /// skipped rather than decoded. Inlined into its caller (the
    /// [`Packed::terms`] iterator's step is a call per term, its state in
    /// memory): the suggestion model reads every article's terms.
    #[inline]
    pub fn each_weighed(&self, mut f: impl FnMut(u32, u32, u8)) {
        let b = &self.bytes[..];
        let mut at = 0;
        let mut previous = 0u32;
        for _ in 0..self.terms {
            previous = unzigzag(previous, take(b, &mut at));
            let count = take(b, &mut at) as u32;
            if !self.lean {
                skip(b, &mut at); // surface form
            }
            // The zones are the place's low four bits (all of it when
            // lean), within its first byte.
            let zones = b[at] & 0xf;
            skip(b, &mut at);
            f(previous, count, zones);
        }
    }

    /// The terms, in the order packed.
    pub fn terms(&self) -> Terms<'_> {
        Terms {
            bytes: &self.bytes[..],
            at: 0,
            previous: 0,
            left: self.terms,
            lean: self.lean,
        }
    }

    /// Calls `stem` with each stem id of the terms and phrases, and
    /// `form` with each surface form id of the terms (ids may repeat).
    /// Allocates nothing.
    pub fn each_id(
        &self,
        mut stem: impl FnMut(u32),
        mut form: impl FnMut(u32),
    ) {
        debug_assert!(!self.lean, "ids of a split article");
        for t in self.terms() {
            stem(t.stem);
            form(t.surface);
        }
        let b = &self.bytes;
        if b.is_empty() {
            return;
        }
        let mut at = self.phrases_at as usize;
        for _ in 0..take(b, &mut at) {
            for _ in 0..take(b, &mut at) {
                stem(take(b, &mut at) as u32);
            }
            take(b, &mut at);
            at += take(b, &mut at) as usize;
        }
    }

    /// The phrases.
    pub fn phrases(&self) -> Vec<PhraseCount> {
        debug_assert!(!self.lean, "phrases of a split article");
        let b = &self.bytes;
        let mut at = self.phrases_at as usize;
        if self.bytes.is_empty() {
            return Vec::new();
        }
        let n = take(b, &mut at) as usize;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            let len = take(b, &mut at) as usize;
            let stems = (0..len).map(|_| take(b, &mut at) as u32).collect();
            let count = take(b, &mut at) as u32;
            let text_len = take(b, &mut at) as usize;
            let text = std::str::from_utf8(&b[at..at + text_len])
                .expect("packed from a str")
                .to_string();
            at += text_len;
            out.push(PhraseCount { stems, text, count });
        }
        out
    }

    /// Each phrase, borrowed, with the sum of `weight` over its stems
    /// (summed in order, as `stems.iter().map(weight).sum()` would):
    /// (text, count, number of stems, sum). Allocates nothing.
    pub fn phrase_sums<'a>(
        &'a self,
        weight: impl Fn(u32) -> f64 + 'a,
    ) -> impl Iterator<Item = (&'a str, u32, usize, f64)> + 'a {
        debug_assert!(!self.lean, "phrases of a split article");
        let b = &self.bytes;
        let mut at = self.phrases_at as usize;
        let mut left = if b.is_empty() { 0 } else { take(b, &mut at) };
        std::iter::from_fn(move || {
            if left == 0 {
                return None;
            }
            left -= 1;
            let len = take(b, &mut at) as usize;
            let sum: f64 =
                (0..len).map(|_| weight(take(b, &mut at) as u32)).sum();
            let count = take(b, &mut at) as u32;
            let text_len = take(b, &mut at) as usize;
            let text = std::str::from_utf8(&b[at..at + text_len])
                .expect("packed from a str");
            at += text_len;
            Some((text, count, len, sum))
        })
    }

    /// The same counts with stems renumbered by `map`, terms sorted by
    /// their new stem; phrases and questions re-encoded as they stream,
    /// without allocating.
    pub fn renumbered(&self, map: impl Fn(u32) -> u32) -> Packed {
        self.remap::<false>(map, |form| form)
    }

    /// [`Packed::renumbered`], with the surface forms of the terms
    /// renumbered by `forms` too (a cached article joining a run). Its
    /// terms are first re-encoded as they stream, which holds when `map`
    /// keeps their order (see `Packed::put_terms_in_order`).
    pub fn remapped(
        &self,
        map: impl Fn(u32) -> u32,
        forms: impl Fn(u32) -> u32,
    ) -> Packed {
        self.remap::<true>(map, forms)
    }

    /// [`Packed::renumbered`] for an article whose stems `map` keeps in
    /// order and whose surface forms keep their ids (a cached article
    /// joining a run that left none of the cache's forms out): each
    /// term's count, form and place are copied as they are, not decoded
    /// and written again.
    pub fn restemmed(&self, map: impl Fn(u32) -> u32) -> Packed {
        self.remap_as::<true, true>(map, |form| form)
    }

    /// [`Packed::remapped`]; `IN_ORDER`: try streaming the terms first.
    pub(super) fn remap<const IN_ORDER: bool>(
        &self,
        map: impl Fn(u32) -> u32,
        forms: impl Fn(u32) -> u32,
    ) -> Packed {
        self.remap_as::<IN_ORDER, false>(map, forms)
    }

    /// [`Packed::remap`]; `SAME_FORMS`: `forms` is the identity, so
    /// that streamed terms copy their forms (see `put_terms_in_order`).
    fn remap_as<const IN_ORDER: bool, const SAME_FORMS: bool>(
        &self,
        map: impl Fn(u32) -> u32,
        forms: impl Fn(u32) -> u32,
    ) -> Packed {
        if self.lean {
            return self.lean_renumbered(map);
        }
        PACK_BUFFER.with_borrow_mut(|out| {
            out.clear();
            if !(IN_ORDER
                && self.put_terms_in_order::<SAME_FORMS>(out, &map, &forms))
            {
                out.clear();
                TERM_BUFFER.with_borrow_mut(|terms| {
                    terms.clear();
                    self.terms().for_each(|t| {
                        terms.push(TermCount {
                            stem: map(t.stem),
                            surface: forms(t.surface),
                            ..t
                        });
                    });
                    sort_by_stem(terms);
                    put_terms(out, terms);
                });
            }
            let phrases_at = out.len() as u32;
            let b = &self.bytes;
            let mut at = self.phrases_at as usize;
            let n = if b.is_empty() { 0 } else { take(b, &mut at) };
            put(out, n);
            for _ in 0..n {
                let len = take(b, &mut at);
                put(out, len);
                for _ in 0..len {
                    put(out, u64::from(map(take(b, &mut at) as u32)));
                }
                put(out, take(b, &mut at));
                let text_len = take(b, &mut at);
                put(out, text_len);
                let end = at + text_len as usize;
                out.extend_from_slice(&b[at..end]);
                at = end;
            }
            let questions_at = if self.questions_at == 0 {
                0
            } else {
                let q = out.len() as u32;
                out.extend_from_slice(&b[self.questions_at as usize..]);
                q
            };
            Packed {
                bytes: Bytes::own(out),
                terms: self.terms,
                phrases_at,
                questions_at,
                lean: false,
            }
        })
    }

    /// Appends the terms with stems renumbered by `map` and surface
    /// forms by `forms`, in the order packed, as long as the new stems
    /// keep rising (they do when `map` keeps the order of the stems, as
    /// stable ids do for a cached article): then they are already sorted
    /// and need no buffer. `false` as soon as one does not rise.
    /// `SAME_FORMS`: `forms` is the identity, and each term's count,
    /// surface form and place, three varints, are copied as bytes.
    pub(super) fn put_terms_in_order<const SAME_FORMS: bool>(
        &self,
        out: &mut Vec<u8>,
        map: &impl Fn(u32) -> u32,
        forms: &impl Fn(u32) -> u32,
    ) -> bool {
        let b = &self.bytes[..];
        let start = out.len();
        // Written a few terms at a time into a buffer on the stack:
        // unlike a push, a byte stored there does not make the compiler
        // reload the vector's length and pointer.
        let mut buf = [0u8; 512];
        let mut written = 0;
        let mut at = 0;
        let (mut old, mut previous) = (0u32, 0u32);
        for i in 0..self.terms {
            if written > buf.len() - TERM_MAX {
                out.extend_from_slice(&buf[..written]);
                written = 0;
            }
            old = unzigzag(old, take(b, &mut at));
            let stem = map(old);
            if i > 0 && stem <= previous {
                out.truncate(start);
                return false;
            }
            put_at(&mut buf, &mut written, zigzag(previous, stem));
            previous = stem;
            if SAME_FORMS {
                copy_three(b, &mut at, &mut buf, &mut written);
                continue;
            }
            put_at(&mut buf, &mut written, take(b, &mut at)); // count
            let form = forms(take(b, &mut at) as u32);
            put_at(&mut buf, &mut written, u64::from(form));
            // First position and zones.
            put_at(&mut buf, &mut written, take(b, &mut at));
        }
        out.extend_from_slice(&buf[..written]);
        true
    }

    /// A split article with its stems renumbered by `map`, terms sorted
    /// by their new stem (its write-only part, set aside, still follows
    /// the old order, [`Packed::joined_remapped`] puts it back, or names
    /// each term's stem, [`Packed::joined_keyed`]).
    fn lean_renumbered(&self, map: impl Fn(u32) -> u32) -> Packed {
        TERM_BUFFER.with_borrow_mut(|terms| {
            terms.clear();
            self.terms().for_each(|t| {
                terms.push(TermCount {
                    stem: map(t.stem),
                    ..t
                });
            });
            sort_by_stem(terms);
            PACK_BUFFER.with_borrow_mut(|out| {
                out.clear();
                let mut previous = 0u32;
                for t in terms.iter() {
                    put(out, zigzag(previous, t.stem));
                    put(out, u64::from(t.count));
                    put(out, u64::from(t.zones));
                    previous = t.stem;
                }
                Packed {
                    bytes: Bytes::own(out),
                    terms: self.terms,
                    phrases_at: out.len() as u32,
                    questions_at: 0,
                    lean: true,
                }
            })
        })
    }

    /// Moves the bytes of `all` into one allocation they share, read as
    /// before (`chunk.rs`: the allocator rounds it up once, not each
    /// article's).
    pub fn share(all: &mut [&mut Packed]) {
        let mut bytes: Vec<&mut Bytes> =
            all.iter_mut().map(|p| &mut p.bytes).collect();
        chunk::share(&mut bytes);
    }

    /// Whether `self`'s bytes lie in the allocation of `other`'s.
    #[cfg(test)]
    pub(crate) fn shares_bytes_with(&self, other: &Packed) -> bool {
        self.bytes.shares_with(&other.bytes)
    }

    /// Whether the parts only writing reads were split off.
    pub fn is_lean(&self) -> bool {
        self.lean
    }

    /// Its size in bytes, as held.
    pub fn raw_len(&self) -> usize {
        self.bytes.len()
    }

    /// Splits off the parts of the article that only its writing reads
    /// (each term's surface form and first position, the phrases, the
    /// question sentences), appending them to `cold`; returns the rest,
    /// all that the corpus pass reads (each term's stem, count and
    /// zones). [`Packed::joined`] puts the two back together, byte for
    /// byte.
    pub fn split(&self, cold: &mut Vec<u8>) -> Packed {
        debug_assert!(!self.lean, "splitting a split article");
        let b = &self.bytes;
        // Where the questions start past the phrases, plus one (0: none).
        put(
            cold,
            match self.questions_at {
                0 => 0,
                q => u64::from(q - self.phrases_at) + 1,
            },
        );
        PACK_BUFFER.with_borrow_mut(|out| {
            out.clear();
            let mut at = 0;
            for _ in 0..self.terms {
                put(out, take(b, &mut at)); // stem, as a delta
                put(out, take(b, &mut at)); // count
                put(cold, take(b, &mut at)); // surface form
                let place = take(b, &mut at);
                put(cold, place >> 4);
                put(out, place & 0xf);
            }
            cold.extend_from_slice(&b[at..]);
            Packed {
                bytes: Bytes::own(out),
                terms: self.terms,
                phrases_at: out.len() as u32,
                questions_at: 0,
                lean: true,
            }
        })
    }

    /// The article [`Packed::split`] split into `self` and `cold`;
    /// `None` when `cold` is cut short or not of this article.
    pub fn joined(&self, cold: &[u8]) -> Option<Packed> {
        if !self.lean {
            return None;
        }
        let b = &self.bytes;
        let mut c = 0;
        let questions = try_take(cold, &mut c)?;
        PACK_BUFFER.with_borrow_mut(|out| {
            out.clear();
            let mut at = 0;
            for _ in 0..self.terms {
                put(out, take(b, &mut at));
                put(out, take(b, &mut at));
                put(out, try_take(cold, &mut c)?);
                let first = u32::try_from(try_take(cold, &mut c)?).ok()?;
                put(out, u64::from(first) << 4 | take(b, &mut at));
            }
            let phrases_at = out.len();
            out.extend_from_slice(&cold[c..]);
            let questions_at = match questions {
                0 => 0,
                q => {
                    let q = phrases_at
                        .checked_add(usize::try_from(q - 1).ok()?)?;
                    (q < out.len()).then_some(q)?
                }
            };
            self.whole_from(out, phrases_at, questions_at)
        })
    }
}

impl Packed {
    /// The whole article, as [`Packed::remapped`] with `new_of` (and
    /// forms kept) would have made it from the article that
    /// [`Packed::split`] split into `cold` and a lean part, when that
    /// lean part (its terms then sorted by their old stem ids) was
    /// renumbered into `self` since ([`Packed::renumbered`]): `old_of`
    /// undoes `new_of` on the stems of `self`, which gives the order of
    /// the terms in `cold`, and the stems of the phrases in `cold` are
    /// renumbered by `new_of`. `None` when `cold` is cut short or not of
    /// this article.
    pub fn joined_renumbered(
        &self,
        cold: &[u8],
        old_of: impl Fn(u32) -> u32,
        new_of: impl Fn(u32) -> u32,
    ) -> Option<Packed> {
        self.joined_remapped(cold, old_of, new_of, |form| form)
    }

    /// [`Packed::joined_renumbered`], the surface forms of its terms
    /// renumbered by `forms` too: the whole article as
    /// [`Packed::remapped`] with `new_of` and `forms` would have made it
    /// (a cached article joining a run that left some of the cache's
    /// forms out).
    pub fn joined_remapped(
        &self,
        cold: &[u8],
        old_of: impl Fn(u32) -> u32,
        new_of: impl Fn(u32) -> u32,
        forms: impl Fn(u32) -> u32,
    ) -> Option<Packed> {
        if !self.lean {
            return None;
        }
        let mut c = 0;
        let questions = try_take(cold, &mut c)?;
        TERM_BUFFER.with_borrow_mut(|terms| {
            terms.clear();
            terms.extend(self.terms());
            // Each term's old stem and place, sorted: the order of `cold`.
            ORDER_BUFFER.with_borrow_mut(|order| {
                order.clear();
                order.extend(
                    terms.iter().enumerate().map(|(i, t)| {
                        u64::from(old_of(t.stem)) << 32 | i as u64
                    }),
                );
                order.sort_unstable();
                for &o in order.iter() {
                    let t = &mut terms[o as u32 as usize];
                    t.surface =
                        forms(u32::try_from(try_take(cold, &mut c)?).ok()?);
                    t.first = u32::try_from(try_take(cold, &mut c)?).ok()?;
                }
                Some(())
            })?;
            PACK_BUFFER.with_borrow_mut(|out| {
                out.clear();
                put_terms(out, terms);
                let phrases_at = out.len();
                put_phrases_renumbered(cold, &mut c, out, |s| {
                    Some(new_of(s))
                })?;
                let questions_at = match questions {
                    0 => 0,
                    _ => {
                        let q = out.len();
                        out.extend_from_slice(&cold[c..]);
                        (q < out.len()).then_some(q)?
                    }
                };
                self.whole_from(out, phrases_at, questions_at)
            })
        })
    }
}

/// Copies the phrases of a part set aside, read from `cold` at `c` (which
/// it moves past them), into `out`, each stem renumbered by `new_of` as
/// [`Packed::renumbered`] re-encodes them. `None` when `cold` is cut
/// short or names a stem `new_of` does not know.
fn put_phrases_renumbered(
    cold: &[u8],
    c: &mut usize,
    out: &mut Vec<u8>,
    new_of: impl Fn(u32) -> Option<u32>,
) -> Option<()> {
    let n = try_take(cold, c)?;
    put(out, n);
    for _ in 0..n {
        let len = try_take(cold, c)?;
        put(out, len);
        for _ in 0..len {
            let stem = u32::try_from(try_take(cold, c)?).ok()?;
            put(out, u64::from(new_of(stem)?));
        }
        put(out, try_take(cold, c)?);
        let text_len = try_take(cold, c)?;
        put(out, text_len);
        let end = c.checked_add(usize::try_from(text_len).ok()?)?;
        out.extend_from_slice(cold.get(*c..end)?);
        *c = end;
    }
    Some(())
}

/// The terms of a [`Packed`], decoded as they are read. Whether the
/// article is split ([`Packed::split`]) is looked at once per loop by
/// `for_each` and `fold` (and what uses them, such as a set's `extend`),
/// but once per term by `next` (a `for` loop, collecting into a `Vec`):
/// the corpus pass decodes every term of every article several times,
/// so its loops use `for_each`.
#[derive(Clone, Debug)]
pub struct Terms<'a> {
    bytes: &'a [u8],
    at: usize,
    previous: u32,
    left: u32,
    lean: bool,
}

impl Terms<'_> {
    /// The next term, which must be there; `LEAN`: the article is split.
    #[inline(always)]
    fn decode<const LEAN: bool>(&mut self) -> TermCount {
        let b = self.bytes;
        let stem = unzigzag(self.previous, take(b, &mut self.at));
        let count = take(b, &mut self.at) as u32;
        let surface = if LEAN {
            0
        } else {
            take(b, &mut self.at) as u32
        };
        let place = take(b, &mut self.at);
        self.previous = stem;
        self.left -= 1;
        TermCount {
            stem,
            count,
            surface,
            first: (place >> 4) as u32,
            zones: (place & 0xf) as u8,
        }
    }
}

impl Iterator for Terms<'_> {
    type Item = TermCount;

    #[inline]
    fn next(&mut self) -> Option<TermCount> {
        match (self.left, self.lean) {
            (0, _) => None,
            (_, true) => Some(self.decode::<true>()),
            (_, false) => Some(self.decode::<false>()),
        }
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left as usize, Some(self.left as usize))
    }

    #[inline]
    fn fold<B, F: FnMut(B, TermCount) -> B>(mut self, init: B, mut f: F) -> B {
        let mut acc = init;
        if self.lean {
            while self.left > 0 {
                acc = f(acc, self.decode::<true>());
            }
        } else {
            while self.left > 0 {
                acc = f(acc, self.decode::<false>());
            }
        }
        acc
    }
}

impl ExactSizeIterator for Terms<'_> {}

thread_local! {
    /// Where [`Packed`] encodes, reused from one article to the next.
    static PACK_BUFFER: std::cell::RefCell<Vec<u8>> =
        const { std::cell::RefCell::new(Vec::new()) };
    /// Terms being renumbered, reused likewise.
    static TERM_BUFFER: std::cell::RefCell<Vec<TermCount>> =
        const { std::cell::RefCell::new(Vec::new()) };
    /// Sort keys of [`Packed::joined_renumbered`] and [`sort_by_stem`],
    /// reused likewise.
    static ORDER_BUFFER: std::cell::RefCell<Vec<u64>> =
        const { std::cell::RefCell::new(Vec::new()) };
    /// Terms gathered in order by [`sort_by_stem`], reused likewise.
    static GATHER_BUFFER: std::cell::RefCell<Vec<TermCount>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Sorts `terms` by stem, those of equal stems (none in an article) in
/// the order they had: their stems and places sorted as integers, then
/// the terms gathered in that order, which costs less than moving them
/// about as they are compared.
pub(crate) fn sort_by_stem(terms: &mut Vec<TermCount>) {
    ORDER_BUFFER.with_borrow_mut(|order| {
        order.clear();
        order.extend(
            terms
                .iter()
                .enumerate()
                .map(|(i, t)| u64::from(t.stem) << 32 | i as u64),
        );
        order.sort_unstable();
        GATHER_BUFFER.with_borrow_mut(|gathered| {
            gathered.clear();
            gathered.extend(order.iter().map(|&o| terms[o as u32 as usize]));
            std::mem::swap(terms, gathered);
        });
    });
}

/// Copies the three varints at `*at` in `b` into `dst` at `*written`
/// (which has room for [`TERM_MAX`] bytes) as they are, moving both
/// past them. Their ends are found in one load when they fit in eight
/// bytes, as a term's count, form and place almost always do.
#[inline(always)]
fn copy_three(b: &[u8], at: &mut usize, dst: &mut [u8], written: &mut usize) {
    if let Some(word) = b.get(*at..*at + 8) {
        let word: [u8; 8] = word.try_into().expect("8 bytes");
        // A varint's last byte is the one without the high bit: the
        // ends, as high bits of a little-endian word; the two lowest
        // cleared, the third is left lowest.
        let mut ends = !u64::from_le_bytes(word) & 0x8080_8080_8080_8080;
        ends &= ends.wrapping_sub(1);
        ends &= ends.wrapping_sub(1);
        if ends != 0 {
            let len = ends.trailing_zeros() as usize / 8 + 1;
            dst[*written..*written + 8].copy_from_slice(&word);
            *written += len;
            *at += len;
            return;
        }
    }
    let start = *at;
    for _ in 0..3 {
        skip(b, at);
    }
    let len = *at - start;
    dst[*written..*written + len].copy_from_slice(&b[start..*at]);
    *written += len;
}

/// Appends `phrases` and `questions` as a packed article holds them
/// after its terms; returns where the questions start in `out` (0:
/// none).
fn put_phrases(
    out: &mut Vec<u8>,
    phrases: &[PhraseCount],
    questions: &[QuestionSentence],
) -> usize {
    put(out, phrases.len() as u64);
    for p in phrases {
        put(out, p.stems.len() as u64);
        for &s in &p.stems {
            put(out, u64::from(s));
        }
        put(out, u64::from(p.count));
        put(out, p.text.len() as u64);
        out.extend_from_slice(p.text.as_bytes());
    }
    if questions.is_empty() {
        return 0;
    }
    let questions_at = out.len();
    put(out, questions.len() as u64);
    for q in questions {
        // Kind in bits 0–1, the heading flag in bit 2, forms from bit 3.
        let mut bits = match q.kind {
            "indirect" => 1,
            "embedded" => 2,
            _ => 0,
        } | u64::from(q.heading) << 2;
        for form in &q.forms {
            let i = FORM_NAMES
                .iter()
                .position(|n| n == form)
                .expect("a known form");
            bits |= 8 << i;
        }
        put(out, bits);
        put(out, q.text.len() as u64);
        out.extend_from_slice(q.text.as_bytes());
    }
    questions_at
}

/// Appends `terms` as a packed article holds them: each stem as its
/// difference from the one before, then count, surface form, and first
/// position with the zones.
fn put_terms(out: &mut Vec<u8>, terms: &[TermCount]) {
    let mut previous = 0u32;
    for t in terms {
        put(out, zigzag(previous, t.stem));
        put(out, u64::from(t.count));
        put(out, u64::from(t.surface));
        put(out, u64::from(t.first) << 4 | u64::from(t.zones));
        previous = t.stem;
    }
}
