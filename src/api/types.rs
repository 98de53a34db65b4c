//! Wire types of the HTTP/JSON API under `/v1`. Requests refuse unknown fields, so a
//! typo is a 400 naming the field instead of a silently ignored option. Views that
//! Docker users know (`node inspect`, events) use Docker's field names.

use std::{collections::BTreeMap, time::Duration};

use serde::{Deserialize, Serialize};

use super::duration;
use crate::manager::{
    objects::RestartCondition,
    state::{Availability, RaftId, Role},
};

/// The serde name of a unit enum variant (`ready`, `active`, `manager`).
pub fn wire_name<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The body of every error response.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ErrorBody {
    pub message: String,
}

/// `GET /v1/info`: what this node's agent is.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Info {
    pub node_name: String,
    /// `inactive`, `worker` or `manager`.
    pub state: String,
    pub node_id: Option<String>,
    pub cluster_id: Option<String>,
    /// `addr:port` of the cluster API on managers this node knows.
    pub managers: Vec<String>,
    pub is_leader: bool,
    pub version: String,
    /// This node's gossip (7946/udp) while it runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gossip: Option<GossipStats>,
}

/// A node's gossip socket and what it has seen since it started.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct GossipStats {
    /// `addr:port` the others gossip with.
    pub addr: String,
    /// The key this node seals with (8 hex digits).
    pub key_id: String,
    /// The keys it opens with: during a rotation, the new and the previous one.
    #[serde(default)]
    pub accepted_key_ids: Vec<String>,
    /// Other nodes alive by gossip.
    pub live_peers: usize,
    /// Gossip messages sent and received (opened and parsed).
    pub messages_in: u64,
    pub messages_out: u64,
    /// UDP payload bytes, everything counted (dropped datagrams too).
    pub bytes_in: u64,
    pub bytes_out: u64,
    pub dropped: GossipDrops,
    /// Sends that failed (peer unreachable).
    pub send_errors: u64,
}

/// `GET /v1/gossip` on an agent's socket.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct GossipView {
    pub stats: GossipStats,
    /// The other live nodes, by node ID.
    pub peers: Vec<GossipPeerView>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct GossipPeerView {
    pub node_id: String,
    pub vtep: std::net::Ipv4Addr,
    pub endpoints: Vec<crate::agent::gossip::Endpoint>,
}

/// Datagrams dropped before chitchat sees them, by reason.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct GossipDrops {
    /// Too short, oversized, or not our format.
    pub malformed: u64,
    /// Sealed with a key id this node does not have.
    pub unknown_key: u64,
    /// Does not authenticate: another key with the same id, or altered.
    pub auth_failed: u64,
    /// Sent more than 60 s before (or after) this node's clock.
    pub stale: u64,
    pub replayed: u64,
    /// Authentic but not a gossip message this version understands.
    pub undecodable: u64,
    /// Messages given up because a fragment never came.
    pub fragments: u64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InitRequest {
    #[serde(default)]
    pub advertise_addr: Option<String>,
    #[serde(default)]
    pub listen_addr: Option<String>,
    /// VXLAN's UDP port for the whole cluster (Docker's `--data-path-port`; 4789).
    #[serde(default)]
    pub data_path_port: Option<u16>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct InitResponse {
    pub node_id: String,
    pub worker_token: String,
    /// `addr:port` other nodes join through.
    pub manager_addr: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JoinRequest {
    pub token: String,
    /// `addr[:port]` of a manager.
    pub remote_addr: String,
    #[serde(default)]
    pub advertise_addr: Option<String>,
    #[serde(default)]
    pub listen_addr: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JoinResponse {
    pub node_id: String,
    pub role: Role,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeaveRequest {
    #[serde(default)]
    pub force: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TokenResponse {
    pub role: Role,
    pub token: String,
    pub manager_addr: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NodeUpdateRequest {
    pub availability: Availability,
}

/// A node as `node inspect` shows it (Docker's shape).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "PascalCase")]
pub struct NodeView {
    #[serde(rename = "ID")]
    pub id: String,
    pub version: VersionView,
    pub created_at: String,
    pub updated_at: String,
    pub spec: NodeSpecView,
    pub description: NodeDescriptionView,
    pub status: NodeStatusView,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manager_status: Option<ManagerStatusView>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "PascalCase")]
pub struct VersionView {
    pub index: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "PascalCase")]
pub struct NodeSpecView {
    pub labels: BTreeMap<String, String>,
    pub role: Role,
    pub availability: Availability,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "PascalCase")]
pub struct NodeDescriptionView {
    pub hostname: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "PascalCase")]
pub struct NodeStatusView {
    /// `ready`, `down` or `unknown`.
    pub state: String,
    #[serde(default)]
    pub message: String,
    pub addr: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "PascalCase")]
pub struct ManagerStatusView {
    #[serde(default)]
    pub leader: bool,
    /// `reachable` or `unreachable`.
    pub reachability: String,
    pub addr: String,
}

/// One line of `GET /v1/events` (newline-delimited JSON), shaped like Docker's events.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Event {
    #[serde(rename = "Type")]
    pub kind: String,
    #[serde(rename = "Action")]
    pub action: String,
    #[serde(rename = "Actor")]
    pub actor: Actor,
    /// Seconds since the epoch.
    pub time: i64,
    #[serde(rename = "timeNano")]
    pub time_nano: i128,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Actor {
    #[serde(rename = "ID")]
    pub id: String,
    #[serde(rename = "Attributes")]
    pub attributes: BTreeMap<String, String>,
}

// ---- between nodes (mutual TLS on 2377) ----

/// `POST /v1/join` from a node that holds a token but no certificate yet.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NodeJoinRequest {
    pub secret: String,
    pub csr_pem: String,
    pub hostname: String,
    pub addr: String,
    pub port: u16,
    /// The node's routes (CIDRs), which network subnets must not overlap.
    #[serde(default)]
    pub routes: Vec<String>,
    /// The node's gossip port (UDP) on `addr`.
    #[serde(default = "default_gossip_port")]
    pub gossip_port: u16,
}

pub fn default_gossip_port() -> u16 {
    crate::agent::gossip::DEFAULT_PORT
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NodeJoinResponse {
    pub node_id: String,
    pub raft_id: RaftId,
    pub role: Role,
    pub cluster_id: String,
    pub cert_pem: String,
    pub ca_pem: String,
    pub managers: Vec<String>,
}

/// `POST /v1/heartbeat`: the node is its certificate; the body carries what changes.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeartbeatRequest {
    /// The node's routes (CIDRs), which network subnets must not overlap.
    #[serde(default)]
    pub routes: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HeartbeatResponse {
    /// Managers to try next time, leader first.
    pub managers: Vec<String>,
    pub period_ms: u64,
}

/// `GET /v1/dispatcher/gossip` (newline-delimited JSON, one per change): what a node
/// needs to gossip. Only for members (mutual TLS).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GossipSetup {
    pub cluster_id: String,
    /// The current key first, then the previous one (still accepted) if any.
    pub keys: Vec<GossipKeyWire>,
    /// `addr:port` of every other node's gossip socket.
    pub seeds: Vec<String>,
}

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GossipKeyWire {
    pub id: u32,
    /// 32 bytes, hex.
    pub key: String,
}

impl std::fmt::Debug for GossipKeyWire {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "GossipKeyWire({:08x}, <redacted>)", self.id)
    }
}

/// `POST /v1/cluster/gossip-key/rotate`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GossipKeyRotated {
    /// The new current key (8 hex digits).
    pub key_id: String,
    /// The key that stays accepted until the next rotation.
    pub previous_key_id: Option<String>,
}

/// `POST /v1/raft/add-voter`: a manager that joined asks to become a voter.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddVoterRequest {
    pub raft_id: RaftId,
    pub addr: String,
}

// ---- networks, services, tasks ----

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetworkCreateRequest {
    pub name: String,
    #[serde(default = "overlay")]
    pub driver: String,
    #[serde(default)]
    pub subnet: Option<String>,
    #[serde(default)]
    pub gateway: Option<String>,
    #[serde(default)]
    pub attachable: bool,
    #[serde(default)]
    pub options: BTreeMap<String, String>,
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
}

fn overlay() -> String {
    "overlay".into()
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CreatedResponse {
    #[serde(rename = "ID")]
    pub id: String,
}

/// `network inspect`, in Docker's shape (plus `Addresses`: used and free).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct NetworkView {
    pub name: String,
    pub id: String,
    pub created: String,
    pub scope: String,
    pub driver: String,
    #[serde(rename = "EnableIPv6")]
    pub enable_ipv6: bool,
    #[serde(rename = "IPAM")]
    pub ipam: IpamView,
    pub internal: bool,
    pub attachable: bool,
    pub ingress: bool,
    pub containers: BTreeMap<String, EndpointView>,
    pub options: BTreeMap<String, String>,
    pub labels: BTreeMap<String, String>,
    pub peers: Vec<PeerView>,
    pub addresses: AddressUsage,
    /// With `--verbose`: each service on the network, its VIP and its tasks' endpoints.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub services: Option<BTreeMap<String, NetworkServiceView>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct NetworkServiceView {
    #[serde(rename = "VIP")]
    pub vip: String,
    pub tasks: Vec<NetworkTaskView>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct NetworkTaskView {
    /// `my-web.1.<task id>`, as Docker names the container.
    pub name: String,
    #[serde(rename = "EndpointID")]
    pub endpoint_id: String,
    #[serde(rename = "EndpointIP")]
    pub endpoint_ip: String,
    pub info: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct IpamView {
    pub driver: String,
    pub options: BTreeMap<String, String>,
    pub config: Vec<IpamConfigView>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct IpamConfigView {
    pub subnet: String,
    pub gateway: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct EndpointView {
    pub name: String,
    #[serde(rename = "IPv4Address")]
    pub ipv4_address: String,
    pub node: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PeerView {
    pub name: String,
    #[serde(rename = "IP")]
    pub ip: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AddressUsage {
    pub used: u32,
    pub free: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceCreateRequest {
    pub name: String,
    pub command: Vec<String>,
    /// `None` with `global: false` means one replica.
    #[serde(default)]
    pub replicas: Option<u64>,
    #[serde(default)]
    pub global: bool,
    /// Network names or IDs.
    #[serde(default)]
    pub networks: Vec<String>,
    /// A network of `networks` (as given there) -> the service's aliases on it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub network_aliases: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub endpoint_mode: Option<String>,
    #[serde(default)]
    pub env: Vec<String>,
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    #[serde(default)]
    pub restart: RestartPolicyRequest,
    /// A Go duration (`"20s"`); left out: 10 s.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "duration::opt"
    )]
    pub stop_grace_period: Option<Duration>,
}

/// The restart policy as `service create` and `update` give it: what is left out keeps
/// its value (on create, Swarm's default: any, 5s, 0, 0). Durations are Go durations
/// (`"5s"`, `"1m30s"`); `max_attempts` and `window` 0 mean unlimited and unbounded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RestartPolicyRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<RestartCondition>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "duration::opt"
    )]
    pub delay: Option<Duration>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_attempts: Option<u64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "duration::opt"
    )]
    pub window: Option<Duration>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceUpdateRequest {
    #[serde(default)]
    pub replicas: Option<u64>,
    #[serde(default)]
    pub env_add: Vec<String>,
    #[serde(default)]
    pub env_rm: Vec<String>,
    /// Replaces the command's arguments (everything after the program).
    #[serde(default)]
    pub args: Option<Vec<String>>,
    #[serde(default)]
    pub restart: RestartPolicyRequest,
    /// A Go duration (`"20s"`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "duration::opt"
    )]
    pub stop_grace_period: Option<Duration>,
}

/// `service inspect`, in Docker's shape.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ServiceView {
    #[serde(rename = "ID")]
    pub id: String,
    pub version: VersionView,
    pub created_at: String,
    pub updated_at: String,
    pub spec: serde_json::Value,
    pub endpoint: serde_json::Value,
    /// Why the service is not fully set up (e.g. no address left for a VIP).
    #[serde(default)]
    pub error: String,
    /// For `service ls`: running and desired tasks.
    pub replicas_running: u64,
    pub replicas_desired: u64,
}

/// `service ps` and the tasks an agent is given.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct TaskView {
    #[serde(rename = "ID")]
    pub id: String,
    pub version: VersionView,
    pub created_at: String,
    /// `my-web.1`, or `my-web.<node id>` in global mode.
    pub name: String,
    #[serde(rename = "ServiceID")]
    pub service_id: String,
    pub service_name: String,
    pub slot: u64,
    #[serde(rename = "NodeID")]
    pub node_id: String,
    pub node_name: String,
    pub status: TaskStatusView,
    pub desired_state: String,
    pub command: Vec<String>,
    pub networks_attachments: Vec<AttachmentView>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct TaskStatusView {
    pub timestamp: String,
    pub state: String,
    pub message: String,
    #[serde(default)]
    pub err: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AttachmentView {
    #[serde(rename = "NetworkID")]
    pub network_id: String,
    pub network_name: String,
    pub addresses: Vec<String>,
}

/// What an agent reports about one of its tasks.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskReport {
    pub id: String,
    pub state: crate::manager::objects::TaskState,
    #[serde(default)]
    pub message: String,
    #[serde(default)]
    pub err: String,
}

/// One message of the assignments stream: everything a node needs for its tasks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignments {
    pub tasks: Vec<crate::manager::objects::Task>,
    pub networks: Vec<crate::manager::objects::Network>,
    pub services: Vec<crate::manager::objects::Service>,
    /// Ended tasks of this node still in the cluster's history: their directories
    /// (logs) are kept; a directory of a task in neither list is removed.
    #[serde(default)]
    pub retained: Vec<String>,
    /// VXLAN's UDP port in this cluster.
    #[serde(default = "crate::manager::state::default_data_path_port")]
    pub data_path_port: u16,
}

/// One line of `service logs`: a task's log record with where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogLine {
    pub task_id: String,
    /// `my-web.1`.
    pub task_name: String,
    pub node_id: String,
    pub node_name: String,
    /// `stdout` or `stderr`; `error` for a node that could not be read (then `log` says why).
    pub stream: String,
    /// RFC 3339 with nanoseconds.
    pub time: String,
    /// The line, with its newline.
    pub log: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn create(restart: &str) -> Result<ServiceCreateRequest, String> {
        let body = format!(r#"{{"name":"web","command":["true"],{restart}}}"#);
        serde_json::from_str(&body).map_err(|e| e.to_string())
    }

    #[test]
    fn service_requests_take_go_durations_and_refuse_bad_policies() {
        let req = create(
            r#""restart":{"condition":"on-failure","delay":"3s","max_attempts":2},
               "stop_grace_period":"20s""#,
        )
        .unwrap();
        assert_eq!(req.restart.condition, Some(RestartCondition::OnFailure));
        assert_eq!(req.restart.delay, Some(Duration::from_secs(3)));
        assert_eq!(req.restart.window, None);
        assert_eq!(req.stop_grace_period, Some(Duration::from_secs(20)));
        for (bad, why) in [
            (
                r#""restart":{"condition":"sometimes"}"#,
                "unknown variant `sometimes`",
            ),
            (r#""restart":{"delay":"-1s"}"#, r#"invalid duration "-1s""#),
            (r#""restart":{"delay":5}"#, "invalid type"),
            (
                r#""restart":{"max_attempts":-1}"#,
                "invalid value: integer `-1`",
            ),
            (r#""restart":{"attempts":1}"#, "unknown field `attempts`"),
            (
                r#""stop_grace_period":"soon""#,
                r#"invalid duration "soon""#,
            ),
        ] {
            let err = create(bad).unwrap_err();
            assert!(err.contains(why), "{bad}: {err}");
        }
    }
}
