//! Gossip at cluster size, in one process on loopback (no root): N `Gossip` instances
//! on 127.0.0.1 with one key and the default `Timing`, each seeded from the first few
//! (as managers would be). Reports the time until every node sees all the others, the
//! bytes and messages per second per node at rest, and how long one endpoint change
//! takes to reach 99% and 100% of the nodes, with the goals beside the figures.
//!
//! ```text
//! cargo bench --bench gossip                          # 100 nodes, 5 changes, 10 s at rest
//! SHOAL_BENCH_NODES=50 cargo bench --bench gossip     # or: cargo bench --bench gossip -- 50
//! ```
//!
//! Other knobs: `SHOAL_BENCH_ROUNDS` (endpoint changes, 5), `SHOAL_BENCH_REST_SECS`
//! (10), `SHOAL_BENCH_SEEDS` (nodes every node is seeded from, 3). Run without
//! `--bench` (as `cargo test --benches` does) it is a 5-node smoke run.
//!
//! There is no Docker anchor: Swarm's gossip (memberlist under NetworkDB) runs inside
//! dockerd and cannot be started a hundred times in one process like this.

#![allow(clippy::unwrap_used)]

use std::{
    net::{Ipv4Addr, SocketAddr},
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering::Relaxed},
    },
    time::{Duration, Instant},
};

use shoal::{
    agent::gossip::{
        Endpoint, Gossip, GossipConfig, Remote, Timing,
        seal::{GossipKey, Keyring},
    },
    api::types::GossipStats,
};

/// Goal for one endpoint change to reach 99% of the nodes.
const GOAL_99: Duration = Duration::from_secs(1);
/// Give up on a wait after this long (convergence or one change).
const LIMIT: Duration = Duration::from_secs(120);

struct Params {
    nodes: usize,
    rounds: usize,
    rest: Duration,
    seeds: usize,
}

fn env_or(name: &str, default: usize) -> usize {
    match std::env::var(name) {
        Ok(v) => v
            .parse()
            .unwrap_or_else(|_| panic!("{name}={v:?} is not a number")),
        Err(_) => default,
    }
}

fn params() -> Params {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `cargo bench` passes `--bench`; `cargo test --benches` does not: a smoke run then.
    let bench = args.iter().any(|a| a == "--bench");
    let positional = args.iter().find_map(|a| a.parse::<usize>().ok());
    let (nodes, rounds, rest) = if bench { (100, 5, 10) } else { (5, 1, 1) };
    let p = Params {
        nodes: positional.unwrap_or_else(|| env_or("SHOAL_BENCH_NODES", nodes)),
        rounds: env_or("SHOAL_BENCH_ROUNDS", rounds),
        rest: Duration::from_secs(env_or("SHOAL_BENCH_REST_SECS", rest) as u64),
        seeds: env_or("SHOAL_BENCH_SEEDS", 3),
    };
    assert!(p.nodes >= 2, "at least 2 nodes");
    p
}

fn free_port() -> u16 {
    let s = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    s.local_addr().unwrap().port()
}

fn addr(port: u16) -> SocketAddr {
    (Ipv4Addr::LOCALHOST, port).into()
}

fn name(i: usize) -> String {
    format!("node-{i:03}")
}

fn endpoint(round: usize) -> Endpoint {
    let last = (round % 250 + 2) as u8;
    Endpoint {
        network_id: "benchnet".into(),
        task_id: format!("bench-task-{round}"),
        task_name: format!("bench.{round}"),
        service_id: "benchsvc".into(),
        service_name: "bench".into(),
        ip: Ipv4Addr::new(10, 0, 9, last),
        mac: format!("02:42:0a:00:09:{last:02x}"),
        aliases: vec!["bench".into()],
        state: "running".into(),
    }
}

fn has_endpoint(r: &Remote, node: &str, task: &str) -> bool {
    r.peers
        .get(node)
        .is_some_and(|p| p.endpoints.iter().any(|e| e.task_id == task))
}

/// The smallest value at or above the q-quantile of sorted `xs` (nearest rank).
fn quantile(xs: &[Duration], q: f64) -> Duration {
    let rank = ((q * xs.len() as f64).ceil() as usize).clamp(1, xs.len());
    xs[rank - 1]
}

fn secs(d: Duration) -> String {
    format!("{:.3} s", d.as_secs_f64())
}

fn main() {
    let p = params();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(run(p));
}

async fn run(p: Params) {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "gossip benchmark: {} nodes in one process on 127.0.0.1, {cores} cores, default Timing \
         ({:?} interval), seeded from the first {} nodes",
        p.nodes,
        Timing::default().interval,
        p.seeds.min(p.nodes - 1),
    );
    println!(
        "anchor: none. Docker Swarm gossips with memberlist/NetworkDB inside dockerd; there \
         is no way to run 100 of those in one process to compare."
    );

    // Start every node: one key, distinct ports, seeds = the first few nodes. The ports
    // stay bound until their node starts, so no two nodes draw the same one.
    let keys = Keyring::new(GossipKey::new(1, [7; 32]));
    let mut held: Vec<Option<std::net::UdpSocket>> = (0..p.nodes)
        .map(|_| Some(std::net::UdpSocket::bind("127.0.0.1:0").unwrap()))
        .collect();
    let ports: Vec<u16> = held
        .iter()
        .flatten()
        .map(|s| s.local_addr().unwrap().port())
        .collect();
    let seed_ports: Vec<u16> = ports.iter().copied().take(p.seeds.max(1)).collect();
    let t0 = Instant::now();
    let mut nodes = Vec::with_capacity(p.nodes);
    for (i, port) in ports.iter().enumerate() {
        let config = |port: u16| GossipConfig {
            node_id: name(i),
            cluster_id: "bench-cluster".into(),
            listen: addr(port),
            advertise: addr(port),
            vtep: Ipv4Addr::LOCALHOST,
            seeds: seed_ports
                .iter()
                .filter(|s| **s != port)
                .map(|s| addr(*s))
                .collect(),
            keys: keys.clone(),
            timing: Timing::default(),
        };
        drop(held[i].take());
        let mut started = Gossip::start(config(*port)).await;
        // Another process may take the port in between: then another one.
        for _ in 0..3 {
            if started.is_ok() {
                break;
            }
            started = Gossip::start(config(free_port())).await;
        }
        nodes.push(started.unwrap());
    }
    let started = t0.elapsed();

    // Convergence: every node sees the N-1 others.
    let others = p.nodes - 1;
    let waits = nodes.iter().map(|g| {
        let mut rx = g.remote();
        async move {
            let ok = tokio::time::timeout(LIMIT, rx.wait_for(|r| r.peers.len() == others)).await;
            matches!(ok, Ok(Ok(_))).then(|| t0.elapsed())
        }
    });
    let seen: Vec<Option<Duration>> = futures::future::join_all(waits).await;
    let missing = seen.iter().filter(|s| s.is_none()).count();
    if missing > 0 {
        let peers: Vec<usize> = nodes
            .iter()
            .map(|g| g.remote().borrow().peers.len())
            .collect();
        println!(
            "NOT CONVERGED: {missing} of {} nodes do not see all {others} others after \
             {LIMIT:?}; peers seen per node: {peers:?}",
            p.nodes
        );
        stop_all(&nodes).await;
        std::process::exit(1);
    }
    let converged = seen.iter().flatten().max().copied().unwrap_or_default();
    println!(
        "started {} nodes in {}; all see all {others} others after {}",
        p.nodes,
        secs(started),
        secs(converged)
    );

    // From now on, count every time a node's view drops below N-1 (a false death).
    let drops = Arc::new(AtomicUsize::new(0));
    let mut guards = Vec::new();
    for g in &nodes {
        let (mut rx, drops) = (g.remote(), drops.clone());
        guards.push(tokio::spawn(async move {
            let mut whole = true;
            while rx.changed().await.is_ok() {
                let now = rx.borrow_and_update().peers.len() == others;
                if whole && !now {
                    drops.fetch_add(1, Relaxed);
                }
                whole = now;
            }
        }));
    }

    // At rest: a couple of intervals to settle, then stats deltas over `rest`.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let before: Vec<GossipStats> = nodes.iter().map(Gossip::stats).collect();
    let (r0, cpu0) = (Instant::now(), cpu_time());
    tokio::time::sleep(p.rest).await;
    let after: Vec<GossipStats> = nodes.iter().map(Gossip::stats).collect();
    let rest = r0.elapsed().as_secs_f64();
    let cpu = cpu_time()
        .zip(cpu0)
        .map(|(b, a)| (b - a).as_secs_f64() / rest);
    let rate = |f: fn(&GossipStats) -> u64| -> (f64, f64) {
        let per: Vec<f64> = before
            .iter()
            .zip(&after)
            .map(|(b, a)| (f(a) - f(b)) as f64 / rest)
            .collect();
        let avg = per.iter().sum::<f64>() / per.len() as f64;
        (avg, per.iter().copied().fold(0.0, f64::max))
    };
    let bytes_out = rate(|s| s.bytes_out);
    let bytes_in = rate(|s| s.bytes_in);
    let msgs_out = rate(|s| s.messages_out);
    let msgs_in = rate(|s| s.messages_in);
    let dropped: u64 = after
        .iter()
        .map(|s| {
            let d = &s.dropped;
            d.malformed + d.unknown_key + d.auth_failed + d.stale + d.replayed + d.undecodable
        })
        .sum();
    let send_errors: u64 = after.iter().map(|s| s.send_errors).sum();

    // Endpoint changes: one node publishes a new endpoint; when do the others see it?
    // 99% of N nodes counts the source, which has it at once: ceil(0.99 N) - 1 others.
    let need_99 = ((0.99 * p.nodes as f64).ceil() as usize)
        .saturating_sub(1)
        .max(1);
    let mut t99 = Vec::new();
    let mut t100 = Vec::new();
    for round in 0..p.rounds {
        let src = (1 + round * 37) % p.nodes;
        let (src_name, task) = (name(src), endpoint(round).task_id);
        let waits: Vec<_> = nodes
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != src)
            .map(|(_, g)| {
                let mut rx = g.remote();
                let (src_name, task) = (src_name.clone(), task.clone());
                tokio::spawn(async move {
                    let ok = tokio::time::timeout(
                        LIMIT,
                        rx.wait_for(|r| has_endpoint(r, &src_name, &task)),
                    )
                    .await;
                    matches!(ok, Ok(Ok(_))).then(Instant::now)
                })
            })
            .collect();
        tokio::task::yield_now().await;
        let set_at = Instant::now();
        nodes[src].set_local(vec![endpoint(round)]);
        let mut reached: Vec<Duration> = Vec::new();
        for w in waits {
            if let Some(at) = w.await.unwrap() {
                reached.push(at.saturating_duration_since(set_at));
            }
        }
        reached.sort();
        let (a, b) = (
            reached.get(need_99 - 1).copied(),
            (reached.len() == others).then(|| reached[others - 1]),
        );
        println!(
            "change {}: {src_name} -> 99% ({need_99} others) {}, 100% ({others}) {}",
            round + 1,
            a.map_or("never".into(), secs),
            b.map_or(format!("never ({} of {others})", reached.len()), secs),
        );
        t99.extend(a);
        t100.extend(b);
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    let false_deaths = drops.load(Relaxed);
    guards.iter().for_each(|g| g.abort());
    stop_all(&nodes).await;

    // The table.
    t99.sort();
    t100.sort();
    let pm = |xs: &[Duration]| match xs {
        [] => "never".to_string(),
        _ => format!(
            "p50 {}  max {}",
            secs(quantile(xs, 0.5)),
            secs(*xs.last().unwrap())
        ),
    };
    let ok99 = t99.len() == p.rounds && t99.last().is_some_and(|m| *m < GOAL_99);
    let kb = |(avg, max): (f64, f64)| {
        format!("avg {:>7.1} KB/s  max {:>7.1} KB/s", avg / 1e3, max / 1e3)
    };
    let mps = |(avg, max): (f64, f64)| format!("avg {avg:>7.1} /s    max {max:>7.1} /s");
    println!();
    println!("{:<40} {:<40} goal", "", "measured");
    println!(
        "{:<40} {:<40} -",
        format!("convergence ({} nodes see all)", p.nodes),
        secs(converged)
    );
    println!(
        "{:<40} {:<40} < 1 s {}",
        format!("change reaches 99% ({} runs)", p.rounds),
        pm(&t99),
        if ok99 { "(met)" } else { "(NOT met)" }
    );
    println!(
        "{:<40} {:<40} -",
        format!("change reaches 100% ({} runs)", p.rounds),
        pm(&t100)
    );
    let rest_label = |what: &str| format!("{what} per node at rest ({:.0} s)", rest);
    println!("{:<40} {:<40} -", rest_label("bytes out"), kb(bytes_out));
    println!("{:<40} {:<40} -", rest_label("bytes in"), kb(bytes_in));
    println!("{:<40} {:<40} -", rest_label("messages out"), mps(msgs_out));
    println!("{:<40} {:<40} -", rest_label("messages in"), mps(msgs_in));
    println!(
        "{:<40} {:<40} -",
        format!("CPU at rest, all {} nodes", p.nodes),
        cpu.map_or("unknown".into(), |c| format!(
            "{:.0}% of one core ({:.2}% per node)",
            c * 100.0,
            c * 100.0 / p.nodes as f64
        ))
    );
    println!(
        "{:<40} {:<40} 0",
        "views that lost a live peer",
        false_deaths.to_string()
    );
    println!(
        "{:<40} {:<40} 0",
        "datagrams dropped / send errors",
        format!("{dropped} / {send_errors}")
    );
    println!(
        "{:<40} {:<40} -",
        "Docker anchor", "none (memberlist/NetworkDB)"
    );
}

/// This process's user + system CPU time so far, from /proc (clock ticks of 10 ms).
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which is in parentheses: utime is the 12th.
    let rest = stat.rsplit_once(')')?.1;
    let mut fields = rest.split_whitespace().skip(11);
    let utime: u64 = fields.next()?.parse().ok()?;
    let stime: u64 = fields.next()?.parse().ok()?;
    Some(Duration::from_millis((utime + stime) * 10))
}

async fn stop_all(nodes: &[Gossip]) {
    for g in nodes {
        g.stop().await;
    }
}
