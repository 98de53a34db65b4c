//! The endpoint table as gossip keys, both ways: the keys this node publishes for its
//! endpoints (and the changes from what it published before), and what the live nodes'
//! keys say about the others (`Remote`). Pure: chitchat's node states come in as plain
//! `NodeKeys`, so the conversion is tested without sockets.

use std::{
    collections::BTreeMap,
    net::{IpAddr, Ipv4Addr, SocketAddr},
};

use super::{Endpoint, Peer, Remote};

/// The node's VTEP address (where VXLAN reaches its endpoints).
pub const VTEP_KEY: &str = "vtep";
/// `ep:<network id>:<task id>` -> the endpoint as JSON.
pub const ENDPOINT_PREFIX: &str = "ep:";

pub fn endpoint_key(e: &Endpoint) -> String {
    format!("{ENDPOINT_PREFIX}{}:{}", e.network_id, e.task_id)
}

/// Every key this node should publish for `endpoints`.
pub fn local_keys(endpoints: &[Endpoint]) -> BTreeMap<String, String> {
    endpoints
        .iter()
        .filter_map(|e| Some((endpoint_key(e), serde_json::to_string(e).ok()?)))
        .collect()
}

/// What to set and delete to go from the endpoint keys published now to `desired`.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct KeyChanges {
    pub set: Vec<(String, String)>,
    pub delete: Vec<String>,
}

pub fn changes<'a>(
    published: impl IntoIterator<Item = (&'a str, &'a str)>,
    desired: &BTreeMap<String, String>,
) -> KeyChanges {
    let mut out = KeyChanges::default();
    let published: BTreeMap<&str, &str> = published
        .into_iter()
        .filter(|(k, _)| k.starts_with(ENDPOINT_PREFIX))
        .collect();
    for (k, v) in desired {
        if published.get(k.as_str()) != Some(&v.as_str()) {
            out.set.push((k.clone(), v.clone()));
        }
    }
    for k in published.keys() {
        if !desired.contains_key(*k) {
            out.delete.push(k.to_string());
        }
    }
    out
}

/// One live node as chitchat knows it: its id, generation, gossip address and keys
/// (deleted keys left out).
#[derive(Debug, Clone)]
pub struct NodeKeys<'a> {
    pub node_id: &'a str,
    pub generation: u64,
    pub gossip_addr: SocketAddr,
    pub keys: Vec<(&'a str, &'a str)>,
}

/// The other live nodes, each by its newest generation (a node that restarted is live
/// twice until the old one is declared dead). Keys that do not parse are skipped.
pub fn remote<'a>(me: &str, live: impl IntoIterator<Item = NodeKeys<'a>>) -> Remote {
    let mut newest: BTreeMap<&str, NodeKeys<'a>> = BTreeMap::new();
    for n in live {
        if n.node_id == me {
            continue;
        }
        match newest.get(n.node_id) {
            Some(seen) if seen.generation >= n.generation => {}
            _ => {
                newest.insert(n.node_id, n);
            }
        }
    }
    let peers = newest
        .into_values()
        .filter_map(|n| Some((n.node_id.to_string(), peer(&n)?)))
        .collect();
    Remote { peers }
}

fn peer(n: &NodeKeys<'_>) -> Option<Peer> {
    let advertised = match n.gossip_addr.ip() {
        IpAddr::V4(ip) => Some(ip),
        IpAddr::V6(_) => None,
    };
    let vtep = n
        .keys
        .iter()
        .find(|(k, _)| *k == VTEP_KEY)
        .and_then(|(_, v)| v.parse::<Ipv4Addr>().ok())
        .or(advertised)?;
    let mut endpoints: Vec<Endpoint> = n
        .keys
        .iter()
        .filter(|(k, _)| k.starts_with(ENDPOINT_PREFIX))
        .filter_map(|(k, v)| match serde_json::from_str::<Endpoint>(v) {
            Ok(e) => Some(e),
            Err(e) => {
                tracing::debug!(node = n.node_id, key = k, %e, "skipping an endpoint that does not parse");
                None
            }
        })
        .collect();
    endpoints.sort_by(|a, b| (&a.network_id, &a.task_id).cmp(&(&b.network_id, &b.task_id)));
    Some(Peer {
        node_id: n.node_id.to_string(),
        vtep,
        endpoints,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn endpoint(network: &str, task: &str, ip: [u8; 4]) -> Endpoint {
        Endpoint {
            network_id: network.into(),
            task_id: task.into(),
            task_name: format!("web.{task}"),
            service_id: "svc1".into(),
            service_name: "web".into(),
            ip: ip.into(),
            mac: format!(
                "02:42:{:02x}:{:02x}:{:02x}:{:02x}",
                ip[0], ip[1], ip[2], ip[3]
            ),
            aliases: vec!["web".into()],
            state: "running".into(),
        }
    }

    fn node<'a>(id: &'a str, generation: u64, keys: &[(&'a str, &'a str)]) -> NodeKeys<'a> {
        NodeKeys {
            node_id: id,
            generation,
            gossip_addr: ([192, 0, 2, 9], 7946).into(),
            keys: keys.to_vec(),
        }
    }

    #[test]
    fn endpoints_round_trip_through_keys() {
        let eps = vec![
            endpoint("n2", "t1", [10, 0, 9, 3]),
            endpoint("n1", "t2", [10, 0, 8, 4]),
        ];
        let keys = local_keys(&eps);
        assert_eq!(keys.keys().collect::<Vec<_>>(), ["ep:n1:t2", "ep:n2:t1"]);
        let mut kv: Vec<(&str, &str)> =
            keys.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        kv.push((VTEP_KEY, "192.0.2.2"));
        let r = remote("me", [node("b", 1, &kv)]);
        let peer = &r.peers["b"];
        assert_eq!(peer.vtep, Ipv4Addr::new(192, 0, 2, 2));
        assert_eq!(
            peer.endpoints,
            vec![eps[1].clone(), eps[0].clone()],
            "sorted by network, task"
        );
    }

    #[test]
    fn changes_add_replace_and_delete_only_endpoint_keys() {
        let a = endpoint("n1", "a", [10, 0, 0, 2]);
        let mut b = endpoint("n1", "b", [10, 0, 0, 3]);
        let before = local_keys(&[a.clone(), b.clone()]);
        let published: Vec<(&str, &str)> = before
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .chain([(VTEP_KEY, "192.0.2.1")])
            .collect();
        b.state = "shutdown".into();
        let c = endpoint("n1", "c", [10, 0, 0, 4]);
        let desired = local_keys(&[b.clone(), c.clone()]);
        let ch = changes(published.iter().copied(), &desired);
        let set: Vec<&str> = ch.set.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(set, ["ep:n1:b", "ep:n1:c"]);
        assert_eq!(ch.delete, ["ep:n1:a"], "the vtep key stays");
        let same = changes(published.iter().copied(), &before);
        assert_eq!(same, KeyChanges::default());
    }

    #[test]
    fn the_newest_generation_wins_and_self_is_left_out() {
        let old_ep = serde_json::to_string(&endpoint("n", "old", [10, 0, 0, 2])).unwrap();
        let new_ep = serde_json::to_string(&endpoint("n", "new", [10, 0, 0, 3])).unwrap();
        let r = remote(
            "me",
            [
                node("b", 7, &[("ep:n:new", &new_ep), (VTEP_KEY, "192.0.2.2")]),
                node("b", 3, &[("ep:n:old", &old_ep), (VTEP_KEY, "192.0.2.2")]),
                node("me", 9, &[(VTEP_KEY, "192.0.2.1")]),
            ],
        );
        assert_eq!(r.peers.len(), 1);
        assert_eq!(r.peers["b"].endpoints[0].task_id, "new");
    }

    #[test]
    fn bad_values_are_skipped_and_the_vtep_falls_back_to_the_gossip_address() {
        let good = serde_json::to_string(&endpoint("n", "t", [10, 0, 0, 2])).unwrap();
        let r = remote(
            "me",
            [node(
                "b",
                1,
                &[
                    ("ep:n:t", &good),
                    ("ep:n:bad", "{not json"),
                    (VTEP_KEY, "nope"),
                    ("other", "x"),
                ],
            )],
        );
        let p = &r.peers["b"];
        assert_eq!(p.vtep, Ipv4Addr::new(192, 0, 2, 9));
        assert_eq!(p.endpoints.len(), 1);
        let mut v6 = node("c", 1, &[]);
        v6.gossip_addr = "[fd00::1]:7946".parse().unwrap();
        assert!(
            remote("me", [v6]).peers.is_empty(),
            "no IPv4 VTEP: not a usable peer"
        );
    }
}
