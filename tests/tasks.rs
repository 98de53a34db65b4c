//! Agents run tasks (root): `shoal whoami` as a real service on three lab nodes, a task
//! killed and restarted with history, a task that outlives a `kill -9` of its agent
//! (same PID, re-adopted), and a command that does not exist.
#![allow(clippy::unwrap_used)]

mod common;

use std::{fs, time::Duration};

use common::{Lab, require_root, wait_until};

fn ps(lab: &Lab, svc: &str) -> Vec<Vec<String>> {
    let fmt = "{{.Name}}|{{.Node}}|{{.DesiredState}}|{{.CurrentState}}|{{.Error}}|{{.ID}}";
    let out = lab
        .shoal(["service", "ps", "--no-trunc", "--format", fmt, svc])
        .ok();
    common::rows(&out)
}

fn running(lab: &Lab, svc: &str, n: usize) -> Vec<Vec<String>> {
    wait_until(
        &format!("{n} running tasks"),
        Duration::from_secs(20),
        || {
            let rows: Vec<Vec<String>> = ps(lab, svc)
                .into_iter()
                .filter(|r| r[2] == "Running")
                .collect();
            (rows.len() == n && rows.iter().all(|r| r[3].starts_with("Running"))).then_some(rows)
        },
    )
}

/// The PID file of the task with `id` on `node`.
fn pid(lab: &Lab, node: &str, id: &str) -> i32 {
    let path = format!("/run/shoal/lab/{}/{node}/data/tasks/{id}/pid", lab.name);
    fs::read_to_string(path).unwrap().trim().parse().unwrap()
}

#[test]
fn tasks_run_restart_and_outlive_their_agent() {
    if !require_root("tasks") {
        return;
    }
    let lab = Lab::cluster(3);
    let bin = common::bin().to_str().unwrap().to_string();
    lab.shoal([
        "service",
        "create",
        "--replicas",
        "3",
        "--name",
        "my-web",
        &bin,
        "whoami",
        "--port",
        "8080",
    ])
    .ok();
    let rows = running(&lab, "my-web", 3);
    let on2 = rows.iter().find(|r| r[1] == "node-2").unwrap().clone();
    let pid2 = pid(&lab, "node-2", &on2[5]);
    let log = fs::read_to_string(format!(
        "/run/shoal/lab/{}/node-2/data/tasks/{}/task.log",
        lab.name, on2[5]
    ))
    .unwrap();
    assert!(log.contains("whoami listening on 0.0.0.0:8080"), "{log}");

    // kill -9 of node 2's agent: the task goes on, and the restarted agent adopts it.
    lab.shoal(["lab", "stop", "--kill", "--name", &lab.name, "2"])
        .ok();
    assert!(shoal::sys::procs::alive(pid2));
    lab.shoal(["lab", "start", "--name", &lab.name, "2"]).ok();
    std::thread::sleep(Duration::from_secs(2));
    let rows = running(&lab, "my-web", 3);
    assert!(
        rows.iter().any(|r| r[5] == on2[5]),
        "the same task still runs: {rows:?}"
    );
    assert_eq!(pid(&lab, "node-2", &on2[5]), pid2, "not restarted");

    // A task killed from outside is replaced after the restart delay, with history.
    let on3 = rows.iter().find(|r| r[1] == "node-3").unwrap().clone();
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(pid(&lab, "node-3", &on3[5])),
        nix::sys::signal::Signal::SIGKILL,
    )
    .unwrap();
    let rows = wait_until("a replacement", Duration::from_secs(20), || {
        let rows = ps(&lab, "my-web");
        let slot: Vec<&Vec<String>> = rows
            .iter()
            .filter(|r| r[0].ends_with(on3[0].as_str()))
            .collect();
        (slot.len() == 2 && slot[0][3].starts_with("Running") && slot[1][3].starts_with("Failed"))
            .then_some(rows)
    });
    assert!(
        rows.iter().any(|r| r[0] == format!(" \\_ {}", on3[0])),
        "{rows:?}"
    );

    lab.shoal(["service", "create", "-d", "--name", "bad", "nosuch"])
        .ok();
    wait_until("a clear error", Duration::from_secs(10), || {
        ps(&lab, "bad")
            .iter()
            .any(|r| r[3].starts_with("Failed") && r[4] == "executable file not found: nosuch")
            .then_some(())
    });
}
