//! The dispatcher: each node watches its assignments (its tasks, with the networks and
//! services they need) as a stream over mutual TLS, and reports its tasks' states back.

use std::sync::Arc;

use axum::{
    Extension, Json,
    body::{Body, Bytes},
    extract::State,
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};

use super::{
    Manager,
    api::now,
    objects::{TaskState, TaskStatus},
    state::{ClusterState, Command},
};
use crate::api::{
    http::{ApiJson, HttpError, HttpResult},
    serve::Caller,
    types::{Assignments, TaskReport},
};

/// Everything `node_id` needs: its live tasks and the tasks it must still stop.
pub fn assignments(state: &ClusterState, node_id: &str) -> Assignments {
    let tasks: Vec<_> = state
        .tasks
        .values()
        .filter(|t| t.node_id == node_id && t.status.state >= TaskState::Assigned)
        .filter(|t| t.desired_state == TaskState::Running || !t.status.state.is_terminal())
        .cloned()
        .collect();
    let mut services: Vec<_> = tasks
        .iter()
        .filter_map(|t| state.services.get(&t.service_id))
        .cloned()
        .collect();
    services.sort_by(|a, b| a.id.cmp(&b.id));
    services.dedup_by(|a, b| a.id == b.id);
    let mut networks: Vec<_> = services
        .iter()
        .flat_map(|s| s.spec.networks.iter())
        .filter_map(|n| state.networks.get(n))
        .cloned()
        .collect();
    networks.sort_by(|a, b| a.id.cmp(&b.id));
    networks.dedup_by(|a, b| a.id == b.id);
    // Every service on those networks, for the names (and VIPs) tasks here may ask
    // their DNS about.
    let on_networks: Vec<_> = state
        .services
        .values()
        .filter(|s| !services.iter().any(|x| x.id == s.id))
        .filter(|s| {
            s.spec
                .networks
                .iter()
                .any(|n| networks.iter().any(|x| &x.id == n))
        })
        .cloned()
        .collect();
    services.extend(on_networks);
    services.sort_by(|a, b| a.id.cmp(&b.id));
    let current: std::collections::HashSet<&str> = tasks.iter().map(|t| t.id.as_str()).collect();
    let retained = state
        .tasks
        .values()
        .filter(|t| t.node_id == node_id && !current.contains(t.id.as_str()))
        .map(|t| t.id.clone())
        .collect();
    Assignments {
        tasks,
        networks,
        services,
        retained,
        data_path_port: state
            .cluster
            .as_ref()
            .map_or_else(crate::manager::state::default_data_path_port, |c| {
                c.data_path_port
            }),
    }
}

fn caller_node(caller: &Caller) -> Result<String, HttpError> {
    match caller {
        Caller::Node(id) => Ok(id.node_id.clone()),
        _ => Err(HttpError::forbidden("only cluster members may call this")),
    }
}

/// `GET /v1/dispatcher/assignments`: newline-delimited JSON, a full set per change.
pub async fn watch(
    State(mgr): State<Arc<Manager>>,
    Extension(caller): Extension<Caller>,
) -> Result<Response, HttpError> {
    let node = caller_node(&caller)?;
    let rx = mgr.watch();
    let stream = futures::stream::unfold(
        (rx, None::<Assignments>, true),
        move |(mut rx, last, first)| {
            let node = node.clone();
            async move {
                loop {
                    if !first && rx.changed().await.is_err() {
                        return None;
                    }
                    let current = assignments(&rx.borrow_and_update().clone(), &node);
                    if last.as_ref() != Some(&current) || first {
                        let mut line = serde_json::to_vec(&current).unwrap_or_default();
                        line.push(b'\n');
                        return Some((
                            Ok::<_, std::io::Error>(Bytes::from(line)),
                            (rx, Some(current), false),
                        ));
                    }
                }
            }
        },
    );
    Ok((
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/x-ndjson")],
        Body::from_stream(stream),
    )
        .into_response())
}

/// `POST /v1/dispatcher/status`: a node reports states of its own tasks.
pub async fn status(
    State(mgr): State<Arc<Manager>>,
    Extension(caller): Extension<Caller>,
    ApiJson(reports): ApiJson<Vec<TaskReport>>,
) -> HttpResult<()> {
    let node = caller_node(&caller)?;
    let state = mgr.state();
    let at = now();
    let updates: Vec<(String, TaskStatus)> = reports
        .into_iter()
        .filter(|r| state.tasks.get(&r.id).is_some_and(|t| t.node_id == node))
        .map(|r| {
            (
                r.id,
                TaskStatus {
                    state: r.state,
                    message: r.message,
                    err: r.err,
                    timestamp: at.clone(),
                },
            )
        })
        .collect();
    if !updates.is_empty() {
        mgr.write(Command::SetTaskStatuses(updates)).await?;
    }
    Ok(Json(()))
}
