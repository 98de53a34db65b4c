//! The openraft-backed `Store`: the Raft type configuration, the Raft node with its redb
//! log and state machine, and the translation between openraft's API and the `Store`
//! trait that the rest of the manager sees.

use std::{
    collections::{BTreeMap, BTreeSet},
    io::Cursor,
    path::Path,
    sync::{Arc, Weak},
    time::Duration,
};

use futures::future::BoxFuture;
use openraft::{
    BasicNode, ChangeMembers, Config, Raft, SnapshotPolicy,
    error::{ClientWriteError, ForwardToLeader, InitializeError, RaftError},
};
use serde::{Deserialize, Serialize, de::DeserializeOwned};
use tokio::sync::watch;

pub(super) use crate::manager::state::RaftId;
use crate::manager::state::{ClusterState, Command};

use super::{
    RaftRpc, Store, StoreError, StoreStatus, Transport, log::LogStore, network::Network,
    sm::StateMachine,
};

/// What applying one entry returned: `Err` is the state machine refusing a command.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Applied(pub Result<(), String>);

/// A member of the Raft group; `addr` is its cluster API's `addr:port`.
pub(super) type Member = BasicNode;

openraft::declare_raft_types!(
    /// The types openraft works with for shoal's store.
    pub TypeConfig:
        D = Command,
        R = Applied,
        NodeId = RaftId,
        Node = BasicNode,
        Entry = openraft::Entry<TypeConfig>,
        SnapshotData = Cursor<Vec<u8>>,
        AsyncRuntime = openraft::TokioRuntime,
);

pub(super) type Entry = openraft::Entry<TypeConfig>;

/// How long `add_voter` waits for a new manager to catch up before giving up.
const CATCH_UP_TIMEOUT: Duration = Duration::from_secs(60);
/// How long `initialize` waits for this manager to become the leader.
const ELECTION_TIMEOUT: Duration = Duration::from_secs(10);
/// How long `shutdown` waits for openraft's tasks to let go of the database file.
const RELEASE_TIMEOUT: Duration = Duration::from_secs(5);

/// Raft timing for managers on one LAN.
pub(super) fn config() -> Config {
    Config {
        cluster_name: "shoal".into(),
        heartbeat_interval: 250,
        election_timeout_min: 1000,
        election_timeout_max: 2000,
        install_snapshot_timeout: 5000,
        snapshot_policy: SnapshotPolicy::LogsSinceLast(1000),
        max_in_snapshot_log_to_keep: 500,
        snapshot_max_chunk_size: 1 << 20,
        ..Config::default()
    }
}

/// A manager's replica of the store. Call `shutdown` before dropping it: openraft's tasks
/// keep running (and keep the database open) until then.
pub struct RaftStore {
    id: RaftId,
    addr: String,
    raft: Raft<TypeConfig>,
    state: watch::Receiver<Arc<ClusterState>>,
    /// Gone once openraft's tasks have dropped the database and its file lock.
    db_open: Weak<()>,
}

/// Opens this manager's replica in `dir` (`raft.redb`), resuming its log, vote and state
/// if there are any. `addr` is this manager's `addr:port`, used by `initialize`.
pub async fn open(
    dir: &Path,
    id: RaftId,
    addr: String,
    transport: Arc<dyn Transport>,
) -> Result<RaftStore, StoreError> {
    open_with(dir, id, addr, transport, config()).await
}

pub(super) async fn open_with(
    dir: &Path,
    id: RaftId,
    addr: String,
    transport: Arc<dyn Transport>,
    config: Config,
) -> Result<RaftStore, StoreError> {
    let config = config
        .validate()
        .map_err(|e| StoreError::Raft(e.to_string()))?;
    let dir = dir.to_path_buf();
    let (db, sm, state) = tokio::task::spawn_blocking(move || {
        std::fs::create_dir_all(&dir)
            .map_err(|e| StoreError::Storage(format!("create {}: {e}", dir.display())))?;
        let db = super::log::open_db(&dir.join("raft.redb"))?;
        let (sm, state) = StateMachine::open(db.clone())?;
        Ok::<_, StoreError>((db, sm, state))
    })
    .await
    .map_err(|e| StoreError::Storage(e.to_string()))??;
    let raft = Raft::new(
        id,
        Arc::new(config),
        Network::new(transport),
        LogStore::new(db.clone()),
        sm,
    )
    .await
    .map_err(|e| StoreError::Raft(e.to_string()))?;
    Ok(RaftStore {
        id,
        addr,
        raft,
        state,
        db_open: db.closed(),
    })
}

fn decode<T: DeserializeOwned>(body: &[u8]) -> Result<T, StoreError> {
    serde_json::from_slice(body).map_err(|e| StoreError::Raft(format!("bad raft request: {e}")))
}

fn encode<T: Serialize>(reply: &T) -> Result<Vec<u8>, StoreError> {
    serde_json::to_vec(reply).map_err(|e| StoreError::Raft(format!("encode raft reply: {e}")))
}

type WriteError = RaftError<RaftId, ClientWriteError<RaftId, Member>>;

impl RaftStore {
    #[cfg(test)]
    pub(super) fn raft_metrics(&self) -> openraft::RaftMetrics<RaftId, Member> {
        self.raft.metrics().borrow().clone()
    }

    /// The address of voter `id` in the current membership.
    fn addr_of(&self, id: RaftId) -> Option<String> {
        let metrics = self.raft.metrics();
        let m = metrics.borrow();
        let node = m.membership_config.membership().get_node(&id);
        node.map(|n| n.addr.clone())
    }

    fn is_initialized(&self) -> bool {
        let metrics = self.raft.metrics();
        let m = metrics.borrow();
        m.membership_config.voter_ids().next().is_some()
    }

    fn not_leader(&self, f: ForwardToLeader<RaftId, Member>) -> StoreError {
        if f.leader_id.is_none() && !self.is_initialized() {
            return StoreError::NotInitialized;
        }
        let leader = f.leader_id.and_then(|id| {
            let addr = f.leader_node.map(|n| n.addr).or_else(|| self.addr_of(id));
            addr.map(|a| (id, a))
        });
        StoreError::NotLeader { leader }
    }

    fn write_error(&self, e: WriteError) -> StoreError {
        match e {
            RaftError::APIError(ClientWriteError::ForwardToLeader(f)) => self.not_leader(f),
            RaftError::APIError(e) => StoreError::Raft(e.to_string()),
            RaftError::Fatal(e) => StoreError::Raft(e.to_string()),
        }
    }

    async fn do_initialize(&self) -> Result<(), StoreError> {
        let members = BTreeMap::from([(self.id, BasicNode::new(&self.addr))]);
        self.raft.initialize(members).await.map_err(|e| match e {
            RaftError::APIError(InitializeError::NotAllowed(_)) => {
                StoreError::Raft("the store is initialized already".into())
            }
            e => StoreError::Raft(e.to_string()),
        })?;
        self.raft
            .wait(Some(ELECTION_TIMEOUT))
            .current_leader(self.id, "initialize: become the leader")
            .await
            .map_err(|e| StoreError::Raft(e.to_string()))?;
        Ok(())
    }

    async fn do_write(&self, cmd: Command) -> Result<u64, StoreError> {
        let resp = self
            .raft
            .client_write(cmd)
            .await
            .map_err(|e| self.write_error(e))?;
        resp.data.0.map_err(StoreError::Rejected)?;
        Ok(resp.log_id.index)
    }

    async fn do_add_voter(&self, id: RaftId, addr: String) -> Result<(), StoreError> {
        let adding = self.raft.add_learner(id, BasicNode::new(&addr), true);
        tokio::time::timeout(CATCH_UP_TIMEOUT, adding)
            .await
            .map_err(|_| {
                StoreError::Raft(format!(
                    "manager {id} at {addr} did not catch up within {}s",
                    CATCH_UP_TIMEOUT.as_secs()
                ))
            })?
            .map_err(|e| self.write_error(e))?;
        let change = ChangeMembers::AddVoterIds(BTreeSet::from([id]));
        self.raft
            .change_membership(change, false)
            .await
            .map_err(|e| self.write_error(e))?;
        Ok(())
    }

    async fn do_remove_voter(&self, id: RaftId) -> Result<(), StoreError> {
        let change = ChangeMembers::RemoveVoters(BTreeSet::from([id]));
        self.raft
            .change_membership(change, false)
            .await
            .map_err(|e| self.write_error(e))?;
        Ok(())
    }

    async fn do_handle_rpc(&self, rpc: RaftRpc, body: Vec<u8>) -> Result<Vec<u8>, StoreError> {
        match rpc {
            RaftRpc::AppendEntries => encode(&self.raft.append_entries(decode(&body)?).await),
            RaftRpc::Vote => encode(&self.raft.vote(decode(&body)?).await),
            RaftRpc::InstallSnapshot => encode(&self.raft.install_snapshot(decode(&body)?).await),
        }
    }

    async fn do_shutdown(&self) {
        if let Err(e) = self.raft.shutdown().await {
            tracing::warn!("raft {} shut down with an error: {e}", self.id);
        }
        let deadline = tokio::time::Instant::now() + RELEASE_TIMEOUT;
        while self.db_open.strong_count() > 0 {
            if tokio::time::Instant::now() >= deadline {
                tracing::warn!(
                    "raft {}: the database is still open after shutdown",
                    self.id
                );
                return;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
}

impl Store for RaftStore {
    fn initialize(&self) -> BoxFuture<'_, Result<(), StoreError>> {
        Box::pin(self.do_initialize())
    }

    fn write(&self, cmd: Command) -> BoxFuture<'_, Result<u64, StoreError>> {
        Box::pin(self.do_write(cmd))
    }

    fn state(&self) -> watch::Receiver<Arc<ClusterState>> {
        self.state.clone()
    }

    fn status(&self) -> StoreStatus {
        let metrics = self.raft.metrics();
        let m = metrics.borrow();
        let membership = m.membership_config.membership();
        let voters = membership
            .voter_ids()
            .map(|id| {
                let addr = membership.get_node(&id).map(|n| n.addr.clone());
                (id, addr.unwrap_or_default())
            })
            .collect();
        StoreStatus {
            id: self.id,
            leader: m.current_leader,
            term: m.current_term,
            voters,
            last_applied: m.last_applied.map_or(0, |l| l.index),
        }
    }

    fn add_voter(&self, id: RaftId, addr: String) -> BoxFuture<'_, Result<(), StoreError>> {
        Box::pin(self.do_add_voter(id, addr))
    }

    fn remove_voter(&self, id: RaftId) -> BoxFuture<'_, Result<(), StoreError>> {
        Box::pin(self.do_remove_voter(id))
    }

    fn handle_rpc(
        &self,
        rpc: RaftRpc,
        body: Vec<u8>,
    ) -> BoxFuture<'_, Result<Vec<u8>, StoreError>> {
        Box::pin(self.do_handle_rpc(rpc, body))
    }

    fn shutdown(&self) -> BoxFuture<'_, ()> {
        Box::pin(self.do_shutdown())
    }
}
