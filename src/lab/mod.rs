//! The lab: a cluster of hosts on one machine, each host a network namespace
//! (`LAB-1..N`) with one interface on an underlay bridge that lives in a namespace of
//! its own (`LAB-sw`), addressed from 192.0.2.0/24. It is the first-run experience and
//! the harness of the integration tests, so it must be exact about what it makes and
//! removes: it never touches the host's own namespace beyond creating namespaces.

pub mod agents;
mod down;
pub mod plan;
pub mod sshd;
pub mod state;
mod up;

use std::{collections::HashSet, io, os::unix::process::CommandExt, path::PathBuf};

pub use down::{Outcome as DownOutcome, down};
pub use plan::{HostPlan, Plan};
pub use up::{UpOptions, up};

use crate::sys::{
    self,
    netlink::{NetlinkError, with_netlink},
    netns::{self, NetnsError},
};

#[derive(Debug, thiserror::Error)]
pub enum LabError {
    #[error("the lab needs root (it creates network namespaces): run it with sudo")]
    NeedsRoot,
    #[error(
        "invalid lab name {0:?}: use up to 32 letters, digits, '_', '.' or '-', starting with a letter or digit"
    )]
    InvalidName(String),
    #[error("a lab has 1 to {max} nodes, not {0}", max = plan::MAX_NODES)]
    NodeCount(u32),
    #[error("lab {0:?} exists already (remove it with: shoal lab down --name {0})")]
    Exists(String),
    #[error("lab {name:?} does not exist{}", others_hint(others))]
    NotFound { name: String, others: Vec<String> },
    #[error("lab {lab:?} has no node {node} (its nodes are 1 to {nodes})")]
    NoSuchNode {
        lab: String,
        node: String,
        nodes: usize,
    },
    #[error("network namespace {netns:?} exists already and does not belong to lab {lab:?}")]
    Foreign { netns: String, lab: String },
    #[error("lab record {}: {message}", path.display())]
    State { path: PathBuf, message: String },
    #[error(transparent)]
    Netns(#[from] NetnsError),
    #[error(transparent)]
    Netlink(#[from] NetlinkError),
    #[error(transparent)]
    Io(#[from] io::Error),
    #[error("could not remove all of lab {lab:?}: {}", errors.join("; "))]
    Teardown { lab: String, errors: Vec<String> },
}

fn others_hint(others: &[String]) -> String {
    if others.is_empty() {
        String::new()
    } else {
        format!(" (labs here: {})", others.join(", "))
    }
}

fn require_root() -> Result<(), LabError> {
    if sys::is_root() {
        Ok(())
    } else {
        Err(LabError::NeedsRoot)
    }
}

/// The record of an existing lab, or `NotFound` naming the labs that do exist.
fn existing(name: &str) -> Result<state::LabState, LabError> {
    plan::validate_name(name)?;
    state::load(name)?.ok_or_else(|| LabError::NotFound {
        name: name.to_string(),
        others: state::list(),
    })
}

/// One row of `lab status`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct NodeStatus {
    pub node: String,
    pub namespace: String,
    pub address: String,
    /// `up`, `down` (underlay link not up), `missing` (namespace gone) or `creating`.
    pub state: String,
    /// The agent: `manager (leader)`, `manager`, `worker`, `inactive`, `stopped`, or `-`
    /// in a bare lab.
    pub agent: String,
}

pub fn status(name: &str) -> Result<Vec<NodeStatus>, LabError> {
    require_root()?;
    let st = existing(name)?;
    let plan = st.plan()?;
    let mut rows: Vec<NodeStatus> = plan
        .hosts
        .iter()
        .map(|h| host_status(&st, h))
        .collect::<Result<_, _>>()?;
    if !st.bare {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        for (row, h) in rows.iter_mut().zip(&plan.hosts) {
            row.agent = rt.block_on(agents::describe(name, &h.node));
        }
    }
    Ok(rows)
}

/// Stops the agent of `node` (SIGTERM, or SIGKILL with `kill`, like a crash).
pub fn stop_agent(name: &str, node: &str, kill: bool) -> Result<(), LabError> {
    require_root()?;
    let st = existing(name)?;
    let plan = st.plan()?;
    let host = plan.host(node)?;
    refuse_supervised(&st, host)?;
    let pid = agents::pid(name, &host.node).ok_or_else(|| {
        LabError::Io(io::Error::other(format!(
            "the agent of {} is not running",
            host.node
        )))
    })?;
    if kill {
        let _ = nix::sys::signal::kill(
            nix::unistd::Pid::from_raw(pid),
            nix::sys::signal::Signal::SIGKILL,
        );
        crate::sys::procs::terminate(&[pid], std::time::Duration::ZERO);
    } else {
        crate::sys::procs::terminate(&[pid], std::time::Duration::from_secs(10));
    }
    Ok(())
}

/// Starts the agent of `node` again; it rejoins with what its data dir remembers.
pub fn start_agent(name: &str, node: &str) -> Result<u32, LabError> {
    require_root()?;
    let st = existing(name)?;
    if st.bare {
        return Err(LabError::Io(io::Error::other(format!(
            "lab {name:?} is bare: it runs no agents"
        ))));
    }
    let plan = st.plan()?;
    let host = plan.host(node)?;
    refuse_supervised(&st, host)?;
    if agents::pid(name, &host.node).is_some() {
        return Err(LabError::Io(io::Error::other(format!(
            "the agent of {} is running already",
            host.node
        ))));
    }
    let pid = agents::start(name, host)?;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    rt.block_on(agents::wait_answering(name, &host.node))?;
    Ok(pid)
}

/// In an `--ssh` lab, nodes 2..N were added with `node add`: a supervisor restarts
/// their agents, so `lab stop` would not stick.
fn refuse_supervised(st: &state::LabState, host: &HostPlan) -> Result<(), LabError> {
    if st.ssh && host.index > 1 {
        return Err(LabError::Io(io::Error::other(format!(
            "{} was added over SSH and its agent is supervised (it restarts by itself);              stop and start works on node-1 only",
            host.node
        ))));
    }
    Ok(())
}

/// The context the lab made current, if any (read before `down` removes the record).
pub fn context_record(name: &str) -> Option<state::ContextRecord> {
    state::load(name).ok().flatten().and_then(|s| s.context)
}

fn host_status(st: &state::LabState, h: &HostPlan) -> Result<NodeStatus, LabError> {
    let state = if st.phase == state::Phase::Creating {
        "creating".to_string()
    } else {
        match netns::open(&h.netns) {
            Err(NetnsError::NotFound(_)) => "missing".to_string(),
            Err(e) => return Err(e.into()),
            Ok(ns) => {
                let link = with_netlink(&ns, |nl| async move { nl.link(plan::HOST_IFACE).await })?;
                if link.is_some_and(|l| l.up && l.oper_up) {
                    "up"
                } else {
                    "down"
                }
                .to_string()
            }
        }
    };
    Ok(NodeStatus {
        node: h.node.clone(),
        namespace: h.netns.clone(),
        address: format!("{}/{}", h.address, plan::PREFIX),
        state,
        agent: "-".into(),
    })
}

/// Replaces this process with `command` running in the network namespace of `node`.
/// Returns only on failure; the command's exit code becomes shoal's.
pub fn exec(name: &str, node: &str, command: &[String]) -> Result<io::Error, LabError> {
    require_root()?;
    let st = existing(name)?;
    let plan = st.plan()?;
    let host = plan.host(node)?;
    let ns = netns::open(&host.netns)?;
    let (program, args) = command
        .split_first()
        .ok_or_else(|| io::Error::other("no command"))?;
    let mut cmd = std::process::Command::new(program);
    cmd.args(args)
        .env("SHOAL_LAB", name)
        .env("SHOAL_LAB_NODE", &host.node);
    if st.ssh {
        // `shoal -H ssh://root@192.0.2.1 ...` from a host uses the lab's key and
        // known_hosts, never the user's ~/.ssh.
        cmd.env(crate::ssh::target::CONFIG_ENV, sshd::config_file(name));
    }
    netns::enter_at_exec(&mut cmd, ns, false);
    Ok(cmd.exec())
}

/// The namespace inodes of a lab, to find the processes living inside it.
fn inodes(namespaces: &[String]) -> HashSet<u64> {
    namespaces.iter().filter_map(|n| netns::inode(n)).collect()
}
