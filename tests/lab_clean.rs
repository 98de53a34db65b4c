//! `lab down` leaves the machine exactly as `lab up` found it: the namespace list, the
//! host's links, the mount table and the processes (the lab's agents, and one left
//! running inside a lab host). Its own test binary, so no other lab test runs while it compares.
#![allow(clippy::unwrap_used)]

mod common;

use std::{
    collections::BTreeSet,
    fs,
    os::unix::fs::MetadataExt,
    process::{Command, Stdio},
    time::Duration,
};

use common::{Lab, netns_list, require_root, wait_until};

fn host_links() -> String {
    let out = Command::new("ip")
        .args(["-o", "link", "show"])
        .output()
        .unwrap();
    // Drop counters and state words that change on their own; keep names and kinds.
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split(": ").nth(1).map(str::to_string))
        .collect::<Vec<_>>()
        .join("\n")
}

fn mounts() -> String {
    fs::read_to_string("/proc/mounts").unwrap()
}

/// Live user-space processes (kernel threads come and go on their own).
fn processes() -> BTreeSet<i32> {
    fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<i32>().ok())
        .filter(|pid| fs::read(format!("/proc/{pid}/cmdline")).is_ok_and(|c| !c.is_empty()))
        .collect()
}

fn netns_inode(pid: u32) -> Option<u64> {
    fs::metadata(format!("/proc/{pid}/ns/net"))
        .ok()
        .map(|m| m.ino())
}

#[test]
fn down_restores_namespaces_links_mounts_and_processes() {
    if !require_root("lab clean") {
        return;
    }
    let (ns0, links0, mounts0, procs0) = (netns_list(), host_links(), mounts(), processes());

    // A lab with a cluster: agents are processes too, with sockets and data dirs.
    let lab = Lab::cluster(3);
    assert_ne!(netns_list(), ns0);
    assert_ne!(mounts(), mounts0);
    // A process left running inside host 3, as a user might leave one.
    let mut sleeper = lab.exec("3", &["sleep", "600"]).into_command();
    let mut sleeper = sleeper.stdin(Stdio::null()).spawn().unwrap();
    let lab_inode = fs::metadata(format!("/run/netns/{}-3", lab.name))
        .unwrap()
        .ino();
    wait_until(
        "the sleeper to enter host 3",
        Duration::from_secs(5),
        || (netns_inode(sleeper.id()) == Some(lab_inode)).then_some(()),
    );

    // Tasks on an overlay network: shims, task and sandbox namespaces pinned under the
    // data dirs, VXLAN devices, gateway bridges and nftables tables on every host.
    lab.shoal(["network", "create", "my-network"]).ok();
    lab.shoal([
        "service",
        "create",
        "-d",
        "--replicas",
        "3",
        "--name",
        "web",
        "--network",
        "my-network",
        "sleep",
        "infinity",
    ])
    .ok();
    wait_until("the tasks to run", Duration::from_secs(20), || {
        let out = lab
            .shoal(["service", "ps", "--format", "{{.CurrentState}}", "web"])
            .ok();
        (out.lines().filter(|l| l.starts_with("Running")).count() == 3).then_some(())
    });

    drop(lab); // lab down
    let status = wait_until(
        "lab down to stop the sleeper",
        Duration::from_secs(10),
        || sleeper.try_wait().unwrap(),
    );
    assert!(!status.success(), "the sleeper should have been signalled");

    assert_eq!(netns_list(), ns0, "namespaces differ");
    assert_eq!(host_links(), links0, "host links differ");
    assert_eq!(mounts(), mounts0, "mounts differ");
    let me = std::process::id() as i32;
    let new: Vec<String> = processes()
        .difference(&procs0)
        .filter(|pid| **pid != me)
        .map(|pid| {
            let cmd = fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
            format!(
                "{pid}: {}",
                String::from_utf8_lossy(&cmd).replace('\0', " ")
            )
        })
        .filter(|p| !p.ends_with(": "))
        .collect();
    assert!(new.is_empty(), "processes left behind: {new:?}");
}
