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
    /// Network ID -> the service's aliases there (`--network name=NET,alias=A`): more
    /// names its tasks answer to, on that network only.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub network_aliases: BTreeMap<String, Vec<String>>,
    pub endpoint_mode: EndpointMode,
    /// When an ended task is replaced (Swarm's restart policy).
    #[serde(default)]
    pub restart: RestartPolicy,
    /// Between SIGTERM and SIGKILL when a task is stopped; `None` is Swarm's 10 s.
    #[serde(default)]
    pub stop_grace_period: Option<Duration>,
}

/// A network alias is a DNS name: dot-separated labels of letters, digits, '-' and
/// '_', each 1 to 63 long and not starting or ending with '-', 253 in all.
pub fn check_alias(alias: &str) -> Result<(), String> {
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && l.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    if alias.is_empty() {
        return Err("empty alias".into());
    }
    if alias.len() > 253 || !alias.split('.').all(label_ok) {
        return Err(format!(
            "invalid alias {alias:?}: a DNS name (labels of letters, digits, '-' and '_', \
             separated by dots)"
        ));
    }
    Ok(())
}

/// Swarm's stop grace period when a service sets none.
pub const DEFAULT_STOP_GRACE_PERIOD: Duration = Duration::from_secs(10);

impl ServiceSpec {
    /// The stop grace period in effect.
    pub fn stop_grace(&self) -> Duration {
        self.stop_grace_period.unwrap_or(DEFAULT_STOP_GRACE_PERIOD)
    }

    /// The service's aliases on network `id` (none when it has none there).
    pub fn aliases_on(&self, id: &str) -> &[String] {
        self.network_aliases.get(id).map_or(&[], Vec::as_slice)
    }

    /// Whether tasks made from `other` would be the same as tasks made from this spec
    /// (Swarm's task template); when not, the service's tasks are replaced.
    pub fn same_task_template(&self, other: &ServiceSpec) -> bool {
        self.command == other.command
            && self.env == other.env
            && self.networks == other.networks
            && self.network_aliases == other.network_aliases
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

    #[test]
    fn state_from_before_aliases_still_reads_and_aliases_round_trip() {
        let old = r#"{"name":"web","command":["sleep"],"mode":"global",
                      "networks":["n1"],"endpoint_mode":"vip"}"#;
        let spec: ServiceSpec = serde_json::from_str(old).unwrap();
        assert!(spec.network_aliases.is_empty());
        assert_eq!(spec.aliases_on("n1"), &[] as &[String]);
        assert!(!serde_json::to_string(&spec).unwrap().contains("aliases"));
        let mut with = spec.clone();
        with.network_aliases
            .insert("n1".into(), vec!["db".into(), "db.internal".into()]);
        let back: ServiceSpec =
            serde_json::from_str(&serde_json::to_string(&with).unwrap()).unwrap();
        assert_eq!(back.aliases_on("n1"), ["db", "db.internal"]);
        assert!(
            !spec.same_task_template(&with),
            "aliases are part of the task"
        );
    }

    #[test]
    fn aliases_are_dns_names() {
        for ok in ["db", "my-db", "db_1", "db.internal", "A1", &"a".repeat(63)] {
            assert_eq!(check_alias(ok), Ok(()), "{ok}");
        }
        assert_eq!(check_alias(""), Err("empty alias".into()));
        for bad in [
            "-db",
            "db-",
            "my db",
            "db..x",
            ".db",
            "db.",
            "d/b",
            &"a".repeat(64),
        ] {
            let err = check_alias(bad).unwrap_err();
            assert!(err.starts_with("invalid alias"), "{bad}: {err}");
        }
    }
}
