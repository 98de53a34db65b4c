//! The overlay data plane as plain data: what this node should have (`Desired`: its
//! tasks' attachments and the endpoints gossip knows elsewhere), what the kernel has
//! (`Actual`, read back), and the operations that take one to the other. Pure, so it
//! is unit-tested without root; applying the operations is `Driver`'s job.
//!
//! Swarm's layout: per overlay network, a sandbox namespace holding bridge `br0` (the
//! gateway address) and `vxlan0` (the network's VNI); per task, a veth from its own
//! namespace (`eth0`, `eth1`... one per network) into `br0`; per remote endpoint, a
//! neighbour entry (IP -> MAC) and a forwarding entry (MAC -> remote VTEP) on `vxlan0`.

use std::{
    collections::{BTreeMap, BTreeSet},
    net::Ipv4Addr,
};

/// VXLAN's IANA port, Swarm's default data path port.
pub const VXLAN_PORT: u16 = 4789;

/// The MTU of overlay links: 1500 less VXLAN's 50 bytes.
pub const MTU: u32 = 1450;

/// Docker's MAC for an overlay address: `02:42` and the IPv4 bytes.
pub fn mac_for(ip: Ipv4Addr) -> [u8; 6] {
    let o = ip.octets();
    [0x02, 0x42, o[0], o[1], o[2], o[3]]
}

pub fn mac_string(mac: [u8; 6]) -> String {
    mac.iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(":")
}

pub fn parse_mac(s: &str) -> Option<[u8; 6]> {
    let bytes: Vec<u8> = s
        .split(':')
        .map(|p| u8::from_str_radix(p, 16))
        .collect::<Result<_, _>>()
        .ok()?;
    bytes.try_into().ok()
}

/// The host bridge that gives tasks a way out (Docker's `docker_gwbridge`).
pub const GW_BRIDGE: &str = "shoal_gwbridge";

/// The host end of a task's veth on the gateway bridge.
pub fn gw_veth_name(task_id: &str) -> String {
    format!("sg{}", &task_id[..task_id.len().min(12)])
}

/// The gateway bridge's address and prefix (`172.18.0.1/16`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GwSpec {
    pub gateway: Ipv4Addr,
    pub prefix: u8,
}

impl GwSpec {
    fn mask(&self) -> u32 {
        u32::MAX
            .checked_shl(32 - u32::from(self.prefix))
            .unwrap_or(0)
    }

    pub fn subnet(&self) -> Ipv4Addr {
        Ipv4Addr::from(u32::from(self.gateway) & self.mask())
    }

    fn contains(&self, ip: Ipv4Addr) -> bool {
        u32::from(ip) & self.mask() == u32::from(self.subnet())
    }

    /// Host addresses in order, not the gateway's.
    fn hosts(&self) -> impl Iterator<Item = Ipv4Addr> + '_ {
        let first = u32::from(self.subnet()) + 1;
        let last = (u32::from(self.subnet()) | !self.mask()).saturating_sub(1);
        (first..=last)
            .map(Ipv4Addr::from)
            .filter(|ip| *ip != self.gateway)
    }
}

/// The sandbox namespace's name for a network (under the agent's `netns/` dir).
pub fn sandbox_name(network_id: &str) -> String {
    format!("ov-{}", &network_id[..network_id.len().min(12)])
}

/// The namespace's name for a task.
pub fn task_ns_name(task_id: &str) -> String {
    format!("task-{task_id}")
}

/// The sandbox end of a task's veth on a network.
pub fn veth_name(task_id: &str, network_id: &str) -> String {
    let t = &task_id[..task_id.len().min(6)];
    let n = &network_id[..network_id.len().min(5)];
    format!("ve{t}{n}")
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetSpec {
    pub id: String,
    pub vni: u32,
    pub gateway: Ipv4Addr,
    pub prefix: u8,
}

/// A task's interface on a network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attach {
    pub task_id: String,
    pub network_id: String,
    /// `eth0`, `eth1`... in the order of the task's networks.
    pub ifname: String,
    pub ip: Ipv4Addr,
    pub prefix: u8,
}

/// An endpoint on another node.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Peer {
    pub network_id: String,
    pub ip: Ipv4Addr,
    pub mac: [u8; 6],
    pub vtep: Ipv4Addr,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Desired {
    /// This node's advertise address, the source of its VXLAN packets.
    pub vtep: Option<Ipv4Addr>,
    /// VXLAN's UDP port (4789).
    pub port: u16,
    pub networks: BTreeMap<String, NetSpec>,
    pub attachments: Vec<Attach>,
    pub peers: Vec<Peer>,
    /// The gateway bridge, when tasks get a way out.
    pub gw: Option<GwSpec>,
}

/// The host side as read back: the gateway bridge and its masquerade rule.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Host {
    pub gw_bridge: Option<(Ipv4Addr, u8)>,
    pub nat: bool,
    /// VXLAN devices of ours still in the host namespace (`vx<VNI>`, from this node's
    /// VTEP): they only pass through while a sandbox is made, so one found here was
    /// left by a crash.
    pub stray: Vec<String>,
}

/// A sandbox as read back from the kernel.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sandbox {
    /// `br0`'s address, if br0 exists.
    pub bridge: Option<(Ipv4Addr, u8)>,
    /// `vxlan0`'s VNI, local address and port, if it exists (attached to br0).
    pub vxlan: Option<(u32, Option<Ipv4Addr>, u16)>,
    /// Veths attached to br0.
    pub ports: BTreeSet<String>,
    pub fdb: BTreeSet<([u8; 6], Ipv4Addr)>,
    pub neighbours: BTreeSet<(Ipv4Addr, [u8; 6])>,
}

/// A task's interface as read back (in its namespace).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Iface {
    pub ifname: String,
    pub addrs: Vec<(Ipv4Addr, u8)>,
    pub mac: Option<[u8; 6]>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Actual {
    /// By sandbox name (`ov-...`).
    pub sandboxes: BTreeMap<String, Sandbox>,
    /// Task namespaces that exist, by task ID, with their interfaces (not `lo`).
    pub tasks: BTreeMap<String, Vec<Iface>>,
    /// Tasks' default gateways, by task ID.
    pub default_gw: BTreeMap<String, Ipv4Addr>,
    pub host: Host,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    /// Namespace, `br0` with the gateway address, `vxlan0` (made in the host namespace
    /// from `vtep`, moved in, attached), all up at MTU 1450.
    AddSandbox {
        sandbox: String,
        vni: u32,
        gateway: Ipv4Addr,
        prefix: u8,
        vtep: Ipv4Addr,
        port: u16,
    },
    DelSandbox {
        sandbox: String,
    },
    /// A veth from the sandbox's br0 to `ifname` in the task's namespace, with the
    /// task's address and MAC. An interface of that name already there is replaced.
    Attach {
        sandbox: String,
        veth: String,
        task_id: String,
        ifname: String,
        ip: Ipv4Addr,
        prefix: u8,
        mac: [u8; 6],
    },
    AddPeer {
        sandbox: String,
        ip: Ipv4Addr,
        mac: [u8; 6],
        vtep: Ipv4Addr,
    },
    DelPeer {
        sandbox: String,
        ip: Option<Ipv4Addr>,
        mac: [u8; 6],
        vtep: Option<Ipv4Addr>,
    },
    /// The gateway bridge with its address, forwarding on, and the masquerade rule.
    AddGwBridge {
        gateway: Ipv4Addr,
        prefix: u8,
    },
    DelGwBridge,
    /// A link left in the host namespace by a crash.
    DelHostLink {
        name: String,
    },
    /// A veth from the gateway bridge (an isolated port) to `ifname` in the task, with
    /// the task's default route through the bridge.
    AttachGw {
        veth: String,
        task_id: String,
        ifname: String,
        ip: Ipv4Addr,
        prefix: u8,
        gateway: Ipv4Addr,
    },
}

/// The operations that make `actual` what `desired` says. Running it again on the
/// result gives nothing.
pub fn plan(desired: &Desired, actual: &Actual) -> Vec<Op> {
    let mut ops: Vec<Op> = actual
        .host
        .stray
        .iter()
        .map(|name| Op::DelHostLink { name: name.clone() })
        .collect();
    // A network is needed where one of its tasks is attached here (and whose task
    // namespace exists: the supervisor makes it before the task starts).
    let attachments: Vec<&Attach> = desired
        .attachments
        .iter()
        .filter(|a| desired.networks.contains_key(&a.network_id))
        .filter(|a| actual.tasks.contains_key(&a.task_id))
        .collect();
    let needed: BTreeMap<String, &NetSpec> = attachments
        .iter()
        .filter_map(|a| desired.networks.get(&a.network_id))
        .map(|n| (sandbox_name(&n.id), n))
        .collect();
    // Sandboxes not needed, or not as they should be, go (a wrong one is remade).
    let mut fresh: BTreeSet<String> = BTreeSet::new();
    for (name, sb) in &actual.sandboxes {
        let ok = match (needed.get(name), desired.vtep) {
            (Some(n), Some(vtep)) => {
                sb.bridge == Some((n.gateway, n.prefix))
                    && sb.vxlan == Some((n.vni, Some(vtep), desired.port))
            }
            _ => false,
        };
        if !ok {
            ops.push(Op::DelSandbox {
                sandbox: name.clone(),
            });
        }
    }
    let Some(vtep) = desired.vtep else {
        return ops;
    };
    for (name, n) in &needed {
        let intact = actual.sandboxes.get(name).is_some_and(|sb| {
            sb.bridge == Some((n.gateway, n.prefix))
                && sb.vxlan == Some((n.vni, Some(vtep), desired.port))
        });
        if !intact {
            fresh.insert(name.clone());
            ops.push(Op::AddSandbox {
                sandbox: name.clone(),
                vni: n.vni,
                gateway: n.gateway,
                prefix: n.prefix,
                vtep,
                port: desired.port,
            });
        }
    }
    // Task interfaces: present with the right address and MAC, and plugged in.
    for a in &attachments {
        let sandbox = sandbox_name(&a.network_id);
        let veth = veth_name(&a.task_id, &a.network_id);
        let mac = mac_for(a.ip);
        let plugged = !fresh.contains(&sandbox)
            && actual
                .sandboxes
                .get(&sandbox)
                .is_some_and(|sb| sb.ports.contains(&veth));
        let right = actual.tasks.get(&a.task_id).is_some_and(|ifs| {
            ifs.iter().any(|i| {
                i.ifname == a.ifname && i.addrs == [(a.ip, a.prefix)] && i.mac == Some(mac)
            })
        });
        if !(plugged && right) {
            ops.push(Op::Attach {
                sandbox,
                veth,
                task_id: a.task_id.clone(),
                ifname: a.ifname.clone(),
                ip: a.ip,
                prefix: a.prefix,
                mac,
            });
        }
    }
    // Remote endpoints on the networks this node has.
    for name in needed.keys() {
        let want: BTreeSet<&Peer> = desired
            .peers
            .iter()
            .filter(|p| &sandbox_name(&p.network_id) == name)
            .collect();
        let empty = Sandbox::default();
        let sb = if fresh.contains(name) {
            &empty
        } else {
            actual.sandboxes.get(name).unwrap_or(&empty)
        };
        for p in &want {
            if !sb.fdb.contains(&(p.mac, p.vtep)) || !sb.neighbours.contains(&(p.ip, p.mac)) {
                ops.push(Op::AddPeer {
                    sandbox: name.clone(),
                    ip: p.ip,
                    mac: p.mac,
                    vtep: p.vtep,
                });
            }
        }
        for (mac, vtep) in &sb.fdb {
            if !want.iter().any(|p| p.mac == *mac && p.vtep == *vtep) {
                ops.push(Op::DelPeer {
                    sandbox: name.clone(),
                    ip: None,
                    mac: *mac,
                    vtep: Some(*vtep),
                });
            }
        }
        for (ip, mac) in &sb.neighbours {
            if !want.iter().any(|p| p.ip == *ip && p.mac == *mac) {
                ops.push(Op::DelPeer {
                    sandbox: name.clone(),
                    ip: Some(*ip),
                    mac: *mac,
                    vtep: None,
                });
            }
        }
    }
    plan_gw(desired, actual, &attachments, &mut ops);
    ops
}

/// The way out: one interface on the gateway bridge per task on an overlay network,
/// after its overlay interfaces, with the default route.
fn plan_gw(desired: &Desired, actual: &Actual, attachments: &[&Attach], ops: &mut Vec<Op>) {
    let mut tasks: BTreeMap<&str, usize> = BTreeMap::new();
    for a in attachments {
        *tasks.entry(a.task_id.as_str()).or_default() += 1;
    }
    let Some(gw) = desired.gw.filter(|_| !tasks.is_empty()) else {
        if actual.host.gw_bridge.is_some() || actual.host.nat {
            ops.push(Op::DelGwBridge);
        }
        return;
    };
    let fresh = actual.host.gw_bridge != Some((gw.gateway, gw.prefix)) || !actual.host.nat;
    if fresh {
        ops.push(Op::AddGwBridge {
            gateway: gw.gateway,
            prefix: gw.prefix,
        });
    }
    let on_gw = |task: &str, ifname: &str| -> Option<Ipv4Addr> {
        actual.tasks.get(task)?.iter().find_map(|i| {
            (i.ifname == ifname)
                .then(|| {
                    i.addrs
                        .iter()
                        .find(|(ip, p)| *p == gw.prefix && gw.contains(*ip))
                })
                .flatten()
                .map(|(ip, _)| *ip)
        })
    };
    // Addresses held by tasks that keep theirs.
    let mut used: BTreeSet<Ipv4Addr> = BTreeSet::new();
    let mut todo = Vec::new();
    for (task, n) in &tasks {
        let ifname = format!("eth{n}");
        let kept = on_gw(task, &ifname)
            .filter(|_| !fresh && actual.default_gw.get(*task) == Some(&gw.gateway));
        match kept {
            Some(ip) => {
                used.insert(ip);
            }
            None => todo.push((*task, ifname)),
        }
    }
    let mut candidates = gw.hosts();
    for (task, ifname) in todo {
        // A task that had an address keeps it when it is still free.
        let ip = match on_gw(task, &ifname).filter(|ip| !used.contains(ip)) {
            Some(ip) => ip,
            None => match candidates.by_ref().find(|ip| !used.contains(ip)) {
                Some(ip) => ip,
                None => return,
            },
        };
        used.insert(ip);
        ops.push(Op::AttachGw {
            veth: gw_veth_name(task),
            task_id: task.to_string(),
            ifname,
            ip,
            prefix: gw.prefix,
            gateway: gw.gateway,
        });
    }
}

/// What the kernel holds after `op`, as plain data: the fake drivers' model.
#[cfg(test)]
pub(crate) fn model(actual: &mut Actual, op: &Op) -> Result<(), String> {
    let missing = |sandbox: &str| format!("namespace {sandbox} does not exist");
    match op {
        Op::AddSandbox {
            sandbox,
            vni,
            gateway,
            prefix,
            vtep,
            port,
        } => {
            actual.sandboxes.insert(
                sandbox.clone(),
                Sandbox {
                    bridge: Some((*gateway, *prefix)),
                    vxlan: Some((*vni, Some(*vtep), *port)),
                    ..Default::default()
                },
            );
        }
        Op::DelSandbox { sandbox } => {
            actual.sandboxes.remove(sandbox);
        }
        Op::Attach {
            sandbox,
            veth,
            task_id,
            ifname,
            ip,
            prefix,
            mac,
        } => {
            let sb = actual
                .sandboxes
                .get_mut(sandbox)
                .ok_or_else(|| missing(sandbox))?;
            sb.ports.insert(veth.clone());
            let ifs = actual
                .tasks
                .get_mut(task_id)
                .ok_or_else(|| missing(task_id))?;
            ifs.retain(|i| &i.ifname != ifname);
            ifs.push(Iface {
                ifname: ifname.clone(),
                addrs: vec![(*ip, *prefix)],
                mac: Some(*mac),
            });
        }
        Op::AddPeer {
            sandbox,
            ip,
            mac,
            vtep,
        } => {
            let sb = actual
                .sandboxes
                .get_mut(sandbox)
                .ok_or_else(|| missing(sandbox))?;
            sb.fdb.insert((*mac, *vtep));
            sb.neighbours.insert((*ip, *mac));
        }
        Op::DelPeer {
            sandbox,
            ip,
            mac,
            vtep,
        } => {
            let sb = actual
                .sandboxes
                .get_mut(sandbox)
                .ok_or_else(|| missing(sandbox))?;
            if let Some(v) = vtep {
                sb.fdb.remove(&(*mac, *v));
            }
            if let Some(i) = ip {
                sb.neighbours.remove(&(*i, *mac));
            }
        }
        Op::AddGwBridge { .. } | Op::DelGwBridge | Op::AttachGw { .. } | Op::DelHostLink { .. } => {
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const VTEP: Ipv4Addr = Ipv4Addr::new(192, 0, 2, 1);

    fn desired() -> Desired {
        let net = NetSpec {
            id: "net1aaaaaaaaaaaaaaaaaaaaa".into(),
            vni: 4097,
            gateway: Ipv4Addr::new(10, 0, 9, 1),
            prefix: 24,
        };
        Desired {
            vtep: Some(VTEP),
            port: 4789,
            networks: [(net.id.clone(), net)].into(),
            attachments: vec![Attach {
                task_id: "task1".into(),
                network_id: "net1aaaaaaaaaaaaaaaaaaaaa".into(),
                ifname: "eth0".into(),
                ip: Ipv4Addr::new(10, 0, 9, 3),
                prefix: 24,
            }],
            peers: vec![Peer {
                network_id: "net1aaaaaaaaaaaaaaaaaaaaa".into(),
                ip: Ipv4Addr::new(10, 0, 9, 4),
                mac: mac_for(Ipv4Addr::new(10, 0, 9, 4)),
                vtep: Ipv4Addr::new(192, 0, 2, 3),
            }],
            gw: None,
        }
    }

    fn apply(actual: &mut Actual, ops: &[Op]) {
        for op in ops {
            model(actual, op).unwrap();
        }
    }

    fn with_task() -> Actual {
        Actual {
            tasks: [("task1".to_string(), vec![])].into(),
            ..Default::default()
        }
    }

    #[test]
    fn builds_the_sandbox_attaches_and_adds_peers_then_is_stable() {
        let d = desired();
        let mut actual = with_task();
        let ops = plan(&d, &actual);
        assert!(matches!(ops[0], Op::AddSandbox { vni: 4097, .. }));
        assert!(matches!(&ops[1], Op::Attach { ifname, mac, .. }
            if ifname == "eth0" && *mac == [2, 0x42, 10, 0, 9, 3]));
        assert!(matches!(ops[2], Op::AddPeer { .. }));
        assert_eq!(ops.len(), 3);
        apply(&mut actual, &ops);
        assert_eq!(plan(&d, &actual), [], "a second run changes nothing");
    }

    #[test]
    fn peers_follow_gossip_and_leftovers_go() {
        let mut d = desired();
        let mut actual = with_task();
        let ops = plan(&d, &actual);
        apply(&mut actual, &ops);
        // The remote endpoint goes (its node died): both entries leave.
        d.peers.clear();
        let ops = plan(&d, &actual);
        assert_eq!(ops.len(), 2, "{ops:?}");
        apply(&mut actual, &ops);
        assert!(
            actual
                .sandboxes
                .values()
                .all(|s| s.fdb.is_empty() && s.neighbours.is_empty())
        );
        // The last task goes: the sandbox goes.
        actual.tasks.clear();
        assert_eq!(
            plan(&d, &actual),
            [Op::DelSandbox {
                sandbox: sandbox_name("net1aaaaaaaaaaaaaaaaaaaaa")
            }]
        );
        // A sandbox of a network deleted while the agent was away goes too.
        let mut actual = with_task();
        actual
            .sandboxes
            .insert("ov-gone".into(), Sandbox::default());
        assert!(plan(&d, &actual).contains(&Op::DelSandbox {
            sandbox: "ov-gone".into()
        }));
    }

    #[test]
    fn a_wrong_sandbox_is_remade_and_a_wrong_address_reattached() {
        let d = desired();
        let mut actual = with_task();
        let ops = plan(&d, &actual);
        apply(&mut actual, &ops);
        let name = sandbox_name("net1aaaaaaaaaaaaaaaaaaaaa");
        actual.sandboxes.get_mut(&name).unwrap().vxlan = Some((9999, Some(VTEP), 4789));
        let ops = plan(&d, &actual);
        assert!(matches!(ops[0], Op::DelSandbox { .. }));
        assert!(matches!(ops[1], Op::AddSandbox { .. }));
        assert!(ops.iter().any(|o| matches!(o, Op::Attach { .. })));
        assert!(ops.iter().any(|o| matches!(o, Op::AddPeer { .. })));

        let mut actual = with_task();
        let ops = plan(&d, &actual);
        apply(&mut actual, &ops);
        actual.tasks.get_mut("task1").unwrap()[0].addrs = vec![(Ipv4Addr::new(10, 0, 9, 99), 24)];
        assert!(matches!(plan(&d, &actual)[..], [Op::Attach { .. }]));
    }

    #[test]
    fn nothing_without_a_task_namespace_or_an_address() {
        let d = desired();
        assert_eq!(plan(&d, &Actual::default()), []);
        let mut d = desired();
        d.vtep = None;
        assert_eq!(plan(&d, &with_task()), []);
    }

    #[test]
    fn tasks_get_a_way_out_through_the_gateway_bridge() {
        let mut d = desired();
        d.gw = Some(GwSpec {
            gateway: Ipv4Addr::new(172, 18, 0, 1),
            prefix: 16,
        });
        let mut actual = with_task();
        let ops = plan(&d, &actual);
        assert!(ops.contains(&Op::AddGwBridge {
            gateway: Ipv4Addr::new(172, 18, 0, 1),
            prefix: 16
        }));
        let gw_op = ops
            .iter()
            .find(|o| matches!(o, Op::AttachGw { .. }))
            .unwrap()
            .clone();
        assert!(matches!(&gw_op, Op::AttachGw { ifname, ip, .. }
            if ifname == "eth1" && *ip == Ipv4Addr::new(172, 18, 0, 2)));
        // What the kernel then has: stable.
        let ops = plan(&d, &actual);
        let overlay: Vec<Op> = ops
            .iter()
            .filter(|o| !matches!(o, Op::AddGwBridge { .. } | Op::AttachGw { .. }))
            .cloned()
            .collect();
        apply(&mut actual, &overlay);
        actual.host = Host {
            gw_bridge: Some((Ipv4Addr::new(172, 18, 0, 1), 16)),
            nat: true,
            stray: vec![],
        };
        actual.tasks.get_mut("task1").unwrap().push(Iface {
            ifname: "eth1".into(),
            addrs: vec![(Ipv4Addr::new(172, 18, 0, 2), 16)],
            mac: None,
        });
        actual
            .default_gw
            .insert("task1".into(), Ipv4Addr::new(172, 18, 0, 1));
        assert_eq!(plan(&d, &actual), []);
        // A second task gets the next address; the bridge goes with the last task.
        actual.tasks.insert("task2".into(), vec![]);
        d.attachments.push(Attach {
            task_id: "task2".into(),
            ip: Ipv4Addr::new(10, 0, 9, 9),
            ..d.attachments[0].clone()
        });
        assert!(
            plan(&d, &actual)
                .iter()
                .any(|o| matches!(o, Op::AttachGw { ip, .. }
            if *ip == Ipv4Addr::new(172, 18, 0, 3)))
        );
        actual.tasks.clear();
        assert!(plan(&d, &actual).contains(&Op::DelGwBridge));
    }

    #[test]
    fn links_left_in_the_host_by_a_crash_go() {
        let mut actual = Actual::default();
        actual.host.stray.push("vx4097".into());
        assert_eq!(
            plan(&desired(), &actual),
            [Op::DelHostLink {
                name: "vx4097".into()
            }]
        );
    }

    #[test]
    fn macs() {
        let mac = mac_for(Ipv4Addr::new(10, 0, 9, 3));
        assert_eq!(mac_string(mac), "02:42:0a:00:09:03");
        assert_eq!(parse_mac("02:42:0a:00:09:03"), Some(mac));
        assert_eq!(parse_mac("02:42"), None);
        assert_eq!(veth_name("abcdefghij", "xyz12345"), "veabcdefxyz12");
        assert!(veth_name("abcdefghij", "xyz12345").len() <= 15);
    }
}
