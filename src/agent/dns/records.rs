//! The DNS table: every cluster name a task may ask about, per overlay network, as plain
//! data built from this node's assignments (its tasks, their services and VIPs) and
//! the endpoints of running tasks here and on the other live nodes (gossip's `Remote`).
//! Pure: the server swaps in a new table when either side changes and answers queries
//! from it, scoped to the networks of the task that asks.

use std::{
    collections::{HashMap, HashSet},
    net::Ipv4Addr,
};

use crate::{
    agent::gossip::{Endpoint, Remote},
    api::types::Assignments,
    manager::objects::{EndpointMode, TaskState},
};

/// Swarm answers with 600 s; tasks come and go faster than that.
pub const TTL: u32 = 5;

#[derive(Debug, Clone, Default)]
pub struct Table {
    /// A local task's ID -> its overlay networks: the scope of what it may ask.
    scopes: HashMap<String, Vec<String>>,
    /// Network ID -> its names.
    nets: HashMap<String, NetNames>,
    /// Every name of every network: a cluster name is never forwarded upstream, even
    /// when the asker's networks do not have it.
    everywhere: HashSet<String>,
    /// The host's search domains (lower case), stripped from names that end in one.
    search: Vec<String>,
}

#[derive(Debug, Clone, Default)]
struct NetNames {
    services: HashMap<String, Service>,
    /// Task names (`SERVICE.SLOT`, `SERVICE.SLOT.TASKID`, `TASKID`) and aliases.
    hosts: HashMap<String, Vec<Ipv4Addr>>,
    ptr: HashMap<Ipv4Addr, String>,
}

#[derive(Debug, Clone, Default)]
struct Service {
    vip: Option<Ipv4Addr>,
    dnsrr: bool,
    /// Running tasks' addresses on this network.
    tasks: Vec<Ipv4Addr>,
}

/// What the table says about a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// A cluster name: its addresses (none: NOERROR without an answer); `shuffle` for
    /// the answers that spread clients over tasks.
    Addrs { addrs: Vec<Ipv4Addr>, shuffle: bool },
    /// A cluster name, but not on the asker's networks (or a bare name nobody has).
    NxDomain,
    /// Not a cluster name: the upstream resolvers answer.
    Forward,
}

/// `10.0.9.2/24` -> `10.0.9.2`.
fn addr_of(cidr: &str) -> Option<Ipv4Addr> {
    cidr.split('/').next()?.parse().ok()
}

impl Table {
    /// The table for this node: `local` are its running tasks' endpoints, `remote` the
    /// other live nodes'; `search` the host's search domains.
    pub fn build(a: &Assignments, local: &[Endpoint], remote: &Remote, search: &[String]) -> Table {
        let mut t = Table {
            search: search
                .iter()
                .map(|s| s.trim_end_matches('.').to_ascii_lowercase())
                .filter(|s| !s.is_empty())
                .collect(),
            ..Default::default()
        };
        for task in a
            .tasks
            .iter()
            .filter(|t| t.desired_state == TaskState::Running && !t.status.state.is_terminal())
        {
            let nets = crate::agent::net::attachments_of(a, task).0;
            t.scopes.insert(
                task.id.clone(),
                nets.into_iter().map(|n| n.network_id).collect(),
            );
        }
        let net_name = |id: &str| {
            a.networks
                .iter()
                .find(|n| n.id == id)
                .map(|n| n.name.clone())
        };
        for s in &a.services {
            let dnsrr = s.spec.endpoint_mode == EndpointMode::Dnsrr;
            let name = s.spec.name.to_ascii_lowercase();
            for net in &s.spec.networks {
                let svc = t.net(net).services.entry(name.clone()).or_default();
                svc.dnsrr = dnsrr;
            }
            for vip in s.vips.iter().filter(|_| !dnsrr) {
                let Some(ip) = addr_of(&vip.addr) else {
                    continue;
                };
                let ptr = match net_name(&vip.network_id) {
                    Some(n) => format!("{name}.{n}"),
                    None => name.clone(),
                };
                let names = t.net(&vip.network_id);
                names.services.entry(name.clone()).or_default().vip = Some(ip);
                names.ptr.insert(ip, ptr);
            }
        }
        let endpoints = local
            .iter()
            .chain(remote.peers.values().flat_map(|p| p.endpoints.iter()))
            .filter(|e| e.state == "running");
        for e in endpoints {
            t.add_endpoint(e, net_name(&e.network_id));
        }
        for names in t.nets.values_mut() {
            for svc in names.services.values_mut() {
                svc.tasks.sort();
                svc.tasks.dedup();
            }
        }
        // A service's network aliases name the service itself, as in Docker: ALIAS
        // gives its VIP (or its tasks with dnsrr), tasks.ALIAS its tasks. A service's
        // own name wins over another's alias.
        for s in &a.services {
            let name = s.spec.name.to_ascii_lowercase();
            for (net, aliases) in &s.spec.network_aliases {
                let Some(names) = t.nets.get_mut(net) else {
                    continue;
                };
                let Some(svc) = names.services.get(&name).cloned() else {
                    continue;
                };
                for alias in aliases.iter().map(|a| a.to_ascii_lowercase()) {
                    names.services.entry(alias).or_insert_with(|| svc.clone());
                }
            }
        }
        let everywhere: HashSet<String> = t
            .nets
            .values()
            .flat_map(|n| {
                n.services
                    .keys()
                    .flat_map(|s| [s.clone(), format!("tasks.{s}")])
                    .chain(n.hosts.keys().cloned())
            })
            .collect();
        t.everywhere = everywhere;
        t
    }

    fn net(&mut self, id: &str) -> &mut NetNames {
        self.nets.entry(id.to_string()).or_default()
    }

    fn add_endpoint(&mut self, e: &Endpoint, net_name: Option<String>) {
        let names = self.net(&e.network_id);
        if !e.service_name.is_empty() {
            let svc = names
                .services
                .entry(e.service_name.to_ascii_lowercase())
                .or_default();
            svc.tasks.push(e.ip);
        }
        let task_name = e.task_name.to_ascii_lowercase();
        let task_id = e.task_id.to_ascii_lowercase();
        let full = format!("{task_name}.{task_id}");
        let aliases = e.aliases.iter().map(|a| a.to_ascii_lowercase());
        for n in [task_name, full.clone(), task_id]
            .into_iter()
            .chain(aliases)
        {
            if n.is_empty() {
                continue;
            }
            let ips = names.hosts.entry(n).or_default();
            if !ips.contains(&e.ip) {
                ips.push(e.ip);
            }
        }
        let ptr = match net_name {
            Some(n) => format!("{full}.{n}"),
            None => full,
        };
        names.ptr.insert(e.ip, ptr);
    }

    /// Whether task `asker` is one this table knows (one with overlay networks here).
    pub fn knows(&self, asker: &str) -> bool {
        self.scopes.contains_key(asker)
    }

    /// The addresses (or NXDOMAIN, or upstream's business) for `name` as task `asker`
    /// asks it. Names may end in a dot or in one of the host's search domains.
    pub fn lookup(&self, asker: &str, name: &str) -> Lookup {
        let name = name.trim_end_matches('.').to_ascii_lowercase();
        let scope = self
            .scopes
            .get(asker)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let mut candidates = vec![name.clone()];
        for s in &self.search {
            if let Some(short) = name.strip_suffix(s.as_str())
                && let Some(short) = short.strip_suffix('.')
                && !short.is_empty()
            {
                candidates.push(short.to_string());
            }
        }
        for c in &candidates {
            if let Some(found) = self.lookup_in(scope, c) {
                return found;
            }
        }
        if candidates.iter().any(|c| self.everywhere.contains(c)) || !name.contains('.') {
            return Lookup::NxDomain;
        }
        Lookup::Forward
    }

    fn lookup_in(&self, scope: &[String], name: &str) -> Option<Lookup> {
        let nets: Vec<&NetNames> = scope.iter().filter_map(|n| self.nets.get(n)).collect();
        let mut found = false;
        let mut addrs = Vec::new();
        let mut shuffle = false;
        let mut add = |ips: &[Ipv4Addr], addrs: &mut Vec<Ipv4Addr>| {
            found = true;
            for ip in ips {
                if !addrs.contains(ip) {
                    addrs.push(*ip);
                }
            }
        };
        for n in &nets {
            if let Some(svc) = name.strip_prefix("tasks.").and_then(|s| n.services.get(s)) {
                add(&svc.tasks, &mut addrs);
                shuffle = true;
            } else if let Some(svc) = n.services.get(name) {
                match svc.vip {
                    Some(vip) if !svc.dnsrr => add(&[vip], &mut addrs),
                    _ => {
                        add(&svc.tasks, &mut addrs);
                        shuffle = true;
                    }
                }
            } else if let Some(ips) = n.hosts.get(name) {
                add(ips, &mut addrs);
            }
        }
        found.then_some(Lookup::Addrs { addrs, shuffle })
    }

    /// What task `asker`'s balancer should hold: the VIP of every service on its
    /// networks (not dnsrr ones) and the running tasks behind it on that network.
    pub fn vips(&self, asker: &str) -> crate::agent::lb::Vips {
        let mut out = crate::agent::lb::Vips::new();
        for names in self
            .scopes
            .get(asker)
            .into_iter()
            .flatten()
            .filter_map(|n| self.nets.get(n))
        {
            for svc in names.services.values().filter(|s| !s.dnsrr) {
                if let Some(vip) = svc.vip {
                    out.insert(vip, svc.tasks.clone());
                }
            }
        }
        out
    }

    /// The name of a cluster address on one of `asker`'s networks.
    pub fn reverse(&self, asker: &str, ip: Ipv4Addr) -> Option<String> {
        let scope = self.scopes.get(asker)?;
        scope
            .iter()
            .filter_map(|n| self.nets.get(n))
            .find_map(|n| n.ptr.get(&ip).cloned())
    }
}

/// `4.3.0.10.in-addr.arpa` -> 10.0.3.4.
pub fn parse_reverse(name: &str) -> Option<Ipv4Addr> {
    let rest = name
        .trim_end_matches('.')
        .to_ascii_lowercase()
        .strip_suffix(".in-addr.arpa")?
        .to_string();
    let mut octets = [0u8; 4];
    let parts: Vec<&str> = rest.split('.').collect();
    if parts.len() != 4 {
        return None;
    }
    for (i, p) in parts.iter().rev().enumerate() {
        octets[i] = p.parse().ok()?;
    }
    Some(Ipv4Addr::from(octets))
}

/// Sample objects for tests and benchmarks.
#[doc(hidden)]
pub mod fixtures {
    use super::*;
    use crate::{
        agent::gossip::Peer,
        manager::objects::{
            Attachment, Mode, Network, Service as Svc, ServiceSpec, Task, TaskStatus,
        },
    };

    pub fn network(id: &str, name: &str, subnet: u8) -> Network {
        Network {
            id: id.into(),
            name: name.into(),
            driver: "overlay".into(),
            subnet: format!("10.0.{subnet}.0/24"),
            gateway: format!("10.0.{subnet}.1"),
            vni: 4096 + u32::from(subnet),
            attachable: false,
            options: Default::default(),
            labels: Default::default(),
            created_at: String::new(),
            version: 0,
            allocated: Default::default(),
            next: 0,
        }
    }

    pub fn service(id: &str, name: &str, net: &str, vip: Option<&str>, dnsrr: bool) -> Svc {
        Svc {
            id: id.into(),
            spec: ServiceSpec {
                name: name.into(),
                labels: Default::default(),
                command: vec!["sleep".into()],
                env: vec![],
                mode: Mode::Replicated { replicas: 3 },
                networks: vec![net.into()],
                network_aliases: Default::default(),
                endpoint_mode: if dnsrr {
                    EndpointMode::Dnsrr
                } else {
                    EndpointMode::Vip
                },
                restart: Default::default(),
                stop_grace_period: None,
            },
            created_at: String::new(),
            updated_at: String::new(),
            version: 0,
            vips: vip
                .map(|v| {
                    vec![Attachment {
                        network_id: net.into(),
                        addr: v.into(),
                    }]
                })
                .unwrap_or_default(),
            error: String::new(),
            template_version: 0,
        }
    }

    pub fn task(id: &str, service: &str, net: &str, addr: &str) -> Task {
        Task {
            id: id.into(),
            service_id: service.into(),
            slot: 1,
            node_id: "n1".into(),
            desired_state: TaskState::Running,
            status: TaskStatus {
                state: TaskState::Running,
                message: String::new(),
                err: String::new(),
                timestamp: String::new(),
            },
            addresses: vec![Attachment {
                network_id: net.into(),
                addr: addr.into(),
            }],
            created_at: String::new(),
            version: 0,
            template_version: 0,
            restarts: vec![],
        }
    }

    pub fn endpoint(net: &str, task: &str, name: &str, svc: &str, ip: [u8; 4]) -> Endpoint {
        Endpoint {
            network_id: net.into(),
            task_id: task.into(),
            task_name: name.into(),
            service_id: format!("s-{svc}"),
            service_name: svc.into(),
            ip: Ipv4Addr::from(ip),
            mac: String::new(),
            aliases: vec![],
            state: "running".into(),
        }
    }

    /// `client` (task c1) and `my-web` (VIP 10.0.9.2, tasks .3 .4 .5, the last two on
    /// another node) on my-network; `rr` (dnsrr) on it too; `other` (task o1) alone
    /// on other-net.
    pub fn sample() -> Table {
        let a = Assignments {
            tasks: vec![
                task("c1", "s-client", "n1", "10.0.9.10/24"),
                task("o1", "s-other", "n2", "10.0.8.10/24"),
            ],
            networks: vec![
                network("n1", "my-network", 9),
                network("n2", "other-net", 8),
            ],
            services: vec![
                service("s-client", "client", "n1", Some("10.0.9.9/24"), false),
                service("s-my-web", "my-web", "n1", Some("10.0.9.2/24"), false),
                service("s-rr", "rr", "n1", None, true),
                service("s-other", "other", "n2", Some("10.0.8.2/24"), false),
            ],
            retained: vec![],
            data_path_port: 4789,
        };
        let local = vec![
            endpoint("n1", "c1", "client.1", "client", [10, 0, 9, 10]),
            endpoint("n1", "w1", "my-web.1", "my-web", [10, 0, 9, 3]),
            endpoint("n2", "o1", "other.1", "other", [10, 0, 8, 10]),
        ];
        let mut remote = Remote::default();
        let mut w2 = endpoint("n1", "w2", "my-web.2", "my-web", [10, 0, 9, 4]);
        w2.aliases = vec!["web-alias".into()];
        remote.peers.insert(
            "node2".into(),
            Peer {
                node_id: "node2".into(),
                vtep: Ipv4Addr::new(192, 0, 2, 2),
                endpoints: vec![
                    w2,
                    endpoint("n1", "w3", "my-web.3", "my-web", [10, 0, 9, 5]),
                    endpoint("n1", "r1", "rr.1", "rr", [10, 0, 9, 21]),
                    endpoint("n1", "r2", "rr.2", "rr", [10, 0, 9, 22]),
                ],
            },
        );
        Table::build(&a, &local, &remote, &["example.com".into()])
    }
}

#[cfg(test)]
mod tests {
    use super::{fixtures::*, *};

    fn addrs(l: Lookup) -> Vec<Ipv4Addr> {
        match l {
            Lookup::Addrs { mut addrs, .. } => {
                addrs.sort();
                addrs
            }
            other => panic!("not addresses: {other:?}"),
        }
    }

    fn ips(last: &[u8]) -> Vec<Ipv4Addr> {
        last.iter().map(|l| Ipv4Addr::new(10, 0, 9, *l)).collect()
    }

    #[test]
    fn service_names_give_the_vip_or_the_running_tasks() {
        let t = sample();
        assert_eq!(addrs(t.lookup("c1", "my-web")), ips(&[2]));
        assert_eq!(addrs(t.lookup("c1", "MY-WEB.")), ips(&[2]), "case, dot");
        assert_eq!(
            addrs(t.lookup("c1", "my-web.example.com")),
            ips(&[2]),
            "a search domain is stripped"
        );
        assert_eq!(addrs(t.lookup("c1", "tasks.my-web")), ips(&[3, 4, 5]));
        assert_eq!(addrs(t.lookup("c1", "rr")), ips(&[21, 22]), "dnsrr");
        assert!(matches!(
            t.lookup("c1", "rr"),
            Lookup::Addrs { shuffle: true, .. }
        ));
        assert!(matches!(
            t.lookup("c1", "my-web"),
            Lookup::Addrs { shuffle: false, .. }
        ));
    }

    #[test]
    fn task_names_ids_and_aliases_give_the_task() {
        let t = sample();
        assert_eq!(addrs(t.lookup("c1", "my-web.2")), ips(&[4]));
        assert_eq!(addrs(t.lookup("c1", "my-web.2.w2")), ips(&[4]));
        assert_eq!(addrs(t.lookup("c1", "w2")), ips(&[4]));
        assert_eq!(addrs(t.lookup("c1", "web-alias")), ips(&[4]));
    }

    #[test]
    fn a_service_alias_names_the_service_on_that_network_only() {
        let mut a = Assignments {
            tasks: vec![
                task("c1", "s-client", "n1", "10.0.9.10/24"),
                task("o1", "s-other", "n2", "10.0.8.10/24"),
            ],
            networks: vec![
                network("n1", "my-network", 9),
                network("n2", "other-net", 8),
            ],
            services: vec![service("s-db", "db", "n1", Some("10.0.9.2/24"), false)],
            retained: vec![],
            data_path_port: 4789,
        };
        a.services[0].spec.network_aliases = [("n1".into(), vec!["store".into()])].into();
        let mut local = vec![
            endpoint("n1", "c1", "client.1", "client", [10, 0, 9, 10]),
            endpoint("n2", "o1", "other.1", "other", [10, 0, 8, 10]),
        ];
        for (i, ip) in [3, 4].into_iter().enumerate() {
            let mut e = endpoint("n1", &format!("d{i}"), "db.1", "db", [10, 0, 9, ip]);
            e.aliases = vec!["Store".into()];
            local.push(e);
        }
        let t = Table::build(&a, &local, &Remote::default(), &[]);
        assert_eq!(
            addrs(t.lookup("c1", "store")),
            ips(&[2]),
            "the VIP, as Docker"
        );
        assert_eq!(addrs(t.lookup("c1", "tasks.store")), ips(&[3, 4]));
        assert_eq!(t.vips("c1").len(), 1, "one VIP, however many names");
        assert_eq!(t.lookup("o1", "store"), Lookup::NxDomain);
        assert_eq!(t.lookup("o1", "store.example.org"), Lookup::Forward);
    }

    #[test]
    fn names_are_scoped_to_the_askers_networks() {
        let t = sample();
        assert_eq!(t.lookup("o1", "my-web"), Lookup::NxDomain);
        assert_eq!(t.lookup("o1", "tasks.my-web"), Lookup::NxDomain);
        assert_eq!(t.lookup("o1", "my-web.1"), Lookup::NxDomain);
        assert_eq!(
            addrs(t.lookup("o1", "other")),
            vec![Ipv4Addr::new(10, 0, 8, 2)]
        );
        assert_eq!(t.lookup("nobody", "my-web"), Lookup::NxDomain);
        assert_eq!(t.reverse("o1", Ipv4Addr::new(10, 0, 9, 3)), None);
    }

    #[test]
    fn other_names_go_upstream_but_bare_ones_do_not() {
        let t = sample();
        assert_eq!(t.lookup("c1", "example.org"), Lookup::Forward);
        assert_eq!(t.lookup("c1", "tasks.nosuch"), Lookup::Forward);
        assert_eq!(t.lookup("c1", "nosuch"), Lookup::NxDomain);
    }

    #[test]
    fn a_service_without_running_tasks_keeps_its_vip() {
        let a = Assignments {
            tasks: vec![task("c1", "s-my-web", "n1", "10.0.9.10/24")],
            networks: vec![network("n1", "my-network", 9)],
            services: vec![
                service("s-my-web", "my-web", "n1", Some("10.0.9.2/24"), false),
                service("s-rr", "rr", "n1", None, true),
            ],
            retained: vec![],
            data_path_port: 4789,
        };
        let t = Table::build(&a, &[], &Remote::default(), &[]);
        assert_eq!(addrs(t.lookup("c1", "my-web")), ips(&[2]));
        assert_eq!(addrs(t.lookup("c1", "tasks.my-web")), ips(&[]));
        assert_eq!(addrs(t.lookup("c1", "rr")), ips(&[]));
    }

    #[test]
    fn a_tasks_balancer_holds_the_vips_of_its_networks_and_their_running_tasks() {
        let t = sample();
        let v = t.vips("c1");
        assert_eq!(
            v.keys().copied().collect::<Vec<_>>(),
            ips(&[2, 9]),
            "my-web and client; not the dnsrr service, not other-net's"
        );
        assert_eq!(v[&Ipv4Addr::new(10, 0, 9, 2)], ips(&[3, 4, 5]));
        assert_eq!(v[&Ipv4Addr::new(10, 0, 9, 9)], ips(&[10]));
        assert_eq!(
            t.vips("o1").into_keys().collect::<Vec<_>>(),
            vec![Ipv4Addr::new(10, 0, 8, 2)]
        );
        assert!(t.vips("nobody").is_empty());
    }

    #[test]
    fn addresses_have_names() {
        let t = sample();
        assert_eq!(
            t.reverse("c1", Ipv4Addr::new(10, 0, 9, 4)).as_deref(),
            Some("my-web.2.w2.my-network")
        );
        assert_eq!(
            t.reverse("c1", Ipv4Addr::new(10, 0, 9, 2)).as_deref(),
            Some("my-web.my-network")
        );
        assert_eq!(
            parse_reverse("4.9.0.10.in-addr.arpa."),
            Some(Ipv4Addr::new(10, 0, 9, 4))
        );
        assert_eq!(parse_reverse("9.0.10.in-addr.arpa"), None);
        assert_eq!(parse_reverse("x.4.9.0.10.in-addr.arpa"), None);
    }
}
