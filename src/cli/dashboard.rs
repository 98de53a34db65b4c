//! `shoal dashboard`: the terminal dashboard. Resolves where to point (as every
//! command does), where to log (a file: the screen is the dashboard's), and hands a
//! typed request to `tui`.

use std::{
    io::IsTerminal,
    path::{Path, PathBuf},
    process::ExitCode,
};

use anyhow::{Context as _, Result, bail};
use clap::{Args, ValueEnum};

use super::{GlobalOpts, api::block_on};
use crate::{
    api::client::Client,
    context::{self, Store},
    tui::{self, Kind, Meta},
};

#[derive(Debug, Args)]
pub struct DashboardArgs {
    /// Where to log [default: $XDG_STATE_HOME/shoal/dashboard.log, else
    /// ~/.local/state/shoal/dashboard.log]
    #[arg(long, value_name = "PATH")]
    log_file: Option<PathBuf>,
    /// The view to open on
    #[arg(long, value_enum, default_value_t = View::Services)]
    view: View,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum View {
    Services,
    Tasks,
    Nodes,
    Networks,
}

impl From<View> for Kind {
    fn from(v: View) -> Kind {
        match v {
            View::Services => Kind::Services,
            View::Tasks => Kind::Tasks,
            View::Nodes => Kind::Nodes,
            View::Networks => Kind::Networks,
        }
    }
}

/// `--log-file`, else `$XDG_STATE_HOME/shoal/dashboard.log`, else under `~/.local/state`.
pub fn log_path(args: &DashboardArgs) -> Result<PathBuf> {
    if let Some(p) = &args.log_file {
        return Ok(p.clone());
    }
    let env = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    let base = env("XDG_STATE_HOME")
        .or_else(|| env("HOME").map(|h| h.join(".local/state")))
        .context("cannot find where to log: set XDG_STATE_HOME or HOME, or give --log-file")?;
    Ok(base.join("shoal/dashboard.log"))
}

/// Opens the log file (appending), making its directory.
pub fn open_log(path: &Path) -> Result<std::fs::File> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .with_context(|| format!("cannot open the log file {}", path.display()))
}

pub fn run(g: &GlobalOpts, args: DashboardArgs) -> Result<ExitCode> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        bail!("shoal dashboard needs a terminal");
    }
    let config = Store::from_env()?.load()?;
    let target = context::resolve(&config, g.host.as_ref(), g.context.as_deref())?;
    let client = Client::for_endpoint(&target.endpoint)?;
    let opts = tui::Options {
        meta: Meta {
            context: target.context,
            endpoint: target.endpoint.to_string(),
        },
        client,
        view: args.view.into(),
    };
    block_on(tui::run(opts))?;
    Ok(ExitCode::SUCCESS)
}
