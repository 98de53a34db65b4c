//! The lab's record on disk, `/run/shoal/lab/LAB/lab.yaml`. It is written before
//! anything is created, so `lab down` can undo a crashed or half-finished `up`; it
//! names only what this lab made, so teardown never touches anything else.

use std::{
    fs::{self, File},
    io::Write,
    path::{Path, PathBuf},
    time::{SystemTime, UNIX_EPOCH},
};

use nix::fcntl::{Flock, FlockArg};
use serde::{Deserialize, Serialize};

use super::{LabError, plan::Plan};

pub const LAB_ROOT: &str = "/run/shoal/lab";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    /// `up` started; some resources may exist.
    Creating,
    /// `up` finished.
    Up,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabState {
    pub name: String,
    pub nodes: u8,
    pub phase: Phase,
    /// Seconds since the epoch when `up` started.
    pub created: u64,
    /// Namespaces this lab owns (created, or about to be).
    pub namespaces: Vec<String>,
    /// Namespaces only: no agents, no cluster.
    #[serde(default)]
    pub bare: bool,
    /// The CLI context the lab made current, and the one to restore at `down`.
    #[serde(default)]
    pub context: Option<ContextRecord>,
    /// `up --ssh`: sshd on every host, nodes 2..N added with `node add`.
    #[serde(default)]
    pub ssh: bool,
    /// `up --ssh` created sshd's `/run/sshd` (removed at `down` when no other lab uses it).
    #[serde(default)]
    pub made_privsep_dir: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContextRecord {
    pub name: String,
    pub previous: String,
}

impl LabState {
    pub fn new(plan: &Plan) -> Self {
        LabState {
            name: plan.name.clone(),
            nodes: plan.hosts.len() as u8,
            phase: Phase::Creating,
            created: SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
            namespaces: plan.namespaces(),
            bare: false,
            context: None,
            ssh: false,
            made_privsep_dir: false,
        }
    }

    pub fn plan(&self) -> Result<Plan, LabError> {
        Plan::new(&self.name, self.nodes)
    }
}

pub fn dir(name: &str) -> PathBuf {
    Path::new(LAB_ROOT).join(name)
}

fn file(name: &str) -> PathBuf {
    dir(name).join("lab.yaml")
}

/// Per-node directory (data dir, sockets, logs of that node's agent).
pub fn node_dir(name: &str, node: &str) -> PathBuf {
    dir(name).join(node)
}

pub fn load(name: &str) -> Result<Option<LabState>, LabError> {
    let path = file(name);
    let text = match fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(LabError::State {
                path,
                message: e.to_string(),
            });
        }
    };
    serde_yaml::from_str(&text)
        .map(Some)
        .map_err(|e| LabError::State {
            path,
            message: e.to_string(),
        })
}

pub fn save(state: &LabState) -> Result<(), LabError> {
    let path = file(&state.name);
    let fail = |message: String| LabError::State {
        path: path.clone(),
        message,
    };
    let text = serde_yaml::to_string(state).map_err(|e| fail(e.to_string()))?;
    let tmp = path.with_extension("yaml.tmp");
    let write = || -> std::io::Result<()> {
        fs::create_dir_all(dir(&state.name))?;
        let mut f = File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        fs::rename(&tmp, &path)
    };
    write().map_err(|e| fail(e.to_string()))
}

/// Per-node paths of the agent that runs on lab host `node`.
pub struct AgentPaths {
    pub data_dir: PathBuf,
    pub socket: PathBuf,
    pub log: PathBuf,
    pub pid: PathBuf,
}

pub fn agent_paths(name: &str, node: &str) -> AgentPaths {
    let d = node_dir(name, node);
    AgentPaths {
        data_dir: d.join("data"),
        socket: d.join("shoal.sock"),
        log: d.join("agent.log"),
        pid: d.join("agent.pid"),
    }
}

/// Loads, changes and saves the record of an existing lab.
pub fn update(name: &str, change: impl FnOnce(&mut LabState)) -> Result<(), LabError> {
    let mut st = load(name)?.ok_or_else(|| LabError::NotFound {
        name: name.to_string(),
        others: list(),
    })?;
    change(&mut st);
    save(&st)
}

/// Names of the labs that have a record here.
pub fn list() -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(LAB_ROOT)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().join("lab.yaml").exists())
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    names.sort();
    names
}

/// Serialises `up` and `down` of all labs on this machine (they share `/run/netns`).
/// Released when dropped, or by the kernel if the process dies.
pub fn lock() -> Result<Flock<File>, LabError> {
    let path = Path::new(LAB_ROOT).join(".lock");
    let open = || {
        fs::create_dir_all(LAB_ROOT)?;
        File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
    };
    let f = open().map_err(|e| LabError::State {
        path: path.clone(),
        message: e.to_string(),
    })?;
    Flock::lock(f, FlockArg::LockExclusive).map_err(|(_, e)| LabError::State {
        path,
        message: e.to_string(),
    })
}
