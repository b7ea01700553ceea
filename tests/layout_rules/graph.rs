//! The import graph of a crate and the checks over it: circles, the
//! order of lib.rs's pipeline diagram, the command line's crates, file
//! sizes.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use super::{
    ModPath, Module, Named, code_lines, is_ident, module_tree, paths,
};

/// Longest file, in lines.
pub const MAX_LINES: usize = 1000;

/// Crates only the binary may use.
const CLI_CRATES: &[&str] = &["clap", "indicatif", "signal_hook"];

/// An import of one module by another, with where it is written.
#[derive(Clone, Debug)]
pub struct Edge {
    pub from: ModPath,
    pub to: ModPath,
    pub at: String,
}

/// What the checks found wrong, one line each.
pub type Problems = Vec<String>;

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
pub fn edges(modules: &[Module], root: &Path) -> Vec<Edge> {
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
pub fn circles(edges: &[Edge]) -> Problems {
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
pub fn find_cycles(
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
pub fn cli_crates_in(modules: &[Module]) -> Problems {
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
pub fn long_files(dirs: &[PathBuf]) -> Problems {
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

/// The library's top-level modules in the order of the pipeline diagram
/// in lib.rs's documentation (its first ```` ```text ```` block): each line
/// `//! name …` or `//! name/ …` lists one; indented lines go on the
/// line before.
pub fn diagram_order(lib: &str) -> Vec<String> {
    let mut in_block = false;
    let mut out = Vec::new();
    for line in lib.lines() {
        let Some(doc) = line.strip_prefix("//!") else {
            continue;
        };
        let doc = doc.strip_prefix(' ').unwrap_or(doc);
        if doc.starts_with("```") {
            if in_block {
                break;
            }
            in_block = doc.trim() == "```text";
            continue;
        }
        if !in_block || doc.starts_with(' ') {
            continue;
        }
        let name = doc.split_whitespace().next().unwrap_or_default();
        let name = name.trim_end_matches('/');
        if is_ident(name) {
            out.push(name.to_string());
        }
    }
    out
}

/// Imports that run back up the diagram of lib.rs (a top-level module
/// importing one listed below it: how a circle starts), and top-level
/// modules the diagram leaves out.
pub fn against_diagram(library: &[Module], edges: &[Edge]) -> Problems {
    let root = library.iter().find(|m| m.path.is_empty());
    let order = root.map(|m| diagram_order(&m.text)).unwrap_or_default();
    let place = |name: &str| order.iter().position(|o| o == name);
    let mut problems = Vec::new();
    for m in library.iter().filter(|m| m.path.len() == 1) {
        if place(&m.path[0]).is_none() {
            problems.push(format!(
                "{}: not in the pipeline diagram of lib.rs's documentation \
                 (add its line where it belongs)",
                m.path[0]
            ));
        }
    }
    let mut seen = BTreeSet::new();
    for e in edges {
        let (Some(from), Some(to)) = (e.from.first(), e.to.first()) else {
            continue;
        };
        if from == to || !seen.insert((from, to)) {
            continue;
        }
        if let (Some(a), Some(b)) = (place(from), place(to))
            && a < b
        {
            problems.push(format!(
                "{}: {from} imports {to}, which the diagram of lib.rs lists \
                 below it (move the shared piece down, or {from} below {to})",
                e.at
            ));
        }
    }
    problems
}

/// Every check on the crate whose sources are in `root` (its `src/`
/// and the other folders of Rust files).
pub fn check(root: &Path) -> Problems {
    let src = root.join("src");
    let library = module_tree(&src.join("lib.rs"));
    let binary = module_tree(&src.join("main.rs"));
    let mut problems = Vec::new();
    let library_edges = edges(&library, root);
    problems.extend(circles(&library_edges));
    problems.extend(against_diagram(&library, &library_edges));
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
