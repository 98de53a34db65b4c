//! The agent's local API, on its Unix socket: what this node is (`/v1/info`), becoming
//! a member (`init`, `join`, `leave`), and, on managers, everything the manager serves
//! to operators (passed through to its user routes).

use std::sync::Arc;

use axum::{
    Json, Router,
    extract::{Request, State},
    response::{IntoResponse, Response},
    routing::{get, post},
};
use tower::ServiceExt as _;

use super::{Agent, Role};
use crate::api::{
    http::{ApiJson, HttpError, HttpResult},
    types::*,
};

type Ag = State<Arc<Agent>>;

pub fn local_router(agent: Arc<Agent>) -> Router {
    Router::new()
        .route("/v1/info", get(info))
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
    };
    if let Role::Member(m) = &*role {
        let ms = m.membership.lock().await;
        info.state = wire_name(&ms.role);
        info.node_id = Some(ms.node_id.clone());
        info.cluster_id = Some(ms.cluster_id.clone());
        info.managers = ms.managers.clone();
        info.is_leader = m.manager.as_ref().is_some_and(|mgr| mgr.is_leader());
    }
    Json(info)
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
