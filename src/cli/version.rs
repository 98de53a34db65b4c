//! `shoal version` and `shoal completion`.

use std::{io, process::ExitCode};

use anyhow::Result;
use clap::Args;
use clap_complete::Shell;

#[derive(Debug, Args)]
pub struct CompletionArgs {
    /// The shell to print a completion script for
    #[arg(value_enum)]
    pub shell: Shell,
}

pub fn completion(args: CompletionArgs) -> Result<ExitCode> {
    let mut cmd = super::command();
    clap_complete::generate(args.shell, &mut cmd, "shoal", &mut io::stdout());
    Ok(ExitCode::SUCCESS)
}

pub fn version() -> Result<ExitCode> {
    println!("Client:");
    println!(" Version:     {}", env!("CARGO_PKG_VERSION"));
    println!(" Git commit:  {}", env!("SHOAL_GIT_COMMIT"));
    println!(
        " OS/Arch:     {}/{}",
        std::env::consts::OS,
        std::env::consts::ARCH
    );
    Ok(ExitCode::SUCCESS)
}
