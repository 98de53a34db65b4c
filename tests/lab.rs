//! The lab on the real kernel (root): hosts in namespaces on one underlay, TCP between
//! them, no way out, exec with exit codes, bad input, labs side by side, and cleanup
//! after a crashed `up`. Every test makes its own uniquely named lab.
#![allow(clippy::unwrap_used)]

mod common;

use std::{path::Path, process::Stdio, time::Duration};

use common::{Env, Lab, netns_list, require_root, require_tool, unique_lab_name, wait_until};

#[test]
fn hosts_reach_each_other_over_tcp_and_nothing_else() {
    if !require_root("lab tcp") || !require_tool("lab tcp", "nc") {
        return;
    }
    let lab = Lab::up(3);
    let status = lab.env.shoal(["lab", "status", "--name", &lab.name]).ok();
    let rows: Vec<&str> = status.lines().skip(1).collect();
    assert_eq!(rows.len(), 3, "{status}");
    for (i, row) in rows.iter().enumerate() {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = i + 1;
        let want = [
            format!("node-{n}"),
            format!("{}-{n}", lab.name),
            format!("192.0.2.{n}/24"),
        ];
        assert_eq!(cols[..3], want, "{status}");
        assert_eq!(cols[3], "up", "{status}");
    }

    // A listener on host 3, a client on host 1.
    let mut listener = lab
        .exec("3", &["nc", "-l", "-s", "192.0.2.3", "-p", "7700"])
        .into_command();
    let listener = listener.stdout(Stdio::piped()).spawn().unwrap();
    wait_until("the listener on host 3", Duration::from_secs(5), || {
        let ss = lab.exec("3", &["ss", "-Hltn", "sport = :7700"]).ok();
        (!ss.trim().is_empty()).then_some(())
    });
    lab.exec(
        "1",
        &["bash", "-c", "echo hello-from-1 > /dev/tcp/192.0.2.3/7700"],
    )
    .ok();
    let got = listener.wait_with_output().unwrap();
    assert_eq!(String::from_utf8_lossy(&got.stdout).trim(), "hello-from-1");

    // No route out of the lab: the kernel refuses before any packet leaves.
    let routes = lab.exec("1", &["ip", "-4", "route", "show"]).ok();
    assert_eq!(
        routes.trim(),
        "192.0.2.0/24 dev eth0 proto kernel scope link src 192.0.2.1"
    );
    let out = lab
        .exec("1", &["ip", "route", "get", "203.0.113.7"])
        .output()
        .failure();
    assert!(out.stderr().contains("unreachable"), "{}", out.stderr());
    // The host's only links are lo and the underlay veth.
    let links = lab.exec("2", &["ip", "-o", "link", "show"]).ok();
    let names: Vec<&str> = links.lines().filter_map(|l| l.split(": ").nth(1)).collect();
    assert_eq!(names.len(), 2, "{links}");
    assert_eq!(names[0], "lo");
    assert!(names[1].starts_with("eth0@"), "{names:?}");
    assert_eq!(
        lab.exec("2", &["cat", "/proc/sys/net/ipv4/ip_forward"])
            .ok()
            .trim(),
        "1"
    );
}

#[test]
fn exec_passes_exit_codes_and_refuses_unknown_nodes() {
    if !require_root("lab exec") {
        return;
    }
    let lab = Lab::up(3);
    assert_eq!(
        lab.exec("2", &["sh", "-c", "exit 7"]).output().code(),
        Some(7)
    );
    assert_eq!(lab.exec("node-2", &["true"]).output().code(), Some(0));
    let ns = format!("{}-2", lab.name);
    assert!(
        lab.exec(&ns, &["ip", "-br", "addr", "show", "eth0"])
            .ok()
            .contains("192.0.2.2/24")
    );
    lab.exec("9", &["true"])
        .output()
        .one_line_error("has no node 9 (its nodes are 1 to 3)");
    let run = lab.exec("1", &["/nonexistent/cmd"]).output();
    assert_eq!(run.code(), Some(127));
    run.one_line_error("/nonexistent/cmd");
}

#[test]
fn bad_input_changes_nothing() {
    if !require_root("lab bad input") {
        return;
    }
    let env = Env::new();
    env.shoal(["lab", "up", "--nodes", "0"])
        .output()
        .one_line_error("0 is not in 1..=32");
    env.shoal(["lab", "up", "--nodes", "1000"])
        .output()
        .one_line_error("1000 is not in 1..=32");
    env.shoal(["lab", "up", "--name", "no/slash"])
        .output()
        .one_line_error("invalid lab name");
    env.shoal(["lab", "up", "--name", "-x"]).output().failure();
    let lab = Lab::up(1);
    let mine = |name: &str| -> Vec<String> {
        netns_list()
            .into_iter()
            .filter(|n| n.starts_with(&format!("{name}-")))
            .collect()
    };
    let with_lab = mine(&lab.name);
    assert_eq!(with_lab.len(), 2);
    lab.env
        .shoal(["lab", "up", "--name", &lab.name])
        .output()
        .one_line_error("exists already");
    assert_eq!(
        mine(&lab.name),
        with_lab,
        "a refused up changed the namespaces"
    );
    let missing = unique_lab_name();
    let run = env
        .shoal(["lab", "down", "--name", &missing])
        .output()
        .success();
    assert!(run.stderr().contains("does not exist"), "{}", run.stderr());
    env.shoal(["lab", "status", "--name", &missing])
        .output()
        .one_line_error("does not exist");
    let name = lab.name.clone();
    drop(lab);
    assert!(mine(&name).is_empty());
}

#[test]
fn lab_commands_say_root_is_needed() {
    if !require_root("lab needs root") || !require_tool("lab needs root", "setpriv") {
        return;
    }
    // Drop to nobody; the binary must be reachable by that user.
    if !Path::new(common::bin()).ancestors().all(|d| {
        use std::os::unix::fs::PermissionsExt;
        d.metadata()
            .is_ok_and(|m| m.permissions().mode() & 0o001 != 0)
    }) {
        eprintln!("skipping: the test binary is not reachable by other users");
        return;
    }
    let name = unique_lab_name();
    let out = std::process::Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(common::bin())
        .args(["lab", "up", "--name", &name])
        .env("XDG_CONFIG_HOME", "/nonexistent")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("needs root") && err.contains("sudo"), "{err}");
    assert!(!netns_list().iter().any(|n| n.starts_with(&name)));
}

#[test]
fn two_labs_side_by_side() {
    if !require_root("two labs") {
        return;
    }
    let a = Lab::up(2);
    let b = Lab::up(3);
    let all = netns_list();
    for ns in a.namespaces().iter().chain(&b.namespaces()) {
        assert!(all.contains(ns), "{ns} missing from {all:?}");
    }
    // Same addresses, separate underlays: each lab sees only its own hosts.
    for lab in [&a, &b] {
        let addr = lab
            .exec("1", &["ip", "-br", "-4", "addr", "show", "eth0"])
            .ok();
        assert_eq!(
            addr.split_whitespace().nth(2),
            Some("192.0.2.1/24"),
            "{addr}"
        );
    }
    let (an, bn) = (a.namespaces(), b.namespaces());
    drop(a);
    let left = netns_list();
    assert!(an.iter().all(|n| !left.contains(n)), "lab a left {left:?}");
    assert!(
        bn.iter().all(|n| left.contains(n)),
        "removing lab a touched lab b: {left:?}"
    );
    assert_eq!(b.exec("3", &["true"]).output().code(), Some(0));
    drop(b);
    let left = netns_list();
    assert!(bn.iter().all(|n| !left.contains(n)), "lab b left {left:?}");
}

#[test]
fn down_cleans_up_after_a_crashed_up() {
    if !require_root("crashed up") {
        return;
    }
    let env = Env::new();
    for delay_ms in [10, 40] {
        let name = unique_lab_name();
        let mut up = env
            .shoal(["lab", "up", "--name", &name, "--nodes", "32"])
            .into_command();
        up.stdout(Stdio::null()).stderr(Stdio::null());
        let mut child = up.spawn().unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        child.wait().unwrap();
        env.shoal(["lab", "down", "--name", &name]).ok();
        let left: Vec<String> = netns_list()
            .into_iter()
            .filter(|n| n.starts_with(&format!("{name}-")))
            .collect();
        assert!(left.is_empty(), "after {delay_ms} ms: left {left:?}");
        assert!(!Path::new("/run/shoal/lab").join(&name).exists());
    }
}
