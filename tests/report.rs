//! `billet report` as a command: where the page goes, what it refuses,
//! its exit status, and the figures it shows for a real analysis of our
//! corpus. The page itself is checked in Chromium by `.ci/report.sh`.

mod common;

use common::{TestDir, manifest_dir, stderr};

/// The text of the first element carrying `data-count="key"`.
fn count(page: &str, key: &str) -> String {
    let at = page
        .find(&format!("data-count=\"{key}\""))
        .unwrap_or_else(|| panic!("no {key} in the page"));
    let start = page[at..].find('>').unwrap() + at + 1;
    let end = page[start..].find('<').unwrap() + start;
    page[start..end]
        .chars()
        .filter(char::is_ascii_digit)
        .collect()
}

fn analyse_corpus(dir: &TestDir) {
    let corpus = manifest_dir().join("corpus");
    let out = dir.billet(&[
        "analyze",
        corpus.to_str().unwrap(),
        "--out",
        "out",
        "--quiet",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn the_report_of_our_corpus_shows_its_figures() {
    let dir = TestDir::new();
    analyse_corpus(&dir);
    let out = dir.billet(&["report", "out"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("report of 20 articles"),
        "{}",
        stderr(&out)
    );
    let page = dir.read("out/report.html");
    let corpus = dir.json("out/corpus.json");
    let series = dir.json("out/series.json");
    assert_eq!(count(&page, "documents"), corpus["documents"].to_string());
    assert_eq!(count(&page, "words"), corpus["words"].to_string());
    assert_eq!(
        count(&page, "series"),
        series.as_array().unwrap().len().to_string()
    );
    let questions: u64 = dir
        .jsonl("out/articles.jsonl")
        .iter()
        .map(|a| a["questions"]["total"].as_u64().unwrap())
        .sum();
    assert_eq!(count(&page, "questions"), questions.to_string());
    assert!(page.contains("<html lang=\"fr\">"));
    assert!(page.contains("data-json-base=\"articles/\""));
    // The evidence behind suggested tags, written in English by the tags
    // stage, is French on a French page.
    assert!(page.contains("articles étiquetés les plus proches"));
    assert!(!page.contains("similar tagged"));
    // English, beside the output folder: links climb into it.
    let out =
        dir.billet(&["report", "out", "--lang", "en", "--html", "en.html"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let en = dir.read("en.html");
    assert!(en.contains("<html lang=\"en\">") && en.contains(">Overview<"));
    assert!(en.contains("data-json-base=\"out/articles/\""));
    assert!(en.contains("similar tagged articles carry it"));
}

#[test]
fn refusals_exit_2_and_touch_nothing() {
    let dir = TestDir::new();
    analyse_corpus(&dir);
    dir.write("notes.html", "<p>mes notes</p>");
    let out = dir.billet(&["report", "out", "--html", "notes.html"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("not a billet report"),
        "{}",
        stderr(&out)
    );
    assert_eq!(dir.read("notes.html"), "<p>mes notes</p>");
    // Not an analysis.
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    let out = dir.billet(&["report", "empty"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.path().join("empty/report.html").exists());
    // A bad language is a usage error.
    let out = dir.billet(&["report", "out", "--lang", "de"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_hostile_post_stays_text() {
    let dir = TestDir::new();
    dir.write(
        "posts/evil.md",
        "---\ntitle: \"</script><script>alert(1)</script>\"\n\
         tags: [\"<img src=x onerror=alert(2)>\"]\n---\n\nPourquoi pas ?\n",
    );
    let out = dir.billet(&["analyze", "posts", "--out", "out", "--quiet"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = dir.billet(&["report", "out"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = dir.read("out/report.html");
    assert!(!page.contains("<script>alert"));
    assert!(!page.contains("<img"));
    assert_eq!(
        page.matches("</script>").count(),
        page.matches("<script").count()
    );
}
