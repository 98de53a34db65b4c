//! The replicated store of desired state. Everything outside this module sees only the
//! `Store` trait and plain types; openraft and redb stay inside (`raft.rs`, `log.rs`,
//! `sm.rs`, `network.rs`), so an openraft upgrade touches one module.

use std::{collections::BTreeMap, sync::Arc};

use futures::future::BoxFuture;
use tokio::sync::watch;

use super::state::{ClusterState, Command, RaftId};

mod log;
mod network;
mod raft;
mod sm;
#[cfg(test)]
mod tests;

pub use raft::{RaftStore, open};

/// What a manager knows about its Raft group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreStatus {
    pub id: RaftId,
    pub leader: Option<RaftId>,
    pub term: u64,
    /// Voters and their `addr:port` of the cluster API.
    pub voters: BTreeMap<RaftId, String>,
    /// Index of the last entry applied to the local state.
    pub last_applied: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// This manager is not the leader; `leader` is who to ask (id, `addr:port`) if known.
    #[error("this manager is not the leader{}", leader.as_ref().map(|(_, a)| format!(" (the leader is {a})")).unwrap_or_default())]
    NotLeader { leader: Option<(RaftId, String)> },
    /// The state machine refused the command; nothing changed.
    #[error("{0}")]
    Rejected(String),
    #[error("the store is not initialized")]
    NotInitialized,
    #[error("raft: {0}")]
    Raft(String),
    #[error("storage: {0}")]
    Storage(String),
}

/// Which Raft RPC a message carries between managers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RaftRpc {
    AppendEntries,
    Vote,
    InstallSnapshot,
}

impl RaftRpc {
    pub fn path(self) -> &'static str {
        match self {
            RaftRpc::AppendEntries => "append",
            RaftRpc::Vote => "vote",
            RaftRpc::InstallSnapshot => "snapshot",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum TransportError {
    /// The peer could not be reached (connect, TLS, timeout).
    #[error("unreachable: {0}")]
    Unreachable(String),
    /// The peer answered with an error.
    #[error("remote error: {0}")]
    Remote(String),
}

/// Carries serialized Raft RPCs to another manager (mutual TLS on 2377 in production,
/// in-process in tests).
pub trait Transport: Send + Sync + 'static {
    fn call(
        &self,
        addr: &str,
        rpc: RaftRpc,
        body: Vec<u8>,
    ) -> BoxFuture<'_, Result<Vec<u8>, TransportError>>;
}

/// The replicated store, as the manager uses it.
pub trait Store: Send + Sync + 'static {
    /// Bootstraps a new one-voter group with this manager; fails if already initialized.
    fn initialize(&self) -> BoxFuture<'_, Result<(), StoreError>>;
    /// Appends `cmd` through Raft and applies it; returns its log index once committed
    /// and applied here. Only the leader accepts writes (`NotLeader` otherwise).
    fn write(&self, cmd: Command) -> BoxFuture<'_, Result<u64, StoreError>>;
    /// The latest applied state; changes are published on the channel.
    fn state(&self) -> watch::Receiver<Arc<ClusterState>>;
    fn status(&self) -> StoreStatus;
    /// Adds a manager as a voter (learner first, then promoted once caught up). Leader only.
    fn add_voter(&self, id: RaftId, addr: String) -> BoxFuture<'_, Result<(), StoreError>>;
    /// Removes a voter. Leader only.
    fn remove_voter(&self, id: RaftId) -> BoxFuture<'_, Result<(), StoreError>>;
    /// Handles a Raft RPC that arrived from another manager; returns the serialized reply.
    fn handle_rpc(&self, rpc: RaftRpc, body: Vec<u8>)
    -> BoxFuture<'_, Result<Vec<u8>, StoreError>>;
    fn shutdown(&self) -> BoxFuture<'_, ()>;
}
