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

/// True while `pid` exists and is not a zombie.
pub fn alive(pid: i32) -> bool {
    match fs::read_to_string(format!("/proc/{pid}/stat")) {
        // The state follows the parenthesised command name, which may contain spaces.
        Ok(stat) => {
            stat.rsplit_once(')')
                .and_then(|(_, rest)| rest.trim_start().chars().next())
                != Some('Z')
        }
        Err(_) => false,
    }
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
