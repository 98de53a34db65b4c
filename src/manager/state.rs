//! The cluster's desired state and the commands that change it: a deterministic state
//! machine that every manager applies in Raft log order. Pure: timestamps and random
//! values come inside the commands (chosen by the leader), never from `apply`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::objects::{Network, Service, ServiceSpec, Task, TaskState, TaskStatus};

/// A manager's id in the Raft group (every node gets one; only managers use it).
pub type RaftId = u64;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Manager,
    Worker,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Availability {
    Active,
    Pause,
    Drain,
}

/// A node's status as Docker shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NodeState {
    Unknown,
    Ready,
    Down,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Node {
    /// 25 characters of base36, like Docker's node IDs.
    pub id: String,
    pub raft_id: RaftId,
    pub hostname: String,
    pub role: Role,
    pub availability: Availability,
    /// Advertise address (IP), where the node's API (managers) and data plane listen.
    pub addr: String,
    /// Port of the cluster API (2377) on `addr`.
    pub port: u16,
    pub state: NodeState,
    /// Why the node is in its state (e.g. `heartbeat failure`).
    #[serde(default)]
    pub message: String,
    /// RFC 3339.
    pub created_at: String,
    pub updated_at: String,
    /// Raft log index of the last change (Docker's `Version.Index`).
    #[serde(default)]
    pub version: u64,
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// The node's routes (CIDRs), which network subnets must not overlap.
    #[serde(default)]
    pub routes: Vec<String>,
    /// UDP port of the node's gossip on `addr` (7946).
    #[serde(default = "crate::api::types::default_gossip_port")]
    pub gossip_port: u16,
}

/// Cluster-wide secrets and identity, replicated to every manager.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cluster {
    pub id: String,
    pub created_at: String,
    /// The CA every node certificate chains to; managers need the key to sign joins.
    pub ca_cert_pem: String,
    pub ca_key_pem: String,
    pub worker_secret: String,
    pub manager_secret: String,
    /// The key that seals gossip, and the one it replaced (still accepted until the
    /// next rotation). A state from before gossip has none; the leader adds one.
    #[serde(default)]
    pub gossip: GossipKeys,
    /// VXLAN's UDP port on every node (`cluster init --data-path-port`).
    #[serde(default = "default_data_path_port")]
    pub data_path_port: u16,
}

/// VXLAN's IANA port, Swarm's default data path port.
pub fn default_data_path_port() -> u16 {
    4789
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GossipKeys {
    pub current: Option<GossipKey>,
    pub previous: Option<GossipKey>,
}

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GossipKey {
    /// Names the key on the wire; random, so another cluster's key is unknown here.
    pub id: u32,
    /// 32 random bytes, hex.
    pub key: String,
    pub created_at: String,
}

impl std::fmt::Debug for GossipKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "GossipKey({:08x}, {})", self.id, self.created_at)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterState {
    pub cluster: Option<Cluster>,
    pub nodes: BTreeMap<String, Node>,
    #[serde(default)]
    pub networks: BTreeMap<String, Network>,
    #[serde(default)]
    pub services: BTreeMap<String, Service>,
    #[serde(default)]
    pub tasks: BTreeMap<String, Task>,
}

/// A network as `network create` asks for it; `apply` picks what is not given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkRequest {
    pub id: String,
    pub name: String,
    pub driver: String,
    pub subnet: Option<String>,
    pub gateway: Option<String>,
    pub attachable: bool,
    pub options: BTreeMap<String, String>,
    pub labels: BTreeMap<String, String>,
    pub at: String,
}

/// One entry of the Raft log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Command {
    /// First entry of a new cluster: its secrets and the first manager.
    Init {
        cluster: Box<Cluster>,
        node: Node,
    },
    /// Adds a node (join) or replaces it whole.
    PutNode(Node),
    RemoveNode {
        id: String,
    },
    SetNodeState {
        id: String,
        state: NodeState,
        message: String,
        at: String,
    },
    SetAvailability {
        id: String,
        availability: Availability,
        at: String,
    },
    RotateSecret {
        role: Role,
        secret: String,
    },
    /// `key` becomes the current gossip key; the current one becomes the previous one.
    /// With `if_missing`, only when there is no key yet (a state from before gossip).
    RotateGossipKey {
        key: GossipKey,
        #[serde(default)]
        if_missing: bool,
    },
    SetNodeRoutes {
        id: String,
        routes: Vec<String>,
    },
    CreateNetwork(NetworkRequest),
    RemoveNetwork {
        id: String,
    },
    CreateService {
        id: String,
        spec: ServiceSpec,
        at: String,
    },
    UpdateService {
        id: String,
        spec: ServiceSpec,
        at: String,
    },
    RemoveService {
        id: String,
    },
    /// New tasks from the orchestrator; `apply` gives them their addresses.
    PutTasks(Vec<Task>),
    SetTaskDesired {
        ids: Vec<String>,
        desired: TaskState,
    },
    /// States reported by agents (unknown IDs are ignored: the task may be gone).
    SetTaskStatuses(Vec<(String, TaskStatus)>),
    RemoveTasks {
        ids: Vec<String>,
    },
    /// Retry VIPs and task addresses that could not be allocated, now that some are free.
    Reallocate {
        at: String,
    },
}

impl ClusterState {
    /// Applies `cmd`, the entry at log `index`. An `Err` leaves the state unchanged and
    /// is returned to whoever proposed the command.
    pub fn apply(&mut self, index: u64, cmd: &Command) -> Result<(), String> {
        match cmd {
            Command::Init { cluster, node } => {
                if self.cluster.is_some() {
                    return Err("the cluster is initialized already".into());
                }
                self.cluster = Some(Cluster::clone(cluster));
                self.put(index, node.clone());
            }
            Command::PutNode(node) => {
                self.require_cluster()?;
                self.put(index, node.clone());
            }
            Command::RemoveNode { id } => {
                self.nodes
                    .remove(id)
                    .ok_or_else(|| format!("node {id} does not exist"))?;
            }
            Command::SetNodeState {
                id,
                state,
                message,
                at,
            } => {
                let node = self.node_mut(id)?;
                node.state = *state;
                node.message.clone_from(message);
                node.updated_at.clone_from(at);
                node.version = index;
            }
            Command::SetAvailability {
                id,
                availability,
                at,
            } => {
                let node = self.node_mut(id)?;
                node.availability = *availability;
                node.updated_at.clone_from(at);
                node.version = index;
            }
            Command::RotateSecret { role, secret } => {
                let cluster = self
                    .cluster
                    .as_mut()
                    .ok_or("the cluster is not initialized")?;
                match role {
                    Role::Worker => cluster.worker_secret.clone_from(secret),
                    Role::Manager => cluster.manager_secret.clone_from(secret),
                }
            }
            Command::RotateGossipKey { key, if_missing } => {
                let cluster = self
                    .cluster
                    .as_mut()
                    .ok_or("the cluster is not initialized")?;
                let keys = &mut cluster.gossip;
                if *if_missing && keys.current.is_some() {
                    return Ok(());
                }
                if keys.current.as_ref().is_some_and(|c| c.id == key.id) {
                    return Err(format!("gossip key id {:08x} is in use", key.id));
                }
                keys.previous = keys.current.replace(key.clone());
            }
            Command::SetNodeRoutes { id, routes } => {
                let node = self.node_mut(id)?;
                node.routes.clone_from(routes);
                node.version = index;
            }
            Command::CreateNetwork(req) => self.create_network(index, req)?,
            Command::RemoveNetwork { id } => self.remove_network(id)?,
            Command::CreateService { id, spec, at } => self.create_service(index, id, spec, at)?,
            Command::UpdateService { id, spec, at } => self.update_service(index, id, spec, at)?,
            Command::RemoveService { id } => self.remove_service(id)?,
            Command::PutTasks(tasks) => self.put_tasks(index, tasks)?,
            Command::SetTaskDesired { ids, desired } => {
                for id in ids {
                    if let Some(t) = self.tasks.get_mut(id) {
                        t.desired_state = *desired;
                        t.version = index;
                    }
                }
            }
            Command::SetTaskStatuses(updates) => self.set_task_statuses(index, updates),
            Command::RemoveTasks { ids } => self.remove_tasks(ids),
            Command::Reallocate { at } => self.reallocate(index, at),
        }
        Ok(())
    }

    fn require_cluster(&self) -> Result<&Cluster, String> {
        self.cluster
            .as_ref()
            .ok_or_else(|| "the cluster is not initialized".into())
    }

    fn put(&mut self, index: u64, mut node: Node) {
        node.version = index;
        self.nodes.insert(node.id.clone(), node);
    }

    fn node_mut(&mut self, id: &str) -> Result<&mut Node, String> {
        self.nodes
            .get_mut(id)
            .ok_or_else(|| format!("node {id} does not exist"))
    }

    /// The node with this Raft id.
    pub fn node_by_raft_id(&self, raft_id: RaftId) -> Option<&Node> {
        self.nodes.values().find(|n| n.raft_id == raft_id)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn node(id: &str, raft_id: RaftId, role: Role) -> Node {
        Node {
            id: id.into(),
            raft_id,
            hostname: format!("host-{id}"),
            role,
            availability: Availability::Active,
            addr: "192.0.2.1".into(),
            port: 2377,
            state: NodeState::Ready,
            message: String::new(),
            created_at: "2026-01-01T00:00:00Z".into(),
            updated_at: "2026-01-01T00:00:00Z".into(),
            version: 0,
            labels: BTreeMap::new(),
            routes: Vec::new(),
            gossip_port: 7946,
        }
    }

    pub fn cluster() -> Cluster {
        Cluster {
            id: "c1".into(),
            created_at: "2026-01-01T00:00:00Z".into(),
            ca_cert_pem: "cert".into(),
            ca_key_pem: "key".into(),
            worker_secret: "w".into(),
            manager_secret: "m".into(),
            gossip: GossipKeys::default(),
            data_path_port: 4789,
        }
    }

    #[test]
    fn init_then_join_then_state_changes() {
        let mut s = ClusterState::default();
        assert!(
            s.apply(1, &Command::PutNode(node("b", 2, Role::Worker)))
                .is_err()
        );
        s.apply(
            1,
            &Command::Init {
                cluster: cluster().into(),
                node: node("a", 1, Role::Manager),
            },
        )
        .unwrap();
        assert!(
            s.apply(
                2,
                &Command::Init {
                    cluster: cluster().into(),
                    node: node("x", 9, Role::Manager)
                }
            )
            .is_err()
        );
        s.apply(3, &Command::PutNode(node("b", 2, Role::Worker)))
            .unwrap();
        assert_eq!(s.nodes["b"].version, 3);
        let down = Command::SetNodeState {
            id: "b".into(),
            state: NodeState::Down,
            message: "heartbeat failure".into(),
            at: "t".into(),
        };
        s.apply(4, &down).unwrap();
        assert_eq!(
            (s.nodes["b"].state, s.nodes["b"].version),
            (NodeState::Down, 4)
        );
        s.apply(
            5,
            &Command::RotateSecret {
                role: Role::Worker,
                secret: "w2".into(),
            },
        )
        .unwrap();
        assert_eq!(s.cluster.as_ref().unwrap().worker_secret, "w2");
        assert_eq!(s.node_by_raft_id(2).unwrap().id, "b");
        s.apply(6, &Command::RemoveNode { id: "b".into() }).unwrap();
        assert!(s.apply(7, &Command::RemoveNode { id: "b".into() }).is_err());
        assert_eq!(s.nodes.len(), 1);
    }

    #[test]
    fn a_refused_command_changes_nothing() {
        let mut s = ClusterState::default();
        s.apply(
            1,
            &Command::Init {
                cluster: cluster().into(),
                node: node("a", 1, Role::Manager),
            },
        )
        .unwrap();
        let before = s.clone();
        let bad = Command::SetAvailability {
            id: "zz".into(),
            availability: Availability::Drain,
            at: "t".into(),
        };
        assert!(s.apply(2, &bad).is_err());
        assert_eq!(s, before);
    }

    fn gossip_key(id: u32) -> GossipKey {
        GossipKey {
            id,
            key: format!("{id:064x}"),
            created_at: "t".into(),
        }
    }

    #[test]
    fn gossip_keys_rotate_keeping_the_previous_one() {
        let mut s = ClusterState::default();
        let rotate = |id, if_missing| Command::RotateGossipKey {
            key: gossip_key(id),
            if_missing,
        };
        assert!(s.apply(1, &rotate(1, false)).is_err(), "no cluster yet");
        s.apply(
            1,
            &Command::Init {
                cluster: cluster().into(),
                node: node("a", 1, Role::Manager),
            },
        )
        .unwrap();
        s.apply(2, &rotate(1, true)).unwrap();
        s.apply(3, &rotate(2, true)).unwrap();
        let keys = |s: &ClusterState| {
            let g = &s.cluster.as_ref().unwrap().gossip;
            (
                g.current.as_ref().map(|k| k.id),
                g.previous.as_ref().map(|k| k.id),
            )
        };
        assert_eq!(keys(&s), (Some(1), None), "if_missing: only the first");
        s.apply(4, &rotate(2, false)).unwrap();
        assert_eq!(keys(&s), (Some(2), Some(1)));
        let before = s.clone();
        assert!(s.apply(5, &rotate(2, false)).is_err(), "the id is in use");
        assert_eq!(s, before);
        s.apply(6, &rotate(3, false)).unwrap();
        assert_eq!(keys(&s), (Some(3), Some(2)), "the oldest key is gone");
    }

    #[test]
    fn a_state_from_before_gossip_loads() {
        let mut s = ClusterState::default();
        s.apply(
            1,
            &Command::Init {
                cluster: cluster().into(),
                node: node("a", 1, Role::Manager),
            },
        )
        .unwrap();
        let mut json = serde_json::to_value(&s).unwrap();
        json["cluster"].as_object_mut().unwrap().remove("gossip");
        json["nodes"]["a"]
            .as_object_mut()
            .unwrap()
            .remove("gossip_port");
        let old: ClusterState = serde_json::from_value(json).unwrap();
        assert_eq!(old.cluster.unwrap().gossip, GossipKeys::default());
        assert_eq!(old.nodes["a"].gossip_port, 7946);
    }
}
