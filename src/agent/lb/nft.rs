//! The nftables balancer, in table `ip shoal_lb` of a task's namespace:
//!
//! ```text
//! chain out { type nat hook output priority -100; ip daddr vmap @vips }
//! map vips { ipv4_addr : verdict }       VIP -> goto v<VIP in hex>
//! map backends { ipv4_addr . integer : ipv4_addr }   VIP . slot -> backend
//! chain v0a000902 { dnat to ip daddr . numgen inc mod 3 offset 40 map @backends }
//! ```
//!
//! One hash lookup per new connection whatever the number of services, one counter
//! per VIP (exact round robin), and one shared map of backends (a map per VIP would
//! cost a kernel set each). A VIP with no backend rejects (TCP reset, else ICMP port
//! unreachable), so clients fail fast. A backend change touches one VIP, in one
//! transaction: its rule is replaced by one that counts over a fresh range of slots
//! (`offset`), whose elements are added while the old range's are deleted, so no key
//! is ever deleted and added again in the same transaction.

use std::{collections::HashMap, io, net::Ipv4Addr};

use super::{Balancer, LbError, Op};
use crate::sys::{
    nftables::{
        self, Batch, Expr, HOOK_LOCAL_OUT, Hook, Key, REG_1, REG_VERDICT, REG32_00, REG32_01,
        SetType, Value,
    },
    nlmsg::Conn,
};

pub const TABLE: &str = "shoal_lb";
const OUT: &str = "out";
const VIPS: &str = "vips";
const BACKENDS: &str = "backends";
/// Keep each transaction well under the socket buffers.
const MAX_BATCH_BYTES: usize = 512 << 10;

fn chain_of(vip: Ipv4Addr) -> String {
    format!("v{:08x}", u32::from(vip))
}

/// The slots the kernel holds: VIP -> (first slot, count); `next` is the first slot
/// of the next range handed out.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Slots {
    current: HashMap<Ipv4Addr, (u32, u32)>,
    next: u32,
}

impl Slots {
    fn take(&mut self, vip: Ipv4Addr, n: usize) -> u32 {
        let first = self.next;
        self.next = self.next.wrapping_add(n as u32);
        self.current.insert(vip, (first, n as u32));
        first
    }
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
    b.add_map(TABLE, BACKENDS, SetType::AddrSlotToAddr);
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

/// One transaction being put together: element changes are gathered so that each
/// map gets one message, in an order the kernel accepts (a VIP's goto leaves before
/// its chain does, and comes after its chain is made).
#[derive(Default)]
struct Tx {
    unlink: Vec<Key>,
    body: Batch,
    add: Vec<(Key, Value)>,
    del: Vec<Key>,
    link: Vec<(Key, Value)>,
    bytes: usize,
}

impl Tx {
    fn finish(self) -> Batch {
        let mut b = Batch::new();
        b.del_elems(TABLE, VIPS, &self.unlink);
        b.append(self.body);
        b.add_elems(TABLE, BACKENDS, &self.add)
            .del_elems(TABLE, BACKENDS, &self.del)
            .add_elems(TABLE, VIPS, &self.link);
        b
    }

    /// A VIP's rule: spread over `backends` (slots from `first`), or reject.
    fn rules(&mut self, vip: Ipv4Addr, backends: &[Ipv4Addr], first: u32) {
        let chain = chain_of(vip);
        if backends.is_empty() {
            self.body.add_rule(
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
            self.body
                .add_rule(TABLE, &chain, &[Expr::RejectPortUnreachable]);
            return;
        }
        self.body.add_rule(
            TABLE,
            &chain,
            &[
                Expr::IpDaddr { dreg: REG32_00 },
                Expr::NumgenInc {
                    modulus: backends.len() as u32,
                    offset: first,
                    dreg: REG32_01,
                },
                Expr::Lookup {
                    set: BACKENDS.into(),
                    sreg: REG32_00,
                    dreg: Some(REG32_00),
                },
                Expr::Dnat { reg: REG32_00 },
            ],
        );
        for (i, b) in backends.iter().enumerate() {
            self.add.push((
                Key::AddrSlot(vip, first.wrapping_add(i as u32)),
                Value::Addr(*b),
            ));
        }
        // An element is about 40 bytes on the wire.
        self.bytes += 40 * backends.len();
    }

    fn drop_slots(&mut self, vip: Ipv4Addr, old: Option<(u32, u32)>) {
        if let Some((first, n)) = old {
            self.del
                .extend((0..n).map(|i| Key::AddrSlot(vip, first.wrapping_add(i))));
            self.bytes += 24 * n as usize;
        }
    }

    fn size(&self) -> usize {
        self.body.bytes() + self.bytes
    }
}

/// The transactions for `ops`, given the slots the kernel has (updated as if they
/// succeeded). Pure: what `apply` sends.
pub fn batches(ops: &[Op], slots: &mut Slots) -> Vec<Batch> {
    let mut out = Vec::new();
    let mut tx = Tx::default();
    for op in ops {
        match op {
            Op::Add { vip, backends } => {
                let chain = chain_of(*vip);
                tx.body.add_chain(TABLE, &chain, None);
                let first = slots.take(*vip, backends.len());
                tx.rules(*vip, backends, first);
                tx.link.push((Key::Addr(*vip), Value::Goto(chain)));
                tx.bytes += 48;
            }
            Op::Set { vip, to, .. } => {
                let old = slots.current.get(vip).copied();
                tx.body.flush_chain(TABLE, &chain_of(*vip));
                let first = slots.take(*vip, to.len());
                tx.rules(*vip, to, first);
                tx.drop_slots(*vip, old);
            }
            Op::Remove { vip } => {
                tx.unlink.push(Key::Addr(*vip));
                tx.body.flush_chain(TABLE, &chain_of(*vip));
                tx.body.del_chain(TABLE, &chain_of(*vip));
                let old = slots.current.remove(vip);
                tx.drop_slots(*vip, old);
                tx.bytes += 24;
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
    slots: Slots,
}

impl NftBalancer {
    /// Connects in the calling thread's network namespace (the balancer stays there).
    pub fn open() -> io::Result<NftBalancer> {
        Ok(NftBalancer {
            conn: nftables::connect()?,
            slots: Slots::default(),
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
        self.slots = Slots::default();
        reset_batch()
            .send(&mut self.conn)
            .map_err(kernel("resetting table ip shoal_lb"))
    }

    fn apply(&mut self, ops: &[Op]) -> Result<(), LbError> {
        for b in batches(ops, &mut self.slots) {
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
        let mut slots = Slots::default();
        let add = batches(
            &[Op::Add {
                vip: ip(2),
                backends: vec![ip(10), ip(11)],
            }],
            &mut slots,
        );
        // chain, rule, backends' elements, the VIP's goto.
        assert_eq!(add.iter().map(Batch::len).collect::<Vec<_>>(), [4]);
        assert_eq!(slots.current[&ip(2)], (0, 2));
        let set = batches(
            &[Op::Set {
                vip: ip(2),
                from: vec![ip(10), ip(11)],
                to: vec![ip(10)],
            }],
            &mut slots,
        );
        // flush the chain, the new rule, the new slot added, the old two deleted.
        assert_eq!(set.iter().map(Batch::len).collect::<Vec<_>>(), [4]);
        assert_eq!(slots.current[&ip(2)], (2, 1), "a fresh range of slots");
        let empty = batches(
            &[Op::Set {
                vip: ip(2),
                from: vec![ip(10)],
                to: vec![],
            }],
            &mut slots,
        );
        // flush, two reject rules, the old slot deleted.
        assert_eq!(empty[0].len(), 4);
        assert_eq!(slots.current[&ip(2)], (3, 0));
        let rm = batches(&[Op::Remove { vip: ip(2) }], &mut slots);
        // the goto, flush, chain.
        assert_eq!(rm[0].len(), 3);
        assert!(slots.current.is_empty());
    }

    #[test]
    fn thousands_of_services_are_split_into_bounded_transactions() {
        let mut slots = Slots::default();
        let ops: Vec<Op> = (0..3000u32)
            .map(|i| Op::Add {
                vip: Ipv4Addr::from(0x0a01_0000 + i),
                backends: (0..10)
                    .map(|b| Ipv4Addr::from(0x0a02_0000 + i * 16 + b))
                    .collect(),
            })
            .collect();
        let all = batches(&ops, &mut slots);
        assert!(all.len() > 1);
        assert!(all.iter().all(|b| b.bytes() < MAX_BATCH_BYTES + 4096));
        // A chain and a rule each, and two element messages per transaction.
        assert_eq!(
            all.iter().map(Batch::len).sum::<usize>(),
            3000 * 2 + 2 * all.len()
        );
    }
}
