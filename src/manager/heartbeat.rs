//! Node liveness. Every agent sends a heartbeat every 5 s; the leader keeps the times
//! in memory (not in the Raft log) and writes only changes of state: `down` after 15 s
//! of silence, `ready` when a heartbeat comes back. A new leader starts every clock
//! afresh, so an election never marks nodes down.

use std::{
    collections::{BTreeMap, HashMap},
    sync::Arc,
    time::{Duration, Instant},
};

use tokio::sync::watch;

use super::{
    Manager,
    state::{Command, Node, NodeState},
};
use crate::api::{http::HttpError, types::HeartbeatResponse};

pub const PERIOD: Duration = Duration::from_secs(5);
pub const DOWN_AFTER: Duration = Duration::from_secs(15);
pub const HEARTBEAT_FAILURE: &str = "heartbeat failure";

/// The state changes due now: nodes silent for longer than `DOWN_AFTER` go down. `me`
/// (the leader) is alive by definition.
pub fn due(
    nodes: &BTreeMap<String, Node>,
    last_seen: &mut HashMap<String, Instant>,
    now: Instant,
    me: &str,
) -> Vec<(String, NodeState)> {
    let mut out = Vec::new();
    for (id, node) in nodes {
        if id == me {
            if node.state != NodeState::Ready {
                out.push((id.clone(), NodeState::Ready));
            }
            continue;
        }
        let seen = *last_seen.entry(id.clone()).or_insert(now);
        if node.state != NodeState::Down && now.duration_since(seen) > DOWN_AFTER {
            out.push((id.clone(), NodeState::Down));
        }
    }
    last_seen.retain(|id, _| nodes.contains_key(id));
    out
}

fn set_state(id: &str, state: NodeState) -> Command {
    let message = if state == NodeState::Down {
        HEARTBEAT_FAILURE
    } else {
        ""
    };
    Command::SetNodeState {
        id: id.to_string(),
        state,
        message: message.to_string(),
        at: super::api::now(),
    }
}

impl Manager {
    /// A heartbeat from `node_id`, on this manager. The leader records it; a follower
    /// relays it to the leader.
    pub async fn heartbeat(
        &self,
        node_id: &str,
        routes: &[String],
    ) -> Result<HeartbeatResponse, HttpError> {
        if !self.is_leader() {
            let leader = self.leader_addr().await?;
            let client = crate::api::client::Client::tls(leader, self.client_tls());
            let body = serde_json::json!({ "node_id": node_id, "routes": routes });
            return client
                .post("/v1/raft/heartbeat", &body)
                .await
                .map_err(super::client_error);
        }
        let state = self.state();
        let node = state.nodes.get(node_id).ok_or_else(|| {
            HttpError::new(
                axum::http::StatusCode::GONE,
                format!("node {node_id} is not in this cluster (it was removed)"),
            )
        })?;
        if let Ok(mut seen) = self.last_seen.lock() {
            seen.insert(node_id.to_string(), Instant::now());
        }
        if node.state != NodeState::Ready {
            tracing::info!(node = %node.hostname, "node is ready");
            self.write(set_state(node_id, NodeState::Ready)).await?;
        }
        if node.routes != routes {
            let cmd = super::state::Command::SetNodeRoutes {
                id: node_id.to_string(),
                routes: routes.to_vec(),
            };
            self.write(cmd).await?;
        }
        Ok(HeartbeatResponse {
            managers: self.managers(),
            period_ms: PERIOD.as_millis() as u64,
        })
    }
}

/// The leader's watch over heartbeats, once a second until shutdown.
pub async fn monitor(mgr: Arc<Manager>, mut shutdown: watch::Receiver<bool>) {
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    let mut was_leader = false;
    loop {
        tokio::select! {
            _ = shutdown.wait_for(|s| *s) => return,
            _ = tick.tick() => {}
        }
        let leader = mgr.is_leader();
        if leader
            && !was_leader
            && let Ok(mut seen) = mgr.last_seen.lock()
        {
            seen.clear();
        }
        was_leader = leader;
        if !leader {
            continue;
        }
        let state = mgr.state();
        let changes = match mgr.last_seen.lock() {
            Ok(mut seen) => due(&state.nodes, &mut seen, Instant::now(), &mgr.me.node_id),
            Err(_) => continue,
        };
        for (id, new_state) in changes {
            if new_state == NodeState::Down {
                let name = state
                    .nodes
                    .get(&id)
                    .map(|n| n.hostname.as_str())
                    .unwrap_or("?");
                tracing::warn!(node = %name, "no heartbeat for {DOWN_AFTER:?}: node is down");
            }
            if let Err(e) = mgr.write(set_state(&id, new_state)).await {
                tracing::warn!(node = %id, error = %e.message, "cannot record the node's state");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manager::state::{Role, tests::node};

    #[test]
    fn silent_nodes_go_down_and_the_leader_stays_up() {
        let mut nodes = BTreeMap::new();
        nodes.insert("m".to_string(), node("m", 1, Role::Manager));
        nodes.insert("w".to_string(), node("w", 2, Role::Worker));
        nodes.get_mut("m").unwrap().state = NodeState::Unknown;
        let t0 = Instant::now();
        let mut seen = HashMap::new();
        // First look: clocks start now, nobody is overdue; the leader becomes ready.
        assert_eq!(
            due(&nodes, &mut seen, t0, "m"),
            [("m".to_string(), NodeState::Ready)]
        );
        assert!(due(&nodes, &mut seen, t0 + Duration::from_secs(14), "m").len() == 1);
        let later = due(&nodes, &mut seen, t0 + Duration::from_secs(16), "m");
        assert!(
            later.contains(&("w".to_string(), NodeState::Down)),
            "{later:?}"
        );
        // Already down: not written again.
        nodes.get_mut("w").unwrap().state = NodeState::Down;
        nodes.get_mut("m").unwrap().state = NodeState::Ready;
        assert!(due(&nodes, &mut seen, t0 + Duration::from_secs(30), "m").is_empty());
        // Removed nodes are forgotten.
        nodes.remove("w");
        due(&nodes, &mut seen, t0, "m");
        assert!(!seen.contains_key("w"));
    }
}
