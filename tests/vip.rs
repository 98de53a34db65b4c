//! The VIP load balancer on a 3-node lab (root), with curl and dig inside a client
//! task: 30 requests to `http://my-web/` spread evenly over the 3 tasks, which see
//! the client's own overlay address; a scale to 5 is followed by DNS and the
//! balancer, a scale back down drains without a failed request; when a node's underlay link is cut, its tasks leave DNS and the
//! balancer of the client and requests keep succeeding.
#![allow(clippy::unwrap_used)]

mod common;

use std::{
    collections::{BTreeMap, BTreeSet},
    time::{Duration, Instant},
};

use common::{Lab, require_root, require_tool, wait_until};

/// Name, node and ID of the service's running tasks, once there are `n`.
fn tasks(lab: &Lab, svc: &str, n: usize) -> Vec<(String, String, String)> {
    wait_until(
        &format!("{n} running {svc}"),
        Duration::from_secs(20),
        || {
            let rows = common::rows(
                &lab.shoal([
                    "service",
                    "ps",
                    "--no-trunc",
                    "--filter",
                    "desired-state=running",
                    "--format",
                    "{{.Name}}|{{.Node}}|{{.ID}}|{{.CurrentState}}",
                    svc,
                ])
                .ok(),
            );
            (rows.len() == n && rows.iter().all(|r| r[3].starts_with("Running"))).then(|| {
                rows.into_iter()
                    .map(|r| (r[0].clone(), r[1].clone(), r[2].clone()))
                    .collect()
            })
        },
    )
}

/// The task's address on eth0, from inside it.
fn eth0(lab: &Lab, task: &str) -> String {
    let out = lab
        .shoal(["exec", task, "--", "ip", "-4", "-o", "addr", "show", "eth0"])
        .ok();
    let cidr = out.split_whitespace().nth(3).unwrap().to_string();
    cidr.split('/').next().unwrap().to_string()
}

/// `dig +short NAME` inside `task`, sorted.
fn dig(lab: &Lab, task: &str, name: &str) -> Vec<String> {
    let out = lab
        .shoal([
            "exec", task, "--", "dig", "+short", "+time=2", "+tries=1", name,
        ])
        .output();
    let mut v: Vec<String> = out.stdout().lines().map(str::to_string).collect();
    v.sort();
    v
}

/// `n` GETs of http://my-web/ from `task`: (answering task, remote address) of each
/// that succeeded, and how many failed.
fn get(lab: &Lab, task: &str, n: usize) -> (Vec<(String, String)>, usize) {
    let script = format!(
        "for i in $(seq {n}); do curl -s --max-time 2 http://my-web/ || echo FAILED; echo; done"
    );
    let out = lab
        .shoal(["exec", task, "--", "sh", "-c", &script])
        .output();
    let text = out.stdout();
    let failed = text.matches("FAILED").count();
    let mut answers = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        if let Some(t) = line.strip_prefix("Task: ") {
            current = Some(t.trim().to_string());
        } else if let Some(r) = line.strip_prefix("RemoteAddr: ")
            && let Some(t) = current.take()
        {
            answers.push((t, r.trim().to_string()));
        }
    }
    (answers, failed)
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
    v[0]["Addr"]
        .as_str()
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_string()
}

#[test]
fn the_vip_spreads_keeps_the_client_address_follows_scale_and_node_loss() {
    let t = "vip";
    if !require_root(t) || !require_tool(t, "curl") || !require_tool(t, "dig") {
        return;
    }
    let lab = Lab::cluster(3);
    let bin = common::bin().to_str().unwrap().to_string();
    lab.shoal(["network", "create", "-d", "overlay", "my-network"])
        .ok();
    lab.shoal([
        "service",
        "create",
        "-d",
        "--replicas",
        "3",
        "--name",
        "my-web",
        "--network",
        "my-network",
        &bin,
        "whoami",
    ])
    .ok();
    lab.shoal([
        "service",
        "create",
        "-d",
        "--name",
        "my-client",
        "--network",
        "my-network",
        "sleep",
        "infinity",
    ])
    .ok();
    let web = tasks(&lab, "my-web", 3);
    let client = tasks(&lab, "my-client", 1).remove(0);
    let me = eth0(&lab, &client.0);
    let vip = vip(&lab, "my-web");
    wait_until("my-web's VIP in DNS", Duration::from_secs(10), || {
        (dig(&lab, &client.0, "my-web") == [vip.clone()]
            && dig(&lab, &client.0, "tasks.my-web").len() == 3)
            .then_some(())
    });

    // 30 requests: evenly over the 3 tasks, each seeing the client's own address.
    let (answers, failed) = wait_until(
        "30 answers through the VIP",
        Duration::from_secs(10),
        || {
            let (a, f) = get(&lab, &client.0, 30);
            (f == 0 && a.len() == 30).then_some((a, f))
        },
    );
    assert_eq!(failed, 0);
    let mut per_task: BTreeMap<String, usize> = BTreeMap::new();
    for (task, remote) in &answers {
        *per_task.entry(task.clone()).or_default() += 1;
        assert!(
            remote.starts_with(&format!("{me}:")),
            "no SNAT: the backend sees the client {me}, not {remote}"
        );
    }
    let names: BTreeSet<String> = web.iter().map(|w| w.0.clone()).collect();
    assert_eq!(
        per_task.keys().cloned().collect::<BTreeSet<_>>(),
        names,
        "{per_task:?}"
    );
    assert!(
        per_task.values().all(|n| *n >= 8),
        "roughly even: {per_task:?}"
    );
    eprintln!("30 requests through VIP {vip}: {per_task:?}");

    // Scale to 5: DNS and the balancer follow.
    let scaled = Instant::now();
    lab.shoal(["service", "scale", "my-web=5"]).ok();
    let after_cmd = scaled.elapsed();
    wait_until(
        "5 addresses for tasks.my-web",
        Duration::from_secs(10),
        || (dig(&lab, &client.0, "tasks.my-web").len() == 5).then_some(()),
    );
    let in_dns = scaled.elapsed();
    tasks(&lab, "my-web", 5);
    wait_until("the VIP spreading over 5", Duration::from_secs(10), || {
        let (a, _) = get(&lab, &client.0, 10);
        (a.iter().map(|x| &x.0).collect::<BTreeSet<_>>().len() == 5).then_some(())
    });
    eprintln!(
        "scale to 5: command returned after {after_cmd:?}, tasks.my-web had 5 after {in_dns:?}, the VIP spread over 5 after {:?}",
        scaled.elapsed()
    );

    // Scale down while the client keeps asking: the stopping tasks leave the
    // balancers before they stop (the drain), so no request fails.
    let asking = {
        let script = "for i in $(seq 60); do curl -sS --max-time 2 http://my-web/ >/dev/null 2>/tmp/vip-curl.err || { echo FAILED; cat /tmp/vip-curl.err; }; sleep 0.03; done";
        let cmd = lab.shoal(["exec", &client.0, "--", "sh", "-c", script]);
        std::thread::spawn(move || cmd.output().stdout())
    };
    std::thread::sleep(Duration::from_millis(300));
    lab.shoal(["service", "scale", "my-web=3"]).ok();
    let out = asking.join().unwrap();
    assert_eq!(
        out.matches("FAILED").count(),
        0,
        "requests failed while scaling down: {out}"
    );
    let web = tasks(&lab, "my-web", 3);

    // Cut a node that runs my-web but neither the client nor the manager (node-1).
    let victim = ["node-2", "node-3"]
        .into_iter()
        .find(|n| *n != client.1 && web.iter().any(|w| w.1 == *n))
        .unwrap();
    let gone: BTreeSet<String> = web
        .iter()
        .filter(|w| w.1 == victim)
        .map(|w| eth0(&lab, &w.0))
        .collect();
    let n = victim.trim_start_matches("node-");
    let ns = format!("{}-{n}", lab.name);
    common::run_tool("ip", &["-n", &ns, "link", "set", "eth0", "down"]);
    let cut = Instant::now();
    wait_until(
        &format!("{victim}'s tasks {gone:?} to leave DNS"),
        Duration::from_secs(10),
        || {
            let now = dig(&lab, &client.0, "tasks.my-web");
            (!now.is_empty() && now.iter().all(|ip| !gone.contains(ip))).then_some(())
        },
    );
    let left_dns = cut.elapsed();
    let lb = wait_until(
        "the client's balancer to drop them",
        Duration::from_secs(10),
        || {
            let out = lab
                .shoal(["exec", &client.0, "--", "nft", "list", "ruleset"])
                .ok();
            gone.iter()
                .all(|ip| !out.contains(&format!(": {ip}")))
                .then_some(out)
        },
    );
    let left_lb = cut.elapsed();
    assert!(lb.contains(&vip), "{lb}");
    let (answers, failed) = get(&lab, &client.0, 20);
    assert_eq!(failed, 0, "requests keep succeeding: {answers:?}");
    assert_eq!(answers.len(), 20);
    eprintln!(
        "cut {victim}: its tasks left DNS after {left_dns:?} and the balancer after {left_lb:?}; 20 of 20 requests answered"
    );
    common::run_tool("ip", &["-n", &ns, "link", "set", "eth0", "up"]);
}
