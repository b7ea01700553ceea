//! Article ids (DESIGN.md, `id`): a source path or a front-matter slug →
//! only `[a-z0-9_-]`, at most [`MAX_ID_BYTES`], made unique in input order
//! with `-2`, `-3`… — what Meilisearch, Elasticsearch and file systems all
//! accept, and never a path that leaves the output folder.
//!
//! `billet analyze` gives the ids; `billet index` and `billet export` find
//! an article's file again from the same rules.

use rustc_hash::FxHashSet;

use crate::chars::fold_char;

/// Longest id, in bytes.
pub const MAX_ID_BYTES: usize = 200;

/// Sanitises a path or slug into an id: accents folded, lower case,
/// runs of anything but `[a-z0-9]` → `-`, at most 200 bytes.
///
/// `"Carnet/Été 2024/Pâte à pain"` → `"carnet-ete-2024-pate-a-pain"`;
/// `"../../etc/passwd"` → `"etc-passwd"`.
pub fn sanitize_id(raw: &str) -> String {
    if !raw.is_ascii() {
        return folded_id(raw);
    }
    // Most paths and slugs: folding an ASCII character is lower-casing
    // it ([`fold_char`]), a byte at a time.
    let mut id = String::with_capacity(raw.len());
    for b in raw.bytes() {
        push_id_char(&mut id, char::from(b.to_ascii_lowercase()));
    }
    finish_id(&id)
}

/// [`sanitize_id`] with every character through [`fold_char`].
fn folded_id(raw: &str) -> String {
    let mut folded = String::with_capacity(raw.len());
    for c in raw.chars() {
        fold_char(c, &mut folded);
    }
    let mut id = String::with_capacity(folded.len());
    for c in folded.chars() {
        push_id_char(&mut id, c);
    }
    finish_id(&id)
}

/// An id's dashes trimmed, its length capped, `article` when empty.
fn finish_id(id: &str) -> String {
    let mut id = id.trim_matches('-').to_string();
    if id.len() > MAX_ID_BYTES {
        id.truncate(MAX_ID_BYTES);
        id = id.trim_end_matches('-').to_string();
    }
    if id.is_empty() {
        id.push_str("article");
    }
    id
}

/// Appends a folded character to an id being built: itself if in
/// `[a-z0-9]`, else one `-` for a run of others.
fn push_id_char(id: &mut String, c: char) {
    if c.is_ascii_lowercase() || c.is_ascii_digit() {
        id.push(c);
    } else if !id.ends_with('-') {
        id.push('-');
    }
}

/// The id of a source path without its extension:
/// `"blog/2013/communaute.txt"` → `"blog-2013-communaute"`.
pub fn file_id(source: &str) -> String {
    let without_ext = match source.rsplit_once('.') {
        Some((stem, ext)) if !ext.contains('/') => stem,
        _ => source,
    };
    sanitize_id(without_ext)
}

/// The id an article asks for, before ids are made unique: for one of
/// the articles of a file (a WordPress export), its file's id and its
/// `entry` key; else its front-matter slug; else its file's id.
pub fn base_id(
    source: &str,
    entry: Option<&str>,
    slug: Option<&str>,
) -> String {
    match (entry, slug) {
        (Some(entry), _) => {
            sanitize_id(&format!("{}-{entry}", file_id(source)))
        }
        (None, Some(slug)) => sanitize_id(slug),
        (None, None) => file_id(source),
    }
}

/// Ids made unique in the order they are asked for: the second `a` is
/// `a-2`, the third `a-3` (cut so that the suffix fits in
/// [`MAX_ID_BYTES`]).
#[derive(Debug, Default)]
pub struct UniqueIds {
    used: FxHashSet<String>,
}

impl UniqueIds {
    /// `base`, or `base` with the first free suffix.
    pub fn unique(&mut self, base: String) -> String {
        let mut id = base.clone();
        let mut n = 2;
        while self.used.contains(&id) {
            let suffix = format!("-{n}");
            let mut head = base.clone();
            head.truncate(MAX_ID_BYTES - suffix.len());
            // A cut may end on a separator: `a-b` cut to `a-` would give
            // `a--2`. See: #22
            let head = head.trim_end_matches('-');
            id = format!("{head}{suffix}");
            n += 1;
        }
        self.used.insert(id.clone());
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        let cases = [
            (
                "blog/2013/communaute-partie-1",
                "blog-2013-communaute-partie-1",
            ),
            ("Carnet/Été 2024/Pâte à pain", "carnet-ete-2024-pate-a-pain"),
            ("../../etc/passwd", "etc-passwd"),
            ("///", "article"),
        ];
        for (raw, expected) in cases {
            assert_eq!(sanitize_id(raw), expected);
        }
        assert!(sanitize_id(&"é".repeat(500)).len() <= MAX_ID_BYTES);
    }

    /// The ASCII path gives what folding every character gives: every
    /// ASCII byte, in runs of all lengths up to past the longest id.
    #[test]
    fn ascii_ids_fold_as_any_id() {
        let mut state = 14_u64;
        for len in 0..600 {
            let raw: String = (0..len % 300)
                .map(|_| {
                    state = state
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1_442_695_040_888_963_407);
                    char::from((state >> 33) as u8 & 0x7f)
                })
                .collect();
            assert_eq!(sanitize_id(&raw), folded_id(&raw), "{raw:?}");
        }
        for raw in ["Carnet/Été 2024", "---A--b--", "", "-"] {
            assert_eq!(sanitize_id(raw), folded_id(raw), "{raw:?}");
        }
    }

    #[test]
    fn unique_ids() {
        let mut ids = UniqueIds::default();
        let got: Vec<String> = ["a.txt", "a.md", "b.txt", "a.html"]
            .iter()
            .map(|s| ids.unique(base_id(s, None, None)))
            .collect();
        assert_eq!(got, ["a", "a-2", "b", "a-3"]);
    }

    /// Only the last dot of the file name starts an extension: a dot in
    /// a folder name stays part of the id.
    #[test]
    fn extensions_are_cut_from_the_file_name_only() {
        let cases = [
            ("blog/2013/communaute.txt", "blog-2013-communaute"),
            ("blog.v2/notes", "blog-v2-notes"),
            ("blog.v2/notes.fr.md", "blog-v2-notes-fr"),
            ("sans-extension", "sans-extension"),
        ];
        for (source, id) in cases {
            assert_eq!(file_id(source), id, "{source}");
        }
    }

    #[test]
    fn entries_and_slugs() {
        assert_eq!(base_id("wp/export.xml", Some("42"), None), "wp-export-42");
        assert_eq!(base_id("a/b.md", None, Some("../Mon Été")), "mon-ete");
        let long = "x".repeat(MAX_ID_BYTES);
        let mut ids = UniqueIds::default();
        assert_eq!(ids.unique(long.clone()), long);
        let second = ids.unique(long.clone());
        assert_eq!(second, format!("{}-2", "x".repeat(MAX_ID_BYTES - 2)));
    }

    /// Cuts at 200 bytes never leave a `-` at the end, nor `--` before a
    /// suffix. See: #22
    #[test]
    fn cuts_drop_the_separator_they_end_on() {
        let a = |n: usize| "a".repeat(n);
        // (raw, its id)
        let cases = [
            (format!("{}-{}", a(199), "b".repeat(50)), a(199)),
            // Separator runs collapse before the cut.
            (format!("{}--b", a(198)), format!("{}-b", a(198))),
            (format!("{}--b", a(199)), a(199)),
            (format!("{}-b", a(198)), format!("{}-b", a(198))),
            (a(201), a(200)),
            (format!("{} b", a(200)), a(200)),
        ];
        for (raw, want) in &cases {
            assert_eq!(&sanitize_id(raw), want, "{}", raw.len());
        }
        // `a…a-b` (199 bytes) taken twice: the second is cut to 198
        // bytes, which ends on the `-`.
        let base = format!("{}-b", a(197));
        let mut ids = UniqueIds::default();
        assert_eq!(ids.unique(base.clone()), base);
        assert_eq!(ids.unique(base.clone()), format!("{}-2", a(197)));
        assert_eq!(ids.unique(base.clone()), format!("{}-3", a(197)));
        let got = ids.unique(format!("{}-10", a(196)));
        assert_eq!(got, format!("{}-10", a(196)));
    }
}
