//! The nftables balancer against the kernel (root): in a namespace of its own, a VIP
//! spreads new connections round robin over its backends without touching the source
//! address, follows backend changes, refuses when it has none, and `nft` itself reads
//! back what shoal programmed over netlink.
#![allow(clippy::unwrap_used)]

mod common;

use std::{
    collections::HashMap,
    fs::File,
    io::{ErrorKind, Read, Write},
    net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream},
    sync::{Arc, Mutex},
    time::Duration,
};

use common::{require_root, require_tool, run_tool};
use shoal::{
    agent::lb::{
        Balancer, Op,
        nft::{Marks, NftBalancer},
    },
    sys::netns,
};

const VIP: Ipv4Addr = Ipv4Addr::new(10, 99, 0, 100);

fn ip(last: u8) -> Ipv4Addr {
    Ipv4Addr::new(10, 99, 0, last)
}

/// A namespace with a veth pair, one end holding 10.99.0.1-4/24, removed on drop.
struct Ns(String);

impl Ns {
    fn new() -> Ns {
        Ns::new_named("shoal-lbt")
    }

    fn new_named(prefix: &str) -> Ns {
        let name = format!("{prefix}-{}", std::process::id());
        let _ = netns::delete(&name);
        netns::create(&name).unwrap();
        let ns = Ns(name);
        let n = ns.0.as_str();
        run_tool("ip", &["-n", n, "link", "set", "lo", "up"]);
        run_tool(
            "ip",
            &[
                "-n", n, "link", "add", "d0", "type", "veth", "peer", "name", "d1",
            ],
        );
        run_tool("ip", &["-n", n, "link", "set", "d1", "up"]);
        for last in 1..=4 {
            run_tool(
                "ip",
                &[
                    "-n",
                    n,
                    "addr",
                    "add",
                    &format!("10.99.0.{last}/24"),
                    "dev",
                    "d0",
                ],
            );
        }
        run_tool("ip", &["-n", n, "link", "set", "d0", "up"]);
        ns
    }

    fn file(&self) -> File {
        File::open(netns::path(&self.0)).unwrap()
    }
}

impl Drop for Ns {
    fn drop(&mut self) {
        let _ = netns::delete(&self.0);
    }
}

/// Listeners on port 8080 of `backends`, counting accepted connections by peer.
fn listen(ns: &Ns, backends: &[Ipv4Addr]) -> Arc<Mutex<HashMap<Ipv4Addr, Vec<SocketAddr>>>> {
    let seen: Arc<Mutex<HashMap<Ipv4Addr, Vec<SocketAddr>>>> = Arc::default();
    for b in backends {
        let l = netns::run_in(&ns.file(), || TcpListener::bind((*b, 8080)))
            .unwrap()
            .unwrap();
        let (seen, b) = (seen.clone(), *b);
        std::thread::spawn(move || {
            for s in l.incoming() {
                let Ok(mut s) = s else { continue };
                seen.lock()
                    .unwrap()
                    .entry(b)
                    .or_default()
                    .push(s.peer_addr().unwrap());
                let _ = s.write_all(b"x");
            }
        });
    }
    seen
}

/// One connection to the VIP from inside the namespace: what it got.
fn connect(ns: &Ns) -> std::io::Result<()> {
    netns::run_in(&ns.file(), || {
        let mut s = TcpStream::connect_timeout(&(VIP, 8080).into(), Duration::from_secs(2))?;
        let mut b = [0u8; 1];
        s.read_exact(&mut b)
    })
    .unwrap()
}

#[test]
fn a_vip_spreads_round_robin_follows_changes_and_refuses_without_backends() {
    if !require_root("lb") || !require_tool("lb", "nft") {
        return;
    }
    let ns = Ns::new();
    let seen = listen(&ns, &[ip(2), ip(3), ip(4)]);
    let mut lb = netns::run_in(&ns.file(), NftBalancer::open)
        .unwrap()
        .unwrap();
    lb.reset().unwrap();
    lb.apply(&[Op::Add {
        vip: VIP,
        backends: vec![ip(2), ip(3), ip(4)],
    }])
    .unwrap();
    for _ in 0..9 {
        connect(&ns).unwrap();
    }
    std::thread::sleep(Duration::from_millis(100));
    {
        let seen = seen.lock().unwrap();
        for b in [ip(2), ip(3), ip(4)] {
            let peers = &seen[&b];
            assert_eq!(peers.len(), 3, "round robin: {seen:?}");
            assert!(
                peers.iter().all(|p| p.ip() == std::net::IpAddr::V4(ip(1))),
                "the client's own address, no SNAT: {peers:?}"
            );
        }
    }
    let listed = run_tool("ip", &["netns", "exec", &ns.0, "nft", "list", "ruleset"]);
    assert!(listed.contains("10.99.0.100"), "{listed}");
    assert!(
        listed.contains("numgen inc mod 3 map @m0a630064g1"),
        "{listed}"
    );

    // One backend left: every connection goes there.
    lb.apply(&[Op::Set {
        vip: VIP,
        from: vec![ip(2), ip(3), ip(4)],
        to: vec![ip(3)],
    }])
    .unwrap();
    seen.lock().unwrap().clear();
    for _ in 0..4 {
        connect(&ns).unwrap();
    }
    std::thread::sleep(Duration::from_millis(100));
    assert_eq!(seen.lock().unwrap().get(&ip(3)).map(Vec::len), Some(4));

    // None: refused at once, as Swarm's VIP of a service without tasks.
    lb.apply(&[Op::Set {
        vip: VIP,
        from: vec![ip(3)],
        to: vec![],
    }])
    .unwrap();
    let err = connect(&ns).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::ConnectionRefused, "{err}");

    lb.apply(&[Op::Remove { vip: VIP }]).unwrap();
    let listed = run_tool("ip", &["netns", "exec", &ns.0, "nft", "list", "ruleset"]);
    assert!(!listed.contains("v0a630064"), "{listed}");

    // A reset leaves an empty table, whatever was there.
    lb.apply(&[Op::Add {
        vip: VIP,
        backends: vec![ip(2)],
    }])
    .unwrap();
    lb.reset().unwrap();
    let listed = run_tool("ip", &["netns", "exec", &ns.0, "nft", "list", "ruleset"]);
    assert!(!listed.contains("dnat"), "{listed}");
}

/// What the IPVS balancer relies on where the kernel has ip_vs (this one may not):
/// traffic to a VIP gets its service's firewall mark.
#[test]
fn vip_traffic_can_be_marked_for_ipvs() {
    if !require_root("lb marks") || !require_tool("lb marks", "nft") {
        return;
    }
    let ns = Ns::new_named("shoal-lbm");
    let mut marks = netns::run_in(&ns.file(), Marks::open).unwrap().unwrap();
    marks.set(&[(VIP, Some(0x5000_0001))]).unwrap();
    let listed = run_tool("ip", &["netns", "exec", &ns.0, "nft", "list", "ruleset"]);
    assert!(
        listed.contains("meta mark set ip daddr map @marks"),
        "{listed}"
    );
    assert!(listed.contains("10.99.0.100 : 0x50000001"), "{listed}");
    marks.set(&[(VIP, None)]).unwrap();
    let listed = run_tool("ip", &["netns", "exec", &ns.0, "nft", "list", "ruleset"]);
    assert!(!listed.contains("0x50000001"), "{listed}");
}
