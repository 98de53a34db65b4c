//! Gossip on a 3-node lab (root): every agent gossips with the two others on 7946/udp
//! with the key its manager handed out, `cluster rotate-gossip-key` reaches every node
//! without a dropped datagram, and a stopped agent leaves the others' view and comes
//! back. Read through each agent's `/v1/info` and `/v1/gossip`.
#![allow(clippy::unwrap_used)]

mod common;

use std::time::Duration;

use common::{Lab, require_root, wait_until};
use shoal::api::types::{GossipView, Info};

fn get<T: serde::de::DeserializeOwned>(lab: &Lab, node: u8, path: &str) -> Option<T> {
    let client = shoal::lab::agents::client(&lab.name, &format!("node-{node}"));
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(client.get::<T>(path)).ok()
}

fn view(lab: &Lab, node: u8) -> Option<GossipView> {
    get(lab, node, "/v1/gossip")
}

fn peers(lab: &Lab, node: u8) -> Vec<String> {
    view(lab, node)
        .map(|v| v.peers.into_iter().map(|p| p.node_id).collect())
        .unwrap_or_default()
}

#[test]
fn the_lab_gossips_rotates_keys_and_notices_a_stopped_agent() {
    if !require_root("gossip on the lab") {
        return;
    }
    let lab = Lab::cluster(3);
    let ids: Vec<String> = (1..=3)
        .map(|n| get::<Info>(&lab, n, "/v1/info").unwrap().node_id.unwrap())
        .collect();
    for n in 1..=3u8 {
        wait_until(
            &format!("node-{n} gossips with the two others"),
            Duration::from_secs(20),
            || (peers(&lab, n).len() == 2).then_some(()),
        );
    }
    let info: Info = get(&lab, 2, "/v1/info").unwrap();
    let g = info.gossip.expect("/v1/info has a gossip object");
    assert_eq!(g.addr, "192.0.2.2:7946");
    let old_key = g.key_id.clone();
    let v = view(&lab, 1).unwrap();
    assert_eq!(v.peers[0].vtep.octets()[..3], [192, 0, 2]);

    let out = lab.shoal(["cluster", "rotate-gossip-key"]).ok();
    assert!(
        out.contains(&format!("Key {old_key} stays accepted")),
        "{out}"
    );
    for n in 1..=3u8 {
        wait_until(
            &format!("node-{n} seals with the new key"),
            Duration::from_secs(20),
            || {
                let s = view(&lab, n)?.stats;
                (s.key_id != old_key && s.accepted_key_ids.contains(&old_key)).then_some(())
            },
        );
    }
    std::thread::sleep(Duration::from_secs(2));
    for n in 1..=3u8 {
        let s = view(&lab, n).unwrap().stats;
        assert_eq!(s.live_peers, 2, "node-{n}: {s:?}");
        let d = &s.dropped;
        assert_eq!(
            d.unknown_key + d.auth_failed + d.malformed,
            0,
            "node-{n}: {s:?}"
        );
    }

    lab.shoal(["lab", "stop", "--name", &lab.name, "3"]).ok();
    for n in 1..=2u8 {
        wait_until(
            &format!("node-{n} sees node-3 dead"),
            Duration::from_secs(10),
            || (!peers(&lab, n).contains(&ids[2])).then_some(()),
        );
    }
    lab.shoal(["lab", "start", "--name", &lab.name, "3"]).ok();
    for n in 1..=2u8 {
        wait_until(
            &format!("node-{n} sees node-3 back"),
            Duration::from_secs(20),
            || peers(&lab, n).contains(&ids[2]).then_some(()),
        );
    }
}
