//! The page as a whole: escaping of hostile posts, the figures shown,
//! the Content-Security-Policy, and where the file may be written. The
//! browser test (`tests/browser/`) checks the same page in Chromium.

use std::path::Path;

use super::input::{Article, Corpus, ErrorLine, Input, Questions};
use super::*;

const HOSTILE: &str = "</script><script>alert(1)</script><img src=x onerror=alert(2)> {{script}} \u{2028}";

fn hostile_input() -> Input {
    let mut evil = Article {
        id: "evil".into(),
        source: "evil<b>.md".into(),
        title: Some(HOSTILE.into()),
        author: Some("<i>Mallory</i>".into()),
        date: Some("2024-03-01".into()),
        tags: vec!["\"><script>alert(3)</script>".into(), "vélo".into()],
        questions: Questions {
            total: 2,
            direct: 2,
            reader_prompts: 2,
            title: true,
            ..Questions::default()
        },
        ..Article::default()
    };
    evil.stats.words = 120;
    evil.stats.reading_minutes = 0.5;
    let plain = Article {
        id: "plain".into(),
        title: Some("Un billet".into()),
        date: Some("2024-05-10".into()),
        tags: vec!["vélo".into()],
        ..Article::default()
    };
    Input {
        corpus: Corpus {
            documents: 2,
            words: 1_234_567,
            failed_files: 1,
            ignored_files: 3,
            inputs: vec!["/blog".into()],
            ..Corpus::default()
        },
        articles: vec![evil, plain],
        errors: vec![ErrorLine {
            source: "<bad>.md".into(),
            error: "binary file".into(),
        }],
        ..Input::default()
    }
}

/// The text of the first `<dd data-count="key">`.
fn count(page: &str, key: &str) -> String {
    let tag = format!("<dd data-count=\"{key}\"");
    let start =
        page.find(&tag).unwrap_or_else(|| panic!("no {key}")) + tag.len();
    let start = page[start..].find('>').unwrap() + start + 1;
    let end = page[start..].find('<').unwrap() + start;
    page[start..end].to_string()
}

#[test]
fn hostile_strings_are_text_not_markup() {
    for limit in [data::PLAIN_LIMIT, 0] {
        let (page, compressed) =
            render(&hostile_input(), Lang::Fr, "articles/", limit);
        assert_eq!(compressed, limit == 0);
        // Our four script elements only: strings, data, details, code.
        assert_eq!(page.matches("<script").count(), 4, "{page}");
        assert_eq!(page.matches("</script>").count(), 4);
        assert!(!page.contains("<img"));
        assert!(!page.contains("<i>Mallory"));
        // The data island holds no raw line separator (it is escaped).
        let scripts = &page[page.find("<script").unwrap()..];
        assert!(!scripts.contains('\u{2028}'));
        // The hostile title is shown, escaped, in the askers' list.
        assert!(
            page.contains(
                "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
            )
        );
        // A hole's name inside a post is not filled.
        assert!(page.contains("{{script}}"));
        // Static attribute values are escaped too.
        assert!(page.contains(
            "data-value=\"&quot;&gt;&lt;script&gt;alert(3)&lt;/script&gt;\""
        ));
    }
}

#[test]
fn figures_equal_the_input() {
    let (page, _) =
        render(&hostile_input(), Lang::Fr, "articles/", data::PLAIN_LIMIT);
    assert_eq!(count(&page, "documents"), "2");
    assert_eq!(count(&page, "words"), "1\u{202f}234\u{202f}567");
    assert_eq!(count(&page, "failed"), "1");
    assert_eq!(count(&page, "ignored"), "3");
    assert_eq!(count(&page, "series"), "0");
    assert_eq!(count(&page, "distinct_tags"), "2");
    assert_eq!(count(&page, "untagged"), "0");
    assert_eq!(count(&page, "questions"), "2");
    assert_eq!(count(&page, "title_questions"), "1");
    assert!(page.contains("<html lang=\"fr\">"));
    assert!(page.contains("&lt;bad&gt;.md"));
    assert!(
        page.contains("2024-03-01</span> → <span class=\"date\">2024-05-10")
    );
    // No tags.json, no embedded questions: the page says so.
    assert!(page.contains(text::tr(Lang::Fr, "tags.old")));
    assert!(page.contains(text::tr(Lang::Fr, "q.old")));
    let (en, _) =
        render(&hostile_input(), Lang::En, "articles/", data::PLAIN_LIMIT);
    assert!(en.contains("<html lang=\"en\">"));
    assert_eq!(count(&en, "words"), "1,234,567");
    assert!(en.contains(">Overview<"));
}

#[test]
fn the_policy_allows_our_script_and_style_only() {
    let (page, _) =
        render(&hostile_input(), Lang::Fr, "articles/", data::PLAIN_LIMIT);
    let csp_start = page.find("Content-Security-Policy\" content=\"").unwrap();
    let csp =
        &page[csp_start..page[csp_start..].find("\">").unwrap() + csp_start];
    assert!(csp.contains("default-src 'none'"));
    assert!(!csp.contains("unsafe-inline"));
    let script = page.rfind("<script>").unwrap() + "<script>".len();
    let script = &page[script..page.rfind("</script>").unwrap()];
    assert!(csp.contains(&format!("'sha256-{}'", sha256_base64(script))));
    // No style attribute and no inline handler: the policy forbids both.
    let body =
        &page[page.find("<body").unwrap()..page.find("<script").unwrap()];
    assert!(!body.contains(" style=\""));
    assert!(!body.contains(" onclick="));
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page[..1024].contains(MARKER));
}

#[test]
fn relative_urls_between_folders() {
    const CASES: &[(&str, &str, &str)] = &[
        ("/a/out", "/a/out/articles", "articles/"),
        ("/a", "/a/out/articles", "out/articles/"),
        ("/a/reports", "/a/out/articles", "../out/articles/"),
        (
            "/x/y",
            "/a/my out#1/articles",
            "../../a/my%20out%231/articles/",
        ),
    ];
    for (from, to, want) in CASES {
        assert_eq!(
            relative_url(Path::new(from), Path::new(to)),
            *want,
            "{from} → {to}"
        );
    }
}

fn analysis_folder(dir: &Path) {
    std::fs::create_dir_all(dir.join("articles")).unwrap();
    std::fs::write(
        dir.join("corpus.json"),
        r#"{"documents":1,"words":5,"inputs":["/nonexistent-input"]}"#,
    )
    .unwrap();
    std::fs::write(
        dir.join("articles.jsonl"),
        "{\"id\":\"a\",\"title\":\"Bonjour\",\"date\":\"2024-01-02\",\"stats\":{\"words\":5,\"reading_minutes\":0.1}}\n",
    )
    .unwrap();
}

#[test]
fn writes_replaces_its_own_and_refuses_others() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    analysis_folder(&out);
    let html = out.join("report.html");
    let options = ReportOptions {
        out: out.clone(),
        html: html.clone(),
        lang: Lang::Fr,
    };
    let summary = write_report(&options).unwrap();
    assert_eq!(summary.articles, 1);
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("data-json-base=\"articles/\""));
    // A second run replaces the first report.
    write_report(&options).unwrap();
    // Elsewhere, the links climb to the output folder.
    let beside = tmp.path().join("reports/r.html");
    std::fs::create_dir_all(beside.parent().unwrap()).unwrap();
    write_report(&ReportOptions {
        html: beside.clone(),
        ..options.clone()
    })
    .unwrap();
    assert!(
        std::fs::read_to_string(&beside)
            .unwrap()
            .contains("data-json-base=\"../out/articles/\"")
    );
    // Someone's own file is never overwritten.
    let mine = tmp.path().join("mine.html");
    std::fs::write(&mine, "<p>my notes</p>").unwrap();
    let err = write_report(&ReportOptions {
        html: mine.clone(),
        ..options.clone()
    })
    .unwrap_err();
    assert!(err.message.contains("not a billet report"), "{err}");
    assert_eq!(std::fs::read_to_string(&mine).unwrap(), "<p>my notes</p>");
    // Nor a folder, nor a folder that does not exist.
    assert!(
        write_report(&ReportOptions {
            html: out.clone(),
            ..options.clone()
        })
        .is_err()
    );
    assert!(
        write_report(&ReportOptions {
            html: tmp.path().join("no/such/dir/r.html"),
            ..options.clone()
        })
        .is_err()
    );
    // No temporary file is left behind.
    let leftovers = std::fs::read_dir(&out).unwrap().filter(|e| {
        e.as_ref()
            .unwrap()
            .file_name()
            .to_string_lossy()
            .starts_with(".billet-")
    });
    assert_eq!(leftovers.count(), 0);
}

#[test]
fn refuses_to_write_into_an_analysed_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let posts = tmp.path().join("posts");
    std::fs::create_dir_all(&posts).unwrap();
    let out = tmp.path().join("out");
    analysis_folder(&out);
    let posts = std::fs::canonicalize(&posts).unwrap();
    std::fs::write(
        out.join("corpus.json"),
        format!(
            r#"{{"documents":1,"inputs":[{:?}]}}"#,
            posts.to_str().unwrap()
        ),
    )
    .unwrap();
    let err = write_report(&ReportOptions {
        out,
        html: posts.join("report.html"),
        lang: Lang::En,
    })
    .unwrap_err();
    assert!(
        err.message.contains("would read the report as a post"),
        "{err}"
    );
    assert!(!posts.join("report.html").exists());
}

#[test]
fn a_folder_without_analysis_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let err = write_report(&ReportOptions {
        out: tmp.path().to_path_buf(),
        html: tmp.path().join("r.html"),
        lang: Lang::Fr,
    })
    .unwrap_err();
    assert!(err.message.contains("corpus.json"), "{err}");
}
