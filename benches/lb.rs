//! Balancer programming (root, `cargo bench --bench lb`): 1,000 services x 10 backends
//! into one fresh namespace, then one backend change, through shoal's netlink batches;
//! beside them, the same ruleset and the same change through `nft -f` (the anchor).
//! Goals: < 50 ms for the 1,000 services, < 2 ms for one change. Also the discovery
//! table both DNS and the balancers follow: rebuilt whole when a change reaches the
//! agent, for the same 1,000 services x 10 tasks (goal: a change answered < 100 ms).

use std::{
    fs::File,
    io::Write,
    net::Ipv4Addr,
    process::Command,
    time::{Duration, Instant},
};

use shoal::{
    agent::{
        dns::records::{Lookup, Table, fixtures},
        gossip::Remote,
        lb::{Balancer, Op, nft::NftBalancer},
    },
    api::types::Assignments,
    sys::netns,
};

const SERVICES: u32 = 1000;
const BACKENDS: u32 = 10;
const ROUNDS: usize = 20;

fn vip(i: u32) -> Ipv4Addr {
    Ipv4Addr::from(0x0a40_0000 + i)
}

fn backend(i: u32, b: u32) -> Ipv4Addr {
    Ipv4Addr::from(0x0a80_0000 + i * 16 + b)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

struct Ns(String);

impl Ns {
    fn new(tag: &str) -> Ns {
        let name = format!("shoal-lbbench-{tag}-{}", std::process::id());
        let _ = netns::delete(&name);
        netns::create(&name).expect("create a namespace (run as root)");
        Ns(name)
    }
    fn file(&self) -> File {
        File::open(netns::path(&self.0)).expect("open the namespace")
    }
}

impl Drop for Ns {
    fn drop(&mut self) {
        let _ = netns::delete(&self.0);
    }
}

/// The same layout as shoal's, as an `nft -f` script.
fn nft_script(services: u32) -> String {
    let mut s = String::from(
        "table ip bench { map vips { type ipv4_addr : verdict; }\n chain out { type nat hook output priority -100; ip daddr vmap @vips; }\n",
    );
    for i in 0..services {
        let elems: Vec<String> = (0..BACKENDS)
            .map(|b| format!("{b} : {}", backend(i, b)))
            .collect();
        s.push_str(&format!(
            " map m{i} {{ typeof numgen inc mod {BACKENDS} : ip daddr; elements = {{ {} }} }}\n chain v{i} {{ dnat to numgen inc mod {BACKENDS} map @m{i}; }}\n",
            elems.join(", ")
        ));
    }
    s.push_str(" }\n");
    let elems: Vec<String> = (0..services)
        .map(|i| format!("{} : goto v{i}", vip(i)))
        .collect();
    s.push_str(&format!(
        "add element ip bench vips {{ {} }}\n",
        elems.join(", ")
    ));
    s
}

fn nft_f(ns: &Ns, script: &str) -> Duration {
    let path = std::env::temp_dir().join(format!("shoal-lbbench-{}.nft", std::process::id()));
    File::create(&path)
        .and_then(|mut f| f.write_all(script.as_bytes()))
        .expect("write the nft script");
    let t = Instant::now();
    let out = Command::new("ip")
        .args(["netns", "exec", &ns.0, "nft", "-f"])
        .arg(&path)
        .output()
        .expect("run nft");
    let took = t.elapsed();
    let _ = std::fs::remove_file(&path);
    assert!(
        out.status.success(),
        "nft -f failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    took
}

/// How long a rebuild of the table takes for `SERVICES` x `BACKENDS` tasks, until the
/// asking task gets its answer and its balancer's VIPs.
fn table_rebuild() -> Duration {
    let services: Vec<_> = (0..SERVICES)
        .map(|i| {
            let vip = format!("{}/16", vip(i));
            fixtures::service(
                &format!("s{i}"),
                &format!("svc{i}"),
                "n1",
                Some(&vip),
                false,
            )
        })
        .collect();
    let a = Assignments {
        tasks: vec![fixtures::task("c1", "s0", "n1", "10.0.9.10/24")],
        networks: vec![fixtures::network("n1", "net", 9)],
        services,
        retained: vec![],
        data_path_port: 4789,
    };
    let local: Vec<_> = (0..SERVICES)
        .flat_map(|i| {
            (0..BACKENDS).map(move |b| {
                fixtures::endpoint(
                    "n1",
                    &format!("t{i}-{b}"),
                    &format!("svc{i}.{}", b + 1),
                    &format!("svc{i}"),
                    backend(i, b).octets(),
                )
            })
        })
        .collect();
    let mut took = Vec::new();
    for _ in 0..ROUNDS {
        let t = Instant::now();
        let table = Table::build(&a, &local, &Remote::default(), &[]);
        let found = table.lookup("c1", "svc999");
        let vips = table.vips("c1");
        took.push(t.elapsed());
        assert_eq!(
            found,
            Lookup::Addrs {
                addrs: vec![vip(999)],
                shuffle: false
            }
        );
        assert_eq!(vips.len(), SERVICES as usize);
    }
    median(took)
}

fn main() {
    if !shoal::sys::is_root() {
        eprintln!("the lb bench needs root (network namespaces, nf_tables)");
        std::process::exit(1);
    }
    let ops: Vec<Op> = (0..SERVICES)
        .map(|i| Op::Add {
            vip: vip(i),
            backends: (0..BACKENDS).map(|b| backend(i, b)).collect(),
        })
        .collect();

    // shoal: a fresh namespace per round for the full load; changes on the last one.
    let mut full = Vec::new();
    let mut change = Vec::new();
    for _ in 0..ROUNDS.min(5) {
        let ns = Ns::new("full");
        let mut lb = netns::run_in(&ns.file(), NftBalancer::open)
            .expect("thread")
            .expect("netlink");
        lb.reset().expect("reset");
        let t = Instant::now();
        lb.apply(&ops).expect("program 1,000 services");
        full.push(t.elapsed());
        for r in 0..ROUNDS {
            let i = (r as u32 * 37) % SERVICES;
            let from: Vec<Ipv4Addr> = (0..BACKENDS).map(|b| backend(i, b)).collect();
            let to: Vec<Ipv4Addr> = from[..from.len() - 1].to_vec();
            let t = Instant::now();
            lb.apply(&[Op::Set {
                vip: vip(i),
                from: from.clone(),
                to: to.clone(),
            }])
            .expect("one change");
            change.push(t.elapsed());
            lb.apply(&[Op::Set {
                vip: vip(i),
                from: to,
                to: from,
            }])
            .expect("change back");
        }
    }

    // The anchor: nft -f, the whole ruleset, then one map's elements replaced.
    let mut nft_full = Vec::new();
    let mut nft_change = Vec::new();
    for _ in 0..ROUNDS.min(5) {
        let ns = Ns::new("nft");
        nft_full.push(nft_f(&ns, &nft_script(SERVICES)));
        for r in 0..ROUNDS.min(10) {
            let i = (r as u32 * 37) % SERVICES;
            let keep: Vec<String> = (0..BACKENDS - 1)
                .map(|b| format!("{b} : {}", backend(i, b)))
                .collect();
            let script = format!(
                "flush chain ip bench v{i}\nflush map ip bench m{i}\nadd element ip bench m{i} {{ {} }}\nadd rule ip bench v{i} dnat to numgen inc mod {} map @m{i}\n",
                keep.join(", "),
                BACKENDS - 1
            );
            nft_change.push(nft_f(&ns, &script));
        }
    }

    println!("balancer programming, one namespace ({SERVICES} services x {BACKENDS} backends)");
    println!("{:<34} {:>12} {:>12} {:>8}", "", "shoal", "nft -f", "goal");
    println!(
        "{:<34} {:>12} {:>12} {:>8}",
        "all services (median of 5)",
        ms(median(full)),
        ms(median(nft_full)),
        "< 50 ms"
    );
    println!(
        "{:<34} {:>12} {:>12} {:>8}",
        "one backend change (median)",
        ms(median(change.clone())),
        ms(median(nft_change)),
        "< 2 ms"
    );
    println!(
        "{:<34} {:>12} {:>12} {:>8}",
        "discovery table rebuild (median)",
        ms(table_rebuild()),
        "",
        "< 100 ms"
    );
    change.sort();
    println!(
        "{:<34} {:>12}",
        "one backend change (p99)",
        ms(change[(change.len() * 99 / 100).min(change.len() - 1)])
    );
}
