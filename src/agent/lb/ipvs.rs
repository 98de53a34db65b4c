//! The IPVS balancer, for kernels with ip_vs, in Swarm's layout: each VIP gets a
//! firewall mark, nftables marks traffic to the VIP (someone else's rules, reached
//! through a `Marker`), and an IPVS fwmark service per mark sends it round robin to
//! the backends as masquerade destinations with port 0, so every port is balanced.
//! `plan` turns ops into calls and hands out marks (pure); `IpvsBalancer` makes them.

use std::{
    collections::{BTreeMap, BTreeSet},
    io,
    net::Ipv4Addr,
};

use super::{Balancer, LbError, Op};
use crate::sys::ipvs::{Cmd, Ipvs, IpvsError};

/// Marks start here, well away from the small marks other programs tend to use.
pub const MARK_BASE: u32 = 0x5000_0000;
/// How many marks there are from `MARK_BASE`; far more than VIPs in one namespace.
const MARK_SPAN: u32 = 0x0100_0000;

/// Starts (`Some(mark)`) or stops (`None`) marking traffic to each VIP.
pub type Marker = Box<dyn FnMut(&[(Ipv4Addr, Option<u32>)]) -> io::Result<()> + Send>;

/// Whether this kernel has IPVS (its proc file exists once ip_vs is loaded).
pub fn available() -> bool {
    std::path::Path::new("/proc/net/ip_vs").exists()
}

/// The kernel's IPVS table, or a fake of it in tests.
pub trait IpvsTable: Send {
    fn run(&mut self, cmds: &[Cmd]) -> Result<(), IpvsError>;
}

impl IpvsTable for Ipvs {
    fn run(&mut self, cmds: &[Cmd]) -> Result<(), IpvsError> {
        Ipvs::run(self, cmds)
    }
}

/// The mark of each balanced VIP; freed marks are handed out again, lowest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fwmarks {
    by_vip: BTreeMap<Ipv4Addr, u32>,
    free: BTreeSet<u32>,
    /// Marks below `MARK_BASE + next` have been handed out at least once.
    next: u32,
}

impl Fwmarks {
    pub fn get(&self, vip: Ipv4Addr) -> Option<u32> {
        self.by_vip.get(&vip).copied()
    }

    pub fn vips(&self) -> impl Iterator<Item = Ipv4Addr> + '_ {
        self.by_vip.keys().copied()
    }

    fn take(&mut self, vip: Ipv4Addr) -> Result<u32, LbError> {
        let mark = match self.free.pop_first() {
            Some(mark) => mark,
            None if self.next < MARK_SPAN => {
                self.next += 1;
                MARK_BASE + self.next - 1
            }
            None => return Err(refused(vip, "add", "no firewall mark is left")),
        };
        self.by_vip.insert(vip, mark);
        Ok(mark)
    }

    fn give_back(&mut self, vip: Ipv4Addr) -> Option<u32> {
        let mark = self.by_vip.remove(&vip)?;
        self.free.insert(mark);
        Some(mark)
    }
}

/// One call to the kernel, in the order `plan` lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Call {
    /// One call to the `Marker`.
    Mark(Vec<(Ipv4Addr, Option<u32>)>),
    /// One batch of IPVS commands.
    Ipvs(Vec<Cmd>),
}

/// The calls that carry out `ops`, updating `marks` as if they succeeded. Marking
/// stops before anything else, so no packet is marked for a service being deleted,
/// and starts after everything else, once the services exist. A mark freed by a
/// removal can be reused by an add in the same ops: its old service is deleted first.
pub fn plan(marks: &mut Fwmarks, ops: &[Op]) -> Result<Vec<Call>, LbError> {
    let (mut unmark, mut cmds) = (Vec::new(), Vec::new());
    // VIPs added by these ops: one removed again is never marked.
    let mut mark = BTreeMap::new();
    for op in ops {
        match op {
            Op::Add { vip, backends } => {
                if marks.get(*vip).is_some() {
                    return Err(refused(*vip, "add", "it is balanced already"));
                }
                let m = marks.take(*vip)?;
                cmds.push(Cmd::NewService { mark: m });
                cmds.extend(unique(backends).map(|addr| Cmd::NewDest { mark: m, addr }));
                mark.insert(*vip, m);
            }
            Op::Set { vip, from, to } => {
                let m = marks
                    .get(*vip)
                    .ok_or_else(|| refused(*vip, "update", "it is not balanced here"))?;
                cmds.extend(changed_dests(m, from, to));
            }
            Op::Remove { vip } => {
                let m = marks
                    .give_back(*vip)
                    .ok_or_else(|| refused(*vip, "remove", "it is not balanced here"))?;
                if mark.remove(vip).is_none() {
                    unmark.push((*vip, None));
                }
                // Deleting the service deletes its destinations.
                cmds.push(Cmd::DelService { mark: m });
            }
        }
    }
    let mark = mark.into_iter().map(|(vip, m)| (vip, Some(m))).collect();
    let calls = [Call::Mark(unmark), Call::Ipvs(cmds), Call::Mark(mark)];
    Ok(calls.into_iter().filter(|c| !c.is_empty()).collect())
}

impl Call {
    fn is_empty(&self) -> bool {
        match self {
            Call::Mark(v) => v.is_empty(),
            Call::Ipvs(v) => v.is_empty(),
        }
    }
}

fn unique(addrs: &[Ipv4Addr]) -> impl Iterator<Item = Ipv4Addr> {
    addrs.iter().copied().collect::<BTreeSet<_>>().into_iter()
}

/// Additions first, so a service that keeps any backend never has none.
fn changed_dests(mark: u32, from: &[Ipv4Addr], to: &[Ipv4Addr]) -> Vec<Cmd> {
    let (from, to): (BTreeSet<_>, BTreeSet<_>) = (unique(from).collect(), unique(to).collect());
    let added = to
        .difference(&from)
        .map(|&addr| Cmd::NewDest { mark, addr });
    let gone = from
        .difference(&to)
        .map(|&addr| Cmd::DelDest { mark, addr });
    added.chain(gone).collect()
}

/// An op that does not fit what this balancer has (a caller's bug, not the kernel's).
fn refused(vip: Ipv4Addr, what: &str, why: &str) -> LbError {
    LbError::Kernel {
        what: format!("cannot {what} IPVS balancing of VIP {vip}"),
        source: io::Error::new(io::ErrorKind::InvalidInput, why),
    }
}

fn ipvs_err(e: IpvsError) -> LbError {
    match e {
        IpvsError::Op { op, source } => LbError::Kernel {
            what: format!("cannot {op}"),
            source,
        },
        e @ IpvsError::NoFamily => LbError::Kernel {
            what: "cannot open IPVS".into(),
            source: io::Error::new(io::ErrorKind::NotFound, e.to_string()),
        },
    }
}

fn mark_err(list: &[(Ipv4Addr, Option<u32>)], source: io::Error) -> LbError {
    let verb = match list.first() {
        Some((_, Some(_))) => "start",
        _ => "stop",
    };
    LbError::Kernel {
        what: format!("cannot {verb} marking {} VIP(s) for IPVS", list.len()),
        source,
    }
}

/// A namespace's VIPs balanced by IPVS.
pub struct IpvsBalancer {
    table: Box<dyn IpvsTable>,
    marker: Marker,
    marks: Fwmarks,
}

impl IpvsBalancer {
    /// IPVS of the calling thread's network namespace (see `Ipvs::open`).
    pub fn open(marker: Marker) -> Result<IpvsBalancer, LbError> {
        let ipvs = Ipvs::open().map_err(ipvs_err)?;
        Ok(IpvsBalancer::new(Box::new(ipvs), marker))
    }

    /// A balancer over `table` that believes it balances nothing yet.
    pub fn new(table: Box<dyn IpvsTable>, marker: Marker) -> IpvsBalancer {
        IpvsBalancer {
            table,
            marker,
            marks: Fwmarks::default(),
        }
    }

    /// The marks handed out, for `inspect` and tests.
    pub fn marks(&self) -> &Fwmarks {
        &self.marks
    }

    fn call(&mut self, call: &Call) -> Result<(), LbError> {
        match call {
            Call::Mark(list) => (self.marker)(list).map_err(|e| mark_err(list, e)),
            Call::Ipvs(cmds) => self.table.run(cmds).map_err(ipvs_err),
        }
    }
}

impl Balancer for IpvsBalancer {
    fn kind(&self) -> &'static str {
        "ipvs"
    }

    /// Stops marking the VIPs it knows, flushes IPVS (every service in the
    /// namespace, ours or not: the namespace is the task's) and forgets the marks.
    /// Both steps are tried; the first error is returned.
    fn reset(&mut self) -> Result<(), LbError> {
        let unmark: Vec<_> = self.marks.vips().map(|vip| (vip, None)).collect();
        let marked = if unmark.is_empty() {
            Ok(())
        } else {
            self.call(&Call::Mark(unmark))
        };
        let flushed = self.call(&Call::Ipvs(vec![Cmd::Flush]));
        self.marks = Fwmarks::default();
        marked.and(flushed)
    }

    /// Keeps the new marks only when every call succeeded (the caller resets after
    /// an error anyway).
    fn apply(&mut self, ops: &[Op]) -> Result<(), LbError> {
        let mut marks = self.marks.clone();
        for call in plan(&mut marks, ops)? {
            self.call(&call)?;
        }
        self.marks = marks;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::*;

    fn ip(last: u8) -> Ipv4Addr {
        Ipv4Addr::new(10, 0, 9, last)
    }

    fn ips(list: &[u8]) -> Vec<Ipv4Addr> {
        list.iter().map(|x| ip(*x)).collect()
    }

    const M0: u32 = MARK_BASE;
    const M1: u32 = MARK_BASE + 1;

    fn new_dest(mark: u32, last: u8) -> Cmd {
        Cmd::NewDest {
            mark,
            addr: ip(last),
        }
    }

    fn del_dest(mark: u32, last: u8) -> Cmd {
        Cmd::DelDest {
            mark,
            addr: ip(last),
        }
    }

    fn add(vip: u8, backends: &[u8]) -> Op {
        Op::Add {
            vip: ip(vip),
            backends: ips(backends),
        }
    }

    #[test]
    fn add_creates_the_service_and_its_destinations_then_marks() {
        let mut marks = Fwmarks::default();
        let calls = plan(&mut marks, &[add(2, &[11, 10]), add(3, &[])]).unwrap();
        assert_eq!(
            calls,
            vec![
                Call::Ipvs(vec![
                    Cmd::NewService { mark: M0 },
                    new_dest(M0, 10),
                    new_dest(M0, 11),
                    // No backends: the service stays, with no destinations.
                    Cmd::NewService { mark: M1 },
                ]),
                Call::Mark(vec![(ip(2), Some(M0)), (ip(3), Some(M1))]),
            ]
        );
        assert_eq!(marks.get(ip(2)), Some(M0));
        assert_eq!(marks.get(ip(3)), Some(M1));
    }

    #[test]
    fn set_sends_only_the_destinations_that_changed() {
        let mut marks = Fwmarks::default();
        plan(&mut marks, &[add(2, &[10, 11])]).unwrap();
        let set = |from: &[u8], to: &[u8]| Op::Set {
            vip: ip(2),
            from: ips(from),
            to: ips(to),
        };
        let calls = plan(&mut marks, &[set(&[10, 11], &[11, 12])]).unwrap();
        assert_eq!(
            calls,
            vec![Call::Ipvs(vec![new_dest(M0, 12), del_dest(M0, 10),])]
        );
        // Down to none: the service and its mark stay.
        let calls = plan(&mut marks, &[set(&[11, 12], &[])]).unwrap();
        assert_eq!(
            calls,
            vec![Call::Ipvs(vec![del_dest(M0, 11), del_dest(M0, 12),])]
        );
        assert_eq!(marks.get(ip(2)), Some(M0));
    }

    #[test]
    fn remove_unmarks_first_and_its_mark_is_reused() {
        let mut marks = Fwmarks::default();
        plan(&mut marks, &[add(2, &[10]), add(3, &[20]), add(4, &[])]).unwrap();
        let ops = [
            Op::Remove { vip: ip(3) },
            Op::Remove { vip: ip(2) },
            add(5, &[30]),
        ];
        let calls = plan(&mut marks, &ops).unwrap();
        assert_eq!(
            calls,
            vec![
                Call::Mark(vec![(ip(3), None), (ip(2), None)]),
                Call::Ipvs(vec![
                    Cmd::DelService { mark: M1 },
                    Cmd::DelService { mark: M0 },
                    // The lowest free mark, whose old service is deleted just before.
                    Cmd::NewService { mark: M0 },
                    new_dest(M0, 30),
                ]),
                Call::Mark(vec![(ip(5), Some(M0))]),
            ]
        );
        plan(&mut marks, &[add(6, &[])]).unwrap();
        assert_eq!(marks.get(ip(6)), Some(M1));
        plan(&mut marks, &[add(7, &[])]).unwrap();
        assert_eq!(marks.get(ip(7)), Some(MARK_BASE + 3));
        assert!(plan(&mut marks, &[]).unwrap().is_empty());
    }

    #[test]
    fn a_vip_added_and_removed_by_the_same_ops_is_never_marked() {
        let mut marks = Fwmarks::default();
        let calls = plan(&mut marks, &[add(2, &[10]), Op::Remove { vip: ip(2) }]).unwrap();
        assert_eq!(
            calls,
            vec![Call::Ipvs(vec![
                Cmd::NewService { mark: M0 },
                new_dest(M0, 10),
                Cmd::DelService { mark: M0 },
            ])]
        );
        assert_eq!(marks.get(ip(2)), None);
    }

    #[test]
    fn ops_that_do_not_fit_are_refused() {
        let mut marks = Fwmarks::default();
        plan(&mut marks, &[add(2, &[])]).unwrap();
        let before = marks.clone();
        for op in [
            add(2, &[10]),
            Op::Remove { vip: ip(3) },
            Op::Set {
                vip: ip(3),
                from: vec![],
                to: ips(&[10]),
            },
        ] {
            let e = plan(&mut marks.clone(), &[op]).unwrap_err();
            assert!(e.to_string().contains("VIP 10.0.9."), "{e}");
        }
        assert_eq!(marks, before);
    }

    type Log = Arc<Mutex<Vec<String>>>;

    struct FakeTable {
        log: Log,
        fail_on: Option<Cmd>,
    }

    impl IpvsTable for FakeTable {
        fn run(&mut self, cmds: &[Cmd]) -> Result<(), IpvsError> {
            let mut log = self.log.lock().unwrap();
            for cmd in cmds {
                if Some(*cmd) == self.fail_on {
                    return Err(IpvsError::Op {
                        op: cmd.to_string(),
                        source: io::Error::from_raw_os_error(17),
                    });
                }
                log.push(cmd.to_string());
            }
            Ok(())
        }
    }

    fn balancer(fail_on: Option<Cmd>) -> (IpvsBalancer, Log) {
        let log = Log::default();
        let table = FakeTable {
            log: log.clone(),
            fail_on,
        };
        let marker_log = log.clone();
        let marker: Marker = Box::new(move |list| {
            let mut log = marker_log.lock().unwrap();
            log.extend(list.iter().map(|(vip, m)| format!("mark {vip} {m:x?}")));
            Ok(())
        });
        (IpvsBalancer::new(Box::new(table), marker), log)
    }

    #[test]
    fn the_balancer_makes_the_calls_in_order_and_reset_forgets_the_marks() {
        let (mut lb, log) = balancer(None);
        assert_eq!(lb.kind(), "ipvs");
        lb.apply(&[add(2, &[10])]).unwrap();
        lb.apply(&[Op::Remove { vip: ip(2) }, add(3, &[])]).unwrap();
        lb.reset().unwrap();
        assert_eq!(
            *log.lock().unwrap(),
            [
                "add IPVS service fwmark 0x50000000",
                "add IPVS destination 10.0.9.10 to fwmark 0x50000000",
                "mark 10.0.9.2 Some(50000000)",
                "mark 10.0.9.2 None",
                "delete IPVS service fwmark 0x50000000",
                "add IPVS service fwmark 0x50000000",
                "mark 10.0.9.3 Some(50000000)",
                "mark 10.0.9.3 None",
                "flush IPVS",
            ]
        );
        assert_eq!(lb.marks(), &Fwmarks::default());
    }

    #[test]
    fn a_failed_apply_names_the_command_and_keeps_the_old_marks() {
        let (mut lb, log) = balancer(Some(new_dest(M0, 11)));
        let e = lb.apply(&[add(2, &[10, 11])]).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!(
                "cannot add IPVS destination 10.0.9.11 to fwmark 0x50000000: {}",
                io::Error::from_raw_os_error(17)
            )
        );
        assert_eq!(lb.marks(), &Fwmarks::default());
        assert!(log.lock().unwrap().iter().all(|l| !l.starts_with("mark")));
    }
}
