//! Agents run tasks (root): `shoal whoami` as a real service on three lab nodes, a task
//! killed and restarted with history, a task that outlives a `kill -9` of its agent
//! (same PID, re-adopted), and a command that does not exist.
#![allow(clippy::unwrap_used)]

mod common;

use std::{fs, time::Duration};

use common::{Lab, require_root, wait_until};

fn ps(lab: &Lab, svc: &str) -> Vec<Vec<String>> {
    let fmt = "{{.Name}}|{{.Node}}|{{.DesiredState}}|{{.CurrentState}}|{{.Error}}|{{.ID}}";
    lab.ps(svc, fmt)
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

/// `shoal service create --replicas 3 --name NAME BIN whoami --port 8080`, all running.
fn whoami_service(lab: &Lab, name: &str) -> Vec<Vec<String>> {
    let bin = common::bin().to_str().unwrap().to_string();
    lab.shoal([
        "service",
        "create",
        "--replicas",
        "3",
        "--name",
        name,
        &bin,
        "whoami",
        "--port",
        "8080",
    ])
    .ok();
    running(lab, name, 3)
}

#[test]
fn exec_and_logs_reach_tasks_on_every_node() {
    if !require_root("exec and logs") {
        return;
    }
    let lab = Lab::cluster(3);
    let rows = whoami_service(&lab, "my-web");
    let one = rows.iter().find(|r| r[0] == "my-web.1").unwrap().clone();

    // exec runs inside the task, wherever it is.
    let host = lab.shoal(["exec", "my-web.1", "--", "hostname"]).ok();
    assert_eq!(host.trim(), format!("my-web.1.{}", one[5]));
    let resolv = lab
        .shoal(["exec", &one[5][..8], "--", "cat", "/etc/resolv.conf"])
        .ok();
    assert!(resolv.contains("nameserver 127.0.0.11"), "{resolv}");
    for r in &rows {
        let name = lab
            .shoal(["exec", &r[5], "printenv", "SHOAL_TASK_NAME"])
            .ok();
        assert_eq!(name.trim(), r[0], "on {}", r[1]);
    }
    let run = lab
        .shoal([
            "exec",
            "my-web.2",
            "sh",
            "-c",
            "echo out; echo err >&2; exit 7",
        ])
        .output();
    assert_eq!(
        (run.code(), run.stdout(), run.stderr()),
        (Some(7), "out\n".into(), "err\n".into())
    );
    // -i: stdin goes in, and its end ends `cat`.
    let mut cmd = lab
        .shoal(["exec", "-i", "my-web.3", "--", "cat"])
        .into_command();
    cmd.stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(b"hello\nthere\n").unwrap();
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout), "hello\nthere\n");
    // -t: a terminal.
    let tty = lab.shoal(["exec", "-t", "my-web.1", "--", "tty"]).ok();
    assert!(tty.starts_with("/dev/pts/"), "{tty:?}");

    // Bad input: one line each, non-zero.
    lab.shoal(["exec", "my-web.9", "--", "true"])
        .output()
        .one_line_error("no such task: my-web.9");
    let run = lab.shoal(["exec", "my-web.1", "--", "nosuch"]).output();
    assert_eq!(run.code(), Some(126));
    run.one_line_error("executable file not found: nosuch");
    lab.shoal(["exec", "-it", "my-web.1", "--", "sh"])
        .output()
        .one_line_error("the input device is not a TTY");
    lab.shoal(["service", "create", "-d", "--name", "once", "true"])
        .ok();
    let done = wait_until("a completed task", Duration::from_secs(10), || {
        ps(&lab, "once")
            .into_iter()
            .find(|r| r[3].starts_with("Complete"))
    });
    lab.shoal(["exec", &done[5], "--", "true"])
        .output()
        .one_line_error("is not running");

    // Logs: from all three tasks, Docker's prefix, per-task tail, a task by name.
    // (whoami says where it listens on stderr.)
    let logs = lab
        .shoal(["service", "logs", "my-web"])
        .output()
        .success()
        .stderr();
    for r in &rows {
        let line = format!(
            "{}.{}@{}    | whoami listening on 0.0.0.0:8080",
            r[0],
            &r[5][..12],
            r[1]
        );
        assert!(logs.lines().any(|l| l == line), "{line:?} in {logs}");
    }
    let logs = lab
        .shoal(["service", "logs", "-t", "--tail", "1", "my-web.2"])
        .output()
        .success()
        .stderr();
    assert_eq!(logs.lines().count(), 1, "{logs}");
    let (time, rest) = logs.split_once(' ').unwrap();
    assert!(time.len() == 30 && time.ends_with('Z'), "{time}");
    assert!(rest.starts_with("my-web.2."), "{rest}");
    let raw = lab
        .shoal(["service", "logs", "--raw", "my-web.3"])
        .output()
        .success()
        .stderr();
    assert_eq!(raw, "whoami listening on 0.0.0.0:8080\n");
    lab.shoal(["service", "logs", "nosuch"])
        .output()
        .one_line_error("no such task or service: nosuch");
    lab.shoal(["service", "logs", "--tail", "x", "my-web"])
        .output()
        .one_line_error("invalid --tail value");

    // Follow: new lines as they are written, stdout and stderr apart.
    lab.shoal([
        "service",
        "create",
        "-d",
        "--replicas",
        "2",
        "--name",
        "ticker",
        "sh",
        "-c",
        "echo start; echo oops >&2; while sleep 0.2; do echo tick; done",
    ])
    .ok();
    running(&lab, "ticker", 2);
    let mut cmd = lab
        .shoal(["service", "logs", "-f", "--tail", "0", "ticker"])
        .into_command();
    cmd.stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    std::thread::sleep(Duration::from_secs(2));
    child.kill().unwrap();
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let ticks: Vec<&str> = text.lines().filter(|l| l.ends_with("| tick")).collect();
    assert!(ticks.len() >= 6, "{text}");
    assert!(ticks.iter().any(|l| l.starts_with("ticker.1.")));
    assert!(ticks.iter().any(|l| l.starts_with("ticker.2.")));
    assert!(!text.contains("start"), "--tail 0: {text}");
    let all = lab.shoal(["service", "logs", "ticker"]).output();
    assert!(all.stderr().contains("| oops"), "{}", all.stderr());
    assert!(!all.stdout().contains("oops"));
}

#[test]
fn a_down_node_s_task_moves_and_is_shut_down_when_the_node_returns() {
    if !require_root("rescheduling") {
        return;
    }
    let lab = Lab::cluster(3);
    let rows = whoami_service(&lab, "my-web");
    let on3 = rows.iter().find(|r| r[1] == "node-3").unwrap().clone();
    let pid3 = pid(&lab, "node-3", &on3[5]);

    // Node 3's agent stops (its task goes on): the node goes down, the slot moves.
    lab.shoal(["lab", "stop", "--name", &lab.name, "3"]).ok();
    let moved = wait_until("the task to move", Duration::from_secs(40), || {
        ps(&lab, "my-web")
            .into_iter()
            .find(|r| r[0] == on3[0] && r[2] == "Running" && r[3].starts_with("Running"))
            .filter(|r| r[1] != "node-3")
    });
    assert_ne!(moved[5], on3[5], "a new task: {moved:?}");
    assert!(
        shoal::sys::procs::alive(pid3),
        "still running while cut off"
    );

    // Node 3 returns: its stale task is shut down.
    lab.shoal(["lab", "start", "--name", &lab.name, "3"]).ok();
    wait_until("the stale task to stop", Duration::from_secs(30), || {
        (!shoal::sys::procs::alive(pid3)).then_some(())
    });
    wait_until(
        "the stale task shown shut down",
        Duration::from_secs(10),
        || {
            ps(&lab, "my-web")
                .iter()
                .any(|r| r[5] == on3[5] && r[2] == "Shutdown" && r[3].starts_with("Shutdown"))
                .then_some(())
        },
    );
    assert_eq!(running(&lab, "my-web", 3).len(), 3);
}
