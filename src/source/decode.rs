//! Decoding: one file's bytes → its text, NFC with LF line ends.
//!
//! The encoding is decided in this order (see [`decode`]):
//!
//! 1. A BOM wins: UTF-8, UTF-16LE or UTF-16BE.
//! 2. NUL bytes: French text in UTF-16 without a BOM (every other byte
//!    0) is read as UTF-16; anything else with a NUL is a binary file.
//! 3. More than 1 byte in 20 a control character (not tab, line ends,
//!    form feed or the DOS end-of-file mark): a binary file.
//! 4. Valid UTF-8 is UTF-8.
//! 5. Mostly-valid UTF-8 (more valid multi-byte sequences than invalid
//!    ones) is a UTF-8 file with a few bad bytes: they become U+FFFD,
//!    with a warning.
//! 6. Otherwise it is a legacy encoding: the one an HTML `<meta
//!    charset>` or XML `encoding=` declaration names; else, when the
//!    high bytes look like Western text (letters alone or in pairs,
//!    `été`), Windows-1252, or ISO-8859-15 when the bytes only make
//!    sense so (`c\xBDur`); else chardetng's guess (Cyrillic, Greek,
//!    CJK…).
//!
//! Every legacy or lossy decoding leaves a warning in
//! [`Decoded::warning`]. Empty files (or whitespace only) are errors for
//! that file only.

use std::io::Read;
use std::path::Path;

use encoding_rs::Encoding;

use crate::error::ErrorKind;
use crate::limits::MAX_FILE_BYTES;

/// At most this many bytes are given to the legacy encoding detector:
/// plenty to tell Windows-1252 from Cyrillic or Japanese, and it bounds
/// the detector's time on a huge file.
const DETECT_BYTES: usize = 1 << 20;

/// Encoding declarations are looked for in this many first bytes, as
/// HTML's prescan does.
const DECLARATION_BYTES: usize = 1024;

/// A decoded post.
#[derive(Debug)]
pub struct Decoded {
    /// The text: NFC, LF line ends, no BOM.
    pub text: String,
    /// Size of the file in bytes.
    pub bytes: usize,
    /// The encoding the bytes were read in.
    pub encoding: &'static Encoding,
    /// Something the user should know (a legacy encoding was assumed,
    /// invalid bytes were replaced).
    pub warning: Option<String>,
}

/// Reads and decodes one file.
///
/// Only regular files are opened: a FIFO or a device would block or
/// never end.
pub fn read_text(path: &Path) -> Result<Decoded, ErrorKind> {
    decode(read_bytes(path)?)
}

/// Reads one file's bytes, as [`read_text`] does before decoding them.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, ErrorKind> {
    read_bytes_with(path, std::fs::metadata(path))
}

/// [`read_bytes`] with the file's metadata already taken (`std::fs::
/// metadata` of `path`, just before).
pub fn read_bytes_with(
    path: &Path,
    meta: std::io::Result<std::fs::Metadata>,
) -> Result<Vec<u8>, ErrorKind> {
    let meta = meta.map_err(ErrorKind::Io)?;
    if !meta.is_file() {
        return Err(ErrorKind::NotRegular);
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(ErrorKind::TooLarge { bytes: meta.len() });
    }
    let file = std::fs::File::open(path).map_err(ErrorKind::Io)?;
    // The file may have grown since `metadata`: never read past the
    // limit.
    let mut bytes = Vec::with_capacity(meta.len() as usize + 1);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(ErrorKind::Io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ErrorKind::TooLarge {
            bytes: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

/// Decodes the bytes of one file: detects the encoding (the rules are in
/// the module documentation), then normalises to NFC with LF line ends.
///
/// Never panics, whatever the bytes.
pub fn decode(bytes: Vec<u8>) -> Result<Decoded, ErrorKind> {
    let size = bytes.len();
    let (mut text, encoding, warning) = decode_text(bytes)?;
    // A second BOM (a file converted twice) is no text either.
    let boms = text.len() - text.trim_start_matches('\u{FEFF}').len();
    text.drain(..boms);
    if text.trim().is_empty() {
        return Err(ErrorKind::Empty);
    }
    let text = match crate::normalize::normalize_document(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(normalized) => normalized,
    };
    Ok(Decoded {
        text,
        bytes: size,
        encoding,
        warning,
    })
}

type Text = (String, &'static Encoding, Option<String>);

fn decode_text(bytes: Vec<u8>) -> Result<Text, ErrorKind> {
    let bom = Encoding::for_bom(&bytes);
    if let Some((enc, bom_len)) = bom
        && enc != encoding_rs::UTF_8
    {
        return decode_utf16(&bytes[bom_len..], enc, None);
    }
    if memchr::memchr(0, &bytes).is_some() {
        // UTF-16 text is full of NUL bytes; everything else with one is
        // binary (as git and grep decide).
        return match (bom, sniff_utf16(&bytes)) {
            (None, Some(enc)) => decode_utf16(
                &bytes,
                enc,
                Some(format!("no BOM: decoded as {}", enc.name())),
            ),
            _ => Err(ErrorKind::Binary),
        };
    }
    if is_mostly_control(&bytes) {
        return Err(ErrorKind::Binary);
    }
    let bom_len = bom.map_or(0, |(_, len)| len);
    let mut bytes = bytes;
    bytes.drain(..bom_len);
    // simdutf8 validates with SIMD at a fraction of std's cost per byte
    // (the check every post goes through).
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: simdutf8 has just found these bytes valid UTF-8.
        let text = unsafe { String::from_utf8_unchecked(bytes) };
        return Ok((text, encoding_rs::UTF_8, None));
    }
    let shape = Utf8Shape::of(&bytes);
    // Rule 5. Each invalid sequence of a legacy file is one character
    // (`é` is the lone byte 0xE9), and valid multi-byte sequences are
    // rare accidents in one (`Â` then NBSP). So whichever reading
    // damages fewer characters wins: lossy UTF-8 loses one character
    // per invalid sequence; reading UTF-8 as Windows-1252 garbles each
    // valid multi-byte sequence (`Ã©`). A BOM says UTF-8 outright.
    if bom.is_some() || shape.multibyte > shape.invalid {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let warning = format!(
            "invalid UTF-8: {} sequence{} replaced by U+FFFD (first at \
             byte {})",
            shape.invalid,
            if shape.invalid == 1 { "" } else { "s" },
            shape.first_invalid + bom_len
        );
        return Ok((text, encoding_rs::UTF_8, Some(warning)));
    }
    let (enc, how) = match declared_encoding(&bytes) {
        Some(enc) => (enc, "declared"),
        None => (guess_legacy(&bytes), "guessed"),
    };
    let (text, _) = enc.decode_without_bom_handling(&bytes);
    let warning = format!("not UTF-8: decoded as {} ({how})", enc.name());
    Ok((text.into_owned(), enc, Some(warning)))
}

fn decode_utf16(
    bytes: &[u8],
    enc: &'static Encoding,
    warning: Option<String>,
) -> Result<Text, ErrorKind> {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    let text = text.into_owned();
    // The rules bytes go through (2 and 3), on the decoded text, so
    // that a text is binary or not whatever its encoding.
    if text.contains('\0') || is_mostly_control(text.as_bytes()) {
        return Err(ErrorKind::Binary);
    }
    let warning = match (had_errors, warning) {
        (true, Some(w)) => {
            Some(format!("{w}; invalid sequences replaced by U+FFFD"))
        }
        (true, None) => Some(format!(
            "invalid {} sequences replaced by U+FFFD",
            enc.name()
        )),
        (false, w) => w,
    };
    Ok((text, enc, warning))
}

/// More than 1 byte in 20 is a control character that text does not
/// hold (text holds tab, line feed, vertical tab, form feed, carriage
/// return and SUB, 0x1A, the end-of-file mark of old DOS files). UTF-8 multi-byte sequences and legacy letters are all ≥ 0x80,
/// so the bytes alone tell.
fn is_mostly_control(bytes: &[u8]) -> bool {
    // Counted 64 bytes at a time into a byte, with `&` and `|` rather
    // than `&&` and `||`: a block of known length with no branch is
    // compiled to a few vector instructions.
    fn count(block: &[u8]) -> u8 {
        block.iter().fold(0u8, |n, &b| {
            let text = (b.wrapping_sub(b'\t') < 5) | (b == 0x1A);
            n + u8::from(((b < 0x20) & !text) | (b == 0x7F))
        })
    }
    let mut blocks = bytes.chunks_exact(64);
    let mut controls = 0usize;
    for block in blocks.by_ref() {
        let block: &[u8; 64] = block.try_into().expect("64 bytes");
        controls += usize::from(count(block));
    }
    controls += usize::from(count(blocks.remainder()));
    controls * 20 > bytes.len()
}

/// UTF-16 without a BOM, from where the NUL bytes are: French text is
/// nearly all below U+0100, so in UTF-16LE the odd bytes are 0 and the
/// even ones are not (the reverse in UTF-16BE). Looks at the first 64
/// KiB, and the whole must then decode without error.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(1 << 16)];
    let pairs = sample.len() / 2;
    let (mut zero_even, mut zero_odd) = (0, 0);
    for pair in sample.chunks_exact(2) {
        zero_even += usize::from(pair[0] == 0);
        zero_odd += usize::from(pair[1] == 0);
    }
    // 70 %: room for ’, œ, € and other characters above U+00FF; 5 %:
    // room for a few characters of the form U+xx00.
    let mostly = |n: usize| n * 10 >= pairs * 7;
    let rarely = |n: usize| n * 20 <= pairs;
    let enc = if mostly(zero_odd) && rarely(zero_even) {
        encoding_rs::UTF_16LE
    } else if mostly(zero_even) && rarely(zero_odd) {
        encoding_rs::UTF_16BE
    } else {
        return None;
    };
    let (_, had_errors) = enc.decode_without_bom_handling(bytes);
    (!had_errors).then_some(enc)
}

/// How a byte string that is not valid UTF-8 fares as UTF-8.
#[derive(Debug, Default, PartialEq)]
struct Utf8Shape {
    /// Valid sequences of 2 to 4 bytes.
    multibyte: usize,
    /// Invalid sequences (each becomes one U+FFFD).
    invalid: usize,
    /// Offset of the first invalid byte.
    first_invalid: usize,
}

impl Utf8Shape {
    fn of(bytes: &[u8]) -> Utf8Shape {
        let mut shape = Utf8Shape::default();
        let mut offset = 0;
        for chunk in bytes.utf8_chunks() {
            let valid = chunk.valid().as_bytes();
            // One lead byte (≥ 0xC0) per multi-byte character.
            shape.multibyte += valid.iter().filter(|&&b| b >= 0xC0).count();
            offset += valid.len();
            if !chunk.invalid().is_empty() {
                if shape.invalid == 0 {
                    shape.first_invalid = offset;
                }
                shape.invalid += 1;
                offset += chunk.invalid().len();
            }
        }
        shape
    }
}

/// The encoding an XML declaration (`<?xml … encoding="…"?>`) or an HTML
/// `<meta charset>` / `content="…; charset=…"` names in the first bytes,
/// when it is a legacy one. A declared UTF-8 or UTF-16 is not trusted
/// here: the bytes already showed they are not.
fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(DECLARATION_BYTES)];
    let lower = head.to_ascii_lowercase();
    for key in [&b"encoding"[..], b"charset"] {
        let mut from = 0;
        while let Some(at) = memchr::memmem::find(&lower[from..], key) {
            let rest = &lower[from + at + key.len()..];
            from += at + key.len();
            let rest = trim_ascii_start(rest);
            let Some(rest) = rest.strip_prefix(b"=") else {
                continue;
            };
            let rest = trim_ascii_start(rest);
            let rest = rest
                .strip_prefix(b"\"")
                .or_else(|| rest.strip_prefix(b"'"))
                .unwrap_or(rest);
            let end = rest
                .iter()
                .position(|&b| {
                    !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'))
                })
                .unwrap_or(rest.len());
            let Some(enc) = Encoding::for_label(&rest[..end]) else {
                continue;
            };
            let unusable = enc == encoding_rs::UTF_8
                || enc == encoding_rs::UTF_16LE
                || enc == encoding_rs::UTF_16BE
                || enc == encoding_rs::REPLACEMENT
                || enc == encoding_rs::X_USER_DEFINED;
            return (!unusable).then_some(enc);
        }
    }
    None
}

fn trim_ascii_start(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &s[n..]
}

/// The legacy encoding of French text: Windows-1252, or ISO-8859-15
/// when the bytes only make sense so; chardetng decides only for bytes
/// that do not look like Western text at all (Cyrillic, Greek, CJK…).
///
/// chardetng alone is not enough here: on short French text it can
/// guess wrong even when told the text comes from a `.fr` site (`« oui
/// » 10 € l’œuvre` comes out as IBM866). ISO-8859-1 is Windows-1252
/// here: they differ only in 0x80–0x9F, which are control codes in
/// ISO-8859-1, never in text.
fn guess_legacy(bytes: &[u8]) -> &'static Encoding {
    let guess = if looks_western(bytes) {
        encoding_rs::WINDOWS_1252
    } else {
        let sample = &bytes[..bytes.len().min(DETECT_BYTES)];
        let mut detector = chardetng::EncodingDetector::new(
            chardetng::Iso2022JpDetection::Deny,
        );
        detector.feed(sample, sample.len() == bytes.len());
        // No `.fr` hint: that would favour Windows-1252, which the
        // bytes were just found not to look like.
        detector.guess(None, chardetng::Utf8Detection::Deny)
    };
    if guess == encoding_rs::WINDOWS_1252 && looks_iso_8859_15(bytes) {
        encoding_rs::ISO_8859_15
    } else {
        guess
    }
}

/// Whether the non-ASCII bytes read as Western (French) text in
/// Windows-1252: letters alone or in pairs inside words (`été`,
/// `créée`, `l’œuvre`), not the long runs of high bytes that Cyrillic,
/// Greek, Arabic or CJK text is made of, nor the five codes
/// Windows-1252 leaves undefined. Allows 1 suspicious byte in 10.
fn looks_western(bytes: &[u8]) -> bool {
    let (mut high, mut suspicious, mut run) = (0usize, 0usize, 0usize);
    for &b in bytes {
        if b < 0x80 {
            run = 0;
            continue;
        }
        high += 1;
        run += 1;
        // A third high byte in a row makes the whole run suspicious.
        suspicious += match run {
            3 => 3,
            4.. => 1,
            _ => 0,
        };
        suspicious +=
            usize::from(matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D));
    }
    suspicious * 10 <= high
}

/// ISO-8859-15 rather than Windows-1252: no byte in 0x80–0x9F (where
/// Windows-1252 has ’, œ, …, and ISO-8859-15 only control codes), and
/// 0xBC/0xBD/0xBE inside a word (`c\xBDur`: `cœur`, not `c½ur`) or 0xA4
/// (€ rather than the never-used ¤).
fn looks_iso_8859_15(bytes: &[u8]) -> bool {
    if bytes.iter().any(|b| (0x80..=0x9F).contains(b)) {
        return false;
    }
    let is_letter = |b: u8| {
        b.is_ascii_alphabetic() || (b >= 0xC0 && b != 0xD7 && b != 0xF7)
    };
    bytes.iter().enumerate().any(|(i, &b)| match b {
        0xA4 => true,
        0xBC..=0xBE => {
            let before = i > 0 && is_letter(bytes[i - 1]);
            let after = bytes.get(i + 1).is_some_and(|&n| is_letter(n));
            before || after
        }
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// [`is_mostly_control`] as its documentation says it.
    fn is_mostly_control_reference(bytes: &[u8]) -> bool {
        let text_control =
            |b: u8| matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | 0x1A);
        let controls = bytes
            .iter()
            .filter(|&&b| (b < 0x20 && !text_control(b)) || b == 0x7F)
            .count();
        controls * 20 > bytes.len()
    }

    #[test]
    fn every_byte_is_counted_as_the_rule_says() {
        for b in 0..=255u8 {
            // One byte among 19 letters: 1 in 20 is not more than 1 in
            // 20; two of them are.
            let mut one = vec![b'a'; 19];
            one.push(b);
            let mut two = vec![b'a'; 18];
            two.extend([b, b]);
            for bytes in [&one, &two] {
                assert_eq!(
                    is_mostly_control(bytes),
                    is_mostly_control_reference(bytes),
                    "byte {b:#04x}"
                );
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn control_count_matches_the_rule(
            bytes in proptest::collection::vec(
                prop_oneof![0u8..0x21, Just(0x7Fu8), any::<u8>()],
                0..600,
            )
        ) {
            prop_assert_eq!(
                is_mostly_control(&bytes),
                is_mostly_control_reference(&bytes)
            );
        }
    }

    /// Bytes that are valid UTF-8 in pieces, cut and mixed with loose
    /// bytes, so that invalid sequences fall anywhere in simdutf8's
    /// blocks.
    fn mostly_utf8() -> impl Strategy<Value = Vec<u8>> {
        proptest::collection::vec(
            prop_oneof![
                3 => any::<String>().prop_map(String::into_bytes),
                1 => proptest::collection::vec(any::<u8>(), 0..4),
            ],
            0..40,
        )
        .prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        /// The `unsafe` of `decode_text` rests on simdutf8 accepting
        /// exactly the bytes std accepts.
        #[test]
        fn simdutf8_accepts_what_std_accepts(bytes in mostly_utf8()) {
            prop_assert_eq!(
                simdutf8::basic::from_utf8(&bytes).is_ok(),
                std::str::from_utf8(&bytes).is_ok()
            );
        }
    }

    #[test]
    fn simdutf8_rejects_every_kind_of_invalid_sequence() {
        let invalid: [&[u8]; 8] = [
            b"\x80",             // continuation alone
            b"\xC3",             // cut short
            b"\xC0\xAF",         // overlong
            b"\xE0\x80\xAF",     // overlong
            b"\xED\xA0\x80",     // surrogate
            b"\xF4\x90\x80\x80", // above U+10FFFF
            b"\xF8\x88\x80\x80", // five-byte lead
            b"\xE2\x82",         // cut short
        ];
        // At the start, across the end of a 64-byte block, at the end.
        for pad in [0, 1, 61, 62, 63, 64, 65, 127, 200] {
            for seq in invalid {
                let mut bytes = "é".repeat(pad / 2).into_bytes();
                bytes.extend(b"a".repeat(pad % 2));
                bytes.extend(seq);
                assert!(std::str::from_utf8(&bytes).is_err());
                assert!(
                    simdutf8::basic::from_utf8(&bytes).is_err(),
                    "{seq:02x?} after {pad} bytes"
                );
                bytes.extend(b"suite");
                assert!(simdutf8::basic::from_utf8(&bytes).is_err());
            }
        }
    }

    fn text(bytes: &[u8]) -> String {
        decode(bytes.to_vec()).expect("decodes").text
    }

    fn utf16(s: &str, bom: bool, little: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.push(if little { 0xFF } else { 0xFE });
            out.push(if little { 0xFE } else { 0xFF });
        }
        for u in s.encode_utf16() {
            out.extend(if little {
                u.to_le_bytes()
            } else {
                u.to_be_bytes()
            });
        }
        out
    }

    const FRENCH: &str = "L’été, la forêt est fraîche. Le cœur « à nu » \
        coûte 10 €… Où êtes-vous ? Ça dépend !\n";

    #[test]
    fn decode_boms_and_legacy() {
        let utf8_bom = b"\xEF\xBB\xBFl\xE2\x80\x99homme".to_vec();
        assert_eq!(decode(utf8_bom).unwrap().text, "l’homme");
        assert_eq!(text(&utf16("été", true, true)), "été");
        let cp1252 = b"l\x92\xE9t\xE9".to_vec();
        let d = decode(cp1252).unwrap();
        assert_eq!(d.text, "l’été");
        assert!(d.warning.is_some());
        assert!(matches!(decode(b"a\0b".to_vec()), Err(ErrorKind::Binary)));
        assert!(matches!(decode(b" \n".to_vec()), Err(ErrorKind::Empty)));
        // A second BOM is dropped too; BOMs alone are an empty file.
        assert_eq!(text(b"\xEF\xBB\xBF\xEF\xBB\xBFa"), "a");
        for boms in [&b"\xFF\xFE\xFF\xFE"[..], b"\xEF\xBB\xBF"] {
            assert!(matches!(decode(boms.to_vec()), Err(ErrorKind::Empty)));
        }
    }

    /// Every way a French post is stored gives back the same text.
    #[test]
    fn encodings_round_trip() {
        let cases: Vec<(&str, Vec<u8>, &Encoding, bool)> = vec![
            (
                "utf-8",
                FRENCH.as_bytes().to_vec(),
                encoding_rs::UTF_8,
                false,
            ),
            (
                "utf-8 bom",
                [b"\xEF\xBB\xBF", FRENCH.as_bytes()].concat(),
                encoding_rs::UTF_8,
                false,
            ),
            (
                "utf-16le bom",
                utf16(FRENCH, true, true),
                encoding_rs::UTF_16LE,
                false,
            ),
            (
                "utf-16be bom",
                utf16(FRENCH, true, false),
                encoding_rs::UTF_16BE,
                false,
            ),
            (
                "utf-16le",
                utf16(FRENCH, false, true),
                encoding_rs::UTF_16LE,
                true,
            ),
            (
                "utf-16be",
                utf16(FRENCH, false, false),
                encoding_rs::UTF_16BE,
                true,
            ),
            (
                "windows-1252",
                encoding_rs::WINDOWS_1252.encode(FRENCH).0.into_owned(),
                encoding_rs::WINDOWS_1252,
                true,
            ),
        ];
        for (name, bytes, enc, warns) in cases {
            let d = decode(bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(d.text, FRENCH, "{name}");
            assert_eq!(d.encoding, enc, "{name}");
            assert_eq!(d.warning.is_some(), warns, "{name}: {:?}", d.warning);
        }
    }

    #[test]
    fn iso_8859_15_and_latin_1() {
        // No ’ (not in ISO-8859-15): straight apostrophes.
        let s = "Le cœur de l'œuvre coûte 10 €. Il était une fois.\n";
        let (bytes, _, _) = encoding_rs::ISO_8859_15.encode(s);
        let d = decode(bytes.into_owned()).unwrap();
        assert_eq!(d.encoding, encoding_rs::ISO_8859_15);
        assert_eq!(d.text, s);
        // ISO-8859-1 (no œ, no €) reads the same as Windows-1252.
        let s = "Il était une fois, à l'école, un élève très doué.\n";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(s);
        let d = decode(bytes.into_owned()).unwrap();
        assert_eq!(d.encoding, encoding_rs::WINDOWS_1252);
        assert_eq!(d.text, s);
        // ½ between digits stays Windows-1252.
        let d = decode(b"1\xBD litre de lait, d\xE9j\xE0 ti\xE8de.".to_vec())
            .unwrap();
        assert_eq!(d.text, "1½ litre de lait, déjà tiède.");
    }

    #[test]
    fn non_western_legacy_text_is_left_to_chardetng() {
        let s = "Привет ! Это длинный русский текст о погоде, о городе \
                 и о жизни. Сегодня хорошая погода.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(s);
        let d = decode(bytes.into_owned()).unwrap();
        assert_eq!(
            (d.encoding, d.text.as_str()),
            (encoding_rs::WINDOWS_1251, s)
        );
        // chardetng alone takes this for IBM866, even told of `.fr`.
        let s = "« oui » 10 € l’œuvre";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(s);
        let d = decode(bytes.into_owned()).unwrap();
        assert_eq!(
            (d.encoding, d.text.as_str()),
            (encoding_rs::WINDOWS_1252, s)
        );
        assert!(looks_western(
            b"cr\xE9\xE9e, l\x92\x9Cuvre \xAB\xA0oui\xA0\xBB"
        ));
        assert!(!looks_western(b"\xCF\xF0\xE8\xE2\xE5\xF2 \xEA\xE0\xEA"));
    }

    #[test]
    fn declared_encodings() {
        let html = b"<html><head><meta charset=\"ISO-8859-15\"></head>\
            <body>c\xBDur</body></html>";
        let d = decode(html.to_vec()).unwrap();
        assert_eq!(d.encoding, encoding_rs::ISO_8859_15);
        assert!(d.text.contains("cœur"), "{}", d.text);
        let xml = b"<?xml version='1.0' encoding = 'windows-1251'?>\
            <p>\xcf\xf0\xe8\xe2\xe5\xf2</p>";
        let d = decode(xml.to_vec()).unwrap();
        assert_eq!(d.encoding, encoding_rs::WINDOWS_1251);
        assert!(d.text.contains("Привет"), "{}", d.text);
        // A declared UTF-8 that is not: the bytes win.
        let lying = b"<meta charset=utf-8><p>\xE9t\xE9</p>";
        let d = decode(lying.to_vec()).unwrap();
        assert_eq!(d.encoding, encoding_rs::WINDOWS_1252);
        assert!(d.text.contains("été"));
        // A declaration is not a reason to misread valid UTF-8.
        let d =
            decode("<meta charset=latin1>été".as_bytes().to_vec()).unwrap();
        assert_eq!(d.encoding, encoding_rs::UTF_8);
        assert!(d.warning.is_none());
    }

    /// A UTF-8 file with a few bad bytes is UTF-8 with U+FFFD, not
    /// Windows-1252 mojibake.
    #[test]
    fn mostly_utf8_is_lossy_utf8() {
        let mut bytes = FRENCH.as_bytes().to_vec();
        bytes.extend(b"Un octet perdu : \x92 ici.\n");
        bytes.extend(FRENCH.as_bytes());
        let d = decode(bytes).unwrap();
        assert_eq!(d.encoding, encoding_rs::UTF_8);
        assert!(d.text.contains("perdu : \u{FFFD} ici"), "{}", d.text);
        assert!(d.text.starts_with(FRENCH));
        let w = d.warning.unwrap();
        assert!(w.contains("1 sequence replaced"), "{w}");
        // Truncated in the middle of a character: still UTF-8.
        let mut cut = FRENCH.as_bytes().to_vec();
        cut.extend(&"é".as_bytes()[..1]);
        assert_eq!(decode(cut).unwrap().encoding, encoding_rs::UTF_8);
        // With a BOM, even a badly damaged file stays UTF-8.
        let d = decode(b"\xEF\xBB\xBF\xE9t\xE9".to_vec()).unwrap();
        assert_eq!(
            (d.encoding, d.text.as_str()),
            (encoding_rs::UTF_8, "\u{FFFD}t\u{FFFD}")
        );
    }

    #[test]
    fn utf8_shapes() {
        assert_eq!(
            Utf8Shape::of(b"\xE9t\xE9 \xC3\xA9"),
            Utf8Shape {
                multibyte: 1,
                invalid: 2,
                first_invalid: 0
            }
        );
        assert_eq!(
            Utf8Shape::of(b"ab\xE2\x80"),
            Utf8Shape {
                multibyte: 0,
                invalid: 1,
                first_invalid: 2
            }
        );
    }

    #[test]
    fn binary_files() {
        let cases: &[&[u8]] = &[
            b"\x00\x01\x02 pas un billet",
            b"\x7FELF\x02\x01\x01\x03\x04\x05\x06\x07\x08abc",
            b"\x1B[31m\x1B[0m\x01\x02\x03\x04",
            // UTF-16 by its BOM, but control characters inside.
            b"\xFF\xFE\x01\x00\x02\x00\x03\x00a\x00",
            // Odd length: not UTF-16.
            b"a\x00b\x00c",
        ];
        for bytes in cases {
            assert!(
                matches!(decode(bytes.to_vec()), Err(ErrorKind::Binary)),
                "{bytes:?}"
            );
        }
        // A stray control character or the DOS end-of-file mark is text.
        let d = decode(b"Une page.\x0CUne autre.\r\n\x1A".to_vec()).unwrap();
        assert!(d.text.starts_with("Une page."));
    }
}
