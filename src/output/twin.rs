//! A serde serializer that writes one value's pretty JSON and its compact
//! JSON side by side, byte for byte what `serde_json::to_vec_pretty` and
//! `serde_json::to_vec` write, in one pass and without serde_json's
//! per-event formatter calls: an article's file and its `articles.jsonl`
//! line are most of the bytes a run writes.
//!
//! Each string is escaped once (serde_json's rules: `"`, `\` and the
//! control characters below U+0020, nothing else) and copied to the other
//! side; floats and integers go through serde_json's own
//! [`CompactFormatter`], so numbers are written exactly as it writes them.
//! A struct's keys are written once per thread and depth and copied
//! from then on ([`Keys`]).
//! Shapes the output types never use (enum variants with data, maps whose
//! keys are not strings, byte strings) are refused with [`Unsupported`]:
//! the caller then falls back to serde_json itself.

use serde::ser::{self, Impossible, Serialize};
use serde_json::ser::{CompactFormatter, Formatter};

/// The value has a shape this serializer leaves to serde_json (or its
/// `Serialize` failed).
#[derive(Debug)]
pub(super) struct Unsupported(String);

impl std::fmt::Display for Unsupported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Unsupported(msg.to_string())
    }
}

fn unsupported(what: &str) -> Unsupported {
    Unsupported(format!("{what} is left to serde_json"))
}

/// Appends `value`'s pretty JSON (two-space indent) to `pretty` and its
/// compact JSON to `compact`. On error both may hold a partial value.
pub(super) fn write_both<T: ?Sized + Serialize>(
    value: &T,
    pretty: &mut Vec<u8>,
    compact: &mut Vec<u8>,
) -> Result<(), Unsupported> {
    KEYS.with_borrow_mut(|keys| {
        let mut twin = Twin {
            pretty,
            compact,
            depth: 0,
            keys,
        };
        value.serialize(&mut twin)
    })
}

thread_local! {
    /// Each thread's written struct keys, kept from one value to the
    /// next: every article has the same few dozen.
    static KEYS: std::cell::RefCell<Keys> =
        std::cell::RefCell::new(Keys::default());
}

/// The two outputs, the pretty side's nesting depth and the struct keys
/// already written.
struct Twin<'a> {
    pretty: &'a mut Vec<u8>,
    compact: &'a mut Vec<u8>,
    depth: usize,
    keys: &'a mut Keys,
}

/// Slots of [`Keys`]: a few times the keys of the output types (at
/// their depths), so that probes stay short.
const KEY_SLOTS: usize = 256;

/// What a struct field's key writes on each side at one depth (comma,
/// new line, indent, quoted key, colon), kept by the address of the
/// key: field names are `&'static str`, so an address and a length
/// always name the same bytes. Each key is escaped and indented once
/// instead of at every field of every article (most of the strings an
/// article's JSON holds are keys).
#[derive(Default)]
struct Keys {
    slots: Vec<KeySlot>,
    /// Slots holding a key.
    used: usize,
}

#[derive(Default)]
struct KeySlot {
    /// The key's address and length, and the depth it was written at
    /// (address 0: empty).
    at: usize,
    len: usize,
    depth: usize,
    /// `,\n`, the indent, `"key": ` (its first `pretty_len` bytes),
    /// then [`PAD`] zeros.
    pretty: Vec<u8>,
    pretty_len: usize,
    /// `,"key":` (its first `compact_len` bytes), then [`PAD`] zeros.
    compact: Vec<u8>,
    compact_len: usize,
}

/// What a [`KeySlot`]'s bytes are padded with, so that a key is copied
/// in one fixed-size copy ([`extend_padded`]).
const PAD: usize = 32;

/// Appends `bytes[from..to]`. `bytes` must go on for [`PAD`] bytes past
/// `from`: when `to - from` is at most that, exactly `PAD` bytes are
/// copied (a copy of known size, done inline instead of a call to
/// `memcpy`) and the excess is dropped again.
#[inline]
fn extend_padded(out: &mut Vec<u8>, bytes: &[u8], from: usize, to: usize) {
    let len = out.len();
    match bytes.get(from..from + PAD) {
        Some(block) if to - from <= PAD => {
            out.extend_from_slice(block);
            out.truncate(len + (to - from));
        }
        _ => out.extend_from_slice(&bytes[from..to]),
    }
}

impl Keys {
    /// The slot holding `key` at `depth`, filled by `fill` into empty
    /// buffers when there is none yet. Open addressing: a key is in the
    /// first slot holding it or empty from its hash on, and the table is
    /// emptied whole when three quarters full, so that every key of the
    /// output types keeps its slot.
    #[inline]
    fn slot(
        &mut self,
        key: &'static str,
        depth: usize,
        fill: impl FnOnce(&mut Vec<u8>, &mut Vec<u8>),
    ) -> &KeySlot {
        if self.slots.is_empty() {
            self.slots.resize_with(KEY_SLOTS, KeySlot::default);
        }
        let at = key.as_ptr() as usize;
        // Keys lie side by side in the binary, a few bytes apart: the
        // top bits of a multiplicative hash spread them.
        let hash = (at as u64 ^ (depth as u64) << 48)
            .wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let home = (hash >> 56) as usize % KEY_SLOTS;
        let mut i = home;
        loop {
            let slot = &self.slots[i];
            if slot.at == at && slot.len == key.len() && slot.depth == depth {
                return &self.slots[i];
            }
            if slot.at == 0 {
                break;
            }
            i = (i + 1) % KEY_SLOTS;
        }
        self.insert(i, home, key, depth, fill)
    }

    /// Fills the empty slot `i` (or, when the table is three quarters
    /// full, `home` of the emptied table) with `key` at `depth`. Out of
    /// line: [`Keys::slot`] is inlined where keys are written.
    #[cold]
    #[inline(never)]
    fn insert(
        &mut self,
        mut i: usize,
        home: usize,
        key: &'static str,
        depth: usize,
        fill: impl FnOnce(&mut Vec<u8>, &mut Vec<u8>),
    ) -> &KeySlot {
        let at = key.as_ptr() as usize;
        if self.used * 4 >= KEY_SLOTS * 3 {
            for slot in &mut self.slots {
                slot.at = 0;
            }
            self.used = 0;
            i = home;
        }
        self.used += 1;
        let slot = &mut self.slots[i];
        slot.at = at;
        slot.len = key.len();
        slot.depth = depth;
        slot.pretty.clear();
        slot.compact.clear();
        fill(&mut slot.pretty, &mut slot.compact);
        slot.pretty_len = slot.pretty.len();
        slot.compact_len = slot.compact.len();
        slot.pretty.resize(slot.pretty_len + PAD, 0);
        slot.compact.resize(slot.compact_len + PAD, 0);
        slot
    }
}

impl Twin<'_> {
    /// The same bytes on both sides.
    fn both(&mut self, bytes: &[u8]) {
        self.pretty.extend_from_slice(bytes);
        self.compact.extend_from_slice(bytes);
    }

    /// `s` as a JSON string on both sides, escaped once.
    fn string(&mut self, s: &str) {
        let from = self.compact.len();
        escape_into(self.compact, s);
        self.pretty.extend_from_slice(&self.compact[from..]);
    }

    /// A number as serde_json's compact formatter writes it (the pretty
    /// formatter writes numbers the same way).
    fn number(
        &mut self,
        write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>,
    ) {
        let from = self.compact.len();
        write(self.compact).expect("writing to a Vec cannot fail");
        self.pretty.extend_from_slice(&self.compact[from..]);
    }

    fn open(&mut self, bracket: u8) {
        self.both(&[bracket]);
        self.depth += 1;
    }

    /// Before an array element or an object key: a comma after the
    /// first, and on the pretty side a new line indented.
    fn element(&mut self, first: bool) {
        if first {
            self.pretty.push(b'\n');
        } else {
            self.compact.push(b',');
            self.pretty.extend_from_slice(b",\n");
        }
        self.indent();
    }

    /// After the last element: an empty array or object stays `[]` or
    /// `{}` on both sides.
    fn close(&mut self, bracket: u8, empty: bool) {
        self.depth -= 1;
        if !empty {
            self.pretty.push(b'\n');
            self.indent();
        }
        self.both(&[bracket]);
    }

    fn indent(&mut self) {
        // Two spaces a level, in one copy for the usual depths.
        const SPACES: &[u8; 32] = b"                                ";
        let mut width = 2 * self.depth;
        while width > 0 {
            let n = width.min(SPACES.len());
            self.pretty.extend_from_slice(&SPACES[..n]);
            width -= n;
        }
    }

    /// A struct field's key, from [`Keys`] after its first time at
    /// this depth: the same bytes as [`Twin::element`],
    /// [`Twin::string`] and [`Twin::colon`] write.
    #[inline(always)]
    fn key(&mut self, first: bool, key: &'static str) {
        let depth = self.depth;
        let slot = self.keys.slot(key, depth, |pretty, compact| {
            let mut keys = Keys::default();
            let mut alone = Twin {
                pretty,
                compact,
                depth,
                keys: &mut keys,
            };
            alone.element(false);
            alone.string(key);
            alone.colon();
        });
        // The first field has no comma on either side.
        let skip = usize::from(first);
        extend_padded(self.pretty, &slot.pretty, skip, slot.pretty_len);
        extend_padded(self.compact, &slot.compact, skip, slot.compact_len);
    }

    /// Between a key and its value.
    fn colon(&mut self) {
        self.compact.push(b':');
        self.pretty.extend_from_slice(b": ");
    }
}

/// `s` quoted and escaped as serde_json escapes it.
fn escape_into(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    if !any_to_escape(bytes) {
        // Nearly every string: one copy.
        out.extend_from_slice(bytes);
        out.push(b'"');
        return;
    }
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b >= 0x20 && b != b'"' && b != b'\\' {
            continue;
        }
        out.extend_from_slice(&bytes[start..i]);
        start = i + 1;
        let short = match b {
            b'"' => b'"',
            b'\\' => b'\\',
            0x08 => b'b',
            0x09 => b't',
            0x0a => b'n',
            0x0c => b'f',
            0x0d => b'r',
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(&[
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX[usize::from(b >> 4)],
                    HEX[usize::from(b & 0xf)],
                ]);
                continue;
            }
        };
        out.extend_from_slice(&[b'\\', short]);
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

/// Whether any byte of `bytes` needs escaping: eight at a time, without
/// a branch per byte (keys and values are mostly a few dozen bytes, so
/// the tail is padded into a word too).
fn any_to_escape(bytes: &[u8]) -> bool {
    let word = |at: usize| {
        u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"))
    };
    let n = bytes.len();
    if n < 8 {
        // Short words: one word of bytes read in place, without a copy
        // into a padded buffer. From 4 bytes on, the first four and the
        // last four (overlapping) cover them all; under 4, the first,
        // middle and last do, padded with a byte that needs nothing.
        let half = |at: usize| {
            u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes"))
        };
        let word = if n >= 4 {
            u64::from(half(0)) | u64::from(half(n - 4)) << 32
        } else if n > 0 {
            let (a, b, c) = (bytes[0], bytes[n / 2], bytes[n - 1]);
            u64::from_le_bytes([a, b, c, b'a', b'a', b'a', b'a', b'a'])
        } else {
            return false;
        };
        return escapes(word) != 0;
    }
    let mut found = 0;
    let mut at = 0;
    while at + 8 <= bytes.len() {
        found |= escapes(word(at));
        at += 8;
    }
    // The last eight bytes, overlapping the words already read.
    (found | escapes(word(bytes.len() - 8))) != 0
}

/// Non-zero when any of the eight bytes of `word` is below 0x20, `"` or
/// `\\`. Exact: the borrow of a subtraction only runs into higher bytes
/// once a lower byte already matched, so a clean word never reports one.
fn escapes(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let below = |x: u64, n: u8| x.wrapping_sub(ONES * u64::from(n)) & !x;
    let zero = |x: u64| below(x, 1);
    (below(word, 0x20)
        | zero(word ^ (ONES * 0x22))
        | zero(word ^ (ONES * 0x5c)))
        & HIGHS
}

/// An array, object or struct being written.
struct Compound<'t, 'a> {
    twin: &'t mut Twin<'a>,
    first: bool,
}

impl Compound<'_, '_> {
    fn next(&mut self) -> bool {
        std::mem::replace(&mut self.first, false)
    }
}

macro_rules! numbers {
    ($($method:ident($ty:ty) => $write:ident;)*) => {$(
        fn $method(self, value: $ty) -> Result<(), Unsupported> {
            self.number(|w| CompactFormatter.$write(w, value));
            Ok(())
        }
    )*};
}

impl<'t, 'a> ser::Serializer for &'t mut Twin<'a> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Compound<'t, 'a>;
    type SerializeTuple = Compound<'t, 'a>;
    type SerializeTupleStruct = Compound<'t, 'a>;
    type SerializeTupleVariant = Impossible<(), Unsupported>;
    type SerializeMap = Compound<'t, 'a>;
    type SerializeStruct = Compound<'t, 'a>;
    type SerializeStructVariant = Impossible<(), Unsupported>;

    numbers! {
        serialize_i8(i8) => write_i8;
        serialize_i16(i16) => write_i16;
        serialize_i32(i32) => write_i32;
        serialize_i64(i64) => write_i64;
        serialize_i128(i128) => write_i128;
        serialize_u8(u8) => write_u8;
        serialize_u16(u16) => write_u16;
        serialize_u32(u32) => write_u32;
        serialize_u64(u64) => write_u64;
        serialize_u128(u128) => write_u128;
    }

    fn serialize_bool(self, value: bool) -> Result<(), Unsupported> {
        self.both(if value { b"true" } else { b"false" });
        Ok(())
    }

    fn serialize_f32(self, value: f32) -> Result<(), Unsupported> {
        // serde_json writes a NaN or an infinity as null.
        if value.is_finite() {
            self.number(|w| CompactFormatter.write_f32(w, value));
            Ok(())
        } else {
            self.serialize_unit()
        }
    }

    fn serialize_f64(self, value: f64) -> Result<(), Unsupported> {
        if value.is_finite() {
            self.number(|w| {
                super::number::write_f64(w, value);
                Ok(())
            });
            Ok(())
        } else {
            self.serialize_unit()
        }
    }

    fn serialize_char(self, value: char) -> Result<(), Unsupported> {
        self.string(value.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_str(self, value: &str) -> Result<(), Unsupported> {
        self.string(value);
        Ok(())
    }

    fn serialize_bytes(self, _: &[u8]) -> Result<(), Unsupported> {
        Err(unsupported("a byte string"))
    }

    fn serialize_none(self) -> Result<(), Unsupported> {
        self.serialize_unit()
    }

    fn serialize_some<T: ?Sized + Serialize>(
        self,
        value: &T,
    ) -> Result<(), Unsupported> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Unsupported> {
        self.both(b"null");
        Ok(())
    }

    fn serialize_unit_struct(
        self,
        _: &'static str,
    ) -> Result<(), Unsupported> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Unsupported> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Unsupported> {
        Err(unsupported("an enum variant with data"))
    }

    fn serialize_seq(
        self,
        _: Option<usize>,
    ) -> Result<Compound<'t, 'a>, Unsupported> {
        self.open(b'[');
        Ok(Compound {
            twin: self,
            first: true,
        })
    }

    fn serialize_tuple(
        self,
        len: usize,
    ) -> Result<Compound<'t, 'a>, Unsupported> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        len: usize,
    ) -> Result<Compound<'t, 'a>, Unsupported> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unsupported> {
        Err(unsupported("an enum variant with data"))
    }

    fn serialize_map(
        self,
        _: Option<usize>,
    ) -> Result<Compound<'t, 'a>, Unsupported> {
        self.open(b'{');
        Ok(Compound {
            twin: self,
            first: true,
        })
    }

    fn serialize_struct(
        self,
        _: &'static str,
        len: usize,
    ) -> Result<Compound<'t, 'a>, Unsupported> {
        self.serialize_map(Some(len))
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unsupported> {
        Err(unsupported("an enum variant with data"))
    }
}

impl ser::SerializeSeq for Compound<'_, '_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_element<T: ?Sized + Serialize>(
        &mut self,
        value: &T,
    ) -> Result<(), Unsupported> {
        let first = self.next();
        self.twin.element(first);
        value.serialize(&mut *self.twin)
    }

    fn end(self) -> Result<(), Unsupported> {
        self.twin.close(b']', self.first);
        Ok(())
    }
}

impl ser::SerializeTuple for Compound<'_, '_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_element<T: ?Sized + Serialize>(
        &mut self,
        value: &T,
    ) -> Result<(), Unsupported> {
        ser::SerializeSeq::serialize_element(self, value)
    }

    fn end(self) -> Result<(), Unsupported> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        value: &T,
    ) -> Result<(), Unsupported> {
        ser::SerializeSeq::serialize_element(self, value)
    }

    fn end(self) -> Result<(), Unsupported> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_key<T: ?Sized + Serialize>(
        &mut self,
        key: &T,
    ) -> Result<(), Unsupported> {
        let first = self.next();
        self.twin.element(first);
        // A key is written as a value: right for string keys, which
        // serde_json writes the same way; any other (serde_json quotes
        // numbers) is left to serde_json.
        let at = self.twin.compact.len();
        key.serialize(&mut *self.twin)?;
        if self.twin.compact.get(at) != Some(&b'"') {
            return Err(unsupported("a map key that is not a string"));
        }
        self.twin.colon();
        Ok(())
    }

    fn serialize_value<T: ?Sized + Serialize>(
        &mut self,
        value: &T,
    ) -> Result<(), Unsupported> {
        value.serialize(&mut *self.twin)
    }

    fn end(self) -> Result<(), Unsupported> {
        self.twin.close(b'}', self.first);
        Ok(())
    }
}

impl ser::SerializeStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        let first = self.next();
        self.twin.key(first, key);
        value.serialize(&mut *self.twin)
    }

    fn end(self) -> Result<(), Unsupported> {
        self.twin.close(b'}', self.first);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Strings dense in the bytes around the escaped ones, at every
        /// offset of the eight-byte scan.
        #[test]
        fn strings_escape_as_serde_json_escapes_them(
            chars in proptest::collection::vec(
                proptest::sample::select(vec![
                    '\0', '\u{8}', '\t', '\n', '\u{1f}', ' ', '!', '"', '#',
                    '[', '\\', ']', 'a', '\u{7f}', '\u{80}', 'é', '\u{202f}',
                    '\u{10ffff}',
                ]),
                0..40,
            )
        ) {
            let s: String = chars.into_iter().collect();
            let mut out = Vec::new();
            escape_into(&mut out, &s);
            proptest::prop_assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(&s).unwrap()
            );
        }
    }

    /// A struct whose field names are chosen at run time (leaked, so
    /// `'static` as derived ones are), for [`Keys`].
    #[derive(Clone, Debug)]
    struct Fields(Vec<(&'static str, Node)>);

    #[derive(Clone, Debug)]
    enum Node {
        Leaf(u32),
        Fields(Fields),
        List(Vec<Fields>),
    }

    impl Serialize for Fields {
        fn serialize<S: ser::Serializer>(
            &self,
            s: S,
        ) -> Result<S::Ok, S::Error> {
            use ser::SerializeStruct;
            let mut fields = s.serialize_struct("Fields", self.0.len())?;
            for (name, node) in &self.0 {
                fields.serialize_field(name, node)?;
            }
            fields.end()
        }
    }

    impl Serialize for Node {
        fn serialize<S: ser::Serializer>(
            &self,
            s: S,
        ) -> Result<S::Ok, S::Error> {
            match self {
                Node::Leaf(n) => n.serialize(s),
                Node::Fields(f) => f.serialize(s),
                Node::List(l) => l.serialize(s),
            }
        }
    }

    /// Both sides of [`write_both`], twice (the second time from the
    /// kept keys), against serde_json's own.
    fn assert_twin_like_serde_json(value: &impl Serialize) {
        for _ in 0..2 {
            let (mut pretty, mut compact) = (Vec::new(), Vec::new());
            write_both(value, &mut pretty, &mut compact).unwrap();
            assert_eq!(
                String::from_utf8(pretty).unwrap(),
                serde_json::to_string_pretty(value).unwrap()
            );
            assert_eq!(
                String::from_utf8(compact).unwrap(),
                serde_json::to_string(value).unwrap()
            );
        }
    }

    fn leak(s: &str) -> &'static str {
        Box::leak(s.to_string().into_boxed_str())
    }

    /// More keys than [`KEY_SLOTS`], so slots are taken over; keys that
    /// need escaping; a key sharing its address with a longer one; the
    /// same keys at several depths, first and not first.
    #[test]
    fn kept_keys_write_what_each_key_writes() {
        let long = leak("clé \"longue\"\\\n");
        let mut names: Vec<&'static str> =
            vec![long, &long[..2], &long[..4], "a", "", "\u{1}"];
        names.extend((0..3 * KEY_SLOTS).map(|i| leak(&format!("k{i}"))));
        let flat = |from: usize| {
            Fields(
                names[from..]
                    .iter()
                    .enumerate()
                    .map(|(i, &n)| (n, Node::Leaf(i as u32)))
                    .collect(),
            )
        };
        let nested = Fields(vec![
            (names[1], Node::Fields(flat(0))),
            (names[0], Node::List(vec![flat(2), Fields(vec![]), flat(0)])),
            (
                names[2],
                Node::Fields(Fields(vec![(names[1], Node::Leaf(7))])),
            ),
            (names[1], Node::Leaf(8)),
        ]);
        assert_twin_like_serde_json(&flat(0));
        assert_twin_like_serde_json(&nested);
        assert_twin_like_serde_json(&flat(1));
        // One key at more depths than there are slots: some share one.
        let mut deep = Fields(vec![(names[3], Node::Leaf(0))]);
        for _ in 0..KEY_SLOTS + 1 {
            deep = Fields(vec![(names[3], Node::Fields(deep))]);
        }
        assert_twin_like_serde_json(&deep);
    }

    fn any_fields(
        names: Vec<&'static str>,
    ) -> impl proptest::strategy::Strategy<Value = Fields> {
        use proptest::prelude::*;
        let name = proptest::sample::select(names);
        let leaf = (name.clone(), any::<u32>())
            .prop_map(|(n, v)| Fields(vec![(n, Node::Leaf(v))]));
        leaf.prop_recursive(4, 48, 5, move |inner| {
            let node = prop_oneof![
                any::<u32>().prop_map(Node::Leaf),
                inner.clone().prop_map(Node::Fields),
                proptest::collection::vec(inner, 0..3).prop_map(Node::List),
            ];
            proptest::collection::vec((name.clone(), node), 0..5)
                .prop_map(Fields)
        })
    }

    proptest::proptest! {
        /// Structs of a few keys (some needing escapes) nested at any
        /// depth, against serde_json: kept keys written at the depth
        /// and place they were made for.
        #[test]
        fn nested_structs_as_serde_json_writes_them(
            value in any_fields(
                ["a", "b", "id", "q\"", "\\", "é\t", "x"]
                    .map(leak)
                    .to_vec()
            )
        ) {
            assert_twin_like_serde_json(&value);
        }
    }

    proptest::proptest! {
        /// Any range of any bytes, padded or not, after any bytes.
        #[test]
        fn extend_padded_appends_the_range(
            out in proptest::collection::vec(0u8..=255, 0..40),
            bytes in proptest::collection::vec(0u8..=255, 0..80),
            a in 0usize..80,
            b in 0usize..80,
        ) {
            let (from, to) = (a.min(b), a.max(b).min(bytes.len()));
            proptest::prop_assume!(from <= to);
            let mut got = out.clone();
            extend_padded(&mut got, &bytes, from, to);
            let mut want = out;
            want.extend_from_slice(&bytes[from..to]);
            proptest::prop_assert_eq!(got, want);
        }
    }

    /// Every byte at every place of strings up to 17 bytes long (the
    /// short path, the words and the overlapping last word).
    #[test]
    fn any_to_escape_sees_each_byte_anywhere() {
        for len in 0..18 {
            for at in 0..len {
                for b in 0..=255u8 {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = b;
                    let expected = b < 0x20 || b == b'"' || b == b'\\';
                    assert_eq!(
                        any_to_escape(&bytes),
                        expected,
                        "{len} {at} {b}"
                    );
                }
            }
            assert!(!any_to_escape(&vec![b'a'; len]));
        }
    }

    #[test]
    fn escapes_is_exact_for_each_byte_anywhere() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut word = [b'a'; 8];
                word[at] = b;
                let expected = b < 0x20 || b == b'"' || b == b'\\';
                assert_eq!(escapes(u64::from_le_bytes(word)) != 0, expected);
            }
        }
    }
}
