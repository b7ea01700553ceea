//! Article ids by value: accents folded, runs of anything else → `-`,
//! never a `-` at either end, at most 200 bytes (cut where no `-` is
//! left dangling), made unique in input order. See: #22 (an id cut at
//! 200 bytes could keep a trailing `-`).

mod common;
use common::{TestDir, stderr};

/// `(source, id)` of every article of `billet analyze in`.
fn ids(t: &TestDir) -> Vec<(String, String)> {
    let o = t.billet(&["analyze", "in", "--out", "out", "--quiet"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut got: Vec<(String, String)> = t
        .jsonl("out/articles.jsonl")
        .iter()
        .map(|a| {
            (
                a["source"].as_str().unwrap().to_string(),
                a["id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    got.sort();
    for (_, id) in &got {
        t.json(&format!("out/articles/{id}.json"));
    }
    got
}

#[test]
fn ids_fold_accents_and_collapse_separators() {
    let t = TestDir::new();
    for name in [
        "Été 2024/Œuvre Ça.txt",
        "Pâte à pain!.txt",
        "--Déjà--vu__.txt",
        "ÉCOLE.txt",
        "école.md",
        "ß straße.txt",
        "日本.txt",
        "---.txt",
    ] {
        t.write(
            format!("in/{name}"),
            format!("Titre\n\nDu texte sur {name}.\n"),
        );
    }
    // By source (byte order); `ecole-2` and `article-2` by input order.
    let want = [
        ("---.txt", "article"),
        ("--Déjà--vu__.txt", "deja-vu"),
        ("Pâte à pain!.txt", "pate-a-pain"),
        ("ÉCOLE.txt", "ecole"),
        ("Été 2024/Œuvre Ça.txt", "ete-2024-oeuvre-ca"),
        ("ß straße.txt", "ss-strasse"),
        ("école.md", "ecole-2"),
        ("日本.txt", "article-2"),
    ];
    let got = ids(&t);
    let got: Vec<(&str, &str)> =
        got.iter().map(|(s, i)| (s.as_str(), i.as_str())).collect();
    assert_eq!(got, want);
}

/// A name whose 201st byte, once sanitised, follows a `-`: the id is cut
/// to 199 bytes, not to 200 with a trailing `-`. Same for a slug; the
/// slug's id then collides and takes a suffix within 200 bytes.
#[test]
fn ids_cut_at_200_bytes_never_end_with_a_dash() {
    let t = TestDir::new();
    let a199 = "a".repeat(199);
    let b50 = "b".repeat(50);
    t.write(format!("in/{a199}-{b50}.txt"), "Un\n\nTexte un.\n");
    t.write(
        "in/slug.md",
        format!("---\nslug: \"{a199} {b50}\"\n---\n\nQuatre mots ici.\n"),
    );
    let c300 = "c".repeat(300);
    t.write(
        "in/long.md",
        format!("---\nslug: \"{c300}\"\n---\n\nCinq mots ici.\n"),
    );
    // Two paths whose ids are the same 199 bytes, `a…a-b`: the second
    // is cut to 198 bytes for its suffix, which ends on the `-`.
    let a197 = "a".repeat(197);
    t.write(format!("in/{a197}/b.txt"), "Deux\n\nTexte deux.\n");
    t.write(format!("in/{a197}-b.txt"), "Trois\n\nTexte trois.\n");
    let got = ids(&t);
    let want = [
        (format!("{a197}-b.txt"), format!("{a197}-2")),
        (format!("{a197}/b.txt"), format!("{a197}-b")),
        (format!("{a199}-{b50}.txt"), a199.clone()),
        ("long.md".to_string(), "c".repeat(200)),
        ("slug.md".to_string(), format!("{}-2", "a".repeat(198))),
    ];
    assert_eq!(got, want);
}
