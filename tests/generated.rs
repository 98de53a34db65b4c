//! The committed completion scripts (`completions/`) and man pages (`man/`) must match
//! what the CLI generates. To regenerate them after changing the CLI:
//!
//!     SHOAL_REGENERATE=1 cargo test --test generated
#![allow(clippy::unwrap_used)]

use std::{collections::BTreeSet, fs, path::Path};

fn check(dir: &str, files: Vec<(String, Vec<u8>)>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let regenerate = std::env::var_os("SHOAL_REGENERATE").is_some();
    let wanted: BTreeSet<String> = files.iter().map(|(n, _)| n.clone()).collect();
    let present: BTreeSet<String> = fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().is_file())
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    if regenerate {
        fs::create_dir_all(&dir).unwrap();
        for stale in present.difference(&wanted) {
            fs::remove_file(dir.join(stale)).unwrap();
        }
        for (name, body) in &files {
            fs::write(dir.join(name), body).unwrap();
        }
        return;
    }
    let hint = "run: SHOAL_REGENERATE=1 cargo test --test generated";
    let extra: Vec<_> = present.difference(&wanted).collect();
    assert!(
        extra.is_empty(),
        "{} has files the CLI no longer makes: {extra:?}; {hint}",
        dir.display()
    );
    for (name, body) in files {
        let on_disk = fs::read(dir.join(&name)).unwrap_or_default();
        assert!(on_disk == body, "{}/{name} is stale; {hint}", dir.display());
    }
}

#[test]
fn completions_are_current() {
    check("completions", shoal::cli::docs::completions());
}

#[test]
fn man_pages_are_current() {
    let pages = shoal::cli::docs::man_pages().unwrap();
    let names: Vec<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
    for page in [
        "shoal.1",
        "shoal-lab-up.1",
        "shoal-context-ls.1",
        "shoal-completion.1",
    ] {
        assert!(names.contains(&page), "no {page} among {names:?}");
    }
    check("man", pages);
}

/// The registration scripts of dynamic completion (`COMPLETE=SHELL shoal`), which
/// complete network, service and node names from the current context.
#[test]
fn dynamic_completions_are_current() {
    let files = [
        ("bash", "shoal.bash"),
        ("zsh", "_shoal"),
        ("fish", "shoal.fish"),
    ]
    .into_iter()
    .map(|(shell, file)| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_shoal"))
            .env("COMPLETE", shell)
            .output()
            .unwrap();
        assert!(out.status.success(), "COMPLETE={shell} shoal failed");
        (file.to_string(), out.stdout)
    })
    .collect();
    check("completions/dynamic", files);
}
