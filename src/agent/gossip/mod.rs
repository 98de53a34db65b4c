//! Gossip between nodes on 7946/udp: who is alive, and each node's endpoints. chitchat
//! does the protocol (Scuttlebutt anti-entropy, a phi-accrual failure detector); this
//! module gives it a sealed UDP transport (`seal`, `frag`, `transport`), publishes this
//! node's endpoints as keys and turns the live nodes' keys into `Remote` (`table`).
//! `follow` runs it inside the agent, on the keys and seeds managers hand out.

pub mod follow;
pub mod frag;
pub mod seal;
pub mod table;
pub mod transport;

use std::{
    net::{Ipv4Addr, SocketAddr},
    sync::{Arc, Mutex, RwLock},
    time::{Duration, SystemTime, UNIX_EPOCH},
};

use chitchat::{
    Chitchat, ChitchatConfig, ChitchatHandle, ChitchatId, FailureDetectorConfig, NodeState,
    spawn_chitchat,
};
use tokio::{sync::watch, task::JoinHandle};

use self::{
    seal::Keyring,
    table::NodeKeys,
    transport::{Counters, SealedTransport},
};
use crate::api::types::GossipStats;

pub const DEFAULT_PORT: u16 = 7946;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Endpoint {
    pub network_id: String,
    pub task_id: String,
    pub task_name: String, // my-web.1
    pub service_id: String,
    pub service_name: String,
    pub ip: std::net::Ipv4Addr, // the task's address on that network
    pub mac: String,            // "02:42:0a:00:09:03"
    pub aliases: Vec<String>,
    pub state: String, // "running"
}
/// What this node knows of the others: live nodes only.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Remote {
    pub peers: std::collections::BTreeMap<String /*node id*/, Peer>,
}
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Peer {
    pub node_id: String,
    pub vtep: std::net::Ipv4Addr,
    pub endpoints: Vec<Endpoint>,
}

/// How fast gossip goes and how soon a silent node is dead.
#[derive(Debug, Clone)]
pub struct Timing {
    /// Each node gossips with up to three others this often.
    pub interval: Duration,
    /// A node is dead once its silence lasts `phi_threshold` times the mean interval
    /// between its heartbeats as seen here (chitchat's phi). On a LAN with a 250 ms
    /// interval heartbeats come every ~125-250 ms, so that is 1-2 s.
    pub phi_threshold: f64,
    /// How long a dead node's state is kept (so it comes back with its endpoints).
    pub dead_node_grace: Duration,
    /// How long a deleted key's tombstone is kept for nodes that missed the deletion.
    pub tombstone_grace: Duration,
    /// After a key rotation, how long a node keeps sealing with the old key (opening
    /// with both) so that every node has the new one before anyone seals with it.
    pub key_switch_delay: Duration,
}

impl Default for Timing {
    fn default() -> Self {
        Timing {
            interval: Duration::from_millis(250),
            phi_threshold: 8.0,
            dead_node_grace: Duration::from_secs(3600),
            tombstone_grace: Duration::from_secs(3600),
            key_switch_delay: Duration::from_secs(5),
        }
    }
}

impl Timing {
    fn failure_detector(&self) -> FailureDetectorConfig {
        FailureDetectorConfig {
            phi_threshold: self.phi_threshold,
            // About a minute of heartbeats: the mean follows the network's pace.
            sampling_window_size: 200,
            // A longer gap (a pause, a partition) is not a sample of the normal pace.
            max_interval: Duration::from_secs(2),
            initial_interval: self.interval,
            dead_node_grace_period: self.dead_node_grace,
        }
    }
}

#[derive(Debug, Clone)]
pub struct GossipConfig {
    /// The shoal node ID; chitchat's id adds a generation (the start time).
    pub node_id: String,
    /// Nodes of another cluster are refused even with the same key.
    pub cluster_id: String,
    pub listen: SocketAddr,
    /// Where the others reach this node: its advertise address and gossip port.
    pub advertise: SocketAddr,
    /// This node's VXLAN tunnel endpoint, published under `vtep`.
    pub vtep: Ipv4Addr,
    pub seeds: Vec<SocketAddr>,
    pub keys: Keyring,
    pub timing: Timing,
}

#[derive(Debug, thiserror::Error)]
#[error("cannot start gossip on {addr}/udp: {reason}")]
pub struct GossipError {
    pub addr: SocketAddr,
    pub reason: String,
}

/// A running gossip instance. Clones share it; `stop` (or dropping the last clone)
/// ends it.
#[derive(Clone)]
pub struct Gossip {
    inner: Arc<Inner>,
}

struct Inner {
    advertise: SocketAddr,
    handle: Arc<Mutex<Option<ChitchatHandle>>>,
    /// The keys in use now, shared with the transport.
    keys: Arc<RwLock<Keyring>>,
    /// The keys last asked for, and the pending switch to them after a rotation.
    wanted: Mutex<(Keyring, Option<JoinHandle<()>>)>,
    key_switch_delay: Duration,
    counters: Arc<Counters>,
    local: watch::Sender<Vec<Endpoint>>,
    remote: watch::Sender<Remote>,
    seeds: watch::Sender<Vec<SocketAddr>>,
    tasks: Mutex<Vec<JoinHandle<()>>>,
}

impl Drop for Inner {
    fn drop(&mut self) {
        if let Ok(tasks) = self.tasks.get_mut() {
            tasks.drain(..).for_each(|t| t.abort());
        }
        if let Ok((_, Some(switch))) = self.wanted.get_mut() {
            switch.abort();
        }
    }
}

impl Gossip {
    /// Binds the socket and starts gossiping with the seeds.
    pub async fn start(cfg: GossipConfig) -> Result<Gossip, GossipError> {
        let keys = Arc::new(RwLock::new(cfg.keys.clone()));
        let counters = Arc::new(Counters::default());
        let transport = SealedTransport {
            keys: keys.clone(),
            counters: counters.clone(),
        };
        let config = ChitchatConfig {
            chitchat_id: ChitchatId::new(cfg.node_id.clone(), generation(), cfg.advertise),
            cluster_id: cfg.cluster_id.clone(),
            gossip_interval: cfg.timing.interval,
            listen_addr: cfg.listen,
            seed_nodes: cfg.seeds.iter().map(ToString::to_string).collect(),
            failure_detector_config: cfg.timing.failure_detector(),
            marked_for_deletion_grace_period: cfg.timing.tombstone_grace,
            catchup_callback: None,
            extra_liveness_predicate: None,
        };
        let initial = vec![(table::VTEP_KEY.to_string(), cfg.vtep.to_string())];
        let handle = spawn_chitchat(config, initial, &transport)
            .await
            .map_err(|e| GossipError {
                addr: cfg.listen,
                reason: format!("{e:#}"),
            })?;
        let chitchat = handle.chitchat();
        let live = chitchat.lock().await.live_nodes_watcher();
        let handle = Arc::new(Mutex::new(Some(handle)));
        let (local, local_rx) = watch::channel(Vec::new());
        let (remote, _) = watch::channel(Remote::default());
        let (seeds, seeds_rx) = watch::channel(cfg.seeds.clone());
        let tasks = vec![
            tokio::spawn(publish(chitchat.clone(), local_rx)),
            tokio::spawn(observe(cfg.node_id.clone(), live, remote.clone())),
            tokio::spawn(poke_seeds(chitchat, handle.clone(), seeds_rx)),
        ];
        tracing::info!(addr = %cfg.advertise, key = format_args!("{:08x}", cfg.keys.current.id), "gossip started");
        Ok(Gossip {
            inner: Arc::new(Inner {
                advertise: cfg.advertise,
                handle,
                keys,
                wanted: Mutex::new((cfg.keys.clone(), None)),
                key_switch_delay: cfg.timing.key_switch_delay,
                counters,
                local,
                remote,
                seeds,
                tasks: Mutex::new(tasks),
            }),
        })
    }

    /// Replaces this node's endpoints: new ones are published, gone ones deleted
    /// (tombstones, so every node forgets them).
    pub fn set_local(&self, endpoints: Vec<Endpoint>) {
        self.inner.local.send_replace(endpoints);
    }

    /// The other live nodes and their endpoints, updated on every change.
    pub fn remote(&self) -> watch::Receiver<Remote> {
        self.inner.remote.subscribe()
    }

    /// Opens with `keys.current` and `keys.previous` from now on, and seals with
    /// `keys.current`: at once, or after a rotation (the previous key is the one this
    /// node seals with) once `Timing::key_switch_delay` has passed. Call from a tokio
    /// runtime.
    pub fn set_keys(&self, keys: Keyring) {
        let Ok(mut wanted) = self.inner.wanted.lock() else {
            return;
        };
        if wanted.0 == keys {
            return;
        }
        if let Some(pending) = wanted.1.take() {
            pending.abort();
        }
        let sealing = read_keys(&self.inner.keys).current;
        let shared = self.inner.keys.clone();
        match Keyring::staged(&sealing, &keys) {
            Some(interim) => {
                write_keys(&shared, interim);
                let (delay, target) = (self.inner.key_switch_delay, keys.clone());
                wanted.1 = Some(tokio::spawn(async move {
                    tokio::time::sleep(delay).await;
                    tracing::info!(
                        key = format_args!("{:08x}", target.current.id),
                        "gossip now seals with the new key"
                    );
                    write_keys(&shared, target);
                }));
            }
            None => write_keys(&shared, keys.clone()),
        }
        wanted.0 = keys;
    }

    /// Nodes to contact when they are not known to be alive (they may have just joined).
    pub fn set_seeds(&self, seeds: Vec<SocketAddr>) {
        self.inner.seeds.send_if_modified(|s| {
            let changed = *s != seeds;
            *s = seeds;
            changed
        });
    }

    pub fn stats(&self) -> GossipStats {
        let mut s = self.inner.counters.snapshot();
        s.addr = self.inner.advertise.to_string();
        let keys = read_keys(&self.inner.keys);
        s.key_id = format!("{:08x}", keys.current.id);
        s.accepted_key_ids = keys.ids().iter().map(|id| format!("{id:08x}")).collect();
        s.live_peers = self.inner.remote.borrow().peers.len();
        s
    }

    /// Stops gossiping and closes the socket. The others see this node die.
    pub async fn stop(&self) {
        if let Ok(mut tasks) = self.inner.tasks.lock() {
            tasks.drain(..).for_each(|t| t.abort());
        }
        let handle = self.inner.handle.lock().ok().and_then(|mut h| h.take());
        if let Some(h) = handle
            && let Err(e) = h.shutdown().await
        {
            tracing::warn!(%e, "gossip did not stop cleanly");
        }
        self.inner.remote.send_replace(Remote::default());
        tracing::info!(addr = %self.inner.advertise, "gossip stopped");
    }
}

fn read_keys(keys: &RwLock<Keyring>) -> Keyring {
    match keys.read() {
        Ok(k) => k.clone(),
        Err(poisoned) => poisoned.into_inner().clone(),
    }
}

fn write_keys(keys: &RwLock<Keyring>, new: Keyring) {
    match keys.write() {
        Ok(mut k) => *k = new,
        Err(poisoned) => *poisoned.into_inner() = new,
    }
}

/// A new generation for every start, so the others tell a restarted node from its past.
fn generation() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_micros() as u64)
        .unwrap_or(0)
}

/// Keeps this node's endpoint keys equal to the last `set_local`.
async fn publish(
    chitchat: Arc<tokio::sync::Mutex<Chitchat>>,
    mut local: watch::Receiver<Vec<Endpoint>>,
) {
    loop {
        let desired = table::local_keys(&local.borrow_and_update());
        {
            let mut c = chitchat.lock().await;
            let me = c.self_node_state();
            let changes = table::changes(me.key_values(), &desired);
            for (k, v) in changes.set {
                me.set(k, v);
            }
            for k in changes.delete {
                me.delete(&k);
            }
        }
        if local.changed().await.is_err() {
            return;
        }
    }
}

/// Turns every change of chitchat's live nodes into a new `Remote`.
async fn observe(
    me: String,
    mut live: watch::Receiver<std::collections::BTreeMap<ChitchatId, NodeState>>,
    remote: watch::Sender<Remote>,
) {
    loop {
        let next = {
            let nodes = live.borrow_and_update();
            table::remote(&me, nodes.iter().map(node_keys))
        };
        remote.send_if_modified(|r| {
            let changed = *r != next;
            *r = next;
            changed
        });
        if live.changed().await.is_err() {
            return;
        }
    }
}

fn node_keys<'a>((id, state): (&'a ChitchatId, &'a NodeState)) -> NodeKeys<'a> {
    NodeKeys {
        node_id: &id.node_id,
        generation: id.generation_id,
        gossip_addr: id.gossip_advertise_addr,
        keys: state.key_values().collect(),
    }
}

/// chitchat contacts the seeds it started with; seeds learnt later (a node that
/// joined) are contacted here, every few seconds while they are not alive.
async fn poke_seeds(
    chitchat: Arc<tokio::sync::Mutex<Chitchat>>,
    handle: Arc<Mutex<Option<ChitchatHandle>>>,
    mut seeds: watch::Receiver<Vec<SocketAddr>>,
) {
    loop {
        tokio::select! {
            changed = seeds.changed() => if changed.is_err() { return },
            _ = tokio::time::sleep(Duration::from_secs(3)) => {}
        }
        let wanted = seeds.borrow_and_update().clone();
        let alive: Vec<SocketAddr> = chitchat
            .lock()
            .await
            .live_nodes()
            .map(|id| id.gossip_advertise_addr)
            .collect();
        let Ok(h) = handle.lock() else { return };
        let Some(h) = h.as_ref() else { return };
        for addr in wanted.iter().filter(|a| !alive.contains(a)) {
            let _ = h.gossip(*addr);
        }
    }
}
