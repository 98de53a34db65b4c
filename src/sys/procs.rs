//! Finding and stopping processes by the network namespace they live in. The lab
//! removes exactly the processes inside its own namespaces, never by name.

use std::{
    collections::HashSet,
    fs,
    os::unix::fs::MetadataExt,
    time::{Duration, Instant},
};

use nix::{
    errno::Errno,
    sys::signal::{Signal, kill},
    unistd::Pid,
};

/// PIDs of live processes whose network namespace is one of `inodes`.
pub fn in_netns(inodes: &HashSet<u64>) -> Vec<i32> {
    let me = std::process::id() as i32;
    let Ok(dir) = fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<i32>().ok())
        .filter(|pid| *pid != me)
        .filter(|pid| {
            fs::metadata(format!("/proc/{pid}/ns/net")).is_ok_and(|m| inodes.contains(&m.ino()))
        })
        .collect()
}

/// True while `pid` exists and any of its threads is not a zombie. A killed
/// multithreaded process shows its leader as a zombie while the other threads are
/// still exiting, and until the last of them is gone its files (a listening socket, a
/// database lock) are still open: a successor started at that moment finds them taken.
pub fn alive(pid: i32) -> bool {
    let Ok(threads) = fs::read_dir(format!("/proc/{pid}/task")) else {
        return false;
    };
    threads
        .flatten()
        .any(|t| fs::read_to_string(t.path().join("stat")).is_ok_and(|stat| !is_zombie(&stat)))
}

/// The state in a `stat` line follows the parenthesised command name, which may contain
/// spaces and parentheses.
fn is_zombie(stat: &str) -> bool {
    matches!(
        stat.rsplit_once(')')
            .and_then(|(_, rest)| rest.trim_start().chars().next()),
        Some('Z' | 'X')
    )
}

/// SIGTERM, then SIGKILL after `grace`; returns once all are gone (or after 5 s more).
pub fn terminate(pids: &[i32], grace: Duration) {
    let signal_all = |sig| {
        for pid in pids {
            match kill(Pid::from_raw(*pid), sig) {
                Ok(()) | Err(Errno::ESRCH) => {}
                Err(e) => tracing::warn!(pid, %e, "cannot signal process"),
            }
        }
    };
    signal_all(Signal::SIGTERM);
    if wait_gone(pids, grace) {
        return;
    }
    signal_all(Signal::SIGKILL);
    wait_gone(pids, Duration::from_secs(5));
}

fn wait_gone(pids: &[i32], limit: Duration) -> bool {
    let deadline = Instant::now() + limit;
    loop {
        if !pids.iter().any(|p| alive(*p)) {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_state_follows_the_last_parenthesis() {
        assert!(is_zombie("42 (a) b) Z 1 42"));
        assert!(!is_zombie("42 (sleep) S 1 42"));
        assert!(!is_zombie("42 (x (Z) y) R 1"));
    }

    #[test]
    fn this_process_is_alive_and_an_exited_child_is_not() {
        assert!(alive(std::process::id() as i32));
        let mut child = std::process::Command::new("true")
            .spawn()
            .expect("spawn true");
        let pid = child.id() as i32;
        // Not reaped yet: a zombie, which is not alive.
        assert!(wait_gone(&[pid], Duration::from_secs(5)));
        assert!(fs::metadata(format!("/proc/{pid}")).is_ok());
        child.wait().expect("wait");
        assert!(!alive(pid));
    }
}
