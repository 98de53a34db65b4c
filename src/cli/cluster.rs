//! `shoal cluster ...`: create a cluster, join one, hand out join tokens, rotate the
//! gossip key, leave. Like `docker swarm init/join/join-token/leave`. `init` and
//! `join` start the local agent first when none answers on the socket, so one command
//! makes a running manager.

use std::{
    os::unix::process::CommandExt,
    path::{Path, PathBuf},
    process::{ExitCode, Stdio},
    time::{Duration, Instant},
};

use anyhow::{Context as _, Result, bail};
use clap::{Args, Subcommand, ValueEnum};

use super::{
    GlobalOpts,
    api::{block_on, endpoint},
};
use crate::{
    agent::DEFAULT_DATA_DIR,
    api::{Endpoint, client::Client, types::*},
};

#[derive(Debug, Subcommand)]
pub enum ClusterCmd {
    /// Create a new cluster with this node as its first manager
    Init(InitArgs),
    /// Join a cluster as a worker or manager, with a token from `cluster join-token`
    Join(JoinArgs),
    /// Print (or rotate) the token that lets a node join as a worker or a manager
    JoinToken(TokenArgs),
    /// Leave the cluster
    Leave(LeaveArgs),
    /// Make a new key seal gossip (7946/udp); the previous one stays accepted until the next rotation
    RotateGossipKey,
}

#[derive(Debug, Args)]
pub struct AgentStart {
    /// Where a newly started agent keeps its state (only used when no agent is running)
    #[arg(long, value_name = "DIR", default_value = DEFAULT_DATA_DIR)]
    data_dir: PathBuf,
    /// Address this node advertises to the others (default: its only non-loopback IPv4)
    #[arg(long, value_name = "IP")]
    advertise_addr: Option<String>,
    /// Where a manager listens for the cluster API
    #[arg(long, value_name = "IP:PORT")]
    listen_addr: Option<String>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    #[command(flatten)]
    start: AgentStart,
    /// UDP port of the overlay networks' VXLAN traffic on every node (1024-49151)
    #[arg(long, value_name = "PORT", default_value_t = 4789)]
    data_path_port: u16,
}

#[derive(Debug, Args)]
pub struct JoinArgs {
    /// The join token (SHTKN-1-...)
    #[arg(long)]
    token: String,
    /// A manager: HOST[:PORT] (default port 2377)
    manager: String,
    #[command(flatten)]
    start: AgentStart,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum TokenRole {
    Worker,
    Manager,
}

#[derive(Debug, Args)]
pub struct TokenArgs {
    #[arg(value_enum)]
    role: TokenRole,
    /// Replace the token; the old one stops working at once
    #[arg(long)]
    rotate: bool,
    /// Only print the token
    #[arg(short, long)]
    quiet: bool,
}

#[derive(Debug, Args)]
pub struct LeaveArgs {
    /// Leave even if this node is a manager
    #[arg(short, long)]
    force: bool,
}

pub fn run(g: &GlobalOpts, cmd: ClusterCmd) -> Result<ExitCode> {
    let ep = endpoint(g)?;
    let api = Client::for_endpoint(&ep)?;
    block_on(async move {
        match cmd {
            ClusterCmd::Init(args) => {
                ensure_agent(&ep, &api, &args.start).await?;
                let req = InitRequest {
                    advertise_addr: args.start.advertise_addr.clone(),
                    listen_addr: args.start.listen_addr.clone(),
                    data_path_port: Some(args.data_path_port),
                };
                let resp: InitResponse = api.post("/v1/cluster/init", &req).await?;
                println!(
                    "Cluster initialized: current node ({}) is now a manager.\n",
                    resp.node_id
                );
                println!("To add a worker to this cluster, run the following command:\n");
                println!(
                    "    shoal cluster join --token {} {}\n",
                    resp.worker_token, resp.manager_addr
                );
                println!(
                    "To add a manager to this cluster, run 'shoal cluster join-token manager' and follow the instructions."
                );
            }
            ClusterCmd::Join(args) => {
                ensure_agent(&ep, &api, &args.start).await?;
                let req = JoinRequest {
                    token: args.token,
                    remote_addr: args.manager,
                    advertise_addr: args.start.advertise_addr.clone(),
                    listen_addr: args.start.listen_addr.clone(),
                };
                let resp: JoinResponse = api.post("/v1/cluster/join", &req).await?;
                println!(
                    "This node joined the cluster as a {}.",
                    wire_name(&resp.role)
                );
            }
            ClusterCmd::JoinToken(args) => {
                let role = match args.role {
                    TokenRole::Worker => "worker",
                    TokenRole::Manager => "manager",
                };
                let resp: TokenResponse = if args.rotate {
                    api.post(&format!("/v1/cluster/join-token/{role}/rotate"), &())
                        .await?
                } else {
                    api.get(&format!("/v1/cluster/join-token/{role}")).await?
                };
                if args.quiet {
                    println!("{}", resp.token);
                } else {
                    if args.rotate {
                        println!("Successfully rotated {role} join token.\n");
                    }
                    println!("To add a {role} to this cluster, run the following command:\n");
                    println!(
                        "    shoal cluster join --token {} {}\n",
                        resp.token, resp.manager_addr
                    );
                }
            }
            ClusterCmd::RotateGossipKey => {
                let resp: GossipKeyRotated = api.post("/v1/cluster/gossip-key/rotate", &()).await?;
                println!(
                    "Successfully rotated the gossip key: every node gets key {} now and seals with it in a few seconds.",
                    resp.key_id
                );
                if let Some(prev) = resp.previous_key_id {
                    println!(
                        "Key {prev} stays accepted until the next rotation (rotate again to retire it now)."
                    );
                }
            }
            ClusterCmd::Leave(args) => {
                let _: () = api
                    .post("/v1/cluster/leave", &LeaveRequest { force: args.force })
                    .await?;
                println!("Node left the cluster.");
            }
        }
        Ok(ExitCode::SUCCESS)
    })
}

/// Starts `shoal agent` in the background when nothing answers on the local socket.
async fn ensure_agent(ep: &Endpoint, api: &Client, start: &AgentStart) -> Result<()> {
    let Endpoint::Unix(socket) = ep else {
        return Ok(());
    };
    if api.get::<Info>("/v1/info").await.is_ok() {
        return Ok(());
    }
    if !crate::sys::is_root() {
        bail!(
            "no shoal agent answers on {}, and starting one needs root: run with sudo",
            socket.display()
        );
    }
    let pid = spawn_agent(socket, start)?;
    eprintln!(
        "Started the shoal agent (pid {pid}, data {}, log {}).",
        start.data_dir.display(),
        start.data_dir.join("agent.log").display()
    );
    let deadline = Instant::now() + Duration::from_secs(15);
    while Instant::now() < deadline {
        if api.get::<Info>("/v1/info").await.is_ok() {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    bail!(
        "the agent did not start; see {}",
        start.data_dir.join("agent.log").display()
    )
}

fn spawn_agent(socket: &Path, start: &AgentStart) -> Result<u32> {
    std::fs::create_dir_all(&start.data_dir)
        .with_context(|| format!("cannot create {}", start.data_dir.display()))?;
    let log_path = start.data_dir.join("agent.log");
    let log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&log_path)
        .with_context(|| format!("cannot open {}", log_path.display()))?;
    let mut cmd = std::process::Command::new(std::env::current_exe()?);
    cmd.arg("agent")
        .arg("--data-dir")
        .arg(&start.data_dir)
        .arg("--socket")
        .arg(socket);
    if let Some(a) = &start.advertise_addr {
        cmd.args(["--advertise-addr", a]);
    }
    if let Some(l) = &start.listen_addr {
        cmd.args(["--listen-addr", l]);
    }
    cmd.stdin(Stdio::null())
        .stdout(log.try_clone()?)
        .stderr(log);
    // SAFETY: setsid(2) is async-signal-safe; the agent gets a session of its own so it
    // outlives this command and the terminal.
    unsafe {
        cmd.pre_exec(|| {
            nix::unistd::setsid()
                .map(|_| ())
                .map_err(std::io::Error::from)
        });
    }
    Ok(cmd.spawn().context("cannot start the agent")?.id())
}
