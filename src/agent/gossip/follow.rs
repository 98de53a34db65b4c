//! Gossip inside the agent: keys and seeds come from the managers over mutual TLS
//! (`GET /v1/dispatcher/gossip`, a stream with the setup now and on every change, so a
//! rotated key reaches every node within a round trip), and the last setup is kept in
//! the data dir (`gossip.json`, root only), so gossip, and the data plane it feeds,
//! keep going after an agent restart while no manager answers.

use std::{
    net::{IpAddr, Ipv4Addr, SocketAddr},
    path::{Path, PathBuf},
    sync::Arc,
    time::Duration,
};

use futures::StreamExt;
use rustls::ClientConfig;
use tokio::sync::{Mutex, watch};

use super::{
    Gossip, GossipConfig, Timing,
    seal::{GossipKey, InvalidKey, Keyring},
};
use crate::{
    agent::identity::{Membership, write_atomic},
    api::{client::Client, types::GossipSetup},
};

pub const SETUP_FILE: &str = "gossip.json";
/// After gossip failed to start (its port taken), try again this often.
const RETRY: Duration = Duration::from_secs(5);

/// Runs this member's gossip until `shutdown`, publishing it in `slot` while it runs.
pub async fn run(
    data_dir: PathBuf,
    gossip_port: u16,
    membership: Arc<Mutex<Membership>>,
    tls: Arc<ClientConfig>,
    slot: watch::Sender<Option<Gossip>>,
    mut shutdown: watch::Receiver<bool>,
) {
    let me = membership.lock().await.clone();
    let file = data_dir.join(SETUP_FILE);
    let (setups_tx, mut setups) = watch::channel(load(&file, &me.cluster_id));
    let follower = tokio::spawn(follow_managers(
        membership,
        tls,
        setups_tx,
        file,
        shutdown.clone(),
    ));
    loop {
        let setup = setups.borrow_and_update().clone();
        let failed = match setup {
            Some(s) => apply(&me, gossip_port, &slot, &s).await.is_err(),
            None => false,
        };
        tokio::select! {
            _ = shutdown.wait_for(|s| *s) => break,
            changed = setups.changed() => if changed.is_err() { break },
            _ = tokio::time::sleep(RETRY), if failed => {}
        }
    }
    follower.abort();
    let running = slot.send_replace(None);
    if let Some(g) = running {
        g.stop().await;
    }
}

/// The keys of a setup: the first is current, the second the previous one.
pub fn keyring(setup: &GossipSetup) -> Result<Option<Keyring>, InvalidKey> {
    let mut keys = setup.keys.iter().map(|k| GossipKey::from_hex(k.id, &k.key));
    let Some(current) = keys.next().transpose()? else {
        return Ok(None);
    };
    Ok(Some(Keyring {
        current,
        previous: keys.next().transpose()?,
    }))
}

/// Starts gossip on `setup`, or gives the running one its new keys and seeds.
async fn apply(
    me: &Membership,
    port: u16,
    slot: &watch::Sender<Option<Gossip>>,
    setup: &GossipSetup,
) -> Result<(), ()> {
    if setup.cluster_id != me.cluster_id {
        tracing::warn!(cluster = %setup.cluster_id, "ignoring a gossip setup of another cluster");
        return Ok(());
    }
    let keys = match keyring(setup) {
        Ok(Some(k)) => k,
        Ok(None) => return Ok(()),
        Err(e) => {
            tracing::error!(%e, "the managers sent a gossip key that is not valid");
            return Ok(());
        }
    };
    let seeds: Vec<SocketAddr> = setup.seeds.iter().filter_map(|s| s.parse().ok()).collect();
    let running = slot.borrow().clone();
    if let Some(g) = running {
        g.set_keys(keys);
        g.set_seeds(seeds);
        return Ok(());
    }
    let Ok(IpAddr::V4(vtep)) = me.addr.parse::<IpAddr>() else {
        tracing::error!(addr = %me.addr, "gossip needs an IPv4 advertise address (the VXLAN endpoint)");
        return Ok(());
    };
    let cfg = GossipConfig {
        node_id: me.node_id.clone(),
        cluster_id: me.cluster_id.clone(),
        listen: SocketAddr::new(Ipv4Addr::UNSPECIFIED.into(), port),
        advertise: SocketAddr::new(vtep.into(), port),
        vtep,
        seeds,
        keys,
        timing: Timing::default(),
    };
    match Gossip::start(cfg).await {
        Ok(g) => {
            slot.send_replace(Some(g));
            Ok(())
        }
        Err(e) => {
            tracing::error!(%e, "gossip did not start; retrying in {RETRY:?}");
            Err(())
        }
    }
}

/// Follows the setup stream of any manager that answers, reconnecting as needed.
async fn follow_managers(
    membership: Arc<Mutex<Membership>>,
    tls: Arc<ClientConfig>,
    setups: watch::Sender<Option<GossipSetup>>,
    file: PathBuf,
    mut shutdown: watch::Receiver<bool>,
) {
    loop {
        let managers = membership.lock().await.managers.clone();
        for addr in managers {
            let client =
                Client::tls(addr.clone(), tls.clone()).with_connect_timeout(Duration::from_secs(2));
            tokio::select! {
                _ = shutdown.wait_for(|s| *s) => return,
                r = session(&client, &setups, &file) => match r {
                    Ok(()) => tracing::debug!(manager = %addr, "gossip setup stream ended"),
                    Err(e) => tracing::debug!(manager = %addr, %e, "gossip setup stream failed"),
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
    setups: &watch::Sender<Option<GossipSetup>>,
    file: &Path,
) -> anyhow::Result<()> {
    let stream = client
        .stream::<GossipSetup>("/v1/dispatcher/gossip")
        .await?;
    futures::pin_mut!(stream);
    while let Some(setup) = stream.next().await {
        let setup = setup?;
        let changed = setups.send_if_modified(|s| {
            let changed = s.as_ref() != Some(&setup);
            *s = Some(setup.clone());
            changed
        });
        if changed {
            save(file, &setup);
        }
    }
    Ok(())
}

fn load(file: &Path, cluster_id: &str) -> Option<GossipSetup> {
    let text = std::fs::read(file).ok()?;
    let setup: GossipSetup = serde_json::from_slice(&text)
        .inspect_err(
            |e| tracing::warn!(file = %file.display(), %e, "ignoring the saved gossip setup"),
        )
        .ok()?;
    (setup.cluster_id == cluster_id).then_some(setup)
}

fn save(file: &Path, setup: &GossipSetup) {
    let written = serde_json::to_vec(setup)
        .map_err(std::io::Error::other)
        .and_then(|json| write_atomic(file, &json, 0o600));
    if let Err(e) = written {
        tracing::warn!(file = %file.display(), %e, "cannot save the gossip setup");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::types::GossipKeyWire;

    fn setup(keys: &[(u32, String)]) -> GossipSetup {
        GossipSetup {
            cluster_id: "c1".into(),
            keys: keys
                .iter()
                .map(|(id, key)| GossipKeyWire {
                    id: *id,
                    key: key.clone(),
                })
                .collect(),
            seeds: vec!["192.0.2.2:7946".into()],
        }
    }

    #[test]
    fn keyrings_from_setups() {
        assert_eq!(keyring(&setup(&[])), Ok(None));
        let one = keyring(&setup(&[(1, "01".repeat(32))])).unwrap().unwrap();
        assert_eq!(one, Keyring::new(GossipKey::new(1, [1; 32])));
        let two = keyring(&setup(&[(2, "02".repeat(32)), (1, "01".repeat(32))]))
            .unwrap()
            .unwrap();
        assert_eq!(two.current.id, 2);
        assert_eq!(two.previous.map(|k| k.id), Some(1));
        assert_eq!(keyring(&setup(&[(3, "xyz".into())])), Err(InvalidKey(3)));
    }

    #[test]
    fn the_saved_setup_is_private_and_only_for_its_cluster() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(SETUP_FILE);
        assert_eq!(load(&file, "c1"), None);
        let s = setup(&[(1, "01".repeat(32))]);
        save(&file, &s);
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        assert_eq!(load(&file, "c1"), Some(s));
        assert_eq!(load(&file, "other"), None);
        std::fs::write(&file, "{broken").unwrap();
        assert_eq!(load(&file, "c1"), None);
    }
}
