//! The lexicon: every word form of the indexed text, folded → the forms
//! as written and the number of articles holding each. Written beside
//! the index (`<OUT>/index/lexicon.fst`) by `billet index`, read by
//! queries for three things the index's terms cannot give:
//!
//! - **accents**: `securite` → `sécurité`, whose term (`secur`, the
//!   Snowball stem taken with its accents) is not the term of the form
//!   typed (`securit`); see [`Lexicon::forms`];
//! - **typos**: the forms within a Damerau–Levenshtein distance of what
//!   was typed, found by walking the lexicon with a Levenshtein
//!   automaton ([`Lexicon::near`]);
//! - **did-you-mean**: the nearest forms of a word that matched nothing.
//!
//! It is a finite-state transducer (the `fst` format tantivy's own term
//! dictionary uses) whose keys are `folded \0 form` and whose values are
//! document frequencies: one walk finds every form of a folded word, and
//! distances are measured on folded forms, so an accent never counts as
//! a typo. Only forms that have a term are kept (no stopwords, elisions,
//! numbers or one-letter words).

use std::fs;
use std::io::{self, BufWriter};
use std::path::Path;
use std::sync::OnceLock;

use levenshtein_automata::{DFA, Distance, LevenshteinAutomatonBuilder};
use rustc_hash::FxHashMap;
use tantivy_fst::{Automaton, IntoStreamer, Map, MapBuilder, Streamer};

use super::analyzer::folded;

/// The lexicon's file name inside the index folder.
pub const FILE: &str = "lexicon.fst";

/// Separates the folded form from the form in a key.
const SEP: u8 = 0;

/// A form of the lexicon, as a query finds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// The form as the text holds it (normalised: lower case, accents).
    pub form: String,
    /// Articles holding it.
    pub df: u64,
    /// Damerau–Levenshtein distance of its folded form to the folded
    /// word looked up.
    pub distance: u8,
}

/// Form → number of articles holding it, gathered while indexing.
#[derive(Clone, Debug, Default)]
pub struct LexiconBuilder {
    forms: FxHashMap<Box<str>, u64>,
}

impl LexiconBuilder {
    /// Adds `articles` articles holding `form`.
    pub fn add(&mut self, form: &str, articles: u64) {
        match self.forms.get_mut(form) {
            Some(n) => *n += articles,
            None => {
                self.forms.insert(form.into(), articles);
            }
        }
    }

    /// Adds the counts of `other` (whose articles are other articles).
    pub fn merge(&mut self, other: LexiconBuilder) {
        if self.forms.is_empty() {
            *self = other;
            return;
        }
        for (form, n) in other.forms {
            *self.forms.entry(form).or_default() += n;
        }
    }

    /// Forms counted so far.
    pub fn len(&self) -> usize {
        self.forms.len()
    }

    /// Whether no form was counted.
    pub fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }

    /// Writes the lexicon to `dir/lexicon.fst`.
    pub fn write(self, dir: &Path) -> io::Result<()> {
        let mut keys: Vec<(Vec<u8>, u64)> = self
            .forms
            .into_iter()
            .filter(|(form, _)| !form.as_bytes().contains(&SEP))
            .map(|(form, n)| {
                let mut key = folded(&form).into_bytes();
                key.push(SEP);
                key.extend_from_slice(form.as_bytes());
                (key, n)
            })
            .collect();
        keys.sort_unstable();
        keys.dedup_by(|a, b| a.0 == b.0);
        let file = BufWriter::new(fs::File::create(dir.join(FILE))?);
        let mut map = MapBuilder::new(file).map_err(io::Error::other)?;
        for (key, n) in keys {
            map.insert(key, n).map_err(io::Error::other)?;
        }
        let file = map.into_inner().map_err(io::Error::other)?;
        file.into_inner().map_err(|e| e.into_error())?.sync_all()
    }
}

/// A lexicon read from an index folder.
pub struct Lexicon {
    map: Map<Vec<u8>>,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("forms", &self.map.len())
            .finish()
    }
}

/// The Levenshtein automaton builders (Damerau: a transposition costs 1)
/// for distances 1 and 2, built once: building one takes milliseconds,
/// the automaton of a word from it microseconds.
fn automaton_builder(distance: u8) -> &'static LevenshteinAutomatonBuilder {
    static BUILDERS: [OnceLock<LevenshteinAutomatonBuilder>; 2] =
        [OnceLock::new(), OnceLock::new()];
    let at = usize::from(distance.clamp(1, 2)) - 1;
    BUILDERS[at].get_or_init(|| {
        LevenshteinAutomatonBuilder::new(distance.clamp(1, 2), true)
    })
}

/// Matches keys `folded \0 form` whose folded part is within the DFA's
/// distance of the word; the state after the separator remembers the
/// distance.
struct Near<'d> {
    dfa: &'d DFA,
}

/// In the folded part: the DFA's state; past the separator: the distance.
#[derive(Clone, Copy, Debug)]
enum NearState {
    Word(u32),
    Form(u8),
    Dead,
}

impl Automaton for Near<'_> {
    type State = NearState;

    fn start(&self) -> NearState {
        NearState::Word(self.dfa.initial_state())
    }

    fn is_match(&self, state: &NearState) -> bool {
        matches!(state, NearState::Form(_))
    }

    fn can_match(&self, state: &NearState) -> bool {
        match state {
            NearState::Word(s) => *s != levenshtein_automata::SINK_STATE,
            NearState::Form(_) => true,
            NearState::Dead => false,
        }
    }

    fn accept(&self, state: &NearState, byte: u8) -> NearState {
        match *state {
            NearState::Word(s) if byte == SEP => match self.dfa.distance(s) {
                Distance::Exact(d) => NearState::Form(d),
                Distance::AtLeast(_) => NearState::Dead,
            },
            NearState::Word(s) => {
                NearState::Word(self.dfa.transition(s, byte))
            }
            other => other,
        }
    }
}

impl Lexicon {
    /// Reads `dir/lexicon.fst`.
    pub fn open(dir: &Path) -> io::Result<Lexicon> {
        let bytes = fs::read(dir.join(FILE))?;
        let map = Map::from_bytes(bytes).map_err(io::Error::other)?;
        Ok(Lexicon { map })
    }

    /// Number of forms.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether the lexicon holds no form.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The forms whose folded form is `folded` (`securite` →
    /// `sécurité`; `pecher` → `pécher`, `pêcher`).
    pub fn forms(&self, folded: &str) -> Vec<Word> {
        let mut from = folded.as_bytes().to_vec();
        from.push(SEP);
        let mut to = folded.as_bytes().to_vec();
        to.push(SEP + 1);
        let mut stream = self.map.range().ge(&from).lt(&to).into_stream();
        let mut out = Vec::new();
        while let Some((key, df)) = stream.next() {
            out.push(Word {
                form: String::from_utf8_lossy(&key[from.len()..]).into_owned(),
                df,
                distance: 0,
            });
        }
        out
    }

    /// The forms whose folded form is within `max` (1 or 2) edits of
    /// `folded` (an edit: a letter inserted, deleted, replaced, or two
    /// neighbours swapped), distance 0 included; with `same_first`, only
    /// those starting with the same letter. Nearest first, then the most
    /// frequent.
    pub fn near(&self, folded: &str, max: u8, same_first: bool) -> Vec<Word> {
        let dfa = automaton_builder(max).build_dfa(folded);
        let near = Near { dfa: &dfa };
        let builder = self.map.search(near);
        let builder = match folded.chars().next() {
            Some(first) if same_first => {
                let mut from = [0u8; 4];
                let from = first.encode_utf8(&mut from).as_bytes().to_vec();
                let mut to = from.clone();
                // The last byte of a UTF-8 character is never 0xFF.
                *to.last_mut().expect("a character has bytes") += 1;
                builder.ge(from).lt(to)
            }
            _ => builder,
        };
        let mut stream = builder.with_state().into_stream();
        let mut out = Vec::new();
        while let Some((key, df, state)) = stream.next() {
            let NearState::Form(distance) = state else {
                continue;
            };
            let Some(sep) = key.iter().position(|&b| b == SEP) else {
                continue;
            };
            out.push(Word {
                form: String::from_utf8_lossy(&key[sep + 1..]).into_owned(),
                df,
                distance,
            });
        }
        out.sort_by(|a, b| {
            (a.distance, std::cmp::Reverse(a.df), &a.form).cmp(&(
                b.distance,
                std::cmp::Reverse(b.df),
                &b.form,
            ))
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon(forms: &[(&str, u64)]) -> (tempfile::TempDir, Lexicon) {
        let dir = tempfile::tempdir().unwrap();
        let mut b = LexiconBuilder::default();
        for (form, n) in forms {
            b.add(form, *n);
        }
        b.write(dir.path()).unwrap();
        let lexicon = Lexicon::open(dir.path()).unwrap();
        (dir, lexicon)
    }

    fn forms(words: Vec<Word>) -> Vec<(String, u8)> {
        words.into_iter().map(|w| (w.form, w.distance)).collect()
    }

    #[test]
    fn folded_forms_find_the_accented_ones() {
        let (_dir, lex) = lexicon(&[
            ("sécurité", 3),
            ("pêcher", 2),
            ("pécher", 1),
            ("pecheur", 1),
        ]);
        assert_eq!(lex.len(), 4);
        assert_eq!(forms(lex.forms("securite")), [("sécurité".into(), 0)]);
        let pecher = lex.forms("pecher");
        assert_eq!(forms(pecher.clone()).len(), 2);
        assert!(pecher.iter().any(|w| w.form == "pêcher" && w.df == 2));
        assert!(lex.forms("pech").is_empty());
    }

    #[test]
    fn near_forms_keep_the_first_letter() {
        let (_dir, lex) = lexicon(&[
            ("sécurité", 3),
            ("sécurités", 1),
            ("obscurité", 1),
            ("écurie", 1),
        ]);
        // A transposition is one edit.
        assert_eq!(
            forms(lex.near("securtie", 1, true)),
            [("sécurité".into(), 1)]
        );
        assert_eq!(
            forms(lex.near("securtie", 2, true)),
            [("sécurité".into(), 1), ("sécurités".into(), 2)]
        );
        // `ecurite` is one edit from `écurie` and from `sécurité`, but
        // only the first keeps its first letter.
        assert_eq!(
            forms(lex.near("ecurite", 1, true)),
            [("écurie".into(), 1)]
        );
        assert_eq!(
            forms(lex.near("ecurite", 1, false)),
            [("sécurité".into(), 1), ("écurie".into(), 1)]
        );
        assert_eq!(
            forms(lex.near("securite", 1, true))[0],
            ("sécurité".into(), 0)
        );
    }
}
