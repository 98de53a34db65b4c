//! The heartbeat every node sends to the managers, every 5 s: it keeps the node
//! `ready`, and its answer keeps the node's list of managers current (leader first).

use std::{sync::Arc, time::Duration};

use rustls::ClientConfig;
use tokio::sync::{Mutex, watch};

use super::identity::{DataDir, Membership};
use crate::{
    api::{
        client::Client,
        types::{HeartbeatRequest, HeartbeatResponse},
    },
    manager::heartbeat::PERIOD,
};

/// How the loop ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Ended {
    Shutdown,
    /// The leader says this node is no longer in the cluster.
    Removed,
}

/// Sends heartbeats until shutdown or removal.
pub async fn heartbeats(
    data: DataDir,
    membership: Arc<Mutex<Membership>>,
    tls: Arc<ClientConfig>,
    mut shutdown: watch::Receiver<bool>,
) -> Ended {
    loop {
        let managers = membership.lock().await.managers.clone();
        match beat(&managers, &tls).await {
            Ok(resp) => {
                let mut m = membership.lock().await;
                if !resp.managers.is_empty() && resp.managers != m.managers {
                    m.managers = resp.managers;
                    if let Err(e) = data.save_membership(&m) {
                        tracing::warn!(%e, "cannot save the list of managers");
                    }
                }
            }
            Err(Beat::Removed(msg)) => {
                tracing::error!(%msg, "this node was removed from the cluster");
                return Ended::Removed;
            }
            Err(Beat::Failed(msg)) => tracing::warn!(%msg, "heartbeat failed"),
        }
        tokio::select! {
            _ = shutdown.wait_for(|s| *s) => return Ended::Shutdown,
            _ = tokio::time::sleep(PERIOD) => {}
        }
    }
}

enum Beat {
    Removed(String),
    Failed(String),
}

/// One heartbeat, to the first manager that answers.
async fn beat(managers: &[String], tls: &Arc<ClientConfig>) -> Result<HeartbeatResponse, Beat> {
    let mut errors = Vec::new();
    for addr in managers {
        let client =
            Client::tls(addr.clone(), tls.clone()).with_connect_timeout(Duration::from_secs(2));
        let body = HeartbeatRequest {
            routes: super::addr::host_routes(),
        };
        match client
            .post::<_, HeartbeatResponse>("/v1/heartbeat", &body)
            .await
        {
            Ok(r) => return Ok(r),
            Err(e) if e.status() == Some(hyper::StatusCode::GONE) => {
                return Err(Beat::Removed(e.to_string()));
            }
            Err(e) => errors.push(format!("{addr}: {e}")),
        }
    }
    Err(Beat::Failed(if errors.is_empty() {
        "no managers known".into()
    } else {
        errors.join("; ")
    }))
}
