//! The agent's side of the dispatcher: watch this node's assignments and report what
//! becomes of each task. There is no task runtime yet, so the agent reports only what
//! is true: it has `accepted` a task it was given, and a task it was told to stop is
//! `shutdown` (nothing of it runs). It never claims `running`.

use std::{sync::Arc, time::Duration};

use futures::StreamExt;
use rustls::ClientConfig;
use tokio::sync::{Mutex, watch};

use super::identity::Membership;
use crate::{
    api::{
        client::Client,
        types::{Assignments, TaskReport},
    },
    manager::objects::TaskState,
};

/// What the agent reports for its assignments now.
pub fn reports(a: &Assignments) -> Vec<TaskReport> {
    a.tasks
        .iter()
        .filter_map(|t| {
            let (state, message) = match t.desired_state {
                // Only assigned tasks are this node's to accept; a pending one (say, with
                // no address yet) waits for the manager.
                TaskState::Running if t.status.state == TaskState::Assigned => {
                    (TaskState::Accepted, "accepted")
                }
                TaskState::Shutdown
                    if (TaskState::Assigned..=TaskState::Running).contains(&t.status.state) =>
                {
                    (TaskState::Shutdown, "shutdown")
                }
                _ => return None,
            };
            Some(TaskReport {
                id: t.id.clone(),
                state,
                message: message.into(),
                err: String::new(),
            })
        })
        .collect()
}

/// Follows the assignments stream until shutdown, reconnecting to any manager.
pub async fn follow(
    membership: Arc<Mutex<Membership>>,
    tls: Arc<ClientConfig>,
    mut shutdown: watch::Receiver<bool>,
) {
    loop {
        let managers = membership.lock().await.managers.clone();
        for addr in managers {
            let client =
                Client::tls(addr.clone(), tls.clone()).with_connect_timeout(Duration::from_secs(2));
            tokio::select! {
                _ = shutdown.wait_for(|s| *s) => return,
                r = session(&client) => match r {
                    Ok(()) => tracing::info!(manager = %addr, "assignments stream ended"),
                    Err(e) => tracing::debug!(manager = %addr, %e, "assignments stream failed"),
                },
            }
        }
        tokio::select! {
            _ = shutdown.wait_for(|s| *s) => return,
            _ = tokio::time::sleep(Duration::from_secs(1)) => {}
        }
    }
}

async fn session(client: &Client) -> anyhow::Result<()> {
    let stream = client
        .stream::<Assignments>("/v1/dispatcher/assignments")
        .await?;
    futures::pin_mut!(stream);
    while let Some(a) = stream.next().await {
        let r = reports(&a?);
        if !r.is_empty() {
            client.post::<_, ()>("/v1/dispatcher/status", &r).await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manager::objects::{Task, TaskStatus};

    fn task(id: &str, desired: TaskState, state: TaskState) -> Task {
        Task {
            id: id.into(),
            service_id: "s".into(),
            slot: 1,
            node_id: "n".into(),
            desired_state: desired,
            status: TaskStatus {
                state,
                message: String::new(),
                err: String::new(),
                timestamp: String::new(),
            },
            addresses: vec![],
            created_at: String::new(),
            version: 0,
        }
    }

    #[test]
    fn acks_only_what_is_true() {
        let a = Assignments {
            tasks: vec![
                task("new", TaskState::Running, TaskState::Assigned),
                task("waiting", TaskState::Running, TaskState::Pending),
                task("known", TaskState::Running, TaskState::Accepted),
                task("stop", TaskState::Shutdown, TaskState::Accepted),
                task("gone", TaskState::Shutdown, TaskState::Shutdown),
            ],
            networks: vec![],
            services: vec![],
        };
        let r: Vec<(String, TaskState)> =
            reports(&a).into_iter().map(|r| (r.id, r.state)).collect();
        assert_eq!(
            r,
            [
                ("new".into(), TaskState::Accepted),
                ("stop".into(), TaskState::Shutdown)
            ]
        );
        assert!(
            r.iter().all(|(_, s)| *s != TaskState::Running),
            "never a fake running"
        );
    }
}
