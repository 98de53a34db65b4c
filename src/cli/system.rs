//! `shoal system ...`: the host side of SSH. `dial-stdio` joins stdin/stdout to the
//! local agent's socket (what an `ssh://` endpoint runs on its host, like
//! `docker system dial-stdio`); `cleanup` clears what an agent left in the kernel
//! (what `node rm --force` runs on a host it removes).

use std::{path::PathBuf, process::ExitCode};

use anyhow::{Result, bail};
use clap::{Args, Subcommand};

use super::{GlobalOpts, api::endpoint};
use crate::{agent::DEFAULT_DATA_DIR, api::Endpoint};

#[derive(Debug, Subcommand)]
pub enum SystemCmd {
    /// Connect stdin and stdout to the local agent's API socket (run by ssh:// endpoints)
    DialStdio,
    /// Stop the tasks and remove the namespaces, bridge and NAT table an agent left
    /// (run by `node rm --force` on the host it removes)
    #[command(hide = true)]
    Cleanup(CleanupArgs),
}

#[derive(Debug, Args)]
pub struct CleanupArgs {
    /// The stopped agent's data dir
    #[arg(long, value_name = "DIR", default_value = DEFAULT_DATA_DIR)]
    data_dir: PathBuf,
}

pub fn run(g: &GlobalOpts, cmd: SystemCmd) -> Result<ExitCode> {
    match cmd {
        SystemCmd::DialStdio => {
            let Endpoint::Unix(socket) = endpoint(g)? else {
                bail!("dial-stdio connects to a local agent: use a unix:// host or context");
            };
            crate::ssh::dial::dial_stdio(&socket)?;
            Ok(ExitCode::SUCCESS)
        }
        SystemCmd::Cleanup(args) => {
            let errors = crate::ssh::uninstall::cleanup_local(&args.data_dir);
            if errors.is_empty() {
                return Ok(ExitCode::SUCCESS);
            }
            bail!("cleanup incomplete: {}", errors.join("; "))
        }
    }
}
