//! The process runtime on the real kernel (root): a task gets its own network, mount
//! and UTS namespaces, hostname, resolv.conf pointing at 127.0.0.11, hosts, env and log.
#![allow(clippy::unwrap_used)]

mod common;

use std::{os::unix::fs::MetadataExt, time::Duration};

use common::{require_root, wait_until};
use shoal::agent::runtime::{
    TaskRuntime, TaskSpec,
    process::ProcessRuntime,
    shim::{Exit, Record, read_exit},
};

fn runtime() -> ProcessRuntime {
    ProcessRuntime {
        shim: env!("CARGO_BIN_EXE_shoal").into(),
        log_cap: 1024 * 1024,
    }
}

/// The log's lines as (stream, text without newline).
fn log(dir: &std::path::Path) -> Vec<(String, String)> {
    std::fs::read_to_string(dir.join("task.log"))
        .unwrap()
        .lines()
        .map(|l| {
            let r: Record = serde_json::from_str(l).unwrap();
            (r.stream, r.log.trim_end_matches('\n').to_string())
        })
        .collect()
}

fn spec(dir: &std::path::Path, command: &[&str]) -> TaskSpec {
    TaskSpec {
        id: "t1".into(),
        name: "my-web.1".into(),
        hostname: "my-web.1.t1".into(),
        command: command.iter().map(|s| s.to_string()).collect(),
        env: vec!["GREETING=hello".into()],
        dir: dir.to_path_buf(),
        search: vec!["lab.example".into()],
        netns: None,
        hide: None,
    }
}

#[test]
fn a_task_runs_in_namespaces_of_its_own() {
    if !require_root("process runtime") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let script = "hostname; echo $GREETING $SHOAL_TASK_NAME; cat /etc/resolv.conf; grep my-web /etc/hosts; echo oops >&2; sleep 1";
    let rt = runtime();
    let mut started = rt.start(&spec(dir.path(), &["sh", "-c", script])).unwrap();
    assert!(rt.alive(started.pid));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("pid")).unwrap(),
        started.pid.to_string(),
        "the pid file names the command, not its shim"
    );
    let host_net = std::fs::metadata("/proc/self/ns/net").unwrap().ino();
    let task_net = std::fs::metadata(format!("/proc/{}/ns/net", started.pid))
        .unwrap()
        .ino();
    assert_ne!(
        host_net, task_net,
        "the task must have its own network namespace"
    );
    let status = started.child.as_mut().unwrap().wait().unwrap();
    assert!(status.success());
    assert_eq!(read_exit(dir.path()), Some(Exit::Code(0)));
    assert_eq!(rt.exit_code(dir.path()), Some(0));
    let lines = log(dir.path());
    let out = |s: &str| ("stdout".to_string(), s.to_string());
    assert_eq!(lines[0], out("my-web.1.t1"));
    assert_eq!(lines[1], out("hello my-web.1"));
    assert!(lines.contains(&out("nameserver 127.0.0.11")), "{lines:?}");
    assert!(lines.contains(&out("search lab.example")), "{lines:?}");
    assert!(
        lines.contains(&out("127.0.1.1\tmy-web.1.t1 my-web.1")),
        "{lines:?}"
    );
    assert!(
        lines.contains(&("stderr".into(), "oops".into())),
        "{lines:?}"
    );
    // The host's own resolv.conf and hostname are untouched.
    assert!(
        !std::fs::read_to_string("/etc/resolv.conf")
            .unwrap()
            .contains("127.0.0.11")
    );
    assert_ne!(
        nix::unistd::gethostname().unwrap().to_string_lossy(),
        "my-web.1.t1"
    );
}

#[test]
fn a_missing_command_is_a_clear_error_and_stop_ends_a_task() {
    if !require_root("process runtime errors") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let rt = runtime();
    let err = rt.start(&spec(dir.path(), &["nosuch"])).err().unwrap();
    assert_eq!(err.to_string(), "executable file not found: nosuch");
    let mut started = rt.start(&spec(dir.path(), &["sleep", "600"])).unwrap();
    let mut child = started.child.take().unwrap();
    let pid = started.pid;
    let waiter = std::thread::spawn(move || child.wait().unwrap());
    rt.stop(pid, Duration::from_secs(5));
    waiter.join().unwrap();
    assert_eq!(read_exit(dir.path()), Some(Exit::Signal(15)));
    assert_eq!(
        rt.exit_code(dir.path()),
        Some(143),
        "128 + SIGTERM, as Docker"
    );
    wait_until("the task gone", Duration::from_secs(5), || {
        (!rt.alive(pid)).then_some(())
    });
}

#[test]
fn the_log_and_the_exit_code_outlive_the_agent() {
    if !require_root("task shim") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let rt = runtime();
    let script = "i=0; while [ $i -lt 50 ]; do echo line $i; i=$((i+1)); done; sleep 1; exit 3";
    let mut started = rt.start(&spec(dir.path(), &["sh", "-c", script])).unwrap();
    // The agent lets go of the shim (as when it is killed): the task goes on, its
    // shim keeps the log and records the end.
    drop(started.child.take());
    let pid = started.pid;
    wait_until("the task to end", Duration::from_secs(10), || {
        (!rt.alive(pid)).then_some(())
    });
    let code = wait_until("the exit record", Duration::from_secs(5), || {
        rt.exit_code(dir.path())
    });
    assert_eq!(code, 3);
    let lines = log(dir.path());
    assert_eq!(lines.len(), 50);
    assert_eq!(lines[49].1, "line 49");
}

#[test]
fn logs_rotate_while_the_task_runs() {
    if !require_root("task shim") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let rt = ProcessRuntime {
        log_cap: 4096,
        ..runtime()
    };
    let script = "i=0; while [ $i -lt 300 ]; do echo line $i; i=$((i+1)); done";
    let mut started = rt.start(&spec(dir.path(), &["sh", "-c", script])).unwrap();
    started.child.as_mut().unwrap().wait().unwrap();
    let old = std::fs::metadata(dir.path().join("task.log.1"))
        .unwrap()
        .len();
    let new = std::fs::metadata(dir.path().join("task.log"))
        .unwrap()
        .len();
    assert!(
        (4096..4096 + 200).contains(&old),
        "rotated at the cap: {old}"
    );
    assert!(new < 4096 + 200, "{new}");
    assert_eq!(log(dir.path()).last().unwrap().1, "line 299");
}

#[test]
fn stop_kills_after_the_grace_period_and_leaves_nothing_behind() {
    if !require_root("task stop") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let rt = runtime();
    // Ignores SIGTERM, and leaves a child of its own running in the background.
    let script = "trap '' TERM; sleep 300 & while :; do sleep 0.1; done";
    let mut started = rt.start(&spec(dir.path(), &["sh", "-c", script])).unwrap();
    let mut shim = started.child.take().unwrap();
    let ino = std::fs::metadata(format!("/proc/{}/ns/net", started.pid))
        .unwrap()
        .ino();
    wait_until("the background child", Duration::from_secs(5), || {
        (shoal::sys::procs::in_netns(&[ino].into()).len() >= 4).then_some(())
    });
    rt.stop(started.pid, Duration::from_secs(1));
    shim.wait().unwrap();
    assert_eq!(
        rt.exit_code(dir.path()),
        Some(137),
        "killed after the grace period"
    );
    wait_until("nothing left in the task", Duration::from_secs(5), || {
        shoal::sys::procs::in_netns(&[ino].into())
            .is_empty()
            .then_some(())
    });
}
