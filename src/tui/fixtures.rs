//! A small cluster as the API would describe it (3 nodes, 2 networks, 3 services and
//! their tasks), and a big one (N tasks), for the rendering tests and the benchmark.

use std::collections::BTreeMap;

use serde_json::json;
use time::{OffsetDateTime, macros::datetime};

use super::app::{App, Kind, Meta, Msg};
use crate::{
    api::types::*,
    manager::state::{Availability, Role},
};

/// The fixtures' clock: every age is relative to it.
pub const NOW: OffsetDateTime = datetime!(2026-12-01 12:00:00 UTC);

fn ago(secs: i64) -> String {
    let t = NOW - time::Duration::seconds(secs);
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// A 25-character base36 ID, as the manager makes them, the same for the same input.
fn id(prefix: &str, n: usize) -> String {
    let mut x = prefix
        .bytes()
        .fold(n as u64 ^ 0x9e37_79b9_7f4a_7c15, |h, b| {
            (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
        });
    let digits = b"0123456789abcdefghijklmnopqrstuvwxyz";
    (0..25)
        .map(|_| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            digits[(x >> 33) as usize % 36] as char
        })
        .collect()
}

pub fn node(n: usize, state: &str, role: Role) -> NodeView {
    let addr = format!("192.0.2.{n}");
    NodeView {
        id: id("n", n),
        version: VersionView { index: n as u64 },
        created_at: ago(3600),
        updated_at: ago(60),
        spec: NodeSpecView {
            labels: BTreeMap::new(),
            role,
            availability: Availability::Active,
        },
        description: NodeDescriptionView {
            hostname: format!("node-{n}"),
        },
        status: NodeStatusView {
            state: state.into(),
            message: String::new(),
            addr: addr.clone(),
        },
        manager_status: (role == Role::Manager).then(|| ManagerStatusView {
            leader: n == 1,
            reachability: "reachable".into(),
            addr: format!("{addr}:2377"),
        }),
    }
}

pub fn network(n: usize, name: &str, endpoints: &[(&TaskView, &str)]) -> NetworkView {
    let mut containers = BTreeMap::new();
    let mut peers = BTreeMap::new();
    for (t, ip) in endpoints {
        let ep = EndpointView {
            name: t.name.clone(),
            ipv4_address: ip.to_string(),
            node: t.node_name.clone(),
        };
        containers.insert(t.id.clone(), ep);
        let node = t.node_name.trim_start_matches("node-");
        peers.insert(t.node_name.clone(), format!("192.0.2.{node}"));
    }
    NetworkView {
        name: name.into(),
        id: id("w", n),
        created: ago(1800),
        scope: "swarm".into(),
        driver: "overlay".into(),
        enable_ipv6: false,
        ipam: IpamView {
            driver: "default".into(),
            options: BTreeMap::new(),
            config: vec![IpamConfigView {
                subnet: format!("10.0.{n}.0/24"),
                gateway: format!("10.0.{n}.1"),
            }],
        },
        internal: false,
        attachable: false,
        ingress: false,
        containers,
        options: BTreeMap::new(),
        labels: BTreeMap::new(),
        peers: peers
            .into_iter()
            .map(|(name, ip)| PeerView { name, ip })
            .collect(),
        addresses: AddressUsage {
            used: 2 + endpoints.len() as u32,
            free: 252 - endpoints.len() as u32,
        },
        services: None,
    }
}

pub fn service(
    n: usize,
    name: &str,
    replicas: Option<u64>,
    running: u64,
    cmd: &[&str],
) -> ServiceView {
    let mode = match replicas {
        Some(r) => json!({ "Replicated": { "Replicas": r } }),
        None => json!({ "Global": {} }),
    };
    ServiceView {
        id: id("s", n),
        version: VersionView { index: n as u64 },
        created_at: ago(900),
        updated_at: ago(300),
        spec: json!({
            "Name": name,
            "TaskTemplate": { "ContainerSpec": { "Command": cmd } },
            "Mode": mode,
        }),
        endpoint: json!({}),
        error: String::new(),
        replicas_running: running,
        replicas_desired: replicas.unwrap_or(3),
    }
}

/// A task of `svc` in `slot` on `node` (0: not assigned), `state` for `secs`.
pub fn task(svc: &ServiceView, slot: u64, node: usize, state: &str, secs: i64) -> TaskView {
    let name = super::items::service_name(svc).to_string();
    let desired = if state == "failed" || state == "shutdown" {
        "shutdown"
    } else {
        "running"
    };
    TaskView {
        id: id(&format!("t{slot}"), svc.version.index as usize * 100 + node),
        version: VersionView { index: 1 },
        created_at: ago(secs + 5),
        name: if slot == 0 {
            format!("{name}.{}", id("n", node))
        } else {
            format!("{name}.{slot}")
        },
        service_id: svc.id.clone(),
        service_name: name,
        slot,
        node_id: if node == 0 {
            String::new()
        } else {
            id("n", node)
        },
        node_name: if node == 0 {
            String::new()
        } else {
            format!("node-{node}")
        },
        status: TaskStatusView {
            timestamp: ago(secs),
            state: state.into(),
            message: if state == "failed" {
                "exited".into()
            } else {
                state.into()
            },
            err: if state == "failed" {
                "exit status 1".into()
            } else {
                String::new()
            },
        },
        desired_state: desired.into(),
        command: vec!["shoal".into(), "whoami".into()],
        networks_attachments: Vec::new(),
    }
}

/// The small cluster, fed to a fresh state as the API layer would.
pub fn small(view: Kind) -> App {
    let meta = Meta {
        context: Some("lab".into()),
        endpoint: "unix:///run/shoal/lab/lab/node-1/shoal.sock".into(),
    };
    let mut app = App::new(meta, view, NOW);
    let web = service(1, "my-web", Some(3), 2, &["shoal", "whoami"]);
    let client = service(2, "my-client", Some(1), 1, &["sleep", "infinity"]);
    let mon = service(3, "monitor", None, 3, &["sleep", "600"]);
    let tasks = vec![
        task(&web, 1, 2, "running", 125),
        task(&web, 2, 1, "running", 125),
        task(&web, 3, 3, "failed", 40),
        task(&web, 3, 0, "pending", 4),
        task(&client, 1, 3, "running", 3700),
        task(&mon, 0, 1, "running", 86400 * 2),
        task(&mon, 0, 2, "running", 86400 * 2),
    ];
    let nets = vec![
        network(
            9,
            "my-network",
            &[
                (&tasks[0], "10.0.9.3/24"),
                (&tasks[1], "10.0.9.4/24"),
                (&tasks[4], "10.0.9.6/24"),
            ],
        ),
        network(10, "backend", &[]),
    ];
    let info = Info {
        node_name: "node-1".into(),
        state: "manager".into(),
        node_id: Some(id("n", 1)),
        cluster_id: Some("c7x2k9q0m4d1abcdefghijklm".into()),
        managers: vec!["192.0.2.1:2377".into()],
        is_leader: true,
        version: "0.1.0".into(),
        gossip: None,
    };
    let nodes = vec![
        node(1, "ready", Role::Manager),
        node(2, "ready", Role::Worker),
        node(3, "down", Role::Worker),
    ];
    for msg in [
        Msg::Connected,
        Msg::Info(info),
        Msg::Nodes(nodes),
        Msg::Networks(nets),
        Msg::Services(vec![web, client, mon]),
        Msg::Tasks(tasks),
    ] {
        app.update(msg);
    }
    app
}

/// The small cluster with `n` more tasks, of 100 services of their own.
pub fn big(n: usize) -> App {
    let mut app = small(Kind::Tasks);
    let services: Vec<ServiceView> = (0..100)
        .map(|i| {
            service(
                100 + i,
                &format!("svc-{i:03}"),
                Some(10),
                10,
                &["sleep", "600"],
            )
        })
        .collect();
    let states = [
        "running", "running", "running", "pending", "failed", "shutdown",
    ];
    let mut tasks = app.tasks.clone();
    tasks.extend((0..n).map(|i| {
        let svc = &services[i % services.len()];
        task(
            svc,
            (i / services.len()) as u64 + 1,
            i % 3 + 1,
            states[i % states.len()],
            i as i64,
        )
    }));
    app.update(Msg::Tasks(tasks));
    app
}
