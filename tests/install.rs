//! `install.sh` end to end: a release build installed under a temporary prefix, whose
//! completions load in bash, zsh and fish and whose man pages render; re-running it
//! changes nothing; `--uninstall` removes every file it wrote.
#![allow(clippy::unwrap_used)]

mod common;

use std::{
    path::{Path, PathBuf},
    process::Command,
};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn sh(program: &str, args: &[&str], path_prefix: &Path) -> String {
    let path = format!(
        "{}:{}",
        path_prefix.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new(program)
        .args(args)
        .env("PATH", path)
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "80")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
    assert!(
        out.status.success(),
        "{program} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = entry.path();
        if p.is_dir() {
            out.extend(files_under(&p))
        } else {
            out.push(p)
        }
    }
    out.sort();
    out
}

fn install(args: &[&str]) -> std::process::Output {
    Command::new(repo().join("install.sh"))
        .args(args)
        // A target dir of its own: the release build must not wait on the test build.
        .env("CARGO_TARGET_DIR", repo().join("target/install-test"))
        .output()
        .unwrap()
}

#[test]
fn install_sh_installs_loads_and_uninstalls() {
    let tools = ["cargo", "bash", "zsh", "fish", "man"];
    if !tools.iter().all(|t| common::require_tool("install_sh", t)) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let prefix = tmp.path().join("p");
    let p = prefix.to_str().unwrap();
    let out = install(&["--prefix", p]);
    assert!(
        out.status.success(),
        "install.sh failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let installed = files_under(&prefix);
    let bin = prefix.join("bin");

    let help = sh(bin.join("shoal").to_str().unwrap(), &["--help"], &bin);
    assert!(help.contains("Usage: shoal"), "{help}");

    let bash = sh(
        "bash",
        &[
            "-c",
            &format!("source {p}/share/bash-completion/completions/shoal && complete -p shoal"),
        ],
        &bin,
    );
    assert!(bash.contains("-F _shoal shoal"), "{bash}");

    let zsh = sh(
        "zsh",
        &[
            "-fc",
            &format!(
                "fpath=({p}/share/zsh/site-functions $fpath); autoload -Uz compinit; \
         compinit -u -d {t}/.zcompdump; print -r -- ${{_comps[shoal]}}",
                t = tmp.path().display()
            ),
        ],
        &bin,
    );
    assert_eq!(zsh.trim(), "_shoal");

    let dynamic = sh(
        "bash",
        &[
            "-c",
            &format!("source {p}/share/shoal/completions/shoal.bash && complete -p shoal"),
        ],
        &bin,
    );
    assert!(dynamic.contains("_clap_complete_shoal"), "{dynamic}");

    let fish = sh(
        "fish",
        &[
            "--no-config",
            "-c",
            &format!(
                "set -p fish_complete_path {p}/share/fish/vendor_completions.d; complete -C'shoal la'"
            ),
        ],
        &bin,
    );
    assert!(fish.starts_with("lab\t"), "{fish:?}");

    let page = sh(
        "man",
        &["-l", &format!("{p}/share/man/man1/shoal-lab-up.1")],
        &bin,
    );
    assert!(
        page.contains("shoal-lab-up") && page.contains("--nodes"),
        "{page}"
    );

    // Again: same files, still working.
    assert!(install(&["--prefix", p]).status.success());
    assert_eq!(files_under(&prefix), installed);

    let out = install(&["--uninstall", "--prefix", p]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        files_under(&prefix),
        Vec::<PathBuf>::new(),
        "uninstall left files"
    );
    // Uninstalling twice is fine.
    assert!(install(&["--uninstall", "--prefix", p]).status.success());
}

#[test]
fn install_sh_refuses_bad_options() {
    let out = install(&["--frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("--frobnicate"), "{err}");
}

#[test]
fn install_sh_says_when_cargo_is_missing() {
    let out = Command::new("/bin/bash")
        .arg(repo().join("install.sh"))
        .args(["--prefix", "/nonexistent-shoal-prefix"])
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", "/nonexistent")
        .env_remove("CARGO")
        .env_remove("RUSTUP_HOME")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    if Path::new("/usr/bin/cargo").exists() || Path::new("/bin/cargo").exists() {
        eprintln!("skipping: cargo is installed system-wide");
        return;
    }
    assert!(!out.status.success());
    assert!(err.contains("'cargo' is needed"), "{err}");
    assert!(!Path::new("/nonexistent-shoal-prefix").exists());
}
