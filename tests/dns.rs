//! Tasks' DNS at 127.0.0.11 on a 3-node lab (root): service names give the VIP that
//! `service inspect` shows, `tasks.NAME` the running tasks, a dnsrr service its tasks;
//! a task on another network gets NXDOMAIN; a name outside the cluster is answered by
//! an upstream resolver started inside the lab (on node 1's underlay address).
#![allow(clippy::unwrap_used)]

mod common;

use std::{
    net::{Ipv4Addr, UdpSocket},
    time::Duration,
};

use common::{Lab, require_root, require_tool, wait_until};
use hickory_proto::{
    op::Message,
    rr::{RData, Record, rdata::A},
};

/// The lab's upstream: node 1's underlay address, a port of its own.
const UPSTREAM: &str = "192.0.2.1:5300";
/// What the upstream answers for every name.
const OUTSIDE: Ipv4Addr = Ipv4Addr::new(198, 51, 100, 7);

/// Answers every query with `OUTSIDE`, from inside lab host `netns`, until the test ends.
fn start_upstream(netns: &str) {
    let ns = std::fs::File::open(format!("/run/netns/{netns}")).unwrap();
    let sock = shoal::sys::netns::run_in(&ns, || UdpSocket::bind(UPSTREAM))
        .unwrap()
        .unwrap();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok((n, peer)) = sock.recv_from(&mut buf) {
            let Ok(q) = Message::from_vec(&buf[..n]) else {
                continue;
            };
            let mut r = Message::response(q.metadata.id, q.metadata.op_code);
            r.metadata.recursion_desired = q.metadata.recursion_desired;
            r.metadata.recursion_available = true;
            r.add_queries(q.queries.clone());
            if let Some(first) = q.queries.first() {
                r.add_answer(Record::from_rdata(
                    first.name().clone(),
                    60,
                    RData::A(A(OUTSIDE)),
                ));
            }
            let _ = sock.send_to(&r.to_vec().unwrap(), peer);
        }
    });
}

/// The name of one running task of `svc`.
fn task_of(lab: &Lab, svc: &str, n: usize) -> String {
    wait_until(
        &format!("{n} running {svc}"),
        Duration::from_secs(30),
        || {
            let out = lab
                .shoal([
                    "service",
                    "ps",
                    "--filter",
                    "desired-state=running",
                    "--format",
                    "{{.Name}}|{{.CurrentState}}",
                    svc,
                ])
                .ok();
            let rows = common::rows(&out);
            (rows.len() == n && rows.iter().all(|r| r[1].starts_with("Running")))
                .then(|| rows[0][0].clone())
        },
    )
}

/// `dig +short` (or other args) inside `task`: the lines of its answer.
fn dig(lab: &Lab, task: &str, args: &[&str]) -> Vec<String> {
    let mut cmd = vec!["exec", task, "--", "dig", "+time=3", "+tries=1"];
    cmd.extend_from_slice(args);
    let out = lab.shoal(cmd).output();
    let mut lines: Vec<String> = out
        .stdout()
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    lines.sort();
    lines
}

fn vip(lab: &Lab, svc: &str) -> String {
    let out = lab
        .shoal([
            "service",
            "inspect",
            "--format",
            "{{json .Endpoint.VirtualIPs}}",
            svc,
        ])
        .ok();
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    let addr = v[0]["Addr"].as_str().unwrap();
    addr.split('/').next().unwrap().to_string()
}

fn create(lab: &Lab, args: &[&str]) {
    let mut cmd = vec!["service", "create", "-d"];
    cmd.extend_from_slice(args);
    lab.shoal(cmd).ok();
}

#[test]
fn tasks_resolve_services_tasks_and_outside_names_on_their_networks_only() {
    if !require_root("dns") || !require_tool("dns", "dig") || !require_tool("dns", "getent") {
        return;
    }
    let lab = Lab::start_with_env(3, &[], &[("SHOAL_DNS_UPSTREAM", UPSTREAM)]);
    start_upstream(&format!("{}-1", lab.name));
    let bin = common::bin().to_str().unwrap().to_string();
    for net in ["my-network", "other-net"] {
        lab.shoal(["network", "create", "-d", "overlay", net]).ok();
    }
    let web = ["--replicas", "3", "--network", "my-network", &bin, "whoami"];
    create(&lab, &[&["--name", "my-web"], &web[..]].concat());
    create(
        &lab,
        &[&["--name", "my-rr", "--endpoint-mode", "dnsrr"], &web[..]].concat(),
    );
    let sleep = ["sleep", "infinity"];
    create(
        &lab,
        &[
            &["--name", "my-client", "--network", "my-network"],
            &sleep[..],
        ]
        .concat(),
    );
    create(
        &lab,
        &[&["--name", "lonely", "--network", "other-net"], &sleep[..]].concat(),
    );
    task_of(&lab, "my-web", 3);
    task_of(&lab, "my-rr", 3);
    let client = task_of(&lab, "my-client", 1);
    let lonely = task_of(&lab, "lonely", 1);
    let vip = vip(&lab, "my-web");
    assert!(vip.starts_with("10.0."), "{vip}");

    // The VIP, by dig and by the C library (resolv.conf points at 127.0.0.11).
    wait_until("my-web's VIP in DNS", Duration::from_secs(10), || {
        (dig(&lab, &client, &["+short", "@127.0.0.11", "my-web"]) == [vip.clone()]).then_some(())
    });
    let hosts = lab
        .shoal(["exec", &client, "--", "getent", "hosts", "my-web"])
        .ok();
    assert_eq!(
        hosts.split_whitespace().next(),
        Some(vip.as_str()),
        "{hosts}"
    );
    // Over TCP too.
    assert_eq!(
        dig(&lab, &client, &["+short", "+tcp", "my-web"]),
        std::slice::from_ref(&vip)
    );

    // Three tasks, on three nodes: the local one and two from gossip.
    let tasks = wait_until("tasks.my-web has 3", Duration::from_secs(10), || {
        let a = dig(&lab, &client, &["+short", "tasks.my-web"]);
        (a.len() == 3).then_some(a)
    });
    assert!(!tasks.contains(&vip), "{tasks:?}");
    let rr = wait_until("my-rr has 3", Duration::from_secs(10), || {
        let a = dig(&lab, &client, &["+short", "my-rr"]);
        (a.len() == 3).then_some(a)
    });
    assert_eq!(rr, dig(&lab, &client, &["+short", "tasks.my-rr"]));

    // A task's name, and PTR for the VIP.
    let one = dig(&lab, &client, &["+short", "my-web.1"]);
    assert_eq!(one.len(), 1);
    assert!(tasks.contains(&one[0]), "{one:?} not in {tasks:?}");
    let ptr = dig(&lab, &client, &["+short", "-x", &vip]);
    assert_eq!(ptr, ["my-web.my-network."]);
    // Cluster names have no AAAA, and do not go upstream for one.
    assert_eq!(
        dig(&lab, &client, &["+short", "AAAA", "my-web"]),
        Vec::<String>::new()
    );

    // Another network knows nothing of my-web.
    let status = lab
        .shoal([
            "exec", &lonely, "--", "dig", "+time=3", "+tries=1", "my-web",
        ])
        .output()
        .stdout();
    assert!(status.contains("status: NXDOMAIN"), "{status}");

    // Changes follow: two more tasks, and they are in DNS.
    lab.shoal(["service", "scale", "-d", "my-web=5"]).ok();
    wait_until("tasks.my-web has 5", Duration::from_secs(10), || {
        (dig(&lab, &client, &["+short", "tasks.my-web"]).len() == 5).then_some(())
    });

    // Names outside the cluster: through the upstream.
    assert_eq!(
        dig(&lab, &client, &["+short", "outside.example.org"]),
        [OUTSIDE.to_string()]
    );
    assert_eq!(
        dig(&lab, &lonely, &["+short", "outside.example.org."]),
        [OUTSIDE.to_string()]
    );
}

#[test]
fn a_network_alias_answers_with_the_tasks_on_that_network_only() {
    if !require_root("dns aliases") || !require_tool("dns aliases", "dig") {
        return;
    }
    let lab = Lab::cluster(3);
    for net in ["my-network", "other-net"] {
        lab.shoal(["network", "create", "-d", "overlay", net]).ok();
    }
    let sleep = ["sleep", "infinity"];
    create(
        &lab,
        &[
            &[
                "--name",
                "my-db",
                "--replicas",
                "2",
                "--network",
                "name=my-network,alias=store,alias=db.internal",
                "--network",
                "other-net",
            ],
            &sleep[..],
        ]
        .concat(),
    );
    create(
        &lab,
        &[
            &["--name", "my-client", "--network", "my-network"],
            &sleep[..],
        ]
        .concat(),
    );
    create(
        &lab,
        &[&["--name", "lonely", "--network", "other-net"], &sleep[..]].concat(),
    );
    task_of(&lab, "my-db", 2);
    let client = task_of(&lab, "my-client", 1);
    let lonely = task_of(&lab, "lonely", 1);

    // Inspect shows them as Docker does, on the network they were given for.
    let nets = lab
        .shoal([
            "service",
            "inspect",
            "--format",
            "{{json .Spec.TaskTemplate.Networks}}",
            "my-db",
        ])
        .ok();
    let nets: serde_json::Value = serde_json::from_str(nets.trim()).unwrap();
    let my_network = lab
        .shoal(["network", "inspect", "--format", "{{.Id}}", "my-network"])
        .ok();
    assert_eq!(nets[0]["Target"], my_network.trim(), "{nets}");
    assert_eq!(
        nets[0]["Aliases"],
        serde_json::json!(["store", "db.internal"])
    );
    assert!(nets[1].get("Aliases").is_none(), "{nets}");

    // Both aliases name the service on my-network, as in Docker: the VIP, and
    // tasks.ALIAS gives both tasks' addresses.
    let tasks = wait_until("tasks.my-db has 2", Duration::from_secs(10), || {
        let a = dig(&lab, &client, &["+short", "tasks.my-db"]);
        (a.len() == 2).then_some(a)
    });
    assert!(tasks.iter().all(|ip| ip.starts_with("10.")), "{tasks:?}");
    let vips: serde_json::Value = serde_json::from_str(
        lab.shoal([
            "service",
            "inspect",
            "--format",
            "{{json .Endpoint.VirtualIPs}}",
            "my-db",
        ])
        .ok()
        .trim(),
    )
    .unwrap();
    let vip = vips
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["NetworkID"] == my_network.trim())
        .map(|v| {
            v["Addr"]
                .as_str()
                .unwrap()
                .split('/')
                .next()
                .unwrap()
                .to_string()
        })
        .unwrap();
    for alias in ["store", "db.internal", "STORE."] {
        wait_until(&format!("{alias} in DNS"), Duration::from_secs(10), || {
            (dig(&lab, &client, &["+short", alias]) == [vip.clone()]).then_some(())
        });
        let t = format!("tasks.{alias}");
        wait_until(&format!("{t} in DNS"), Duration::from_secs(10), || {
            (dig(&lab, &client, &["+short", &t]) == tasks).then_some(())
        });
    }
    let hosts = lab
        .shoal(["exec", &client, "--", "getent", "hosts", "store"])
        .ok();
    assert!(hosts.starts_with(vip.as_str()), "{hosts}");

    // my-db is on other-net too, but without aliases there: NXDOMAIN for its tasks.
    for alias in ["store", "db.internal"] {
        let out = lab
            .shoal(["exec", &lonely, "--", "dig", "+time=3", "+tries=1", alias])
            .output()
            .stdout();
        assert!(out.contains("status: NXDOMAIN"), "{alias}: {out}");
    }
    assert_eq!(dig(&lab, &lonely, &["+short", "tasks.my-db"]).len(), 2);
}
