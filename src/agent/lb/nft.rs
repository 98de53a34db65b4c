//! The nftables balancer, in table `ip shoal_lb` of a task's namespace:
//!
//! ```text
//! chain out { type nat hook output priority -100; ip daddr vmap @vips }
//! map vips { ipv4_addr : verdict }          VIP -> goto v<VIP in hex>
//! chain v0a000902 { dnat to numgen inc mod 3 map @m0a000902g1 }
//! map m0a000902g1 { integer : ipv4_addr }   0 -> backend, 1 -> backend, ...
//! ```
//!
//! One hash lookup per new connection whatever the number of services, and a counter
//! per VIP (exact round robin). A VIP with no backend rejects (TCP reset, else ICMP
//! port unreachable), so clients fail fast. A backend change touches one VIP: its
//! chain's rule is replaced and its slot map swapped for a new one (a new generation,
//! so no name is reused within a transaction), in one transaction.

use std::{collections::HashMap, io, net::Ipv4Addr};

use super::{Balancer, LbError, Op};
use crate::sys::{
    nftables::{self, Batch, Expr, HOOK_LOCAL_OUT, Hook, Key, REG_1, REG_VERDICT, SetType, Value},
    nlmsg::Conn,
};

pub const TABLE: &str = "shoal_lb";
const OUT: &str = "out";
const VIPS: &str = "vips";
/// Keep each transaction well under the socket buffers.
const MAX_BATCH_BYTES: usize = 512 << 10;

fn chain_of(vip: Ipv4Addr) -> String {
    format!("v{:08x}", u32::from(vip))
}

fn map_of(vip: Ipv4Addr, generation: u32) -> String {
    format!("m{:08x}g{generation}", u32::from(vip))
}

/// The maps the kernel holds: VIP -> generation of its slot map (None: no backend).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Maps {
    current: HashMap<Ipv4Addr, Option<u32>>,
    next: u32,
}

/// `reset`: an empty table with the VIP lookup in place.
pub fn reset_batch() -> Batch {
    let mut b = Batch::new();
    // Adding first makes the delete succeed whether or not the table was there.
    b.add_table(TABLE).del_table(TABLE).add_table(TABLE);
    b.add_chain(
        TABLE,
        OUT,
        Some(Hook {
            kind: "nat",
            hooknum: HOOK_LOCAL_OUT,
            priority: -100,
        }),
    );
    b.add_map(TABLE, VIPS, SetType::AddrToVerdict);
    b.add_rule(
        TABLE,
        OUT,
        &[
            Expr::IpDaddr { dreg: REG_1 },
            Expr::Lookup {
                set: VIPS.into(),
                sreg: REG_1,
                dreg: Some(REG_VERDICT),
            },
        ],
    );
    b
}

/// A VIP's chain body: spread over `backends` (through map `map`), or reject.
fn rules(b: &mut Batch, vip: Ipv4Addr, backends: &[Ipv4Addr], map: Option<&str>) {
    let chain = chain_of(vip);
    match map {
        Some(map) if !backends.is_empty() => {
            b.add_map(TABLE, map, SetType::SlotToAddr);
            let elems: Vec<(Key, Value)> = backends
                .iter()
                .enumerate()
                .map(|(i, a)| (Key::Slot(i as u32), Value::Addr(*a)))
                .collect();
            b.add_elems(TABLE, map, &elems);
            b.add_rule(
                TABLE,
                &chain,
                &[
                    Expr::NumgenInc {
                        modulus: backends.len() as u32,
                        dreg: REG_1,
                    },
                    Expr::Lookup {
                        set: map.to_string(),
                        sreg: REG_1,
                        dreg: Some(REG_1),
                    },
                    Expr::Dnat { reg: REG_1 },
                ],
            );
        }
        _ => {
            b.add_rule(
                TABLE,
                &chain,
                &[
                    Expr::L4Proto { dreg: REG_1 },
                    Expr::CmpEq {
                        sreg: REG_1,
                        data: vec![6],
                    },
                    Expr::RejectTcpReset,
                ],
            );
            b.add_rule(TABLE, &chain, &[Expr::RejectPortUnreachable]);
        }
    }
}

/// The transactions for `ops`, given the maps the kernel has (updated as if they
/// succeeded). Pure: what `apply` sends.
pub fn batches(ops: &[Op], maps: &mut Maps) -> Vec<Batch> {
    let mut out = Vec::new();
    let mut b = Batch::new();
    let new_map = |vip: Ipv4Addr, backends: &[Ipv4Addr], maps: &mut Maps| {
        if backends.is_empty() {
            maps.current.insert(vip, None);
            return None;
        }
        maps.next += 1;
        maps.current.insert(vip, Some(maps.next));
        Some(map_of(vip, maps.next))
    };
    for op in ops {
        match op {
            Op::Add { vip, backends } => {
                let chain = chain_of(*vip);
                b.add_chain(TABLE, &chain, None);
                let map = new_map(*vip, backends, maps);
                rules(&mut b, *vip, backends, map.as_deref());
                b.add_elems(TABLE, VIPS, &[(Key::Addr(*vip), Value::Goto(chain))]);
            }
            Op::Set { vip, to, .. } => {
                let old = maps.current.get(vip).copied().flatten();
                b.flush_chain(TABLE, &chain_of(*vip));
                let map = new_map(*vip, to, maps);
                rules(&mut b, *vip, to, map.as_deref());
                if let Some(g) = old {
                    b.del_set(TABLE, &map_of(*vip, g));
                }
            }
            Op::Remove { vip } => {
                b.del_elems(TABLE, VIPS, &[Key::Addr(*vip)]);
                b.flush_chain(TABLE, &chain_of(*vip));
                b.del_chain(TABLE, &chain_of(*vip));
                if let Some(g) = maps.current.remove(vip).flatten() {
                    b.del_set(TABLE, &map_of(*vip, g));
                }
            }
        }
        if b.bytes() >= MAX_BATCH_BYTES {
            out.push(std::mem::take(&mut b));
        }
    }
    if !b.is_empty() {
        out.push(b);
    }
    out
}

/// nftables in the namespace its connection was opened in.
pub struct NftBalancer {
    conn: Conn,
    maps: Maps,
}

impl NftBalancer {
    /// Connects in the calling thread's network namespace (the balancer stays there).
    pub fn open() -> io::Result<NftBalancer> {
        Ok(NftBalancer {
            conn: nftables::connect()?,
            maps: Maps::default(),
        })
    }
}

fn kernel(what: &str) -> impl FnOnce(io::Error) -> LbError + '_ {
    move |source| LbError::Kernel {
        what: what.to_string(),
        source,
    }
}

impl Balancer for NftBalancer {
    fn kind(&self) -> &'static str {
        "nftables"
    }

    fn reset(&mut self) -> Result<(), LbError> {
        self.maps = Maps::default();
        reset_batch()
            .send(&mut self.conn)
            .map_err(kernel("resetting table ip shoal_lb"))
    }

    fn apply(&mut self, ops: &[Op]) -> Result<(), LbError> {
        for b in batches(ops, &mut self.maps) {
            b.send(&mut self.conn)
                .map_err(kernel("programming table ip shoal_lb"))?;
        }
        Ok(())
    }
}

/// For the IPVS balancer (Swarm's layout): marks traffic to each VIP with its
/// service's firewall mark, in chain `mark` of the same table:
/// `meta mark set ip daddr map @marks`.
pub struct Marks {
    conn: Conn,
}

const MARK: &str = "mark";
const MARKS: &str = "marks";

impl Marks {
    /// Connects in the calling thread's namespace and starts from an empty map.
    pub fn open() -> io::Result<Marks> {
        let mut conn = nftables::connect()?;
        let mut b = Batch::new();
        b.add_table(TABLE).del_table(TABLE).add_table(TABLE);
        b.add_chain(
            TABLE,
            MARK,
            Some(Hook {
                kind: "filter",
                hooknum: HOOK_LOCAL_OUT,
                // Mangle's place: before IPVS looks at the packet.
                priority: -150,
            }),
        );
        b.add_map(TABLE, MARKS, SetType::AddrToMark);
        b.add_rule(
            TABLE,
            MARK,
            &[
                Expr::IpDaddr { dreg: REG_1 },
                Expr::Lookup {
                    set: MARKS.into(),
                    sreg: REG_1,
                    dreg: Some(REG_1),
                },
                Expr::SetMark { sreg: REG_1 },
            ],
        );
        b.send(&mut conn)?;
        Ok(Marks { conn })
    }

    /// Starts (`Some`) or stops (`None`) marking traffic to each VIP, in one transaction.
    pub fn set(&mut self, marks: &[(Ipv4Addr, Option<u32>)]) -> io::Result<()> {
        let mut b = Batch::new();
        let gone: Vec<Key> = marks
            .iter()
            .filter(|(_, m)| m.is_none())
            .map(|(v, _)| Key::Addr(*v))
            .collect();
        let new: Vec<(Key, Value)> = marks
            .iter()
            .filter_map(|(v, m)| m.map(|m| (Key::Addr(*v), Value::Mark(m))))
            .collect();
        b.del_elems(TABLE, MARKS, &gone).add_elems(TABLE, MARKS, &new);
        b.send(&mut self.conn)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(last: u8) -> Ipv4Addr {
        Ipv4Addr::new(10, 0, 9, last)
    }

    #[test]
    fn one_backend_change_is_one_small_transaction() {
        let mut maps = Maps::default();
        let add = batches(
            &[Op::Add {
                vip: ip(2),
                backends: vec![ip(10), ip(11)],
            }],
            &mut maps,
        );
        // chain, map, elements, rule, vmap element.
        assert_eq!(add.iter().map(Batch::len).collect::<Vec<_>>(), [5]);
        let set = batches(
            &[Op::Set {
                vip: ip(2),
                from: vec![ip(10), ip(11)],
                to: vec![ip(10)],
            }],
            &mut maps,
        );
        // flush chain, new map, its elements, the rule, the old map deleted.
        assert_eq!(set.iter().map(Batch::len).collect::<Vec<_>>(), [5]);
        assert_eq!(
            maps.current[&ip(2)],
            Some(2),
            "a new map name each generation"
        );
        let empty = batches(
            &[Op::Set {
                vip: ip(2),
                from: vec![ip(10)],
                to: vec![],
            }],
            &mut maps,
        );
        // flush, two reject rules, old map deleted.
        assert_eq!(empty[0].len(), 4);
        assert_eq!(maps.current[&ip(2)], None);
        let rm = batches(&[Op::Remove { vip: ip(2) }], &mut maps);
        assert_eq!(rm[0].len(), 3);
        assert!(maps.current.is_empty());
    }

    #[test]
    fn thousands_of_services_are_split_into_bounded_transactions() {
        let mut maps = Maps::default();
        let ops: Vec<Op> = (0..3000u32)
            .map(|i| Op::Add {
                vip: Ipv4Addr::from(0x0a01_0000 + i),
                backends: (0..10)
                    .map(|b| Ipv4Addr::from(0x0a02_0000 + i * 16 + b))
                    .collect(),
            })
            .collect();
        let all = batches(&ops, &mut maps);
        assert!(all.len() > 1);
        assert!(all.iter().all(|b| b.bytes() < MAX_BATCH_BYTES + 4096));
        assert_eq!(all.iter().map(Batch::len).sum::<usize>(), 3000 * 5);
    }
}
