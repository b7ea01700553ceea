//! An article's write-only part set aside in pass 2, while stem ids are
//! still the run's ([`Packed::split_keyed`]): it names each term's stem,
//! so that once the lean part is renumbered into the stable ids, its
//! terms sorted by them ([`Packed::renumbered`]), the two join back
//! without sorting anything: each term's surface form and first position
//! go into a table by new stem id, read back in the lean part's order
//! ([`Packed::put_joined_keyed`]).
//!
//! The part lists, for each term in the order the article held them when
//! split, its stem (a zigzag gap from the one before), surface form and
//! first position; then the phrases and question sentences as the whole
//! article held them (the phrases' stems by the ids of then); last, in 4
//! bytes little endian, where the questions start past the phrases, plus
//! one (0: none).

use super::{
    PACK_BUFFER, Packed, TERM_MAX, put_phrases, put_phrases_renumbered,
};
use crate::corpus::chunk::Bytes;
use crate::corpus::varint::{put, put_at, take, try_take, unzigzag, zigzag};
use crate::questions::QuestionSentence;
use crate::terms::{PhraseCount, TermCount};

impl Packed {
    /// What [`Packed::pack_all`] then [`Packed::split_keyed`] make of
    /// `terms` (in any order), `phrases` and `questions`, the part set
    /// aside appended to `cold`, without packing the whole article first.
    pub fn pack_split(
        terms: &[TermCount],
        phrases: &[PhraseCount],
        questions: &[QuestionSentence],
        cold: &mut Vec<u8>,
    ) -> Packed {
        PACK_BUFFER.with_borrow_mut(|out| {
            out.clear();
            let mut previous = 0u32;
            for t in terms {
                let gap = zigzag(previous, t.stem);
                put(out, gap);
                put(out, u64::from(t.count));
                put(out, u64::from(t.zones));
                put(cold, gap);
                put(cold, u64::from(t.surface));
                put(cold, u64::from(t.first));
                previous = t.stem;
            }
            let phrases_at = cold.len();
            let questions = match put_phrases(cold, phrases, questions) {
                0 => 0,
                q => (q - phrases_at + 1) as u32,
            };
            cold.extend_from_slice(&questions.to_le_bytes());
            Packed {
                bytes: Bytes::own(out),
                terms: terms.len() as u32,
                phrases_at: out.len() as u32,
                questions_at: 0,
                lean: true,
            }
        })
    }

    /// [`Packed::split`], each term's part keyed by its stem (see the
    /// module's notes): [`Packed::joined_keyed`] puts the two back
    /// together once the lean part is renumbered.
    pub fn split_keyed(&self, cold: &mut Vec<u8>) -> Packed {
        debug_assert!(!self.lean, "splitting a split article");
        let b = &self.bytes;
        PACK_BUFFER.with_borrow_mut(|out| {
            out.clear();
            let mut at = 0;
            for _ in 0..self.terms {
                let gap = take(b, &mut at);
                put(out, gap);
                put(cold, gap);
                put(out, take(b, &mut at)); // count
                put(cold, take(b, &mut at)); // surface form
                let place = take(b, &mut at);
                put(cold, place >> 4);
                put(out, place & 0xf);
            }
            if b.is_empty() {
                // No phrases (an article never packed): as renumbering
                // writes it.
                put(cold, 0);
            }
            cold.extend_from_slice(&b[at..]);
            let questions = match self.questions_at {
                0 => 0,
                q => q - self.phrases_at + 1,
            };
            cold.extend_from_slice(&questions.to_le_bytes());
            Packed {
                bytes: Bytes::own(out),
                terms: self.terms,
                phrases_at: out.len() as u32,
                questions_at: 0,
                lean: true,
            }
        })
    }

    /// The whole article that [`Packed::split_keyed`] split into `cold`
    /// and a lean part, renumbered since into `self` by `new_of`: what
    /// [`Packed::remapped`] with `new_of` and `forms` makes of the whole
    /// article. `None` when `cold` is cut short, not of this article, or
    /// names a stem `new_of` does not know (`None`).
    pub fn joined_keyed(
        &self,
        cold: &[u8],
        new_of: impl Fn(u32) -> Option<u32>,
        forms: impl Fn(u32) -> u32,
    ) -> Option<Packed> {
        PACK_BUFFER.with_borrow_mut(|out| {
            out.clear();
            let (phrases_at, questions_at) =
                self.put_joined_keyed(cold, (new_of, forms), out)?;
            self.whole_from(out, phrases_at, questions_at)
        })
    }

    /// The bytes of [`Packed::joined_keyed`]'s article (given its
    /// `new_of` and `forms`), appended to `out` (empty), with where its
    /// phrases and its questions start (0: none), as [`Packed::raw`]
    /// would give them.
    pub fn put_joined_keyed(
        &self,
        cold: &[u8],
        (new_of, forms): (impl Fn(u32) -> Option<u32>, impl Fn(u32) -> u32),
        out: &mut Vec<u8>,
    ) -> Option<(usize, usize)> {
        debug_assert!(out.is_empty(), "joined into an empty buffer");
        if !self.lean {
            return None;
        }
        let end = cold.len().checked_sub(4)?;
        let questions = u32::from_le_bytes(cold[end..].try_into().ok()?);
        let cold = &cold[..end];
        let mut c = 0;
        SLOTS.with_borrow_mut(|slots| {
            // Each term's form and first position by its new stem; the
            // sum of those stems, which the lean part's must match.
            let (mut old, mut sum) = (0u32, 0u64);
            for _ in 0..self.terms {
                let z = try_take(cold, &mut c)?;
                let gap = ((z >> 1) as i64) ^ -((z & 1) as i64);
                old = u32::try_from(i64::from(old).checked_add(gap)?).ok()?;
                let new = new_of(old)?;
                let surface = u32::try_from(try_take(cold, &mut c)?).ok()?;
                let first = u32::try_from(try_take(cold, &mut c)?).ok()?;
                let i = new as usize;
                if i >= slots.len() {
                    slots.resize(i + 1, 0);
                }
                slots[i] = u64::from(forms(surface)) << 32 | u64::from(first);
                sum += u64::from(new);
            }
            // The lean part's terms in order: each one's stem gap and
            // count as they are (the whole article's), its form and place
            // from the table. Written a few terms at a time into a buffer
            // on the stack (see `put_terms_in_order`).
            let b = &self.bytes[..];
            let mut buf = [0u8; 512];
            let (mut written, mut at, mut stem) = (0, 0, 0u32);
            for _ in 0..self.terms {
                if written > buf.len() - TERM_MAX {
                    out.extend_from_slice(&buf[..written]);
                    written = 0;
                }
                let gap = take(b, &mut at);
                stem = unzigzag(stem, gap);
                put_at(&mut buf, &mut written, gap);
                put_at(&mut buf, &mut written, take(b, &mut at)); // count
                let zones = take(b, &mut at);
                let slot = *slots.get(stem as usize)?;
                put_at(&mut buf, &mut written, slot >> 32);
                put_at(
                    &mut buf,
                    &mut written,
                    (slot & 0xffff_ffff) << 4 | zones,
                );
                sum = sum.wrapping_sub(u64::from(stem));
            }
            out.extend_from_slice(&buf[..written]);
            (sum == 0).then_some(())
        })?;
        let phrases_at = out.len();
        put_phrases_renumbered(cold, &mut c, out, new_of)?;
        let questions_at = match questions {
            0 if c == cold.len() => 0,
            0 => return None,
            _ => {
                let q = out.len();
                out.extend_from_slice(&cold[c..]);
                (q < out.len()).then_some(q)?
            }
        };
        Some((phrases_at, questions_at))
    }
}

thread_local! {
    /// [`Packed::put_joined_keyed`]'s table by stem id, reused from one
    /// article to the next (8 bytes a stem of the corpus at most).
    static SLOTS: std::cell::RefCell<Vec<u64>> =
        const { std::cell::RefCell::new(Vec::new()) };
}
