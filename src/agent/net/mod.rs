//! The overlay data plane on this node, reconciled as plan + apply: the desired state
//! (this node's tasks on overlay networks, from its assignments, and the endpoints of
//! other nodes, from gossip) minus the actual one (read back from the kernel) gives a
//! plan of operations (`plan.rs`, pure); `Driver` applies them (`kernel.rs`, the only
//! code here that touches the kernel; a fake in the tests). A second run changes
//! nothing, an agent restart rebuilds nothing that is right, and leftovers of deleted
//! networks and tasks go.

pub mod kernel;
pub mod nat;
pub mod plan;

use std::{
    net::Ipv4Addr,
    path::PathBuf,
    sync::{Arc, Mutex},
};

use plan::{Attach, Desired, NetSpec, Op, Peer};

use crate::{
    api::types::Assignments,
    manager::objects::{Mode, Task},
};

#[derive(Debug, Clone, thiserror::Error)]
pub enum NetError {
    #[error("{0}")]
    Kernel(String),
}

pub trait Driver: Send + Sync {
    fn read(&self) -> Result<plan::Actual, NetError>;
    fn apply(&self, op: &Op) -> Result<(), NetError>;
    /// Makes (or finds) the namespace a task will run in.
    fn create_task_ns(&self, task_id: &str) -> Result<PathBuf, NetError>;
    fn delete_task_ns(&self, task_id: &str) -> Result<(), NetError>;
    /// IDs of the tasks that have a namespace.
    fn task_namespaces(&self) -> Vec<String>;
}

/// The node's data plane: what it should be, and the reconciler that makes it so.
pub struct Net {
    driver: Arc<dyn Driver>,
    desired: Mutex<Desired>,
    /// One reconcile at a time.
    running: Mutex<()>,
}

/// `10.0.9.3/24` as address and prefix.
fn parse_cidr(s: &str) -> Option<(Ipv4Addr, u8)> {
    let (a, p) = s.split_once('/')?;
    Some((a.parse().ok()?, p.parse().ok().filter(|p| *p <= 32)?))
}

/// The gateway bridge's subnet: the first of 172.18.0.0/16 ... 172.31.0.0/16 that
/// overlaps none of the host's routes (as Docker picks `docker_gwbridge`'s).
pub fn choose_gw(routes: &[String]) -> Option<plan::GwSpec> {
    let nets: Vec<(u32, u32)> = routes
        .iter()
        .filter_map(|r| parse_cidr(r))
        .filter(|(_, p)| *p > 0)
        .map(|(a, p)| {
            let mask = u32::MAX << (32 - u32::from(p));
            (u32::from(a) & mask, mask)
        })
        .collect();
    (18..=31u8).find_map(|second| {
        let base = u32::from(Ipv4Addr::new(172, second, 0, 0));
        let mask = u32::MAX << 16;
        let overlaps = nets
            .iter()
            .any(|(n, m)| (base & m) == *n || (n & mask) == base);
        (!overlaps).then(|| plan::GwSpec {
            gateway: Ipv4Addr::new(172, second, 0, 1),
            prefix: 16,
        })
    })
}

/// A task's interfaces: one per overlay network with an address, `eth0`, `eth1`...
pub fn attachments_of(a: &Assignments, t: &Task) -> (Vec<Attach>, Vec<NetSpec>) {
    let mut attach = Vec::new();
    let mut nets = Vec::new();
    let svc = a.services.iter().find(|s| s.id == t.service_id);
    let order: Vec<&String> = svc
        .map(|s| s.spec.networks.iter().collect())
        .unwrap_or_default();
    let mut addrs: Vec<_> = t.addresses.iter().collect();
    addrs.sort_by_key(|x| {
        order
            .iter()
            .position(|n| **n == x.network_id)
            .unwrap_or(usize::MAX)
    });
    for addr in addrs {
        let (Some(net), Some((ip, prefix))) = (
            a.networks.iter().find(|n| n.id == addr.network_id),
            parse_cidr(&addr.addr),
        ) else {
            continue;
        };
        let Some((gateway, _)) =
            parse_cidr(&net.gateway).or_else(|| Some((net.gateway.parse().ok()?, prefix)))
        else {
            continue;
        };
        attach.push(Attach {
            task_id: t.id.clone(),
            network_id: net.id.clone(),
            ifname: format!("eth{}", attach.len()),
            ip,
            prefix,
        });
        nets.push(NetSpec {
            id: net.id.clone(),
            vni: net.vni,
            gateway,
            prefix,
        });
    }
    let _ = Mode::Global; // (both modes attach the same way)
    (attach, nets)
}

impl Net {
    pub fn new(
        driver: Arc<dyn Driver>,
        vtep: Option<Ipv4Addr>,
        port: u16,
        gw: Option<plan::GwSpec>,
    ) -> Net {
        Net {
            driver,
            desired: Mutex::new(Desired {
                vtep,
                port,
                gw,
                ..Default::default()
            }),
            running: Mutex::new(()),
        }
    }

    /// Gives task `task_id` its namespace and interfaces before it starts (or again
    /// after an agent restart); the namespace's path, or None for a task on no network.
    pub fn prepare(
        &self,
        task_id: &str,
        attach: Vec<Attach>,
        nets: Vec<NetSpec>,
    ) -> Result<Option<PathBuf>, NetError> {
        self.prepare_many(vec![(task_id.to_string(), attach, nets)])
            .pop()
            .unwrap_or(Ok(None))
    }

    /// `prepare` for several tasks with one reconcile (a service's replicas arrive
    /// together); results in the same order.
    pub fn prepare_many(
        &self,
        tasks: Vec<(String, Vec<Attach>, Vec<NetSpec>)>,
    ) -> Vec<Result<Option<PathBuf>, NetError>> {
        let mut out: Vec<Result<Option<PathBuf>, NetError>> = Vec::with_capacity(tasks.len());
        let mut any = false;
        for (task_id, attach, nets) in tasks.iter().cloned() {
            if attach.is_empty() {
                out.push(Ok(None));
                continue;
            }
            match self.driver.create_task_ns(&task_id) {
                Ok(path) => {
                    if let Ok(mut d) = self.desired.lock() {
                        d.attachments.retain(|a| a.task_id != task_id);
                        d.attachments.extend(attach);
                        for n in nets {
                            d.networks.insert(n.id.clone(), n);
                        }
                    }
                    any = true;
                    out.push(Ok(Some(path)));
                }
                Err(e) => out.push(Err(e)),
            }
        }
        if !any {
            return out;
        }
        let failed = self.reconcile();
        // Each task's own operations must have worked; others' are retried later.
        for ((task_id, _, _), result) in tasks.iter().zip(out.iter_mut()) {
            if !matches!(result, Ok(Some(_))) {
                continue;
            }
            if let Some((_, e)) = failed.iter().find(|(op, _)| touches(op, task_id)) {
                let _ = self.release(task_id);
                *result = Err(e.clone());
            }
        }
        out
    }

    /// VXLAN's UDP port in this cluster (sandboxes made for another are remade).
    pub fn set_port(&self, port: u16) {
        if let Ok(mut d) = self.desired.lock() {
            d.port = port;
        }
    }

    /// Says which tasks should have interfaces (all those to run here), without
    /// touching the kernel: so that a reconcile for one task never takes away what
    /// another, not yet looked at, needs (as after an agent restart).
    pub fn expect(&self, attach: Vec<Attach>, nets: Vec<NetSpec>) {
        if let Ok(mut d) = self.desired.lock() {
            d.attachments = attach;
            d.networks = nets.into_iter().map(|n| (n.id.clone(), n)).collect();
        }
    }

    /// Takes a task's interfaces and namespace away (it ended or was removed).
    pub fn release(&self, task_id: &str) -> Result<(), NetError> {
        // Its interfaces go with its namespace; the kernel needs more work only when it
        // was the last on a network (the sandbox goes) or on this node.
        let last = self
            .desired
            .lock()
            .map(|mut d| {
                let mine: std::collections::BTreeSet<String> = d
                    .attachments
                    .iter()
                    .filter(|a| a.task_id == task_id)
                    .map(|a| a.network_id.clone())
                    .collect();
                d.attachments.retain(|a| a.task_id != task_id);
                let used: std::collections::BTreeSet<String> =
                    d.attachments.iter().map(|a| a.network_id.clone()).collect();
                d.networks.retain(|id, _| used.contains(id));
                mine.is_empty() || mine.iter().any(|n| !used.contains(n))
            })
            .unwrap_or(true);
        let r = self.driver.delete_task_ns(task_id);
        if last {
            self.reconcile();
        }
        r
    }

    /// Removes the namespaces of tasks for which `keep` says no (left by a crash).
    pub fn forget_others(&self, keep: &dyn Fn(&str) -> bool) {
        let stale: Vec<String> = self
            .driver
            .task_namespaces()
            .into_iter()
            .filter(|id| !keep(id))
            .collect();
        for id in stale {
            tracing::info!(task = %id, "removing a stale task namespace");
            let _ = self.release(&id);
        }
    }

    /// The endpoints on other nodes (from gossip).
    pub fn set_peers(&self, peers: Vec<Peer>) {
        let changed = self
            .desired
            .lock()
            .map(|mut d| {
                let changed = d.peers != peers;
                d.peers = peers;
                changed
            })
            .unwrap_or(false);
        if changed {
            self.reconcile();
        }
    }

    /// Plans from what the kernel has and applies; returns the operations that failed.
    pub fn reconcile(&self) -> Vec<(Op, NetError)> {
        let _one = self.running.lock();
        let Ok(desired) = self.desired.lock().map(|d| d.clone()) else {
            return Vec::new();
        };
        let actual = match self.driver.read() {
            Ok(a) => a,
            Err(e) => {
                tracing::warn!(%e, "cannot read the data plane back");
                return Vec::new();
            }
        };
        let mut failed: Vec<(Op, NetError)> = Vec::new();
        for op in plan::plan(&desired, &actual) {
            // Nothing more goes into a sandbox that could not be made.
            if let Some((_, e)) = failed.iter().find(|(f, _)| {
                matches!(f, Op::AddSandbox { .. }) && sandbox_of(f) == sandbox_of(&op)
            }) {
                let e = e.clone();
                failed.push((op, e));
                continue;
            }
            tracing::debug!(?op, "data plane");
            if let Err(e) = self.driver.apply(&op) {
                tracing::warn!(?op, %e, "data plane operation failed");
                failed.push((op, e));
            }
        }
        failed
    }
}

fn sandbox_of(op: &Op) -> &str {
    match op {
        Op::AddSandbox { sandbox, .. }
        | Op::DelSandbox { sandbox }
        | Op::Attach { sandbox, .. }
        | Op::AddPeer { sandbox, .. }
        | Op::DelPeer { sandbox, .. } => sandbox,
        Op::AddGwBridge { .. } | Op::DelGwBridge | Op::AttachGw { .. } => {
            super::net::plan::GW_BRIDGE
        }
        Op::DelHostLink { name } => name,
    }
}

fn touches(op: &Op, task_id: &str) -> bool {
    match op {
        Op::Attach { task_id: t, .. } => t == task_id,
        Op::AddSandbox { .. } => true,
        // Without a way out the task still runs on its networks (and the failure is
        // logged and retried).
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::{plan::*, *};

    /// The kernel as plain data.
    #[derive(Default)]
    struct FakeDriver {
        actual: Mutex<Actual>,
        applied: Mutex<Vec<Op>>,
        fail_vni: Option<u32>,
    }

    impl Driver for FakeDriver {
        fn read(&self) -> Result<Actual, NetError> {
            Ok(self.actual.lock().unwrap().clone())
        }
        fn apply(&self, op: &Op) -> Result<(), NetError> {
            self.applied.lock().unwrap().push(op.clone());
            if let Op::AddSandbox { vni, .. } = op
                && Some(*vni) == self.fail_vni
            {
                return Err(NetError::Kernel(format!("VNI {vni} is already in use")));
            }
            plan::model(&mut self.actual.lock().unwrap(), op).map_err(NetError::Kernel)
        }
        fn create_task_ns(&self, task_id: &str) -> Result<PathBuf, NetError> {
            self.actual
                .lock()
                .unwrap()
                .tasks
                .entry(task_id.into())
                .or_default();
            Ok(PathBuf::from(format!("/fake/{task_id}")))
        }
        fn task_namespaces(&self) -> Vec<String> {
            self.actual.lock().unwrap().tasks.keys().cloned().collect()
        }
        fn delete_task_ns(&self, task_id: &str) -> Result<(), NetError> {
            let mut a = self.actual.lock().unwrap();
            a.tasks.remove(task_id);
            // The veth pair goes with the namespace.
            for sb in a.sandboxes.values_mut() {
                sb.ports
                    .retain(|p| !p.starts_with(&format!("ve{}", &task_id[..6.min(task_id.len())])));
            }
            Ok(())
        }
    }

    fn net_spec(vni: u32) -> NetSpec {
        NetSpec {
            id: format!("net{vni}xxxxxxxxxxxxxxxxxx"),
            vni,
            gateway: Ipv4Addr::new(10, 0, 9, 1),
            prefix: 24,
        }
    }

    fn attach(task: &str, vni: u32, host: u8) -> Attach {
        Attach {
            task_id: task.into(),
            network_id: net_spec(vni).id,
            ifname: "eth0".into(),
            ip: Ipv4Addr::new(10, 0, 9, host),
            prefix: 24,
        }
    }

    #[test]
    fn the_gateway_subnet_avoids_the_host_s_routes() {
        assert_eq!(
            choose_gw(&["192.0.2.0/24".into(), "0.0.0.0/0".into()])
                .unwrap()
                .gateway,
            Ipv4Addr::new(172, 18, 0, 1)
        );
        let taken = choose_gw(&["172.18.0.0/16".into(), "172.19.5.0/24".into()]).unwrap();
        assert_eq!(taken.gateway, Ipv4Addr::new(172, 20, 0, 1));
        assert!(choose_gw(&["172.16.0.0/12".into()]).is_none());
    }

    #[test]
    fn tasks_bring_their_network_and_take_it_away_with_the_last() {
        let drv = Arc::new(FakeDriver::default());
        let net = Net::new(drv.clone(), Some(Ipv4Addr::new(192, 0, 2, 1)), 4789, None);
        let path = net
            .prepare(
                "task01",
                vec![attach("task01", 4097, 3)],
                vec![net_spec(4097)],
            )
            .unwrap();
        assert_eq!(path, Some(PathBuf::from("/fake/task01")));
        net.prepare(
            "task02",
            vec![attach("task02", 4097, 4)],
            vec![net_spec(4097)],
        )
        .unwrap();
        let sandboxes = |d: &FakeDriver| {
            d.actual
                .lock()
                .unwrap()
                .sandboxes
                .keys()
                .cloned()
                .collect::<Vec<_>>()
        };
        assert_eq!(sandboxes(&drv).len(), 1, "one sandbox per network");
        let before = drv.applied.lock().unwrap().len();
        assert!(net.reconcile().is_empty());
        assert_eq!(
            drv.applied.lock().unwrap().len(),
            before,
            "nothing to do twice"
        );
        net.release("task01").unwrap();
        assert_eq!(sandboxes(&drv).len(), 1);
        net.release("task02").unwrap();
        assert!(
            sandboxes(&drv).is_empty(),
            "the last task takes the sandbox"
        );
        assert_eq!(net.prepare("plain", vec![], vec![]).unwrap(), None);
    }

    #[test]
    fn a_vni_in_use_fails_the_task_clearly_and_leaves_nothing() {
        let drv = Arc::new(FakeDriver {
            fail_vni: Some(4097),
            ..Default::default()
        });
        let net = Net::new(drv.clone(), Some(Ipv4Addr::new(192, 0, 2, 1)), 4789, None);
        let err = net
            .prepare(
                "task01",
                vec![attach("task01", 4097, 3)],
                vec![net_spec(4097)],
            )
            .unwrap_err();
        assert!(err.to_string().contains("VNI 4097"), "{err}");
        assert!(drv.actual.lock().unwrap().tasks.is_empty());
    }

    #[test]
    fn peers_come_and_go_with_gossip() {
        let drv = Arc::new(FakeDriver::default());
        let net = Net::new(drv.clone(), Some(Ipv4Addr::new(192, 0, 2, 1)), 4789, None);
        net.prepare(
            "task01",
            vec![attach("task01", 4097, 3)],
            vec![net_spec(4097)],
        )
        .unwrap();
        let peer = Peer {
            network_id: net_spec(4097).id,
            ip: Ipv4Addr::new(10, 0, 9, 5),
            mac: mac_for(Ipv4Addr::new(10, 0, 9, 5)),
            vtep: Ipv4Addr::new(192, 0, 2, 3),
        };
        // A peer on a network this node does not have is not programmed.
        let elsewhere = Peer {
            network_id: net_spec(5000).id,
            ..peer.clone()
        };
        net.set_peers(vec![peer.clone(), elsewhere]);
        let fdb = |d: &FakeDriver| -> BTreeMap<String, usize> {
            d.actual
                .lock()
                .unwrap()
                .sandboxes
                .iter()
                .map(|(k, v)| (k.clone(), v.fdb.len()))
                .collect()
        };
        assert_eq!(fdb(&drv).values().sum::<usize>(), 1);
        net.set_peers(vec![]);
        assert_eq!(fdb(&drv).values().sum::<usize>(), 0);
    }
}
