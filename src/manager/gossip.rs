//! The managers' side of gossip: the cluster's gossip key (made at init, rotated by
//! `shoal cluster rotate-gossip-key`, added by the leader to a state from before
//! gossip) and what each node needs to gossip (keys and seeds), streamed to members
//! over mutual TLS on every change.

use std::{sync::Arc, time::Duration};

use axum::{
    Extension, Json,
    body::{Body, Bytes},
    extract::State,
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};
use rand::Rng;
use tokio::sync::watch;

use super::{
    Manager,
    api::now,
    state::{ClusterState, Command, GossipKey},
};
use crate::{
    agent::identity::join_host_port,
    api::{
        http::{HttpError, HttpResult},
        serve::Caller,
        types::{GossipKeyRotated, GossipKeyWire, GossipSetup},
    },
};

/// A new random key whose id differs from the keys in use.
pub fn new_key(state: &ClusterState) -> GossipKey {
    let mut rng = rand::thread_rng();
    let in_use: Vec<u32> = state
        .cluster
        .iter()
        .flat_map(|c| c.gossip.current.iter().chain(c.gossip.previous.iter()))
        .map(|k| k.id)
        .collect();
    let id = loop {
        let id: u32 = rng.r#gen();
        if id != 0 && !in_use.contains(&id) {
            break id;
        }
    };
    GossipKey {
        id,
        key: hex::encode(rng.r#gen::<[u8; 32]>()),
        created_at: now(),
    }
}

/// What `node_id` needs to gossip: the keys, current first, and every other node's
/// gossip address. `None` until the cluster has a key.
pub fn setup(state: &ClusterState, node_id: &str) -> Option<GossipSetup> {
    let cluster = state.cluster.as_ref()?;
    let current = cluster.gossip.current.as_ref()?;
    let keys = std::iter::once(current)
        .chain(cluster.gossip.previous.as_ref())
        .map(|k| GossipKeyWire {
            id: k.id,
            key: k.key.clone(),
        })
        .collect();
    let seeds = state
        .nodes
        .values()
        .filter(|n| n.id != node_id)
        .map(|n| join_host_port(&n.addr, n.gossip_port))
        .collect();
    Some(GossipSetup {
        cluster_id: cluster.id.clone(),
        keys,
        seeds,
    })
}

/// `GET /v1/dispatcher/gossip`: newline-delimited JSON, the setup now and on change.
pub async fn watch_setup(
    State(mgr): State<Arc<Manager>>,
    Extension(caller): Extension<Caller>,
) -> Result<Response, HttpError> {
    let Caller::Node(id) = caller else {
        return Err(HttpError::forbidden("only cluster members may call this"));
    };
    let node = id.node_id;
    let stream =
        futures::stream::unfold((mgr.watch(), None::<GossipSetup>), move |(mut rx, last)| {
            let node = node.clone();
            async move {
                loop {
                    let current = setup(&rx.borrow_and_update().clone(), &node);
                    if current.is_some() && current != last {
                        let mut line = serde_json::to_vec(&current).unwrap_or_default();
                        line.push(b'\n');
                        return Some((Ok::<_, std::io::Error>(Bytes::from(line)), (rx, current)));
                    }
                    if rx.changed().await.is_err() {
                        return None;
                    }
                }
            }
        });
    Ok((
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/x-ndjson")],
        Body::from_stream(stream),
    )
        .into_response())
}

/// `POST /v1/cluster/gossip-key/rotate`: a new current key; the current one stays
/// accepted until the next rotation.
pub async fn rotate(State(mgr): State<Arc<Manager>>) -> HttpResult<GossipKeyRotated> {
    let key = new_key(&mgr.state());
    mgr.write(Command::RotateGossipKey {
        key,
        if_missing: false,
    })
    .await?;
    let state = mgr.state();
    let keys = state
        .cluster
        .as_ref()
        .map(|c| c.gossip.clone())
        .unwrap_or_default();
    let hex_id = |k: &GossipKey| format!("{:08x}", k.id);
    tracing::info!(key = ?keys.current, "gossip key rotated");
    Ok(Json(GossipKeyRotated {
        key_id: keys.current.as_ref().map(hex_id).unwrap_or_default(),
        previous_key_id: keys.previous.as_ref().map(hex_id),
    }))
}

/// The leader gives a cluster from before gossip its first key.
pub async fn ensure_key(mgr: Arc<Manager>, mut shutdown: watch::Receiver<bool>) {
    loop {
        let state = mgr.state();
        let missing = state
            .cluster
            .as_ref()
            .is_some_and(|c| c.gossip.current.is_none());
        if missing && mgr.is_leader() {
            let cmd = Command::RotateGossipKey {
                key: new_key(&state),
                if_missing: true,
            };
            match mgr.write(cmd).await {
                Ok(_) => tracing::info!("the cluster had no gossip key: made one"),
                Err(e) => tracing::warn!(error = %e.message, "cannot make a gossip key"),
            }
        }
        tokio::select! {
            _ = shutdown.wait_for(|s| *s) => return,
            _ = tokio::time::sleep(Duration::from_secs(2)) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manager::state::{
        Role,
        tests::{cluster, node},
    };

    #[test]
    fn setup_lists_keys_current_first_and_the_other_nodes() {
        let mut s = ClusterState::default();
        assert_eq!(setup(&s, "a"), None);
        let mut b = node("b", 2, Role::Worker);
        b.addr = "192.0.2.2".into();
        b.gossip_port = 8000;
        s.apply(
            1,
            &Command::Init {
                cluster: cluster().into(),
                node: node("a", 1, Role::Manager),
            },
        )
        .unwrap();
        s.apply(2, &Command::PutNode(b)).unwrap();
        assert_eq!(setup(&s, "a"), None, "no key yet");
        let k1 = new_key(&s);
        assert_eq!(k1.key.len(), 64);
        s.apply(
            3,
            &Command::RotateGossipKey {
                key: k1.clone(),
                if_missing: false,
            },
        )
        .unwrap();
        let k2 = new_key(&s);
        assert_ne!(k1.id, k2.id);
        s.apply(
            4,
            &Command::RotateGossipKey {
                key: k2.clone(),
                if_missing: false,
            },
        )
        .unwrap();
        let got = setup(&s, "a").unwrap();
        assert_eq!(got.cluster_id, "c1");
        assert_eq!(
            got.keys.iter().map(|k| k.id).collect::<Vec<_>>(),
            [k2.id, k1.id]
        );
        assert_eq!(got.seeds, ["192.0.2.2:8000"]);
        assert_eq!(setup(&s, "b").unwrap().seeds, ["192.0.2.1:7946"]);
    }
}
