//! The manager: replicated desired state (Raft over redb), the cluster CA and join
//! tokens, node membership and heartbeats, and the API that the CLI, agents and other
//! managers talk to. A `Manager` runs inside an agent whose node has the manager role.

pub mod api;
mod attach;
mod desired;
pub mod dispatcher;
pub mod events;
pub mod gossip;
pub mod heartbeat;
pub mod ipam;
pub mod objects;
pub mod objects_api;
pub mod orchestrator;
pub mod remote;
pub mod restart;
pub mod state;
pub mod store;
pub mod token;
pub mod transport;

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use rustls::ClientConfig;
use tokio::{
    net::TcpListener,
    sync::{broadcast, watch},
    task::JoinHandle,
};

use self::{
    state::{Cluster, ClusterState, Command, Node},
    store::{Store, StoreError, StoreStatus},
};
use crate::{
    agent::identity::{DataDir, Membership},
    api::{client::Client, http::HttpError, types::Event},
    pki::tls::{Acceptor, NodeTls},
};

/// How long a write may wait for a leader to exist.
const LEADER_WAIT: Duration = Duration::from_secs(10);

pub struct Manager {
    pub me: Membership,
    store: Arc<dyn Store>,
    tls: NodeTls,
    client_tls: Arc<ClientConfig>,
    /// Leader only: when each node last sent a heartbeat.
    last_seen: Mutex<HashMap<String, Instant>>,
    events: broadcast::Sender<Event>,
    shutdown: watch::Sender<bool>,
    tasks: Mutex<Vec<JoinHandle<()>>>,
    /// This node's own API (task logs, exec), served on the manager's cluster port.
    node_routes: std::sync::OnceLock<axum::Router>,
}

#[derive(Debug, thiserror::Error)]
pub enum ManagerError {
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        addr: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Tls(#[from] crate::pki::tls::TlsError),
    #[error("{0}")]
    Other(String),
}

impl Manager {
    /// Opens (or resumes) the store and starts serving the cluster port.
    pub async fn start(
        data: &DataDir,
        me: Membership,
        tls: NodeTls,
    ) -> Result<Arc<Manager>, ManagerError> {
        let client_tls = tls.client_config()?;
        let acceptor = Arc::new(Acceptor::new(&tls)?);
        let listener =
            TcpListener::bind(&me.listen)
                .await
                .map_err(|source| ManagerError::Listen {
                    addr: me.listen.clone(),
                    source,
                })?;
        let transport = Arc::new(transport::MtlsTransport::new(client_tls.clone()));
        let store = store::open(&data.raft_dir(), me.raft_id, me.api_addr(), transport).await?;
        let (events, _) = broadcast::channel(1024);
        let (shutdown, _) = watch::channel(false);
        let mgr = Arc::new(Manager {
            me,
            store: Arc::new(store),
            tls,
            client_tls,
            last_seen: Mutex::new(HashMap::new()),
            events,
            shutdown,
            tasks: Mutex::new(Vec::new()),
            node_routes: std::sync::OnceLock::new(),
        });
        let mut stop = mgr.shutdown.subscribe();
        let router = api::cluster_router(mgr.clone());
        let serve = crate::api::serve::serve_tls(listener, acceptor, router, async move {
            let _ = stop.wait_for(|s| *s).await;
        });
        let tasks = vec![
            tokio::spawn(serve),
            tokio::spawn(events::publish(mgr.store.state(), mgr.events.clone())),
            tokio::spawn(heartbeat::monitor(mgr.clone(), mgr.shutdown.subscribe())),
            tokio::spawn(orchestrator::run(mgr.clone(), mgr.shutdown.subscribe())),
            tokio::spawn(gossip::ensure_key(mgr.clone(), mgr.shutdown.subscribe())),
        ];
        if let Ok(mut t) = mgr.tasks.lock() {
            t.extend(tasks);
        }
        tracing::info!(node = %mgr.me.node_id, listen = %mgr.me.listen, "manager started");
        Ok(mgr)
    }

    /// Bootstraps a new cluster with this manager as its only voter.
    pub async fn initialize(&self, cluster: Cluster, node: Node) -> Result<(), HttpError> {
        self.store.initialize().await.map_err(store_error)?;
        self.write(Command::Init {
            cluster: Box::new(cluster),
            node,
        })
        .await
        .map(|_| ())
    }

    pub fn state(&self) -> Arc<ClusterState> {
        self.store.state().borrow().clone()
    }

    /// The state, and every change to it.
    pub fn watch(&self) -> watch::Receiver<Arc<ClusterState>> {
        self.store.state()
    }

    pub fn status(&self) -> StoreStatus {
        self.store.status()
    }

    pub fn is_leader(&self) -> bool {
        self.status().leader == Some(self.me.raft_id)
    }

    pub fn client_tls(&self) -> Arc<ClientConfig> {
        self.client_tls.clone()
    }

    /// Serves this node's own API (task logs, exec) beside the manager's routes.
    pub fn set_node_routes(&self, router: axum::Router) {
        let _ = self.node_routes.set(router);
    }

    /// A client for the agent API of `node`, verified as a node of its role.
    pub fn node_client(&self, node: &state::Node) -> crate::api::client::Client {
        crate::api::client::Client::tls(
            crate::agent::identity::join_host_port(&node.addr, node.port),
            self.client_tls(),
        )
        .with_server_name(crate::pki::tls::server_name(node.role))
        .with_connect_timeout(std::time::Duration::from_secs(3))
    }

    pub fn tls(&self) -> &NodeTls {
        &self.tls
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.events.subscribe()
    }

    /// `addr:port` of every voter, the leader first.
    pub fn managers(&self) -> Vec<String> {
        let st = self.status();
        let mut out: Vec<String> = Vec::new();
        if let Some(addr) = st.leader.and_then(|l| st.voters.get(&l)) {
            out.push(addr.clone());
        }
        out.extend(
            st.voters
                .values()
                .filter(|a| !out.contains(a))
                .cloned()
                .collect::<Vec<_>>(),
        );
        out
    }

    /// `addr:port` of the leader, waiting for an election if there is none yet.
    async fn leader_addr(&self) -> Result<String, HttpError> {
        let deadline = Instant::now() + LEADER_WAIT;
        loop {
            let st = self.status();
            if let Some(addr) = st.leader.and_then(|l| st.voters.get(&l)) {
                return Ok(addr.clone());
            }
            if Instant::now() >= deadline {
                return Err(HttpError::unavailable(
                    "the cluster has no leader (is a majority of managers up?)",
                ));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Commits `cmd` through the leader (this manager or another) and returns once this
    /// manager has applied it, so a read right after sees the change.
    pub async fn write(&self, cmd: Command) -> Result<u64, HttpError> {
        let deadline = Instant::now() + LEADER_WAIT;
        let index = loop {
            match self.store.write(cmd.clone()).await {
                Ok(index) => return Ok(index),
                Err(StoreError::NotLeader {
                    leader: Some((_, addr)),
                }) => {
                    let client = Client::tls(addr, self.client_tls.clone());
                    break client
                        .post::<_, u64>("/v1/raft/write", &cmd)
                        .await
                        .map_err(client_error)?;
                }
                Err(StoreError::NotLeader { leader: None }) if Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => return Err(store_error(e)),
            }
        };
        self.wait_applied(index).await?;
        Ok(index)
    }

    async fn wait_applied(&self, index: u64) -> Result<(), HttpError> {
        let mut rx = self.store.state();
        let applied = async {
            loop {
                if self.store.status().last_applied >= index {
                    return;
                }
                // The state is published on apply, the applied index (Raft metrics) a
                // moment later: wake on either.
                tokio::select! {
                    changed = rx.changed() => if changed.is_err() { return },
                    _ = tokio::time::sleep(std::time::Duration::from_millis(20)) => {}
                }
            }
        };
        tokio::time::timeout(LEADER_WAIT, applied)
            .await
            .map_err(|_| {
                HttpError::unavailable(
                    "the change was committed but has not reached this manager yet",
                )
            })
    }

    /// Stops serving and shuts the store down.
    pub async fn stop(&self) {
        let _ = self.shutdown.send(true);
        self.store.shutdown().await;
        let tasks: Vec<JoinHandle<()>> = self
            .tasks
            .lock()
            .map(|mut t| t.drain(..).collect())
            .unwrap_or_default();
        for t in tasks {
            t.abort();
        }
    }
}

pub fn store_error(e: StoreError) -> HttpError {
    match e {
        StoreError::Rejected(m) => HttpError::conflict(m),
        StoreError::NotLeader { .. } => HttpError::unavailable(e.to_string()),
        other => HttpError::internal(other.to_string()),
    }
}

/// An error from another node, passed on with its status.
pub fn client_error(e: crate::api::client::ClientError) -> HttpError {
    match e {
        crate::api::client::ClientError::Api { status, message } => HttpError::new(status, message),
        other => HttpError::unavailable(other.to_string()),
    }
}
