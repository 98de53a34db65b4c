//! SSH bootstrap on a lab with real sshd (root): `lab up --ssh` adds nodes 2..N with
//! `shoal node add` through OpenSSH's server, adding a member again is a no-op,
//! `ssh://` endpoints work through `system dial-stdio`, `node rm --force` takes a node
//! off its host, and every bad input gives one line naming the host and the step and
//! leaves nothing behind.
#![allow(clippy::unwrap_used)]

mod common;

use std::{
    path::{Path, PathBuf},
    time::Duration,
};

use common::{Lab, Run, bin, require_root, require_tool, run_tool, wait_until};

fn ready() -> bool {
    require_root("ssh") && require_tool("ssh", "sshd") && require_tool("ssh", "sha256sum")
}

fn lab_dir(lab: &Lab) -> PathBuf {
    Path::new("/run/shoal/lab").join(&lab.name)
}

fn node_ls(lab: &Lab) -> Vec<Vec<String>> {
    common::rows(
        &lab.shoal(["node", "ls", "--format", "{{.Hostname}}|{{.Status}}"])
            .ok(),
    )
}

/// `shoal node add` inside node 1's namespace (where the lab hosts are reachable),
/// with the lab's per-host paths unless `extra` gives its own; `extra` goes before the
/// hosts.
fn node_add(lab: &Lab, extra: &[&str], hosts: &[&str]) -> Run {
    let dir = lab_dir(lab);
    let per = |leaf: &str| format!("{}/%n/{leaf}", dir.display());
    let mut args: Vec<String> = vec![bin().display().to_string(), "node".into(), "add".into()];
    for (f, v) in [
        ("--remote-path", per("bin/shoal")),
        ("--data-dir", per("data")),
        ("--socket", per("shoal.sock")),
        ("--node-name", "%n".into()),
        ("--supervisor", "detached".into()),
    ] {
        if !extra.contains(&f) {
            args.push(f.into());
            args.push(v);
        }
    }
    args.extend(extra.iter().map(|s| s.to_string()));
    args.extend(hosts.iter().map(|s| s.to_string()));
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    lab.exec("1", &refs).output()
}

/// `shoal node rm --force NODE` inside node 1's namespace; asserts success.
fn node_rm_force(lab: &Lab, node: &str) {
    lab.exec(
        "1",
        &[bin().to_str().unwrap(), "node", "rm", "--force", node],
    )
    .ok();
}

/// A host's files that `node add` makes.
fn leftovers(lab: &Lab, node: &str) -> Vec<String> {
    let dir = lab_dir(lab).join(node);
    [
        "bin/shoal",
        "data",
        "shoal.sock",
        "agent-supervisor.pid",
        "agent.pid",
    ]
    .iter()
    .filter(|f| dir.join(f).exists())
    .map(|f| f.to_string())
    .collect()
}

#[test]
fn ssh_lab_adds_nodes_and_drives_the_cluster() {
    if !ready() {
        return;
    }
    let lab = Lab::start(3, &["--ssh"]);
    let rows = node_ls(&lab);
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(rows.iter().all(|r| r[1] == "Ready"), "{rows:?}");
    // Nodes 2 and 3 came in over sshd, with the binary uploaded to their own paths.
    for n in ["node-2", "node-3"] {
        let log = std::fs::read_to_string(lab_dir(&lab).join(n).join("sshd/sshd.log")).unwrap();
        assert!(log.contains("Accepted publickey for root"), "{n}: {log}");
        let uploaded = lab_dir(&lab).join(n).join("bin/shoal");
        assert_eq!(
            run_tool("sha256sum", &[uploaded.to_str().unwrap()])
                .split(' ')
                .next(),
            run_tool("sha256sum", &[bin().to_str().unwrap()])
                .split(' ')
                .next()
        );
    }
    let records = std::fs::read_to_string(lab.env.dir.path().join("shoal/ssh-nodes.yaml")).unwrap();
    assert_eq!(records.matches("node_id:").count(), 2, "{records}");

    // Adding a member again changes nothing.
    let again = node_add(&lab, &[], &["root@node-2"]).success();
    assert!(
        again.stderr().contains("already in this cluster"),
        "{}",
        again.stderr()
    );
    assert_eq!(node_ls(&lab).len(), 3);

    // From a lab host, ssh:// reaches the manager through dial-stdio.
    let remote = lab
        .exec(
            "2",
            &[
                bin().to_str().unwrap(),
                "-H",
                "ssh://root@192.0.2.1",
                "node",
                "ls",
            ],
        )
        .ok();
    assert_eq!(remote.lines().count(), 4, "{remote}");
    assert!(
        remote.contains("node-3") && remote.contains("Leader"),
        "{remote}"
    );

    // node rm --force takes node 3 off its host.
    let host_pids = common::run_tool("ip", &["netns", "pids", &format!("{}-3", lab.name)]);
    assert!(
        host_pids.lines().count() >= 3,
        "sshd, supervisor, agent: {host_pids}"
    );
    node_rm_force(&lab, "node-3");
    assert_eq!(node_ls(&lab).len(), 2);
    assert_eq!(leftovers(&lab, "node-3"), Vec::<String>::new());
    let sshd_only = wait_until("node 3 to run only sshd", Duration::from_secs(10), || {
        let pids = run_tool("ip", &["netns", "pids", &format!("{}-3", lab.name)]);
        (pids.lines().count() == 1).then_some(pids)
    });
    let comm = std::fs::read_to_string(format!("/proc/{}/comm", sshd_only.trim())).unwrap();
    assert_eq!(comm.trim(), "sshd");
    let records = std::fs::read_to_string(lab.env.dir.path().join("shoal/ssh-nodes.yaml")).unwrap();
    assert_eq!(records.matches("node_id:").count(), 1, "{records}");

    bad_inputs(&lab);

    // And the cleaned host can be added again.
    node_add(&lab, &[], &["root@node-3"]).success();
    assert_eq!(node_ls(&lab).len(), 3);
}

/// The one error line of a failed add: names the host and the step.
fn refused(run: Run, host: &str, step: &str, expect: &str) -> String {
    let line = run.one_line_error(expect);
    assert!(
        line.starts_with(&format!("error: {host}: {step}: ")),
        "{line:?} should name {host} and {step}"
    );
    line
}

/// Every refusal on a real sshd; node 3 is not in the cluster (removed above).
fn bad_inputs(lab: &Lab) {
    let dir = lab_dir(lab);
    let tmp = tempfile::tempdir().unwrap();
    let kh = dir.join("ssh/known_hosts");
    // The lab's host names (%n in the paths), and nothing else of its config.
    let config = |name: &str, body: &str| {
        let p = tmp.path().join(name);
        let names = "Host node-2\n  HostName 192.0.2.2\nHost node-3\n  HostName 192.0.2.3\n";
        std::fs::write(&p, format!("{names}{body}")).unwrap();
        p.to_str().unwrap().to_string()
    };

    // Unknown host key without the flag; with it, the key is recorded.
    let empty_kh = tmp.path().join("empty_known_hosts");
    let cfg = config(
        "unknown",
        &format!(
            "Host *\n  User root\n  IdentityFile {}\n  UserKnownHostsFile {}\n",
            dir.join("ssh/id_ed25519").display(),
            empty_kh.display()
        ),
    );
    let line = refused(
        node_add(lab, &["--ssh-config", &cfg], &["node-2"]),
        "node-2",
        "connect",
        "unknown",
    );
    assert!(line.contains("--accept-new-host-key"), "{line}");
    assert!(!empty_kh.exists());
    let ok = node_add(
        lab,
        &["--ssh-config", &cfg, "--accept-new-host-key"],
        &["node-2"],
    )
    .success();
    assert!(
        ok.stderr().contains("already in this cluster"),
        "{}",
        ok.stderr()
    );
    assert!(
        std::fs::read_to_string(&empty_kh)
            .unwrap()
            .starts_with("192.0.2.2 ssh-ed25519 ")
    );

    // A changed host key is refused, naming the file and line, flag or not.
    let theirs = std::fs::read_to_string(&kh).unwrap();
    let node3 = theirs
        .lines()
        .find(|l| l.starts_with("192.0.2.3 "))
        .unwrap();
    let forged = tmp.path().join("forged_known_hosts");
    std::fs::write(
        &forged,
        format!("# forged\n192.0.2.2 {}\n", &node3["192.0.2.3 ".len()..]),
    )
    .unwrap();
    let cfg = config(
        "changed",
        &format!(
            "Host *\n  User root\n  IdentityFile {}\n  UserKnownHostsFile {}\n",
            dir.join("ssh/id_ed25519").display(),
            forged.display()
        ),
    );
    let line = refused(
        node_add(
            lab,
            &["--ssh-config", &cfg, "--accept-new-host-key"],
            &["node-2"],
        ),
        "node-2",
        "connect",
        "has changed",
    );
    assert!(line.contains(&format!("{}:2", forged.display())), "{line}");

    // A key the host does not take; then no key at all (no agent, empty HOME).
    let bare = config(
        "bare",
        &format!(
            "Host *\n  User root\n  UserKnownHostsFile {}\n",
            kh.display()
        ),
    );
    let wrong = tmp.path().join("wrong_key");
    run_tool(
        "ssh-keygen",
        &[
            "-q",
            "-t",
            "ed25519",
            "-N",
            "",
            "-f",
            wrong.to_str().unwrap(),
        ],
    );
    let run = node_add(
        lab,
        &["--ssh-config", &bare, "-i", wrong.to_str().unwrap()],
        &["root@node-3"],
    );
    refused(run, "root@node-3", "connect", "refused");
    let home = tempfile::tempdir().unwrap();
    let run = lab
        .exec(
            "1",
            &[
                "env",
                "-u",
                "SSH_AUTH_SOCK",
                &format!("HOME={}", home.path().display()),
                bin().to_str().unwrap(),
                "node",
                "add",
                "--ssh-config",
                &bare,
                "root@192.0.2.3",
            ],
        )
        .output();
    refused(run, "root@192.0.2.3", "connect", "no SSH key to offer");

    // Nothing listens there: the connection fails (or times out) at once.
    refused(
        node_add(lab, &[], &["root@192.0.2.200"]),
        "root@192.0.2.200",
        "connect",
        "192.0.2.200:22",
    );

    // A user without root, with and without --sudo.
    refused(
        node_add(lab, &[], &["nobody@node-3"]),
        "nobody@node-3",
        "connect",
        "not root",
    );
    refused(
        node_add(lab, &["--sudo"], &["nobody@node-3"]),
        "nobody@node-3",
        "connect",
        "sudo",
    );

    no_space_and_read_only(lab);
    another_cluster(lab);
    assert_eq!(leftovers(lab, "node-3"), Vec::<String>::new());
}

/// Uploads to a full and to a read-only file system fail, leaving no temp file.
fn no_space_and_read_only(lab: &Lab) {
    let dir = lab_dir(lab);
    for (name, opts, expect) in [
        ("tiny", "size=1m", "No space left"),
        ("ro", "ro,size=64m", "Read-only"),
    ] {
        let mnt = dir.join(name);
        std::fs::create_dir_all(&mnt).unwrap();
        run_tool(
            "mount",
            &[
                "-t",
                "tmpfs",
                "-o",
                opts,
                "shoal-test",
                mnt.to_str().unwrap(),
            ],
        );
        let target = mnt.join("shoal");
        let run = node_add(
            lab,
            &["--remote-path", target.to_str().unwrap()],
            &["root@node-3"],
        );
        refused(run, "root@node-3", "upload", expect);
        let left: Vec<_> = std::fs::read_dir(&mnt)
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        run_tool("umount", &[mnt.to_str().unwrap()]);
        assert!(left.is_empty(), "{name}: left {left:?}");
        assert_eq!(leftovers(lab, "node-3"), Vec::<String>::new(), "{name}");
    }
}

/// A host whose agent is in another cluster is refused before anything changes.
fn another_cluster(lab: &Lab) {
    let other = lab_dir(lab).join("node-3/other");
    let socket = other.join("shoal.sock");
    let host = format!("unix://{}", socket.display());
    lab.exec(
        "3",
        &[
            bin().to_str().unwrap(),
            "-H",
            &host,
            "cluster",
            "init",
            "--data-dir",
            other.to_str().unwrap(),
        ],
    )
    .ok();
    let run = node_add(
        lab,
        &[
            "--data-dir",
            other.to_str().unwrap(),
            "--socket",
            socket.to_str().unwrap(),
        ],
        &["root@node-3"],
    );
    refused(run, "root@node-3", "check", "another cluster");
    assert!(!lab_dir(lab).join("node-3/bin/shoal").exists());
    // That agent goes; its data dir (namespaces mounted in it) goes with the lab.
    let pid = common::run_tool("ip", &["netns", "pids", &format!("{}-3", lab.name)]);
    for p in pid.lines() {
        let comm = std::fs::read_to_string(format!("/proc/{p}/comm")).unwrap_or_default();
        if comm.trim() == "shoal" {
            let _ = nix::sys::signal::kill(
                nix::unistd::Pid::from_raw(p.parse().unwrap()),
                nix::sys::signal::Signal::SIGTERM,
            );
        }
    }
    wait_until(
        "the other cluster's agent to stop",
        Duration::from_secs(15),
        || {
            let pids = run_tool("ip", &["netns", "pids", &format!("{}-3", lab.name)]);
            (pids.lines().count() == 1).then_some(())
        },
    );
}

/// A login user of the test's own, with password-less sudo; both go when it drops.
struct SudoUser {
    name: String,
    sudoers: PathBuf,
}

impl SudoUser {
    fn make() -> SudoUser {
        let name = format!("shoal-sudo-{}", std::process::id());
        // `*`, not useradd's locked `!`: sshd (UsePAM no) refuses locked accounts.
        run_tool("useradd", &["-M", "-s", "/bin/sh", "-p", "*", &name]);
        let sudoers = PathBuf::from(format!("/etc/sudoers.d/shoal-test-{}", std::process::id()));
        let user = SudoUser { name, sudoers };
        std::fs::write(
            &user.sudoers,
            format!("{} ALL=(root) NOPASSWD: ALL\n", user.name),
        )
        .unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&user.sudoers, std::fs::Permissions::from_mode(0o440)).unwrap();
        user
    }
}

impl Drop for SudoUser {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.sudoers);
        let _ = std::process::Command::new("pkill")
            .args(["-KILL", "-u", &self.name])
            .status();
        let _ = std::process::Command::new("userdel")
            .arg(&self.name)
            .status();
    }
}

/// A login user that is not root adds a node with `--sudo` (every step, the agent's
/// API through `sudo -n ... dial-stdio` included), and `node rm --force` takes it off
/// again through sudo.
#[test]
fn sudo_user_adds_and_removes_a_node() {
    if !ready() || !require_tool("sudo_user", "sudo") || !require_tool("sudo_user", "useradd") {
        return;
    }
    let lab = Lab::start(2, &["--ssh"]);
    node_rm_force(&lab, "node-2");
    assert_eq!(leftovers(&lab, "node-2"), Vec::<String>::new());
    let user = SudoUser::make();
    let host = format!("{}@node-2", user.name);

    let add = node_add(&lab, &["--sudo"], &[&host]).success().stdout();
    assert!(add.contains("joined as worker"), "{add}");
    let rows = node_ls(&lab);
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows.iter().all(|r| r[1] == "Ready"), "{rows:?}");
    let log = std::fs::read_to_string(lab_dir(&lab).join("node-2/sshd/sshd.log")).unwrap();
    assert!(
        log.contains(&format!("Accepted publickey for {}", user.name)),
        "{log}"
    );
    // The agent runs as root, started through sudo.
    let pid = std::fs::read_to_string(lab_dir(&lab).join("node-2/agent.pid")).unwrap();
    let status = std::fs::read_to_string(format!("/proc/{}/status", pid.trim())).unwrap();
    assert!(
        status.lines().any(|l| l.starts_with("Uid:\t0\t")),
        "{status}"
    );

    node_rm_force(&lab, "node-2");
    assert_eq!(node_ls(&lab).len(), 1);
    assert_eq!(leftovers(&lab, "node-2"), Vec::<String>::new());
}
