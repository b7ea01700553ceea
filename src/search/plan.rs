//! Query plans: a [`Parsed`] query → the tantivy queries that find and
//! rank its articles.
//!
//! Every word and phrase typed is a **unit**, analysed by the same chain
//! as the indexed text ([`super::analyzer::analyze`]) and matched at
//! three levels, which the ranking ([`super::hits`]) keeps apart:
//!
//! - **exact** (accents forgiven): the word's term, and the terms of
//!   every form of the lexicon that folds like it (`securite` reaches
//!   `sécurité`, whose Snowball stem differs from `securite`'s); a bare
//!   word also matches an author's name or a tag;
//! - **accents as typed**: for a word typed with accents, the articles
//!   holding it with these accents (`pêcher`, not `pécher`);
//! - **typo** (not with `--exact`, never in phrases): the forms of the
//!   lexicon within one edit of a word of 5 characters or more, two
//!   edits from 9, with the same first letter, an edit being a letter
//!   inserted, deleted, replaced, or two neighbours swapped (Damerau),
//!   as Meilisearch counts them.
//!
//! A compound matches whole or by its parts in sequence (`marc-antoine`
//! also finds « Marc Antoine »); a quoted phrase and a word that
//! analyses into several terms (`node.js`) match their terms in order.
//! A stopword is looked up among the stop terms of titles only: it ranks
//! without being required, unless the query holds nothing else; one that
//! no title holds is dropped and reported ([`Plan::ignored`]). Filters
//! (`tag:`, `date:`…) restrict without scoring; `title:x` restricts and
//! scores as a title match; `-x` excludes the exact matches of `x`.
//!
//! Scores within a level are BM25 over the fields, weighted: title
//! ×[`TITLE`], key terms, key phrases and tags ×[`KEY`], body and author
//! ×1; typo terms count ×[`TYPO`] of that.

use std::ops::Bound;

use rustc_hash::FxHashSet;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery,
    Query, RangeQuery, RegexPhraseQuery, TermQuery,
    wildcard_query_to_regex_str,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DateTime, Searcher, Term};

use super::analyzer::{
    self, FrenchTokenizer, Mode, Role, Scratch, folded, form_terms, keyword,
};
use super::lexicon::Lexicon;
use super::query::{Clause, Cmp, NumField, Parsed};
use super::schema::Fields;
use crate::tokenize::TokenKind;

/// Weight of a title match.
pub const TITLE: f32 = 3.0;
/// Weight of a key term, key phrase or tag match.
pub const KEY: f32 = 1.5;
/// Weight of a typo match, relative to an exact one in the same field.
pub const TYPO: f32 = 0.5;
/// Forms a typo may reach, at most, per word (the nearest, then the
/// most frequent).
const MAX_TYPO_FORMS: usize = 12;

/// Options of a query.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PlanOptions {
    /// No typo tolerance (`--exact`).
    pub exact: bool,
}

/// What the plan needs of the index.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    /// The index's fields.
    pub fields: &'a Fields,
    /// A searcher, for document frequencies.
    pub searcher: &'a Searcher,
    /// The lexicon.
    pub lexicon: &'a Lexicon,
}

/// One word or phrase of the query.
pub struct Unit {
    /// As typed.
    pub text: String,
    /// A stopword, looked up in titles only.
    pub stop: bool,
    /// The articles it matches without typo (accents forgiven).
    pub exact: Box<dyn Query>,
    /// The articles it matches through a typo (`None` without typo
    /// forms).
    pub typo: Option<Box<dyn Query>>,
    /// The articles holding it with the accents typed (`None` when it
    /// was typed without accents: every match is as typed).
    pub accents: Option<Box<dyn Query>>,
    /// The articles whose title holds it without typo.
    pub title: Box<dyn Query>,
    /// All its matches, BM25-scored with the field and level weights.
    pub scored: Box<dyn Query>,
    /// The forms its typo matches reach (nearest first).
    pub typo_forms: Vec<String>,
    /// Whether the index holds any of its terms, exact or typo.
    pub found: bool,
    /// The normalised form of a single word (for suggestions).
    pub form: Option<String>,
}

impl std::fmt::Debug for Unit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Unit")
            .field("text", &self.text)
            .field("stop", &self.stop)
            .field("typo_forms", &self.typo_forms)
            .field("found", &self.found)
            .finish()
    }
}

/// A query ready to run.
#[derive(Default)]
pub struct Plan {
    /// Filters and exclusions (`Must`, const-scored but for `title:`;
    /// `MustNot`).
    pub filters: Vec<(Occur, Box<dyn Query>)>,
    /// The words and phrases, in the order typed.
    pub units: Vec<Unit>,
    /// Words left out: stopwords no title holds, elided articles,
    /// single letters.
    pub ignored: Vec<String>,
}

impl std::fmt::Debug for Plan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Plan")
            .field("filters", &self.filters.len())
            .field("units", &self.units)
            .field("ignored", &self.ignored)
            .finish()
    }
}

impl Plan {
    /// Whether anything is left to search.
    pub fn is_empty(&self) -> bool {
        self.units.is_empty() && self.filters.is_empty()
    }

    /// Whether the units that rank are stopwords only (then they are
    /// required, as anything else would be).
    pub fn stops_only(&self) -> bool {
        self.units.iter().all(|u| u.stop)
    }

    /// The query that finds the candidates and scores them: the filters,
    /// at least one required unit, every unit scored.
    pub fn query(&self) -> Box<dyn Query> {
        let mut subs: Vec<(Occur, Box<dyn Query>)> = self
            .filters
            .iter()
            .map(|(o, q)| (*o, q.box_clone()))
            .collect();
        let stops_only = self.stops_only();
        let (required, optional): (Vec<&Unit>, Vec<&Unit>) =
            self.units.iter().partition(|u| !u.stop || stops_only);
        if !required.is_empty() {
            let any: Vec<Box<dyn Query>> =
                required.iter().map(|u| u.scored.box_clone()).collect();
            subs.push((Occur::Must, any_of(any)));
        }
        for u in optional {
            subs.push((Occur::Should, u.scored.box_clone()));
        }
        if !subs.iter().any(|(o, _)| *o == Occur::Must) {
            subs.push((
                Occur::Must,
                Box::new(ConstScoreQuery::new(Box::new(AllQuery), 0.0)),
            ));
        }
        Box::new(BooleanQuery::new(subs))
    }
}

fn term_query(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

/// The articles holding any of `terms` (unscored). A union of term
/// queries: tantivy's `TermSetQuery` builds an automaton per query,
/// which costs more than the search itself for a handful of terms.
fn set_of(terms: impl IntoIterator<Item = Term>) -> Box<dyn Query> {
    any_of(
        terms
            .into_iter()
            .map(|t| {
                Box::new(TermQuery::new(t, IndexRecordOption::Basic))
                    as Box<dyn Query>
            })
            .collect(),
    )
}

fn boosted(q: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    if boost == 1.0 {
        q
    } else {
        Box::new(BoostQuery::new(q, boost))
    }
}

fn any_of(mut queries: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    if queries.len() == 1 {
        return queries.pop().expect("one query");
    }
    Box::new(BooleanQuery::union(queries))
}

fn all_of(queries: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    Box::new(BooleanQuery::intersection(queries))
}

/// One term of an analysed query, owned.
#[derive(Clone, Debug)]
struct QueryTerm {
    term: String,
    accented: Option<String>,
    form: String,
    role: Role,
    position: usize,
}

/// A phrase position: the terms any of which may stand there.
type Slot = (usize, Vec<String>);

/// A phrase (or a single term) in one field; each position may hold any
/// of its terms.
fn phrase_in(field: Field, slots: &[Slot]) -> Box<dyn Query> {
    if let [(_, terms)] = slots {
        return any_of(terms.iter().map(|t| term_query(field, t)).collect());
    }
    let first = slots[0].0;
    if slots.iter().all(|(_, t)| t.len() == 1) {
        return Box::new(PhraseQuery::new_with_offset(
            slots
                .iter()
                .map(|(p, t)| (p - first, Term::from_field_text(field, &t[0])))
                .collect(),
        ));
    }
    let patterns = slots
        .iter()
        .map(|(p, terms)| {
            let alternatives: Vec<String> = terms
                .iter()
                .map(|t| wildcard_query_to_regex_str(t))
                .collect();
            (p - first, alternatives.join("|"))
        })
        .collect();
    Box::new(RegexPhraseQuery::new_with_offset(field, patterns))
}

/// The terms of `form` (whose own term is `term`) and of every form of
/// the lexicon folding like it, `term` first.
fn variants(lexicon: &Lexicon, term: &str, form: &str) -> Vec<String> {
    let mut out = vec![term.to_string()];
    for w in lexicon.forms(&folded(form)) {
        if let Some(t) = form_terms(&w.form, TokenKind::Word).term
            && !out.iter().any(|o| **o == *t)
        {
            out.push(t.into());
        }
    }
    out
}

/// A hyphenated `word` as the text writes it: the tokenizer reads
/// `celui-la` as `celui` + the pronoun `la` (as in `donne-la`) but
/// `celui-là` as one compound, so a compound typed without its accents
/// is first given the accents of its most frequent form in the lexicon;
/// and it is put in lower case, as the tokenizer's rules are written.
fn retyped<'w>(lexicon: &Lexicon, word: &'w str) -> std::borrow::Cow<'w, str> {
    if !word.contains(['-', '\u{2010}', '\u{2011}']) {
        return word.into();
    }
    let mut normal = String::new();
    crate::normalize::normalize_into(word, &mut normal);
    let forms = lexicon.forms(&folded(&normal));
    if forms.is_empty() || forms.iter().any(|w| w.form == normal) {
        // In lower case: the tokenizer knows `c.-à-d.`, not `C.-À-D.`.
        return normal.into();
    }
    let best = forms
        .into_iter()
        .max_by_key(|w| (w.df, std::cmp::Reverse(w.form.clone())))
        .expect("not empty");
    best.form.into()
}

/// The terms a word typed alone matches without typo: what the chain
/// makes of it and of the lexicon's forms folding like it (for a
/// compound, of its whole and of its parts). What [`plan`] looks up,
/// for tests and tools that check the index against the text.
pub fn word_terms(lexicon: &Lexicon, word: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let word = retyped(lexicon, word);
    analyzer::analyze(&word, Mode::Title, &mut Scratch::default(), |a| {
        let found = if a.role == Role::Stop {
            vec![a.term.to_string()]
        } else {
            variants(lexicon, a.term, a.form)
        };
        for t in found {
            if !out.contains(&t) {
                out.push(t);
            }
        }
    });
    out
}

/// Builds plans; keeps the analysis buffers.
struct Planner<'a> {
    cx: Context<'a>,
    options: PlanOptions,
    scratch: Scratch,
    names: FrenchTokenizer,
}

/// Builds the plan of `parsed`.
pub fn plan(parsed: &Parsed, cx: Context<'_>, options: PlanOptions) -> Plan {
    let mut p = Planner {
        cx,
        options,
        scratch: Scratch::default(),
        names: FrenchTokenizer::names(),
    };
    let mut plan = Plan::default();
    for (negated, clause) in &parsed.clauses {
        match clause {
            Clause::Word(w) | Clause::Phrase(w) => {
                let quoted = matches!(clause, Clause::Phrase(_));
                let units = p.units(w, quoted, false, &mut plan.ignored);
                for u in units {
                    if *negated {
                        plan.filters.push((Occur::MustNot, u.exact));
                    } else {
                        plan.units.push(u);
                    }
                }
            }
            // `title:` restricts: required, and scored like a title
            // match.
            Clause::Title(w) => {
                let units = p.units(w, true, true, &mut plan.ignored);
                for u in units {
                    if *negated {
                        plan.filters.push((Occur::MustNot, u.exact));
                    } else {
                        plan.filters.push((Occur::Must, u.scored));
                    }
                }
            }
            filter => {
                let Some(q) = p.filter(filter) else { continue };
                let occur = if *negated {
                    Occur::MustNot
                } else {
                    Occur::Must
                };
                let q: Box<dyn Query> = if *negated {
                    q
                } else {
                    Box::new(ConstScoreQuery::new(q, 0.0))
                };
                plan.filters.push((occur, q));
            }
        }
    }
    plan
}

impl Planner<'_> {
    /// Whether some article holds `term` in `field`.
    fn holds(&self, field: Field, term: &str) -> bool {
        let term = Term::from_field_text(field, term);
        self.cx.searcher.doc_freq(&term).is_ok_and(|n| n > 0)
    }

    /// The text fields a word is looked up in, with their weights.
    fn text_fields(&self, title_only: bool) -> Vec<(Field, f32)> {
        let f = self.cx.fields;
        if title_only {
            vec![(f.title, TITLE)]
        } else {
            vec![
                (f.title, TITLE),
                (f.body, 1.0),
                (f.key_terms, KEY),
                (f.key_phrases, KEY),
            ]
        }
    }

    fn variants(&self, term: &str, form: &str) -> Vec<String> {
        variants(self.cx.lexicon, term, form)
    }

    /// The units of a word, a quoted phrase or a `title:` value.
    fn units(
        &mut self,
        text: &str,
        quoted: bool,
        title_only: bool,
        ignored: &mut Vec<String>,
    ) -> Vec<Unit> {
        let mut terms = Vec::new();
        let retyped = retyped(self.cx.lexicon, text);
        analyzer::analyze(&retyped, Mode::Title, &mut self.scratch, |a| {
            terms.push(QueryTerm {
                term: a.term.to_string(),
                accented: a.accented.map(str::to_string),
                form: a.form.to_string(),
                role: a.role,
                position: a.position,
            });
        });
        let content: Vec<QueryTerm> = terms
            .iter()
            .filter(|t| t.role != Role::Stop)
            .cloned()
            .collect();
        if content.is_empty() {
            return self.stop_units(text, &terms, ignored);
        }
        let wholes = content.iter().filter(|t| t.role == Role::Whole).count();
        let words = content.iter().filter(|t| t.role == Role::Word).count();
        match (words, wholes) {
            (1, 0) => vec![self.word(text, &content[0], quoted, title_only)],
            (0, 1) => vec![self.compound(text, &content, title_only)],
            _ => vec![self.phrase(text, &content, title_only)],
        }
    }

    /// Stopwords typed alone: each a unit over the stop terms of titles,
    /// or ignored when no title holds it.
    fn stop_units(
        &self,
        text: &str,
        terms: &[QueryTerm],
        ignored: &mut Vec<String>,
    ) -> Vec<Unit> {
        let title = self.cx.fields.title;
        let mut units = Vec::new();
        let mut seen = FxHashSet::default();
        for t in terms {
            if !seen.insert(t.term.clone()) {
                continue;
            }
            if !self.holds(title, &t.term) {
                ignored.push(t.form.clone());
                continue;
            }
            units.push(Unit {
                text: t.form.clone(),
                stop: true,
                exact: term_query(title, &t.term),
                typo: None,
                accents: None,
                title: term_query(title, &t.term),
                scored: boosted(term_query(title, &t.term), TITLE),
                typo_forms: Vec::new(),
                found: true,
                form: Some(t.form.clone()),
            });
        }
        if terms.is_empty() {
            ignored.push(text.to_string());
        }
        units
    }

    /// A single word: exact terms, accents as typed, typo forms.
    fn word(
        &mut self,
        text: &str,
        t: &QueryTerm,
        quoted: bool,
        title_only: bool,
    ) -> Unit {
        let f = *self.cx.fields;
        let fields = self.text_fields(title_only);
        let exact_terms = self.variants(&t.term, &t.form);
        let folded_form = folded(&t.form);
        let mut typo_forms = Vec::new();
        let mut typo_terms: Vec<String> = Vec::new();
        let length = folded_form.chars().count();
        let max = match length {
            _ if self.options.exact || quoted => 0,
            9.. => 2,
            5.. => 1,
            _ => 0,
        };
        let numeric = !t.form.chars().any(char::is_alphabetic);
        if max > 0 && !numeric {
            for w in self.cx.lexicon.near(&folded_form, max, true) {
                if w.distance == 0 || typo_forms.len() == MAX_TYPO_FORMS {
                    continue;
                }
                let Some(term) = form_terms(&w.form, TokenKind::Word).term
                else {
                    continue;
                };
                typo_forms.push(w.form);
                if !exact_terms.iter().any(|e| **e == *term)
                    && !typo_terms.iter().any(|e| **e == *term)
                {
                    typo_terms.push(term.into());
                }
            }
        }
        let mut exact_set: Vec<Term> = Vec::new();
        let mut scored: Vec<Box<dyn Query>> = Vec::new();
        let mut found = false;
        for &(field, weight) in &fields {
            for term in &exact_terms {
                found = found || self.holds(field, term);
                exact_set.push(Term::from_field_text(field, term));
                scored.push(boosted(term_query(field, term), weight));
            }
            for term in &typo_terms {
                scored.push(boosted(term_query(field, term), weight * TYPO));
            }
        }
        if !quoted && !title_only {
            // A bare word also names an author or a tag.
            let names = self.names.terms(text);
            if let [(_, name)] = names.as_slice() {
                found = found || self.holds(f.author, name);
                exact_set.push(Term::from_field_text(f.author, name));
                scored.push(term_query(f.author, name));
            }
            let tag = keyword(text);
            if !tag.is_empty() {
                found = found || self.holds(f.tags, &tag);
                exact_set.push(Term::from_field_text(f.tags, &tag));
                scored.push(boosted(term_query(f.tags, &tag), KEY));
            }
        }
        let typo: Option<Box<dyn Query>> =
            (!typo_terms.is_empty()).then(|| {
                let set = fields.iter().flat_map(|&(field, _)| {
                    typo_terms
                        .iter()
                        .map(move |t| Term::from_field_text(field, t))
                });
                set_of(set)
            });
        let accents = t.accented.as_deref().map(|a| term_query(f.accents, a));
        let title = set_of(
            exact_terms
                .iter()
                .map(|t| Term::from_field_text(f.title, t)),
        );
        Unit {
            text: text.to_string(),
            stop: false,
            exact: set_of(exact_set),
            typo,
            accents,
            title,
            scored: any_of(scored),
            found: found || !typo_terms.is_empty(),
            typo_forms,
            form: Some(t.form.clone()),
        }
    }

    /// A hyphenated compound: whole, or its parts in sequence.
    fn compound(
        &self,
        text: &str,
        terms: &[QueryTerm],
        title_only: bool,
    ) -> Unit {
        let whole = terms
            .iter()
            .find(|t| t.role == Role::Whole)
            .expect("a compound has its whole");
        let slots: Vec<Slot> = terms
            .iter()
            .filter(|t| t.role == Role::Part)
            .map(|t| (t.position, self.variants(&t.term, &t.form)))
            .collect();
        let whole_terms = self.variants(&whole.term, &whole.form);
        let title_field = self.cx.fields.title;
        let mut title: Vec<Box<dyn Query>> = whole_terms
            .iter()
            .map(|t| term_query(title_field, t))
            .collect();
        if !slots.is_empty() {
            title.push(phrase_in(title_field, &slots));
        }
        let mut exact: Vec<Box<dyn Query>> = Vec::new();
        let mut scored: Vec<Box<dyn Query>> = Vec::new();
        let mut found = false;
        for (field, weight) in self.text_fields(title_only) {
            for t in &whole_terms {
                found = found || self.holds(field, t);
                exact.push(term_query(field, t));
                scored.push(boosted(term_query(field, t), weight));
            }
            if !slots.is_empty() && field != self.cx.fields.key_terms {
                found = found
                    || slots.iter().all(|(_, ts)| {
                        ts.iter().any(|t| self.holds(field, t))
                    });
                exact.push(phrase_in(field, &slots));
                scored.push(boosted(phrase_in(field, &slots), weight));
            }
        }
        Unit {
            text: text.to_string(),
            stop: false,
            exact: any_of(exact),
            typo: None,
            accents: None,
            title: any_of(title),
            scored: any_of(scored),
            typo_forms: Vec::new(),
            found,
            form: None,
        }
    }

    /// Terms in sequence: a quoted phrase, or a word that analyses into
    /// several terms.
    fn phrase(
        &self,
        text: &str,
        terms: &[QueryTerm],
        title_only: bool,
    ) -> Unit {
        // A compound inside a phrase stands by its parts.
        let slots: Vec<Slot> = terms
            .iter()
            .filter(|t| t.role != Role::Whole)
            .map(|t| (t.position, self.variants(&t.term, &t.form)))
            .collect();
        let mut exact: Vec<Box<dyn Query>> = Vec::new();
        let mut scored: Vec<Box<dyn Query>> = Vec::new();
        let mut found = false;
        for (field, weight) in self.text_fields(title_only) {
            if field == self.cx.fields.key_terms {
                continue;
            }
            found = found
                || slots
                    .iter()
                    .all(|(_, ts)| ts.iter().any(|t| self.holds(field, t)));
            exact.push(phrase_in(field, &slots));
            scored.push(boosted(phrase_in(field, &slots), weight));
        }
        Unit {
            text: text.to_string(),
            stop: false,
            exact: any_of(exact),
            typo: None,
            accents: None,
            title: phrase_in(self.cx.fields.title, &slots),
            scored: any_of(scored),
            typo_forms: Vec::new(),
            found,
            form: None,
        }
    }

    fn keyword(&self, field: Field, value: &str) -> Option<Box<dyn Query>> {
        let key = keyword(value);
        (!key.is_empty()).then(|| term_query(field, &key))
    }

    /// The query of a filter clause; `None` when nothing of it is left
    /// after analysis.
    fn filter(&mut self, clause: &Clause) -> Option<Box<dyn Query>> {
        let f = self.cx.fields;
        let q = match clause {
            Clause::Word(_) | Clause::Phrase(_) | Clause::Title(_) => {
                return None;
            }
            Clause::Tag(t) => self.keyword(f.tags, t)?,
            Clause::Series(s) => self.keyword(f.series, s)?,
            Clause::Form(form) => self.keyword(f.forms, form)?,
            Clause::Author(a) => {
                let terms = self.names.terms(a);
                if terms.is_empty() {
                    return None;
                }
                let each = terms
                    .iter()
                    .map(|(_, t)| term_query(f.author, t))
                    .collect();
                all_of(each)
            }
            Clause::Id(id) => term_query(f.id, id),
            Clause::Number(field, cmp, n) => {
                let field = match field {
                    NumField::Questions => f.questions,
                    NumField::Direct => f.direct,
                    NumField::Indirect => f.indirect,
                    NumField::Embedded => f.embedded,
                    NumField::Part => f.part,
                };
                let t = |v: u64| Term::from_field_u64(field, v);
                let (lo, hi) = match cmp {
                    Cmp::Gt => (Bound::Excluded(t(*n)), Bound::Unbounded),
                    Cmp::Ge => (Bound::Included(t(*n)), Bound::Unbounded),
                    Cmp::Lt => (Bound::Unbounded, Bound::Excluded(t(*n))),
                    Cmp::Le => (Bound::Unbounded, Bound::Included(t(*n))),
                    Cmp::Eq => {
                        (Bound::Included(t(*n)), Bound::Included(t(*n)))
                    }
                };
                Box::new(RangeQuery::new(lo, hi))
            }
            Clause::Date(cmp, first, past) => {
                let t = |days: i64| {
                    Term::from_field_date(
                        f.date,
                        DateTime::from_timestamp_secs(days * 86_400),
                    )
                };
                let (lo, hi) = match cmp {
                    Cmp::Gt => (Bound::Included(t(*past)), Bound::Unbounded),
                    Cmp::Ge => (Bound::Included(t(*first)), Bound::Unbounded),
                    Cmp::Lt => (Bound::Unbounded, Bound::Excluded(t(*first))),
                    Cmp::Le => (Bound::Unbounded, Bound::Excluded(t(*past))),
                    Cmp::Eq => {
                        (Bound::Included(t(*first)), Bound::Excluded(t(*past)))
                    }
                };
                Box::new(RangeQuery::new(lo, hi))
            }
        };
        Some(q)
    }
}
