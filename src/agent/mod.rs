//! The node agent, `shoal agent`: the long-running daemon on every host. It serves the
//! local API socket, remembers its cluster membership in its data dir, sends heartbeats,
//! and on managers runs the `Manager`. Every path it uses is a flag, so several agents
//! can share one machine (the lab).

pub mod addr;
mod api;
mod cluster;
mod dispatch;
pub mod dns;
mod endpoints;
mod exec;
pub mod gossip;
pub mod identity;
pub mod lb;
mod logs;
pub mod net;
pub mod runtime;
pub mod supervisor;
pub mod worker;

use std::{os::unix::fs::PermissionsExt, path::PathBuf, sync::Arc};

use anyhow::{Context as _, Result};
use tokio::{
    net::UnixListener,
    sync::{Mutex, watch},
    task::JoinHandle,
};

use self::identity::{DataDir, Membership};
use crate::manager::Manager;

pub const DEFAULT_DATA_DIR: &str = "/var/lib/shoal";
pub const DEFAULT_PORT: u16 = 2377;

#[derive(Debug, Clone)]
pub struct AgentConfig {
    pub data_dir: PathBuf,
    pub socket: PathBuf,
    pub node_name: String,
    pub advertise_addr: Option<String>,
    /// Where managers listen for the cluster API (default `0.0.0.0:2377`).
    pub listen_addr: Option<String>,
    /// UDP port of gossip with the other nodes (7946), on every address.
    pub gossip_port: u16,
    /// Where tasks' DNS forwards names outside the cluster (`--dns-upstream`); empty:
    /// the host's resolv.conf nameservers.
    pub dns_upstreams: Vec<std::net::SocketAddr>,
}

/// What this node is right now.
enum Role {
    Inactive,
    Member(Member),
}

/// A node in a cluster: its heartbeat loop and, on managers, the manager.
struct Member {
    membership: Arc<Mutex<Membership>>,
    manager: Option<Arc<Manager>>,
    stop: watch::Sender<bool>,
    heartbeats: JoinHandle<()>,
    /// This node's gossip while it runs (it starts once managers send the keys).
    gossip: watch::Receiver<Option<gossip::Gossip>>,
    gossip_task: JoinHandle<()>,
    /// Tasks' DNS at 127.0.0.11.
    dns: Arc<dns::Dns>,
}

pub struct Agent {
    cfg: AgentConfig,
    data: DataDir,
    role: Mutex<Role>,
}

impl Agent {
    fn new(cfg: AgentConfig) -> Arc<Agent> {
        let data = DataDir::new(&cfg.data_dir);
        Arc::new(Agent {
            cfg,
            data,
            role: Mutex::new(Role::Inactive),
        })
    }

    /// Rejoins the cluster recorded in the data dir, if any.
    async fn resume(self: &Arc<Self>) -> Result<()> {
        let Some((m, tls)) = self.data.load().context("cannot read the data dir")? else {
            tracing::info!("not part of a cluster; waiting for `shoal cluster init` or `join`");
            return Ok(());
        };
        tracing::info!(node = %m.node_id, role = ?m.role, "resuming cluster membership");
        let manager = match m.role {
            crate::manager::state::Role::Manager => Some(
                Manager::start(&self.data, m.clone(), tls.clone())
                    .await
                    .context("cannot start the manager")?,
            ),
            crate::manager::state::Role::Worker => None,
        };
        let member = self.member(m, &tls, manager)?;
        *self.role.lock().await = Role::Member(member);
        Ok(())
    }

    /// Starts the heartbeat loop of a member.
    fn member(
        self: &Arc<Self>,
        m: Membership,
        tls: &crate::pki::tls::NodeTls,
        manager: Option<Arc<Manager>>,
    ) -> Result<Member> {
        let client_tls = tls.client_config()?;
        let listen = m.listen.clone();
        let m_addr = m.addr.clone();
        let membership = Arc::new(Mutex::new(m));
        let (stop, stop_rx) = watch::channel(false);
        // Gossip with the other nodes (7946/udp), on keys and seeds from the managers.
        let (gossip_slot, gossip) = watch::channel(None);
        let gossip_task = tokio::spawn(gossip::follow::run(
            self.data.root().to_path_buf(),
            self.cfg.gossip_port,
            membership.clone(),
            client_tls.clone(),
            gossip_slot,
            stop_rx.clone(),
        ));
        let runtime = Arc::new(runtime::process::ProcessRuntime::default());
        let netns_dir = self.data.root().join("netns");
        let net = match net::kernel::KernelDriver::new(&netns_dir, listen_vtep(&m_addr)) {
            Ok(driver) => {
                let gw = driver
                    .current_gw()
                    .or_else(|| net::choose_gw(&addr::host_routes()));
                Some(Arc::new(net::Net::new(
                    Arc::new(driver),
                    listen_vtep(&m_addr),
                    net::plan::VXLAN_PORT,
                    gw,
                )))
            }
            Err(e) => {
                tracing::error!(%e, "no overlay data plane: tasks get no network interfaces");
                None
            }
        };
        let dns = dns::Dns::new(
            netns_dir.clone(),
            dns::upstream::choose(&self.cfg.dns_upstreams),
            runtime::process::host_search_domains(),
            net.is_some().then(lb::Lb::start),
        );
        let (supervisor, reports) = supervisor::Supervisor::with_net(
            runtime,
            self.data.root().join("tasks"),
            net.clone(),
            Some(netns_dir),
        );
        supervisor.set_dns(dns.clone());
        tokio::spawn(endpoints::bridge(
            supervisor.clone(),
            net,
            Some(dns.clone()),
            listen_vtep(&m_addr),
            gossip.clone(),
            stop_rx.clone(),
        ));
        // Managers reach this node's tasks (logs, exec) on the cluster port: through the
        // manager's own listener here, or one of the node's own on a worker.
        let node_api = api::node_router(supervisor.clone());
        match &manager {
            Some(mgr) => mgr.set_node_routes(node_api),
            None => {
                let acceptor = Arc::new(crate::pki::tls::Acceptor::new(tls)?);
                let mut stop = stop_rx.clone();
                tokio::spawn(async move {
                    match tokio::net::TcpListener::bind(&listen).await {
                        Ok(l) => {
                            crate::api::serve::serve_tls(l, acceptor, node_api, async move {
                                let _ = stop.wait_for(|s| *s).await;
                            })
                            .await
                        }
                        Err(e) => tracing::error!(
                            %listen, %e,
                            "cannot listen for managers: `service logs` and `exec` will not reach this node"
                        ),
                    }
                });
            }
        }
        tokio::spawn(dispatch::follow(
            membership.clone(),
            client_tls.clone(),
            supervisor,
            reports,
            stop_rx.clone(),
        ));
        let me = self.clone();
        let loop_membership = membership.clone();
        let data = self.data.clone();
        let heartbeats = tokio::spawn(async move {
            if worker::heartbeats(data, loop_membership, client_tls, stop_rx).await
                == worker::Ended::Removed
            {
                me.forget().await;
            }
        });
        Ok(Member {
            membership,
            manager,
            stop,
            heartbeats,
            gossip,
            gossip_task,
            dns,
        })
    }

    /// Leaves the cluster locally: stops everything and clears the data dir.
    async fn forget(&self) {
        let old = std::mem::replace(&mut *self.role.lock().await, Role::Inactive);
        if let Role::Member(m) = old {
            m.stop().await;
        }
        if let Err(e) = self.data.clear() {
            tracing::error!(%e, "cannot clear the data dir");
        }
    }

    async fn stop(&self) {
        let old = std::mem::replace(&mut *self.role.lock().await, Role::Inactive);
        if let Role::Member(m) = old {
            m.stop().await;
        }
    }
}

impl Member {
    async fn stop(self) {
        // Not aborted: this may run on the heartbeat task itself (after a removal).
        let _ = self.stop.send(true);
        drop(self.heartbeats);
        self.dns.stop_all();
        // Gossip closes its socket before a new membership may bind it again.
        let _ = tokio::time::timeout(std::time::Duration::from_secs(2), self.gossip_task).await;
        if let Some(mgr) = self.manager {
            mgr.stop().await;
        }
    }
}

/// Runs the agent until SIGTERM or SIGINT.
pub async fn run(cfg: AgentConfig) -> Result<()> {
    let agent = Agent::new(cfg.clone());
    agent
        .data
        .create()
        .with_context(|| format!("cannot create the data dir {}", cfg.data_dir.display()))?;
    let listener = bind_socket(&cfg.socket).await?;
    agent.resume().await?;
    tracing::info!(socket = %cfg.socket.display(), node = %cfg.node_name, "agent ready");
    let router = api::local_router(agent.clone());
    crate::api::serve::serve_unix(listener, router, shutdown_signal()).await;
    tracing::info!("shutting down");
    agent.stop().await;
    let _ = std::fs::remove_file(&cfg.socket);
    Ok(())
}

/// Binds the API socket (mode 0660), replacing a stale one but never a live agent's.
async fn bind_socket(path: &std::path::Path) -> Result<UnixListener> {
    if path.exists() {
        if tokio::net::UnixStream::connect(path).await.is_ok() {
            anyhow::bail!("another agent is already serving {}", path.display());
        }
        std::fs::remove_file(path)
            .with_context(|| format!("cannot remove the stale socket {}", path.display()))?;
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let listener =
        UnixListener::bind(path).with_context(|| format!("cannot listen on {}", path.display()))?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o660))?;
    Ok(listener)
}

async fn shutdown_signal() {
    use tokio::signal::unix::{SignalKind, signal};
    let (Ok(mut term), Ok(mut int)) = (
        signal(SignalKind::terminate()),
        signal(SignalKind::interrupt()),
    ) else {
        return std::future::pending().await;
    };
    tokio::select! {
        _ = term.recv() => {}
        _ = int.recv() => {}
    }
}

/// The node's VTEP: its advertise address, when that is IPv4.
fn listen_vtep(addr: &str) -> Option<std::net::Ipv4Addr> {
    addr.parse().ok()
}
