//! The nftables balancer, in a task's namespace, in tables `ip shoal_lb_0` to
//! `ip shoal_lb_f` (a VIP's table chosen by a hash of it; each table alike):
//!
//! ```text
//! chain out { type nat hook output priority -100; ip daddr vmap @vips }
//! map vips { ipv4_addr : verdict }       VIP -> goto v<VIP in hex>
//! chain v0a000902 { dnat to numgen inc mod 3 map @m0a000902g7 }
//! map m0a000902g7 { mark : ipv4_addr }   slot -> backend
//! ```
//!
//! One hash lookup per new connection whatever the number of services, and one
//! counter per VIP (exact round robin). Each VIP has a small slot map of its own: the
//! kernel checks every element of a map each time a rule binds it, so one map shared
//! by all VIPs makes loading N services cost N x all backends. A VIP with no backend
//! rejects (TCP reset, else ICMP port unreachable), so clients fail fast. A backend
//! change touches one VIP, in one transaction: its rule is replaced by one over a new
//! map (a new generation, so no name is reused within a transaction) and the old map
//! is deleted.

use std::{
    collections::{BTreeMap, HashMap},
    io,
    net::Ipv4Addr,
};

use super::{Balancer, LbError, Op};
use crate::sys::{
    nftables::{self, Batch, Expr, HOOK_LOCAL_OUT, Hook, Key, REG_1, REG_VERDICT, SetType, Value},
    nlmsg::Conn,
};

/// The IPVS marks' table; the balancer's are `shoal_lb_0` to `shoal_lb_f`.
pub const TABLE: &str = "shoal_lb";
/// VIPs are spread over this many tables: the kernel finds a set by name by walking
/// its table's list of sets, so 1,000 maps in one table make loading quadratic.
pub const SHARDS: u32 = 16;
const OUT: &str = "out";
const VIPS: &str = "vips";
/// Keep each transaction well under the socket buffers.
const MAX_BATCH_BYTES: usize = 512 << 10;

/// The table that holds `vip`'s chain and map.
pub fn table_of(vip: Ipv4Addr) -> String {
    shard_table(u32::from(vip).wrapping_mul(0x9e37_79b1) >> 28)
}

fn shard_table(shard: u32) -> String {
    format!("{TABLE}_{shard:x}")
}

fn chain_of(vip: Ipv4Addr) -> String {
    format!("v{:08x}", u32::from(vip))
}

fn map_of(vip: Ipv4Addr, generation: u32) -> String {
    format!("m{:08x}g{generation}", u32::from(vip))
}

/// The slot maps the kernel holds: VIP -> generation of its map (None: no backend).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Maps {
    current: HashMap<Ipv4Addr, Option<u32>>,
    next: u32,
}

impl Maps {
    /// A new map name for `vip` (none when it has no backend).
    fn take(&mut self, vip: Ipv4Addr, backends: &[Ipv4Addr]) -> Option<String> {
        if backends.is_empty() {
            self.current.insert(vip, None);
            return None;
        }
        self.next = self.next.wrapping_add(1);
        self.current.insert(vip, Some(self.next));
        Some(map_of(vip, self.next))
    }
}

/// `reset`: empty tables with the VIP lookup in place.
pub fn reset_batch() -> Batch {
    let mut b = Batch::new();
    for shard in 0..SHARDS {
        let table = shard_table(shard);
        let table = table.as_str();
        // Adding first makes the delete succeed whether or not the table was there.
        b.add_table(table).del_table(table).add_table(table);
        b.add_chain(
            table,
            OUT,
            Some(Hook {
                kind: "nat",
                hooknum: HOOK_LOCAL_OUT,
                priority: -100,
            }),
        );
        b.add_map(table, VIPS, SetType::AddrToVerdict);
        b.add_rule(
            table,
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
    }
    b
}

/// One transaction being put together: the VIPs' gotos are gathered so that the
/// lookup map gets one message each way, in an order the kernel accepts (a goto
/// leaves before its chain does, and comes after its chain is made).
#[derive(Default)]
struct Tx {
    unlink: BTreeMap<String, Vec<Key>>,
    body: Batch,
    link: BTreeMap<String, Vec<(Key, Value)>>,
    gotos: usize,
}

impl Tx {
    fn finish(self) -> Batch {
        let mut b = Batch::new();
        for (table, keys) in &self.unlink {
            b.del_elems(table, VIPS, keys);
        }
        b.append(self.body);
        for (table, elems) in &self.link {
            b.add_elems(table, VIPS, elems);
        }
        b
    }

    /// A VIP's rule: spread over `backends` through `map`, or reject.
    fn rules(&mut self, vip: Ipv4Addr, backends: &[Ipv4Addr], map: Option<String>) {
        let chain = chain_of(vip);
        let table = table_of(vip);
        let table = table.as_str();
        let Some(map) = map else {
            self.body.add_rule(
                table,
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
            self.body
                .add_rule(table, &chain, &[Expr::RejectPortUnreachable]);
            return;
        };
        let elems: Vec<(Key, Value)> = backends
            .iter()
            .enumerate()
            .map(|(i, b)| (Key::Slot(i as u32), Value::Addr(*b)))
            .collect();
        self.body
            .add_map(table, &map, SetType::SlotToAddr)
            .add_elems(table, &map, &elems)
            .add_rule(
                table,
                &chain,
                &[
                    Expr::NumgenInc {
                        modulus: backends.len() as u32,
                        offset: 0,
                        dreg: REG_1,
                    },
                    Expr::Lookup {
                        set: map.clone(),
                        sreg: REG_1,
                        dreg: Some(REG_1),
                    },
                    Expr::Dnat { reg: REG_1 },
                ],
            );
    }

    fn size(&self) -> usize {
        // A goto element is about 48 bytes on the wire.
        self.body.bytes() + 48 * self.gotos
    }
}

/// The transactions for `ops`, given the maps the kernel has (updated as if they
/// succeeded). Pure: what `apply` sends.
pub fn batches(ops: &[Op], maps: &mut Maps) -> Vec<Batch> {
    let mut out = Vec::new();
    let mut tx = Tx::default();
    for op in ops {
        let table = match op {
            Op::Add { vip, .. } | Op::Set { vip, .. } | Op::Remove { vip } => table_of(*vip),
        };
        let t = table.as_str();
        match op {
            Op::Add { vip, backends } => {
                let chain = chain_of(*vip);
                tx.body.add_chain(t, &chain, None);
                let map = maps.take(*vip, backends);
                tx.rules(*vip, backends, map);
                tx.link
                    .entry(table.clone())
                    .or_default()
                    .push((Key::Addr(*vip), Value::Goto(chain)));
                tx.gotos += 1;
            }
            Op::Set { vip, to, .. } => {
                let old = maps.current.get(vip).copied().flatten();
                tx.body.flush_chain(t, &chain_of(*vip));
                let map = maps.take(*vip, to);
                tx.rules(*vip, to, map);
                if let Some(g) = old {
                    tx.body.del_set(t, &map_of(*vip, g));
                }
            }
            Op::Remove { vip } => {
                tx.unlink
                    .entry(table.clone())
                    .or_default()
                    .push(Key::Addr(*vip));
                tx.gotos += 1;
                tx.body.flush_chain(t, &chain_of(*vip));
                tx.body.del_chain(t, &chain_of(*vip));
                if let Some(g) = maps.current.remove(vip).flatten() {
                    tx.body.del_set(t, &map_of(*vip, g));
                }
            }
        }
        if tx.size() >= MAX_BATCH_BYTES {
            out.push(std::mem::take(&mut tx).finish());
        }
    }
    let last = tx.finish();
    if !last.is_empty() {
        out.push(last);
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
            .map_err(kernel("resetting tables ip shoal_lb_*"))
    }

    fn apply(&mut self, ops: &[Op]) -> Result<(), LbError> {
        for b in batches(ops, &mut self.maps) {
            b.send(&mut self.conn)
                .map_err(kernel("programming tables ip shoal_lb_*"))?;
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
        b.del_elems(TABLE, MARKS, &gone)
            .add_elems(TABLE, MARKS, &new);
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
        // chain, map, its elements, rule, the VIP's goto.
        assert_eq!(add.iter().map(Batch::len).collect::<Vec<_>>(), [5]);
        let set = batches(
            &[Op::Set {
                vip: ip(2),
                from: vec![ip(10), ip(11)],
                to: vec![ip(10)],
            }],
            &mut maps,
        );
        // flush the chain, new map, its elements, the rule, the old map deleted.
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
        // flush, two reject rules, the old map deleted.
        assert_eq!(empty[0].len(), 4);
        assert_eq!(maps.current[&ip(2)], None);
        let rm = batches(&[Op::Remove { vip: ip(2) }], &mut maps);
        // the goto, flush, chain.
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
        // A chain, a map, its elements and a rule each, and the gotos of each
        // transaction in a message per table and 512.
        let gotos = all.iter().map(Batch::len).sum::<usize>() - 3000 * 4;
        let most = all.len() * SHARDS as usize + 3000 / 512;
        assert!(
            (all.len()..=most).contains(&gotos),
            "{gotos} in {}",
            all.len()
        );
    }
}
