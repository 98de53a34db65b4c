//! Raft RPCs between managers over the `Transport` trait: requests and replies travel as
//! JSON, and an unreachable peer becomes openraft's `Unreachable` so that it backs off.

use std::{error::Error, sync::Arc};

use openraft::{
    RaftNetwork, RaftNetworkFactory,
    error::{InstallSnapshotError, NetworkError, RPCError, RaftError, RemoteError, Unreachable},
    network::RPCOption,
    raft::{
        AppendEntriesRequest, AppendEntriesResponse, InstallSnapshotRequest,
        InstallSnapshotResponse, VoteRequest, VoteResponse,
    },
};
use serde::{Serialize, de::DeserializeOwned};

use super::{
    RaftRpc, Transport, TransportError,
    raft::{Member, RaftId, TypeConfig},
};

/// Creates one `Connection` per peer; all share the manager's transport.
pub(super) struct Network {
    transport: Arc<dyn Transport>,
}

impl Network {
    pub(super) fn new(transport: Arc<dyn Transport>) -> Self {
        Self { transport }
    }
}

impl RaftNetworkFactory<TypeConfig> for Network {
    type Network = Connection;

    async fn new_client(&mut self, target: RaftId, node: &Member) -> Connection {
        Connection {
            transport: self.transport.clone(),
            target,
            addr: node.addr.clone(),
        }
    }
}

/// Sends RPCs to one peer, `addr` being its `addr:port`.
pub(super) struct Connection {
    transport: Arc<dyn Transport>,
    target: RaftId,
    addr: String,
}

type RpcResult<T, E> = Result<T, RPCError<RaftId, Member, RaftError<RaftId, E>>>;

impl Connection {
    /// Sends `req` and decodes the peer's `Result<Resp, RaftError<E>>`.
    async fn call<Req, Resp, E>(&self, rpc: RaftRpc, req: &Req) -> RpcResult<Resp, E>
    where
        Req: Serialize,
        Resp: DeserializeOwned,
        E: Error + DeserializeOwned,
    {
        let body = serde_json::to_vec(req).map_err(|e| RPCError::Network(NetworkError::new(&e)))?;
        let reply = self
            .transport
            .call(&self.addr, rpc, body)
            .await
            .map_err(|e| match e {
                TransportError::Unreachable(_) => RPCError::Unreachable(Unreachable::new(&e)),
                TransportError::Remote(_) => RPCError::Network(NetworkError::new(&e)),
            })?;
        let decoded: Result<Resp, RaftError<RaftId, E>> =
            serde_json::from_slice(&reply).map_err(|e| RPCError::Network(NetworkError::new(&e)))?;
        decoded.map_err(|e| RPCError::RemoteError(RemoteError::new(self.target, e)))
    }
}

impl RaftNetwork<TypeConfig> for Connection {
    async fn append_entries(
        &mut self,
        rpc: AppendEntriesRequest<TypeConfig>,
        _option: RPCOption,
    ) -> RpcResult<AppendEntriesResponse<RaftId>, openraft::error::Infallible> {
        self.call(RaftRpc::AppendEntries, &rpc).await
    }

    async fn install_snapshot(
        &mut self,
        rpc: InstallSnapshotRequest<TypeConfig>,
        _option: RPCOption,
    ) -> RpcResult<InstallSnapshotResponse<RaftId>, InstallSnapshotError> {
        self.call(RaftRpc::InstallSnapshot, &rpc).await
    }

    async fn vote(
        &mut self,
        rpc: VoteRequest<RaftId>,
        _option: RPCOption,
    ) -> RpcResult<VoteResponse<RaftId>, openraft::error::Infallible> {
        self.call(RaftRpc::Vote, &rpc).await
    }
}
