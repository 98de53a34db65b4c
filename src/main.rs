//! The shoal binary: parse the command line, start logging, dispatch, and turn the
//! outcome into an exit code. Everything else lives in the library.

use std::process::ExitCode;

fn main() -> ExitCode {
    // `COMPLETE=bash shoal` prints the dynamic completion script; with the shell's
    // arguments it answers a completion request and exits.
    clap_complete::CompleteEnv::with_factory(shoal::cli::command)
        .completer("shoal")
        .complete();
    let cli = match shoal::cli::parse() {
        Ok(cli) => cli,
        Err(exit) => return exit,
    };
    if let Err(err) = shoal::cli::init_logging(&cli) {
        eprintln!("error: {err:#}");
        return ExitCode::FAILURE;
    }
    match shoal::cli::run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
