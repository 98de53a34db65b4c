//! The overlay data plane on the real kernel (root), on a 3-node lab: each task's
//! `eth0` in br0 of its network's sandbox, whose vxlan0 has the network's VNI; tasks on
//! the same network reach each other, tasks on another network do not; everything goes
//! with the last task.
#![allow(clippy::unwrap_used)]

mod common;

use std::{fs, time::Duration};

use common::{Lab, require_root, require_tool, wait_until};

/// Name, node and ID of the service's running tasks.
fn tasks(lab: &Lab, svc: &str, n: usize) -> Vec<(String, String, String)> {
    wait_until(&format!("{n} running"), Duration::from_secs(20), || {
        let out = lab
            .shoal([
                "service",
                "ps",
                "--no-trunc",
                "--filter",
                "desired-state=running",
                "--format",
                "{{.Name}}|{{.Node}}|{{.ID}}|{{.CurrentState}}",
                svc,
            ])
            .ok();
        let rows = common::rows(&out);
        (rows.len() == n && rows.iter().all(|r| r[3].starts_with("Running"))).then(|| {
            rows.into_iter()
                .map(|r| (r[0].clone(), r[1].clone(), r[2].clone()))
                .collect()
        })
    })
}

/// `service create --replicas N --name NAME --network NET BIN whoami`, all running.
fn whoami_on(
    lab: &Lab,
    name: &str,
    replicas: usize,
    network: &str,
) -> Vec<(String, String, String)> {
    let bin = common::bin().to_str().unwrap().to_string();
    let n = replicas.to_string();
    lab.shoal([
        "service",
        "create",
        "-d",
        "--replicas",
        &n,
        "--name",
        name,
        "--network",
        network,
        &bin,
        "whoami",
    ])
    .ok();
    tasks(lab, name, replicas)
}

/// The task's address on eth0, from inside it.
fn eth0(lab: &Lab, task: &str) -> String {
    let out = lab
        .shoal(["exec", task, "--", "ip", "-4", "-o", "addr", "show", "eth0"])
        .ok();
    out.split_whitespace()
        .nth(3)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_string()
}

fn netns_dir(lab: &Lab, node: &str) -> String {
    format!("/run/shoal/lab/{}/{node}/data/netns", lab.name)
}

fn entries(dir: &str) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn tasks_get_overlay_interfaces_and_reach_each_other_on_their_network_only() {
    if !require_root("overlay")
        || !require_tool("overlay", "nsenter")
        || !require_tool("overlay", "nc")
    {
        return;
    }
    let lab = Lab::cluster(3);
    lab.shoal([
        "network",
        "create",
        "-d",
        "overlay",
        "--subnet",
        "10.0.9.0/24",
        "my-network",
    ])
    .ok();
    let web = whoami_on(&lab, "my-web", 6, "my-network");

    // eth0: the task's address, Docker's MAC, MTU 1450.
    for (name, _, _) in &web {
        let ip = eth0(&lab, name);
        assert!(ip.starts_with("10.0.9."), "{name}: {ip}");
        let mac = lab
            .shoal(["exec", name, "--", "cat", "/sys/class/net/eth0/address"])
            .ok();
        let octets: Vec<String> = ip
            .split('.')
            .map(|o| format!("{:02x}", o.parse::<u8>().unwrap()))
            .collect();
        assert_eq!(mac.trim(), format!("02:42:{}", octets.join(":")));
        let mtu = lab
            .shoal(["exec", name, "--", "cat", "/sys/class/net/eth0/mtu"])
            .ok();
        assert_eq!(mtu.trim(), "1450");
    }

    // inspect: the peers, and with --verbose the endpoints, as Docker shows them.
    let peers = lab
        .shoal([
            "network",
            "inspect",
            "--format",
            "{{json .Peers}}",
            "my-network",
        ])
        .ok();
    for i in 1..=3 {
        assert!(
            peers.contains(&format!("{{\"Name\":\"node-{i}\",\"IP\":\"192.0.2.{i}\"}}")),
            "{peers}"
        );
    }
    let verbose = lab
        .shoal(["network", "inspect", "--verbose", "my-network"])
        .ok();
    let v: serde_json::Value = serde_json::from_str(&verbose).unwrap();
    let svc = &v[0]["Services"]["my-web"];
    assert!(svc["VIP"].as_str().unwrap().starts_with("10.0.9."), "{svc}");
    let endpoints = svc["Tasks"].as_array().unwrap();
    assert_eq!(endpoints.len(), 6, "{svc}");
    let first = &endpoints[0];
    assert_eq!(
        first["EndpointIP"].as_str().unwrap(),
        eth0(
            &lab,
            first["Name"].as_str().unwrap().rsplit_once('.').unwrap().0
        )
    );
    assert!(
        first["Info"]["Host IP"]
            .as_str()
            .unwrap()
            .starts_with("192.0.2.")
    );
    let plain = lab.shoal(["network", "inspect", "my-network"]).ok();
    assert!(!plain.contains("\"Services\""), "only with --verbose");

    // A way out: eth1 on the node's gateway bridge, masqueraded as the node.
    let route = lab
        .shoal(["exec", &web[0].0, "--", "ip", "route", "show", "default"])
        .ok();
    assert!(route.contains("via 172.18.0.1 dev eth1"), "{route}");
    let node_of = |n: &str| n.trim_start_matches("node-").to_string();
    let listener = {
        let mut cmd = lab
            .exec(
                "2",
                &["timeout", "10", "nc", "-l", "-n", "-v", "-p", "9999"],
            )
            .into_command();
        cmd.stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        cmd.spawn().unwrap()
    };
    let client = web.iter().find(|t| t.1 != "node-2").unwrap();
    wait_until("the egress connection", Duration::from_secs(8), || {
        lab.shoal([
            "exec",
            &client.0,
            "--",
            "sh",
            "-c",
            "echo hi | nc -N -w 1 192.0.2.2 9999",
        ])
        .output()
        .code()
        .filter(|c| *c == 0)
    });
    let out = listener.wait_with_output().unwrap();
    let seen = String::from_utf8_lossy(&out.stderr);
    assert!(
        seen.contains(&format!(
            "Connection received on 192.0.2.{} ",
            node_of(&client.1)
        )),
        "masqueraded as the client's node: {seen}"
    );
    let nft = lab.exec("1", &["nft", "list", "table", "ip", "shoal"]).ok();
    assert!(
        nft.contains("ip saddr 172.18.0.0/16 oifname != \"shoal_gwbridge\" masquerade"),
        "{nft}"
    );

    // Two tasks on node 1 talk over br0.
    let on1: Vec<&(String, String, String)> = web.iter().filter(|t| t.1 == "node-1").collect();
    assert_eq!(on1.len(), 2, "{web:?}");
    let target = eth0(&lab, &on1[1].0);
    let answer = lab
        .shoal([
            "exec",
            &on1[0].0,
            "--",
            "curl",
            "-s",
            "--max-time",
            "5",
            &format!("http://{target}/"),
        ])
        .ok();
    assert!(answer.contains(&format!("Task: {}", on1[1].0)), "{answer}");
    assert!(
        answer.contains(&format!("RemoteAddr: {}:", eth0(&lab, &on1[0].0))),
        "the source is the client's own overlay address: {answer}"
    );

    // The sandbox: br0 with the gateway, vxlan0 with VNI 4097 from the node's address.
    let dir = netns_dir(&lab, "node-1");
    let sandbox = entries(&dir)
        .into_iter()
        .find(|e| e.starts_with("ov-"))
        .unwrap();
    let ns = format!("--net={dir}/{sandbox}");
    let vx = common::run_tool("nsenter", &[&ns, "ip", "-d", "link", "show", "vxlan0"]);
    for want in [
        "vxlan id 4097",
        "local 192.0.2.1",
        "dstport 4789",
        "mtu 1450",
        "master br0",
        "nolearning",
        "proxy",
    ] {
        assert!(vx.contains(want), "{want:?} in {vx}");
    }
    let br = common::run_tool("nsenter", &[&ns, "ip", "-4", "-o", "addr", "show", "br0"]);
    assert!(br.contains("10.0.9.1/24"), "{br}");

    // A task on another network cannot reach my-network.
    lab.shoal([
        "network",
        "create",
        "-d",
        "overlay",
        "--subnet",
        "10.0.10.0/24",
        "other",
    ])
    .ok();
    lab.shoal([
        "service",
        "create",
        "-d",
        "--mode",
        "global",
        "--name",
        "outsider",
        "--network",
        "other",
        "sleep",
        "infinity",
    ])
    .ok();
    let outsiders = tasks(&lab, "outsider", 3);
    let outsider = outsiders.iter().find(|t| t.1 == "node-1").unwrap();
    assert!(eth0(&lab, &outsider.0).starts_with("10.0.10."));
    let run = lab
        .shoal([
            "exec",
            &outsider.0,
            "--",
            "curl",
            "-s",
            "--max-time",
            "2",
            &format!("http://{target}/"),
        ])
        .output();
    assert_ne!(
        run.code(),
        Some(0),
        "reached another network: {}",
        run.stdout()
    );

    // An agent restart rebuilds nothing: same links, same indexes.
    let before = common::run_tool("nsenter", &[&ns, "ip", "-o", "link"]);
    lab.shoal(["lab", "stop", "--kill", "--name", &lab.name, "1"])
        .ok();
    lab.shoal(["lab", "start", "--name", &lab.name, "1"]).ok();
    std::thread::sleep(Duration::from_secs(3));
    tasks(&lab, "my-web", 6);
    assert_eq!(
        common::run_tool("nsenter", &[&ns, "ip", "-o", "link"]),
        before
    );

    // The last task takes its network's sandbox, its namespace, the gateway bridge
    // and the nftables table with it.
    lab.shoal(["service", "rm", "my-web", "outsider"]).ok();
    for (i, node) in ["node-1", "node-2", "node-3"].iter().enumerate() {
        let dir = netns_dir(&lab, node);
        wait_until(
            &format!("{node}'s namespaces gone"),
            Duration::from_secs(20),
            || entries(&dir).is_empty().then_some(()),
        );
        let n = (i + 1).to_string();
        wait_until(
            &format!("{node}'s bridge gone"),
            Duration::from_secs(10),
            || {
                let links = lab.exec(&n, &["ip", "-o", "link"]).ok();
                let nft = lab.exec(&n, &["nft", "list", "tables"]).ok();
                (!links.contains("shoal_gwbridge")
                    && !links.contains(" sg")
                    && !nft.contains("shoal"))
                .then_some(())
            },
        );
    }
}

/// Everything the data plane holds on `node`, checked for duplicates and leftovers.
fn check_node_state(lab: &Lab, node: &str, tasks: usize) {
    let dir = netns_dir(lab, node);
    let names = entries(&dir);
    let task_ns = names.iter().filter(|n| n.starts_with("task-")).count();
    let sandboxes: Vec<&String> = names.iter().filter(|n| n.starts_with("ov-")).collect();
    assert_eq!((task_ns, sandboxes.len()), (tasks, 1), "{names:?}");
    let ns = format!("--net={dir}/{}", sandboxes[0]);
    let links = common::run_tool("nsenter", &[&ns, "ip", "-o", "link"]);
    let count = |f: &dyn Fn(&str) -> bool| links.lines().filter(|l| f(l)).count();
    assert_eq!(count(&|l| l.contains(": vxlan0")), 1, "{links}");
    assert_eq!(count(&|l| l.contains(": br0:")), 1, "{links}");
    assert_eq!(
        count(&|l| l.contains(": ve") && l.contains("master br0")),
        tasks,
        "{links}"
    );
    assert_eq!(
        count(&|l| l.contains(": ve")),
        tasks,
        "no unplugged veth: {links}"
    );
    let n = node.trim_start_matches("node-");
    let host = lab.exec(n, &["ip", "-o", "link"]).ok();
    assert!(
        !host.lines().any(|l| l.split(':').nth(1).is_some_and(|x| {
            x.trim()
                .strip_prefix("vx")
                .is_some_and(|v| v.parse::<u32>().is_ok())
        })),
        "no VXLAN device left in the host: {host}"
    );
    assert_eq!(
        host.lines()
            .filter(|l| l.contains(": sg") && l.contains("master shoal_gwbridge"))
            .count(),
        tasks,
        "{host}"
    );
}

#[test]
fn a_crash_in_the_middle_of_a_reconcile_duplicates_nothing() {
    if !require_root("overlay crash") || !require_tool("overlay crash", "nsenter") {
        return;
    }
    let lab = Lab::cluster(1);
    lab.shoal(["network", "create", "--subnet", "10.0.9.0/24", "my-network"])
        .ok();
    for (round, (replicas, delay)) in [(12, 150), (20, 60)].into_iter().enumerate() {
        let n = replicas.to_string();
        if round == 0 {
            lab.shoal([
                "service",
                "create",
                "-d",
                "--replicas",
                &n,
                "--name",
                "crash",
                "--network",
                "my-network",
                "sleep",
                "infinity",
            ])
            .ok();
        } else {
            lab.shoal(["service", "scale", "-d", &format!("crash={n}")])
                .ok();
        }
        std::thread::sleep(Duration::from_millis(delay));
        lab.shoal(["lab", "stop", "--kill", "--name", &lab.name, "1"])
            .ok();
        lab.shoal(["lab", "start", "--name", &lab.name, "1"]).ok();
        let running = tasks(&lab, "crash", replicas);
        check_node_state(&lab, "node-1", replicas);
        // One process per task: none started twice.
        for (_, _, id) in &running {
            let shims = std::process::Command::new("pgrep")
                .args([
                    "-f",
                    &format!(
                        "task-shim --dir /run/shoal/lab/{}/node-1/data/tasks/{id} ",
                        lab.name
                    ),
                ])
                .output()
                .unwrap();
            assert_eq!(
                String::from_utf8_lossy(&shims.stdout).lines().count(),
                1,
                "task {id}"
            );
        }
    }
}

#[test]
fn a_vni_taken_by_a_foreign_device_fails_the_task_clearly() {
    if !require_root("foreign vni") {
        return;
    }
    let lab = Lab::cluster(1);
    // Something else already uses VNI 4097 on node 1's VXLAN port.
    lab.exec(
        "1",
        &[
            "ip",
            "link",
            "add",
            "foreign",
            "type",
            "vxlan",
            "id",
            "4097",
            "dstport",
            "4789",
            "local",
            "192.0.2.1",
        ],
    )
    .ok();
    lab.shoal(["network", "create", "--subnet", "10.0.9.0/24", "my-network"])
        .ok();
    lab.shoal([
        "service",
        "create",
        "-d",
        "--name",
        "web",
        "--network",
        "my-network",
        "sleep",
        "infinity",
    ])
    .ok();
    let err = wait_until("the task's error", Duration::from_secs(15), || {
        let out = lab
            .shoal([
                "service",
                "ps",
                "--no-trunc",
                "--format",
                "{{.CurrentState}}|{{.Error}}",
                "web",
            ])
            .ok();
        common::rows(&out)
            .into_iter()
            .find(|r| r[0].starts_with("Failed"))
            .map(|r| r[1].clone())
    });
    assert!(err.contains("VNI 4097"), "{err}");
    assert!(err.contains("not shoal's"), "{err}");
    // The foreign device is untouched, and nothing of ours is left behind.
    let links = lab.exec("1", &["ip", "-d", "link", "show", "foreign"]).ok();
    assert!(links.contains("vxlan id 4097"), "{links}");
    let host = lab.exec("1", &["ip", "-o", "link"]).ok();
    assert!(!host.contains("vx4097"), "{host}");
}

/// `bridge fdb` destinations and `ip neigh` addresses on vxlan0 in `node`'s sandbox.
fn peers_on(lab: &Lab, node: &str) -> (Vec<String>, Vec<String>) {
    let dir = netns_dir(lab, node);
    let Some(sandbox) = entries(&dir).into_iter().find(|e| e.starts_with("ov-")) else {
        return (vec![], vec![]);
    };
    let ns = format!("--net={dir}/{sandbox}");
    let fdb = common::run_tool("nsenter", &[&ns, "bridge", "fdb", "show", "dev", "vxlan0"]);
    let neigh = common::run_tool("nsenter", &[&ns, "ip", "neigh", "show", "dev", "vxlan0"]);
    let mut dsts: Vec<String> = fdb
        .lines()
        .filter_map(|l| l.split_whitespace().skip_while(|w| *w != "dst").nth(1))
        .map(str::to_string)
        .collect();
    dsts.sort();
    let mut ips: Vec<String> = neigh
        .lines()
        .filter(|l| l.contains("PERMANENT"))
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_string)
        .collect();
    ips.sort();
    (dsts, ips)
}

#[test]
fn tasks_reach_each_other_across_nodes_and_peers_follow_gossip() {
    if !require_root("overlay across nodes") || !require_tool("overlay across nodes", "nsenter") {
        return;
    }
    let lab = Lab::cluster(3);
    lab.shoal(["network", "create", "-d", "overlay", "my-network"])
        .ok();
    let web = whoami_on(&lab, "my-web", 3, "my-network");
    let on = |node: &str| web.iter().find(|t| t.1 == node).unwrap().clone();
    let (t1, t3) = (on("node-1"), on("node-3"));
    let (ip1, ip3) = (eth0(&lab, &t1.0), eth0(&lab, &t3.0));

    // From the task on node 1 to the one on node 3, over VXLAN.
    let answer = wait_until("an answer across nodes", Duration::from_secs(10), || {
        let run = lab
            .shoal([
                "exec",
                &t1.0,
                "--",
                "curl",
                "-s",
                "--max-time",
                "2",
                &format!("http://{ip3}/"),
            ])
            .output();
        (run.code() == Some(0)).then(|| run.stdout())
    });
    assert!(answer.contains(&format!("Task: {}", t3.0)), "{answer}");
    assert!(answer.contains(&format!("RemoteAddr: {ip1}:")), "{answer}");

    // Node 1's sandbox knows the other two nodes' endpoints.
    let full = (vec!["192.0.2.2".to_string(), "192.0.2.3".to_string()], {
        let mut v = vec![eth0(&lab, &on("node-2").0), ip3.clone()];
        v.sort();
        v
    });
    wait_until("peers on node 1", Duration::from_secs(10), || {
        (peers_on(&lab, "node-1") == full).then_some(())
    });

    // Node 3's underlay goes down: nodes 1 and 2 drop its entries; back when it returns.
    let ns3 = format!("{}-3", lab.name);
    common::run_tool("ip", &["-n", &ns3, "link", "set", "eth0", "down"]);
    let cut = std::time::Instant::now();
    for node in ["node-1", "node-2"] {
        wait_until(
            &format!("{node} to drop node 3"),
            Duration::from_secs(10),
            || {
                let (fdb, neigh) = peers_on(&lab, node);
                (!fdb.contains(&"192.0.2.3".to_string()) && !neigh.contains(&ip3)).then_some(())
            },
        );
    }
    let dropped = cut.elapsed();
    common::run_tool("ip", &["-n", &ns3, "link", "set", "eth0", "up"]);
    let healed = std::time::Instant::now();
    wait_until("node 3 back on node 1", Duration::from_secs(10), || {
        (peers_on(&lab, "node-1") == full).then_some(())
    });
    eprintln!(
        "node 3's entries left nodes 1 and 2 {:?} after the cut, came back {:?} after the heal",
        dropped,
        healed.elapsed()
    );
    let answer = lab
        .shoal([
            "exec",
            &t1.0,
            "--",
            "curl",
            "-s",
            "--max-time",
            "5",
            &format!("http://{ip3}/"),
        ])
        .ok();
    assert!(answer.contains(&format!("Task: {}", t3.0)), "{answer}");

    // rm and network rm leave no namespace, link or table behind on any node.
    lab.shoal(["service", "rm", "my-web"]).ok();
    lab.shoal(["network", "rm", "my-network"]).ok();
    for (i, node) in ["node-1", "node-2", "node-3"].iter().enumerate() {
        let dir = netns_dir(&lab, node);
        wait_until(&format!("{node} clean"), Duration::from_secs(20), || {
            let n = (i + 1).to_string();
            let links = lab.exec(&n, &["ip", "-o", "link"]).ok();
            let nft = lab.exec(&n, &["nft", "list", "tables"]).ok();
            (entries(&dir).is_empty()
                && !links.contains("shoal_gwbridge")
                && !links.contains(": vx")
                && !nft.contains("shoal"))
            .then_some(())
        });
    }
}

#[test]
fn the_data_path_port_is_the_cluster_s_choice() {
    if !require_root("data path port") || !require_tool("data path port", "nsenter") {
        return;
    }
    let env = common::Env::new();
    env.shoal([
        "lab",
        "up",
        "--name",
        &common::unique_lab_name(),
        "--nodes",
        "1",
        "--data-path-port",
        "80",
    ])
    .output()
    .one_line_error("invalid data path port 80");
    let lab = Lab::start(2, &["--data-path-port", "7777"]);
    lab.shoal(["network", "create", "my-network"]).ok();
    let web = whoami_on(&lab, "web", 2, "my-network");
    let dir = netns_dir(&lab, "node-1");
    let sandbox = entries(&dir)
        .into_iter()
        .find(|e| e.starts_with("ov-"))
        .unwrap();
    let vx = common::run_tool(
        "nsenter",
        &[
            &format!("--net={dir}/{sandbox}"),
            "ip",
            "-d",
            "link",
            "show",
            "vxlan0",
        ],
    );
    assert!(vx.contains("dstport 7777"), "{vx}");
    let (a, b) = (&web[0], &web[1]);
    assert_ne!(a.1, b.1, "one task per node");
    let ip = eth0(&lab, &b.0);
    let answer = wait_until("an answer across nodes", Duration::from_secs(10), || {
        let run = lab
            .shoal([
                "exec",
                &a.0,
                "--",
                "curl",
                "-s",
                "--max-time",
                "2",
                &format!("http://{ip}/"),
            ])
            .output();
        (run.code() == Some(0)).then(|| run.stdout())
    });
    assert!(answer.contains(&format!("Task: {}", b.0)), "{answer}");
}
