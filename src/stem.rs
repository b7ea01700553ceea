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
//!   first time a worker meets a form it stems it and asks the `Vocab`.
//!
//! Ids depend on which thread saw a form first, so they are not stable
//! from run to run; [`Vocab::freeze`] renumbers stems in sorted order,
//! which is what every output and every ordering uses. That is how the
//! output stays byte-identical whatever `--jobs` is.

use std::sync::Mutex;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;

use crate::normalize::Stopwords;

/// How a form takes part in terms and phrases.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// A content word: counted as a term, can start and end a phrase.
    Content,
    /// A stopword that may sit inside a key phrase: `de du des d' à en la
    /// le les l'` ("communauté de pratique").
    Connector,
    /// Any other stopword, or a one-letter word: breaks phrases.
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
}

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
}

impl VocabInner {
    fn intern_form(&mut self, form: &str) -> u32 {
        if let Some(&id) = self.form_ids.get(form) {
            return id;
        }
        let id = u32::try_from(self.forms.len()).expect("under 4G forms");
        self.forms.push(form.into());
        self.form_ids.insert(form.into(), id);
        id
    }

    fn intern_stem(&mut self, stem: &str) -> u32 {
        if let Some(&id) = self.stem_ids.get(stem) {
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

    fn intern(&self, form: &str, stem: Option<&str>) -> (u32, u32) {
        let mut inner = self.inner.lock().expect("vocab lock not poisoned");
        let form_id = inner.intern_form(form);
        let stem_id = stem.map_or(u32::MAX, |s| inner.intern_stem(s));
        (form_id, stem_id)
    }

    /// Renumbers the stems in sorted order and returns the frozen tables.
    pub fn freeze(self) -> FrozenVocab {
        let inner = self.inner.into_inner().expect("vocab lock not poisoned");
        let mut order: Vec<u32> = (0..inner.stems.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| {
            inner.stems[a as usize].cmp(&inner.stems[b as usize])
        });
        let mut remap = vec![0u32; order.len()];
        for (rank, &old) in order.iter().enumerate() {
            remap[old as usize] = rank as u32;
        }
        let stems = order
            .iter()
            .map(|&old| inner.stems[old as usize].clone())
            .collect();
        FrozenVocab {
            forms: inner.forms,
            stems,
            remap,
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
}

impl FrozenVocab {
    /// The stable id of a stem id handed out during the run.
    pub fn stable(&self, run_id: u32) -> u32 {
        self.remap[run_id as usize]
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
}

/// One worker's memo of forms it has met: form → ids and class, without
/// locking. Owns the worker's stemmer.
pub struct FormCache {
    stemmer: Stemmer,
    map: FxHashMap<Box<str>, FormInfo>,
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
        }
    }

    /// The ids and class of the normalised form `form`, stemming it and
    /// registering it in `vocab` the first time this worker sees it.
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
        let class = if CONNECTORS.contains(&form) {
            Class::Connector
        } else if stopwords.contains(form)
            || form.chars().nth(1).is_none()
            || is_code_like(form)
        {
            Class::Stop
        } else {
            Class::Content
        };
        let stem = (class == Class::Content).then(|| self.stemmer.stem(form));
        let (form_id, stem_id) = vocab.intern(form, stem.as_deref());
        let mut flags = 0;
        if crate::series::is_sequel_word(form) {
            flags |= flag::SEQUEL;
        }
        let info = FormInfo {
            form: form_id,
            stem: stem_id,
            class,
            flags,
        };
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

/// Hashes, keys and addresses are no words: a long form that mixes
/// letters with several digits (`1111111111111111111114olvt2`,
/// `1d3wbrjkg7rdez8`), or any form over 40 characters. `mp3`, `h264`,
/// `covid19` stay words.
fn is_code_like(form: &str) -> bool {
    let len = form.chars().count();
    let digits = form.bytes().filter(u8::is_ascii_digit).count();
    len > 40 || (len > 10 && digits >= 3)
}

/// The Snowball French stem of a normalised form. For one-off uses; the
/// pipeline goes through [`FormCache`].
pub fn stem(form: &str) -> String {
    Stemmer::create(Algorithm::French).stem(form).into_owned()
}

#[cfg(test)]
mod tests {
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

    #[test]
    fn code_like_forms_are_not_terms() {
        let vocab = Vocab::new();
        let stop = Stopwords::default();
        let mut cache = FormCache::new();
        for junk in ["1111111111111111111114olvt2", "1d3wbrjkg7rdez8"] {
            assert_eq!(cache.lookup(junk, &stop, &vocab).class, Class::Stop);
        }
        for word in ["mp3", "h264", "covid19", "anticonstitutionnellement"] {
            assert_eq!(
                cache.lookup(word, &stop, &vocab).class,
                Class::Content
            );
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

    /// Golden pairs from tests/data/stem_fr.tsv.
    #[test]
    fn golden_pairs() {
        let data = include_str!("../tests/data/stem_fr.tsv");
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
}
