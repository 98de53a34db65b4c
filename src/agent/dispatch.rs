//! The agent's side of the dispatcher: follow this node's assignments, hand them to the
//! supervisor, and send what the supervisor reports back to the managers.

use std::{sync::Arc, time::Duration};

use futures::StreamExt;
use rustls::ClientConfig;
use tokio::sync::{Mutex, mpsc, watch};

use super::{identity::Membership, supervisor::Supervisor};
use crate::api::{
    client::Client,
    types::{Assignments, TaskReport},
};

/// Follows the assignments stream until shutdown, reconnecting to any manager.
pub async fn follow(
    membership: Arc<Mutex<Membership>>,
    tls: Arc<ClientConfig>,
    supervisor: Arc<Supervisor>,
    mut reports: mpsc::UnboundedReceiver<TaskReport>,
    mut shutdown: watch::Receiver<bool>,
) {
    loop {
        let managers = membership.lock().await.managers.clone();
        for addr in managers {
            let client =
                Client::tls(addr.clone(), tls.clone()).with_connect_timeout(Duration::from_secs(2));
            tokio::select! {
                _ = shutdown.wait_for(|s| *s) => return,
                r = session(&client, &supervisor, &mut reports) => match r {
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

async fn session(
    client: &Client,
    supervisor: &Arc<Supervisor>,
    reports: &mut mpsc::UnboundedReceiver<TaskReport>,
) -> anyhow::Result<()> {
    let stream = client
        .stream::<Assignments>("/v1/dispatcher/assignments")
        .await?;
    futures::pin_mut!(stream);
    loop {
        tokio::select! {
            a = stream.next() => match a {
                Some(a) => {
                    // Starting tasks and their network is blocking work: off the runtime.
                    let (sup, a) = (supervisor.clone(), a?);
                    tokio::task::spawn_blocking(move || sup.sync(&a)).await?;
                }
                None => return Ok(()),
            },
            Some(first) = reports.recv() => {
                let mut batch = vec![first];
                while let Ok(more) = reports.try_recv() {
                    batch.push(more);
                }
                client.post::<_, ()>("/v1/dispatcher/status", &batch).await?;
            }
        }
    }
}
