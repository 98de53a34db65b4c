//! Taking shoal off a host: stop its agent (the systemd unit or the detached
//! supervisor), clear what the agent made in the kernel (`shoal system cleanup` on
//! the host: tasks, namespaces pinned under the data dir, the gateway bridge and NAT
//! table), and remove the data dir, unit and binary. Used by `node rm --force` and to
//! undo a `node add` that failed half-way. Every step runs; errors are collected.

use std::{fs, path::Path, time::Duration};

use super::{
    SshError,
    bootstrap::Made,
    remote::{Layout, Remote, Supervisor, q, quote},
};

/// Stops the detached supervisor and its agent (TERM, then KILL after 10 s).
pub fn stop_detached_script(layout: &Layout) -> String {
    format!(
        "for f in {sup} {agent}; do\n\
         \x20 [ -f \"$f\" ] || continue\n\
         \x20 pid=$(cat \"$f\")\n\
         \x20 if [ -n \"$pid\" ] && kill -0 \"$pid\" 2>/dev/null; then\n\
         \x20   kill \"$pid\"; i=0\n\
         \x20   while kill -0 \"$pid\" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done\n\
         \x20   kill -9 \"$pid\" 2>/dev/null || true\n\
         \x20 fi\n\
         \x20 rm -f \"$f\"\n\
         done",
        sup = q(&layout.supervisor_pid()),
        agent = q(&layout.agent_pid()),
    )
}

fn stop_systemd_script(layout: &Layout) -> String {
    format!(
        "systemctl disable --now --quiet {name} 2>/dev/null || true\n\
         rm -f {unit}\n\
         systemctl daemon-reload",
        name = quote(&layout.unit),
        unit = q(&layout.unit_path()),
    )
}

/// Stops the agent however it was started.
pub async fn stop(remote: &Remote, layout: &Layout, s: Supervisor) -> Result<(), SshError> {
    let script = match s {
        Supervisor::Systemd => stop_systemd_script(layout),
        Supervisor::Detached => stop_detached_script(layout),
    };
    remote
        .sh_ok("cannot stop the agent", &script)
        .await
        .map(drop)
}

/// What `remove` takes off besides the agent.
#[derive(Debug, Clone, Copy)]
pub struct Removal {
    pub data_dir: bool,
    pub binary: bool,
}

/// Stops the agent, clears its kernel state and removes its files.
pub async fn remove(
    remote: &Remote,
    layout: &Layout,
    supervisor: Option<Supervisor>,
    what: Removal,
) -> Result<(), SshError> {
    let mut errors = Vec::new();
    if let Some(s) = supervisor
        && let Err(e) = stop(remote, layout, s).await
    {
        errors.push(e.to_string());
    }
    if what.data_dir {
        let script = format!(
            // The socket's directory goes too when nothing else is in it (`start` made it).
            "if [ -x {bin} ]; then {bin} system cleanup --data-dir {data}; fi\nrm -rf {data}\nrm -f {sock}\n\
             rmdir {sock_dir} 2>/dev/null || true",
            bin = q(&layout.remote_path),
            data = q(&layout.data_dir),
            sock = q(&layout.socket),
            sock_dir = q(&layout.run_dir()),
        );
        if let Err(e) = remote.sh_ok("cannot remove the data dir", &script).await {
            errors.push(e.to_string());
        }
    }
    if what.binary {
        let script = format!("rm -f {}", q(&layout.remote_path));
        if let Err(e) = remote.sh_ok("cannot remove the binary", &script).await {
            errors.push(e.to_string());
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(SshError::Remote(errors.join("; ")))
    }
}

/// Undoes a half-finished add: only what it made.
pub async fn undo(remote: &Remote, layout: &Layout, made: &Made) -> Result<(), SshError> {
    remove(
        remote,
        layout,
        made.service,
        Removal {
            data_dir: made.data_dir,
            binary: made.binary,
        },
    )
    .await
}

/// `shoal system cleanup` on the host itself: ends the tasks recorded under
/// `data_dir`, unmounts the namespaces pinned there, and removes the gateway bridge
/// and the NAT table the agent made. Returns the errors it met, after trying all.
pub fn cleanup_local(data_dir: &Path) -> Vec<String> {
    let mut errors = Vec::new();
    let pids: Vec<i32> = fs::read_dir(data_dir.join("tasks"))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|t| fs::read_to_string(t.path().join("pid")).ok())
        .filter_map(|p| p.trim().parse().ok())
        .filter(|p| crate::sys::procs::alive(*p))
        .collect();
    crate::sys::procs::terminate(&pids, Duration::from_secs(3));
    if let Err(e) = crate::sys::mounts::unmount_below(data_dir) {
        errors.push(format!("cannot unmount under {}: {e}", data_dir.display()));
    }
    if let Err(e) = crate::agent::net::nat::remove() {
        errors.push(e.to_string());
    }
    if let Err(e) = delete_gw_bridge() {
        errors.push(e);
    }
    errors
}

fn delete_gw_bridge() -> Result<(), String> {
    let ns = fs::File::open("/proc/self/ns/net").map_err(|e| e.to_string())?;
    crate::sys::netlink::with_netlink(&ns, |nl| async move {
        nl.delete(crate::agent::net::plan::GW_BRIDGE).await
    })
    .map(drop)
    .map_err(|e| format!("cannot remove {}: {e}", crate::agent::net::plan::GW_BRIDGE))
}
