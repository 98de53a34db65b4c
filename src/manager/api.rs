//! The manager's routes. `cluster_router` is served on the TLS cluster port to other
//! nodes (join, heartbeats, Raft); `user_router` is what the operator reaches through
//! the local agent's socket (nodes, join tokens, events).

use std::sync::Arc;

use axum::{
    Extension, Json, Router,
    body::{Body, Bytes},
    extract::{Path, Query, Request, State},
    http::{StatusCode, header},
    middleware::{self, Next},
    response::{IntoResponse, Response},
    routing::{get, post},
};
use serde::Deserialize;

use super::{
    Manager,
    state::{Command, Node, NodeState, RaftId, Role},
    store::RaftRpc,
    token::{self, JoinToken},
};
use crate::{
    api::{
        http::{ApiJson, HttpError, HttpResult},
        serve::Caller,
        types::*,
    },
    pki::Ca,
};

type Mgr = State<Arc<Manager>>;

pub fn cluster_router(mgr: Arc<Manager>) -> Router {
    Router::new()
        .route("/v1/join", post(join))
        .route("/v1/heartbeat", post(heartbeat))
        .route("/v1/dispatcher/assignments", get(super::dispatcher::watch))
        .route("/v1/dispatcher/status", post(super::dispatcher::status))
        .route("/v1/dispatcher/gossip", get(super::gossip::watch_setup))
        .route("/v1/raft/heartbeat", post(relayed_heartbeat))
        .route("/v1/raft/{rpc}", post(raft_rpc))
        .route("/v1/raft/write", post(raft_write))
        .route("/v1/raft/add-voter", post(add_voter))
        .route("/v1/raft/remove-voter", post(remove_voter))
        .fallback(node_api)
        .layer(middleware::from_fn(joining_only_joins))
        .with_state(mgr)
}

/// The node API of this manager's own agent (task logs, exec).
async fn node_api(State(mgr): Mgr, req: axum::extract::Request) -> axum::response::Response {
    use axum::response::IntoResponse;
    use tower::ServiceExt as _;
    match mgr.node_routes.get() {
        Some(router) => match router.clone().oneshot(req).await {
            Ok(resp) => resp,
            Err(never) => match never {},
        },
        None => HttpError::not_found("no such route").into_response(),
    }
}

pub fn user_router(mgr: Arc<Manager>) -> Router {
    Router::new()
        .route("/v1/nodes", get(list_nodes))
        .route("/v1/nodes/{id}", get(inspect_node).delete(remove_node))
        .route("/v1/nodes/{id}/update", post(update_node))
        .route("/v1/cluster/join-token/{role}", get(join_token))
        .route("/v1/cluster/join-token/{role}/rotate", post(rotate_token))
        .route("/v1/cluster/gossip-key/rotate", post(super::gossip::rotate))
        .route("/v1/events", get(events))
        .with_state(mgr.clone())
        .merge(super::objects_api::router(mgr.clone()))
        .merge(super::remote::router(mgr))
}

/// A node that is joining has no certificate: it may call `/v1/join` and nothing else.
async fn joining_only_joins(
    Extension(caller): Extension<Caller>,
    req: Request,
    next: Next,
) -> Response {
    match caller {
        Caller::Joining if req.uri().path() != "/v1/join" => {
            HttpError::forbidden("a client certificate from the cluster CA is required")
                .into_response()
        }
        _ => next.run(req).await,
    }
}

fn require_node(caller: &Caller) -> Result<&str, HttpError> {
    match caller {
        Caller::Node(id) => Ok(&id.node_id),
        _ => Err(HttpError::forbidden("only cluster members may call this")),
    }
}

fn require_manager(caller: &Caller) -> Result<(), HttpError> {
    match caller {
        Caller::Node(id) if id.role == Role::Manager => Ok(()),
        _ => Err(HttpError::forbidden("only managers may call this")),
    }
}

pub fn now() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

// ---- joining ----

async fn join(
    State(mgr): Mgr,
    Extension(caller): Extension<Caller>,
    ApiJson(req): ApiJson<NodeJoinRequest>,
) -> HttpResult<NodeJoinResponse> {
    if caller != Caller::Joining {
        return Err(HttpError::conflict(
            "this node is already a member of the cluster",
        ));
    }
    let state = mgr.state();
    let cluster = state
        .cluster
        .as_ref()
        .ok_or_else(|| HttpError::unavailable("the cluster is not initialized"))?;
    let role = if token::secrets_match(&req.secret, &cluster.worker_secret) {
        Role::Worker
    } else if token::secrets_match(&req.secret, &cluster.manager_secret) {
        Role::Manager
    } else {
        tracing::warn!(host = %req.hostname, addr = %req.addr, "join refused: the token's secret is not valid");
        return Err(HttpError::forbidden(
            "join refused: the token's secret is not valid (it may have been rotated)",
        ));
    };
    req.addr
        .parse::<std::net::IpAddr>()
        .map_err(|_| HttpError::bad_request(format!("invalid addr {:?}", req.addr)))?;
    let ca = Ca {
        cert_pem: cluster.ca_cert_pem.clone(),
        key_pem: cluster.ca_key_pem.clone(),
    };
    let node_id = token::random_base36(25);
    let cert_pem = ca
        .sign(&req.csr_pem, &node_id, role)
        .map_err(|e| HttpError::bad_request(e.to_string()))?;
    let raft_id = new_raft_id(&state);
    let at = now();
    let node = Node {
        id: node_id.clone(),
        raft_id,
        hostname: req.hostname.clone(),
        role,
        availability: super::state::Availability::Active,
        addr: req.addr.clone(),
        port: req.port,
        state: NodeState::Unknown,
        message: String::new(),
        created_at: at.clone(),
        updated_at: at,
        version: 0,
        labels: Default::default(),
        routes: req.routes.clone(),
        gossip_port: req.gossip_port,
    };
    mgr.write(Command::PutNode(node)).await?;
    tracing::info!(host = %req.hostname, addr = %req.addr, ?role, "node joined");
    Ok(Json(NodeJoinResponse {
        node_id,
        raft_id,
        role,
        cluster_id: cluster.id.clone(),
        cert_pem,
        ca_pem: cluster.ca_cert_pem.clone(),
        managers: mgr.managers(),
    }))
}

fn new_raft_id(state: &super::state::ClusterState) -> RaftId {
    loop {
        let id: RaftId = rand::random();
        if id != 0 && state.node_by_raft_id(id).is_none() {
            return id;
        }
    }
}

// ---- liveness and Raft ----

async fn heartbeat(
    State(mgr): Mgr,
    Extension(caller): Extension<Caller>,
    ApiJson(req): ApiJson<HeartbeatRequest>,
) -> HttpResult<HeartbeatResponse> {
    let id = require_node(&caller)?.to_string();
    mgr.heartbeat(&id, &req.routes).await.map(Json)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Relayed {
    node_id: String,
    #[serde(default)]
    routes: Vec<String>,
}

async fn relayed_heartbeat(
    State(mgr): Mgr,
    Extension(caller): Extension<Caller>,
    ApiJson(r): ApiJson<Relayed>,
) -> HttpResult<HeartbeatResponse> {
    require_manager(&caller)?;
    if !mgr.is_leader() {
        return Err(HttpError::unavailable("not the leader"));
    }
    mgr.heartbeat(&r.node_id, &r.routes).await.map(Json)
}

async fn raft_rpc(
    State(mgr): Mgr,
    Extension(caller): Extension<Caller>,
    Path(rpc): Path<String>,
    body: Bytes,
) -> Result<Response, HttpError> {
    require_manager(&caller)?;
    let rpc = match rpc.as_str() {
        "append" => RaftRpc::AppendEntries,
        "vote" => RaftRpc::Vote,
        "snapshot" => RaftRpc::InstallSnapshot,
        other => return Err(HttpError::not_found(format!("no raft rpc {other:?}"))),
    };
    let reply = mgr
        .store
        .handle_rpc(rpc, body.to_vec())
        .await
        .map_err(super::store_error)?;
    Ok(([(header::CONTENT_TYPE, "application/json")], reply).into_response())
}

/// A write forwarded by a follower. Not forwarded again, so it cannot loop.
async fn raft_write(
    State(mgr): Mgr,
    Extension(caller): Extension<Caller>,
    ApiJson(cmd): ApiJson<Command>,
) -> HttpResult<u64> {
    require_manager(&caller)?;
    mgr.store
        .write(cmd)
        .await
        .map(Json)
        .map_err(super::store_error)
}

async fn add_voter(
    State(mgr): Mgr,
    Extension(caller): Extension<Caller>,
    ApiJson(req): ApiJson<AddVoterRequest>,
) -> HttpResult<()> {
    require_manager(&caller)?;
    if !mgr.is_leader() {
        let client = crate::api::client::Client::tls(mgr.leader_addr().await?, mgr.client_tls());
        return client
            .post("/v1/raft/add-voter", &req)
            .await
            .map(Json)
            .map_err(super::client_error);
    }
    mgr.store
        .add_voter(req.raft_id, req.addr)
        .await
        .map(Json)
        .map_err(super::store_error)
}

#[derive(Debug, Clone, serde::Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemoveVoterRequest {
    pub raft_id: RaftId,
}

async fn remove_voter(
    State(mgr): Mgr,
    Extension(caller): Extension<Caller>,
    ApiJson(req): ApiJson<RemoveVoterRequest>,
) -> HttpResult<()> {
    require_manager(&caller)?;
    if !mgr.is_leader() {
        let client = crate::api::client::Client::tls(mgr.leader_addr().await?, mgr.client_tls());
        return client
            .post("/v1/raft/remove-voter", &req)
            .await
            .map(Json)
            .map_err(super::client_error);
    }
    mgr.store
        .remove_voter(req.raft_id)
        .await
        .map(Json)
        .map_err(super::store_error)
}

// ---- nodes ----

/// Docker's view of a node, with manager status from the Raft group.
pub fn node_view(mgr: &Manager, n: &Node) -> NodeView {
    let status = mgr.status();
    NodeView {
        id: n.id.clone(),
        version: VersionView { index: n.version },
        created_at: n.created_at.clone(),
        updated_at: n.updated_at.clone(),
        spec: NodeSpecView {
            labels: n.labels.clone(),
            role: n.role,
            availability: n.availability,
        },
        description: NodeDescriptionView {
            hostname: n.hostname.clone(),
        },
        status: NodeStatusView {
            state: wire_name(&n.state),
            message: n.message.clone(),
            addr: n.addr.clone(),
        },
        manager_status: (n.role == Role::Manager).then(|| ManagerStatusView {
            leader: status.leader == Some(n.raft_id),
            reachability: if n.state == NodeState::Down {
                "unreachable"
            } else {
                "reachable"
            }
            .to_string(),
            addr: crate::agent::identity::join_host_port(&n.addr, n.port),
        }),
    }
}

/// Finds a node by ID, hostname, or unique ID prefix, as Docker does.
pub fn resolve<'a>(
    nodes: impl Iterator<Item = &'a Node> + Clone,
    reference: &str,
) -> Result<&'a Node, HttpError> {
    if let Some(n) = nodes.clone().find(|n| n.id == reference) {
        return Ok(n);
    }
    let by_name: Vec<&Node> = nodes.clone().filter(|n| n.hostname == reference).collect();
    let by_prefix: Vec<&Node> = nodes.filter(|n| n.id.starts_with(reference)).collect();
    let found = if by_name.is_empty() {
        by_prefix
    } else {
        by_name
    };
    match found.as_slice() {
        [n] => Ok(n),
        [] => Err(HttpError::not_found(format!("node {reference} not found"))),
        _ => Err(HttpError::conflict(format!(
            "node reference {reference} is ambiguous ({} nodes match)",
            found.len()
        ))),
    }
}

async fn list_nodes(State(mgr): Mgr) -> HttpResult<Vec<NodeView>> {
    let state = mgr.state();
    let mut nodes: Vec<&Node> = state.nodes.values().collect();
    nodes.sort_by(|a, b| a.hostname.cmp(&b.hostname).then(a.id.cmp(&b.id)));
    Ok(Json(
        nodes.into_iter().map(|n| node_view(&mgr, n)).collect(),
    ))
}

async fn inspect_node(State(mgr): Mgr, Path(id): Path<String>) -> HttpResult<NodeView> {
    let state = mgr.state();
    let n = resolve(state.nodes.values(), &id)?;
    Ok(Json(node_view(&mgr, n)))
}

async fn update_node(
    State(mgr): Mgr,
    Path(id): Path<String>,
    ApiJson(req): ApiJson<NodeUpdateRequest>,
) -> HttpResult<NodeView> {
    let node_id = resolve(mgr.state().nodes.values(), &id)?.id.clone();
    mgr.write(Command::SetAvailability {
        id: node_id.clone(),
        availability: req.availability,
        at: now(),
    })
    .await?;
    let state = mgr.state();
    let n = state
        .nodes
        .get(&node_id)
        .ok_or_else(|| HttpError::not_found(format!("node {id} not found")))?;
    Ok(Json(node_view(&mgr, n)))
}

#[derive(Deserialize)]
struct RemoveQuery {
    #[serde(default)]
    force: bool,
}

async fn remove_node(
    State(mgr): Mgr,
    Path(id): Path<String>,
    Query(q): Query<RemoveQuery>,
) -> HttpResult<String> {
    let state = mgr.state();
    let n = resolve(state.nodes.values(), &id)?;
    if n.role == Role::Manager {
        return Err(HttpError::conflict(format!(
            "node {} is a manager and a member of the Raft group; it cannot be removed (run `shoal cluster leave --force` on it)",
            n.hostname
        )));
    }
    if n.state != NodeState::Down && !q.force {
        return Err(HttpError::conflict(format!(
            "node {} is not down and can't be removed (stop its agent first, or use --force)",
            n.hostname
        )));
    }
    mgr.write(Command::RemoveNode { id: n.id.clone() }).await?;
    Ok(Json(n.id.clone()))
}

// ---- tokens and events ----

fn parse_role(role: &str) -> Result<Role, HttpError> {
    match role {
        "worker" => Ok(Role::Worker),
        "manager" => Ok(Role::Manager),
        other => Err(HttpError::bad_request(format!(
            "unknown role {other:?}: use worker or manager"
        ))),
    }
}

fn token_response(mgr: &Manager, role: Role) -> HttpResult<TokenResponse> {
    let state = mgr.state();
    let cluster = state
        .cluster
        .as_ref()
        .ok_or_else(|| HttpError::unavailable("the cluster is not initialized"))?;
    let ca = Ca {
        cert_pem: cluster.ca_cert_pem.clone(),
        key_pem: String::new(),
    };
    let digest = ca
        .digest()
        .map_err(|e| HttpError::internal(e.to_string()))?;
    let secret = match role {
        Role::Worker => &cluster.worker_secret,
        Role::Manager => &cluster.manager_secret,
    };
    Ok(Json(TokenResponse {
        role,
        token: JoinToken::new(&digest, secret).to_string(),
        manager_addr: mgr.me.api_addr(),
    }))
}

async fn join_token(State(mgr): Mgr, Path(role): Path<String>) -> HttpResult<TokenResponse> {
    token_response(&mgr, parse_role(&role)?)
}

async fn rotate_token(State(mgr): Mgr, Path(role): Path<String>) -> HttpResult<TokenResponse> {
    let role = parse_role(&role)?;
    mgr.write(Command::RotateSecret {
        role,
        secret: token::new_secret(),
    })
    .await?;
    tracing::info!(?role, "join token rotated");
    token_response(&mgr, role)
}

async fn events(State(mgr): Mgr) -> Response {
    let rx = mgr.subscribe();
    let stream = futures::stream::unfold(rx, |mut rx| async move {
        loop {
            match rx.recv().await {
                Ok(e) => {
                    let mut line = serde_json::to_vec(&e).unwrap_or_default();
                    line.push(b'\n');
                    return Some((Ok::<_, std::io::Error>(Bytes::from(line)), rx));
                }
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => continue,
                Err(tokio::sync::broadcast::error::RecvError::Closed) => return None,
            }
        }
    });
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/x-ndjson")],
        Body::from_stream(stream),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manager::state::tests::node;

    #[test]
    fn resolves_by_id_name_and_prefix() {
        let mut a = node("abc111", 1, Role::Manager);
        a.hostname = "node-1".into();
        let mut b = node("abd222", 2, Role::Worker);
        b.hostname = "node-2".into();
        let nodes = [a, b];
        assert_eq!(resolve(nodes.iter(), "abc111").unwrap().hostname, "node-1");
        assert_eq!(resolve(nodes.iter(), "node-2").unwrap().id, "abd222");
        assert_eq!(resolve(nodes.iter(), "abd").unwrap().id, "abd222");
        assert_eq!(
            resolve(nodes.iter(), "ab").unwrap_err().status,
            StatusCode::CONFLICT
        );
        assert_eq!(
            resolve(nodes.iter(), "zz").unwrap_err().status,
            StatusCode::NOT_FOUND
        );
    }
}
