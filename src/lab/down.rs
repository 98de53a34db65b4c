//! `lab down`: stop every process inside the lab's namespaces, remove the namespaces
//! (their links go with them), the mounts and files under the lab's directory. It
//! keeps going past failures and reports them all at the end.

use std::{fs, time::Duration};

use super::{LabError, existing, inodes, require_root, state};
use crate::sys::{mounts, netns, procs};

/// What `down` found to do.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Removed,
    /// There was no such lab; nothing changed.
    Absent,
}

pub fn down(name: &str) -> Result<Outcome, LabError> {
    super::plan::validate_name(name)?;
    require_root()?;
    let _lock = state::lock()?;
    match existing(name) {
        Ok(st) => teardown(&st).map(|()| Outcome::Removed),
        // `up` died between making the directory and writing the record in it: nothing
        // else can exist yet, so the directory is all there is to remove.
        Err(LabError::NotFound { .. }) if state::dir(name).exists() => {
            let dir = state::dir(name);
            mounts::unmount_below(&dir)?;
            fs::remove_dir_all(&dir)?;
            Ok(Outcome::Removed)
        }
        Err(LabError::NotFound { .. }) => Ok(Outcome::Absent),
        Err(e) => Err(e),
    }
}

/// Removes everything `st` records. The caller holds the lab lock.
pub(super) fn teardown(st: &state::LabState) -> Result<(), LabError> {
    let mut errors = Vec::new();
    // Twice: in an --ssh lab a supervisor may start its agent again in between.
    for _ in 0..2 {
        let pids = procs::in_netns(&inodes(&st.namespaces));
        if !pids.is_empty() {
            tracing::info!(lab = %st.name, count = pids.len(), "stopping processes in the lab");
            procs::terminate(&pids, Duration::from_secs(3));
        }
    }
    // Tasks live in namespaces of their own, so the scan above misses them: their
    // agents recorded their PIDs under the lab's directory.
    let tasks = task_pids(&state::dir(&st.name));
    if !tasks.is_empty() {
        procs::terminate(&tasks, Duration::from_secs(3));
    }
    // Hosts before the switch, so veths vanish from the side that owns the address.
    for ns in st.namespaces.iter().rev() {
        if let Err(e) = netns::delete(ns) {
            errors.push(e.to_string());
        }
    }
    if let Err(e) = remove_dir(&state::dir(&st.name)) {
        errors.push(e);
    }
    if st.made_privsep_dir && !other_ssh_lab(&st.name) {
        // Only if empty: someone may have put something there since.
        let _ = fs::remove_dir(super::sshd::PRIVSEP_DIR);
    }
    if let Err(e) = netns::release_run_dir() {
        errors.push(format!("cannot unmount {}: {e}", netns::RUN_DIR));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(LabError::Teardown {
            lab: st.name.clone(),
            errors,
        })
    }
}

/// Unmounts and removes the lab's directory. A process that was still ending may write
/// into it while it goes (removal then fails with "not empty"), so removal is tried a
/// few times, stopping any task found again; a failure names what was left.
fn remove_dir(dir: &std::path::Path) -> Result<(), String> {
    let mut last = String::new();
    for attempt in 0..5 {
        if attempt > 0 {
            std::thread::sleep(Duration::from_millis(200));
            procs::terminate(&task_pids(dir), Duration::from_secs(1));
        }
        if let Err(e) = mounts::unmount_below(dir) {
            last = e.to_string();
            continue;
        }
        match fs::remove_dir_all(dir) {
            Ok(()) => return Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => last = format!("cannot remove {}: {e}{}", dir.display(), left_in(dir)),
        }
    }
    Err(last)
}

/// A few of the files still under `dir`, for the error.
fn left_in(dir: &std::path::Path) -> String {
    fn walk(dir: &std::path::Path, found: &mut Vec<String>) {
        for e in fs::read_dir(dir).into_iter().flatten().flatten() {
            if found.len() >= 5 {
                return;
            }
            match e.file_type() {
                Ok(t) if t.is_dir() => walk(&e.path(), found),
                _ => found.push(e.path().display().to_string()),
            }
        }
    }
    let mut found = Vec::new();
    walk(dir, &mut found);
    if found.is_empty() {
        String::new()
    } else {
        format!(" (left: {})", found.join(", "))
    }
}

/// Whether another lab still runs sshd (and needs `/run/sshd`).
fn other_ssh_lab(name: &str) -> bool {
    state::list()
        .iter()
        .filter(|n| n.as_str() != name)
        .any(|n| state::load(n).ok().flatten().is_some_and(|s| s.ssh))
}

/// PIDs in `LABDIR/node-*/data/tasks/*/pid` that are still alive.
fn task_pids(lab_dir: &std::path::Path) -> Vec<i32> {
    let mut pids = Vec::new();
    for node in fs::read_dir(lab_dir).into_iter().flatten().flatten() {
        for task in fs::read_dir(node.path().join("data/tasks"))
            .into_iter()
            .flatten()
            .flatten()
        {
            let pid = fs::read_to_string(task.path().join("pid"))
                .ok()
                .and_then(|p| p.trim().parse().ok());
            if let Some(pid) = pid.filter(|p| procs::alive(*p)) {
                pids.push(pid);
            }
        }
    }
    pids
}
