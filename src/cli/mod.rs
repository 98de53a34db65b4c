//! The command line: clap types, one file per command group, and the dispatch.
//! Commands turn clap values into typed requests and call the library; they print
//! results to stdout and diagnostics to stderr. Nothing below `cli/` sees clap types.

mod agent;
mod api;
mod cluster;
mod complete;
mod context;
mod dashboard;
mod demo;
pub mod docs;
mod exec;
mod lab;
mod logs;
mod network;
mod network_flag;
mod node;
mod node_add;
mod node_rm;
pub mod output;
mod progress;
mod restart_flags;
mod service;
mod system;
mod version;

use std::{io::IsTerminal, process::ExitCode};

use anyhow::Result;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::api::Endpoint;

#[derive(Debug, Parser)]
#[command(
    name = "shoal",
    version,
    about = "Swarm-style overlay networks, services and load balancing for plain Linux hosts",
    long_about = "shoal gives plain Linux hosts what Docker Swarm mode gives Docker hosts: \
                  overlay networks across hosts, services with a virtual IP and a DNS name, \
                  an internal load balancer, and managers that keep replicas running. \
                  One binary is the CLI, the node agent, the manager and a dashboard.",
    propagate_version = true,
    subcommand_required = true,
    arg_required_else_help = true
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalOpts,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Debug, Clone, Args)]
pub struct GlobalOpts {
    /// Context to use (see `shoal context ls`); overrides the current context
    #[arg(
        short = 'c',
        long,
        global = true,
        env = "SHOAL_CONTEXT",
        value_name = "NAME",
        hide_env_values = true
    )]
    pub context: Option<String>,

    /// Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT];
    /// overrides the context
    #[arg(
        short = 'H',
        long,
        global = true,
        env = "SHOAL_HOST",
        value_name = "URL",
        hide_env_values = true
    )]
    pub host: Option<Endpoint>,

    /// How much to log on stderr
    #[arg(long, global = true, value_enum, default_value_t = LogLevel::Warn, value_name = "LEVEL")]
    pub log_level: LogLevel,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogLevel {
    Error,
    Warn,
    Info,
    Debug,
    Trace,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create, join, or leave a cluster; print join tokens; rotate the gossip key
    #[command(subcommand)]
    Cluster(cluster::ClusterCmd),
    /// Manage the nodes of the cluster
    #[command(subcommand)]
    Node(node::NodeCmd),
    /// Manage overlay networks
    #[command(subcommand)]
    Network(network::NetworkCmd),
    /// Manage services
    #[command(subcommand)]
    Service(service::ServiceCmd),
    /// Stream cluster events as they happen
    Events(agent::EventsArgs),
    /// Run a command inside a running task
    Exec(exec::ExecArgs),
    /// Watch and steer the cluster in a live terminal dashboard
    Dashboard(dashboard::DashboardArgs),
    /// Run the node agent (the daemon on every host) in the foreground
    Agent(agent::AgentArgs),
    /// Serve HTTP answers saying which task, host and addresses answered (a test backend)
    Whoami(agent::WhoamiArgs),
    /// Manage contexts: named endpoints the CLI talks to
    #[command(subcommand)]
    Context(context::ContextCmd),
    /// Run a cluster of hosts in network namespaces on this machine
    #[command(subcommand)]
    Lab(lab::LabCmd),
    /// Print a shell completion script
    Completion(version::CompletionArgs),
    /// Show the shoal version information
    Version,
    /// Host-side commands that SSH runs (dial-stdio for ssh:// endpoints)
    #[command(subcommand)]
    System(system::SystemCmd),
    /// The parent of one task's process (started by the agent)
    #[command(hide = true)]
    TaskShim(crate::agent::runtime::shim::ShimArgs),
}

/// Parses the command line. `--help` and `--version` print and exit 0; a usage error
/// prints one line and exits 2.
pub fn parse() -> Result<Cli, ExitCode> {
    Cli::try_parse().map_err(|err| {
        use clap::error::ErrorKind::*;
        match err.kind() {
            DisplayHelp | DisplayVersion | DisplayHelpOnMissingArgumentOrSubcommand => {
                let _ = err.print();
                if err.kind() == DisplayHelpOnMissingArgumentOrSubcommand {
                    ExitCode::from(2)
                } else {
                    ExitCode::SUCCESS
                }
            }
            _ => {
                eprintln!("{}", one_line(&err.render().to_string()));
                ExitCode::from(2)
            }
        }
    })
}

/// Folds clap's error (message, hints, "For more information" trailer) into one line.
fn one_line(rendered: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for line in rendered.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if line.starts_with("For more information") || line.starts_with("Usage:") {
            break;
        }
        parts.push(line);
    }
    parts.join(" ")
}

/// Starts logging: on stderr, except for the dashboard, which owns the screen and
/// logs to a file. A log file that cannot be opened is the dashboard's error.
pub fn init_logging(cli: &Cli) -> Result<()> {
    let filter = log_filter(&cli.global);
    if let Command::Dashboard(args) = &cli.command {
        let file = dashboard::open_log(&dashboard::log_path(args)?)?;
        let _ = tracing_subscriber::fmt()
            .with_env_filter(filter)
            .with_writer(std::sync::Mutex::new(file))
            .with_ansi(false)
            .try_init();
        return Ok(());
    }
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .try_init();
    Ok(())
}

fn log_filter(global: &GlobalOpts) -> tracing_subscriber::EnvFilter {
    let level = match global.log_level {
        LogLevel::Error => "error",
        LogLevel::Warn => "warn",
        LogLevel::Info => "info",
        LogLevel::Debug => "debug",
        LogLevel::Trace => "trace",
    };
    tracing_subscriber::EnvFilter::try_from_env("SHOAL_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(level))
}

pub fn run(cli: Cli) -> Result<ExitCode> {
    let g = &cli.global;
    match cli.command {
        Command::Cluster(cmd) => cluster::run(g, cmd),
        Command::Node(cmd) => node::run(g, cmd),
        Command::Network(cmd) => network::run(g, cmd),
        Command::Service(cmd) => service::run(g, cmd),
        Command::Events(args) => agent::run_events(g, args),
        Command::Exec(args) => {
            let api = api::client(g)?;
            api::block_on(exec::run(&api, args))
        }
        Command::Dashboard(args) => dashboard::run(g, args),
        Command::Agent(args) => agent::run_agent(args),
        Command::Whoami(args) => agent::run_whoami(args),
        Command::Context(cmd) => context::run(g, cmd),
        Command::Lab(cmd) => lab::run(cmd),
        Command::Completion(args) => version::completion(args),
        Command::Version => version::version(),
        Command::System(cmd) => system::run(g, cmd),
        Command::TaskShim(args) => Ok(crate::agent::runtime::shim::run(args)),
    }
}

/// Object references (IDs, names) as one URL path segment.
fn path_escape(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The clap command tree, for completions and man pages.
pub fn command() -> clap::Command {
    Cli::command()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clap_tree_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn folds_clap_errors_into_one_line() {
        let err = Cli::try_parse_from(["shoal", "completion", "nosuchshell"]).unwrap_err();
        let line = one_line(&err.render().to_string());
        assert!(!line.contains('\n'));
        assert!(
            line.starts_with("error: invalid value 'nosuchshell'"),
            "{line}"
        );
        assert!(line.contains("bash"), "{line}");
    }
}
