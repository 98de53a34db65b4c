//! Gossip instances on 127.0.0.1, each on its own port, through the public API: endpoints
//! spread and are deleted, a stopped or cut-off node leaves the others' view and comes
//! back, keys rotate without anyone dying, and datagrams under another key, garbage
//! and replays are dropped and counted. Needs no root. Run with `--nocapture` to see
//! the timings.

#![allow(clippy::unwrap_used)]

use std::{
    net::{Ipv4Addr, SocketAddr},
    time::{Duration, Instant},
};

use shoal::agent::gossip::{
    Endpoint, Gossip, GossipConfig, Remote, Timing,
    seal::{GossipKey, Keyring},
};
use tokio::sync::watch;

/// Generous: the machine may be busy with other builds.
const LIMIT: Duration = Duration::from_secs(15);

fn free_port() -> u16 {
    let s = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    s.local_addr().unwrap().port()
}

fn addr(port: u16) -> SocketAddr {
    (Ipv4Addr::LOCALHOST, port).into()
}

fn key(id: u32, byte: u8) -> Keyring {
    Keyring::new(GossipKey::new(id, [byte; 32]))
}

fn config(name: &str, port: u16, seeds: &[u16], keys: Keyring) -> GossipConfig {
    GossipConfig {
        node_id: name.into(),
        cluster_id: "test-cluster".into(),
        listen: addr(port),
        advertise: addr(port),
        vtep: Ipv4Addr::LOCALHOST,
        seeds: seeds.iter().map(|p| addr(*p)).collect(),
        keys,
        timing: Timing::default(),
    }
}

fn endpoint(task: &str, last: u8) -> Endpoint {
    Endpoint {
        network_id: "net1".into(),
        task_id: task.into(),
        task_name: format!("my-web.{last}"),
        service_id: "svc1".into(),
        service_name: "my-web".into(),
        ip: Ipv4Addr::new(10, 0, 9, last),
        mac: format!("02:42:0a:00:09:{last:02x}"),
        aliases: vec!["web".into()],
        state: "running".into(),
    }
}

/// Waits until `rx` satisfies `pred`; returns how long it took.
async fn until(
    what: &str,
    rx: &mut watch::Receiver<Remote>,
    pred: impl FnMut(&Remote) -> bool,
) -> Duration {
    let t0 = Instant::now();
    let done = matches!(
        tokio::time::timeout(LIMIT, rx.wait_for(pred)).await,
        Ok(Ok(_))
    );
    assert!(done, "{what}: not within {LIMIT:?}; now {:?}", *rx.borrow());
    t0.elapsed()
}

fn endpoints_of(r: &Remote, node: &str) -> Vec<String> {
    r.peers
        .get(node)
        .map(|p| p.endpoints.iter().map(|e| e.task_id.clone()).collect())
        .unwrap_or_default()
}

struct Trio {
    nodes: Vec<Gossip>,
    ports: Vec<u16>,
}

async fn trio(keys: Keyring) -> Trio {
    let ports: Vec<u16> = (0..3).map(|_| free_port()).collect();
    let mut nodes = Vec::new();
    for (i, name) in ["a", "b", "c"].into_iter().enumerate() {
        let seeds: Vec<u16> = ports.iter().copied().filter(|p| *p != ports[i]).collect();
        let cfg = config(name, ports[i], &seeds, keys.clone());
        nodes.push(Gossip::start(cfg).await.unwrap());
    }
    for (i, g) in nodes.iter().enumerate() {
        let t = until(
            &format!("node {i} sees the two others"),
            &mut g.remote(),
            |r| r.peers.len() == 2,
        )
        .await;
        eprintln!("node {i}: both peers live after {t:?}");
    }
    Trio { nodes, ports }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn endpoints_spread_and_dead_nodes_leave_and_return() {
    let k = key(1, 1);
    let Trio { nodes, ports } = trio(k.clone()).await;
    let (a, b, c) = (&nodes[0], &nodes[1], &nodes[2]);
    assert_eq!(b.remote().borrow().peers["a"].vtep, Ipv4Addr::LOCALHOST);

    // Set on a: appears on b and c.
    a.set_local(vec![endpoint("t1", 3), endpoint("t2", 4)]);
    for (name, g) in [("b", b), ("c", c)] {
        let t = until(
            &format!("{name} sees a's endpoints"),
            &mut g.remote(),
            |r| endpoints_of(r, "a") == ["t1", "t2"],
        )
        .await;
        eprintln!("endpoint change a -> {name}: {t:?}");
    }
    assert_eq!(
        b.remote().borrow().peers["a"].endpoints[0],
        endpoint("t1", 3)
    );

    // Deleted on a: gone from b and c.
    a.set_local(vec![endpoint("t1", 3)]);
    for g in [b, c] {
        let t = until("a's deleted endpoint disappears", &mut g.remote(), |r| {
            endpoints_of(r, "a") == ["t1"]
        })
        .await;
        eprintln!("endpoint deletion: {t:?}");
    }

    // c stops: it leaves a's and b's view.
    c.set_local(vec![endpoint("t9", 9)]);
    until("a sees c's endpoint", &mut a.remote(), |r| {
        endpoints_of(r, "c") == ["t9"]
    })
    .await;
    c.stop().await;
    for (name, g) in [("a", a), ("b", b)] {
        let t = until(&format!("{name} declares c dead"), &mut g.remote(), |r| {
            !r.peers.contains_key("c")
        })
        .await;
        eprintln!("silent node declared dead on {name} after {t:?}");
        assert!(t < Duration::from_secs(8), "took {t:?}");
    }
    assert!(a.remote().borrow().peers.contains_key("b"), "b stays");

    // c restarts on the same port (a new generation) and publishes again.
    let c2 = Gossip::start(config("c", ports[2], &ports[..2], k.clone()))
        .await
        .unwrap();
    c2.set_local(vec![endpoint("t10", 10)]);
    for g in [a, b] {
        let t = until("the restarted c is back", &mut g.remote(), |r| {
            endpoints_of(r, "c") == ["t10"]
        })
        .await;
        eprintln!("restarted node back with its endpoints after {t:?}");
    }

    // Cut c off (it can no longer open or be opened), then heal: the same generation
    // comes back with the endpoints it had.
    c2.set_keys(key(99, 99));
    until("a declares the cut-off c dead", &mut a.remote(), |r| {
        !r.peers.contains_key("c")
    })
    .await;
    c2.set_keys(k.clone());
    let t = until("the healed c is back", &mut a.remote(), |r| {
        endpoints_of(r, "c") == ["t10"]
    })
    .await;
    eprintln!("healed node back with its endpoints after {t:?}");
    assert!(a.stats().dropped.unknown_key > 0);
    for g in [a, b, &c2] {
        g.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nodes_with_another_key_never_join_and_are_counted() {
    let Trio { nodes, ports } = trio(key(1, 1)).await;
    // Another key id, and the same id with other bytes.
    let x = Gossip::start(config("x", free_port(), &ports, key(2, 2)))
        .await
        .unwrap();
    let y = Gossip::start(config("y", free_port(), &ports, key(1, 7)))
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_secs(3)).await;
    for g in &nodes {
        let r = g.remote().borrow().clone();
        assert_eq!(r.peers.keys().count(), 2, "{r:?}");
        assert!(!r.peers.contains_key("x") && !r.peers.contains_key("y"));
    }
    assert!(x.remote().borrow().peers.is_empty());
    assert!(y.remote().borrow().peers.is_empty());
    let a = nodes[0].stats();
    eprintln!("a's stats with intruders: {a:?}");
    assert!(a.dropped.unknown_key > 0, "{a:?}");
    assert!(a.dropped.auth_failed > 0, "{a:?}");
    assert_eq!(x.stats().messages_in, 0, "nobody answers x");
    for g in nodes.iter().chain([&x, &y]) {
        g.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn garbage_and_replays_are_dropped_and_counted() {
    let k = key(1, 1);
    // `spy` is a plain socket that a lists as a seed, so it gets a's sealed datagrams.
    let spy = tokio::net::UdpSocket::bind("127.0.0.1:0").await.unwrap();
    let spy_port = spy.local_addr().unwrap().port();
    let (pa, pb) = (free_port(), free_port());
    let a = Gossip::start(config("a", pa, &[spy_port], k.clone()))
        .await
        .unwrap();
    let b = Gossip::start(config("b", pb, &[], k.clone()))
        .await
        .unwrap();
    let mut buf = vec![0u8; 70_000];
    let (len, _) = tokio::time::timeout(LIMIT, spy.recv_from(&mut buf))
        .await
        .expect("a gossips with its seed")
        .unwrap();
    let captured = buf[..len].to_vec();
    let before = b.stats();
    // The capture opens once at b (it was never sent there), then is a replay.
    spy.send_to(&captured, addr(pb)).await.unwrap();
    spy.send_to(&captured, addr(pb)).await.unwrap();
    spy.send_to(&captured, addr(pb)).await.unwrap();
    spy.send_to(b"garbage", addr(pb)).await.unwrap();
    spy.send_to(&[], addr(pb)).await.unwrap();
    spy.send_to(&captured[..len / 2], addr(pb)).await.unwrap();
    let mut flipped = captured.clone();
    flipped[len - 1] ^= 1;
    spy.send_to(&flipped, addr(pb)).await.unwrap();
    let deadline = Instant::now() + LIMIT;
    loop {
        let s = b.stats();
        let d = &s.dropped;
        if d.replayed >= before.dropped.replayed + 2
            && d.malformed >= before.dropped.malformed + 2
            && d.auth_failed >= before.dropped.auth_failed + 2
        {
            eprintln!("b's stats: {s:?}");
            assert!(
                s.messages_in > before.messages_in,
                "the first copy was taken"
            );
            break;
        }
        assert!(Instant::now() < deadline, "not counted: {s:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    a.stop().await;
    b.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_key_rotation_keeps_everyone_alive() {
    let k1 = key(1, 1);
    let Trio { nodes, .. } = trio(k1.clone()).await;
    nodes[0].set_local(vec![endpoint("t1", 3)]);
    // Managers hand out the new key with the old one kept; nodes get it one by one.
    let k2 = Keyring {
        current: GossipKey::new(2, [2; 32]),
        previous: Some(k1.current.clone()),
    };
    for g in &nodes {
        g.set_keys(k2.clone());
        let s = g.stats();
        assert_eq!(
            s.key_id, "00000001",
            "seals with the old key a while longer"
        );
        assert_eq!(s.accepted_key_ids, ["00000001", "00000002"]);
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    nodes[0].set_local(vec![endpoint("t1", 3), endpoint("t2", 4)]);
    until(
        "the change after rotation spreads",
        &mut nodes[1].remote(),
        |r| endpoints_of(r, "a") == ["t1", "t2"],
    )
    .await;
    // Timing::default().key_switch_delay (5 s), and a few rounds under the new key.
    tokio::time::sleep(Duration::from_secs(7)).await;
    for g in &nodes {
        let s = g.stats();
        assert_eq!(s.live_peers, 2, "{s:?}");
        assert_eq!(s.key_id, "00000002");
        assert_eq!(s.accepted_key_ids, ["00000002", "00000001"]);
        assert_eq!(s.dropped.unknown_key + s.dropped.auth_failed, 0, "{s:?}");
    }
    for g in &nodes {
        g.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_big_endpoint_table_crosses_whole() {
    let k = key(1, 1);
    let (pa, pb) = (free_port(), free_port());
    let a = Gossip::start(config("a", pa, &[], k.clone()))
        .await
        .unwrap();
    // Task IDs that compress badly, like real ones.
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let many: Vec<Endpoint> = (0..3000u32)
        .map(|i| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let mut e = endpoint(&format!("{x:016x}{i:09}"), (i % 250) as u8);
            e.ip = Ipv4Addr::from(0x0a00_0000 + i);
            e
        })
        .collect();
    a.set_local(many);
    let b = Gossip::start(config("b", pb, &[pa], k)).await.unwrap();
    let t = until("b has a's 3000 endpoints", &mut b.remote(), |r| {
        r.peers.get("a").is_some_and(|p| p.endpoints.len() == 3000)
    })
    .await;
    let s = a.stats();
    eprintln!(
        "3000 endpoints synced in {t:?}; a sent {} bytes: {s:?}",
        s.bytes_out
    );
    assert_eq!(s.send_errors, 0);
    assert_eq!(b.stats().dropped, Default::default());
    a.stop().await;
    b.stop().await;
}
