//! Decoding: one file's bytes → its text, NFC with LF line ends.
//!
//! UTF-8 with or without a BOM, UTF-16 with a BOM, and legacy
//! single-byte files (Windows-1252) are decoded with encoding_rs. Binary
//! files (NUL bytes) and empty files are errors for that file only.

use std::path::Path;

use crate::error::ErrorKind;

/// Files larger than this are reported, not read.
pub const MAX_FILE_BYTES: u64 = 1 << 30;

/// A decoded post.
#[derive(Debug)]
pub struct Decoded {
    /// The text: NFC, LF line ends, no BOM.
    pub text: String,
    /// Size of the file in bytes.
    pub bytes: usize,
    /// Something the user should know (a legacy encoding was assumed).
    pub warning: Option<String>,
}

/// Reads and decodes one file.
pub fn read_text(path: &Path) -> Result<Decoded, ErrorKind> {
    let meta = std::fs::metadata(path).map_err(ErrorKind::Io)?;
    if !meta.is_file() {
        return Err(ErrorKind::NotRegular);
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(ErrorKind::TooLarge { bytes: meta.len() });
    }
    let bytes = std::fs::read(path).map_err(ErrorKind::Io)?;
    decode(bytes)
}

/// Decodes the bytes of one file.
pub fn decode(bytes: Vec<u8>) -> Result<Decoded, ErrorKind> {
    let size = bytes.len();
    let mut warning = None;
    let text =
        if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(&bytes) {
            if enc == encoding_rs::UTF_8 {
                into_utf8(bytes, bom_len, &mut warning)?
            } else {
                let (text, had_errors) =
                    enc.decode_without_bom_handling(&bytes[bom_len..]);
                if had_errors {
                    warning = Some(format!(
                        "invalid {} sequences replaced by U+FFFD",
                        enc.name()
                    ));
                }
                text.into_owned()
            }
        } else {
            into_utf8(bytes, 0, &mut warning)?
        };
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
        warning,
    })
}

fn into_utf8(
    mut bytes: Vec<u8>,
    skip: usize,
    warning: &mut Option<String>,
) -> Result<String, ErrorKind> {
    if memchr::memchr(0, &bytes).is_some() {
        return Err(ErrorKind::Binary);
    }
    bytes.drain(..skip);
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(err) => {
            // Not UTF-8: a legacy French file is almost always
            // Windows-1252 (a superset of ISO-8859-1 in practice).
            let bytes = err.into_bytes();
            let (text, _) =
                encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
            *warning =
                Some("not valid UTF-8: decoded as Windows-1252".to_string());
            Ok(text.into_owned())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_boms_and_legacy() {
        let utf8_bom = b"\xEF\xBB\xBFl\xE2\x80\x99homme".to_vec();
        assert_eq!(decode(utf8_bom).unwrap().text, "l’homme");
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "été".encode_utf16() {
            utf16.extend(u.to_le_bytes());
        }
        assert_eq!(decode(utf16).unwrap().text, "été");
        let cp1252 = b"l\x92\xE9t\xE9".to_vec();
        let d = decode(cp1252).unwrap();
        assert_eq!(d.text, "l’été");
        assert!(d.warning.is_some());
        assert!(matches!(decode(b"a\0b".to_vec()), Err(ErrorKind::Binary)));
        assert!(matches!(decode(b" \n".to_vec()), Err(ErrorKind::Empty)));
    }
}
