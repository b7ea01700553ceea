//! Terms and phrases: the tokens of an article's body → counts per stem
//! and counts of candidate key phrases.
//!
//! Hot path, per token: one lookup of its text as written in the
//! worker's [`FormCache`] (normalised only the first time the worker
//! meets that spelling), one increment in a dense array indexed by form
//! id. Nothing is allocated per token and no form is stemmed twice by a
//! worker. Per article, the touched forms are folded into stems, and the
//! most frequent surface form of each stem is kept (ties: the one seen
//! first).
//!
//! Key phrases are 2 to 4 content words, joined by at most two
//! connectors in a row (`de du des d' à en la le les l'`), never starting
//! or ending with one, never crossing punctuation, a number, a piece of
//! a web address ([`crate::stem::address`]) or another stopword:
//! "communauté de pratique", "réunion d'équipe". A month name with a
//! number beside it ("3 mars", "(décembre 2007)") is part of a date, like
//! its numbers: no term, and a phrase break. Variants with the same
//! stems ("communautés de pratique") are counted together
//! under their most frequent spelling.

use rustc_hash::FxHashMap;

use crate::normalize::Stopwords;
use crate::stem::{Class, FormCache, FormInfo, Vocab, address, flag};
use crate::tokenize::{self, Token, TokenKind};

/// Most content words in a key phrase.
pub const MAX_PHRASE_WORDS: usize = 4;
/// Most connectors in a row inside a key phrase ("de la").
const MAX_CONNECTORS: usize = 2;
/// Longest phrase, in tokens.
const MAX_PHRASE_TOKENS: usize =
    MAX_PHRASE_WORDS + (MAX_PHRASE_WORDS - 1) * MAX_CONNECTORS;
/// A phrase must occur this often in an article to be a key phrase.
pub const MIN_PHRASE_COUNT: u32 = 2;

/// Where in an article a stem was seen, as bits of [`TermCount::zones`]:
/// the places an author sums a post up in, which key terms weigh more.
pub mod zone {
    /// The title.
    pub const TITLE: u8 = 1;
    /// A heading inside the article.
    pub const HEADING: u8 = 2;
    /// The first paragraph of the body.
    pub const LEAD: u8 = 4;
    /// The front-matter description or summary (its words count only
    /// where the body or title has them too).
    pub const DESCRIPTION: u8 = 8;
}

/// How often a stem occurs in one article.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TermCount {
    /// Stem id (run id until the corpus pass makes it stable).
    pub stem: u32,
    /// Occurrences in the article.
    pub count: u32,
    /// Form id of its most frequent surface form in the article.
    pub surface: u32,
    /// Rank of its first occurrence among the article's stems (0: the
    /// first stem of the article): key terms that tie keep text order.
    pub first: u32,
    /// The [`zone`]s it was seen in.
    pub zones: u8,
}

/// A candidate key phrase of one article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhraseCount {
    /// Stem ids of its content words, in order.
    pub stems: Box<[u32]>,
    /// Its most frequent spelling, lower case.
    pub text: String,
    /// Occurrences in the article.
    pub count: u32,
}

/// Everything counted in one article.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Counts {
    /// Content stems, in no particular order.
    pub terms: Vec<TermCount>,
    /// Phrases seen at least [`MIN_PHRASE_COUNT`] times.
    pub phrases: Vec<PhraseCount>,
    /// Words (numbers included, elided articles not).
    pub words: u32,
    /// Content words (the article's length for BM25).
    pub content_words: u32,
}

/// A token as phrases see it.
#[derive(Clone, Copy, Debug)]
struct Item {
    info: FormInfo,
    /// The counter of the two-word prefix that starts here, or
    /// [`Counter::no_prefix`] ([`Counter::count_prefix`]).
    prefix_slot: u32,
    start: usize,
    end: usize,
    /// Punctuation, a number or the sentence start lies before it.
    breaks_before: bool,
}

/// A phrase as the ids of its tokens. Unused slots stay 0, so the
/// derived equality is right; hashing reads only the used slots.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct PhraseKey {
    len: u8,
    forms: [u32; MAX_PHRASE_TOKENS],
}

impl std::hash::Hash for PhraseKey {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        for &id in &self.forms[..usize::from(self.len)] {
            state.write_u32(id);
        }
    }
}

#[derive(Clone, Copy, Debug)]
struct PhraseSeen {
    count: u32,
    start: usize,
    end: usize,
}

/// Where [`Counter::add_token`] is in a sentence.
struct SentenceState {
    /// The [`crate::stem::flag`]s of the sentence's words so far.
    flags: u8,
    /// End of the previous token.
    prev_end: Option<usize>,
    /// Whether the next word starts a phrase afresh (sentence start, or
    /// after a number).
    pending_break: bool,
    /// Whether the previous token starts with a digit ("3", "1er").
    after_digit: bool,
}

/// Per-worker counting state, reused from one article to the next.
#[derive(Debug, Default)]
pub struct Counter {
    cache: FormCache,
    /// Per form id: occurrences in the current article (4 bytes a
    /// form, so the forms of an article stay in a few cache lines).
    form_counts: Vec<u32>,
    /// The forms of the current article, in the order they first
    /// occur: the first `n_touched` entries of a buffer one longer than
    /// `form_counts`, so that [`Counter::count_form`] can write past the
    /// end without a branch. That order is all the tie-breaking of
    /// [`Counter::finish`] needs: no first position is kept.
    touched: Vec<FormInfo>,
    n_touched: usize,
    /// Per form id: its info, filled by [`Counter::finish`] for the
    /// forms of the article, for [`Counter::finish_phrases`].
    form_infos: Vec<Option<FormInfo>>,
    /// The tokens of the current article, for phrases.
    items: Vec<Item>,
    /// Occurrences of two-word phrase prefixes by hash, saturating,
    /// counted as tokens come ([`Counter::count_prefix`]); one more
    /// counter at the end, `no_prefix`, which stays 0.
    prefixes: Vec<u8>,
    /// The prefix slot of items where no prefix starts: a counter that
    /// is never incremented, so that [`Counter::count_phrases`] tests
    /// every item the same way, without a hard-to-predict branch on
    /// whether a prefix starts there.
    no_prefix: u32,
    /// `128 - log2(prefixes.len())`, for the multiplicative hash.
    prefix_shift: u32,
    /// Whether `prefixes` is sized and cleared for the current article.
    prefixes_ready: bool,
    /// The prefix being read: its first item, its key so far, and the
    /// connectors in it.
    open: Option<(u32, u128, u32)>,
    phrases: FxHashMap<PhraseKey, PhraseSeen>,
    /// Per form id: the [`zone`]s it was seen in, in the current
    /// article (0 for most).
    form_zones: Vec<u8>,
    /// The zone of the sentences being counted ([`Counter::set_zone`]).
    zone: u8,
    /// Forms met only through [`Counter::mark_zone`] (a description),
    /// whose `form_zones` entry must be cleared at the end.
    zone_only: Vec<FormInfo>,
    /// Scratch for [`Counter::finish`], per stem id: (count, best form,
    /// its count, zones); count 0 when untouched.
    by_stem: Vec<(u32, u32, u32, u8)>,
    /// Scratch for [`Counter::finish`]: the stems of the article.
    stems_seen: Vec<u32>,
    /// Scratch for [`Counter::finish_phrases`].
    merged: FxHashMap<PhraseKey, (u32, u32, usize, usize)>,
    words: u32,
    content_words: u32,
    flags: u8,
}

impl Counter {
    /// A fresh counter with an empty form cache.
    pub fn new() -> Counter {
        Counter::default()
    }

    /// Counts the tokens of one sentence. `text` is the whole document,
    /// which token offsets point into. Returns the
    /// [`crate::stem::flag`]s of the sentence's words (numbers aside).
    pub fn add_sentence(
        &mut self,
        text: &str,
        tokens: &[Token<'_>],
        stopwords: &Stopwords,
        vocab: &Vocab,
    ) -> u8 {
        let mut sentence = self.start_sentence(text);
        for &token in tokens {
            self.add_token(text, token, &mut sentence, stopwords, vocab);
        }
        self.end_sentence(sentence)
    }

    /// [`Counter::add_sentence`] of the tokens of `sentence`, which
    /// starts at byte `base` of the document `text`, counted as the
    /// tokenizer finds them ([`tokenize::for_each_token`]) rather than
    /// through a buffer of tokens.
    pub fn add_sentence_text(
        &mut self,
        text: &str,
        sentence: &str,
        base: usize,
        stopwords: &Stopwords,
        vocab: &Vocab,
    ) -> u8 {
        let mut state = self.start_sentence(text);
        tokenize::for_each_token(sentence, base, |token| {
            self.add_token(text, token, &mut state, stopwords, vocab);
        });
        self.end_sentence(state)
    }

    fn start_sentence(&mut self, text: &str) -> SentenceState {
        if !self.prefixes_ready {
            self.start_prefixes(text.len());
        }
        SentenceState {
            flags: 0,
            prev_end: None,
            pending_break: true,
            after_digit: false,
        }
    }

    fn end_sentence(&mut self, state: SentenceState) -> u8 {
        self.flags |= state.flags;
        state.flags
    }

    /// Counts one token of the sentence `state` describes.
    #[inline(always)]
    fn add_token(
        &mut self,
        text: &str,
        token: Token<'_>,
        state: &mut SentenceState,
        stopwords: &Stopwords,
        vocab: &Vocab,
    ) {
        let gap_breaks = state
            .prev_end
            .is_some_and(|end| gap_breaks(text, end, token.start));
        state.prev_end = Some(token.end());
        let digit = text.as_bytes()[token.start].is_ascii_digit();
        let after_digit =
            std::mem::replace(&mut state.after_digit, digit) && !gap_breaks;
        if token.kind == TokenKind::Number {
            self.words += 1;
            state.pending_break = true;
            return;
        }
        if token.kind == TokenKind::Word {
            self.words += 1;
        }
        let info = self.cache.lookup_in(
            text,
            token.start,
            token.end(),
            stopwords,
            vocab,
        );
        if info.flags & flag::ADDRESS != 0
            && address::is_piece(text, token.start, token.end())
        {
            // Skipped as a number is: a word, no term, a phrase break.
            state.pending_break = true;
            return;
        }
        state.flags |= info.flags;
        if info.flags & flag::MONTH != 0
            && (after_digit || digit_follows(text, token.end()))
        {
            // A date's month, as its numbers: counted as a word only.
            state.pending_break = true;
            return;
        }
        self.count_form(info);
        let breaks_before = state.pending_break || gap_breaks;
        self.count_prefix(info, breaks_before);
        self.items.push(Item {
            info,
            prefix_slot: self.no_prefix,
            start: token.start,
            end: token.end(),
            breaks_before,
        });
        state.pending_break = false;
    }

    #[inline(always)]
    fn count_form(&mut self, info: FormInfo) {
        let id = info.form as usize;
        if id >= self.form_counts.len() {
            let n = (id + 1).next_power_of_two();
            self.form_counts.resize(n, 0);
            self.form_infos.resize(n, None);
            self.form_zones.resize(n, 0);
            self.touched.resize(n + 1, info);
        }
        if self.zone != 0 {
            self.form_zones[id] |= self.zone;
        }
        let count = &mut self.form_counts[id];
        // No branch on whether the form is new to the article: that is
        // hard to predict and known late (after two dependent loads), so
        // the form is written at the end of the list every time and kept
        // only when new. `n_touched` counts distinct forms, fewer than
        // `form_counts.len()`, so the write stays inside `touched`.
        self.touched[self.n_touched] = info;
        self.n_touched += usize::from(*count == 0);
        *count += 1;
        self.content_words += u32::from(info.class == Class::Content);
    }

    /// Sizes and clears the prefix counters for an article of
    /// `text_len` bytes (about three counters per token).
    fn start_prefixes(&mut self, text_len: usize) {
        let slots = (text_len / 2 + 1).next_power_of_two().max(1024);
        self.prefixes.clear();
        self.prefixes.resize(slots + 1, 0);
        self.no_prefix = u32::try_from(slots).expect("under 4G counters");
        self.prefix_shift = 128 - slots.trailing_zeros();
        self.prefixes_ready = true;
        self.open = None;
    }

    /// The first of the two passes of [`Counter::count_phrases`], run as
    /// each token is counted: the prefix that starts at a content word
    /// is complete at the next content word, unless a break, a stopword
    /// or a third connector comes first. Its key packs 32-bit lanes: the
    /// first word's stem, the connectors (form ids with the top bit set,
    /// as finish_phrases merges them; unused lanes 0), the last word's
    /// stem in the top lane. Runs before the token's item is pushed.
    #[inline(always)]
    fn count_prefix(&mut self, info: FormInfo, breaks_before: bool) {
        let k = self.items.len() as u32;
        if breaks_before {
            self.open = None;
        }
        match info.class {
            Class::Stop => self.open = None,
            Class::Connector => {
                self.open = self.open.and_then(|(first, key, n)| {
                    let lane = u128::from(info.form | 1 << 31);
                    (n < MAX_CONNECTORS as u32)
                        .then(|| (first, key | lane << (32 * (n + 1)), n + 1))
                });
            }
            Class::Content => {
                if let Some((first, key, _)) = self.open {
                    let key = key | u128::from(info.stem) << 96;
                    // Multiplicative hashing; the top bits depend on
                    // every lane.
                    let s = (key.wrapping_mul(
                        0x9E37_79B9_7F4A_7C15_F39C_C060_5CED_C835,
                    ) >> self.prefix_shift)
                        as usize;
                    let c = &mut self.prefixes[s];
                    *c = c.saturating_add(1);
                    self.items[first as usize].prefix_slot = s as u32;
                }
                self.open = Some((k, u128::from(info.stem), 0));
            }
        }
    }

    /// Counts the candidate phrases of the article, in two passes over
    /// its tokens. A phrase's merged count (its variants together) is at
    /// most that of its first two content words with what joins them,
    /// since each occurrence starts with one of those; so the first pass
    /// ([`Counter::count_prefix`], as tokens come) counts only these
    /// two-word prefixes, by stems (one small key per content word), and
    /// the second counts every phrase, by forms, only where the prefix
    /// occurs twice or more. Phrases seen fewer than [`MIN_PHRASE_COUNT`]
    /// times are dropped by [`Counter::finish_phrases`] anyway, and a
    /// kept phrase has all its occurrences counted, so the result is that
    /// of counting every phrase everywhere, without the cost of a
    /// hash-map entry for each of the many phrases seen once.
    ///
    /// The prefixes are not even stored: they are counted in a table of
    /// small counters indexed by their hash, where two prefixes may share
    /// a counter. A counter below [`MIN_PHRASE_COUNT`] still proves that
    /// each of its prefixes is rarer than that, which is all the second
    /// pass needs; a collision only lets a few more positions through.
    fn count_phrases(&mut self) {
        let items = &self.items;
        let counts = &self.prefixes;
        for i in 0..items.len() {
            let s = items[i].prefix_slot;
            let frequent = u32::from(counts[s as usize]) >= MIN_PHRASE_COUNT;
            if !frequent {
                continue;
            }
            let mut key = PhraseKey {
                len: 1,
                forms: [0; MAX_PHRASE_TOKENS],
            };
            key.forms[0] = items[i].info.form;
            let mut words = 1;
            let mut connectors = 0;
            for (j, item) in items.iter().enumerate().skip(i + 1) {
                if item.breaks_before
                    || usize::from(key.len) == MAX_PHRASE_TOKENS
                {
                    break;
                }
                key.forms[usize::from(key.len)] = item.info.form;
                key.len += 1;
                match item.info.class {
                    Class::Stop => break,
                    Class::Connector => {
                        connectors += 1;
                        if connectors > MAX_CONNECTORS {
                            break;
                        }
                    }
                    Class::Content => {
                        connectors = 0;
                        words += 1;
                        let seen =
                            self.phrases.entry(key).or_insert(PhraseSeen {
                                count: 0,
                                start: items[i].start,
                                end: items[j].end,
                            });
                        seen.count += 1;
                        if words == MAX_PHRASE_WORDS {
                            break;
                        }
                    }
                }
            }
        }
    }

    /// Sets the [`zone`] bits of the sentences counted from now on (0
    /// for the plain body).
    pub fn set_zone(&mut self, zone: u8) {
        self.zone = zone;
    }

    /// Marks the stems of `text` (a front-matter description) with
    /// `zone`, without counting them: they weigh more where the article
    /// itself uses them ([`Counter::finish`]).
    pub fn mark_zone(
        &mut self,
        text: &str,
        zone: u8,
        stopwords: &Stopwords,
        vocab: &Vocab,
    ) {
        tokenize::for_each_token(text, 0, |token| {
            if token.kind == TokenKind::Number {
                return;
            }
            let info = self.cache.lookup_in(
                text,
                token.start,
                token.end(),
                stopwords,
                vocab,
            );
            if info.class != Class::Content
                || (info.flags & flag::ADDRESS != 0
                    && address::is_piece(text, token.start, token.end()))
            {
                return;
            }
            let id = info.form as usize;
            if id >= self.form_counts.len() {
                let n = (id + 1).next_power_of_two();
                self.form_counts.resize(n, 0);
                self.form_infos.resize(n, None);
                self.form_zones.resize(n, 0);
                self.touched.resize(n + 1, info);
            }
            if self.form_zones[id] & zone == 0 {
                self.zone_only.push(info);
            }
            self.form_zones[id] |= zone;
        });
    }

    /// The [`crate::stem::flag`]s of the forms counted since the last
    /// call, then clears them.
    pub fn take_flags(&mut self) -> u8 {
        std::mem::take(&mut self.flags)
    }

    /// Ends the current article: returns its counts and resets the
    /// per-article state (the form cache is kept).
    pub fn finish(&mut self, text: &str) -> Counts {
        self.count_phrases();
        self.items.clear();
        self.prefixes_ready = false;
        // Stems: fold forms, keeping the most frequent surface form; on a
        // tie, the one seen first, which `touched` lists first.
        let touched = &self.touched[..self.n_touched];
        for &info in touched {
            let form = info.form;
            self.form_infos[form as usize] = Some(info);
            if info.class != Class::Content {
                continue;
            }
            let count = self.form_counts[form as usize];
            let stem = info.stem as usize;
            if stem >= self.by_stem.len() {
                self.by_stem
                    .resize((stem + 1).next_power_of_two(), (0, 0, 0, 0));
            }
            let e = &mut self.by_stem[stem];
            if e.0 == 0 {
                self.stems_seen.push(info.stem);
            }
            e.0 += count;
            e.3 |= self.form_zones[form as usize];
            if count > e.2 {
                e.1 = form;
                e.2 = count;
            }
        }
        // A description's words weigh on the stems the article uses,
        // whatever their form ("économies" there, "économie" here).
        for info in self.zone_only.drain(..) {
            let zones =
                std::mem::take(&mut self.form_zones[info.form as usize]);
            if let Some(e) = self.by_stem.get_mut(info.stem as usize)
                && e.0 > 0
            {
                e.3 |= zones;
            }
        }
        let terms = self
            .stems_seen
            .drain(..)
            .enumerate()
            .map(|(first, stem)| {
                let e = std::mem::take(&mut self.by_stem[stem as usize]);
                TermCount {
                    stem,
                    count: e.0,
                    surface: e.1,
                    first: first as u32,
                    zones: e.3,
                }
            })
            .collect();
        let phrases = self.finish_phrases(text);
        for info in &self.touched[..self.n_touched] {
            self.form_counts[info.form as usize] = 0;
            self.form_zones[info.form as usize] = 0;
        }
        self.zone = 0;
        self.n_touched = 0;
        let counts = Counts {
            terms,
            phrases,
            words: self.words,
            content_words: self.content_words,
        };
        self.words = 0;
        self.content_words = 0;
        self.flags = 0;
        counts
    }

    fn finish_phrases(&mut self, text: &str) -> Vec<PhraseCount> {
        // Merge variants with the same stems and connectors
        // ("communautés de pratique" with "communauté de pratique"), then
        // keep those seen often enough.
        let mut merged = std::mem::take(&mut self.merged);
        for (key, seen) in self.phrases.drain() {
            let mut stems = key;
            for id in &mut stems.forms[..usize::from(key.len)] {
                let info =
                    self.form_infos[*id as usize].expect("counted form");
                *id = match info.class {
                    Class::Content => info.stem,
                    _ => *id | 1 << 31,
                };
            }
            let e =
                merged.entry(stems).or_insert((0, 0, seen.start, seen.end));
            e.0 += seen.count;
            if seen.count > e.1 || (seen.count == e.1 && seen.start < e.2) {
                e.1 = seen.count;
                e.2 = seen.start;
                e.3 = seen.end;
            }
        }
        let mut phrases: Vec<PhraseCount> = merged
            .drain()
            .filter(|(_, (count, ..))| *count >= MIN_PHRASE_COUNT)
            .map(|(key, (count, _, start, end))| PhraseCount {
                stems: key.forms[..usize::from(key.len)]
                    .iter()
                    .copied()
                    .filter(|k| k & 1 << 31 == 0)
                    .collect(),
                text: phrase_text(&text[start..end]),
                count,
            })
            .collect();
        self.merged = merged;
        phrases.sort_by(|a, b| a.text.cmp(&b.text));
        phrases
    }
}

/// Whether the text between two tokens, `text[start..end]`, breaks a
/// phrase: anything but whitespace (NBSP included). Usually one ASCII
/// space, or nothing (`l’homme`), answered without slicing.
#[inline]
fn gap_breaks(text: &str, start: usize, end: usize) -> bool {
    match end - start {
        0 => return false,
        1 => return !is_ascii_space(text.as_bytes()[start]),
        _ => {}
    }
    let gap = &text[start..end];
    if gap.is_ascii() {
        return gap.bytes().any(|b| !is_ascii_space(b));
    }
    gap.chars().any(|c| !(c.is_whitespace() || c == '\u{A0}'))
}

/// Whether a digit follows `text[end..]` after spaces or tabs on the
/// same line (no-break spaces included): the year of "décembre 2007".
fn digit_follows(text: &str, end: usize) -> bool {
    let rest =
        text[end..].trim_start_matches([' ', '\t', '\u{A0}', '\u{202F}']);
    rest.as_bytes().first().is_some_and(u8::is_ascii_digit)
}

/// `char::is_whitespace` on ASCII: space and \t \n \v \f \r.
#[inline]
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r')
}

/// A phrase as shown: lower case, single spaces, apostrophes as written.
fn phrase_text(raw: &str) -> String {
    if is_shown_as_written(raw) {
        return raw.to_owned();
    }
    let mut out = String::with_capacity(raw.len());
    for (i, word) in raw.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if word.is_ascii() {
            let at = out.len();
            out.push_str(word);
            out[at..].make_ascii_lowercase();
        } else {
            out.extend(word.chars().flat_map(char::to_lowercase));
        }
    }
    out
}

/// Whether [`phrase_text`] of `raw` is `raw` itself, as it usually is:
/// no upper case, and words joined by single ASCII spaces. Answers
/// false on any character it does not know to be lower case and no
/// whitespace (then the general path decides).
fn is_shown_as_written(raw: &str) -> bool {
    let mut after_space = true;
    for c in raw.chars() {
        match c {
            ' ' if after_space => return false,
            ' ' => after_space = true,
            // ASCII whitespace but the space, and capitals.
            '\t'..='\r' | 'A'..='Z' => return false,
            // Other ASCII, Latin-1 lower case (`÷` is unchanged too),
            // `œ` and the typographic apostrophe: unchanged.
            '\0'..='\x7F' | 'ß'..='ÿ' | 'œ' | '’' => after_space = false,
            _ => return false,
        }
    }
    !after_space || raw.is_empty()
}

#[cfg(test)]
mod more_tests;
#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokens;

    /// The shortcut of [`phrase_text`] gives what the general path does.
    #[test]
    fn phrase_text_shortcut_agrees() {
        let general = |raw: &str| {
            let words: Vec<String> = raw
                .split_whitespace()
                .map(|w| w.chars().flat_map(char::to_lowercase).collect())
                .collect();
            words.join(" ")
        };
        for raw in [
            "communauté de pratique",
            "réunion d’équipe",
            "Réunion d'équipe",
            "plan  de travail",
            "plan de\ttravail",
            "cœur de l’œuvre",
            "x ÷ y",
            "ÉTÉ indien",
            "jardin\u{A0}partagé",
            " bord",
            "bord ",
            "",
            "straße où",
        ] {
            assert_eq!(phrase_text(raw), general(raw), "{raw:?}");
        }
        assert!(is_shown_as_written("réunion d’équipe"));
        assert!(!is_shown_as_written("Réunion d’équipe"));
    }

    pub(super) fn count(text: &str) -> (Counts, crate::stem::FrozenVocab) {
        let vocab = Vocab::new();
        let stop = Stopwords::french();
        let mut counter = Counter::new();
        for sentence in text.split_inclusive(['.', '?', '!']) {
            let base = sentence.as_ptr() as usize - text.as_ptr() as usize;
            let toks = tokens(sentence, base);
            counter.add_sentence(text, &toks, &stop, &vocab);
        }
        let counts = counter.finish(text);
        (counts, vocab.freeze())
    }

    #[test]
    fn stems_fold_forms_and_keep_the_frequent_surface() {
        let (c, vocab) = count(
            "Les communautés vivent. La communauté grandit. \
             Une communauté apprend.",
        );
        let t: Vec<(&str, u32)> = c
            .terms
            .iter()
            .filter(|t| vocab.form(t.surface).starts_with("commun"))
            .map(|t| (vocab.form(t.surface), t.count))
            .collect();
        assert_eq!(t, [("communauté", 3)]);
    }

    #[test]
    fn phrases_with_inner_connectors() {
        let (c, _) = count(
            "La communauté de pratique aide. Une communauté de pratique \
             grandit. Les communautés de pratique, enfin. \
             Le plan de travail et le plan de travail.",
        );
        let p: Vec<(&str, u32)> = c
            .phrases
            .iter()
            .map(|p| (p.text.as_str(), p.count))
            .collect();
        assert!(p.contains(&("communauté de pratique", 3)), "{p:?}");
        assert!(p.contains(&("plan de travail", 2)), "{p:?}");
        // Never ends on a connector, never crosses punctuation.
        assert!(p.iter().all(|(t, _)| !t.ends_with(" de")));
        assert!(p.iter().all(|(t, _)| !t.contains(',')));
    }

    /// The two-pass count gives what counting every phrase everywhere
    /// gives (that plain count is the test's reference).
    #[test]
    fn pruned_phrase_count_matches_the_full_count() {
        let text = "La communauté de pratique aide. Les communautés de \
                    pratique aident. Une communauté de la pratique vit. \
                    Le plan de travail du jour et le plan de travail. \
                    Le plan du travail. Réunion d’équipe, réunion \
                    d'équipe, réunion d’équipe du lundi matin. \
                    Réunion d’équipe du lundi matin, encore.";
        let vocab = Vocab::new();
        let stop = Stopwords::french();
        let mut counter = Counter::new();
        for sentence in text.split_inclusive(['.', '?', '!']) {
            let base = sentence.as_ptr() as usize - text.as_ptr() as usize;
            let toks = tokens(sentence, base);
            counter.add_sentence(text, &toks, &stop, &vocab);
        }
        // Count everything by forms, as before the pruning.
        let items = counter.items.clone();
        let mut full: FxHashMap<PhraseKey, PhraseSeen> = FxHashMap::default();
        for i in 0..items.len() {
            if items[i].info.class != Class::Content {
                continue;
            }
            let mut key = PhraseKey {
                len: 1,
                forms: [0; MAX_PHRASE_TOKENS],
            };
            key.forms[0] = items[i].info.form;
            let (mut words, mut connectors) = (1, 0);
            for (j, item) in items.iter().enumerate().skip(i + 1) {
                if item.breaks_before
                    || usize::from(key.len) == MAX_PHRASE_TOKENS
                {
                    break;
                }
                key.forms[usize::from(key.len)] = item.info.form;
                key.len += 1;
                match item.info.class {
                    Class::Stop => break,
                    Class::Connector => {
                        connectors += 1;
                        if connectors > MAX_CONNECTORS {
                            break;
                        }
                    }
                    Class::Content => {
                        connectors = 0;
                        words += 1;
                        full.entry(key)
                            .or_insert(PhraseSeen {
                                count: 0,
                                start: items[i].start,
                                end: items[j].end,
                            })
                            .count += 1;
                        if words == MAX_PHRASE_WORDS {
                            break;
                        }
                    }
                }
            }
        }
        let pruned = counter.finish(text).phrases;
        counter.phrases = full;
        let expected = counter.finish_phrases(text);
        assert!(expected.len() >= 4, "{expected:?}");
        assert_eq!(pruned, expected);
    }

    /// What may be a term, as a tagger would see it: the function words
    /// of an English quote, informal elisions (`y'a`) and container
    /// fences' words are not; English names and French homographs of
    /// English function words are.
    #[test]
    fn term_candidates() {
        let (c, vocab) = count(
            "Comme dit Linus : « Talk is cheap, show me the code ». \
             It's the best of both worlds, don't you think ? Let's \
             Encrypt et Webpack, that's it ; I'm sure we're fine. \
             Ça y'est, il y’a un an, y'en a eu q'un. Le but : un as, \
             une mine, un ours, les US. Un p'tit tour aujourd'hui à \
             Chronic'art et sur Google Chrome.",
        );
        let terms: Vec<&str> =
            c.terms.iter().map(|t| vocab.form(t.surface)).collect();
        for english in [
            "is", "me", "the", "it's", "of", "both", "don't", "you", "let's",
            "that's", "it", "i'm", "we're",
        ] {
            assert!(!terms.contains(&english), "{english} in {terms:?}");
        }
        for informal in ["y'est", "y'a", "y'en", "q'un", "y'", "q'"] {
            assert!(!terms.contains(&informal), "{informal} in {terms:?}");
        }
        for kept in [
            "talk",
            "cheap",
            "show",
            "code",
            "best",
            "worlds",
            "think",
            "encrypt",
            "webpack",
            "sure",
            "fine",
            "but",
            "an",
            "mine",
            "ours",
            "us",
            "p'tit",
            "chronic'art",
            "google",
            "chrome",
            "linus",
        ] {
            assert!(terms.contains(&kept), "{kept} not in {terms:?}");
        }
    }

    /// A month with a number beside it is a date's, no term; alone, or
    /// with punctuation between, it is a word like any other.
    #[test]
    fn months_of_dates_are_no_terms() {
        // (text, whether "mars"/"mai"/"décembre"/"août" is a term)
        let cases = [
            ("Les liens de la semaine (décembre 2007).", false),
            ("Rendez-vous le 3 mars au salon.", false),
            ("Le 1er mai est férié.", false),
            ("Publié le 14\u{A0}août.", false),
            ("Sortie en mars 2010 chez nous.", false),
            ("Ghosts of Mars est un film.", true),
            ("Le poisson d'avril de mai dernier.", true),
            ("La version 2, mars et ses lunes.", true),
            ("Il pleut en décembre.\n2007 fut sec.", true),
        ];
        for (text, kept) in cases {
            let (c, vocab) = count(text);
            let terms: Vec<&str> =
                c.terms.iter().map(|t| vocab.form(t.surface)).collect();
            let month = terms
                .iter()
                .any(|t| ["mars", "mai", "décembre", "août"].contains(t));
            assert_eq!(month, kept, "{text:?}: {terms:?}");
            // Still a word of the text.
            assert_eq!(c.words, count(&text.replace("mars", "x")).0.words);
        }
        // A phrase never runs through a date's month.
        let (c, _) = count(
            "Salon du livre mars 2010 à Paris. Salon du livre mars 2011.",
        );
        assert!(c.phrases.iter().all(|p| !p.text.contains("mars")));
    }

    #[test]
    fn words_exclude_elisions() {
        let (c, _) = count("L’homme a 175 000 $ d’économies.");
        // homme, a, 175 000 $, économies
        assert_eq!(c.words, 4);
    }

    /// A host name's ending, `www` and a scheme are no terms (the host's
    /// name is one), and they still count as words.
    #[test]
    fn address_pieces_count_as_words_only() {
        let text = "Le forum exemple.com rouvre. Sur exemple.com, le \
                    forum grandit. Voyez https://www.exemple.com demain.";
        let (c, vocab) = count(text);
        let terms: Vec<&str> =
            c.terms.iter().map(|t| vocab.form(t.surface)).collect();
        assert!(terms.contains(&"exemple"), "{terms:?}");
        for piece in ["com", "https", "www"] {
            assert!(!terms.contains(&piece), "{piece}: {terms:?}");
        }
        assert_eq!(c.words, tokens(text, 0).len() as u32);
    }
}
