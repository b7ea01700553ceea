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

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::chars::is_alnum;

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
}

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
            Kind::Word => fold(t.text),
            Kind::Punct(_) => String::new(),
        })
        .collect();
    let title = Title {
        text: title,
        toks,
        folded,
    };
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

/// The normalised series key of a name: lower case, accents folded
/// (é→e, œ→oe, ç→c), punctuation removed, whitespace runs → one '-'.
///
/// `"Composter en appartement :"` → `"composter-en-appartement"`;
/// `"175 000 $ d’économie"` → `"175-000-deconomie"` (the apostrophe is
/// removed, not a separator). Letters outside Latin keep their lower case.
pub fn series_key(name: &str) -> String {
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

/// True when the text promises a sequel ("la suite", "à suivre", "dans le
/// prochain billet/article", "prochainement", "dans un prochain billet",
/// "la semaine prochaine, je vous parlerai", "(à suivre)"; not "to be
/// continued").
///
/// Fires on:
/// - `prochainement`;
/// - `prochain`/`prochaine` right before a word for a post or a part:
///   "dans le prochain billet", "au prochain épisode", "une prochaine
///   partie";
/// - `la suite` followed in the same clause by a time word ("la suite
///   bientôt", "lire la suite quelques jours plus tard", "la suite
///   demain"), or after "en attendant", "vivement" or a promise verb ("je
///   vous raconterai la suite");
/// - `à suivre` standing alone ("À suivre…", "(à suivre)", "Affaire à
///   suivre !");
/// - "la semaine prochaine", "le mois prochain", "la prochaine fois",
///   "bientôt" or "demain" in a sentence with a promise verb in the future
///   ("je vous parlerai", "j’y reviendrai", "nous verrons") or "pour la
///   suite".
///
/// Never fires on "la suite Office", "suite à votre demande", "par la
/// suite", "tout de suite", "de suite", "à la suite de", "la marche à
/// suivre", "il n’y a plus qu’à suivre", a bare "Lire la suite →", or "la
/// semaine prochaine, je serai absent".
///
/// One pass over the text; the look-arounds are a few tokens long, so it
/// runs in linear time without allocating.
pub fn announces_next(text: &str) -> bool {
    let mut toks = Toks::new(text);
    // The three tokens before the current one, nearest first.
    let mut back: [Option<Tok<'_>>; 3] = [None; 3];
    while let Some(t) = toks.next() {
        if t.kind == Kind::Word && promises_at(text, t, back, &toks) {
            return true;
        }
        back = [Some(t), back[0], back[1]];
    }
    false
}

/// Every announcement holds a word starting with one of these.
const SEQUEL_WORDS: &[&str] =
    &["suite", "suivre", "prochain", "bient", "demain"];

/// Whether a normalised (lower-case) word may take part in announcing a
/// sequel. The pipeline flags such words while it tokenises, and calls
/// [`announces_next`] only on the blocks that hold one, so most text is
/// never scanned twice.
pub fn is_sequel_word(form: &str) -> bool {
    SEQUEL_WORDS.iter().any(|w| form.starts_with(w))
}

// ---------------------------------------------------------------------------
// Tokens, shared by titles and bodies.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// A run of letters and digits: `"S01E02"`, `"2ème"`, `"économie"`.
    Word,
    /// Any other character but white space; `'\n'` is kept as a sentence
    /// boundary for bodies.
    Punct(char),
}

#[derive(Clone, Copy, Debug)]
struct Tok<'a> {
    text: &'a str,
    start: usize,
    kind: Kind,
}

impl<'a> Tok<'a> {
    fn end(&self) -> usize {
        self.start + self.text.len()
    }

    fn word(&self) -> Option<&'a str> {
        (self.kind == Kind::Word).then_some(self.text)
    }

    fn punct(&self) -> Option<char> {
        match self.kind {
            Kind::Punct(c) => Some(c),
            Kind::Word => None,
        }
    }
}

/// Words and punctuation of a text, with byte offsets; white space is
/// skipped except newlines. `"d’économie"` → `d`, `’`, `économie`.
#[derive(Clone)]
struct Toks<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Toks<'a> {
    fn new(text: &'a str) -> Self {
        Toks { text, pos: 0 }
    }
}

impl<'a> Iterator for Toks<'a> {
    type Item = Tok<'a>;

    fn next(&mut self) -> Option<Tok<'a>> {
        // ASCII bytes are classified without decoding a char.
        let (text, bytes) = (self.text, self.text.as_bytes());
        let char_at =
            |i: usize| text[i..].chars().next().expect("i is a char boundary");
        let mut i = self.pos;
        let (start, c) = loop {
            let Some(&b) = bytes.get(i) else {
                self.pos = text.len();
                return None;
            };
            let c = if b < 0x80 { char::from(b) } else { char_at(i) };
            if c == '\n' || !c.is_whitespace() {
                break (i, c);
            }
            i += c.len_utf8();
        };
        let mut end = start + c.len_utf8();
        let kind = if is_word_char(c) {
            while let Some(&b) = bytes.get(end) {
                if b < 0x80 {
                    if !b.is_ascii_alphanumeric() {
                        break;
                    }
                    end += 1;
                } else {
                    let d = char_at(end);
                    if !is_word_char(d) {
                        break;
                    }
                    end += d.len_utf8();
                }
            }
            Kind::Word
        } else {
            Kind::Punct(c)
        };
        self.pos = end;
        Some(Tok {
            text: &self.text[start..end],
            start,
            kind,
        })
    }
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        // Latin letters of French prose without the Unicode tables.
        is_alnum(c) || is_combining_mark(c)
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// Pushes `c` lower-cased with its ligatures spelled out; `c` has already
/// been decomposed, so accents come as separate combining marks.
fn push_folded(out: &mut String, c: char) {
    match c {
        'œ' | 'Œ' => out.push_str("oe"),
        'æ' | 'Æ' => out.push_str("ae"),
        'ß' => out.push_str("ss"),
        _ => out.extend(c.to_lowercase().filter(|l| !is_combining_mark(*l))),
    }
}

/// `"Épisode"` → `"episode"`, `"2ᵉ"` → `"2e"`, `"Œuvre"` → `"oeuvre"`.
fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.nfkd().filter(|c| !is_combining_mark(*c)) {
        push_folded(&mut out, c);
    }
    out
}

/// Whether `word` folds to `pat` (ASCII lower case, no accents) without
/// allocating: `"À"` is `"a"`, `"NUMÉRO"` is `"numero"`.
fn is(word: &str, pat: &str) -> bool {
    if word.is_ascii() {
        return word.eq_ignore_ascii_case(pat);
    }
    // A folded word is never longer in bytes than the word itself.
    if word.len() < pat.len() {
        return false;
    }
    let pat = pat.as_bytes();
    let mut i = 0;
    let mut eat = |b: char| {
        let ok = pat.get(i) == Some(&(b as u8));
        i += 1;
        ok
    };
    for c in word.chars() {
        let ok = match fold_char(c) {
            Folded::One(a) => eat(a),
            Folded::Two(a, b) => eat(a) && eat(b),
            Folded::Mark => true,
            Folded::Other => false,
        };
        if !ok {
            return false;
        }
    }
    i == pat.len()
}

fn is_any(word: &str, pats: &[&str]) -> bool {
    pats.iter().any(|p| is(word, p))
}

enum Folded {
    One(char),
    Two(char, char),
    /// A combining accent (decomposed text): skipped.
    Mark,
    /// Anything a pattern never holds.
    Other,
}

/// The ASCII fold of the letters French writes; enough for the patterns
/// of [`announces_next`], which are ASCII.
fn fold_char(c: char) -> Folded {
    if c.is_ascii() {
        return Folded::One(c.to_ascii_lowercase());
    }
    let base = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä'
        | 'Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' => {
            'o'
        }
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' | 'Ÿ' => 'y',
        'œ' | 'Œ' => return Folded::Two('o', 'e'),
        'æ' | 'Æ' => return Folded::Two('a', 'e'),
        c if is_combining_mark(c) => return Folded::Mark,
        _ => return Folded::Other,
    };
    Folded::One(base)
}

// ---------------------------------------------------------------------------
// Titles.

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

struct Title<'a> {
    text: &'a str,
    toks: Vec<Tok<'a>>,
    /// The folded text of each word token; empty for punctuation.
    folded: Vec<String>,
}

impl Title<'_> {
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
        let base = if !series_key(before).is_empty() {
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
        })
    }
}

// ---------------------------------------------------------------------------
// Sequel announcements.

/// Words for a post or a part, after "prochain": "dans le prochain
/// billet", "au prochain épisode".
const SEQUEL_NOUNS: &[&str] = &[
    "billet",
    "billets",
    "article",
    "articles",
    "episode",
    "episodes",
    "post",
    "posts",
    "partie",
    "parties",
    "volet",
    "volets",
    "chapitre",
    "chapitres",
    "numero",
    "tome",
    "message",
    "note",
    "video",
    "videos",
    "chronique",
    "opus",
];

/// Time words that turn "la suite" into a promise: "la suite bientôt",
/// "la suite quelques jours plus tard".
const TIME_WORDS: &[&str] = &[
    "bientot",
    "demain",
    "prochainement",
    "prochain",
    "prochaine",
    "tard",
    "quelques",
    "jours",
    "vite",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
];

/// Future forms of verbs that announce a post, in the first person: "je
/// vous parlerai", "j’y reviendrai", "nous verrons". "je serai", "j’irai"
/// are not there: "la semaine prochaine, je serai absent" is no promise.
const PROMISE_VERBS: &[&str] = &[
    "parlerai",
    "reparlerai",
    "presenterai",
    "montrerai",
    "expliquerai",
    "raconterai",
    "detaillerai",
    "aborderai",
    "reviendrai",
    "ecrirai",
    "publierai",
    "partagerai",
    "proposerai",
    "consacrerai",
    "donnerai",
    "livrerai",
    "decrirai",
    "continuerai",
    "poursuivrai",
    "parlerons",
    "reparlerons",
    "verrons",
    "aborderons",
    "reviendrons",
    "decouvrirons",
    "etudierons",
    "attaquerons",
    "continuerons",
    "poursuivrons",
    "examinerons",
    "presenterons",
    "montrerons",
    "expliquerons",
    "detaillerons",
    "pencherons",
    "interesserons",
    "plongerons",
];

/// Words that may stand before a standalone "à suivre": "Affaire à
/// suivre !".
const A_SUIVRE_NOUNS: &[&str] =
    &["affaire", "histoire", "feuilleton", "saga", "dossier"];

/// How far (bytes) a sentence window reaches on each side of a trigger.
const WINDOW: usize = 300;

fn promises_at(
    text: &str,
    t: Tok<'_>,
    back: [Option<Tok<'_>>; 3],
    ahead: &Toks<'_>,
) -> bool {
    let w = t.text;
    // Every trigger starts with b, d, p or s: most words stop here.
    if !matches!(w.as_bytes()[0] | 0x20, b'b' | b'd' | b'p' | b's') {
        return false;
    }
    let back_word = |k: usize| back[k].and_then(|t| t.word());
    if is(w, "prochainement") {
        return true;
    }
    if is_any(w, &["prochain", "prochaine", "prochains", "prochaines"]) {
        let next = ahead.clone().next().and_then(|t| t.word());
        if next.is_some_and(|n| is_any(n, SEQUEL_NOUNS)) {
            return true;
        }
        let when = next.is_some_and(|n| is(n, "fois"))
            || back_word(0).is_some_and(|b| is_any(b, &["semaine", "mois"]));
        return when && promise_near(text, t.start);
    }
    if is(w, "suite") {
        return la_suite(back, ahead);
    }
    if is(w, "suivre") {
        return a_suivre(back, ahead);
    }
    if is_any(w, &["bientot", "demain"]) {
        return promise_near(text, t.start);
    }
    false
}

/// "la suite" as a promise; `back` and `ahead` surround "suite".
fn la_suite(back: [Option<Tok<'_>>; 3], ahead: &Toks<'_>) -> bool {
    // "tout de suite", "de suite", "suite à votre demande": no "la".
    if !back[0].and_then(|t| t.word()).is_some_and(|b| is(b, "la")) {
        return false;
    }
    if let Some(b) = back[1].and_then(|t| t.word()) {
        // "par la suite" (afterwards), "à la suite de" (after).
        if is_any(b, &["par", "a"]) {
            return false;
        }
        if is_any(b, &["attendant", "vivement"]) || is_promise_verb(b) {
            return true;
        }
    }
    // A time word later in the clause; "la suite Office" and "dans la
    // suite de cet article, nous verrons" have none.
    for (n, t) in ahead.clone().take(7).enumerate() {
        match t.kind {
            Kind::Word if is_any(t.text, TIME_WORDS) => return true,
            Kind::Word => {}
            Kind::Punct(',') if n == 0 => {}
            Kind::Punct(c) if ".!?;,\n".contains(c) => return false,
            Kind::Punct(_) => {}
        }
    }
    false
}

/// "à suivre" standing alone: "À suivre…", "(à suivre)", "Affaire à
/// suivre !"; not "la marche à suivre", "qu’à suivre", "comptes à suivre :".
fn a_suivre(back: [Option<Tok<'_>>; 3], ahead: &Toks<'_>) -> bool {
    if !back[0].and_then(|t| t.word()).is_some_and(|a| is(a, "a")) {
        return false;
    }
    let left = match back[1] {
        None => true,
        Some(t) => match t.kind {
            Kind::Punct(c) => !is_apostrophe(c),
            Kind::Word => is_any(t.text, A_SUIVRE_NOUNS),
        },
    };
    // "À suivre : la récolte." at the start of a sentence announces what
    // comes; "comptes à suivre :" does not (its left side fails above).
    let at_start = back[1].is_none_or(|t| t.kind != Kind::Word);
    let right = match ahead.clone().next() {
        None => true,
        Some(t) if at_start && t.kind == Kind::Punct(':') => true,
        Some(t) => matches!(
            t.kind,
            Kind::Punct(
                '.' | '…'
                    | '!'
                    | ')'
                    | ']'
                    | '\n'
                    | '-'
                    | '–'
                    | '—'
                    | '*'
                    | '»'
                    | '_'
            )
        ),
    };
    left && right
}

fn is_promise_verb(w: &str) -> bool {
    w.len() >= 5 && is_any(w, PROMISE_VERBS)
}

/// Whether the sentence around byte `at` holds a promise verb or "pour la
/// suite": "La semaine prochaine, je vous parlerai des vers.", "Rendez-vous
/// demain pour la suite." ("la suite Office, qui sortira bientôt" is
/// none).
fn promise_near(text: &str, at: usize) -> bool {
    let is_end = |b: &u8| matches!(b, b'.' | b'!' | b'?' | b'\n');
    let mut lo = at.saturating_sub(WINDOW);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let mut hi = (at + WINDOW).min(text.len());
    while !text.is_char_boundary(hi) {
        hi -= 1;
    }
    let bytes = text.as_bytes();
    let lo = bytes[lo..at]
        .iter()
        .rposition(is_end)
        .map_or(lo, |p| lo + p + 1);
    let hi = bytes[at..hi].iter().position(is_end).map_or(hi, |p| at + p);
    // The two words before the current one, nearest first.
    let mut prev: [Option<&str>; 2] = [None; 2];
    for t in Toks::new(&text[lo..hi]) {
        let Some(w) = t.word() else {
            prev = [None; 2];
            continue;
        };
        let pour_la_suite = is(w, "suite")
            && prev[0].is_some_and(|p| is(p, "la"))
            && prev[1].is_some_and(|p| is(p, "pour"));
        if is_promise_verb(w) || pour_la_suite {
            return true;
        }
        prev = [Some(w), prev[0]];
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Title → (key, part); `None` for the traps.
    const CASES: &[(&str, Option<(&str, u32)>)] = &[
        (
            "CAS VÉCU : Communauté de pratique : 175 000 $ d’économie grâce à \
             une communauté de pratique? Partie 1",
            Some((
                "cas-vecu-communaute-de-pratique-175-000-deconomie-grace-a-une\
                 -communaute-de-pratique",
                1,
            )),
        ),
        (
            "Composter en appartement (2/3)",
            Some(("composter-en-appartement", 2)),
        ),
        (
            "Composter en appartement : troisième partie",
            Some(("composter-en-appartement", 3)),
        ),
        (
            "Versionner avec Git, partie 1 : les bases",
            Some(("versionner-avec-git", 1)),
        ),
        (
            "Versionner avec Git, partie 2 : les branches",
            Some(("versionner-avec-git", 2)),
        ),
        ("Git, partie II : les branches", Some(("git", 2))),
        ("Compost – Partie 2", Some(("compost", 2))),
        ("Compost — partie IV", Some(("compost", 4))),
        ("Compost - PARTIE XIX", Some(("compost", 19))),
        ("Compost, 2e partie", Some(("compost", 2))),
        ("Compost : 2ème partie", Some(("compost", 2))),
        ("Compost : 2ᵉ partie", Some(("compost", 2))),
        ("Compost : 2nde partie", Some(("compost", 2))),
        ("Compost : 1re partie", Some(("compost", 1))),
        ("Compost : 1ère partie", Some(("compost", 1))),
        ("Compost 2e partie", Some(("compost", 2))),
        ("Compost (IIe partie)", Some(("compost", 2))),
        ("Compost, seconde partie", Some(("compost", 2))),
        ("Compost : première partie", Some(("compost", 1))),
        ("Compost : DIXIEME PARTIE", Some(("compost", 10))),
        ("Compost, deuxième volet", Some(("compost", 2))),
        (
            "Première partie : composter en appartement",
            Some(("composter-en-appartement", 1)),
        ),
        (
            "Deuxième partie du guide du compost",
            Some(("guide-du-compost", 2)),
        ),
        ("Compost (part 2)", Some(("compost", 2))),
        ("Compost, part. 2", Some(("compost", 2))),
        ("Compost (3e partie et fin)", Some(("compost", 3))),
        ("Compost, partie 4 et fin", Some(("compost", 4))),
        ("Compost ( 2 / 3 )", Some(("compost", 2))),
        (
            "Composting in a flat, Part 3",
            Some(("composting-in-a-flat", 3)),
        ),
        ("Learning Rust, Part Two", Some(("learning-rust", 2))),
        ("Compost 2/3", Some(("compost", 2))),
        ("Compost [3/3]", Some(("compost", 3))),
        (
            "2/3 : composter en appartement",
            Some(("composter-en-appartement", 2)),
        ),
        ("Compost (partie 2 sur 3)", Some(("compost", 2))),
        ("Compost, partie 3/4", Some(("compost", 3))),
        (
            "Le podcast du jardin, épisode 12",
            Some(("le-podcast-du-jardin", 12)),
        ),
        (
            "Le podcast du jardin - Episode 04",
            Some(("le-podcast-du-jardin", 4)),
        ),
        (
            "Le podcast du jardin, ép. 5",
            Some(("le-podcast-du-jardin", 5)),
        ),
        (
            "Le podcast du jardin : Épisode n°7",
            Some(("le-podcast-du-jardin", 7)),
        ),
        (
            "Le podcast du jardin S01E02",
            Some(("le-podcast-du-jardin-s01", 2)),
        ),
        (
            "Le podcast du jardin s2e10 : les semis",
            Some(("le-podcast-du-jardin-s02", 10)),
        ),
        ("Les Misérables, tome II", Some(("les-miserables", 2))),
        (
            "Les Misérables, Tome 3 : Marius",
            Some(("les-miserables", 3)),
        ),
        (
            "Le guide du compost, chapitre 3",
            Some(("le-guide-du-compost", 3)),
        ),
        ("Chapitre 1 : Premiers pas", Some(("premiers-pas", 1))),
        (
            "Le Seigneur des anneaux, tome 2, chapitre 3",
            Some(("le-seigneur-des-anneaux-tome-2", 3)),
        ),
        ("Compost, volet 2", Some(("compost", 2))),
        ("Compost (suite)", Some(("compost", 2))),
        ("Compost… (suite)", Some(("compost", 2))),
        ("Compost, la suite", Some(("compost", 2))),
        ("Compost : la suite !", Some(("compost", 2))),
        ("Compost (suite et fin)", Some(("compost", 2))),
        ("Compost - suite", Some(("compost", 2))),
        (
            "Compost (suite) : le lombricomposteur",
            Some(("compost", 2)),
        ),
        ("Œuvres complètes, partie 1", Some(("oeuvres-completes", 1))),
        ("Ça commence, partie 1", Some(("ca-commence", 1))),
        ("Web 2.0, partie 1", Some(("web-20", 1))),
        // Traps: quantities, other meanings of the words, dates.
        ("Les 3 parties du corps", None),
        ("Part de marché : les chiffres de 2013", None),
        ("Tome de Savoie : une recette", None),
        ("La suite Office en 5 minutes", None),
        ("Réserver une suite", None),
        ("La suite de Fibonacci", None),
        ("Suite à votre demande", None),
        ("Disponible 24/7", None),
        ("Bilan 12/2013", None),
        ("Bilan 05/06", None),
        ("Réunion du 12/05/2013", None),
        ("Les 3/4 des Français compostent", None),
        ("Pourquoi 2/3 des projets échouent", None),
        ("Compost (1/1)", None),
        ("Compost 2 / 3", None),
        ("Elle est partie 2 semaines en Inde", None),
        ("Dans la seconde partie du match", None),
        ("La première partie de ma vie", None),
        ("Une partie de pêche", None),
        ("Une vie partie trop tôt", None),
        ("Épisode un peu spécial", None),
        ("L’épisode 2 est sorti", None),
        ("Réparer un volet roulant", None),
        ("Baisser le volume 2 fois", None),
        ("Chapitres 2 et 3", None),
        ("Louis XIV et Versailles", None),
        ("Le guide, partie 2.5", None),
        ("Les 10 commandements du compost", None),
        ("Épisode 0 : le pilote", None),
        ("Le podcast S01E00", None),
        ("Partie 2", None),
        ("", None),
    ];

    #[test]
    fn titles() {
        for (title, expected) in CASES {
            let got = parse_title(title);
            let got = got.as_ref().map(|m| (m.key.as_str(), m.part));
            assert_eq!(got, *expected, "parse_title({title:?})");
        }
    }

    #[test]
    fn names() {
        const NAMES: &[(&str, &str)] = &[
            (
                "CAS VÉCU : Communauté de pratique : 175 000 $ d’économie \
                 grâce à une communauté de pratique? Partie 1",
                "CAS VÉCU : Communauté de pratique : 175 000 $ d’économie \
                 grâce à une communauté de pratique?",
            ),
            ("Composter en appartement (2/3)", "Composter en appartement"),
            (
                "Versionner avec Git, partie 2 : les branches",
                "Versionner avec Git",
            ),
            ("Partie 2 : les branches", "les branches"),
            ("Deuxième partie d’un guide", "un guide"),
            ("Compost… (suite)", "Compost"),
            ("Compost, la suite", "Compost"),
            ("Compost (bio), partie 2", "Compost (bio)"),
            ("Compost (partie 2) : les vers", "Compost"),
            ("(Partie 2) les vers (bio)", "les vers (bio)"),
            ("Le podcast S01E02", "Le podcast S01"),
            ("S01E02", "S01"),
            ("S01E04 Ça scale pas quand on sait en faire", "S01"),
        ];
        for (title, name) in NAMES {
            let m = parse_title(title).expect(title);
            assert_eq!(m.name, *name, "name of {title:?}");
            assert_eq!(m.key, series_key(&m.name));
        }
    }

    #[test]
    fn keys() {
        const KEYS: &[(&str, &str)] = &[
            ("Composter en appartement :", "composter-en-appartement"),
            ("  Œuvre   ÇA  va ", "oeuvre-ca-va"),
            ("Communaute\u{301} — pratique", "communaute-pratique"),
            ("l’économie, c'est ça !", "leconomie-cest-ca"),
            ("Straße", "strasse"),
            ("?!", ""),
        ];
        for (name, key) in KEYS {
            assert_eq!(series_key(name), *key, "series_key({name:?})");
        }
    }

    /// Text → whether it promises a sequel.
    const ANNOUNCES: &[(&str, bool)] = &[
        ("Lisez la suite dans le prochain billet.", true),
        ("La suite au prochain épisode !", true),
        ("LA SUITE AU PROCHAIN NUMÉRO", true),
        ("À suivre…", true),
        ("A suivre...", true),
        ("Le compost, c’est fini pour aujourd’hui (à suivre)", true),
        ("**À suivre**", true),
        ("Affaire à suivre !", true),
        ("À suivre : la première visite de la ruche.", true),
        ("La suite bientôt.", true),
        ("La suite, très bientôt !", true),
        (
            "Mais quoi de plus stimulant que de lire la suite quelques jours \
             plus tard ?",
            true,
        ),
        ("En attendant la suite, bon compost !", true),
        ("Vivement la suite !", true),
        ("Je vous raconterai la suite.", true),
        ("J’en parlerai dans un prochain article.", true),
        ("Dans un prochain billet, je vous montrerai mon bac.", true),
        ("Prochainement : le lombricomposteur.", true),
        ("La semaine prochaine, je vous parlerai des vers.", true),
        ("La prochaine fois, nous verrons les semis.", true),
        ("J’y reviendrai bientôt.", true),
        ("Rendez-vous la semaine prochaine pour la suite.", true),
        ("La suite de l’histoire demain.", true),
        ("J’utilise la suite Office depuis 2010.", false),
        ("La suite Office, qui sortira bientôt, est chère.", false),
        ("Suite à votre demande, voici la recette.", false),
        ("Par la suite, j’ai changé de méthode.", false),
        ("Il faut le faire tout de suite.", false),
        ("Trois jours de suite.", false),
        ("À la suite de cet échec, j’ai arrêté.", false),
        ("Et ainsi de suite.", false),
        ("Voici la marche à suivre : d’abord le bac.", false),
        ("Le chemin à suivre.", false),
        ("Les comptes à suivre : @compost", false),
        ("Il n’y a plus qu’à suivre.", false),
        ("Lire la suite →", false),
        (
            "Dans la suite de cet article, nous verrons comment faire.",
            false,
        ),
        ("La semaine prochaine, je serai en vacances.", false),
        ("L’année prochaine, on recommence.", false),
        ("Le prochain train part à 8 h.", false),
        ("À la prochaine !", false),
        ("To be continued", false),
        ("la suite logique des choses", false),
        ("", false),
    ];

    #[test]
    fn announcements() {
        for (text, expected) in ANNOUNCES {
            assert_eq!(
                announces_next(text),
                *expected,
                "announces_next({text:?})"
            );
        }
    }

    #[test]
    fn announcement_in_a_large_text() {
        let filler = "Par la suite, j’ai composté tout de suite. Le chemin à \
                      suivre est simple, l’année prochaine aussi.\n";
        let mut text = filler.repeat(10_000);
        assert!(text.len() > 1_000_000);
        assert!(!announces_next(&text));
        text.push_str("À suivre…");
        assert!(announces_next(&text));
    }

    #[test]
    fn window_stays_on_char_boundaries() {
        let text = format!(
            "{}la semaine prochaine{}",
            "é".repeat(400),
            "ç".repeat(400)
        );
        assert!(!announces_next(&text));
        let text = format!(
            "{} La semaine prochaine, je vous parlerai {}",
            "é".repeat(151),
            "ç".repeat(151)
        );
        assert!(announces_next(&text));
    }

    #[test]
    fn folding() {
        assert!(
            is("À", "a") && is("NUMÉRO", "numero") && is("Œuvre", "oeuvre")
        );
        assert!(is("bientôt", "bientot") && !is("bientoˆt", "bientot"));
        assert!(is("e\u{301}pisode", "episode"));
        assert!(!is("prochaines", "prochaine"));
    }
}
