//! What managers fetch from the nodes for operators: task logs (`service logs`) and
//! commands in tasks (`exec`). The manager finds which node runs a task and asks that
//! node's agent on the cluster port (mutual TLS), so the operator needs to reach only
//! a manager.

use std::{collections::BTreeSet, sync::Arc};

use axum::{
    Router,
    extract::{Path, Query, Request, State},
    http::{StatusCode, header},
    response::{IntoResponse, Response},
    routing::{get, post},
};
use futures::StreamExt;
use hyper::Method;
use tokio::sync::mpsc;

use super::{
    Manager,
    objects::{Task, TaskState},
    objects_api::{find_service, task_name},
    state::ClusterState,
};
use crate::{
    agent::runtime::shim::Record,
    api::{
        exec::{ExecParams, PROTOCOL},
        http::{HttpError, ndjson},
        types::LogLine,
    },
};

type Mgr = State<Arc<Manager>>;

pub fn router(mgr: Arc<Manager>) -> Router {
    Router::new()
        .route("/v1/logs/{target}", get(logs))
        .route("/v1/tasks/{id}/exec", post(exec))
        .with_state(mgr)
}

/// A task by ID, unique ID prefix, `SERVICE.SLOT` (its current task) or
/// `SERVICE.SLOT.ID` (a task's hostname).
pub fn find_task<'a>(state: &'a ClusterState, reference: &str) -> Result<&'a Task, HttpError> {
    if let Some(t) = state.tasks.get(reference) {
        return Ok(t);
    }
    let mut found: Vec<&Task> = state
        .tasks
        .values()
        .filter(|t| task_name(state, t) == reference)
        .collect();
    // The slot's current task, else its most recent one.
    found.sort_by_key(|t| (t.desired_state == TaskState::Running, t.created_at.clone()));
    if let Some(t) = found.last() {
        return Ok(t);
    }
    if let Some((name, id)) = reference.rsplit_once('.')
        && let Some(t) = state.tasks.get(id)
        && task_name(state, t) == name
    {
        return Ok(t);
    }
    let by_prefix: Vec<&Task> = state
        .tasks
        .values()
        .filter(|t| t.id.starts_with(reference))
        .collect();
    match by_prefix.as_slice() {
        [t] => Ok(t),
        [] => Err(HttpError::not_found(format!("no such task: {reference}"))),
        more => Err(HttpError::conflict(format!(
            "task reference {reference} is ambiguous ({} tasks match)",
            more.len()
        ))),
    }
}

#[derive(serde::Deserialize)]
struct LogQuery {
    tail: Option<usize>,
    #[serde(default)]
    follow: bool,
}

/// Whose logs `target` (a service, else a task) asks for.
fn log_tasks(state: &ClusterState, target: &str) -> Result<(Option<String>, Vec<Task>), HttpError> {
    if let Ok(svc) = find_service(state, target) {
        let mut tasks: Vec<Task> = state
            .tasks
            .values()
            .filter(|t| t.service_id == svc.id)
            .cloned()
            .collect();
        tasks.sort_by(|a, b| (a.slot, &a.created_at).cmp(&(b.slot, &b.created_at)));
        return Ok((Some(svc.id.clone()), tasks));
    }
    match find_task(state, target) {
        Ok(t) => Ok((None, vec![t.clone()])),
        Err(_) => Err(HttpError::not_found(format!(
            "no such task or service: {target}"
        ))),
    }
}

/// `GET /v1/logs/{service or task}?tail=N&follow=true`: newline-delimited `LogLine`s.
/// Without follow, each task's lines come together, tasks in slot order; with it,
/// lines come as they are written, and tasks that start later join in.
async fn logs(State(mgr): Mgr, Path(target): Path<String>, Query(q): Query<LogQuery>) -> Response {
    let state = mgr.state();
    let (service, tasks) = match log_tasks(&state, &target) {
        Ok(x) => x,
        Err(e) => return e.into_response(),
    };
    let (tx, rx) = mpsc::channel::<LogLine>(1024);
    if q.follow {
        tokio::spawn(follow_all(mgr.clone(), service, tasks, q.tail, tx));
    } else {
        tokio::spawn(async move {
            // Fetched side by side, sent in order.
            let fetches = tasks.into_iter().map(|t| {
                let mgr = mgr.clone();
                async move {
                    let (one_tx, mut one_rx) = mpsc::channel(4096);
                    let fetch = task_log(&mgr, &t, q.tail, false, one_tx);
                    let collect = async {
                        let mut lines = Vec::new();
                        while let Some(l) = one_rx.recv().await {
                            lines.push(l);
                        }
                        lines
                    };
                    let ((), lines) = tokio::join!(fetch, collect);
                    lines
                }
            });
            for lines in futures::future::join_all(fetches).await {
                for l in lines {
                    if tx.send(l).await.is_err() {
                        return;
                    }
                }
            }
        });
    }
    ndjson(rx)
}

/// Follows the given tasks' logs, and those of the service's tasks created later.
async fn follow_all(
    mgr: Arc<Manager>,
    service: Option<String>,
    tasks: Vec<Task>,
    tail: Option<usize>,
    tx: mpsc::Sender<LogLine>,
) {
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for t in tasks {
        seen.insert(t.id.clone());
        let (mgr, tx) = (mgr.clone(), tx.clone());
        tokio::spawn(async move { task_log(&mgr, &t, tail, true, tx).await });
    }
    let Some(service) = service else {
        return tx.closed().await;
    };
    let mut changes = mgr.watch();
    loop {
        tokio::select! {
            _ = tx.closed() => return,
            changed = changes.changed() => if changed.is_err() { return },
        }
        let state = changes.borrow_and_update().clone();
        for t in state.tasks.values() {
            let started = t.status.state >= TaskState::Preparing;
            if t.service_id == service && started && seen.insert(t.id.clone()) {
                let (mgr, tx, t) = (mgr.clone(), tx.clone(), t.clone());
                tokio::spawn(async move { task_log(&mgr, &t, None, true, tx).await });
            }
        }
    }
}

/// Streams one task's log from its node into `tx`; a node that cannot be read says so
/// in a line of stream `error`.
async fn task_log(
    mgr: &Manager,
    t: &Task,
    tail: Option<usize>,
    follow: bool,
    tx: mpsc::Sender<LogLine>,
) {
    let state = mgr.state();
    let Some(node) = state.nodes.get(&t.node_id) else {
        return;
    };
    let line = |stream: &str, time: String, log: String| LogLine {
        task_id: t.id.clone(),
        task_name: task_name(&state, t),
        node_id: node.id.clone(),
        node_name: node.hostname.clone(),
        stream: stream.to_string(),
        time,
        log,
    };
    let mut path = format!("/v1/node/tasks/{}/logs?follow={follow}", t.id);
    if let Some(n) = tail {
        path.push_str(&format!("&tail={n}"));
    }
    let stream = match mgr.node_client(node).stream::<Record>(&path).await {
        Ok(s) => s,
        // A task that never started on its node has no log.
        Err(e) if e.status() == Some(StatusCode::NOT_FOUND) => return,
        Err(e) => {
            let why = format!("cannot read the log of {} on {}: {e}", t.id, node.hostname);
            let _ = tx.send(line("error", String::new(), why)).await;
            return;
        }
    };
    futures::pin_mut!(stream);
    loop {
        tokio::select! {
            _ = tx.closed() => return,
            item = stream.next() => match item {
                Some(Ok(r)) => {
                    if tx.send(line(&r.stream, r.time, r.log)).await.is_err() {
                        return;
                    }
                }
                Some(Err(e)) => {
                    let why = format!("the log of {} on {} ended: {e}", t.id, node.hostname);
                    let _ = tx.send(line("error", String::new(), why)).await;
                    return;
                }
                None => return,
            }
        }
    }
}

/// `POST /v1/tasks/{id}/exec?cmd=...` with `Upgrade: shoal-exec`: asks the task's node
/// for the same, and joins the two connections.
async fn exec(State(mgr): Mgr, Path(reference): Path<String>, mut req: Request) -> Response {
    let params = match ExecParams::from_query(req.uri().query().unwrap_or("")) {
        Ok(p) => p,
        Err(e) => return HttpError::bad_request(e).into_response(),
    };
    let state = mgr.state();
    let task = match find_task(&state, &reference) {
        Ok(t) => t,
        Err(e) => return e.into_response(),
    };
    if task.status.state != TaskState::Running || task.desired_state != TaskState::Running {
        return HttpError::conflict(format!(
            "task {reference} is not running (it is {})",
            crate::api::types::wire_name(&task.status.state)
        ))
        .into_response();
    }
    let Some(node) = state.nodes.get(&task.node_id) else {
        return HttpError::conflict(format!("task {reference} has no node")).into_response();
    };
    let path = format!("/v1/node/tasks/{}/exec?{}", task.id, params.to_query());
    let mut remote = match mgr
        .node_client(node)
        .upgrade(Method::POST, &path, PROTOCOL)
        .await
    {
        Ok(io) => io,
        Err(crate::api::client::ClientError::Api { status, message }) => {
            return HttpError::new(status, message).into_response();
        }
        Err(e) => {
            return HttpError::new(
                StatusCode::BAD_GATEWAY,
                format!("cannot reach node {}: {e}", node.hostname),
            )
            .into_response();
        }
    };
    let upgrade = hyper::upgrade::on(&mut req);
    tokio::spawn(async move {
        if let Ok(client) = upgrade.await {
            let mut client = hyper_util::rt::TokioIo::new(client);
            let _ = tokio::io::copy_bidirectional(&mut client, &mut remote).await;
        }
    });
    (
        StatusCode::SWITCHING_PROTOCOLS,
        [(header::CONNECTION, "upgrade"), (header::UPGRADE, PROTOCOL)],
    )
        .into_response()
}
