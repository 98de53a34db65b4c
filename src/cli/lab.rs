//! `shoal lab ...`: a cluster of hosts in network namespaces on this machine.

use std::process::ExitCode;

use anyhow::Result;
use clap::{Args, Subcommand};

use super::output::{self, Format, Row};
use crate::{
    api::Endpoint,
    context::{Context, DEFAULT_CONTEXT, Store},
    lab::{self, NodeStatus, plan},
};

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
    /// Stop the agent of a lab host (to watch the cluster notice)
    Stop(StopArgs),
    /// Start the agent of a lab host again
    Start(NodeArgs),
    /// Walk through Docker's overlay network guide on a running lab, step by step:
    /// a network, a service and a client, then DNS and the VIP from the client
    Demo(super::demo::DemoArgs),
}

#[derive(Debug, Args)]
pub struct NodeArgs {
    #[command(flatten)]
    lab: NameArg,
    /// The host: its number (2), node name (node-2) or namespace (LAB-2)
    node: String,
}

#[derive(Debug, Args)]
pub struct StopArgs {
    #[command(flatten)]
    node: NodeArgs,
    /// Kill it with SIGKILL, like a crash, instead of a clean SIGTERM
    #[arg(long)]
    kill: bool,
}

#[derive(Debug, Args)]
pub struct NameArg {
    /// Name of the lab; its hosts are namespaces NAME-1..N, its switch NAME-sw
    #[arg(long, env = "SHOAL_LAB", default_value = plan::DEFAULT_NAME, value_name = "LAB",
          hide_env_values = true)]
    pub(super) name: String,
}

#[derive(Debug, Args)]
pub struct UpArgs {
    /// Number of hosts (1 to 32)
    #[arg(short, long, default_value_t = plan::DEFAULT_NODES,
          value_parser = clap::value_parser!(u8).range(1..=plan::MAX_NODES as i64))]
    nodes: u8,
    #[command(flatten)]
    lab: NameArg,
    /// Only the namespaces: start no agents and form no cluster
    #[arg(long, conflicts_with = "managers")]
    bare: bool,
    /// How many of the nodes are managers (node 1 first); 3 or 5 tolerate failures
    #[arg(short, long, default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=plan::MAX_NODES as i64))]
    managers: u8,
    /// UDP port of the cluster's VXLAN traffic (`cluster init --data-path-port`)
    #[arg(long, value_name = "PORT", conflicts_with = "bare")]
    data_path_port: Option<u16>,
    /// Run OpenSSH's sshd in every host and add nodes 2..N with `shoal node add`
    /// (the real SSH bootstrap); with --bare, only the sshds
    #[arg(long)]
    ssh: bool,
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
    const HEADERS: &'static [&'static str] = &["NODE", "NAMESPACE", "ADDRESS", "STATE", "AGENT"];

    fn cells(&self) -> Vec<String> {
        let cells = [
            &self.node,
            &self.namespace,
            &self.address,
            &self.state,
            &self.agent,
        ];
        cells.into_iter().cloned().collect()
    }
}

pub fn run(cmd: LabCmd) -> Result<ExitCode> {
    match cmd {
        LabCmd::Up(args) => {
            let name = &args.lab.name;
            let managers = if args.bare { 0 } else { args.managers };
            lab::up(
                name,
                lab::UpOptions {
                    nodes: args.nodes,
                    managers,
                    data_path_port: args.data_path_port,
                    ssh: args.ssh,
                },
            )?;
            if !args.bare {
                use_lab_context(name)?;
            }
            print!("{}", output::list(&lab::status(name)?, &Format::Table)?);
            if args.bare {
                eprintln!("Lab {name:?} is up. Try: shoal lab exec --name {name} 1 -- ip addr");
            } else {
                eprintln!(
                    "Lab {name:?} is up, with a cluster; the CLI now talks to its manager. Try: shoal node ls"
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        LabCmd::Stop(args) => {
            lab::stop_agent(&args.node.lab.name, &args.node.node, args.kill)?;
            println!("{}", args.node.node);
            Ok(ExitCode::SUCCESS)
        }
        LabCmd::Start(args) => {
            lab::start_agent(&args.lab.name, &args.node)?;
            println!("{}", args.node);
            Ok(ExitCode::SUCCESS)
        }
        LabCmd::Down(args) => {
            let record = lab::context_record(&args.name);
            let outcome = lab::down(&args.name)?;
            forget_ssh_nodes(&args.name)?;
            if let Some(record) = record {
                restore_context(&record)?;
            }
            match outcome {
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
        LabCmd::Demo(args) => super::demo::run(args),
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

/// Forgets the `node add` records of the lab's hosts (their paths are under the lab's
/// directory, which is gone).
fn forget_ssh_nodes(lab: &str) -> Result<()> {
    let records = crate::ssh::record::Records::beside(Store::from_env()?.path());
    let dir = lab::state::dir(lab);
    records.forget(|n| n.layout.data_dir.starts_with(&dir))?;
    Ok(())
}

/// The context a lab gets: `lab` for the default lab, `lab-NAME` for the others.
pub(super) fn context_name(lab: &str) -> String {
    if lab == plan::DEFAULT_NAME {
        "lab".to_string()
    } else {
        format!("lab-{lab}")
    }
}

fn context_description(lab: &str) -> String {
    format!("shoal lab {lab}")
}

/// Points the CLI at the lab's manager, remembering the context to go back to.
fn use_lab_context(lab: &str) -> Result<()> {
    let store = Store::from_env()?;
    let name = context_name(lab);
    let socket = lab::state::agent_paths(lab, "node-1").socket;
    let previous = store.update(|c| {
        if let Ok(existing) = c.get(&name) {
            if existing.description != context_description(lab) {
                return Ok(None);
            }
            c.remove(&name, true)?;
        }
        let previous = c.current().to_string();
        let previous = if previous == name {
            DEFAULT_CONTEXT.to_string()
        } else {
            previous
        };
        c.create(Context {
            name: name.clone(),
            description: context_description(lab),
            host: Endpoint::Unix(socket),
        })?;
        c.use_context(&name)?;
        Ok(Some(previous))
    })?;
    match previous {
        Some(previous) => {
            lab::state::update(lab, |st| {
                st.context = Some(lab::state::ContextRecord { name, previous })
            })?;
        }
        None => eprintln!(
            "warning: a context named {name:?} exists and is not this lab's; left it as it was"
        ),
    }
    Ok(())
}

/// Removes the lab's context and, if it was still current, restores the previous one.
fn restore_context(record: &lab::state::ContextRecord) -> Result<()> {
    let store = Store::from_env()?;
    store.update(|c| {
        let was_current = c.current() == record.name;
        if c.get(&record.name).is_ok() {
            c.remove(&record.name, true)?;
        }
        if was_current && c.get(&record.previous).is_ok() {
            c.use_context(&record.previous)?;
        }
        Ok(())
    })?;
    Ok(())
}
