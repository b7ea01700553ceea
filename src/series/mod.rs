//! Series: what a title says about the series an article belongs to, and
//! whether an article promises a sequel.
//!
//! Takes a title ([`parse_title`]) or a body text ([`announces_next`]).
//! Produces a [`TitleMarker`] (series key, name, part number) or a yes/no.
//! Guarantees: every marker has `part >= 1`, a non-empty `key`, and
//! `key == series_key(&name)`; `announces_next` reads the text once, token
//! by token, and never lower-cases or copies it.
//!
//! Markers are found anywhere in a title, case- and accent-insensitively:
//!
//! - `Partie 2`, `partie II`, `Part 2`, `(part 2)`, `Épisode 2`, `ép. 2`,
//!   `Tome II`, `Chapitre 3`, `Volet 2`, `Volume 2`, `Part Two`,
//!   `épisode n°7`, with an optional total: `partie 2/3`, `partie 2 sur 3`;
//! - `2e partie`, `2ème partie`, `2nde partie`, `1re partie`, `IIe partie`,
//!   `deuxième partie`, `seconde partie`, … `dixième partie` (also before
//!   `volet`, `épisode`, `chapitre`, `tome`);
//! - `(2/3)`, `[2/3]`, and a standalone `2/3`;
//! - `(suite)`, `(suite et fin)`, `…, la suite`, `… : suite` (part 2: "la
//!   suite" is the second part when no number is given);
//! - `S01E02` (podcast style: the part is the episode; the season goes into
//!   the name, `"Le podcast S01"`, so that each season is its own series).
//!
//! When a title holds several markers, the last one wins and the earlier
//! ones stay in the name: `"Le Seigneur des anneaux, tome 2, chapitre 3"` is
//! chapter 3 of the series `le-seigneur-des-anneaux-tome-2`. Parts count
//! from 1: `Épisode 0` and `S01E00` are no markers.
//!
//! Traps that give no marker (each is a row of the `CASES` table):
//!
//! - quantities: "Les 3 parties du corps", "Chapitres 2 et 3", "Elle est
//!   partie 2 semaines", "Baisser le volume 2 fois" (an article,
//!   preposition or auxiliary before the keyword, or a quantity word or
//!   number after the number);
//! - other meanings: "Part de marché", "Tome de Savoie", "Réparer un volet
//!   roulant" (no number), "La suite Office", "La suite de Fibonacci",
//!   "Réserver une suite" ("suite" counts only in brackets or closing the
//!   title after punctuation), "Dans la seconde partie du match", "Une vie
//!   partie trop tôt" (an ordinal needs to stand alone; a Roman ordinal is
//!   in capitals), "Épisode un peu spécial" (a spelled number must end the
//!   marker), "L’épisode 2 est sorti" (elided article);
//! - dates and ratios: "24/7" (part over total), "12/2013" (total over
//!   50), "05/06" (leading zero), "12/05/2013" (three numbers), "Les 3/4
//!   des Français" (not standalone), "(1/1)", "Partie 2.5" (a decimal);
//! - a title that is only a marker, "Partie 2": no name, no key.
//!
//! A marker that opens the title takes its name from what follows:
//! "Chapitre 1 : Premiers pas" is part 1 of `premiers-pas`. That is often
//! the part's own title, so such a series needs a second article
//! ([`group`]).

mod group;
mod promises;
#[cfg(test)]
mod tests;
mod title;
mod words;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

pub use self::group::{Member, SeriesPlace, group, series_ref};
pub use self::promises::{announces_next, is_sequel_word};
pub use self::title::parse_title;
use crate::chars::{Quick, is_alnum, push_folded, quick_fold};

/// What a title says about the series it belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TitleMarker {
    /// The series key, always `series_key(&name)`:
    /// `"versionner-avec-git"`.
    pub key: String,
    /// The series name: the title without the marker and the punctuation
    /// that joins it, trimmed. When a subtitle follows the marker, the part
    /// before the marker: `"Versionner avec Git, partie 2 : les branches"`
    /// → `"Versionner avec Git"`.
    pub name: String,
    /// The part number, from 1.
    pub part: u32,
    /// Whether the marker opens the title, so that the name is what
    /// follows it: `"Chapitre 5 : Gestion des paquets"`. That text may
    /// name the part rather than a series, so it makes a series only
    /// with another article ([`group`]).
    pub leading: bool,
}

/// The normalised series key of a name: lower case, accents folded
/// (é→e, œ→oe, ç→c), punctuation removed, whitespace runs → one '-'.
///
/// `"Composter en appartement :"` → `"composter-en-appartement"`;
/// `"175 000 $ d’économie"` → `"175-000-deconomie"` (the apostrophe is
/// removed, not a separator). Letters outside Latin keep their lower case.
pub fn series_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    let mut gap = false;
    // The characters French titles are made of fold without NFKD
    // ([`quick_fold`]); any other sends the whole name through it.
    for c in name.chars() {
        let (one, letters) = match quick_fold(c) {
            Some(Quick::Ascii(b)) if char::from(b).is_whitespace() => {
                gap = true;
                continue;
            }
            Some(Quick::Ascii(b)) if b.is_ascii_alphanumeric() => (b, ""),
            Some(Quick::Ascii(_) | Quick::Drop) => continue,
            Some(Quick::Space) => {
                gap = true;
                continue;
            }
            Some(Quick::Letters(s)) => (0, s),
            None => return series_key_nfkd(name),
        };
        if gap && !key.is_empty() {
            key.push('-');
        }
        gap = false;
        if letters.is_empty() {
            key.push(char::from(one.to_ascii_lowercase()));
        } else {
            key.push_str(letters);
        }
    }
    key
}

/// [`series_key`] through NFKD, for any name.
fn series_key_nfkd(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    let mut gap = false;
    for c in name.nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        if c.is_whitespace() {
            gap = true;
        } else if is_alnum(c) {
            if gap && !key.is_empty() {
                key.push('-');
            }
            gap = false;
            push_folded(&mut key, c);
        }
    }
    key
}
