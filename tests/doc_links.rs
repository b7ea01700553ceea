//! Every relative link of README.md and docs/ leads somewhere: the file
//! it names exists, and the `#anchor` it names is a heading of that file
//! (as GitHub writes heading anchors). Docs move as the project grows
//! (a section becomes a page of its own); this keeps their links whole.
//! Links out of the project (`http…`, `mailto:`) are not followed.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The links and the heading anchors of one Markdown text.
struct Page {
    links: Vec<String>,
    anchors: HashSet<String>,
}

/// Adds GitHub's anchor for a heading to `seen`: lower case, spaces to
/// hyphens, every character that is not a letter, a digit, `-` or `_`
/// dropped; a heading met again takes `-1`, `-2`… after it.
fn anchor_of(heading: &str, seen: &mut HashSet<String>) {
    let base: String = heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect();
    let mut anchor = base.clone();
    let mut n = 0;
    while !seen.insert(anchor.clone()) {
        n += 1;
        anchor = format!("{base}-{n}");
    }
}

fn read_page(text: &str) -> Page {
    let mut links = Vec::new();
    let mut anchors = HashSet::new();
    let mut heading: Option<String> = None;
    for event in Parser::new_ext(text, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                links.push(dest_url.to_string())
            }
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = heading.as_mut() {
                    h.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(h) = heading.take() {
                    anchor_of(&h, &mut anchors);
                }
            }
            _ => {}
        }
    }
    Page { links, anchors }
}

/// The broken links of every Markdown file under `root` (README.md and
/// docs/), one line each: the file, the link and what is wrong.
fn broken_links(root: &Path) -> Vec<String> {
    let docs = walkdir::WalkDir::new(root.join("docs")).sort_by_file_name();
    let files: Vec<PathBuf> = std::iter::once(root.join("README.md"))
        .chain(docs.into_iter().flatten().map(walkdir::DirEntry::into_path))
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .collect();
    let mut problems = Vec::new();
    for file in files.iter().filter(|f| f.exists()) {
        let text =
            fs::read_to_string(file).expect("a Markdown file of the project");
        let page = read_page(&text);
        let shown = file.strip_prefix(root).unwrap_or(file).display();
        for link in &page.links {
            if link.contains("://") || link.starts_with("mailto:") {
                continue;
            }
            let (path, anchor) = match link.split_once('#') {
                Some((p, a)) => (p, Some(a)),
                None => (link.as_str(), None),
            };
            let target: PathBuf = if path.is_empty() {
                file.clone()
            } else {
                file.parent().expect("a folder").join(path)
            };
            if !target.exists() {
                problems.push(format!("{shown}: {link}: no such file"));
                continue;
            }
            let Some(anchor) = anchor else { continue };
            if target.extension().is_none_or(|e| e != "md") {
                continue;
            }
            let anchors = if target == *file {
                page.anchors.clone()
            } else {
                read_page(
                    &fs::read_to_string(&target).expect("a Markdown file"),
                )
                .anchors
            };
            if !anchors.contains(anchor) {
                problems.push(format!(
                    "{shown}: {link}: no heading with that anchor"
                ));
            }
        }
    }
    problems
}

#[test]
fn readme_and_docs_links_lead_somewhere() {
    let problems = broken_links(Path::new(env!("CARGO_MANIFEST_DIR")));
    assert!(
        problems.is_empty(),
        "broken links:\n{}",
        problems.join("\n")
    );
}

/// The check finds what it is for: a small tree with a missing file, a
/// missing anchor, and links that are fine (a heading with code and
/// accents, a repeated heading, an anchor of the same page, a link out).
#[test]
fn the_check_catches_broken_links() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let root = dir.path();
    fs::create_dir_all(root.join("docs/sub")).expect("mkdir");
    fs::write(
        root.join("README.md"),
        "# Titre\n\n[ok](docs/a.md#données-et-tagsjson) [ok](docs/a.md#notes-1) \
         [gone](docs/missing.md) [no anchor](docs/a.md#nowhere) \
         [out](https://example.org/x.md#y) [self](#titre)\n",
    )
    .expect("write");
    fs::write(
        root.join("docs/a.md"),
        "# A\n\n## Données et `tags.json`\n\n## Notes\n\n## Notes\n\n\
         [up](../README.md) [sub](sub/b.md) [bad](sub/../../nope.md)\n\n\
         ```text\n[not a link](nothing.md)\n```\n",
    )
    .expect("write");
    fs::write(root.join("docs/sub/b.md"), "# B\n\n[a](../a.md#a)\n")
        .expect("write");
    let problems = broken_links(root);
    assert_eq!(
        problems,
        [
            "README.md: docs/missing.md: no such file",
            "README.md: docs/a.md#nowhere: no heading with that anchor",
            "docs/a.md: sub/../../nope.md: no such file",
        ],
        "{problems:#?}"
    );
}
