//! The event stream: changes to the desired state, as Docker-style events. A task
//! diffs each new state against the last one and broadcasts what changed.

use std::{collections::BTreeMap, sync::Arc, time::SystemTime};

use tokio::sync::{broadcast, watch};

use super::state::{ClusterState, Node};
use crate::api::types::{Actor, Event, wire_name};

fn event(kind: &str, action: &str, id: &str, attributes: BTreeMap<String, String>) -> Event {
    let now = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap_or_default();
    Event {
        kind: kind.to_string(),
        action: action.to_string(),
        actor: Actor {
            id: id.to_string(),
            attributes,
        },
        time: now.as_secs() as i64,
        time_nano: now.as_nanos() as i128,
    }
}

fn node_attributes(n: &Node) -> BTreeMap<String, String> {
    BTreeMap::from([
        ("name".to_string(), n.hostname.clone()),
        ("state".to_string(), wire_name(&n.state)),
        ("availability".to_string(), wire_name(&n.availability)),
        ("role".to_string(), wire_name(&n.role)),
    ])
}

/// The events that turn `old` into `new`.
pub fn diff(old: &ClusterState, new: &ClusterState) -> Vec<Event> {
    let mut out = Vec::new();
    for (id, n) in &new.nodes {
        match old.nodes.get(id) {
            None => out.push(event("node", "create", id, node_attributes(n))),
            Some(o) if o != n => out.push(event("node", "update", id, node_attributes(n))),
            Some(_) => {}
        }
    }
    for (id, o) in &old.nodes {
        if !new.nodes.contains_key(id) {
            out.push(event("node", "remove", id, node_attributes(o)));
        }
    }
    out
}

/// Publishes the diff of every state change until the state channel closes.
pub async fn publish(mut state: watch::Receiver<Arc<ClusterState>>, tx: broadcast::Sender<Event>) {
    let mut last = state.borrow_and_update().clone();
    while state.changed().await.is_ok() {
        let new = state.borrow_and_update().clone();
        for e in diff(&last, &new) {
            let _ = tx.send(e);
        }
        last = new;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manager::state::{NodeState, Role, tests::node};

    #[test]
    fn diffs_nodes() {
        let mut a = ClusterState::default();
        a.nodes.insert("n1".into(), node("n1", 1, Role::Manager));
        let mut b = a.clone();
        b.nodes.get_mut("n1").unwrap().state = NodeState::Down;
        b.nodes.insert("n2".into(), node("n2", 2, Role::Worker));
        let ev = diff(&a, &b);
        let got: Vec<(&str, &str)> = ev
            .iter()
            .map(|e| (e.action.as_str(), e.actor.id.as_str()))
            .collect();
        assert_eq!(got, [("update", "n1"), ("create", "n2")]);
        assert_eq!(ev[0].actor.attributes["state"], "down");
        assert_eq!(diff(&b, &a).last().unwrap().action, "remove");
        assert!(diff(&a, &a).is_empty());
    }
}
