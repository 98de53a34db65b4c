//! `shoal dashboard` for real: the binary in a tmux pane of 80x24 against a lab's
//! cluster. It shows a service created from another shell within 2 s, filters, drills
//! down, survives losing its manager, follows a resize, and leaves the terminal as it
//! found it on `q` and on SIGTERM. Root and tmux; each test has its own lab and tmux
//! server, both removed also when the test fails.
#![allow(clippy::unwrap_used)]

mod common;

use std::{
    process::Command,
    time::{Duration, Instant},
};

use common::{Lab, require_root, require_tool, wait_until};

/// A detached tmux session running the dashboard, on a tmux server of its own (its
/// socket in the pane's temporary directory, with the dashboard's state home).
struct Pane {
    dir: tempfile::TempDir,
}

impl Pane {
    fn start(lab: &Lab, extra: &str) -> Pane {
        let pane = Pane {
            dir: tempfile::tempdir().unwrap(),
        };
        let cmd = format!(
            "XDG_CONFIG_HOME={} XDG_STATE_HOME={} {} dashboard {extra}; \
             echo dashboard exited $?; sleep 600",
            lab.env.dir.path().display(),
            pane.dir.path().join("state").display(),
            common::bin().display()
        );
        let out = pane.tmux(&["new-session", "-d", "-x", "80", "-y", "24", &cmd]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        pane
    }

    fn tmux(&self, args: &[&str]) -> std::process::Output {
        Command::new("tmux")
            .arg("-S")
            .arg(self.dir.path().join("tmux.sock"))
            .args(["-f", "/dev/null"])
            .args(args)
            .output()
            .unwrap()
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.tmux(&["capture-pane", "-p"]).stdout).into_owned()
    }

    fn wait_for(&self, what: &str, limit: Duration) -> String {
        let mut last = String::new();
        let found = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            wait_until(what, limit, || {
                last = self.screen();
                last.contains(what).then(|| last.clone())
            })
        }));
        found.unwrap_or_else(|_| panic!("{what:?} not on screen within {limit:?}:\n{last}"))
    }

    /// Types `text` as it is (no key names).
    fn type_text(&self, text: &str) {
        assert!(self.tmux(&["send-keys", "-l", text]).status.success());
    }

    fn key(&self, key: &str) {
        assert!(self.tmux(&["send-keys", key]).status.success());
    }

    fn format(&self, f: &str) -> String {
        let out = self.tmux(&["display-message", "-p", f]).stdout;
        String::from_utf8_lossy(&out).trim().to_string()
    }

    /// Waits for the dashboard to have ended and left the alternate screen.
    fn wait_restored(&self) -> String {
        let shown = self.wait_for("dashboard exited 0", Duration::from_secs(5));
        assert_eq!(self.format("#{alternate_on}"), "0", "{shown}");
        shown
    }

    /// The dashboard's PID: the shell's child in the pane.
    fn dashboard_pid(&self) -> i32 {
        let shell = self.format("#{pane_pid}");
        let children = std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children"))
            .unwrap_or_default();
        let pid = children.split_whitespace().next();
        pid.and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no dashboard under the pane's shell {shell}"))
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("state/shoal/dashboard.log"))
            .unwrap_or_default()
    }
}

impl Drop for Pane {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
    }
}

/// Rows of the list whose line contains `word` as a column.
fn rows_with(screen: &str, word: &str) -> usize {
    screen
        .lines()
        .filter(|l| l.starts_with('│') && l.contains(&format!(" {word} ")))
        .count()
}

#[test]
fn dashboard_follows_the_cluster_filters_and_restores_the_terminal() {
    if !require_root("dashboard") || !require_tool("dashboard", "tmux") {
        return;
    }
    let lab = Lab::cluster(2);
    lab.shoal(["service", "create", "-d", "--name", "other", "sleep", "600"])
        .ok();
    let pane = Pane::start(&lab, "");
    pane.wait_for("connected, updated", Duration::from_secs(10));
    let shown = pane.wait_for(" other ", Duration::from_secs(5));
    assert_eq!(pane.format("#{alternate_on}"), "1", "{shown}");
    assert!(
        shown.contains(&format!("context lab-{}", lab.name)),
        "{shown}"
    );
    assert!(shown.contains("manager node-1 (leader)"), "{shown}");

    lab.shoal([
        "service",
        "create",
        "-d",
        "--replicas",
        "2",
        "--name",
        "my-web",
        "sleep",
        "600",
    ])
    .ok();
    let created = Instant::now();
    pane.wait_for(" my-web ", Duration::from_secs(2));
    eprintln!(
        "my-web shown {:?} after its create returned",
        created.elapsed()
    );

    pane.type_text("/my-web");
    let shown = pane.wait_for("Services /my-web (1 of 2)", Duration::from_secs(2));
    assert_eq!(rows_with(&shown, "my-web"), 1, "{shown}");
    assert_eq!(rows_with(&shown, "other"), 0, "{shown}");
    assert!(
        shown.lines().last().unwrap_or("").starts_with("/my-web"),
        "{shown}"
    );
    pane.key("Enter");
    // Drill down: the service's tasks, running.
    pane.key("Enter");
    let shown = pane.wait_for("Tasks of my-web (2)", Duration::from_secs(2));
    assert_eq!(rows_with(&shown, "my-web.1"), 1, "{shown}");
    wait_until("both tasks running", Duration::from_secs(20), || {
        (rows_with(&pane.screen(), "running") >= 2).then_some(())
    });
    // Esc goes back, then clears the filter (one at a time: two escapes at once
    // read as one alt-escape, as in any terminal).
    pane.key("Escape");
    pane.wait_for("Services /my-web (1 of 2)", Duration::from_secs(2));
    pane.key("Escape");
    let shown = pane.wait_for("Services (2)", Duration::from_secs(2));
    assert_eq!(rows_with(&shown, "other"), 1, "{shown}");

    pane.type_text("q");
    let shown = pane.wait_restored();
    assert!(
        !shown.contains("Services"),
        "the dashboard is still shown:\n{shown}"
    );
}

#[test]
fn dashboard_survives_a_lost_manager_follows_resizes_and_ends_on_sigterm() {
    if !require_root("dashboard") || !require_tool("dashboard", "tmux") {
        return;
    }
    let lab = Lab::cluster(1);
    let pane = Pane::start(&lab, "--log-level info --view nodes");
    pane.wait_for("Nodes (1)", Duration::from_secs(10));
    pane.wait_for("connected, updated", Duration::from_secs(5));

    lab.shoal(["lab", "stop", "--name", &lab.name, "--kill", "1"])
        .ok();
    pane.wait_for("disconnected, retrying", Duration::from_secs(5));
    lab.shoal(["lab", "start", "--name", &lab.name, "1"]).ok();
    let shown = pane.wait_for("connected, updated", Duration::from_secs(20));
    assert!(shown.contains(" ready "), "{shown}");
    // What it logged went to its file, not the screen.
    assert!(
        pane.log().contains("event stream lost"),
        "log: {}",
        pane.log()
    );
    assert!(!shown.contains("INFO"), "{shown}");

    assert!(
        pane.tmux(&["resize-window", "-x", "120", "-y", "30"])
            .status
            .success()
    );
    wait_until("the table 120 wide", Duration::from_secs(2), || {
        let s = pane.screen();
        let border = s.lines().find(|l| l.starts_with("┌ Nodes"))?;
        (border.chars().count() == 120).then_some(())
    });

    let pid = nix::unistd::Pid::from_raw(pane.dashboard_pid());
    nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGTERM).unwrap();
    pane.wait_restored();
}
