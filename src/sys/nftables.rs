//! nf_tables over netlink, without spawning `nft`: the few objects shoal's balancer
//! needs (tables, chains, sets and maps, their elements, rules of a handful of
//! expressions), sent as one transaction per `Batch`. The `nftables` crate drives
//! `nft -j`, which costs a process and a ruleset dump (about 17 ms) per change;
//! rustables is GPL and has no `numgen`. Numbers follow linux/netfilter/nf_tables.h.

use std::{io, net::Ipv4Addr};

use super::nlmsg::{Conn, Msg, NLM_F_ACK, NLM_F_CREATE};

const NFNL_SUBSYS_NFTABLES: u16 = 10;
const NFNL_MSG_BATCH_BEGIN: u16 = 0x10;
const NFNL_MSG_BATCH_END: u16 = 0x11;
const NLM_F_APPEND: u16 = 0x800;
const NFPROTO_IPV4: u8 = 2;

const NFT_MSG_NEWTABLE: u16 = 0;
const NFT_MSG_DELTABLE: u16 = 2;
const NFT_MSG_NEWCHAIN: u16 = 3;
const NFT_MSG_DELCHAIN: u16 = 5;
const NFT_MSG_NEWRULE: u16 = 6;
const NFT_MSG_DELRULE: u16 = 8;
const NFT_MSG_NEWSET: u16 = 9;
const NFT_MSG_DELSET: u16 = 11;
const NFT_MSG_NEWSETELEM: u16 = 12;
const NFT_MSG_DELSETELEM: u16 = 14;

// Attributes.
const NFTA_TABLE_NAME: u16 = 1;
const NFTA_CHAIN_TABLE: u16 = 1;
const NFTA_CHAIN_NAME: u16 = 3;
const NFTA_CHAIN_HOOK: u16 = 4;
const NFTA_CHAIN_POLICY: u16 = 5;
const NFTA_CHAIN_TYPE: u16 = 7;
const NFTA_HOOK_HOOKNUM: u16 = 1;
const NFTA_HOOK_PRIORITY: u16 = 2;
const NFTA_RULE_TABLE: u16 = 1;
const NFTA_RULE_CHAIN: u16 = 2;
const NFTA_RULE_EXPRESSIONS: u16 = 4;
const NFTA_LIST_ELEM: u16 = 1;
const NFTA_EXPR_NAME: u16 = 1;
const NFTA_EXPR_DATA: u16 = 2;
const NFTA_SET_TABLE: u16 = 1;
const NFTA_SET_NAME: u16 = 2;
const NFTA_SET_FLAGS: u16 = 3;
const NFTA_SET_KEY_TYPE: u16 = 4;
const NFTA_SET_KEY_LEN: u16 = 5;
const NFTA_SET_DATA_TYPE: u16 = 6;
const NFTA_SET_DATA_LEN: u16 = 7;
const NFTA_SET_ID: u16 = 10;
const NFTA_SET_USERDATA: u16 = 13;
const NFTA_SET_ELEM_LIST_TABLE: u16 = 1;
const NFTA_SET_ELEM_LIST_SET: u16 = 2;
const NFTA_SET_ELEM_LIST_ELEMENTS: u16 = 3;
const NFTA_SET_ELEM_KEY: u16 = 1;
const NFTA_SET_ELEM_DATA: u16 = 2;
const NFTA_DATA_VALUE: u16 = 1;
const NFTA_DATA_VERDICT: u16 = 2;
const NFTA_VERDICT_CODE: u16 = 1;
const NFTA_VERDICT_CHAIN: u16 = 2;

const NFT_SET_MAP: u32 = 0x8;
const NFT_DATA_VERDICT: u32 = 0xffff_ff00;
const NFT_GOTO: i32 = -4;
const NF_ACCEPT: u32 = 1;
/// nft's own type numbers, so that `nft list` prints the sets as it would its own.
/// `mark`: a 32-bit number in host order, of a size nft knows (unlike `integer`).
const TYPE_MARK: u32 = 19;
const TYPE_IPADDR: u32 = 7;

/// Elements per message: at most about 80 bytes each (a goto and its chain name),
/// well inside the 64 KiB an attribute can hold.
const ELEMS_PER_MSG: usize = 512;

/// Registers: the verdict, and the first 16-byte data register.
pub const REG_VERDICT: u32 = 0;
pub const REG_1: u32 = 1;

/// Where a base chain hooks in.
#[derive(Debug, Clone, Copy)]
pub struct Hook {
    /// `nat`, `filter` or `route`.
    pub kind: &'static str,
    /// NF_INET_LOCAL_OUT is 3.
    pub hooknum: u32,
    pub priority: i32,
}

pub const HOOK_LOCAL_OUT: u32 = 3;

/// A set or map's key and value types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetType {
    /// IPv4 address -> verdict (`ip daddr vmap @set`).
    AddrToVerdict,
    /// A 32-bit number in host order (what `numgen` writes) -> IPv4 address.
    SlotToAddr,
    /// IPv4 address -> 32-bit mark.
    AddrToMark,
}

/// Expressions of a rule (nf_tables' expression names and attributes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    /// `ip daddr` into `dreg`.
    IpDaddr { dreg: u32 },
    /// `meta l4proto` into `dreg`.
    L4Proto { dreg: u32 },
    /// Equal-compare of `sreg` with `data`; the rule stops when not equal.
    CmpEq { sreg: u32, data: Vec<u8> },
    /// Lookup of `sreg` in `set`; into `dreg` for maps (REG_VERDICT for vmaps).
    Lookup {
        set: String,
        sreg: u32,
        dreg: Option<u32>,
    },
    /// `numgen inc mod modulus offset offset` into `dreg`.
    NumgenInc {
        modulus: u32,
        offset: u32,
        dreg: u32,
    },
    /// `dnat to` the IPv4 address in `reg`.
    Dnat { reg: u32 },
    /// `meta mark set` from `sreg`.
    SetMark { sreg: u32 },
    /// `reject with tcp reset`.
    RejectTcpReset,
    /// `reject` (ICMP port unreachable).
    RejectPortUnreachable,
}

impl Expr {
    fn encode(&self, m: &mut Msg) {
        m.nest(NFTA_LIST_ELEM);
        let name = match self {
            Expr::IpDaddr { .. } => "payload",
            Expr::L4Proto { .. } | Expr::SetMark { .. } => "meta",
            Expr::CmpEq { .. } => "cmp",
            Expr::Lookup { .. } => "lookup",
            Expr::NumgenInc { .. } => "numgen",
            Expr::Dnat { .. } => "nat",
            Expr::RejectTcpReset | Expr::RejectPortUnreachable => "reject",
        };
        m.str(NFTA_EXPR_NAME, name);
        m.nest(NFTA_EXPR_DATA);
        match self {
            Expr::IpDaddr { dreg } => {
                // NFTA_PAYLOAD_DREG, BASE (network header), OFFSET, LEN.
                m.be32(1, *dreg).be32(2, 1).be32(3, 16).be32(4, 4);
            }
            Expr::L4Proto { dreg } => {
                // NFTA_META_DREG, NFTA_META_KEY = NFT_META_L4PROTO.
                m.be32(1, *dreg).be32(2, 16);
            }
            Expr::SetMark { sreg } => {
                // NFTA_META_KEY = NFT_META_MARK, NFTA_META_SREG.
                m.be32(2, 3).be32(3, *sreg);
            }
            Expr::CmpEq { sreg, data } => {
                // NFTA_CMP_SREG, NFTA_CMP_OP = NFT_CMP_EQ, NFTA_CMP_DATA.
                m.be32(1, *sreg).be32(2, 0);
                m.nest(3).attr(NFTA_DATA_VALUE, data).end();
            }
            Expr::Lookup { set, sreg, dreg } => {
                // NFTA_LOOKUP_SET, SREG, DREG.
                m.str(1, set).be32(2, *sreg);
                if let Some(d) = dreg {
                    m.be32(3, *d);
                }
            }
            Expr::NumgenInc {
                modulus,
                offset,
                dreg,
            } => {
                // NFTA_NG_DREG, MODULUS, TYPE = NFT_NG_INCREMENTAL, OFFSET.
                m.be32(1, *dreg).be32(2, *modulus).be32(3, 0);
                if *offset != 0 {
                    m.be32(4, *offset);
                }
            }
            Expr::Dnat { reg } => {
                // NFTA_NAT_TYPE = NFT_NAT_DNAT, FAMILY, REG_ADDR_MIN.
                m.be32(1, 1).be32(2, u32::from(NFPROTO_IPV4)).be32(3, *reg);
            }
            Expr::RejectTcpReset => {
                // NFTA_REJECT_TYPE = NFT_REJECT_TCP_RST.
                m.be32(1, 1);
            }
            Expr::RejectPortUnreachable => {
                // NFT_REJECT_ICMP_UNREACH, code 3 (port unreachable).
                m.be32(1, 0).attr(2, &[3]);
            }
        }
        m.end().end();
    }
}

/// A map element's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Goto(String),
    Addr(Ipv4Addr),
    Mark(u32),
}

/// A key of a set element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Addr(Ipv4Addr),
    /// A slot in host order, as `numgen` writes it.
    Slot(u32),
}

impl Key {
    fn bytes(&self) -> Vec<u8> {
        match self {
            Key::Addr(a) => a.octets().to_vec(),
            Key::Slot(n) => n.to_ne_bytes().to_vec(),
        }
    }
}

/// One nf_tables transaction (all of it or none of it happens) of the `ip` family.
#[derive(Debug, Default)]
pub struct Batch {
    msgs: Vec<Msg>,
    size: usize,
    next_set_id: u32,
}

fn msg(kind: u16, flags: u16) -> Msg {
    Msg::new(
        (NFNL_SUBSYS_NFTABLES << 8) | kind,
        flags | NLM_F_ACK,
        &[NFPROTO_IPV4, 0, 0, 0],
    )
}

impl Batch {
    pub fn new() -> Batch {
        Batch::default()
    }

    /// How many messages, and their bytes (to keep transactions a sensible size).
    pub fn len(&self) -> usize {
        self.msgs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.msgs.is_empty()
    }

    pub fn bytes(&self) -> usize {
        self.size
    }

    /// Appends `other`'s messages.
    pub fn append(&mut self, other: Batch) -> &mut Batch {
        self.size += other.size;
        self.msgs.extend(other.msgs);
        self.next_set_id = self.next_set_id.max(other.next_set_id);
        self
    }

    fn push(&mut self, m: Msg) -> &mut Batch {
        self.size += m.len();
        self.msgs.push(m);
        self
    }

    pub fn add_table(&mut self, table: &str) -> &mut Batch {
        let mut m = msg(NFT_MSG_NEWTABLE, NLM_F_CREATE);
        m.str(NFTA_TABLE_NAME, table);
        self.push(m)
    }

    pub fn del_table(&mut self, table: &str) -> &mut Batch {
        let mut m = msg(NFT_MSG_DELTABLE, 0);
        m.str(NFTA_TABLE_NAME, table);
        self.push(m)
    }

    /// A chain: a base chain when `hook` is given, else one to jump or go to.
    pub fn add_chain(&mut self, table: &str, chain: &str, hook: Option<Hook>) -> &mut Batch {
        let mut m = msg(NFT_MSG_NEWCHAIN, NLM_F_CREATE);
        m.str(NFTA_CHAIN_TABLE, table).str(NFTA_CHAIN_NAME, chain);
        if let Some(h) = hook {
            m.nest(NFTA_CHAIN_HOOK)
                .be32(NFTA_HOOK_HOOKNUM, h.hooknum)
                .be32(NFTA_HOOK_PRIORITY, h.priority as u32)
                .end();
            m.be32(NFTA_CHAIN_POLICY, NF_ACCEPT)
                .str(NFTA_CHAIN_TYPE, h.kind);
        }
        self.push(m)
    }

    pub fn del_chain(&mut self, table: &str, chain: &str) -> &mut Batch {
        let mut m = msg(NFT_MSG_DELCHAIN, 0);
        m.str(NFTA_CHAIN_TABLE, table).str(NFTA_CHAIN_NAME, chain);
        self.push(m)
    }

    /// Deletes every rule of `chain`.
    pub fn flush_chain(&mut self, table: &str, chain: &str) -> &mut Batch {
        let mut m = msg(NFT_MSG_DELRULE, 0);
        m.str(NFTA_RULE_TABLE, table).str(NFTA_RULE_CHAIN, chain);
        self.push(m)
    }

    /// Appends a rule to `chain`.
    pub fn add_rule(&mut self, table: &str, chain: &str, exprs: &[Expr]) -> &mut Batch {
        let mut m = msg(NFT_MSG_NEWRULE, NLM_F_CREATE | NLM_F_APPEND);
        m.str(NFTA_RULE_TABLE, table).str(NFTA_RULE_CHAIN, chain);
        m.nest(NFTA_RULE_EXPRESSIONS);
        for e in exprs {
            e.encode(&mut m);
        }
        m.end();
        self.push(m)
    }

    /// A named map of `kind`.
    pub fn add_map(&mut self, table: &str, name: &str, kind: SetType) -> &mut Batch {
        self.next_set_id += 1;
        let mut m = msg(NFT_MSG_NEWSET, NLM_F_CREATE);
        m.str(NFTA_SET_TABLE, table)
            .str(NFTA_SET_NAME, name)
            .be32(NFTA_SET_FLAGS, NFT_SET_MAP);
        // nft's concatenated type: each piece's type, 6 bits apart.
        let (key_type, key_len, data_type, data_len) = match kind {
            SetType::AddrToVerdict => (TYPE_IPADDR, 4, NFT_DATA_VERDICT, None),
            SetType::SlotToAddr => (TYPE_MARK, 4, TYPE_IPADDR, Some(4)),
            SetType::AddrToMark => (TYPE_IPADDR, 4, TYPE_MARK, Some(4)),
        };
        m.be32(NFTA_SET_KEY_TYPE, key_type)
            .be32(NFTA_SET_KEY_LEN, key_len)
            .be32(NFTA_SET_DATA_TYPE, data_type);
        if let Some(len) = data_len {
            m.be32(NFTA_SET_DATA_LEN, len);
        }
        m.be32(NFTA_SET_ID, self.next_set_id);
        if kind == SetType::AddrToMark {
            // nft's user data: the values are in host order
            // (NFTNL_UDATA_SET_DATABYTEORDER = BYTEORDER_HOST_ENDIAN), so `nft list`
            // prints marks as the kernel reads them.
            let mut udata = vec![1u8, 4];
            udata.extend_from_slice(&1u32.to_ne_bytes());
            m.attr(NFTA_SET_USERDATA, &udata);
        }
        self.push(m)
    }

    pub fn del_set(&mut self, table: &str, name: &str) -> &mut Batch {
        let mut m = msg(NFT_MSG_DELSET, 0);
        m.str(NFTA_SET_TABLE, table).str(NFTA_SET_NAME, name);
        self.push(m)
    }

    /// Adds `elems` to map `set` (an element already there fails the batch).
    pub fn add_elems(&mut self, table: &str, set: &str, elems: &[(Key, Value)]) -> &mut Batch {
        if elems.is_empty() {
            return self;
        }
        // An attribute's length is 16 bits: long lists go in several messages.
        for part in elems.chunks(ELEMS_PER_MSG) {
            let mut m = msg(NFT_MSG_NEWSETELEM, NLM_F_CREATE);
            elems_of(&mut m, table, set, part.iter().map(|(k, v)| (k, Some(v))));
            self.push(m);
        }
        self
    }

    /// Removes the elements with `keys` from `set`.
    pub fn del_elems(&mut self, table: &str, set: &str, keys: &[Key]) -> &mut Batch {
        if keys.is_empty() {
            return self;
        }
        for part in keys.chunks(ELEMS_PER_MSG) {
            let mut m = msg(NFT_MSG_DELSETELEM, 0);
            elems_of(&mut m, table, set, part.iter().map(|k| (k, None)));
            self.push(m);
        }
        self
    }

    /// Sends the transaction on `conn` and waits until the kernel committed it (or
    /// says which message it refused, and why).
    pub fn send(&self, conn: &mut Conn) -> io::Result<()> {
        if self.msgs.is_empty() {
            return Ok(());
        }
        let fam = [
            0u8,
            0,
            (NFNL_SUBSYS_NFTABLES >> 8) as u8,
            NFNL_SUBSYS_NFTABLES as u8,
        ];
        let mut buf = Vec::with_capacity(self.size + 64);
        buf.extend(Msg::new(NFNL_MSG_BATCH_BEGIN, 0, &fam).finish(conn.next_seq()));
        let mut acks = Vec::with_capacity(self.msgs.len());
        for m in &self.msgs {
            let seq = conn.next_seq();
            acks.push(seq);
            buf.extend(m.clone().finish(seq));
        }
        buf.extend(Msg::new(NFNL_MSG_BATCH_END, 0, &fam).finish(conn.next_seq()));
        conn.send(&buf)?;
        conn.wait_acks(&acks, |_| {}).map_err(|(seq, e)| {
            let which = acks
                .iter()
                .position(|s| *s == seq)
                .map_or("the transaction".to_string(), |i| {
                    format!("message {} of {}", i + 1, acks.len())
                });
            io::Error::new(e.kind(), format!("nf_tables refused {which}: {e}"))
        })
    }
}

fn elems_of<'a>(
    m: &mut Msg,
    table: &str,
    set: &str,
    elems: impl Iterator<Item = (&'a Key, Option<&'a Value>)>,
) {
    m.str(NFTA_SET_ELEM_LIST_TABLE, table)
        .str(NFTA_SET_ELEM_LIST_SET, set);
    m.nest(NFTA_SET_ELEM_LIST_ELEMENTS);
    for (k, v) in elems {
        m.nest(NFTA_LIST_ELEM);
        m.nest(NFTA_SET_ELEM_KEY)
            .attr(NFTA_DATA_VALUE, &k.bytes())
            .end();
        match v {
            None => {}
            Some(Value::Goto(chain)) => {
                m.nest(NFTA_SET_ELEM_DATA).nest(NFTA_DATA_VERDICT);
                m.be32(NFTA_VERDICT_CODE, NFT_GOTO as u32)
                    .str(NFTA_VERDICT_CHAIN, chain);
                m.end().end();
            }
            Some(Value::Addr(a)) => {
                m.nest(NFTA_SET_ELEM_DATA)
                    .attr(NFTA_DATA_VALUE, &a.octets())
                    .end();
            }
            Some(Value::Mark(n)) => {
                m.nest(NFTA_SET_ELEM_DATA)
                    .attr(NFTA_DATA_VALUE, &n.to_ne_bytes())
                    .end();
            }
        }
        m.end();
    }
    m.end();
}

/// Opens an nf_tables connection in the calling thread's network namespace.
pub fn connect() -> io::Result<Conn> {
    Conn::open(netlink_sys::protocols::NETLINK_NETFILTER)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sys::nlmsg::attrs;

    fn body(m: &Msg) -> Vec<u8> {
        m.clone().finish(1)[20..].to_vec()
    }

    #[test]
    fn a_vmap_rule_is_payload_then_lookup_into_the_verdict() {
        let mut b = Batch::new();
        b.add_rule(
            "t",
            "out",
            &[
                Expr::IpDaddr { dreg: REG_1 },
                Expr::Lookup {
                    set: "vips".into(),
                    sreg: REG_1,
                    dreg: Some(REG_VERDICT),
                },
            ],
        );
        let m = &b.msgs[0];
        let raw = m.clone().finish(1);
        assert_eq!(
            u16::from_ne_bytes([raw[4], raw[5]]),
            (10 << 8) | NFT_MSG_NEWRULE
        );
        assert_eq!(raw[16], NFPROTO_IPV4);
        let top = body(m);
        let a = attrs(&top);
        assert_eq!(a[0], (NFTA_RULE_TABLE, &b"t\0"[..]));
        assert_eq!(a[1], (NFTA_RULE_CHAIN, &b"out\0"[..]));
        let exprs = attrs(a[2].1);
        assert_eq!(exprs.len(), 2);
        let payload = attrs(exprs[0].1);
        assert_eq!(payload[0], (NFTA_EXPR_NAME, &b"payload\0"[..]));
        let p = attrs(payload[1].1);
        let be = |v: u32| v.to_be_bytes().to_vec();
        assert_eq!(
            p.iter().map(|(k, v)| (*k, v.to_vec())).collect::<Vec<_>>(),
            vec![(1, be(1)), (2, be(1)), (3, be(16)), (4, be(4))]
        );
        let lookup = attrs(attrs(exprs[1].1)[1].1);
        assert_eq!(lookup[0], (1, &b"vips\0"[..]));
        assert_eq!(lookup[2], (3, &0u32.to_be_bytes()[..]));
    }

    #[test]
    fn map_elements_carry_keys_and_goto_verdicts_or_addresses() {
        let mut b = Batch::new();
        b.add_elems(
            "t",
            "vips",
            &[(
                Key::Addr(Ipv4Addr::new(10, 0, 9, 2)),
                Value::Goto("v0a000902".into()),
            )],
        );
        b.add_elems(
            "t",
            "m",
            &[(Key::Slot(1), Value::Addr(Ipv4Addr::new(10, 0, 9, 7)))],
        );
        b.add_elems("t", "none", &[]);
        assert_eq!(b.len(), 2, "an empty element list sends nothing");
        let many: Vec<(Key, Value)> = (0..1200u32)
            .map(|i| (Key::Slot(i), Value::Addr(Ipv4Addr::from(i))))
            .collect();
        let mut big = Batch::new();
        big.add_elems("t", "backends", &many);
        assert_eq!(big.len(), 3, "split so that no attribute passes 64 KiB");
        assert!(big.msgs.iter().all(|m| m.len() < 65_000));
        let first = body(&b.msgs[0]);
        let elems = attrs(attrs(&first)[2].1);
        let elem = attrs(elems[0].1);
        assert_eq!(
            attrs(elem[0].1),
            vec![(NFTA_DATA_VALUE, &[10u8, 0, 9, 2][..])]
        );
        let verdict = attrs(attrs(elem[1].1)[0].1);
        assert_eq!(verdict[0].1, &(-4i32 as u32).to_be_bytes()[..]);
        assert_eq!(verdict[1].1, b"v0a000902\0");
        let second = body(&b.msgs[1]);
        let elem = attrs(attrs(attrs(&second)[2].1)[0].1);
        assert_eq!(attrs(elem[0].1)[0].1, &1u32.to_ne_bytes()[..]);
        assert_eq!(attrs(elem[1].1)[0].1, &[10u8, 0, 9, 7][..]);
    }

    #[test]
    fn a_base_chain_has_its_hook_priority_and_type() {
        let mut b = Batch::new();
        b.add_chain(
            "t",
            "out",
            Some(Hook {
                kind: "nat",
                hooknum: HOOK_LOCAL_OUT,
                priority: -100,
            }),
        );
        b.add_chain("t", "v1", None);
        let base = body(&b.msgs[0]);
        let a = attrs(&base);
        let hook = attrs(a[2].1);
        assert_eq!(hook[0].1, &3u32.to_be_bytes()[..]);
        assert_eq!(hook[1].1, &(-100i32).to_be_bytes()[..]);
        assert_eq!(a[4], (NFTA_CHAIN_TYPE, &b"nat\0"[..]));
        assert_eq!(attrs(&body(&b.msgs[1])).len(), 2);
    }
}
