//! The interrogative forms: their DESIGN names, a set of them per
//! sentence ([`Forms`]), the kind of a question, and the per-article
//! counts that serialise as the `forms` object.

use serde::ser::{Serialize, SerializeStruct, Serializer};

/// The twelve form names of DESIGN.md, in their fixed order.
pub const FORM_NAMES: [&str; 12] = [
    "qu_est_ce_que",
    "est_ce_que",
    "pourquoi",
    "comment",
    "quand",
    "ou",
    "combien",
    "quel",
    "qui",
    "quoi",
    "inversion",
    "intonation",
];

/// A set of interrogative forms (a bitset over the 12 names of
/// [`FORM_NAMES`]), iterable in DESIGN order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Forms(u16);

impl Forms {
    /// No form.
    pub const EMPTY: Forms = Forms(0);
    /// "qu’est-ce que/qui", also without the hyphen ("qu’est ce qu’").
    pub const QU_EST_CE_QUE: Forms = Forms(1 << 0);
    /// "est-ce que/qu’" outside "qu’est-ce que".
    pub const EST_CE_QUE: Forms = Forms(1 << 1);
    /// Interrogative "pourquoi".
    pub const POURQUOI: Forms = Forms(1 << 2);
    /// Interrogative "comment".
    pub const COMMENT: Forms = Forms(1 << 3);
    /// Interrogative "quand".
    pub const QUAND: Forms = Forms(1 << 4);
    /// Interrogative "où" (name `ou`).
    pub const OU: Forms = Forms(1 << 5);
    /// Interrogative "combien".
    pub const COMBIEN: Forms = Forms(1 << 6);
    /// quel/quelle/quels/quelles and lequel, laquelle, auquel, duquel…
    pub const QUEL: Forms = Forms(1 << 7);
    /// Interrogative "qui".
    pub const QUI: Forms = Forms(1 << 8);
    /// Interrogative "que"/"qu’"/"quoi" (and "ce que" after "savoir").
    pub const QUOI: Forms = Forms(1 << 9);
    /// Verb–subject pronoun inversion: "faites-vous", "a-t-il".
    pub const INVERSION: Forms = Forms(1 << 10);
    /// A `?` and no other marker: "Tu viens ?".
    pub const INTONATION: Forms = Forms(1 << 11);

    /// The form with this DESIGN name (`"pourquoi"`, `"ou"`…), if any.
    pub fn from_name(name: &str) -> Option<Forms> {
        FORM_NAMES
            .iter()
            .position(|n| *n == name)
            .map(|i| Forms(1 << i))
    }

    /// The raw bits, bit `i` standing for `FORM_NAMES[i]`.
    pub const fn bits(self) -> u16 {
        self.0
    }

    /// Both sets together.
    #[must_use]
    pub const fn union(self, other: Forms) -> Forms {
        Forms(self.0 | other.0)
    }

    /// Adds the forms of `other` to `self`.
    pub fn insert(&mut self, other: Forms) {
        self.0 |= other.0;
    }

    /// True when every form of `other` is in `self`.
    pub const fn contains(self, other: Forms) -> bool {
        self.0 & other.0 == other.0
    }

    /// True when the set holds no form.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// How many forms the set holds.
    pub const fn len(self) -> u32 {
        self.0.count_ones()
    }

    /// The names of the forms in the set, in DESIGN order.
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        FORM_NAMES
            .iter()
            .enumerate()
            .filter(move |(i, _)| self.0 & (1 << i) != 0)
            .map(|(_, n)| *n)
    }

    /// True when the form named `name` is in the set.
    pub fn contains_name(self, name: &str) -> bool {
        Forms::from_name(name).is_some_and(|f| self.contains(f))
    }
}

/// How a sentence holds its interrogative clause (issue 21).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Asked outright: ends with `?` ("Tu viens ?"), or has an
    /// unambiguous interrogative form without it ("Peut-on encore
    /// parler de vacances.", "Est-ce que quelqu’un a pensé aux
    /// chaises", "Que faire des feuilles mortes"), or is a question
    /// heading ("Comment installer Rust").
    Direct,
    /// Asked through a verb of asking: "je me demande si …", "on me
    /// demande souvent pourquoi …", "dites-moi où …", "je voudrais
    /// savoir si …".
    Indirect,
    /// An interrogative clause that asks nobody, under a verb of knowing,
    /// checking, explaining, showing or deciding: "il faut vérifier si
    /// …", "elle explique pourquoi …", "reste à savoir qui …", "cela
    /// montre à quel point …", "voici comment …".
    Embedded,
}

impl Kind {
    /// The JSON name: `"direct"`, `"indirect"` or `"embedded"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Kind::Direct => "direct",
            Kind::Indirect => "indirect",
            Kind::Embedded => "embedded",
        }
    }
}

/// Where a sentence sits, for the rules that depend on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// Running prose.
    Prose,
    /// A line inside a run of question lines: an inverted interrogative
    /// without `?` ("Qu’en retirez-vous") is a direct question there.
    List,
    /// A heading (Markdown `#`, HTML `h2`–`h6`, the title) or a short line
    /// standing alone: one that opens with an interrogative word or an
    /// inversion asks ("Comment installer Rust", "Faut-il arroser le
    /// soir").
    Heading,
}

/// Per-form counts; serialises as a JSON object whose keys are all twelve
/// [`FORM_NAMES`], in DESIGN order, zeros included.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FormCounts(pub [u32; 12]);

impl FormCounts {
    /// Adds one to every form of `forms`.
    pub fn add(&mut self, forms: Forms) {
        for (i, c) in self.0.iter_mut().enumerate() {
            if forms.0 & (1 << i) != 0 {
                *c += 1;
            }
        }
    }

    /// The count for the form named `name` (0 for an unknown name).
    pub fn get(&self, name: &str) -> u32 {
        FORM_NAMES
            .iter()
            .position(|n| *n == name)
            .map_or(0, |i| self.0[i])
    }

    /// `(name, count)` pairs in DESIGN order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, u32)> + '_ {
        FORM_NAMES.iter().copied().zip(self.0.iter().copied())
    }
}

/// As a struct of twelve fields (the JSON of a map with these keys):
/// its names are `&'static str`, which the output's writer keeps
/// escaped and indented from one article to the next.
impl Serialize for FormCounts {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_struct("FormCounts", FORM_NAMES.len())?;
        for (name, count) in self.iter() {
            map.serialize_field(name, &count)?;
        }
        map.end()
    }
}

/// The `forms` object: each of the twelve names, a count, and nothing
/// else (as [`FormCounts`] serialises).
impl schemars::JsonSchema for FormCounts {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "FormCounts".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let count = serde_json::json!({"type": "integer", "minimum": 0});
        let properties: serde_json::Map<String, serde_json::Value> =
            FORM_NAMES
                .iter()
                .map(|name| (name.to_string(), count.clone()))
                .collect();
        schemars::json_schema!({
            "description": "Questions using each form, once per sentence.",
            "type": "object",
            "properties": properties,
            "required": FORM_NAMES,
        })
    }
}

/// The schema of a sentence's `forms`: names among [`FORM_NAMES`], each
/// once.
pub(crate) fn form_names_schema(
    _: &mut schemars::SchemaGenerator,
) -> schemars::Schema {
    schemars::json_schema!({
        "type": "array",
        "items": {"enum": FORM_NAMES},
        "uniqueItems": true,
    })
}
