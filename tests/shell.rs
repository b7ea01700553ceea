//! Shell integration: `billet completions SHELL` and `billet man`, run
//! where they are used. The bash script is sourced into a real bash and
//! asked to complete; the man page is rendered by man(1) when present.
//! Shells and tools that are not installed are skipped, saying so.

use std::path::Path;
use std::process::Command;

mod common;
use common::{TestDir, output_within_hang, stderr};

fn stdout_of(t: &TestDir, args: &[&str]) -> String {
    let out = t.billet(args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn have(tool: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// What bash offers after `billet <words…>` with the cursor at the end
/// of the last word.
fn bash_complete(script: &Path, words: &[&str]) -> Vec<String> {
    let words = words
        .iter()
        .map(|w| format!("'{w}'"))
        .collect::<Vec<_>>()
        .join(" ");
    let program = format!(
        "source '{}'; COMP_WORDS=(billet {words}); \
         COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); \
         COMP_LINE=\"${{COMP_WORDS[*]}}\"; COMP_POINT=${{#COMP_LINE}}; \
         _billet billet \"${{COMP_WORDS[COMP_CWORD]}}\" \
         \"${{COMP_WORDS[COMP_CWORD-1]}}\"; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display()
    );
    let mut cmd = Command::new("bash");
    cmd.args(["--norc", "--noprofile", "-c", &program]);
    let out = output_within_hang(cmd, &["bash"]);
    assert!(out.status.success(), "bash: {}", stderr(&out));
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn bash_completes_subcommands_flags_and_values() {
    if !have("bash") {
        eprintln!("SKIP: bash is not installed");
        return;
    }
    let t = TestDir::new();
    let script =
        t.write("billet.bash", stdout_of(&t, &["completions", "bash"]));
    let subcommands = bash_complete(&script, &["ex"]);
    assert_eq!(subcommands, ["export"]);
    let flags = bash_complete(&script, &["export", "out", "--fo"]);
    assert_eq!(flags, ["--format"]);
    let formats = bash_complete(&script, &["export", "out", "--format", ""]);
    for f in ["es-bulk", "es-mapping", "meilisearch", "jsonl"] {
        assert!(formats.iter().any(|x| x == f), "{f} not in {formats:?}");
    }
    let shells = bash_complete(&script, &["completions", "p"]);
    assert_eq!(shells, ["powershell"]);
}

#[test]
fn each_shell_gets_its_own_script() {
    let t = TestDir::new();
    let cases = [
        ("bash", "complete -F _billet"),
        ("zsh", "#compdef billet"),
        ("fish", "complete -c billet"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[billet]"),
    ];
    for (shell, marker) in cases {
        let script = stdout_of(&t, &["completions", shell]);
        assert!(script.contains(marker), "{shell}: no {marker:?}");
        assert!(script.contains("analyze"), "{shell}: no subcommand");
        // Syntax-checked by the shell itself where it is installed.
        let check = match shell {
            "bash" => Some(("bash", vec!["-n"])),
            "zsh" => Some(("zsh", vec!["-n"])),
            "fish" => Some(("fish", vec!["--no-execute"])),
            _ => None,
        };
        if let Some((bin, args)) = check {
            if !have(bin) {
                eprintln!(
                    "SKIP: {bin} is not installed: {shell} script unchecked"
                );
                continue;
            }
            let path = t.write(format!("billet.{shell}"), &script);
            let mut cmd = Command::new(bin);
            cmd.args(args).arg(&path);
            let out = output_within_hang(cmd, &[bin]);
            assert!(out.status.success(), "{bin}: {}", stderr(&out));
        }
    }
    let bad = t.billet(&["completions", "tcsh"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn man_page_renders_and_names_every_subcommand() {
    let t = TestDir::new();
    let page = stdout_of(&t, &["man"]);
    assert!(page.contains(".TH billet 1"), "{page}");
    for sub in [
        "analyze",
        "stats",
        "index",
        "search",
        "export",
        "completions",
    ] {
        assert!(page.contains(&format!("billet\\-{sub}(1)")), "{sub}");
    }
    let out = t.billet(&["man", "--dir", "man1"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let analyze = t.read("man1/billet-analyze.1");
    assert!(analyze.contains("\\-\\-stopwords"), "{analyze}");
    assert!(t.path().join("man1/billet.1").is_file());
    if !have("man") {
        eprintln!("SKIP: man is not installed: pages not rendered");
        return;
    }
    let mut cmd = Command::new("man");
    cmd.arg("-l")
        .arg(t.path().join("man1/billet-export.1"))
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "100");
    let out = output_within_hang(cmd, &["man"]);
    assert!(out.status.success(), "man: {}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("--format"), "{text}");
    assert!(text.contains("es-mapping"), "{text}");
}
