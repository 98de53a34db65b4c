//! Networks, services and tasks as the replicated state holds them.

use std::{
    collections::{BTreeMap, BTreeSet},
    time::Duration,
};

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
    /// When an ended task is replaced (Swarm's restart policy).
    #[serde(default)]
    pub restart: RestartPolicy,
    /// Between SIGTERM and SIGKILL when a task is stopped; `None` is Swarm's 10 s.
    #[serde(default)]
    pub stop_grace_period: Option<Duration>,
}

/// Swarm's stop grace period when a service sets none.
pub const DEFAULT_STOP_GRACE_PERIOD: Duration = Duration::from_secs(10);

impl ServiceSpec {
    /// The stop grace period in effect.
    pub fn stop_grace(&self) -> Duration {
        self.stop_grace_period.unwrap_or(DEFAULT_STOP_GRACE_PERIOD)
    }

    /// Whether tasks made from `other` would be the same as tasks made from this spec
    /// (Swarm's task template); when not, the service's tasks are replaced.
    pub fn same_task_template(&self, other: &ServiceSpec) -> bool {
        self.command == other.command
            && self.env == other.env
            && self.networks == other.networks
            && self.restart == other.restart
            && self.stop_grace_period == other.stop_grace_period
    }
}

/// Which ended tasks are replaced.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RestartCondition {
    /// Every ended task, whether it completed or failed.
    #[default]
    Any,
    /// Failed (or rejected) tasks; a completed task keeps its slot.
    OnFailure,
    /// None: an ended task keeps its slot.
    None,
}

/// Swarm's restart policy: defaults any, 5 s delay, unlimited attempts, unbounded window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RestartPolicy {
    pub condition: RestartCondition,
    /// From a task's end to its replacement.
    pub delay: Duration,
    /// Restarts of a slot before it is left alone; 0 is unlimited.
    pub max_attempts: u64,
    /// Restarts older than this do not count towards `max_attempts`; zero counts all.
    pub window: Duration,
}

impl Default for RestartPolicy {
    fn default() -> Self {
        RestartPolicy {
            condition: RestartCondition::Any,
            delay: Duration::from_secs(5),
            max_attempts: 0,
            window: Duration::ZERO,
        }
    }
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
    /// Log index of the last change to its task template (`same_task_template`):
    /// tasks made before it are replaced, and their restarts no longer count.
    #[serde(default)]
    pub template_version: u64,
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
    /// The service's `template_version` when this task was made.
    #[serde(default)]
    pub template_version: u64,
    /// When its slot was restarted (RFC 3339, oldest first), as far as the restart
    /// policy still counts them: carried from each task to its replacement, since the
    /// slot's history is capped.
    #[serde(default)]
    pub restarts: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_from_before_restart_policies_still_reads() {
        let spec: ServiceSpec = serde_json::from_str(
            r#"{"name":"web","command":["sleep","1"],"mode":{"replicated":{"replicas":2}},
                "endpoint_mode":"vip"}"#,
        )
        .unwrap();
        assert_eq!(spec.restart, RestartPolicy::default());
        assert_eq!(spec.stop_grace_period, None);
        assert_eq!(spec.stop_grace(), Duration::from_secs(10));
        let task: Task = serde_json::from_str(
            r#"{"id":"t","service_id":"s","slot":1,"desired_state":"running",
                "status":{"state":"running","timestamp":"t"},"created_at":"t"}"#,
        )
        .unwrap();
        assert_eq!((task.template_version, task.restarts.len()), (0, 0));
        let policy: RestartPolicy = serde_json::from_str(r#"{"condition":"on-failure"}"#).unwrap();
        assert_eq!(policy.condition, RestartCondition::OnFailure);
        assert_eq!(policy.delay, Duration::from_secs(5));
    }
}
