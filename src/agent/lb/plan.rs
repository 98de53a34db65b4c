//! What a task's namespace should balance, and the least work to get there. Pure.

use std::{collections::BTreeMap, net::Ipv4Addr};

/// VIP -> the addresses of its service's running tasks on the VIP's network, sorted.
/// An empty list keeps the VIP (as Swarm): connections to it are refused.
pub type Vips = BTreeMap<Ipv4Addr, Vec<Ipv4Addr>>;

/// One change to a namespace's balancer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    /// A VIP the namespace did not balance, with its backends.
    Add {
        vip: Ipv4Addr,
        backends: Vec<Ipv4Addr>,
    },
    /// A VIP whose backends changed: `from` what the kernel has, `to` the new set.
    Set {
        vip: Ipv4Addr,
        from: Vec<Ipv4Addr>,
        to: Vec<Ipv4Addr>,
    },
    /// A VIP no longer on the namespace's networks.
    Remove { vip: Ipv4Addr },
}

/// The ops that take a namespace from `have` to `want`: VIPs in order, removals first
/// (so an address that moved between services is never balanced twice).
pub fn diff(have: &Vips, want: &Vips) -> Vec<Op> {
    let mut out: Vec<Op> = have
        .keys()
        .filter(|v| !want.contains_key(v))
        .map(|&vip| Op::Remove { vip })
        .collect();
    for (&vip, to) in want {
        match have.get(&vip) {
            None => out.push(Op::Add {
                vip,
                backends: to.clone(),
            }),
            Some(from) if from != to => out.push(Op::Set {
                vip,
                from: from.clone(),
                to: to.clone(),
            }),
            Some(_) => {}
        }
    }
    out
}

/// `have` after `ops` succeeded.
pub fn applied(mut have: Vips, ops: &[Op]) -> Vips {
    for op in ops {
        match op {
            Op::Add { vip, backends } => {
                have.insert(*vip, backends.clone());
            }
            Op::Set { vip, to, .. } => {
                have.insert(*vip, to.clone());
            }
            Op::Remove { vip } => {
                have.remove(vip);
            }
        }
    }
    have
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(last: u8) -> Ipv4Addr {
        Ipv4Addr::new(10, 0, 9, last)
    }

    fn vips(list: &[(u8, &[u8])]) -> Vips {
        list.iter()
            .map(|(v, b)| (ip(*v), b.iter().map(|x| ip(*x)).collect()))
            .collect()
    }

    #[test]
    fn only_what_changed_is_sent_and_removals_come_first() {
        let have = vips(&[(2, &[10, 11]), (3, &[20]), (4, &[30])]);
        let want = vips(&[(2, &[10, 11, 12]), (4, &[30]), (5, &[])]);
        let ops = diff(&have, &want);
        assert_eq!(
            ops,
            vec![
                Op::Remove { vip: ip(3) },
                Op::Set {
                    vip: ip(2),
                    from: vec![ip(10), ip(11)],
                    to: vec![ip(10), ip(11), ip(12)]
                },
                Op::Add {
                    vip: ip(5),
                    backends: vec![]
                },
            ]
        );
        assert_eq!(applied(have, &ops), want);
        assert!(
            diff(&want, &want).is_empty(),
            "a second run changes nothing"
        );
    }
}
