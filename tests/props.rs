//! Property tests: the tokenizer, the sentence splitter and the decoder
//! on arbitrary input. None of them may panic, and the slices they
//! return are always the document's own bytes at the offsets they give.
//!
//! Each property runs 256 cases; `PROPTEST_CASES=10000 cargo test
//! --release --test props` digs deeper.

use billet::sentence::sentences;
use billet::source::decode;
use billet::tokenize::tokens;
use proptest::prelude::*;

/// Pieces French text is made of, hard cases first: apostrophes,
/// hyphens, the spaces of French typography, numbers with spaces,
/// guillemets, combining marks, abbreviations.
const PIECES: &[&str] = &[
    "l’",
    "l'",
    "L’",
    "qu’",
    "jusqu'",
    "aujourd’hui",
    "presqu’île",
    "’",
    "'",
    "-",
    "‐",
    "–",
    "—",
    "-t-",
    "peut-être",
    "a-t-il",
    "faites-vous",
    "c.-à-d.",
    "c.-à-d",
    "M.",
    "Mme",
    "p. ex.",
    "J.-C.",
    "etc.",
    "\u{A0}",
    "\u{202F}",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\t",
    "\r\n",
    "175 000 $",
    "3,5 %",
    "1\u{A0}000",
    "1\u{202F}000,50 €",
    "1996",
    "0",
    "«",
    "»",
    "« ",
    " »",
    "“",
    "”",
    "\"",
    "(",
    ")",
    "[",
    "]",
    ".",
    "...",
    "…",
    "?",
    "!",
    "?!",
    ";",
    ":",
    ",",
    "e\u{301}",
    "\u{301}",
    "\u{327}",
    "œ",
    "Œ",
    "É",
    "été",
    "Ça",
    "ça",
    "Où",
    "homme",
    "Il",
    "vient",
    "demanda",
    "Tu",
    "viens",
    "est-ce",
    "que",
    "Qu’est-ce",
    "x",
    "A",
    "ß",
    "ﬁ",
    "İ",
    "🙂",
    "\u{200D}",
    "\u{FEFF}",
    "\u{FFFD}",
    "\u{2028}",
    "\u{85}",
];

/// Strings made of French pieces and, now and then, any character.
fn french() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(PIECES).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
        1 => "[a-zà-ÿ]{1,12}",
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

/// Any string: arbitrary Unicode, or French-looking text.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), french()]
}

/// A document of which `text` is the part starting at byte `base`.
fn with_prefix(prefix: &str, text: &str) -> (String, usize) {
    (format!("{prefix}{text}"), prefix.len())
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    /// Every token is the document's own slice at its offset; tokens
    /// are non-empty, in order and never overlap.
    #[test]
    fn tokens_are_ordered_slices(prefix in "[a-zé ]{0,5}", s in text()) {
        let (doc, base) = with_prefix(&prefix, &s);
        let toks = tokens(&doc[base..], base);
        let mut end = base;
        for t in &toks {
            prop_assert!(!t.text.is_empty());
            prop_assert!(t.start >= end, "{t:?} overlaps the previous token");
            prop_assert_eq!(&doc[t.start..t.start + t.text.len()], t.text);
            prop_assert_eq!(t.end(), t.start + t.text.len());
            end = t.end();
        }
        prop_assert!(end <= doc.len());
    }

    /// Sentences are non-empty, trimmed, the document's own slices, in
    /// order, and cover every non-space character of the block.
    #[test]
    fn sentences_are_trimmed_ordered_slices(
        prefix in "[a-zé ]{0,5}",
        s in text(),
    ) {
        let (doc, base) = with_prefix(&prefix, &s);
        let sents = sentences(&doc[base..], base);
        let mut end = base;
        for sent in &sents {
            prop_assert!(!sent.text.is_empty());
            prop_assert_eq!(sent.text, sent.text.trim());
            prop_assert!(sent.start >= end, "{sent:?} overlaps");
            prop_assert_eq!(
                &doc[sent.start..sent.start + sent.text.len()],
                sent.text
            );
            // Nothing but whitespace is dropped between sentences.
            prop_assert_eq!(doc[end..sent.start].trim(), "");
            end = sent.start + sent.text.len();
        }
        prop_assert_eq!(doc[end..].trim(), "");
    }

    /// Tokenizing sentence by sentence stays inside each sentence.
    #[test]
    fn tokens_of_sentences_stay_inside(s in french()) {
        for sent in sentences(&s, 0) {
            for t in tokens(sent.text, sent.start) {
                prop_assert!(t.start >= sent.start);
                prop_assert!(t.end() <= sent.start + sent.text.len());
                prop_assert_eq!(&s[t.start..t.end()], t.text);
            }
        }
    }

    /// `decode` never panics on arbitrary bytes; what it returns is
    /// never blank and has LF line ends only.
    #[test]
    fn decode_never_panics(bytes in any::<Vec<u8>>()) {
        check_decoded(bytes)?;
    }

    /// The same on bytes that look like text in some encoding: UTF-8
    /// with damage, legacy high bytes, UTF-16 halves, BOMs.
    #[test]
    fn decode_never_panics_on_near_text(
        parts in prop::collection::vec(prop_oneof![
            french().prop_map(String::into_bytes),
            french().prop_map(|s| {
                encoding_rs::WINDOWS_1252.encode(&s).0.into_owned()
            }),
            french().prop_map(|s| {
                s.encode_utf16().flat_map(u16::to_le_bytes).collect()
            }),
            prop::collection::vec(0x80u8.., 0..8),
            prop::sample::select(vec![
                b"\xEF\xBB\xBF".to_vec(),
                b"\xFF\xFE".to_vec(),
                b"\xFE\xFF".to_vec(),
                b"\0".to_vec(),
                b"<meta charset=iso-8859-15>".to_vec(),
                b"<?xml encoding='koi8-r'?>".to_vec(),
            ]),
        ], 0..6)
    ) {
        check_decoded(parts.concat())?;
    }

    /// UTF-8 text comes back as itself (NFC, LF), without a warning.
    #[test]
    fn utf8_round_trips(s in french()) {
        // A leading U+FEFF is a BOM, dropped.
        let s = s.trim_start_matches('\u{FEFF}').to_string();
        let expected = normalized(&s);
        if let Ok(d) = decode(s.into_bytes()) {
            prop_assert_eq!(d.text, expected);
            prop_assert_eq!(d.encoding, encoding_rs::UTF_8);
            prop_assert!(d.warning.is_none());
        }
    }

    /// UTF-16 with a BOM reads the same as UTF-8.
    #[test]
    fn utf16_reads_like_utf8(s in french(), big_endian in any::<bool>()) {
        let s = s.trim_start_matches('\u{FEFF}');
        let mut bytes = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for u in s.encode_utf16() {
            bytes.extend(if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            });
        }
        match (decode(s.as_bytes().to_vec()), decode(bytes)) {
            (Ok(a), Ok(b)) => prop_assert_eq!(a.text, b.text),
            (Err(_), Err(_)) => {}
            (a, b) => prop_assert!(false, "{a:?} vs {b:?}"),
        }
    }

    /// A few bad bytes in UTF-8 French text: still UTF-8, one U+FFFD
    /// per bad byte, and a warning.
    #[test]
    fn a_few_bad_bytes_stay_utf8(
        words in prop::collection::vec(
            prop::sample::select(&["été", "forêt", "où", "cœur", "garçon", "l’île"][..]),
            4..30,
        ),
        bad in prop::collection::vec((any::<prop::sample::Index>(), 0x80u8..0xC0), 1..4),
    ) {
        let mut bytes = words.join(" ").into_bytes();
        let accents = words.iter().map(|w| {
            w.chars().filter(|c| !c.is_ascii()).count()
        }).sum::<usize>();
        prop_assume!(accents > bad.len());
        for (at, byte) in &bad {
            // A lone continuation byte, before a character (or at the
            // end): never part of a valid sequence.
            let bounds: Vec<usize> = (0..=bytes.len())
                .filter(|&i| bytes.get(i).is_none_or(|b| b & 0xC0 != 0x80))
                .collect();
            let i = bounds[at.index(bounds.len())];
            bytes.insert(i, *byte);
        }
        let d = decode(bytes).expect("text");
        prop_assert_eq!(d.encoding, encoding_rs::UTF_8);
        prop_assert_eq!(d.text.matches('\u{FFFD}').count(), bad.len());
        prop_assert!(d.warning.is_some());
    }

    /// French text saved as Windows-1252 reads back as the original.
    #[test]
    fn windows_1252_reads_back(
        words in prop::collection::vec(
            prop::sample::select(&[
                "L’été", "était", "très", "chaud", "à", "la", "forêt",
                "où", "le", "cœur", "garçon", "« oui »", "déjà", "Noël",
                "il", "a", "dit", "–", "…", "Ça", "ôté", "l’œuvre",
                "10 €", "naïf", "qu’il", "écoute",
            ][..]),
            2..40,
        ),
    ) {
        let s = words.join(" ");
        prop_assume!(!s.is_ascii());
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&s);
        let d = decode(bytes.into_owned()).expect("text");
        prop_assert_eq!(d.encoding, encoding_rs::WINDOWS_1252);
        prop_assert_eq!(d.text, normalized(&s));
        prop_assert!(d.warning.is_some());
    }
}

fn normalized(s: &str) -> String {
    billet::normalize::normalize_document(s).into_owned()
}

fn check_decoded(bytes: Vec<u8>) -> Result<(), TestCaseError> {
    let size = bytes.len();
    if let Ok(d) = decode(bytes) {
        prop_assert_eq!(d.bytes, size);
        prop_assert!(!d.text.trim().is_empty());
        let cr = d.text.contains('\r');
        prop_assert!(!cr, "a CR is left");
        let bom = d.text.starts_with('\u{FEFF}');
        prop_assert!(!bom, "a BOM is left");
    }
    Ok(())
}
