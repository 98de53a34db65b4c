//! Between the supervisor, gossip and the data plane: this node's endpoints (its
//! running tasks' addresses on overlay networks) go out by gossip, and the endpoints
//! gossip knows on other live nodes become the data plane's peers (neighbour and FDB
//! entries). A node gossip declares dead leaves every table at once; it comes back
//! when it is live again.

use std::{net::Ipv4Addr, sync::Arc, time::Duration};

use tokio::sync::watch;

use super::{
    dns::Dns,
    gossip::{Endpoint, Gossip, Remote},
    net::{
        Net,
        plan::{self, Peer},
    },
    supervisor::Supervisor,
};

/// The data plane's peers: every endpoint of every other live node.
pub fn peers(remote: &Remote, me: Option<Ipv4Addr>) -> Vec<Peer> {
    let mut out: Vec<Peer> = remote
        .peers
        .values()
        .filter(|p| Some(p.vtep) != me)
        .flat_map(|p| {
            p.endpoints.iter().filter_map(move |e| {
                Some(Peer {
                    network_id: e.network_id.clone(),
                    ip: e.ip,
                    mac: plan::parse_mac(&e.mac)?,
                    vtep: p.vtep,
                })
            })
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Hands gossip this node's endpoints when they differ from what it has.
fn publish(g: &Gossip, supervisor: &Supervisor, published: &mut Option<Vec<Endpoint>>) {
    let local = supervisor.endpoints();
    if published.as_ref() != Some(&local) {
        g.set_local(local.clone());
        *published = Some(local);
    }
}

async fn stopped(stop: &mut watch::Receiver<bool>) {
    let _ = stop.wait_for(|s| *s).await;
}

/// Runs until `stop`: follows whichever gossip instance is current.
pub async fn bridge(
    supervisor: Arc<Supervisor>,
    net: Option<Arc<Net>>,
    dns: Option<Arc<Dns>>,
    vtep: Option<Ipv4Addr>,
    mut gossip: watch::Receiver<Option<Gossip>>,
    mut stop: watch::Receiver<bool>,
) {
    loop {
        let current = gossip.borrow_and_update().clone();
        let Some(g) = current else {
            tokio::select! {
                _ = stopped(&mut stop) => return,
                changed = gossip.changed() => if changed.is_err() { return },
            }
            continue;
        };
        let mut remote = g.remote();
        remote.mark_changed();
        let mut tick = tokio::time::interval(Duration::from_millis(200));
        let mut published: Option<Vec<Endpoint>> = None;
        loop {
            tokio::select! {
                _ = stopped(&mut stop) => return,
                changed = gossip.changed() => {
                    if changed.is_err() { return }
                    break;
                }
                changed = remote.changed() => {
                    if changed.is_err() { break }
                    let now = remote.borrow_and_update().clone();
                    if let Some(dns) = &dns {
                        dns.set_remote(now.clone());
                    }
                    let peers = peers(&now, vtep);
                    if let Some(net) = net.clone() {
                        // Netlink work happens on threads of its own, off the runtime.
                        let _ = tokio::task::spawn_blocking(move || net.set_peers(peers)).await;
                    }
                }
                // At once when the supervisor says so (a drain), and on a tick.
                _ = supervisor.changed.notified() => publish(&g, &supervisor, &mut published),
                _ = tick.tick() => publish(&g, &supervisor, &mut published),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agent::gossip::Peer as GossipPeer;

    fn endpoint(ip: [u8; 4]) -> Endpoint {
        let ip = Ipv4Addr::from(ip);
        Endpoint {
            network_id: "net".into(),
            task_id: format!("t{ip}"),
            task_name: "web.1".into(),
            service_id: "s".into(),
            service_name: "web".into(),
            ip,
            mac: plan::mac_string(plan::mac_for(ip)),
            aliases: vec![],
            state: "running".into(),
        }
    }

    #[test]
    fn other_nodes_endpoints_become_peers() {
        let mut remote = Remote::default();
        for (node, vtep, ip) in [
            ("n2", [192, 0, 2, 2], [10, 0, 9, 4]),
            ("n1", [192, 0, 2, 1], [10, 0, 9, 3]),
        ] {
            remote.peers.insert(
                node.into(),
                GossipPeer {
                    node_id: node.into(),
                    vtep: Ipv4Addr::from(vtep),
                    endpoints: vec![endpoint(ip)],
                },
            );
        }
        let p = peers(&remote, Some(Ipv4Addr::new(192, 0, 2, 1)));
        assert_eq!(p.len(), 1, "not our own: {p:?}");
        assert_eq!(p[0].vtep, Ipv4Addr::new(192, 0, 2, 2));
        assert_eq!(p[0].mac, [2, 0x42, 10, 0, 9, 4]);
        let mut bad = endpoint([10, 0, 9, 5]);
        bad.mac = "garbage".into();
        remote.peers.get_mut("n2").unwrap().endpoints.push(bad);
        assert_eq!(peers(&remote, Some(Ipv4Addr::new(192, 0, 2, 1))).len(), 1);
    }
}
