//! The cluster on a lab (root): a manager and workers formed through the real API,
//! `node ls`/`inspect`/`update`/`rm`, heartbeats (down and back), a manager killed with
//! SIGKILL that comes back with its state, join errors, and the TLS port refusing
//! strangers. Clients are the shoal CLI and curl.
#![allow(clippy::unwrap_used)]

mod common;

use std::time::Duration;

use common::{Lab, require_root, require_tool, wait_until};

fn node_ls(lab: &Lab) -> Vec<Vec<String>> {
    let out = lab
        .shoal([
            "node",
            "ls",
            "--format",
            "{{.Hostname}}|{{.Status}}|{{.ManagerStatus}}|{{.ID}}|{{.Availability}}",
        ])
        .ok();
    common::rows(&out)
}

fn status_of(lab: &Lab, host: &str) -> Option<String> {
    node_ls(lab)
        .into_iter()
        .find(|r| r[0] == host)
        .map(|r| r[1].clone())
}

#[test]
fn lab_forms_a_cluster_that_node_ls_shows() {
    if !require_root("cluster forms") {
        return;
    }
    let lab = Lab::cluster(3);
    let table = lab.shoal(["node", "ls"]).ok();
    let lines: Vec<&str> = table.lines().collect();
    assert!(
        lines[0].starts_with("ID") && lines[0].contains("MANAGER STATUS"),
        "{table}"
    );
    assert_eq!(lines.len(), 4, "{table}");
    let rows = node_ls(&lab);
    let hosts: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(hosts, ["node-1", "node-2", "node-3"]);
    assert!(rows.iter().all(|r| r[1] == "Ready"), "{rows:?}");
    assert_eq!(rows[0][2], "Leader");
    assert!(
        lines[1].contains(" * "),
        "the current node is marked: {table}"
    );

    let json: serde_json::Value =
        serde_json::from_str(&lab.shoal(["node", "inspect", "node-2"]).ok()).unwrap();
    assert_eq!(json[0]["Description"]["Hostname"], "node-2");
    assert_eq!(json[0]["Spec"]["Role"], "worker");
    assert_eq!(json[0]["Status"]["Addr"], "192.0.2.2");
    let leader = lab
        .shoal([
            "node",
            "inspect",
            "--format",
            "{{.ManagerStatus.Leader}} {{.ManagerStatus.Addr}}",
            "node-1",
        ])
        .ok();
    assert_eq!(leader.trim(), "true 192.0.2.1:2377");

    lab.shoal(["node", "update", "--availability", "drain", "node-3"])
        .ok();
    assert_eq!(node_ls(&lab)[2][4], "Drain");

    let status = lab
        .shoal([
            "lab",
            "status",
            "--name",
            &lab.name,
            "--format",
            "{{.Node}} {{.Agent}}",
        ])
        .ok();
    assert_eq!(
        status,
        "node-1 manager (leader)\nnode-2 worker\nnode-3 worker\n"
    );
    // The lab's context is current in this config home.
    assert_eq!(
        lab.shoal(["context", "show"]).ok().trim(),
        format!("lab-{}", lab.name)
    );
}

#[test]
fn a_silent_node_goes_down_and_comes_back() {
    if !require_root("node down") {
        return;
    }
    let lab = Lab::cluster(3);
    lab.shoal(["lab", "stop", "--name", &lab.name, "3"]).ok();
    wait_until("node-3 down", Duration::from_secs(20), || {
        (status_of(&lab, "node-3").as_deref() == Some("Down")).then_some(())
    });
    assert_eq!(status_of(&lab, "node-2").as_deref(), Some("Ready"));
    let msg = lab
        .shoal([
            "node",
            "inspect",
            "--format",
            "{{.Status.Message}}",
            "node-3",
        ])
        .ok();
    assert_eq!(msg.trim(), "heartbeat failure");
    lab.shoal(["lab", "start", "--name", &lab.name, "3"]).ok();
    wait_until("node-3 ready again", Duration::from_secs(15), || {
        (status_of(&lab, "node-3").as_deref() == Some("Ready")).then_some(())
    });
}

#[test]
fn a_killed_manager_comes_back_with_its_state() {
    if !require_root("manager kill -9") {
        return;
    }
    let lab = Lab::cluster(3);
    lab.shoal(["node", "update", "--availability", "pause", "node-2"])
        .ok();
    let token = lab.shoal(["cluster", "join-token", "-q", "worker"]).ok();
    let before = node_ls(&lab);
    lab.shoal(["lab", "stop", "--kill", "--name", &lab.name, "1"])
        .ok();
    lab.shoal(["node", "ls"]).output().failure();
    lab.shoal(["lab", "start", "--name", &lab.name, "1"]).ok();
    let after = wait_until("the manager to lead again", Duration::from_secs(20), || {
        let out = lab
            .shoal([
                "node",
                "ls",
                "--format",
                "{{.Hostname}}|{{.Status}}|{{.ManagerStatus}}|{{.ID}}|{{.Availability}}",
            ])
            .output();
        let rows = common::rows(&out.stdout());
        (rows.len() == 3
            && rows[0].get(2).map(String::as_str) == Some("Leader")
            && rows.iter().all(|r| r[1] == "Ready"))
        .then_some(rows)
    });
    assert_eq!(after, before, "node ls changed across kill -9");
    assert_eq!(
        lab.shoal(["cluster", "join-token", "-q", "worker"]).ok(),
        token
    );
}

#[test]
fn join_refuses_bad_tokens_and_unreachable_managers() {
    if !require_root("join errors") {
        return;
    }
    let lab = Lab::cluster(2);
    let node2 = format!("unix:///run/shoal/lab/{}/node-2/shoal.sock", lab.name);
    let on2 = |args: &[&str]| lab.shoal(["-H", node2.as_str()]).args(args);
    on2(&["cluster", "init"])
        .output()
        .one_line_error("already part of a cluster");
    on2(&["cluster", "leave"]).ok();
    let token = lab
        .shoal(["cluster", "join-token", "-q", "worker"])
        .ok()
        .trim()
        .to_string();
    let (digest, secret) = {
        let parts: Vec<&str> = token.split('-').collect();
        (parts[2].to_string(), parts[3].to_string())
    };
    on2(&["cluster", "join", "--token", "SHTKN-1-nope", "192.0.2.1"])
        .output()
        .one_line_error("invalid join token");
    let wrong_secret = format!("SHTKN-1-{digest}-{}", "a".repeat(25));
    on2(&["cluster", "join", "--token", &wrong_secret, "192.0.2.1"])
        .output()
        .one_line_error("secret is not valid");
    let wrong_ca = format!("SHTKN-1-{}-{secret}", "0".repeat(64));
    on2(&["cluster", "join", "--token", &wrong_ca, "192.0.2.1"])
        .output()
        .one_line_error("does not match the token's digest");
    // An address inside the lab's underlay where no host answers.
    on2(&["cluster", "join", "--token", &token, "192.0.2.200:2377"])
        .output()
        .one_line_error("192.0.2.200:2377");
    // A rotated token stops working at once.
    lab.shoal(["cluster", "join-token", "--rotate", "worker"])
        .ok();
    on2(&["cluster", "join", "--token", &token, "192.0.2.1"])
        .output()
        .one_line_error("secret is not valid");
    let fresh = lab
        .shoal(["cluster", "join-token", "-q", "worker"])
        .ok()
        .trim()
        .to_string();
    on2(&["cluster", "join", "--token", &fresh, "192.0.2.1"]).ok();
    let info = on2(&["node", "ls"])
        .output()
        .one_line_error("worker, not a manager");
    assert!(!info.is_empty());
    // The left node is down; the rejoined one is a new node (as in Swarm).
    wait_until(
        "two node-2 entries, one ready",
        Duration::from_secs(25),
        || {
            let rows = node_ls(&lab);
            let n2: Vec<&Vec<String>> = rows.iter().filter(|r| r[0] == "node-2").collect();
            (n2.len() == 2
                && n2.iter().any(|r| r[1] == "Ready")
                && n2.iter().any(|r| r[1] == "Down"))
            .then_some(())
        },
    );
}

#[test]
fn node_rm_guards_managers_and_live_nodes() {
    if !require_root("node rm") {
        return;
    }
    let lab = Lab::cluster(3);
    lab.shoal(["node", "rm", "node-1"])
        .output()
        .one_line_error("is a manager");
    lab.shoal(["node", "rm", "node-2"])
        .output()
        .one_line_error("is not down");
    lab.shoal(["node", "rm", "nosuch"])
        .output()
        .one_line_error("not found");
    assert_eq!(node_ls(&lab).len(), 3, "a refused rm changed the cluster");
    lab.shoal(["node", "rm", "--force", "node-2"]).ok();
    assert_eq!(node_ls(&lab).len(), 2);
    // The removed worker notices at its next heartbeat and leaves.
    let node2 = format!("unix:///run/shoal/lab/{}/node-2/shoal.sock", lab.name);
    wait_until(
        "node-2's agent to go inactive",
        Duration::from_secs(15),
        || {
            let out = lab.shoal(["-H", node2.as_str(), "node", "ls"]).output();
            out.stderr().contains("not part of a cluster").then_some(())
        },
    );
}

#[test]
fn the_cluster_port_refuses_strangers_and_bad_requests() {
    if !require_root("tls refusal") || !require_tool("tls refusal", "curl") {
        return;
    }
    let lab = Lab::cluster(2);
    // No client certificate: refused during the TLS handshake.
    let run = lab
        .exec(
            "2",
            &[
                "curl",
                "-sS",
                "-k",
                "--max-time",
                "5",
                "https://192.0.2.1:2377/v1/nodes",
            ],
        )
        .output();
    assert!(
        !run.stderr().is_empty() && run.code() != Some(0),
        "{}",
        run.stdout()
    );
    assert!(
        matches!(run.code(), Some(35) | Some(56)),
        "curl exit {:?}: {}",
        run.code(),
        run.stderr()
    );

    // A certificate from another CA: refused too.
    let dir = tempfile::tempdir().unwrap();
    let ca = shoal::pki::Ca::generate("evil").unwrap();
    let key = shoal::pki::NodeKey::generate().unwrap();
    let cert = ca
        .sign(
            &key.csr_pem,
            "mallory",
            shoal::manager::state::Role::Manager,
        )
        .unwrap();
    let (c, k) = (dir.path().join("c.pem"), dir.path().join("k.pem"));
    std::fs::write(&c, cert).unwrap();
    std::fs::write(&k, key.key_pem).unwrap();
    let run = lab
        .exec(
            "2",
            &[
                "curl",
                "-sS",
                "-k",
                "--max-time",
                "5",
                "--cert",
                c.to_str().unwrap(),
                "--key",
                k.to_str().unwrap(),
                "https://192.0.2.1:2377/v1/raft/vote",
            ],
        )
        .output();
    assert!(
        matches!(run.code(), Some(35) | Some(56)),
        "curl exit {:?}: {}",
        run.code(),
        run.stderr()
    );

    // Bad bodies on the local API: 400 with the reason.
    let sock = format!("/run/shoal/lab/{}/node-1/shoal.sock", lab.name);
    let post = |body: &str| {
        let out = std::process::Command::new("curl")
            .args([
                "-sS",
                "--unix-socket",
                &sock,
                "-H",
                "content-type: application/json",
                "-w",
                "\n%{http_code}",
                "-d",
                body,
                "http://shoal/v1/nodes/node-2/update",
            ])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let out = post("not json");
    assert!(
        out.ends_with("\n400") && out.contains("invalid request body"),
        "{out}"
    );
    let out = post(r#"{"availabilty":"drain"}"#);
    assert!(
        out.ends_with("\n400") && out.contains("unknown field `availabilty`"),
        "{out}"
    );
    let out = post(r#"{"availability":"sideways"}"#);
    assert!(out.ends_with("\n400") && out.contains("sideways"), "{out}");
    assert!(post(r#"{"availability":"pause"}"#).ends_with("\n200"));
}

#[test]
fn events_stream_node_changes() {
    if !require_root("events") {
        return;
    }
    let lab = Lab::cluster(2);
    let mut cmd = lab
        .shoal([
            "events",
            "--format",
            "{{.Type}} {{.Action}} {{.Actor.Attributes.name}} {{.Actor.Attributes.availability}}",
        ])
        .into_command();
    let mut child = cmd.stdout(std::process::Stdio::piped()).spawn().unwrap();
    std::thread::sleep(Duration::from_millis(300));
    lab.shoal(["node", "update", "--availability", "drain", "node-2"])
        .ok();
    let mut stdout = child.stdout.take().unwrap();
    let line = std::thread::spawn(move || {
        use std::io::BufRead;
        let mut r = std::io::BufReader::new(&mut stdout);
        let mut line = String::new();
        r.read_line(&mut line).unwrap();
        line
    });
    wait_until("an event", Duration::from_secs(5), || {
        line.is_finished().then_some(())
    });
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(line.join().unwrap().trim(), "node update node-2 drain");
}

#[test]
fn three_managers_survive_losing_the_leader() {
    if !require_root("manager failover") {
        return;
    }
    let lab = Lab::start(3, &["--managers", "3"]);
    let rows = node_ls(&lab);
    let statuses: Vec<&str> = rows.iter().map(|r| r[2].as_str()).collect();
    assert_eq!(statuses, ["Leader", "Reachable", "Reachable"], "{rows:?}");
    let status = lab
        .shoal([
            "lab",
            "status",
            "--name",
            &lab.name,
            "--format",
            "{{.Agent}}",
        ])
        .ok();
    assert_eq!(status, "manager (leader)\nmanager\nmanager\n");

    lab.shoal(["lab", "stop", "--kill", "--name", &lab.name, "1"])
        .ok();
    let node2 = format!("unix:///run/shoal/lab/{}/node-2/shoal.sock", lab.name);
    let via2 = |args: &[&str]| lab.shoal(["-H", node2.as_str()]).args(args);
    let fmt = "{{.Hostname}}|{{.Status}}|{{.ManagerStatus}}";
    wait_until(
        "a new leader, and node-1 down",
        Duration::from_secs(40),
        || {
            let out = via2(&["node", "ls", "--format", fmt]).output().stdout();
            let new_leader = out
                .lines()
                .any(|l| l.ends_with("|Leader") && !l.starts_with("node-1|"));
            (new_leader && out.contains("node-1|Down|Unreachable")).then_some(())
        },
    );
    via2(&["node", "update", "--availability", "drain", "node-3"]).ok();

    // node-1 comes back as a follower and serves the API again, writes included.
    lab.shoal(["lab", "start", "--name", &lab.name, "1"]).ok();
    wait_until("node-1 ready again", Duration::from_secs(30), || {
        let out = lab.shoal(["node", "ls", "--format", fmt]).output().stdout();
        out.contains("node-1|Ready|Reachable").then_some(())
    });
    lab.shoal(["node", "update", "--availability", "active", "node-3"])
        .ok();
    assert_eq!(node_ls(&lab)[2][4], "Active");
}

#[test]
fn lab_down_restores_the_previous_context() {
    if !require_root("lab context") {
        return;
    }
    let lab = Lab::cluster(1);
    lab.shoal(["context", "create", "prod", "--endpoint", "ssh://ops@mgr1"])
        .ok();
    assert_eq!(
        lab.shoal(["context", "show"]).ok().trim(),
        format!("lab-{}", lab.name)
    );
    lab.shoal(["lab", "down", "--name", &lab.name]).ok();
    assert_eq!(lab.shoal(["context", "show"]).ok().trim(), "default");
    assert_eq!(lab.shoal(["context", "ls", "-q"]).ok(), "default\nprod\n");
}
