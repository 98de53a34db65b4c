//! The agent's local API, on its Unix socket: what this node is (`/v1/info`), becoming
//! a member (`init`, `join`, `leave`), and, on managers, everything the manager serves
//! to operators (passed through to its user routes).
//!
//! And the node API, on the cluster port, for managers only: a task's log
//! (`/v1/node/tasks/{id}/logs`) and a command in a task (`/v1/node/tasks/{id}/exec`).

use std::sync::Arc;

use axum::{
    Extension, Json, Router,
    extract::{Path, Query, Request, State},
    http::{StatusCode, header},
    middleware::{self, Next},
    response::{IntoResponse, Response},
    routing::{get, post},
};
use tower::ServiceExt as _;

use super::{Agent, Role, exec, supervisor::Supervisor};
use crate::api::{
    exec::{ExecParams, PROTOCOL},
    http::{ApiJson, HttpError, HttpResult, ndjson},
    serve::Caller,
    types::*,
};

type Ag = State<Arc<Agent>>;

pub fn local_router(agent: Arc<Agent>) -> Router {
    Router::new()
        .route("/v1/info", get(info))
        .route("/v1/gossip", get(gossip))
        .route("/v1/cluster/init", post(init))
        .route("/v1/cluster/join", post(join))
        .route("/v1/cluster/leave", post(leave))
        .fallback(to_manager)
        .with_state(agent)
}

async fn info(State(agent): Ag) -> Json<Info> {
    let role = agent.role.lock().await;
    let mut info = Info {
        node_name: agent.cfg.node_name.clone(),
        state: "inactive".into(),
        node_id: None,
        cluster_id: None,
        managers: Vec::new(),
        is_leader: false,
        version: env!("CARGO_PKG_VERSION").to_string(),
        gossip: None,
    };
    if let Role::Member(m) = &*role {
        let ms = m.membership.lock().await;
        info.state = wire_name(&ms.role);
        info.node_id = Some(ms.node_id.clone());
        info.cluster_id = Some(ms.cluster_id.clone());
        info.managers = ms.managers.clone();
        info.is_leader = m.manager.as_ref().is_some_and(|mgr| mgr.is_leader());
        info.gossip = m.gossip.borrow().as_ref().map(|g| g.stats());
    }
    Json(info)
}

/// `GET /v1/gossip`: this node's gossip stats and what it knows of the others.
async fn gossip(State(agent): Ag) -> HttpResult<GossipView> {
    let running = match &*agent.role.lock().await {
        Role::Member(m) => m.gossip.borrow().clone(),
        Role::Inactive => None,
    };
    let g = running.ok_or_else(|| {
        HttpError::unavailable(
            "gossip is not running (not a member, or no key from the managers yet)",
        )
    })?;
    let remote = g.remote().borrow().clone();
    Ok(Json(GossipView {
        stats: g.stats(),
        peers: remote
            .peers
            .into_values()
            .map(|p| GossipPeerView {
                node_id: p.node_id,
                vtep: p.vtep,
                endpoints: p.endpoints,
            })
            .collect(),
    }))
}

async fn init(State(agent): Ag, ApiJson(req): ApiJson<InitRequest>) -> HttpResult<InitResponse> {
    agent.init(req).await.map(Json)
}

async fn join(State(agent): Ag, ApiJson(req): ApiJson<JoinRequest>) -> HttpResult<JoinResponse> {
    agent.join(req).await.map(Json)
}

async fn leave(State(agent): Ag, ApiJson(req): ApiJson<LeaveRequest>) -> HttpResult<()> {
    agent.leave(req).await.map(Json)
}

/// Everything else is the manager's, if this node is one.
async fn to_manager(State(agent): Ag, req: Request) -> Response {
    let manager = match &*agent.role.lock().await {
        Role::Member(m) => m.manager.clone(),
        Role::Inactive => {
            return HttpError::unavailable(
                "this node is not part of a cluster: run `shoal cluster init`, or `shoal cluster join` with a token",
            )
            .into_response();
        }
    };
    match manager {
        Some(mgr) => match crate::manager::api::user_router(mgr).oneshot(req).await {
            Ok(resp) => resp,
            Err(never) => match never {},
        },
        None => HttpError::unavailable(
            "this node is a worker, not a manager: run this on a manager, or point --host at one",
        )
        .into_response(),
    }
}

pub fn node_router(supervisor: Arc<Supervisor>) -> Router {
    Router::new()
        .route("/v1/node/tasks/{id}/logs", get(task_logs))
        .route("/v1/node/tasks/{id}/exec", post(task_exec))
        .layer(middleware::from_fn(managers_only))
        .with_state(supervisor)
}

async fn managers_only(Extension(caller): Extension<Caller>, req: Request, next: Next) -> Response {
    match caller {
        Caller::Node(id) if id.role == crate::manager::state::Role::Manager => next.run(req).await,
        _ => HttpError::forbidden("only managers may call the node API").into_response(),
    }
}

#[derive(serde::Deserialize)]
struct LogQuery {
    tail: Option<usize>,
    #[serde(default)]
    follow: bool,
}

async fn task_logs(
    State(sup): State<Arc<Supervisor>>,
    Path(id): Path<String>,
    Query(q): Query<LogQuery>,
) -> Response {
    let dir = sup.task_dir(&id);
    if !dir.is_dir() {
        return HttpError::not_found(format!("no log of task {id} on this node")).into_response();
    }
    let (tx, rx) = tokio::sync::mpsc::channel(256);
    tokio::spawn(super::logs::send(dir, q.tail, q.follow, tx));
    ndjson(rx)
}

async fn task_exec(
    State(sup): State<Arc<Supervisor>>,
    Path(id): Path<String>,
    mut req: Request,
) -> Response {
    let params = match ExecParams::from_query(req.uri().query().unwrap_or("")) {
        Ok(p) => p,
        Err(e) => return HttpError::bad_request(e).into_response(),
    };
    let not_running = || HttpError::conflict(format!("task {id} is not running")).into_response();
    let Some(pid) = sup.pid_of(&id) else {
        return not_running();
    };
    let prepared = match exec::prepare(pid, &params) {
        Ok(p) => p,
        Err(exec::ExecError::Gone) => return not_running(),
        Err(e) => {
            return HttpError::new(StatusCode::UNPROCESSABLE_ENTITY, e.to_string()).into_response();
        }
    };
    let upgrade = hyper::upgrade::on(&mut req);
    tokio::spawn(async move {
        match upgrade.await {
            Ok(io) => exec::run(prepared, hyper_util::rt::TokioIo::new(io)).await,
            Err(e) => tracing::warn!(%e, "exec: the connection was not upgraded"),
        }
    });
    (
        StatusCode::SWITCHING_PROTOCOLS,
        [(header::CONNECTION, "upgrade"), (header::UPGRADE, PROTOCOL)],
    )
        .into_response()
}
