//! Networks and services on a lab cluster (root): the seed's walkthrough, IPAM, the
//! orchestrator and scheduler, the dispatcher's honest task states, and bad input.
#![allow(clippy::unwrap_used)]

mod common;

use std::{collections::BTreeSet, time::Duration};

use common::{Lab, require_root, wait_until};

/// `service ps` rows as (name, node, desired, current state word, error).
fn ps(lab: &Lab, svc: &str) -> Vec<Vec<String>> {
    let fmt = "{{.Name}}|{{.Node}}|{{.DesiredState}}|{{.CurrentState}}|{{.Error}}";
    lab.ps(svc, fmt)
        .into_iter()
        .map(|mut r| {
            r[3] = r[3]
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_string();
            r
        })
        .collect()
}

fn wait_running(lab: &Lab, svc: &str, n: usize) -> Vec<Vec<String>> {
    wait_until(
        &format!("{n} running tasks of {svc}"),
        Duration::from_secs(20),
        || {
            let rows: Vec<Vec<String>> = ps(lab, svc)
                .into_iter()
                .filter(|r| r[2] == "Running")
                .collect();
            (rows.len() == n && rows.iter().all(|r| r[3] == "Running")).then_some(rows)
        },
    )
}

#[test]
fn the_seed_walkthrough_works_and_survives_a_manager_crash() {
    if !require_root("seed walkthrough") {
        return;
    }
    let lab = Lab::cluster(3);
    let id = lab
        .shoal([
            "network",
            "create",
            "--driver",
            "overlay",
            "--subnet",
            "10.0.9.0/24",
            "my-network",
        ])
        .ok();
    assert_eq!(id.trim().len(), 25);
    let ls = lab.shoal(["network", "ls"]).ok();
    assert!(
        ls.starts_with("NETWORK ID     NAME         DRIVER    SCOPE\n"),
        "{ls}"
    );
    assert!(ls.contains("my-network   overlay   swarm"), "{ls}");

    let net: serde_json::Value =
        serde_json::from_str(&lab.shoal(["network", "inspect", "my-network"]).ok()).unwrap();
    let net = &net[0];
    for field in [
        "Name",
        "Id",
        "Created",
        "Scope",
        "Driver",
        "EnableIPv6",
        "IPAM",
        "Internal",
        "Attachable",
        "Containers",
        "Options",
        "Labels",
        "Peers",
    ] {
        assert!(net.get(field).is_some(), "network inspect lacks {field}");
    }
    assert_eq!(net["IPAM"]["Config"][0]["Subnet"], "10.0.9.0/24");
    assert_eq!(net["IPAM"]["Config"][0]["Gateway"], "10.0.9.1");
    assert_eq!(
        net["Options"]["com.docker.network.driver.overlay.vxlanid_list"],
        "4097"
    );

    lab.shoal([
        "service",
        "create",
        "--replicas",
        "3",
        "--name",
        "my-web",
        "--network",
        "my-network",
        "sleep",
        "infinity",
    ])
    .ok();
    let rows = wait_running(&lab, "my-web", 3);
    let names: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(names, ["my-web.1", "my-web.2", "my-web.3"]);
    let nodes: BTreeSet<&str> = rows.iter().map(|r| r[1].as_str()).collect();
    assert_eq!(nodes.len(), 3, "three tasks on three nodes: {rows:?}");

    let vips = lab
        .shoal([
            "service",
            "inspect",
            "--format",
            "{{json .Endpoint.VirtualIPs}}",
            "my-web",
        ])
        .ok();
    let vips: serde_json::Value = serde_json::from_str(&vips).unwrap();
    let addr = vips[0]["Addr"].as_str().unwrap();
    assert!(
        addr.starts_with("10.0.9.") && addr.ends_with("/24"),
        "{addr}"
    );
    assert_eq!(vips[0]["NetworkID"], net["Id"]);
    let raw = lab
        .shoal([
            "service",
            "inspect",
            "--format",
            "{{json .Endpoint.VirtualIPs}}",
            "my-web",
        ])
        .ok();
    assert!(
        raw.starts_with("[{\"NetworkID\":"),
        "Docker's field order: {raw}"
    );

    let ls = lab.shoal(["service", "ls"]).ok();
    assert!(
        ls.starts_with("ID             NAME     MODE         REPLICAS   IMAGE            PORTS"),
        "{ls}"
    );
    assert!(
        ls.contains("my-web   replicated   3/3        sleep infinity"),
        "{ls}"
    );

    // Without --subnet: a free /24 of 10.0.0.0/8 that overlaps nothing.
    lab.shoal(["network", "create", "auto"]).ok();
    let sub = lab.shoal(["network", "inspect", "--format", "{{(index .IPAM.Config 0).Subnet}} {{index .Options \"com.docker.network.driver.overlay.vxlanid_list\"}}", "auto"]).ok();
    assert_eq!(sub.trim(), "10.0.0.0/24 4098");

    let before = (
        lab.shoal(["network", "ls", "--no-trunc"]).ok(),
        lab.shoal(["service", "ps", "-q", "my-web"]).ok(),
        vips.to_string(),
    );
    lab.shoal(["lab", "stop", "--kill", "--name", &lab.name, "1"])
        .ok();
    lab.shoal(["lab", "start", "--name", &lab.name, "1"]).ok();
    let after = wait_until("the manager back", Duration::from_secs(20), || {
        let n = lab.shoal(["network", "ls", "--no-trunc"]).output();
        let p = lab.shoal(["service", "ps", "-q", "my-web"]).output();
        let v = lab
            .shoal([
                "service",
                "inspect",
                "--format",
                "{{json .Endpoint.VirtualIPs}}",
                "my-web",
            ])
            .output();
        (n.code() == Some(0) && p.code() == Some(0)).then(|| {
            let v: serde_json::Value = serde_json::from_str(&v.stdout()).unwrap();
            (n.stdout(), p.stdout(), v.to_string())
        })
    });
    assert_eq!(after, before, "state changed across kill -9 of the manager");
}

#[test]
fn scale_update_drain_and_remove() {
    if !require_root("service lifecycle") {
        return;
    }
    let lab = Lab::cluster(3);
    lab.shoal(["network", "create", "net1"]).ok();
    lab.shoal([
        "service",
        "create",
        "--name",
        "web",
        "--replicas",
        "3",
        "--network",
        "net1",
        "-e",
        "A=1",
        "sleep",
        "600",
    ])
    .ok();
    wait_running(&lab, "web", 3);

    lab.shoal(["service", "scale", "web=1"]).ok();
    let rows = wait_until("scale down", Duration::from_secs(20), || {
        let rows = ps(&lab, "web");
        let shut = rows
            .iter()
            .filter(|r| r[2] == "Shutdown" && r[3] == "Shutdown")
            .count();
        (shut == 2).then_some(rows)
    });
    assert_eq!(
        rows.iter().filter(|r| r[2] == "Running").count(),
        1,
        "{rows:?}"
    );
    let running = lab
        .shoal([
            "service",
            "ps",
            "-q",
            "--filter",
            "desired-state=running",
            "web",
        ])
        .ok();
    assert_eq!(running.lines().count(), 1);

    lab.shoal([
        "service",
        "update",
        "--replicas",
        "3",
        "--env-add",
        "B=2",
        "web",
    ])
    .ok();
    let env = lab
        .shoal([
            "service",
            "inspect",
            "--format",
            "{{json .Spec.TaskTemplate.ContainerSpec.Env}}",
            "web",
        ])
        .ok();
    assert_eq!(env.trim(), r#"["A=1","B=2"]"#);
    wait_running(&lab, "web", 3);
    let history = ps(&lab, "web")
        .into_iter()
        .filter(|r| r[0].starts_with(" \\_ "))
        .count();
    assert!(history >= 1, "replaced tasks stay as history");

    lab.shoal(["node", "update", "--availability", "drain", "node-2"])
        .ok();
    let rows = wait_until("tasks off node-2", Duration::from_secs(20), || {
        let rows: Vec<Vec<String>> = ps(&lab, "web")
            .into_iter()
            .filter(|r| r[2] == "Running")
            .collect();
        (rows.len() == 3 && rows.iter().all(|r| r[1] != "node-2" && r[3] == "Running"))
            .then_some(rows)
    });
    assert_eq!(rows.len(), 3);

    lab.shoal(["network", "rm", "net1"])
        .output()
        .one_line_error("in use by service web");
    lab.shoal(["service", "rm", "web"]).ok();
    assert_eq!(lab.shoal(["service", "ls", "-q"]).ok(), "");
    lab.shoal(["network", "rm", "net1"]).ok();
    assert_eq!(lab.shoal(["network", "ls", "-q"]).ok(), "");
}

#[test]
fn global_mode_and_exhausted_subnets() {
    if !require_root("global and exhaustion") {
        return;
    }
    let lab = Lab::cluster(3);
    lab.shoal([
        "service", "create", "--name", "agent", "--mode", "global", "sleep", "600",
    ])
    .ok();
    let rows = wait_running(&lab, "agent", 3);
    let nodes: BTreeSet<&str> = rows.iter().map(|r| r[1].as_str()).collect();
    assert_eq!(nodes.len(), 3);

    // A /29 has 6 addresses: the gateway, the VIP, and 4 for tasks.
    lab.shoal(["network", "create", "--subnet", "10.0.50.0/29", "tiny"])
        .ok();
    lab.shoal([
        "service",
        "create",
        "--name",
        "big",
        "--replicas",
        "6",
        "--network",
        "tiny",
        "sleep",
        "600",
    ])
    .ok();
    let rows = wait_until("4 running, 2 pending", Duration::from_secs(20), || {
        let rows = ps(&lab, "big");
        let pending: Vec<&Vec<String>> = rows.iter().filter(|r| r[3] == "Pending").collect();
        let accepted = rows.iter().filter(|r| r[3] == "Running").count();
        (accepted == 4 && pending.len() == 2).then_some(rows)
    });
    assert!(
        rows.iter()
            .filter(|r| r[3] == "Pending")
            .all(|r| r[4].contains("no IP address left in network tiny")),
        "{rows:?}"
    );
    let table = lab.shoal(["service", "ps", "big"]).ok();
    assert!(
        table.contains("\"no IP address left"),
        "ERROR column: {table}"
    );
    let usage = lab
        .shoal([
            "network",
            "inspect",
            "--format",
            "{{.Addresses.Used}}/{{.Addresses.Free}} {{len .Containers}} {{len .Peers}}",
            "tiny",
        ])
        .ok();
    assert_eq!(usage.trim(), "6/0 4 3");

    // A VIP that does not fit is an error on the service, not only in a log.
    lab.shoal([
        "service",
        "create",
        "--name",
        "late",
        "--network",
        "tiny",
        "sleep",
        "1",
    ])
    .ok();
    let err = lab
        .shoal(["service", "inspect", "--format", "{{.Error}}", "late"])
        .ok();
    assert!(err.contains("cannot allocate a virtual IP"), "{err}");
    // Freed addresses go to what waited: the late service gets its VIP.
    lab.shoal(["service", "rm", "big"]).ok();
    wait_until("the late VIP", Duration::from_secs(10), || {
        let fmt = "{{.Error}}|{{len .Endpoint.VirtualIPs}}";
        let vip = lab
            .shoal(["service", "inspect", "--format", fmt, "late"])
            .ok();
        (vip.trim() == "|1").then_some(())
    });
}

#[test]
fn bad_input_is_one_line_and_creates_nothing() {
    if !require_root("service bad input") {
        return;
    }
    let lab = Lab::cluster(1);
    lab.shoal(["network", "create", "--subnet", "10.0.9.0/24", "my-network"])
        .ok();
    lab.shoal(["service", "create", "--name", "ok", "sleep", "1"])
        .ok();
    let (nets, svcs) = (
        lab.shoal(["network", "ls", "-q"]).ok(),
        lab.shoal(["service", "ls", "-q"]).ok(),
    );
    let long = "x".repeat(65);
    let mut cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["network", "create", ""], "invalid network name"),
        (
            vec!["network", "create", "bad name"],
            "invalid network name",
        ),
        (
            vec!["network", "create", &long, "--label", "a=b"],
            "invalid network name",
        ),
        (vec!["network", "create", "my-network"], "already exists"),
        (
            vec!["network", "create", "--subnet", "10.0.9.300/24", "n2"],
            "invalid subnet",
        ),
        (
            vec!["network", "create", "--subnet", "10.0.9.128/25", "n2"],
            "overlaps network my-network",
        ),
        (
            vec!["network", "create", "--subnet", "192.0.2.0/24", "n2"],
            "overlaps a route of node node-1",
        ),
        (
            vec![
                "network",
                "create",
                "--subnet",
                "10.7.0.0/24",
                "--gateway",
                "10.8.0.1",
                "n2",
            ],
            "outside the subnet",
        ),
        (
            vec!["network", "create", "--subnet", "10.7.0.0/30", "n2"],
            "too small",
        ),
        (
            vec!["network", "create", "--opt", "encrypted", "n2"],
            "encrypted",
        ),
        (
            vec!["network", "create", "--label", "=x", "n2"],
            "invalid --label",
        ),
        (
            vec!["service", "create", "--name", "", "sleep", "1"],
            "invalid service name",
        ),
        (
            vec!["service", "create", "--name", "under_score", "sleep", "1"],
            "invalid service name",
        ),
        (
            vec!["service", "create", "--name", &long, "sleep", "1"],
            "invalid service name",
        ),
        (
            vec!["service", "create", "--name", "ok", "sleep", "1"],
            "already exists",
        ),
        (
            vec![
                "service",
                "create",
                "--name",
                "s",
                "--replicas",
                "-1",
                "sleep",
                "1",
            ],
            "--replicas",
        ),
        (
            vec![
                "service",
                "create",
                "--name",
                "s",
                "--replicas",
                "100000",
                "sleep",
                "1",
            ],
            "invalid replicas 100000",
        ),
        (
            vec![
                "service",
                "create",
                "--name",
                "s",
                "--mode",
                "global",
                "--replicas",
                "2",
                "sleep",
                "1",
            ],
            "--mode global",
        ),
        (
            vec![
                "service",
                "create",
                "--name",
                "s",
                "--network",
                "nosuch",
                "sleep",
                "1",
            ],
            "network nosuch not found",
        ),
        (
            vec![
                "service",
                "create",
                "--name",
                "s",
                "--endpoint-mode",
                "round",
                "sleep",
                "1",
            ],
            "--endpoint-mode",
        ),
        (
            vec![
                "service", "create", "--name", "s", "-e", "NOEQUALS", "sleep", "1",
            ],
            "KEY=VALUE",
        ),
        (
            vec![
                "service",
                "create",
                "--name",
                "s",
                "--network",
                "name=nosuch,alias=web",
                "sleep",
                "1",
            ],
            "network nosuch not found",
        ),
    ];
    let alias_cases = [
        ("name=my-network,foo=bar", "unknown key \"foo\""),
        ("name=my-network,alias=", "empty alias"),
        ("name=my-network,alias=a b", "invalid alias \"a b\""),
        ("alias=web", "name= is missing"),
        (
            "name=my-network,driver-opt=a=b",
            "driver-opt is not supported",
        ),
    ];
    for (value, expect) in alias_cases {
        cases.push((
            vec![
                "service",
                "create",
                "--name",
                "s",
                "--network",
                value,
                "sleep",
                "1",
            ],
            expect,
        ));
    }
    cases.extend([
        (vec!["service", "create", "--name", "s"], "COMMAND"),
        (vec!["service", "create", "--name", "s", ""], "COMMAND"),
        (vec!["service", "scale", "ok"], "SERVICE=REPLICAS"),
        (
            vec!["service", "scale", "nosuch=2"],
            "service nosuch not found",
        ),
        (vec!["service", "ls", "--format", "{{.Nope}}"], "Nope"),
        (vec!["network", "rm", "nosuch"], "network nosuch not found"),
    ]);
    for (args, expect) in cases {
        lab.shoal(&args).output().one_line_error(expect);
    }
    assert_eq!(
        lab.shoal(["network", "ls", "-q"]).ok(),
        nets,
        "a refused command created a network"
    );
    assert_eq!(
        lab.shoal(["service", "ls", "-q"]).ok(),
        svcs,
        "a refused command created a service"
    );
}

#[test]
fn dynamic_completion_offers_names_from_the_cluster() {
    if !require_root("dynamic completion") {
        return;
    }
    let lab = Lab::cluster(2);
    lab.shoal(["network", "create", "my-network"]).ok();
    lab.shoal([
        "service",
        "create",
        "-d",
        "--name",
        "my-web",
        "--network",
        "my-network",
        "sleep",
        "1",
    ])
    .ok();
    let complete = |line: &[&str]| {
        let mut args = vec!["--", "shoal"];
        args.extend_from_slice(line);
        lab.shoal(args).env("COMPLETE", "fish").ok()
    };
    assert!(
        complete(&["network", "inspect", ""])
            .lines()
            .any(|l| l == "my-network")
    );
    assert!(
        complete(&["service", "create", "--network", ""])
            .lines()
            .any(|l| l == "my-network")
    );
    assert!(
        complete(&["service", "rm", "my"])
            .lines()
            .any(|l| l == "my-web")
    );
    let nodes = complete(&["node", "inspect", "node"]);
    assert!(
        nodes.lines().any(|l| l == "node-1") && nodes.lines().any(|l| l == "node-2"),
        "{nodes}"
    );
    assert!(
        complete(&["service", "ps", "--filter", ""])
            .lines()
            .any(|l| l == "name=my-web.1")
    );
}

#[test]
fn progress_shows_on_a_terminal_and_not_when_piped() {
    if !require_root("progress") || !common::require_tool("progress", "tmux") {
        return;
    }
    let lab = Lab::cluster(3);
    // Piped: the ID and nothing else, at once.
    let out = lab
        .shoal([
            "service",
            "create",
            "--replicas",
            "2",
            "--name",
            "quiet",
            "sleep",
            "600",
        ])
        .output()
        .success();
    assert_eq!(out.stdout().trim().len(), 25);
    assert_eq!(out.stderr(), "");

    let session = format!("shoal-{}", lab.name);
    let cmd = format!(
        "XDG_CONFIG_HOME={} {} service create --replicas 3 --name loud sleep 600; sleep 60",
        lab.env.dir.path().display(),
        common::bin().display()
    );
    let tmux = |args: &[&str]| {
        std::process::Command::new("tmux")
            .args(args)
            .output()
            .unwrap()
    };
    let started = tmux(&[
        "new-session",
        "-d",
        "-s",
        &session,
        "-x",
        "120",
        "-y",
        "20",
        &cmd,
    ]);
    assert!(started.status.success());
    let screen = || {
        String::from_utf8_lossy(&tmux(&["capture-pane", "-p", "-t", &session]).stdout).into_owned()
    };
    let shown = wait_until("convergence", Duration::from_secs(20), || {
        let s = screen();
        s.contains("verify: Service loud converged").then_some(s)
    });
    assert!(
        shown.contains("overall progress: 3 out of 3 tasks"),
        "{shown}"
    );
    assert!(shown.contains("3/3: running"), "{shown}");
    tmux(&["kill-session", "-t", &session]);
    let tasks = lab.shoal(["service", "ps", "-q", "loud"]).ok();
    assert_eq!(tasks.lines().count(), 3);
}
