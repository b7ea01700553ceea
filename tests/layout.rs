//! The layout rules of docs/architecture.md, checked on the source tree:
//!
//! - no import circle: within each folder (and among the crate's
//!   top-level modules), the modules that import one another form no
//!   cycle — an arrow back up the pipeline fails here, with the lines
//!   that make the circle;
//! - the library is free of the command line: no file under lib.rs
//!   names clap, indicatif or ctrlc (the binary's `cli`, `commands` and
//!   `terminal`, declared from main.rs, do);
//! - every file of src/ belongs to the library or to the binary, and no
//!   Rust file of src/, tests/, benches/ or examples/ is over 1,000
//!   lines.
//!
//! The graph is read from `use` declarations and paths in code (comments
//! and literals aside): `crate::a::b`, `super::x`, `self::x`, and in
//! lib.rs the bare `a::b` of its own modules. A path is followed through
//! re-exports to the module that defines what it names (`super::Forms`
//! in `questions/rules.rs` is an import of `questions/forms.rs`). An
//! import between a folder's `mod.rs` and its own files is not a circle
//! (the folder's front door declares them, and they use its shared
//! types); one between two files of a folder, or two top-level stages,
//! is an edge of that folder's graph.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Longest file, in lines.
const MAX_LINES: usize = 1000;

/// Crates only the binary may use.
const CLI_CRATES: &[&str] = &["clap", "indicatif", "ctrlc"];

/// A module: its path from the crate root (`[]` is the root).
type ModPath = Vec<String>;

/// One source file of a crate's module tree.
#[derive(Debug)]
struct Module {
    path: ModPath,
    file: PathBuf,
    text: String,
}

/// The modules of the crate rooted at `root` (lib.rs or main.rs),
/// following `mod name;` declarations.
fn module_tree(root: &Path) -> Vec<Module> {
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
fn declared_module(line: &str) -> Option<String> {
    let t = line.trim();
    let t = t.strip_prefix("pub(crate) ").unwrap_or(t);
    let t = t.strip_prefix("pub(super) ").unwrap_or(t);
    let t = t.strip_prefix("pub ").unwrap_or(t);
    let name = t.strip_prefix("mod ")?.strip_suffix(';')?;
    is_ident(name).then(|| name.to_string())
}

fn is_ident(s: &str) -> bool {
    !s.is_empty()
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !s.starts_with(|c: char| c.is_ascii_digit())
}

/// A line of code: its number and its text, comments removed and the
/// insides of string and char literals blanked.
struct Line {
    number: usize,
    text: String,
    /// How many inline modules (`mod tests { … }`) it sits in.
    inline_depth: usize,
}

/// The lines of `text` that hold code (see [`code_only`]). Inline
/// modules are tracked by indentation (rustfmt's), so that `super`
/// inside `mod tests { … }` means the file's own module.
fn code_lines(text: &str) -> Vec<Line> {
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
fn code_only(text: &str) -> String {
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
struct Named {
    line: usize,
    /// How many inline modules it sits in.
    depth: usize,
    path: Vec<String>,
    /// Brought in by a `use` (else written in code).
    is_use: bool,
}

/// The paths a file names, each with its line number and inline depth:
/// every `use` tree expanded (`use a::{b, c::d}` gives `a::b` and
/// `a::c::d`), and every other `crate::…`, `super::…`, `self::…` path.
fn paths(text: &str) -> Vec<Named> {
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
fn without_renames(tree: &str) -> String {
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
fn expand_use_tree(tree: &str) -> Vec<Vec<String>> {
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
fn segments(s: &str) -> Vec<String> {
    s.split("::")
        .filter(|seg| !seg.is_empty() && *seg != "*")
        .map(str::to_string)
        .collect()
}

/// `b,c::{d,e},f` → `b`, `c::{d,e}`, `f`.
fn split_top_level(s: &str) -> Vec<&str> {
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
fn inline_paths(code: &str) -> Vec<Vec<String>> {
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

/// An import of one module by another, with where it is written.
#[derive(Clone, Debug)]
struct Edge {
    from: ModPath,
    to: ModPath,
    at: String,
}

/// What the checks found wrong, one line each.
type Problems = Vec<String>;

/// The modules of a crate and the names each imports, to resolve a path
/// to the module that defines what it names.
struct Resolver<'m> {
    known: BTreeSet<&'m ModPath>,
    /// Per module, what each name it imports (`use`, re-exports
    /// included) stands for: the depth of the `use` and its path.
    imports: BTreeMap<&'m ModPath, BTreeMap<String, Named>>,
}

impl<'m> Resolver<'m> {
    fn new(modules: &'m [Module]) -> Resolver<'m> {
        let mut imports: BTreeMap<&ModPath, BTreeMap<String, Named>> =
            BTreeMap::new();
        for m in modules {
            for named in paths(&m.text) {
                let Some(last) = named.path.last() else {
                    continue;
                };
                if named.is_use
                    && named.depth == 0
                    && !matches!(last.as_str(), "crate" | "self" | "super")
                {
                    imports
                        .entry(&m.path)
                        .or_default()
                        .insert(last.clone(), named.clone());
                }
            }
        }
        Resolver {
            known: modules.iter().map(|m| &m.path).collect(),
            imports,
        }
    }

    /// The module `path`, written in module `from` (`depth` inline
    /// modules deep), names: the deepest module on the path, or, when
    /// the path goes on with an item that module imports (a re-export),
    /// the module that item comes from. `None` for paths outside the
    /// crate.
    fn resolve(
        &self,
        from: &ModPath,
        depth: usize,
        path: &[String],
        hops: usize,
    ) -> Option<ModPath> {
        let first = path.first()?;
        let (mut base, rest): (ModPath, &[String]) = match first.as_str() {
            "crate" => (Vec::new(), &path[1..]),
            "self" => (from.clone(), &path[1..]),
            "super" => {
                // `super` inside an inline `mod tests` is the file.
                let mut base = from.clone();
                let mut rest = path;
                let mut inline = depth;
                while rest.first().is_some_and(|s| s == "super") {
                    if inline > 0 {
                        inline -= 1;
                    } else {
                        base.pop();
                    }
                    rest = &rest[1..];
                }
                (base, rest)
            }
            // lib.rs and main.rs name their own modules bare.
            name if from.is_empty()
                && self.known.contains(&vec![name.to_string()]) =>
            {
                (Vec::new(), path)
            }
            _ => return None,
        };
        let mut i = 0;
        while let Some(seg) = rest.get(i) {
            let mut next = base.clone();
            next.push(seg.clone());
            if !self.known.contains(&next) {
                break;
            }
            base = next;
            i += 1;
        }
        if let Some(item) = rest.get(i)
            && hops < 8
            && let Some(import) =
                self.imports.get(&base).and_then(|names| names.get(item))
            && let Some(target) =
                self.resolve(&base, import.depth, &import.path, hops + 1)
        {
            return Some(target);
        }
        Some(base)
    }
}

/// The imports between the modules of one crate, each resolved to the
/// module that defines what it names (through re-exports).
fn edges(modules: &[Module], root: &Path) -> Vec<Edge> {
    let resolver = Resolver::new(modules);
    let mut out = Vec::new();
    for m in modules {
        for named in paths(&m.text) {
            let Some(to) =
                resolver.resolve(&m.path, named.depth, &named.path, 0)
            else {
                continue;
            };
            if to != m.path {
                out.push(Edge {
                    from: m.path.clone(),
                    to,
                    at: format!(
                        "{}:{}",
                        m.file.strip_prefix(root).unwrap_or(&m.file).display(),
                        named.line
                    ),
                });
            }
        }
    }
    out
}

/// The import circles among the children of each module (the crate's
/// top-level modules being the root's children): an edge between two
/// modules counts between the children of their closest common
/// ancestor that hold them; edges between a module and its own
/// descendants do not count.
fn circles(edges: &[Edge]) -> Problems {
    // parent → child → (child it imports → where).
    let mut graphs: BTreeMap<
        ModPath,
        BTreeMap<String, BTreeMap<String, String>>,
    > = BTreeMap::new();
    for e in edges {
        let common =
            e.from.iter().zip(&e.to).take_while(|(a, b)| a == b).count();
        if common == e.from.len() || common == e.to.len() {
            continue; // one holds the other
        }
        let parent: ModPath = e.from[..common].to_vec();
        graphs
            .entry(parent)
            .or_default()
            .entry(e.from[common].clone())
            .or_default()
            .entry(e.to[common].clone())
            .or_insert_with(|| e.at.clone());
    }
    let mut problems = Vec::new();
    for (parent, graph) in &graphs {
        let place = if parent.is_empty() {
            "the crate's top-level modules".to_string()
        } else {
            format!("{}/", parent.join("/"))
        };
        for cycle in find_cycles(graph) {
            let mut text = format!("import circle among {place}: ");
            for (k, node) in cycle.iter().enumerate() {
                let next = &cycle[(k + 1) % cycle.len()];
                text.push_str(&format!(
                    "{node} → {next} ({}); ",
                    graph[node][next]
                ));
            }
            problems.push(text);
        }
    }
    problems
}

/// One cycle through each strongly connected component of `graph` that
/// has one (Tarjan's algorithm, then a path back to the start).
fn find_cycles(
    graph: &BTreeMap<String, BTreeMap<String, String>>,
) -> Vec<Vec<String>> {
    struct Tarjan<'g> {
        graph: &'g BTreeMap<String, BTreeMap<String, String>>,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        on_stack: BTreeSet<&'g str>,
        components: Vec<Vec<&'g str>>,
    }
    impl<'g> Tarjan<'g> {
        fn visit(&mut self, v: &'g str) {
            let n = self.index.len();
            self.index.insert(v, n);
            self.low.insert(v, n);
            self.stack.push(v);
            self.on_stack.insert(v);
            let graph = self.graph;
            for w in graph.get(v).into_iter().flat_map(|m| m.keys()) {
                let w = w.as_str();
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let low = self.low[v].min(self.low[w]);
                    self.low.insert(v, low);
                } else if self.on_stack.contains(w) {
                    let low = self.low[v].min(self.index[w]);
                    self.low.insert(v, low);
                }
            }
            if self.low[v] == self.index[v] {
                let mut component = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on_stack.remove(w);
                    component.push(w);
                    if w == v {
                        break;
                    }
                }
                self.components.push(component);
            }
        }
    }
    let mut t = Tarjan {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        components: Vec::new(),
    };
    for v in graph.keys() {
        if !t.index.contains_key(v.as_str()) {
            t.visit(v);
        }
    }
    let mut cycles = Vec::new();
    for component in t.components {
        let members: BTreeSet<&str> = component.iter().copied().collect();
        let self_loop =
            |v: &str| graph.get(v).is_some_and(|m| m.contains_key(v));
        if members.len() < 2 && !component.iter().any(|v| self_loop(v)) {
            continue;
        }
        // A shortest path from the smallest member back to itself,
        // inside the component (breadth first).
        let start = *members.iter().next().expect("not empty");
        let mut prev: BTreeMap<&str, &str> = BTreeMap::new();
        let mut queue = std::collections::VecDeque::from([start]);
        let mut closing = None;
        'search: while let Some(v) = queue.pop_front() {
            for w in graph.get(v).into_iter().flat_map(|m| m.keys()) {
                let w = w.as_str();
                if w == start {
                    closing = Some(v);
                    break 'search;
                }
                if members.contains(w) && !prev.contains_key(w) {
                    prev.insert(w, v);
                    queue.push_back(w);
                }
            }
        }
        let mut cycle = vec![closing.expect("a cycle closes").to_string()];
        while cycle.last().map(String::as_str) != Some(start) {
            let last = cycle.last().expect("not empty").clone();
            cycle.push(prev[last.as_str()].to_string());
        }
        cycle.reverse();
        cycles.push(cycle);
    }
    cycles
}

/// Library files that name a crate of the command line.
fn cli_crates_in(modules: &[Module]) -> Problems {
    let mut problems = Vec::new();
    for m in modules {
        for line in code_lines(&m.text) {
            let code = &line.text;
            for krate in CLI_CRATES {
                let named = code.match_indices(krate).any(|(i, _)| {
                    let before = code[..i].chars().next_back();
                    let after = code[i + krate.len()..].chars().next();
                    let word = |c: Option<char>| {
                        c.is_some_and(|c| c.is_alphanumeric() || c == '_')
                    };
                    !word(before) && !word(after)
                });
                if named {
                    problems.push(format!(
                        "{}:{}: the library names `{krate}`, a crate of the \
                         command line (keep it in main.rs's modules)",
                        m.file.display(),
                        line.number
                    ));
                }
            }
        }
    }
    problems
}

/// Rust files of `dirs` over [`MAX_LINES`] lines.
fn long_files(dirs: &[PathBuf]) -> Problems {
    let mut problems = Vec::new();
    let mut todo: Vec<PathBuf> = dirs.to_vec();
    while let Some(dir) = todo.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                todo.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = fs::read_to_string(&path).expect("readable");
                let n = text.lines().count();
                if n > MAX_LINES {
                    problems.push(format!(
                        "{}: {n} lines (at most {MAX_LINES}: split it along \
                         its seams, tests to a tests.rs beside it)",
                        path.display()
                    ));
                }
            }
        }
    }
    problems
}

/// Every check on the crate whose sources are in `root` (its `src/`
/// and the other folders of Rust files).
fn check(root: &Path) -> Problems {
    let src = root.join("src");
    let library = module_tree(&src.join("lib.rs"));
    let binary = module_tree(&src.join("main.rs"));
    let mut problems = Vec::new();
    problems.extend(circles(&edges(&library, root)));
    problems.extend(circles(&edges(&binary, root)));
    problems.extend(cli_crates_in(&library));
    // Every file of src/ is in exactly one of the two trees.
    let mut owners: BTreeMap<PathBuf, Vec<&str>> = BTreeMap::new();
    for m in &library {
        owners.entry(m.file.clone()).or_default().push("library");
    }
    for m in binary.iter().filter(|m| !m.path.is_empty()) {
        owners.entry(m.file.clone()).or_default().push("binary");
    }
    owners
        .entry(src.join("main.rs"))
        .or_default()
        .push("binary");
    let mut todo = vec![src.clone()];
    while let Some(dir) = todo.pop() {
        for entry in fs::read_dir(&dir).expect("src/ reads").flatten() {
            let path = entry.path();
            if path.is_dir() {
                todo.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                match owners.get(&path).map(Vec::len) {
                    Some(1) => {}
                    Some(_) => problems.push(format!(
                        "{}: declared both from lib.rs and from main.rs",
                        path.display()
                    )),
                    None => problems.push(format!(
                        "{}: no `mod` declares it",
                        path.display()
                    )),
                }
            }
        }
    }
    let dirs: Vec<PathBuf> = ["src", "tests", "benches", "examples"]
        .iter()
        .map(|d| root.join(d))
        .collect();
    problems.extend(long_files(&dirs));
    problems
}

#[test]
fn the_source_tree_keeps_the_layout_rules() {
    let problems = check(Path::new(env!("CARGO_MANIFEST_DIR")));
    assert!(
        problems.is_empty(),
        "layout rules broken (docs/architecture.md):\n{}",
        problems.join("\n")
    );
}

/// The checks find what they are for: a small crate written to break
/// each rule once.
#[test]
fn the_checks_catch_a_broken_layout() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let write = |rel: &str, text: &str| {
        let path = dir.path().join(rel);
        fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
        fs::write(path, text).expect("write");
    };
    write(
        "src/lib.rs",
        "pub mod low;\npub mod high;\npub mod stage;\npub use crate::high::Thing;\n",
    );
    // low → high → low: a circle between two top-level modules, one
    // side a multi-line `use` tree through lib.rs's re-export, the other
    // a path in code.
    write(
        "src/low.rs",
        "//! use crate::stage; (a comment is no import)\n\
         use crate::{\n    Thing,\n};\n\
         pub fn f() -> Thing { Thing }\n\
         const S: &str = \"crate::stage\"; // nor a string\n",
    );
    write(
        "src/high.rs",
        "pub struct Thing;\npub fn g() -> Thing { let _ = crate::low::f; Thing }\n",
    );
    // stage/a.rs → stage/b.rs → stage/a.rs: a circle inside a folder,
    // one side through the re-export of mod.rs; mod.rs ↔ its files is
    // none.
    write(
        "src/stage/mod.rs",
        "mod a;\nmod b;\npub use self::a::A;\npub struct Shared;\n",
    );
    write(
        "src/stage/a.rs",
        "use super::b::B;\nuse super::Shared;\npub struct A;\n\
         #[cfg(test)]\nmod tests {\n    use super::*;\n}\n",
    );
    write("src/stage/b.rs", "use super::A;\npub struct B;\n");
    write("src/main.rs", "mod cli;\nfn main() {}\n");
    write("src/cli.rs", "use clap::Parser;\n");
    write("src/stray.rs", "use indicatif::ProgressBar;\n");
    write("tests/big.rs", &"// a line\n".repeat(MAX_LINES + 1));
    let problems = check(dir.path());
    let text = problems.join("\n");
    let expect = |needle: &str| {
        assert!(
            problems.iter().any(|p| p.contains(needle)),
            "no problem mentions {needle:?}:\n{text}"
        );
    };
    expect("import circle among the crate's top-level modules: high → low");
    expect("import circle among stage/: a → b");
    expect("stray.rs: no `mod` declares it");
    expect("big.rs: 1001 lines");
    assert_eq!(problems.len(), 4, "{text}");

    // The library naming clap is caught; the binary doing so is not.
    write("src/lib.rs", "pub mod cli;\n");
    write("src/main.rs", "fn main() {}\n");
    fs::remove_file(dir.path().join("src/stray.rs")).expect("rm");
    fs::remove_file(dir.path().join("tests/big.rs")).expect("rm");
    fs::remove_dir_all(dir.path().join("src/stage")).expect("rm");
    fs::remove_file(dir.path().join("src/low.rs")).expect("rm");
    fs::remove_file(dir.path().join("src/high.rs")).expect("rm");
    let problems = check(dir.path());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains("the library names `clap`"),
        "{problems:?}"
    );
}

#[test]
fn use_trees_expand() {
    let got = expand_use_tree("crate::{a::{self,B},c::d::*,e}");
    let want: Vec<Vec<&str>> = vec![
        vec!["crate", "a"],
        vec!["crate", "a", "B"],
        vec!["crate", "c", "d"],
        vec!["crate", "e"],
    ];
    assert_eq!(got, want);
    assert_eq!(
        expand_use_tree(&without_renames("a::{b as c, d::E as F}")),
        [vec!["a", "b"], vec!["a", "d", "E"]]
    );
    let code = code_only(
        "let x = crate::a::b(super::c, \"crate::no // no\"); // crate::no\n\
         let c = '\"'; let d = '/'; /* crate::no */ let e = crate::yes;\n\
         let r = r#\"crate::no \"# ; fn f<'a>(x: &'a str) {}\n",
    );
    let lines: Vec<&str> = code.lines().collect();
    assert_eq!(
        inline_paths(lines[0]),
        [vec!["crate", "a", "b"], vec!["super", "c"]]
    );
    assert_eq!(inline_paths(lines[1]), [vec!["crate", "yes"]]);
    assert!(inline_paths(lines[2]).is_empty());
    assert!(lines[2].contains("fn f<'a>(x: &'a str)"), "{}", lines[2]);
}
