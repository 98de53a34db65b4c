//! Running tasks. The `TaskRuntime` trait is what the agent drives; the process
//! runtime (`process.rs`) runs a task's COMMAND in namespaces of its own, and container
//! runtimes (podman, docker) can plug in behind the same trait later.

pub mod process;
pub mod shim;

use std::{
    path::{Path, PathBuf},
    time::Duration,
};

/// Everything needed to start one task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskSpec {
    pub id: String,
    /// `my-web.1`.
    pub name: String,
    /// The task's hostname (`my-web.1.<id>`, as Swarm names containers).
    pub hostname: String,
    pub command: Vec<String>,
    /// `KEY=VALUE`.
    pub env: Vec<String>,
    /// The task's own directory: its log, resolv.conf and hosts.
    pub dir: PathBuf,
    /// Search domains copied from the host's resolv.conf.
    pub search: Vec<String>,
    /// The network namespace made for the task (with its overlay interfaces); None
    /// gives it a new one with only `lo`.
    pub netns: Option<PathBuf>,
    /// A mount point holding namespace pins (the agent's `netns/`), detached in the
    /// task's mount namespace so that the task does not keep them alive.
    pub hide: Option<PathBuf>,
}

#[derive(Debug, thiserror::Error)]
pub enum RuntimeError {
    /// Docker's wording, so `service ps` shows a familiar ERROR.
    #[error("executable file not found: {0}")]
    NotFound(String),
    #[error("cannot start the task: {0}")]
    Io(#[from] std::io::Error),
}

/// A started task: its PID and, while this process is its parent (or its shim's), the
/// child to wait for.
pub struct Started {
    pub pid: i32,
    pub child: Option<std::process::Child>,
}

pub trait TaskRuntime: Send + Sync {
    fn start(&self, spec: &TaskSpec) -> Result<Started, RuntimeError>;
    /// SIGTERM, then SIGKILL after `grace`.
    fn stop(&self, pid: i32, grace: Duration);
    fn alive(&self, pid: i32) -> bool;
    /// How the task whose directory is `dir` ended (exit code, 128 + signal), once known.
    fn exit_code(&self, dir: &Path) -> Option<i32>;
}
