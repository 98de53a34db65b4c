//! The event stream: changes to the desired state, as Docker-style events. A task
//! diffs each new state against the last one and broadcasts what changed: nodes,
//! networks and services as Docker names them (`Type` node, network, service;
//! `Action` create, update, remove), and tasks, which Docker reports as containers,
//! as `Type` task with the service, node and state among the attributes.

use std::{collections::BTreeMap, sync::Arc, time::SystemTime};

use tokio::sync::{broadcast, watch};

use super::{
    objects::{Mode, Network, Service, Task},
    objects_api::task_name,
    state::{ClusterState, Node},
};
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

fn network_attributes(n: &Network) -> BTreeMap<String, String> {
    BTreeMap::from([
        ("name".to_string(), n.name.clone()),
        ("type".to_string(), n.driver.clone()),
    ])
}

fn replicas(s: &Service) -> Option<u64> {
    match s.spec.mode {
        Mode::Replicated { replicas } => Some(replicas),
        Mode::Global => None,
    }
}

fn service_attributes(s: &Service, old: Option<&Service>) -> BTreeMap<String, String> {
    let mut a = BTreeMap::from([("name".to_string(), s.spec.name.clone())]);
    // Docker's update events say how the replica count moved.
    if let Some(o) = old
        && replicas(o) != replicas(s)
    {
        let show = |r: Option<u64>| r.map(|r| r.to_string()).unwrap_or_default();
        a.insert("replicas.old".into(), show(replicas(o)));
        a.insert("replicas.new".into(), show(replicas(s)));
    }
    a
}

fn task_attributes(state: &ClusterState, t: &Task) -> BTreeMap<String, String> {
    let service = state.services.get(&t.service_id);
    BTreeMap::from([
        ("name".to_string(), task_name(state, t)),
        ("service.id".to_string(), t.service_id.clone()),
        (
            "service.name".to_string(),
            service.map(|s| s.spec.name.clone()).unwrap_or_default(),
        ),
        ("node.id".to_string(), t.node_id.clone()),
        ("state".to_string(), wire_name(&t.status.state)),
        ("desired_state".to_string(), wire_name(&t.desired_state)),
    ])
}

/// Create, update and remove events of one kind of object, keyed by ID; `attrs`
/// gets the new (or, for a removal, the last) value and the old one if any.
fn diff_map<T: PartialEq>(
    kind: &str,
    old: &BTreeMap<String, T>,
    new: &BTreeMap<String, T>,
    attrs: impl Fn(&T, Option<&T>) -> BTreeMap<String, String>,
    out: &mut Vec<Event>,
) {
    for (id, n) in new {
        match old.get(id) {
            None => out.push(event(kind, "create", id, attrs(n, None))),
            Some(o) if o != n => out.push(event(kind, "update", id, attrs(n, Some(o)))),
            Some(_) => {}
        }
    }
    for (id, o) in old {
        if !new.contains_key(id) {
            out.push(event(kind, "remove", id, attrs(o, None)));
        }
    }
}

/// The events that turn `old` into `new`: nodes, networks, services, then tasks.
pub fn diff(old: &ClusterState, new: &ClusterState) -> Vec<Event> {
    let mut out = Vec::new();
    diff_map(
        "node",
        &old.nodes,
        &new.nodes,
        |n, _| node_attributes(n),
        &mut out,
    );
    diff_map(
        "network",
        &old.networks,
        &new.networks,
        |n, _| network_attributes(n),
        &mut out,
    );
    diff_map(
        "service",
        &old.services,
        &new.services,
        service_attributes,
        &mut out,
    );
    // A removed task's service may be gone too: name it from the state that had it.
    let task_attrs = |t: &Task, _: Option<&Task>| {
        let state = if new.tasks.contains_key(&t.id) {
            new
        } else {
            old
        };
        task_attributes(state, t)
    };
    diff_map("task", &old.tasks, &new.tasks, task_attrs, &mut out);
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

    fn from_json<T: serde::de::DeserializeOwned>(v: serde_json::Value) -> T {
        serde_json::from_value(v).unwrap()
    }

    fn service(replicas: u64) -> Service {
        from_json(serde_json::json!({
            "id": "s1", "created_at": "t", "updated_at": "t",
            "spec": {"name": "my-web", "command": ["sleep", "9"], "endpoint_mode": "vip",
                     "mode": {"replicated": {"replicas": replicas}}}
        }))
    }

    fn task(state: &str) -> Task {
        from_json(serde_json::json!({
            "id": "t1", "service_id": "s1", "slot": 1, "node_id": "n1",
            "desired_state": "running", "created_at": "t",
            "status": {"state": state, "timestamp": "t"}
        }))
    }

    fn actions(ev: &[Event]) -> Vec<(&str, &str, &str)> {
        ev.iter()
            .map(|e| (e.kind.as_str(), e.action.as_str(), e.actor.id.as_str()))
            .collect()
    }

    #[test]
    fn diffs_networks_services_and_tasks() {
        let empty = ClusterState::default();
        let mut a = empty.clone();
        a.networks.insert(
            "w1".into(),
            from_json(serde_json::json!({
                "id": "w1", "name": "my-network", "driver": "overlay", "subnet": "10.0.9.0/24",
                "gateway": "10.0.9.1", "vni": 4096, "attachable": false, "created_at": "t"
            })),
        );
        a.services.insert("s1".into(), service(2));
        a.tasks.insert("t1".into(), task("pending"));
        let ev = diff(&empty, &a);
        assert_eq!(
            actions(&ev),
            [
                ("network", "create", "w1"),
                ("service", "create", "s1"),
                ("task", "create", "t1")
            ]
        );
        assert_eq!(ev[0].actor.attributes["name"], "my-network");
        assert_eq!(ev[0].actor.attributes["type"], "overlay");
        assert_eq!(ev[1].actor.attributes["name"], "my-web");
        assert!(!ev[1].actor.attributes.contains_key("replicas.new"));
        let t = &ev[2].actor.attributes;
        assert_eq!(t["name"], "my-web.1");
        assert_eq!(t["service.name"], "my-web");
        assert_eq!(
            (t["state"].as_str(), t["node.id"].as_str()),
            ("pending", "n1")
        );

        let mut b = a.clone();
        b.services.insert("s1".into(), service(5));
        b.tasks.insert("t1".into(), task("running"));
        let ev = diff(&a, &b);
        assert_eq!(
            actions(&ev),
            [("service", "update", "s1"), ("task", "update", "t1")]
        );
        assert_eq!(ev[0].actor.attributes["replicas.old"], "2");
        assert_eq!(ev[0].actor.attributes["replicas.new"], "5");
        assert_eq!(ev[1].actor.attributes["state"], "running");

        // Service and task gone in one change: the task is still named by its service.
        let ev = diff(&b, &empty);
        assert_eq!(
            actions(&ev),
            [
                ("network", "remove", "w1"),
                ("service", "remove", "s1"),
                ("task", "remove", "t1")
            ]
        );
        assert_eq!(ev[2].actor.attributes["name"], "my-web.1");
    }
}
