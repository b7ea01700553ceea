//! Reading a crate's sources for `tests/layout.rs`: its module tree
//! (following `mod name;`), its code without comments and literals, and
//! the paths each file names (`use` trees expanded, `crate::`, `super::`,
//! `self::` paths in code).

pub mod graph;

use std::fs;
use std::path::{Path, PathBuf};

/// A module: its path from the crate root (`[]` is the root).
pub type ModPath = Vec<String>;

/// One source file of a crate's module tree.
#[derive(Debug)]
pub struct Module {
    pub path: ModPath,
    pub file: PathBuf,
    pub text: String,
}

/// The modules of the crate rooted at `root` (lib.rs or main.rs),
/// following `mod name;` declarations.
pub fn module_tree(root: &Path) -> Vec<Module> {
    let mut out = Vec::new();
    let mut todo = vec![(ModPath::new(), root.to_path_buf())];
    while let Some((path, file)) = todo.pop() {
        let text = fs::read_to_string(&file)
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        // Children of `src/a.rs` live in `src/a/`, of `src/a/mod.rs`,
        // `src/lib.rs` and `src/main.rs` in their own folder.
        let dir = match file.file_stem().and_then(|s| s.to_str()) {
            Some("mod" | "lib" | "main") => {
                file.parent().expect("a folder").to_path_buf()
            }
            Some(stem) => file.parent().expect("a folder").join(stem),
            None => unreachable!("a .rs file"),
        };
        for line in code_lines(&text) {
            let Some(name) = declared_module(&line.text) else {
                continue;
            };
            let flat = dir.join(format!("{name}.rs"));
            let nested = dir.join(&name).join("mod.rs");
            let child = if flat.is_file() { flat } else { nested };
            assert!(
                child.is_file(),
                "{}:{}: `mod {name};` has no file",
                file.display(),
                line.number
            );
            let mut child_path = path.clone();
            child_path.push(name);
            todo.push((child_path, child));
        }
        out.push(Module { path, file, text });
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// `mod name;` (not an inline `mod name { … }`), any visibility.
pub fn declared_module(line: &str) -> Option<String> {
    let t = line.trim();
    let t = t.strip_prefix("pub(crate) ").unwrap_or(t);
    let t = t.strip_prefix("pub(super) ").unwrap_or(t);
    let t = t.strip_prefix("pub ").unwrap_or(t);
    let name = t.strip_prefix("mod ")?.strip_suffix(';')?;
    is_ident(name).then(|| name.to_string())
}

pub fn is_ident(s: &str) -> bool {
    !s.is_empty()
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !s.starts_with(|c: char| c.is_ascii_digit())
}

/// A line of code: its number and its text, comments removed and the
/// insides of string and char literals blanked.
pub struct Line {
    pub number: usize,
    pub text: String,
    /// How many inline modules (`mod tests { … }`) it sits in.
    pub inline_depth: usize,
}

/// The lines of `text` that hold code (see [`code_only`]). Inline
/// modules are tracked by indentation (rustfmt's), so that `super`
/// inside `mod tests { … }` means the file's own module.
pub fn code_lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut inline: Vec<usize> = Vec::new();
    for (i, raw) in code_only(text).lines().enumerate() {
        let trimmed = raw.trim_start();
        if trimmed.trim_end().is_empty() {
            continue;
        }
        let indent = raw.len() - trimmed.len();
        while inline.last().is_some_and(|&open| indent <= open) {
            inline.pop();
        }
        out.push(Line {
            number: i + 1,
            text: raw.trim_end().to_string(),
            inline_depth: inline.len(),
        });
        let t = trimmed.trim_end();
        let t = t.strip_prefix("pub ").unwrap_or(t);
        if t.starts_with("mod ") && t.ends_with('{') {
            inline.push(indent);
        }
    }
    out
}

/// `text` with every comment (doc comments included) and the insides of
/// every string, raw string and char literal turned into spaces, line
/// breaks kept: what is left is code, line for line.
pub fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let blank = |c: char, out: &mut String| {
        out.push(if c == '\n' { '\n' } else { ' ' });
    };
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                out.push(' ');
                i += 1;
            }
            continue;
        }
        if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    blank(chars[i], &mut out);
                    i += 1;
                }
            }
            continue;
        }
        let after_ident = i > 0 && ident(chars[i - 1]);
        if c == 'r' && !after_ident && matches!(next, Some('#' | '"')) {
            let hashes =
                chars[i + 1..].iter().take_while(|&&h| h == '#').count();
            if chars.get(i + 1 + hashes) == Some(&'"') {
                // A raw string: r"…" or r#"…"#.
                for &o in &chars[i..i + 2 + hashes] {
                    out.push(o);
                }
                i += 2 + hashes;
                while i < chars.len() {
                    let closes = chars[i] == '"'
                        && chars[i + 1..]
                            .iter()
                            .take(hashes)
                            .filter(|&&h| h == '#')
                            .count()
                            == hashes;
                    if closes {
                        out.push('"');
                        out.extend(std::iter::repeat_n('#', hashes));
                        i += 1 + hashes;
                        break;
                    }
                    blank(chars[i], &mut out);
                    i += 1;
                }
                continue;
            }
        }
        if c == '"' {
            out.push('"');
            i += 1;
            while i < chars.len() {
                match chars[i] {
                    '\\' => {
                        blank(chars[i], &mut out);
                        if let Some(&e) = chars.get(i + 1) {
                            blank(e, &mut out);
                        }
                        i += 2;
                    }
                    '"' => {
                        out.push('"');
                        i += 1;
                        break;
                    }
                    other => {
                        blank(other, &mut out);
                        i += 1;
                    }
                }
            }
            continue;
        }
        if c == '\'' {
            // A char literal ('x', '\'', '\u{2019}'), or a lifetime.
            let end = if next == Some('\\') {
                chars[i + 3..]
                    .iter()
                    .position(|&q| q == '\'')
                    .map(|p| i + 3 + p)
            } else if chars.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            if let Some(end) = end {
                out.push('\'');
                for &o in &chars[i + 1..end] {
                    blank(o, &mut out);
                }
                out.push('\'');
                i = end + 1;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

/// A path named in a file.
#[derive(Clone, Debug)]
pub struct Named {
    pub line: usize,
    /// How many inline modules it sits in.
    pub depth: usize,
    pub path: Vec<String>,
    /// Brought in by a `use` (else written in code).
    pub is_use: bool,
}

/// The paths a file names, each with its line number and inline depth:
/// every `use` tree expanded (`use a::{b, c::d}` gives `a::b` and
/// `a::c::d`), and every other `crate::…`, `super::…`, `self::…` path.
pub fn paths(text: &str) -> Vec<Named> {
    let lines = code_lines(text);
    let mut out = Vec::new();
    let mut k = 0;
    while k < lines.len() {
        let line = &lines[k];
        let t = line.text.trim_start();
        let t = t
            .strip_prefix("pub(crate) ")
            .or_else(|| t.strip_prefix("pub(super) "))
            .or_else(|| t.strip_prefix("pub "))
            .unwrap_or(t);
        if let Some(rest) = t.strip_prefix("use ") {
            // A `use` may run over several lines, up to its `;`.
            let mut tree = rest.to_string();
            while !tree.contains(';') && k + 1 < lines.len() {
                k += 1;
                tree.push(' ');
                tree.push_str(lines[k].text.trim());
            }
            let tree =
                without_renames(tree.split(';').next().unwrap_or_default());
            for path in expand_use_tree(&tree) {
                out.push(Named {
                    line: line.number,
                    depth: line.inline_depth,
                    path,
                    is_use: true,
                });
            }
        } else {
            for path in inline_paths(&line.text) {
                out.push(Named {
                    line: line.number,
                    depth: line.inline_depth,
                    path,
                    is_use: false,
                });
            }
        }
        k += 1;
    }
    out
}

/// A `use` tree without its whitespace and its `as` renames:
/// `a::{b as c, d}` → `a::{b,d}`.
pub fn without_renames(tree: &str) -> String {
    let mut out = String::with_capacity(tree.len());
    let mut words = tree.split_whitespace();
    while let Some(w) = words.next() {
        if w == "as" {
            // Keep what follows the new name: `c,` → `,`, `c}` → `}`.
            if let Some(name) = words.next() {
                out.extend(
                    name.chars()
                        .skip_while(|&c| c.is_alphanumeric() || c == '_'),
                );
            }
        } else {
            out.push_str(w);
        }
    }
    out
}

/// `a::{b,c::{d,e}}` → `[a,b]`, `[a,c,d]`, `[a,c,e]` (`self` in braces
/// is the prefix itself; globs are dropped).
pub fn expand_use_tree(tree: &str) -> Vec<Vec<String>> {
    fn go(s: &str, prefix: &[String], out: &mut Vec<Vec<String>>) {
        let s = s.trim_start_matches("::");
        let mut path = prefix.to_vec();
        if let Some(open) = s.find('{') {
            path.extend(segments(&s[..open]));
            let inner = &s[open + 1..s.rfind('}').unwrap_or(s.len())];
            for part in split_top_level(inner) {
                if part == "self" {
                    out.push(path.clone());
                } else if !part.is_empty() {
                    go(part, &path, out);
                }
            }
        } else {
            path.extend(segments(s));
            if path.last().is_some_and(|l| l == "self") {
                path.pop();
            }
            out.push(path);
        }
    }
    let mut out = Vec::new();
    go(tree, &[], &mut out);
    out
}

/// The `::`-separated identifiers of a path, a final `*` dropped.
pub fn segments(s: &str) -> Vec<String> {
    s.split("::")
        .filter(|seg| !seg.is_empty() && *seg != "*")
        .map(str::to_string)
        .collect()
}

/// `b,c::{d,e},f` → `b`, `c::{d,e}`, `f`.
pub fn split_top_level(s: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&s[start..]);
    parts
}

/// The `crate::…`, `super::…` and `self::…` paths inside a line of code
/// (literals already blanked by [`code_only`]).
pub fn inline_paths(code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    for start in ["crate::", "super::", "self::"] {
        let mut from = 0;
        while let Some(at) = code[from..].find(start) {
            let at = from + at;
            from = at + start.len();
            let before = at.checked_sub(1).map(|i| bytes[i]);
            if before.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_') {
                continue;
            }
            let end = code[at..]
                .find(|c: char| {
                    !(c.is_ascii_alphanumeric() || c == '_' || c == ':')
                })
                .map_or(code.len(), |e| at + e);
            out.push(segments(&code[at..end]));
        }
    }
    out
}
