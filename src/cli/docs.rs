//! Completion scripts and man pages, generated from the clap tree. They are committed
//! under `completions/` and `man/`; `tests/generated.rs` fails when they are stale and
//! rewrites them with `SHOAL_REGENERATE=1`.

use clap_complete::Shell;

/// `(file name, contents)` of each completion script.
pub fn completions() -> Vec<(String, Vec<u8>)> {
    [
        (Shell::Bash, "shoal.bash"),
        (Shell::Zsh, "_shoal"),
        (Shell::Fish, "shoal.fish"),
        (Shell::Elvish, "shoal.elv"),
        (Shell::PowerShell, "_shoal.ps1"),
    ]
    .into_iter()
    .map(|(shell, file)| {
        let mut buf = Vec::new();
        clap_complete::generate(shell, &mut super::command(), "shoal", &mut buf);
        (file.to_string(), buf)
    })
    .collect()
}

/// `(file name, contents)` of one man page per command: `shoal.1`, `shoal-lab-up.1`, ...
pub fn man_pages() -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let mut root = super::command();
    root.build();
    let mut pages = Vec::new();
    collect(&root, &mut pages)?;
    Ok(pages)
}

fn collect(cmd: &clap::Command, pages: &mut Vec<(String, Vec<u8>)>) -> std::io::Result<()> {
    let name = cmd.get_display_name().unwrap_or(cmd.get_name()).to_string();
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render(&mut buf)?;
    pages.push((format!("{name}.1"), buf));
    for sub in cmd
        .get_subcommands()
        .filter(|s| s.get_name() != "help" && !s.is_hide_set())
    {
        collect(sub, pages)?;
    }
    Ok(())
}
