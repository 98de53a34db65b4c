//! The process runtime on the real kernel (root): a task gets its own network, mount
//! and UTS namespaces, hostname, resolv.conf pointing at 127.0.0.11, hosts, env and log.
#![allow(clippy::unwrap_used)]

mod common;

use std::{os::unix::fs::MetadataExt, time::Duration};

use common::{require_root, wait_until};
use shoal::agent::runtime::{TaskRuntime, TaskSpec, process::ProcessRuntime};

fn spec(dir: &std::path::Path, command: &[&str]) -> TaskSpec {
    TaskSpec {
        id: "t1".into(),
        name: "my-web.1".into(),
        hostname: "my-web.1.t1".into(),
        command: command.iter().map(|s| s.to_string()).collect(),
        env: vec!["GREETING=hello".into()],
        dir: dir.to_path_buf(),
        search: vec!["lab.example".into()],
    }
}

#[test]
fn a_task_runs_in_namespaces_of_its_own() {
    if !require_root("process runtime") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let script = "hostname; echo $GREETING $SHOAL_TASK_NAME; cat /etc/resolv.conf; grep my-web /etc/hosts; sleep 1";
    let mut started = ProcessRuntime
        .start(&spec(dir.path(), &["sh", "-c", script]))
        .unwrap();
    assert!(ProcessRuntime.alive(started.pid));
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
    let log = std::fs::read_to_string(dir.path().join("task.log")).unwrap();
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines[0], "my-web.1.t1");
    assert_eq!(lines[1], "hello my-web.1");
    assert!(
        log.contains("nameserver 127.0.0.11\nsearch lab.example\n"),
        "{log}"
    );
    assert!(log.contains("127.0.1.1\tmy-web.1.t1 my-web.1"), "{log}");
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
    let err = ProcessRuntime
        .start(&spec(dir.path(), &["nosuch"]))
        .err()
        .unwrap();
    assert_eq!(err.to_string(), "executable file not found: nosuch");
    let mut started = ProcessRuntime
        .start(&spec(dir.path(), &["sleep", "600"]))
        .unwrap();
    let mut child = started.child.take().unwrap();
    let pid = started.pid;
    let waiter = std::thread::spawn(move || child.wait().unwrap());
    ProcessRuntime.stop(pid, Duration::from_secs(5));
    let status = waiter.join().unwrap();
    assert!(!status.success());
    wait_until("the task gone", Duration::from_secs(5), || {
        (!ProcessRuntime.alive(pid)).then_some(())
    });
}
