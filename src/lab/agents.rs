//! The cluster inside a lab: one `shoal agent` per host, started inside the host's
//! network namespace with per-host paths (data dir, socket, log) under the lab's
//! directory. Node 1 initializes the cluster; the others join it with a worker token,
//! through exactly the API a real host uses.

use std::{
    fs,
    process::Stdio,
    time::{Duration, Instant},
};

use super::{LabError, plan::HostPlan, state};
use crate::{
    api::{client::Client, types::*},
    sys::{netns, procs},
};

const START_TIMEOUT: Duration = Duration::from_secs(15);
pub const READY_TIMEOUT: Duration = Duration::from_secs(30);

fn err(msg: impl Into<String>) -> LabError {
    LabError::Io(std::io::Error::other(msg.into()))
}

/// Starts the agent of `host` in its namespace, detached; returns its PID.
pub fn start(lab: &str, host: &HostPlan) -> Result<u32, LabError> {
    let paths = state::agent_paths(lab, &host.node);
    fs::create_dir_all(&paths.data_dir)?;
    let log = fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&paths.log)?;
    let ns = netns::open(&host.netns)?;
    let mut cmd = std::process::Command::new(std::env::current_exe()?);
    cmd.arg("agent")
        .arg("--data-dir")
        .arg(&paths.data_dir)
        .arg("--socket")
        .arg(&paths.socket)
        .args(["--node-name", &host.node])
        .args(["--advertise-addr", &host.address.to_string()])
        .args(["--listen-addr", &format!("{}:2377", host.address)])
        .stdin(Stdio::null())
        .stdout(log.try_clone()?)
        .stderr(log);
    netns::enter_at_exec(&mut cmd, ns, true);
    let child = cmd.spawn()?;
    let pid = child.id();
    // The agent is a daemon: nobody waits for it, and `lab down` ends it by namespace.
    drop(child);
    fs::write(&paths.pid, pid.to_string())?;
    Ok(pid)
}

/// The PID of `node`'s agent while it runs.
pub fn pid(lab: &str, node: &str) -> Option<i32> {
    let text = fs::read_to_string(state::agent_paths(lab, node).pid).ok()?;
    let pid = text.trim().parse().ok()?;
    procs::alive(pid).then_some(pid)
}

pub fn client(lab: &str, node: &str) -> Client {
    Client::unix(state::agent_paths(lab, node).socket).with_connect_timeout(Duration::from_secs(2))
}

/// Waits until the agent answers on its socket.
pub async fn wait_answering(lab: &str, node: &str) -> Result<Info, LabError> {
    let deadline = Instant::now() + START_TIMEOUT;
    loop {
        match client(lab, node).get::<Info>("/v1/info").await {
            Ok(info) => return Ok(info),
            // It exited: say why at once, from its own last words.
            Err(_) if pid(lab, node).is_none() => {
                let log = state::agent_paths(lab, node).log;
                let last = last_line(&log).unwrap_or_else(|| "no log line".into());
                return Err(err(format!(
                    "the agent of {node} exited: {last} (log: {})",
                    log.display()
                )));
            }
            Err(e) if Instant::now() >= deadline => {
                let log = state::agent_paths(lab, node).log;
                return Err(err(format!(
                    "the agent of {node} did not start ({e}); see {}",
                    log.display()
                )));
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
        }
    }
}

/// The last non-empty line of a log file.
fn last_line(path: &std::path::Path) -> Option<String> {
    let text = fs::read_to_string(path).ok()?;
    text.lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .map(|l| l.trim().to_string())
}

/// Node 1 initializes the cluster; nodes 2..=`managers` join it as managers (one at a
/// time: Raft changes its membership one voter at a time), the rest as workers.
pub async fn form_cluster(
    lab: &str,
    hosts: &[HostPlan],
    managers: usize,
    data_path_port: Option<u16>,
) -> Result<(), LabError> {
    let Some((first, rest)) = hosts.split_first() else {
        return Ok(());
    };
    for h in hosts {
        wait_answering(lab, &h.node).await?;
    }
    let leader = client(lab, &first.node);
    let resp: InitResponse = leader
        .post(
            "/v1/cluster/init",
            &InitRequest {
                data_path_port,
                ..Default::default()
            },
        )
        .await
        .map_err(|e| err(format!("cluster init on {}: {e}", first.node)))?;
    let manager_token: TokenResponse = leader
        .get("/v1/cluster/join-token/manager")
        .await
        .map_err(|e| err(format!("join-token on {}: {e}", first.node)))?;
    let (extra_managers, workers) = rest.split_at(managers.saturating_sub(1).min(rest.len()));
    for h in extra_managers {
        join(lab, h, &manager_token.token, &resp.manager_addr).await?;
    }
    let joins = workers
        .iter()
        .map(|h| join(lab, h, &resp.worker_token, &resp.manager_addr));
    futures::future::try_join_all(joins).await?;
    wait_ready(lab, &first.node, hosts.len()).await
}

async fn join(
    lab: &str,
    h: &HostPlan,
    token: &str,
    manager: &str,
) -> Result<JoinResponse, LabError> {
    let req = JoinRequest {
        token: token.to_string(),
        remote_addr: manager.to_string(),
        advertise_addr: None,
        listen_addr: None,
    };
    client(lab, &h.node)
        .post::<_, JoinResponse>("/v1/cluster/join", &req)
        .await
        .map_err(|e| err(format!("cluster join on {}: {e}", h.node)))
}

/// Waits until the manager on `manager_node` lists `count` nodes, all ready.
pub async fn wait_ready(lab: &str, manager_node: &str, count: usize) -> Result<(), LabError> {
    let deadline = Instant::now() + READY_TIMEOUT;
    loop {
        let nodes = client(lab, manager_node)
            .get::<Vec<NodeView>>("/v1/nodes")
            .await;
        let ready = nodes.as_ref().map_or(0, |n| {
            n.iter().filter(|n| n.status.state == "ready").count()
        });
        if ready == count {
            return Ok(());
        }
        if Instant::now() >= deadline {
            return Err(err(format!("only {ready} of {count} nodes became ready")));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// What `lab status` shows in its AGENT column.
pub async fn describe(lab: &str, node: &str) -> String {
    if pid(lab, node).is_none() {
        return "stopped".into();
    }
    match client(lab, node).get::<Info>("/v1/info").await {
        Ok(info) if info.is_leader => format!("{} (leader)", info.state),
        Ok(info) => info.state,
        Err(_) => "starting".into(),
    }
}
