//! `shoal lab ...`: a cluster of hosts in network namespaces on this machine.

use std::process::ExitCode;

use anyhow::Result;
use clap::{Args, Subcommand};

use super::output::{self, Format, Row};
use crate::lab::{self, NodeStatus, plan};

#[derive(Debug, Subcommand)]
pub enum LabCmd {
    /// Create a lab: N hosts as network namespaces on one underlay bridge
    Up(UpArgs),
    /// Remove a lab and everything it made (also after a crash or a half-finished up)
    Down(NameArg),
    /// Show the hosts of a lab
    Status(StatusArgs),
    /// Run a command inside a lab host's network namespace
    Exec(ExecArgs),
}

#[derive(Debug, Args)]
pub struct NameArg {
    /// Name of the lab; its hosts are namespaces NAME-1..N, its switch NAME-sw
    #[arg(long, env = "SHOAL_LAB", default_value = plan::DEFAULT_NAME, value_name = "LAB",
          hide_env_values = true)]
    name: String,
}

#[derive(Debug, Args)]
pub struct UpArgs {
    /// Number of hosts (1 to 32)
    #[arg(short, long, default_value_t = plan::DEFAULT_NODES,
          value_parser = clap::value_parser!(u8).range(1..=plan::MAX_NODES as i64))]
    nodes: u8,
    #[command(flatten)]
    lab: NameArg,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    #[command(flatten)]
    lab: NameArg,
    /// Format output: table, json, or a Go template (e.g. '{{.Node}} {{.Address}}')
    #[arg(long)]
    format: Option<String>,
}

#[derive(Debug, Args)]
pub struct ExecArgs {
    #[command(flatten)]
    lab: NameArg,
    /// The host: its number (2), node name (node-2) or namespace (LAB-2)
    node: String,
    /// The command and its arguments (after --)
    #[arg(
        required = true,
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "COMMAND"
    )]
    command: Vec<String>,
}

impl Row for NodeStatus {
    const HEADERS: &'static [&'static str] = &["NODE", "NAMESPACE", "ADDRESS", "STATE"];

    fn cells(&self) -> Vec<String> {
        vec![
            self.node.clone(),
            self.namespace.clone(),
            self.address.clone(),
            self.state.clone(),
        ]
    }
}

pub fn run(cmd: LabCmd) -> Result<ExitCode> {
    match cmd {
        LabCmd::Up(args) => {
            let name = &args.lab.name;
            lab::up(name, args.nodes)?;
            print!("{}", output::list(&lab::status(name)?, &Format::Table)?);
            eprintln!("Lab {name:?} is up. Try: shoal lab exec --name {name} 1 -- ip addr");
            Ok(ExitCode::SUCCESS)
        }
        LabCmd::Down(args) => {
            match lab::down(&args.name)? {
                lab::DownOutcome::Removed => println!("{}", args.name),
                lab::DownOutcome::Absent => {
                    eprintln!("lab {:?} does not exist; nothing to remove", args.name)
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        LabCmd::Status(args) => {
            let rows = lab::status(&args.lab.name)?;
            print!(
                "{}",
                output::list(&rows, &Format::parse(args.format.as_deref()))?
            );
            Ok(ExitCode::SUCCESS)
        }
        LabCmd::Exec(args) => {
            let err = lab::exec(&args.lab.name, &args.node, &args.command)?;
            eprintln!(
                "error: cannot run {:?} on node {}: {err}",
                args.command[0], args.node
            );
            // The shell's codes: 127 not found, 126 found but not runnable.
            let code = if err.kind() == std::io::ErrorKind::NotFound {
                127
            } else {
                126
            };
            Ok(ExitCode::from(code))
        }
    }
}
