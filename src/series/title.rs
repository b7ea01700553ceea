//! Part markers in titles: `Partie 2`, `2e partie`, `(2/3)`, `Tome II`,
//! `… (suite)`, `S01E02` (the module docs of [`super`] list them with
//! their traps).

use super::words::{Kind, Tok, Toks, is_apostrophe};
use super::{TitleMarker, series_key};
use crate::chars::fold_word;

/// Finds a part marker anywhere in a title. None when the title has none.
///
/// `"Composter en appartement (2/3)"` → key `"composter-en-appartement"`,
/// part 2; `"Les 3 parties du corps"` → `None`. A marker that leaves no
/// name (`"Partie 2"` alone) gives `None` too: an empty key would join
/// unrelated articles into one series.
pub fn parse_title(title: &str) -> Option<TitleMarker> {
    let toks: Vec<Tok<'_>> = Toks::new(title).collect();
    let folded = toks
        .iter()
        .map(|t| match t.kind {
            Kind::Word => fold_word(t.text),
            Kind::Punct(_) => String::new(),
        })
        .collect();
    let title = Title {
        text: title,
        toks,
        folded,
    };
    if !title.may_mark() {
        debug_assert!(
            (0..title.toks.len()).all(|i| title.marker_at(i).is_none()),
            "a marker in {:?} that may_mark misses",
            title.text
        );
        return None;
    }
    let mut found = None;
    let mut i = 0;
    while i < title.toks.len() {
        match title.marker_at(i) {
            Some(m) => {
                i = m.end;
                found = Some(m);
            }
            None => i += 1,
        }
    }
    title.build(found?)
}

/// Words after which a marker keyword is not a marker: articles and
/// possessives ("la partie 2 de Catan" is a game, "le volume 2 fois"),
/// prepositions, and the auxiliaries of "elle est partie 2 semaines".
const FUNCTION_WORDS: &[&str] = &[
    "le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "ce", "cet",
    "cette", "ces", "mon", "ma", "mes", "ton", "ta", "tes", "son", "sa",
    "ses", "notre", "nos", "votre", "vos", "leur", "leurs", "en", "dans",
    "par", "pour", "sur", "sous", "avec", "sans", "a", "au", "aux", "et",
    "ou", "chaque", "quel", "quelle", "toute", "tout", "est", "es", "suis",
    "sont", "etait", "etre", "ete", "faire", "fait", "font", "the", "my",
    "this", "of",
];

/// Marker words before a part number.
const KEYWORDS: &[&str] = &[
    "partie", "part", "episode", "ep", "tome", "chapitre", "chap", "chapter",
    "volet", "volume", "vol",
];

/// Marker words after an ordinal: "deuxième partie", "second volet".
const ORDINAL_KEYWORDS: &[&str] =
    &["partie", "volet", "episode", "chapitre", "tome"];

/// Words that may follow a marker and lead to the series name:
/// "Deuxième partie du guide du compost".
const CONNECTORS: &[&str] = &["de", "du", "des", "d"];

/// Words after "partie 2" that show a quantity, not a part: "partie 2
/// semaines", "chapitres 2 et 3", "volume 2 fois".
const QUANTITY_WORDS: &[&str] = &[
    "et",
    "a",
    "ou",
    "and",
    "fois",
    "jour",
    "jours",
    "semaine",
    "semaines",
    "mois",
    "an",
    "ans",
    "annee",
    "annees",
    "heure",
    "heures",
    "h",
    "minutes",
    "min",
    "km",
    "kg",
    "euros",
    "pages",
    "personnes",
];

const SPELLED_ORDINALS: &[(&str, u32)] = &[
    ("premier", 1),
    ("premiere", 1),
    ("second", 2),
    ("seconde", 2),
    ("deuxieme", 2),
    ("troisieme", 3),
    ("quatrieme", 4),
    ("cinquieme", 5),
    ("sixieme", 6),
    ("septieme", 7),
    ("huitieme", 8),
    ("neuvieme", 9),
    ("dixieme", 10),
];

const SPELLED_NUMBERS: &[(&str, u32)] = &[
    ("un", 1),
    ("une", 1),
    ("one", 1),
    ("deux", 2),
    ("two", 2),
    ("trois", 3),
    ("three", 3),
    ("quatre", 4),
    ("four", 4),
    ("cinq", 5),
    ("five", 5),
    ("six", 6),
    ("sept", 7),
    ("seven", 7),
    ("huit", 8),
    ("eight", 8),
    ("neuf", 9),
    ("nine", 9),
    ("dix", 10),
    ("ten", 10),
];

const ROMAN: &[&str] = &[
    "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii",
    "xiii", "xiv", "xv", "xvi", "xvii", "xviii", "xix", "xx",
];

/// Punctuation trimmed between a name and its marker, besides brackets:
/// an opening one is trimmed before a marker, a closing one after it, so
/// that "Compost (bio), partie 2" keeps its ")".
const JOINERS: &[char] = &[
    ',', ':', ';', '-', '–', '—', '‒', '―', '|', '/', '·', '•', '.', '…', '~',
    '*', '_',
];

/// Punctuation that may precede a trailing "la suite".
const SUITE_SEPARATORS: &[char] =
    &[',', ':', ';', '-', '–', '—', '|', '.', '…'];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Number {
    Digits,
    Roman,
    Spelled,
}

/// A marker found in a title: tokens `start..end`.
struct Marker {
    start: usize,
    end: usize,
    part: u32,
    season: Option<u32>,
}

pub(super) struct Title<'a> {
    text: &'a str,
    toks: Vec<Tok<'a>>,
    /// The folded text of each word token; empty for punctuation.
    folded: Vec<String>,
}

impl Title<'_> {
    /// Whether some marker could be found: each needs a word with a
    /// digit (a number, a fraction, `S01E02`), a [`KEYWORDS`] word (those
    /// of [`ORDINAL_KEYWORDS`] among them) or "suite". Most titles have
    /// none, and are not tried at every token.
    fn may_mark(&self) -> bool {
        self.folded.iter().any(|w| {
            w.bytes().any(|b| b.is_ascii_digit())
                || w == "suite"
                || KEYWORDS.contains(&w.as_str())
        })
    }

    fn word(&self, i: usize) -> Option<&str> {
        self.toks.get(i)?.word()?;
        Some(&self.folded[i])
    }

    fn punct(&self, i: usize) -> Option<char> {
        self.toks.get(i)?.punct()
    }

    fn word_in(&self, i: usize, set: &[&str]) -> bool {
        self.word(i).is_some_and(|w| set.contains(&w))
    }

    /// Whether tokens `i` and `i + 1` touch (no space between).
    fn touching(&self, i: usize) -> bool {
        match (self.toks.get(i), self.toks.get(i + 1)) {
            (Some(a), Some(b)) => a.end() == b.start,
            _ => false,
        }
    }

    /// A plain decimal number, as a part or a total: 1 to 9999.
    fn digits(&self, i: usize) -> Option<u32> {
        let w = self.word(i)?;
        if w.len() > 4 || !w.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        w.parse().ok().filter(|n| *n >= 1)
    }

    fn only_punct_from(&self, i: usize) -> bool {
        self.toks.get(i..).is_some_and(|rest| {
            rest.iter()
                .all(|t| matches!(t.kind, Kind::Punct(c) if c != '('))
        })
    }

    /// Whether the token before `i` lets a marker start at `i`: none,
    /// punctuation other than an elision ("l’épisode 2" is not a marker),
    /// or a word that is no article, preposition or auxiliary.
    fn left_ok(&self, i: usize) -> bool {
        let Some(prev) = i.checked_sub(1) else {
            return true;
        };
        match self.toks[prev].kind {
            Kind::Punct(c) => {
                !(is_apostrophe(c)
                    && self.word(prev.wrapping_sub(1)).is_some())
            }
            Kind::Word => !self.word_in(prev, FUNCTION_WORDS),
        }
    }

    fn marker_at(&self, i: usize) -> Option<Marker> {
        self.season_episode(i)
            .or_else(|| self.bracketed_suite(i))
            .or_else(|| self.keyword_number(i))
            .or_else(|| self.ordinal_keyword(i))
            .or_else(|| self.fraction(i))
            .or_else(|| self.trailing_suite(i))
    }

    /// `S01E02`, `s2e10`: season 0 to 99, episode from 1.
    fn season_episode(&self, i: usize) -> Option<Marker> {
        let w = self.word(i)?.strip_prefix('s')?;
        let (season, episode) = w.split_once('e')?;
        let short = |s: &str, max: usize| {
            !s.is_empty()
                && s.len() <= max
                && s.bytes().all(|b| b.is_ascii_digit())
        };
        if !short(season, 2) || !short(episode, 3) {
            return None;
        }
        let part = episode.parse().ok().filter(|n| *n >= 1)?;
        Some(Marker {
            start: i,
            end: i + 1,
            part,
            season: season.parse().ok(),
        })
    }

    /// `(suite)`, `[la suite]`, `(suite et fin)`: part 2.
    fn bracketed_suite(&self, i: usize) -> Option<Marker> {
        if !matches!(self.punct(i)?, '(' | '[') {
            return None;
        }
        let end = self.suite_words(i + 1)?;
        matches!(self.punct(end)?, ')' | ']').then_some(Marker {
            start: i,
            end: end + 1,
            part: 2,
            season: None,
        })
    }

    /// `…, la suite`, `… : suite et fin` at the very end: part 2. The
    /// separator before it keeps "La suite Office" and "Réserver une
    /// suite" out.
    fn trailing_suite(&self, i: usize) -> Option<Marker> {
        let sep = self.punct(i.checked_sub(1)?)?;
        if !SUITE_SEPARATORS.contains(&sep) {
            return None;
        }
        let end = self.suite_words(i)?;
        self.only_punct_from(end).then_some(Marker {
            start: i,
            end,
            part: 2,
            season: None,
        })
    }

    /// `[la] suite [et fin]` from `i`: the token after it.
    fn suite_words(&self, i: usize) -> Option<usize> {
        let mut j = i;
        if self.word(j) == Some("la") {
            j += 1;
        }
        if self.word(j) != Some("suite") {
            return None;
        }
        j += 1;
        if self.word(j) == Some("et") && self.word(j + 1) == Some("fin") {
            j += 2;
        }
        Some(j)
    }

    /// Skips an "et fin" at `i`: "(3e partie et fin)".
    fn et_fin(&self, i: usize) -> usize {
        if self.word(i) == Some("et") && self.word(i + 1) == Some("fin") {
            i + 2
        } else {
            i
        }
    }

    /// `Partie 2`, `partie II`, `Part Two`, `ép. 2`, `épisode n°7`, `Tome
    /// 3/4`, `partie 2 sur 3`.
    fn keyword_number(&self, i: usize) -> Option<Marker> {
        let kw = self.word(i)?;
        if !KEYWORDS.contains(&kw) || !self.left_ok(i) {
            return None;
        }
        let mut j = i + 1;
        let short = matches!(kw, "ep" | "chap" | "vol" | "part");
        if short && self.punct(j) == Some('.') {
            j += 1;
        }
        // "n°7", "nº 7", "#7".
        if self.word(j) == Some("n") && self.punct(j + 1) == Some('°') {
            j += 2;
        } else if self.word(j) == Some("no") && self.digits(j + 1).is_some()
            || self.punct(j) == Some('#')
        {
            j += 1;
        }
        let (part, number) = self.number(j)?;
        j += 1;
        // A total: "2/3", "2 sur 3", "2 of 3", "2 de 3".
        let slash = self.punct(j) == Some('/')
            && self.touching(j - 1)
            && self.touching(j);
        let of = self.word_in(j, &["sur", "of", "de"]);
        if (slash || of) && self.digits(j + 1).is_some_and(|n| n >= part) {
            j += 2;
        }
        j = self.et_fin(j);
        match self.toks.get(j).map(|t| t.kind) {
            None => {}
            Some(Kind::Punct(c)) => {
                // "Partie 2.5", "Web 2,0": a decimal, not a part.
                let decimal = matches!(c, '.' | ',')
                    && self.touching(j - 1)
                    && self.touching(j)
                    && self.digits(j + 1).is_some();
                if decimal {
                    return None;
                }
            }
            Some(Kind::Word) => {
                // "Part" is also the French for a share, and "un" an
                // article ("Épisode un peu spécial"): only a connector may
                // follow them.
                let strict = kw == "part" || number == Number::Spelled;
                let ok = if strict {
                    self.word_in(j, CONNECTORS)
                } else {
                    self.digits(j).is_none()
                        && !self.word_in(j, QUANTITY_WORDS)
                };
                if !ok {
                    return None;
                }
            }
        }
        Some(Marker {
            start: i,
            end: j,
            part,
            season: None,
        })
    }

    fn number(&self, i: usize) -> Option<(u32, Number)> {
        if let Some(n) = self.digits(i) {
            return Some((n, Number::Digits));
        }
        let w = self.word(i)?;
        if let Some(n) = ROMAN.iter().position(|r| *r == w) {
            return Some((n as u32 + 1, Number::Roman));
        }
        let (_, n) = SPELLED_NUMBERS.iter().find(|(s, _)| *s == w)?;
        Some((*n, Number::Spelled))
    }

    /// `2e partie`, `deuxième partie`, `IIe partie`, `premier volet`.
    fn ordinal_keyword(&self, i: usize) -> Option<Marker> {
        let part = self.ordinal(i)?;
        if !self.word_in(i + 1, ORDINAL_KEYWORDS) {
            return None;
        }
        let end = self.et_fin(i + 2);
        // Alone at the start, after punctuation, or closing the title:
        // "Dans la seconde partie du match" and "La première partie de ma
        // vie" are no markers.
        let left = match i.checked_sub(1).map(|p| self.toks[p].kind) {
            None => true,
            Some(Kind::Punct(_)) => self.left_ok(i),
            Some(Kind::Word) => self.left_ok(i) && self.only_punct_from(end),
        };
        let right = match self.toks.get(end).map(|t| t.kind) {
            None | Some(Kind::Punct(_)) => true,
            Some(Kind::Word) => self.word_in(end, CONNECTORS),
        };
        (left && right).then_some(Marker {
            start: i,
            end,
            part,
            season: None,
        })
    }

    fn ordinal(&self, i: usize) -> Option<u32> {
        let w = self.word(i)?;
        if let Some((_, n)) = SPELLED_ORDINALS.iter().find(|(s, _)| *s == w) {
            return Some(*n);
        }
        let split = w.find(|c: char| !c.is_ascii_digit()).unwrap_or(w.len());
        let (n, suffix) = if split > 0 {
            let (digits, suffix) = w.split_at(split);
            (digits.parse().ok().filter(|n| *n >= 1)?, suffix)
        } else {
            // A Roman ordinal is written in capitals ("IIe", "XIXème"):
            // "vie" in "une vie partie trop tôt" is no 6th.
            let text = self.toks[i].text;
            ROMAN.iter().enumerate().rev().find_map(|(k, r)| {
                let suffix = w.strip_prefix(r)?;
                let upper = text.get(..r.len())?;
                upper
                    .bytes()
                    .all(|b| b.is_ascii_uppercase())
                    .then_some((k as u32 + 1, suffix))
            })?
        };
        let ok = match suffix {
            "e" | "eme" | "ieme" => true,
            "er" | "re" | "ere" => n == 1,
            "nd" | "nde" | "de" => n == 2,
            _ => false,
        };
        ok.then_some(n)
    }

    /// `(2/3)`, `[2/3]`, or a standalone `2/3`: part 2 of 3. Dates and
    /// quantities are no markers: "12/2013" (total over 50), "24/7" (part
    /// over total), "05/06" (leading zero), "12/05/2013" (a third number),
    /// "Les 3/4 des Français" (an article before, words after), "(1/1)".
    fn fraction(&self, i: usize) -> Option<Marker> {
        let open = matches!(self.punct(i), Some('(' | '['));
        let a = if open { i + 1 } else { i };
        let zero = |k: usize| self.word(k).is_some_and(|w| w.starts_with('0'));
        // Brackets allow "(2 / 3)"; a bare fraction is written "2/3".
        let spaced = !self.touching(a) || !self.touching(a + 1);
        if self.punct(a + 1) != Some('/')
            || spaced && !open
            || zero(a)
            || zero(a + 2)
        {
            return None;
        }
        let part = self.digits(a)?;
        let total = self.digits(a + 2)?;
        if part > total || !(2..=50).contains(&total) {
            return None;
        }
        if open {
            return matches!(self.punct(a + 3)?, ')' | ']').then_some(
                Marker {
                    start: i,
                    end: a + 4,
                    part,
                    season: None,
                },
            );
        }
        let glued =
            |c: Option<char>| matches!(c, Some('/' | '.' | ',' | '-' | ':'));
        if a > 0 && self.touching(a - 1) && glued(self.punct(a - 1))
            || self.touching(a + 2) && glued(self.punct(a + 3))
            || !self.left_ok(a)
        {
            return None;
        }
        let right = self.only_punct_from(a + 3)
            || matches!(
                self.punct(a + 3),
                Some(':' | '-' | '–' | '—' | '|' | ',')
            );
        right.then_some(Marker {
            start: i,
            end: a + 3,
            part,
            season: None,
        })
    }

    fn build(&self, m: Marker) -> Option<TitleMarker> {
        let start = self.toks[m.start].start;
        let before = self.text[..start].trim_end_matches(|c: char| {
            c.is_whitespace() || JOINERS.contains(&c) || matches!(c, '(' | '[')
        });
        // A connector right after a leading marker belongs to neither:
        // "Deuxième partie du guide" → "guide".
        let mut next = m.end;
        if self.word_in(next, &["de", "du", "des"]) {
            next += 1;
        } else if self.word(next) == Some("d")
            && self.punct(next + 1).is_some_and(is_apostrophe)
        {
            next += 2;
        }
        let from = self.toks.get(next).map_or(self.text.len(), |t| t.start);
        let after = self.text[from..]
            .trim_start_matches(|c: char| {
                c.is_whitespace()
                    || JOINERS.contains(&c)
                    || matches!(c, ')' | ']')
            })
            .trim_end();
        // After a podcast marker comes the episode's own title
        // ("S01E04 Ça scale pas"), which names no series: the season
        // alone does.
        let named_before = !series_key(before).is_empty();
        let leading = !named_before && m.season.is_none();
        let base = if named_before {
            before
        } else if m.season.is_some() {
            ""
        } else {
            after
        };
        let name = match m.season {
            Some(s) if base.is_empty() => format!("S{s:02}"),
            Some(s) => format!("{base} S{s:02}"),
            None => base.to_string(),
        };
        let key = series_key(&name);
        (!key.is_empty()).then_some(TitleMarker {
            key,
            name,
            part: m.part,
            leading,
        })
    }
}
