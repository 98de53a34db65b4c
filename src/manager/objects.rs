//! Networks, services and tasks as the replicated state holds them.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

/// An overlay network and its address bookkeeping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Network {
    pub id: String,
    pub name: String,
    pub driver: String,
    /// CIDR, e.g. `10.0.9.0/24`.
    pub subnet: String,
    pub gateway: String,
    pub vni: u32,
    pub attachable: bool,
    #[serde(default)]
    pub options: BTreeMap<String, String>,
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    pub created_at: String,
    #[serde(default)]
    pub version: u64,
    /// Host offsets in use (the gateway's among them).
    #[serde(default)]
    pub allocated: BTreeSet<u32>,
    /// Where the next allocation starts looking: addresses go out serially, so a freed
    /// one is not handed out again until the range wraps.
    #[serde(default)]
    pub next: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EndpointMode {
    Vip,
    Dnsrr,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Replicated { replicas: u64 },
    Global,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceSpec {
    pub name: String,
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// What each task runs (where Docker has the image).
    pub command: Vec<String>,
    #[serde(default)]
    pub env: Vec<String>,
    pub mode: Mode,
    /// Network IDs.
    #[serde(default)]
    pub networks: Vec<String>,
    pub endpoint_mode: EndpointMode,
}

/// An address on a network: a VIP or a task's address, as `10.0.9.2/24`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub network_id: String,
    pub addr: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Service {
    pub id: String,
    pub spec: ServiceSpec,
    pub created_at: String,
    pub updated_at: String,
    #[serde(default)]
    pub version: u64,
    #[serde(default)]
    pub vips: Vec<Attachment>,
    /// Why the service cannot be fully set up (e.g. no address left for its VIP).
    #[serde(default)]
    pub error: String,
}

/// Swarm's task states, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TaskState {
    New,
    Pending,
    Assigned,
    Accepted,
    Preparing,
    Ready,
    Starting,
    Running,
    Complete,
    Shutdown,
    Failed,
    Rejected,
    Orphaned,
}

impl TaskState {
    /// Past running: the task will not run (again).
    pub fn is_terminal(self) -> bool {
        self > TaskState::Running
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskStatus {
    pub state: TaskState,
    #[serde(default)]
    pub message: String,
    #[serde(default)]
    pub err: String,
    pub timestamp: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    pub id: String,
    pub service_id: String,
    /// Replica number (1..) in replicated mode; 0 in global mode.
    pub slot: u64,
    /// The node it is assigned to; empty while pending.
    #[serde(default)]
    pub node_id: String,
    /// `running` or `shutdown`: what the orchestrator wants.
    pub desired_state: TaskState,
    pub status: TaskStatus,
    #[serde(default)]
    pub addresses: Vec<Attachment>,
    pub created_at: String,
    #[serde(default)]
    pub version: u64,
}
