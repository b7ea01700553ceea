//! Measures the question detector on a labelled TSV of sentences that
//! live outside the repository (issue 21's treebank dev set, rebuilt by
//! `scripts/questions-devset.py`).
//!
//! ```text
//! cargo run --release --example questions_eval -- DEV.tsv [--errors A|B|all]
//! ```
//!
//! Each row is `key, fold, label, has_q, corpus, cue, text`; `label` is
//! `int` (the sentence holds an interrogative clause, direct or embedded)
//! or `none`. Every sentence is classified on its own, as one sentence
//! of a one-sentence post. Prints precision, recall and F1 overall, on
//! the sentences with a `?`, and on the interrogatives without one (the
//! `int`-without-`?` rows against the sentences without `?` flagged),
//! per fold and per register (written or spoken corpora).

use billet::questions::{SentenceRef, analyze};

struct Row {
    key: String,
    fold: String,
    int: bool,
    has_q: bool,
    spoken: bool,
    text: String,
}

#[derive(Default, Clone, Copy)]
struct Prf {
    tp: u32,
    fp: u32,
    fn_: u32,
}

impl Prf {
    fn add(&mut self, want: bool, got: bool) {
        match (want, got) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (true, false) => self.fn_ += 1,
            (false, false) => {}
        }
    }
    fn p(self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    fn r(self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    fn f1(self) -> f64 {
        let (p, r) = (self.p(), self.r());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: u32, b: u32) -> f64 {
    if b == 0 {
        1.0
    } else {
        f64::from(a) / f64::from(b)
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: questions_eval DEV.tsv [--errors A|B|all]");
        std::process::exit(2);
    };
    let errors = match (args.next().as_deref(), args.next()) {
        (Some("--errors"), Some(f)) => Some(f),
        _ => None,
    };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("questions_eval: {path}: {e}");
        std::process::exit(2);
    });
    let rows: Vec<Row> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            (c.len() == 7).then(|| Row {
                key: c[0].to_owned(),
                fold: c[1].to_owned(),
                int: c[2] == "int",
                has_q: c[3] == "1",
                spoken: matches!(c[4], "parisstories" | "rhapsodie" | "rhap"),
                text: c[6].to_owned(),
            })
        })
        .collect();
    // (name, filter)
    type Filter = fn(&Row) -> bool;
    let groups: [(&str, Filter); 5] = [
        ("all", |_| true),
        ("fold A", |r| r.fold == "A"),
        ("fold B", |r| r.fold == "B"),
        ("written", |r| !r.spoken),
        ("spoken", |r| r.spoken),
    ];
    println!(
        "{:<8} {:>5} | {:>5} {:>5} {:>5} | {:>5} {:>5} | {:>5} {:>5} {:>4}",
        "", "rows", "P", "R", "F1", "?R", "?P", "no?R", "no?P", "no?n"
    );
    // Each sentence is a one-sentence paragraph of a post of its own.
    let verdicts: Vec<bool> = rows
        .iter()
        .map(|r| {
            let s = [SentenceRef {
                text: &r.text,
                line: 0,
                list_item: false,
                heading: false,
            }];
            !analyze(None, &s).sentences.is_empty()
        })
        .collect();
    for (name, keep) in groups {
        let (mut all, mut q, mut noq) =
            (Prf::default(), Prf::default(), Prf::default());
        let mut n = 0;
        for (r, &got) in rows.iter().zip(&verdicts) {
            if !keep(r) {
                continue;
            }
            n += 1;
            all.add(r.int, got);
            if r.has_q {
                q.add(r.int, got);
            } else {
                noq.add(r.int, got);
            }
        }
        println!(
            "{name:<8} {n:>5} | {:.3} {:.3} {:.3} | {:.3} {:.3} | {:.3} {:.3} {:>4}",
            all.p(),
            all.r(),
            all.f1(),
            q.r(),
            q.p(),
            noq.r(),
            noq.p(),
            noq.tp + noq.fn_
        );
    }
    if let Some(fold) = errors {
        for (r, &got) in rows.iter().zip(&verdicts) {
            if r.int != got && (fold == "all" || r.fold == fold) {
                let what = if got { "FP" } else { "FN" };
                println!("{what}\t{}\t{}", r.key, r.text);
            }
        }
    }
    if std::env::var_os("SHOW_KINDS").is_some() {
        for r in &rows {
            let s = [SentenceRef {
                text: &r.text,
                line: 0,
                list_item: false,
                heading: false,
            }];
            let q = analyze(None, &s);
            if let Some(x) = q.sentences.first() {
                println!(
                    "{}\t{}\t{:?}\t{}\t{}",
                    x.kind, x.heading, x.forms, r.key, r.text
                );
            }
        }
    }
}
