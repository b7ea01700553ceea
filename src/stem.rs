//! Stems: a normalised word form → its Snowball French stem
//! (rust-stemmers), interned as a `u32`, stemmed once per distinct form.
//!
//! Two levels, so that stemming cost grows with the vocabulary and not
//! with the number of tokens:
//! - [`Vocab`], shared by all threads, interns every distinct form and
//!   stem of the run and hands out ids. It is touched only when a thread
//!   meets a form for the first time.
//! - [`FormCache`], one per rayon worker, maps a form to its
//!   [`FormInfo`] (ids and class) with one hash lookup and no lock. The
//!   first time a worker meets a form it asks the `Vocab`, which holds
//!   the info of every form a worker has met; only a form no worker has
//!   met yet is classified and stemmed (once per run, not per worker).
//!
//! Ids depend on which thread saw a form first, so they are not stable
//! from run to run; [`Vocab::freeze`] renumbers stems in sorted order,
//! which is what every output and every ordering uses. That is how the
//! output stays byte-identical whatever `--jobs` is.

use std::sync::Mutex;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;

use crate::normalize::{Stopwords, normalize_into};

pub mod address;

/// How a form takes part in terms and phrases.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// A content word: counted as a term, can start and end a phrase.
    Content,
    /// A stopword that may sit inside a key phrase: `de du des d' à en la
    /// le les l'` ("communauté de pratique").
    Connector,
    /// Any other stopword, a one-letter word, an English function word
    /// (`the`, `it's`: French posts quote English) or a code-like form:
    /// breaks phrases.
    Stop,
}

/// Connectors allowed inside key phrases (DESIGN.md), normalised.
const CONNECTORS: &[&str] =
    &["de", "du", "des", "d'", "à", "en", "la", "le", "les", "l'"];

/// What the pipeline knows about one normalised form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FormInfo {
    /// Run-wide id of the form.
    pub form: u32,
    /// Run-wide id of its stem (meaningful for [`Class::Content`] only).
    pub stem: u32,
    /// Its class.
    pub class: Class,
    /// What later stages want to know about it ([`flag`]).
    pub flags: u8,
}

/// Bits of [`FormInfo::flags`].
pub mod flag {
    /// A word that may announce a sequel ("suite", "prochain").
    pub const SEQUEL: u8 = 1;
    /// A token that may be a verb introducing an indirect question
    /// ([`crate::questions::has_trigger_word`] of its text as written).
    /// Set by [`super::FormCache::lookup_token`] only, since it depends
    /// on the spelling and not on the normalised form.
    pub const TRIGGER: u8 = 2;
    /// A French month name ("mars", "décembre"): part of a date, no term,
    /// when a number stands next to it ([`crate::terms`]).
    pub const MONTH: u8 = 4;
    /// A spelling that may be a piece of a web address (`com`, `www`,
    /// `https`: [`super::address::may_be_piece`]); whether it is one
    /// depends on the characters around it. Set by
    /// [`super::FormCache::lookup_token`] only, as [`TRIGGER`] is.
    pub const ADDRESS: u8 = 8;
}

/// The French month names, normalised, and their usual spellings without
/// accents.
const MONTHS: &[&str] = &[
    "janvier",
    "février",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "decembre",
];

/// The run-wide table of forms and stems, shared by every worker.
#[derive(Debug, Default)]
pub struct Vocab {
    inner: Mutex<VocabInner>,
}

#[derive(Debug, Default)]
struct VocabInner {
    form_ids: FxHashMap<Box<str>, u32>,
    forms: Vec<Box<str>>,
    stem_ids: FxHashMap<Box<str>, u32>,
    stems: Vec<Box<str>>,
    /// For each form and stem a [`Vocab::seeded`] table started with,
    /// whether the run has asked for it since.
    forms_met: Vec<bool>,
    stems_met: Vec<bool>,
    /// By form id, the info a worker found for the form
    /// ([`FormCache::lookup`]), for the other workers: `None` for a
    /// form interned without it (seeded, or by [`Vocab::form_id`]).
    infos: Vec<Option<FormInfo>>,
}

impl VocabInner {
    fn intern_form(&mut self, form: &str) -> u32 {
        if let Some(&id) = self.form_ids.get(form) {
            if let Some(met) = self.forms_met.get_mut(id as usize) {
                *met = true;
            }
            return id;
        }
        let id = u32::try_from(self.forms.len()).expect("under 4G forms");
        self.forms.push(form.into());
        self.infos.push(None);
        self.form_ids.insert(form.into(), id);
        id
    }

    fn intern_stem(&mut self, stem: &str) -> u32 {
        if let Some(&id) = self.stem_ids.get(stem) {
            if let Some(met) = self.stems_met.get_mut(id as usize) {
                *met = true;
            }
            return id;
        }
        let id = u32::try_from(self.stems.len()).expect("under 4G stems");
        self.stems.push(stem.into());
        self.stem_ids.insert(stem.into(), id);
        id
    }
}

impl Vocab {
    /// An empty table.
    pub fn new() -> Vocab {
        Vocab::default()
    }

    /// The info a worker found for `form`, once one has met it
    /// ([`Vocab::intern`]).
    fn found(&self, form: &str) -> Option<FormInfo> {
        let inner = self.inner.lock().expect("vocab lock not poisoned");
        let &id = inner.form_ids.get(form)?;
        inner.infos[id as usize]
    }

    /// Interns `form` and its stem, if any, and keeps the info they make
    /// with `class` and `flags` for the other workers ([`Vocab::found`]).
    fn intern(
        &self,
        form: &str,
        stem: Option<&str>,
        class: Class,
        flags: u8,
    ) -> FormInfo {
        let mut inner = self.inner.lock().expect("vocab lock not poisoned");
        let form_id = inner.intern_form(form);
        let stem_id = stem.map_or(u32::MAX, |s| inner.intern_stem(s));
        let info = FormInfo {
            form: form_id,
            stem: stem_id,
            class,
            flags,
        };
        inner.infos[form_id as usize] = Some(info);
        info
    }

    /// The run id of `stem`, interned if new.
    pub fn stem_id(&self, stem: &str) -> u32 {
        let mut inner = self.inner.lock().expect("vocab lock not poisoned");
        inner.intern_stem(stem)
    }

    /// The id of `form`, interned if new.
    pub fn form_id(&self, form: &str) -> u32 {
        let mut inner = self.inner.lock().expect("vocab lock not poisoned");
        inner.intern_form(form)
    }

    /// A table that starts with `stems` and `forms`, each numbered by
    /// its place in its list (the vocabulary of an earlier run, so that
    /// articles counted then keep their ids); `None` when a list holds
    /// an entry twice. An entry of theirs that the run never asks for
    /// nor [`freeze_keeping`](Vocab::freeze_keeping) keeps is left out
    /// when the table is frozen: the frozen table is the one the run
    /// would have built alone.
    pub fn seeded<'s>(
        stems: impl IntoIterator<Item = &'s str>,
        forms: impl IntoIterator<Item = &'s str>,
    ) -> Option<Vocab> {
        let mut inner = VocabInner::default();
        // Each entry hashed once: no lookup before its insertion, and
        // the tables sized for the lists up front.
        let stems = stems.into_iter();
        inner.stems.reserve(stems.size_hint().0);
        inner.stem_ids.reserve(stems.size_hint().0);
        for (i, stem) in stems.enumerate() {
            let id = u32::try_from(i).expect("under 4G stems");
            inner
                .stem_ids
                .insert(stem.into(), id)
                .is_none()
                .then_some(())?;
            inner.stems.push(stem.into());
        }
        let forms = forms.into_iter();
        inner.forms.reserve(forms.size_hint().0);
        inner.form_ids.reserve(forms.size_hint().0);
        for (i, form) in forms.enumerate() {
            let id = u32::try_from(i).expect("under 4G forms");
            inner
                .form_ids
                .insert(form.into(), id)
                .is_none()
                .then_some(())?;
            inner.forms.push(form.into());
        }
        inner.stems_met = vec![false; inner.stems.len()];
        inner.forms_met = vec![false; inner.forms.len()];
        inner.infos = vec![None; inner.forms.len()];
        Some(Vocab {
            inner: Mutex::new(inner),
        })
    }

    /// Renumbers the stems in sorted order and returns the frozen tables.
    pub fn freeze(self) -> FrozenVocab {
        self.freeze_keeping(|_| false, |_| false)
    }

    /// [`Vocab::freeze`], leaving out the seeded stems and forms that the
    /// run never asked for and that `stem_kept` and `form_kept` (given a
    /// seeded id) do not keep; the forms kept are renumbered in order
    /// ([`FrozenVocab::form_id`]).
    pub fn freeze_keeping(
        self,
        stem_kept: impl Fn(u32) -> bool,
        form_kept: impl Fn(u32) -> bool,
    ) -> FrozenVocab {
        let inner = self.inner.into_inner().expect("vocab lock not poisoned");
        let kept = |met: &[bool], keep: &dyn Fn(u32) -> bool, id: u32| {
            met.get(id as usize).is_none_or(|&m| m || keep(id))
        };
        let mut order: Vec<u32> = (0..inner.stems.len() as u32)
            .filter(|&s| kept(&inner.stems_met, &stem_kept, s))
            .collect();
        order.sort_unstable_by(|&a, &b| {
            inner.stems[a as usize].cmp(&inner.stems[b as usize])
        });
        let mut remap = vec![u32::MAX; inner.stems.len()];
        for (rank, &old) in order.iter().enumerate() {
            remap[old as usize] = rank as u32;
        }
        let stems = order
            .iter()
            .map(|&old| inner.stems[old as usize].clone())
            .collect();
        let mut form_remap = Vec::new();
        let forms = if inner.forms_met.is_empty() {
            inner.forms
        } else {
            form_remap = vec![u32::MAX; inner.forms.len()];
            let mut forms = Vec::with_capacity(inner.forms.len());
            for (id, form) in inner.forms.into_iter().enumerate() {
                if kept(&inner.forms_met, &form_kept, id as u32) {
                    form_remap[id] = forms.len() as u32;
                    forms.push(form);
                }
            }
            if forms.len() == form_remap.len() {
                // Every form kept: each keeps its id.
                form_remap.clear();
            }
            forms
        };
        FrozenVocab {
            forms,
            stems,
            remap,
            form_remap,
        }
    }
}

/// The vocabulary once every article has been read: stems in sorted
/// order, and the map from the ids handed out during the run.
#[derive(Debug, Default)]
pub struct FrozenVocab {
    forms: Vec<Box<str>>,
    stems: Vec<Box<str>>,
    remap: Vec<u32>,
    /// Run form id → form id, when forms were left out (else empty).
    form_remap: Vec<u32>,
}

impl FrozenVocab {
    /// The stable id of a stem id handed out during the run.
    pub fn stable(&self, run_id: u32) -> u32 {
        self.remap[run_id as usize]
    }

    /// Number of stem ids handed out during the run.
    pub fn run_stem_count(&self) -> usize {
        self.remap.len()
    }

    /// The id of a form id handed out during the run.
    pub fn form_id(&self, run_id: u32) -> u32 {
        self.form_remap
            .get(run_id as usize)
            .map_or(run_id, |&id| id)
    }

    /// Whether the first `stems` stem ids and `forms` form ids handed out
    /// (a [`Vocab::seeded`] table's) are their own stable ids: articles
    /// numbered by that table need no renumbering.
    pub fn keeps_first(&self, stems: usize, forms: usize) -> bool {
        self.remap.len() >= stems
            && self.remap[..stems]
                .iter()
                .enumerate()
                .all(|(i, &s)| s == i as u32)
            && self.form_remap.get(..forms).is_none_or(|map| {
                map.iter().enumerate().all(|(i, &f)| f == i as u32)
            })
    }

    /// Whether every form id handed out during the run is its own id
    /// (no form was left out): [`FrozenVocab::form_id`] is the identity.
    pub fn keeps_form_ids(&self) -> bool {
        self.form_remap.is_empty()
    }

    /// The text of a stem, by stable id.
    pub fn stem(&self, stable_id: u32) -> &str {
        &self.stems[stable_id as usize]
    }

    /// The text of a form, by id.
    pub fn form(&self, id: u32) -> &str {
        &self.forms[id as usize]
    }

    /// Number of distinct stems.
    pub fn stem_count(&self) -> usize {
        self.stems.len()
    }

    /// Number of distinct forms.
    pub fn form_count(&self) -> usize {
        self.forms.len()
    }
}

/// One worker's memo of forms it has met: form → ids and class, without
/// locking. Owns the worker's stemmer.
///
/// Two memos: `map` by normalised form, and `raw` by the token's text as
/// written ("Le", "le" and "LE" are three keys with the same info), so
/// that the usual token, seen before, costs one probe of a small table
/// and no normalisation at all ([`FormCache::lookup_token`]).
pub struct FormCache {
    stemmer: Stemmer,
    map: FxHashMap<Box<str>, FormInfo>,
    raw: RawTable,
    /// Raw texts longer than [`RawTable`] keys hold.
    raw_long: FxHashMap<Box<str>, FormInfo>,
    norm: String,
}

impl Default for FormCache {
    fn default() -> FormCache {
        FormCache::new()
    }
}

impl std::fmt::Debug for FormCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FormCache")
            .field("forms", &self.map.len())
            .finish()
    }
}

impl FormCache {
    /// An empty memo with a French stemmer.
    pub fn new() -> FormCache {
        FormCache {
            stemmer: Stemmer::create(Algorithm::French),
            map: FxHashMap::default(),
            raw: RawTable::default(),
            raw_long: FxHashMap::default(),
            norm: String::new(),
        }
    }

    /// The ids and class of a token's text as written (`"L’"`,
    /// `"Économie"`): the same as [`FormCache::lookup`] of its
    /// normalised form, but a token this worker has met before is found
    /// without normalising it.
    #[inline]
    pub fn lookup_token(
        &mut self,
        text: &str,
        stopwords: &Stopwords,
        vocab: &Vocab,
    ) -> FormInfo {
        let bytes = text.as_bytes();
        if bytes.len() <= RawTable::MAX_LEN {
            return self.lookup_short(
                text,
                RawTable::key(bytes),
                stopwords,
                vocab,
            );
        }
        self.lookup_long(text, stopwords, vocab)
    }

    /// [`FormCache::lookup_token`] of `doc[start..end]`, a token of the
    /// document `doc`. Same answer; when 16 bytes of the document can be
    /// read from `start`, the key is one load and a mask, with no branch
    /// on the token's length, and the token is sliced out of `doc` only
    /// if this worker has not met it yet.
    #[inline(always)]
    pub fn lookup_in(
        &mut self,
        doc: &str,
        start: usize,
        end: usize,
        stopwords: &Stopwords,
        vocab: &Vocab,
    ) -> FormInfo {
        match RawTable::key_in(doc, start, end) {
            Some(key) => match self.raw.get(key) {
                Some(info) => info,
                None => {
                    self.insert_short(&doc[start..end], key, stopwords, vocab)
                }
            },
            None => self.lookup_token(&doc[start..end], stopwords, vocab),
        }
    }

    #[inline]
    fn lookup_short(
        &mut self,
        text: &str,
        key: u128,
        stopwords: &Stopwords,
        vocab: &Vocab,
    ) -> FormInfo {
        match self.raw.get(key) {
            Some(info) => info,
            None => self.insert_short(text, key, stopwords, vocab),
        }
    }

    /// The info of a short spelling met for the first time, remembered
    /// under its key.
    #[cold]
    fn insert_short(
        &mut self,
        text: &str,
        key: u128,
        stopwords: &Stopwords,
        vocab: &Vocab,
    ) -> FormInfo {
        let info = self.lookup_spelling(text, stopwords, vocab);
        self.raw.insert(key, info);
        info
    }

    fn lookup_long(
        &mut self,
        text: &str,
        stopwords: &Stopwords,
        vocab: &Vocab,
    ) -> FormInfo {
        if let Some(&info) = self.raw_long.get(text) {
            return info;
        }
        let info = self.lookup_spelling(text, stopwords, vocab);
        self.raw_long.insert(text.into(), info);
        info
    }

    /// The info of a spelling met for the first time: that of its
    /// normalised form, plus the flags that depend on the spelling.
    #[cold]
    fn lookup_spelling(
        &mut self,
        text: &str,
        stopwords: &Stopwords,
        vocab: &Vocab,
    ) -> FormInfo {
        let mut norm = std::mem::take(&mut self.norm);
        normalize_into(text, &mut norm);
        let mut info = self.lookup(&norm, stopwords, vocab);
        self.norm = norm;
        if crate::questions::has_trigger_word(text) {
            info.flags |= flag::TRIGGER;
        }
        if address::may_be_piece(text) {
            info.flags |= flag::ADDRESS;
        }
        info
    }

    /// The ids and class of the normalised form `form`: the first time
    /// this worker sees it, taken from `vocab` if another worker has met
    /// it, else found (the form stemmed) and registered there.
    #[inline]
    pub fn lookup(
        &mut self,
        form: &str,
        stopwords: &Stopwords,
        vocab: &Vocab,
    ) -> FormInfo {
        if let Some(&info) = self.map.get(form) {
            return info;
        }
        self.insert(form, stopwords, vocab)
    }

    #[cold]
    fn insert(
        &mut self,
        form: &str,
        stopwords: &Stopwords,
        vocab: &Vocab,
    ) -> FormInfo {
        // The same info whichever worker finds it: it depends on the
        // form, the run's stopwords and the stemmer only.
        if let Some(info) = vocab.found(form) {
            self.map.insert(form.into(), info);
            return info;
        }
        let class = if CONNECTORS.contains(&form) {
            Class::Connector
        } else if stopwords.contains(form)
            || form.chars().nth(1).is_none()
            || is_code_like(form)
            || is_number_like(form)
            || Stopwords::english().contains(form)
        {
            Class::Stop
        } else {
            Class::Content
        };
        let stem = (class == Class::Content).then(|| self.stemmer.stem(form));
        let mut flags = 0;
        if crate::series::is_sequel_word(form) {
            flags |= flag::SEQUEL;
        }
        if MONTHS.contains(&form) {
            flags |= flag::MONTH;
        }
        let info = vocab.intern(form, stem.as_deref(), class, flags);
        self.map.insert(form.into(), info);
        info
    }

    /// Number of forms this worker has met.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether this worker has met no form yet.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// An open-addressing table from short byte strings (at most
/// [`RawTable::MAX_LEN`] bytes) to [`FormInfo`], for
/// [`FormCache::lookup_token`]. A key is the string itself packed into a
/// `u128` with its length in the top byte, so a probe compares two
/// integers instead of calling `memcmp`, and hashing is one multiply.
#[derive(Default)]
struct RawTable {
    /// Power-of-two many slots (or none); key 0 marks an empty slot (no
    /// key is 0: lengths start at 1).
    slots: Vec<(u128, FormInfo)>,
    len: usize,
}

impl RawTable {
    /// Longest key: the 16th byte holds the length.
    const MAX_LEN: usize = 15;

    /// `bytes` (1 to 15 of them) packed little-endian and zero-padded,
    /// with the length in the top byte. Reads whole words, overlapping
    /// when the length is not a multiple of their size.
    #[inline]
    fn key(bytes: &[u8]) -> u128 {
        let n = bytes.len();
        debug_assert!((1..=Self::MAX_LEN).contains(&n));
        let word8 = |at: usize| {
            u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"))
        };
        let word4 = |at: usize| {
            u64::from(u32::from_le_bytes(
                bytes[at..at + 4].try_into().expect("4 bytes"),
            ))
        };
        let (lo, hi) = if n >= 8 {
            // Bytes 8..n are the top n - 8 bytes of the last word.
            (word8(0), (word8(n - 8) >> ((15 - n) * 8)) >> 8)
        } else if n >= 4 {
            (word4(0) | (word4(n - 4) >> ((8 - n) * 8)) << 32, 0)
        } else {
            let mut lo = 0u64;
            for (i, &b) in bytes.iter().enumerate() {
                lo |= u64::from(b) << (8 * i);
            }
            (lo, 0)
        };
        u128::from(lo) | u128::from(hi) << 64 | (n as u128) << 120
    }

    /// The key of `doc[start..end]` when it is short enough and 16
    /// bytes of `doc` can be read from `start`: one load and a mask
    /// (from a table, rather than a shift of a `u128` by a variable).
    #[inline]
    fn key_in(doc: &str, start: usize, end: usize) -> Option<u128> {
        /// `MASKS[n]` keeps the low `n` bytes.
        const MASKS: [u128; 16] = {
            let mut m = [0u128; 16];
            let mut n = 1;
            while n < 16 {
                m[n] = (1 << (8 * n)) - 1;
                n += 1;
            }
            m
        };
        let n = end - start;
        let w = doc.as_bytes().get(start..start + 16)?;
        if n > Self::MAX_LEN {
            return None;
        }
        let word = u128::from_le_bytes(w.try_into().expect("16 bytes"));
        Some(word & MASKS[n] | (n as u128) << 120)
    }

    #[inline]
    fn slot(key: u128, mask: usize) -> usize {
        // Folded multiply of the two halves (as in foldhash/wyhash).
        let lo = (key as u64) ^ 0x243f_6a88_85a3_08d3;
        let hi = ((key >> 64) as u64) ^ 0x1319_8a2e_0370_7344;
        let m = u128::from(lo) * u128::from(hi);
        ((m as u64) ^ ((m >> 64) as u64)) as usize & mask
    }

    #[inline]
    fn get(&self, key: u128) -> Option<FormInfo> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = Self::slot(key, mask);
        loop {
            let (k, info) = self.slots[i];
            if k == key {
                return Some(info);
            }
            if k == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// Inserts a key that is not in the table.
    fn insert(&mut self, key: u128, info: FormInfo) {
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut i = Self::slot(key, mask);
        while self.slots[i].0 != 0 {
            i = (i + 1) & mask;
        }
        self.slots[i] = (key, info);
        self.len += 1;
    }

    #[cold]
    fn grow(&mut self) {
        let n = (self.slots.len() * 2).max(1024);
        let empty = FormInfo {
            form: 0,
            stem: 0,
            class: Class::Stop,
            flags: 0,
        };
        let old = std::mem::replace(&mut self.slots, vec![(0, empty); n]);
        self.len = 0;
        for (k, info) in old {
            if k != 0 {
                self.insert(k, info);
            }
        }
    }
}

/// Hashes, keys and addresses are no words: a long form that mixes
/// letters with several digits (`1111111111111111111114olvt2`,
/// `1d3wbrjkg7rdez8`), or any form over 40 characters. `mp3`, `h264`,
/// `covid19` stay words.
fn is_code_like(form: &str) -> bool {
    let len = form.chars().count();
    let digits = form.bytes().filter(u8::is_ascii_digit).count();
    len > 40 || (len > 10 && digits >= 3)
}

/// Numbers the tokenizer reads as words: ordinals in digits (`1er`,
/// `2e`, `3ème`, `1re`, `7es`), dimensions (`16x16`, `1920x1080`),
/// times (`21h`, `12h30`) and quantities glued to their unit (`10go`,
/// `5ko`, `60fps`, `24px`, `450mhz`, `300mm`, `10ans`).
/// Numbers are never key terms. `3d`, `4k`, `4g`, `10g`, `mp3`, `h264`
/// stay words.
fn is_number_like(form: &str) -> bool {
    let rest = form.trim_start_matches(|c: char| c.is_ascii_digit());
    if rest.len() == form.len() {
        return false;
    }
    let dimension = rest
        .split('x')
        .skip(1)
        .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    if rest.starts_with('x') && dimension {
        return true;
    }
    // "21h", "12h30": a time.
    if let Some(minutes) = rest.strip_prefix('h')
        && (minutes.is_empty()
            || (minutes.len() == 2
                && minutes.bytes().all(|b| b.is_ascii_digit())))
    {
        return true;
    }
    if UNITS.contains(&rest) {
        return true;
    }
    let suffix = rest.strip_suffix('s').unwrap_or(rest);
    matches!(
        suffix,
        "e" | "er"
            | "re"
            | "ère"
            | "ème"
            | "eme"
            | "è"
            | "ieme"
            | "ième"
            | "nd"
            | "nde"
    )
}

/// Units written glued to a number ("10go", "60fps"): sizes, rates,
/// lengths, masses, durations. Not "k", "g", "d" ("4k", "4g", "3d" name
/// things).
const UNITS: [&str; 27] = [
    "min", "mn", "ms", "ko", "mo", "go", "to", "kb", "mb", "gb", "tb", "kbps",
    "mbps", "hz", "khz", "mhz", "ghz", "fps", "px", "pt", "mm", "cm", "km",
    "kg", "ans", "an", "mois",
];

/// The Snowball French stem of a normalised form. For one-off uses; the
/// pipeline goes through [`FormCache`].
pub fn stem(form: &str) -> String {
    Stemmer::create(Algorithm::French).stem(form).into_owned()
}

#[cfg(test)]
mod tests;
