//! IPVS over generic netlink, by hand (`sys::nlmsg`): the few commands a firewall-mark
//! load balancer needs. IPVS has no family number of its own: it registers the
//! generic netlink family "IPVS", whose id the controller (`GENL_ID_CTRL`) tells us.
//! Builders are pure and tested against the layout of the kernel's uapi headers
//! (`linux/genetlink.h`, `linux/ip_vs.h`); `Ipvs` sends them and waits for the acks.

use std::{fmt, io, net::Ipv4Addr};

use crate::sys::nlmsg::{Conn, Msg, NLM_F_ACK, Reply};

/// The generic netlink controller's fixed family id (`NLMSG_MIN_TYPE`).
pub const GENL_ID_CTRL: u16 = 0x10;
const CTRL_CMD_GETFAMILY: u8 = 3;
/// The controller registers itself with version 2; it does not check requests' version.
const CTRL_VERSION: u8 = 2;
const CTRL_ATTR_FAMILY_ID: u16 = 1;
const CTRL_ATTR_FAMILY_NAME: u16 = 2;

pub const IPVS_GENL_NAME: &str = "IPVS";
const IPVS_GENL_VERSION: u8 = 1;

// Commands (enum in ip_vs.h, from IPVS_CMD_UNSPEC = 0).
const IPVS_CMD_NEW_SERVICE: u8 = 1;
const IPVS_CMD_DEL_SERVICE: u8 = 3;
const IPVS_CMD_NEW_DEST: u8 = 5;
const IPVS_CMD_DEL_DEST: u8 = 7;
const IPVS_CMD_FLUSH: u8 = 17;

// First-level attributes: both nested.
const IPVS_CMD_ATTR_SERVICE: u16 = 1;
const IPVS_CMD_ATTR_DEST: u16 = 2;

// Inside IPVS_CMD_ATTR_SERVICE.
const IPVS_SVC_ATTR_AF: u16 = 1;
const IPVS_SVC_ATTR_FWMARK: u16 = 5;
const IPVS_SVC_ATTR_SCHED_NAME: u16 = 6;
const IPVS_SVC_ATTR_FLAGS: u16 = 7;
const IPVS_SVC_ATTR_TIMEOUT: u16 = 8;
const IPVS_SVC_ATTR_NETMASK: u16 = 9;

// Inside IPVS_CMD_ATTR_DEST.
const IPVS_DEST_ATTR_ADDR: u16 = 1;
const IPVS_DEST_ATTR_PORT: u16 = 2;
const IPVS_DEST_ATTR_FWD_METHOD: u16 = 3;
const IPVS_DEST_ATTR_WEIGHT: u16 = 4;
const IPVS_DEST_ATTR_U_THRESH: u16 = 5;
const IPVS_DEST_ATTR_L_THRESH: u16 = 6;
const IPVS_DEST_ATTR_ADDR_FAMILY: u16 = 11;

/// Masquerading (NAT), the forwarding method that works across the overlay.
const IP_VS_CONN_F_MASQ: u32 = 0;
const AF_INET: u16 = 2;

/// Messages per datagram: each ack is its own skb in our receive buffer, so a batch
/// of thousands sent at once could overflow it (ENOBUFS) before we read.
const BATCH: usize = 256;

#[derive(Debug, thiserror::Error)]
pub enum IpvsError {
    #[error("the kernel has no IPVS (generic netlink family \"IPVS\" not found; is ip_vs loaded?)")]
    NoFamily,
    #[error("cannot {op}: {source}")]
    Op {
        op: String,
        #[source]
        source: io::Error,
    },
}

fn op_err(op: impl Into<String>, source: io::Error) -> IpvsError {
    IpvsError::Op {
        op: op.into(),
        source,
    }
}

/// One IPVS command on a firewall-mark service (AF_INET, round robin).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmd {
    NewService {
        mark: u32,
    },
    DelService {
        mark: u32,
    },
    /// A masquerade destination, weight 1, port 0 (the client's port is kept).
    NewDest {
        mark: u32,
        addr: Ipv4Addr,
    },
    DelDest {
        mark: u32,
        addr: Ipv4Addr,
    },
    /// Every service and destination in the namespace.
    Flush,
}

impl fmt::Display for Cmd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cmd::NewService { mark } => write!(f, "add IPVS service fwmark {mark:#x}"),
            Cmd::DelService { mark } => write!(f, "delete IPVS service fwmark {mark:#x}"),
            Cmd::NewDest { mark, addr } => {
                write!(f, "add IPVS destination {addr} to fwmark {mark:#x}")
            }
            Cmd::DelDest { mark, addr } => {
                write!(f, "delete IPVS destination {addr} from fwmark {mark:#x}")
            }
            Cmd::Flush => write!(f, "flush IPVS"),
        }
    }
}

impl Cmd {
    /// The request for the IPVS family `family`, asking for an ack.
    pub fn msg(&self, family: u16) -> Msg {
        match *self {
            Cmd::NewService { mark } => with_service(family, IPVS_CMD_NEW_SERVICE, mark),
            Cmd::DelService { mark } => with_service(family, IPVS_CMD_DEL_SERVICE, mark),
            Cmd::NewDest { mark, addr } => with_dest(family, IPVS_CMD_NEW_DEST, mark, addr),
            Cmd::DelDest { mark, addr } => with_dest(family, IPVS_CMD_DEL_DEST, mark, addr),
            Cmd::Flush => Msg::new(family, NLM_F_ACK, &genl(IPVS_CMD_FLUSH, IPVS_GENL_VERSION)),
        }
    }
}

/// `struct genlmsghdr`: cmd, version, reserved u16.
fn genl(cmd: u8, version: u8) -> [u8; 4] {
    [cmd, version, 0, 0]
}

/// The controller request for the id of the generic netlink family `name`.
pub fn family_request(name: &str) -> Msg {
    let mut m = Msg::new(
        GENL_ID_CTRL,
        NLM_F_ACK,
        &genl(CTRL_CMD_GETFAMILY, CTRL_VERSION),
    );
    m.str(CTRL_ATTR_FAMILY_NAME, name);
    m
}

/// The family id in the controller's answer to `family_request`, if `reply` is one.
pub fn family_id(reply: &Reply) -> Option<u16> {
    if reply.kind != GENL_ID_CTRL {
        return None;
    }
    let attrs = reply.payload.get(4..)?;
    crate::sys::nlmsg::attrs(attrs)
        .into_iter()
        .find(|(kind, _)| *kind == CTRL_ATTR_FAMILY_ID)
        .and_then(|(_, v)| Some(u16::from_ne_bytes(v.get(..2)?.try_into().ok()?)))
}

/// A message carrying the full description of fwmark service `mark`. Deletes and
/// destinations only need AF and FWMARK to find it; the kernel ignores the rest then.
fn with_service(family: u16, cmd: u8, mark: u32) -> Msg {
    let mut m = Msg::new(family, NLM_F_ACK, &genl(cmd, IPVS_GENL_VERSION));
    service(&mut m, mark);
    m
}

fn service(m: &mut Msg, mark: u32) {
    // struct ip_vs_flags { flags, mask }: no flags, and the mask says "all of them",
    // so an existing service's flags are cleared rather than kept.
    let mut flags = [0u8; 8];
    flags[4..].copy_from_slice(&u32::MAX.to_ne_bytes());
    m.nest(IPVS_CMD_ATTR_SERVICE)
        .u16(IPVS_SVC_ATTR_AF, AF_INET)
        .u32(IPVS_SVC_ATTR_FWMARK, mark)
        .str(IPVS_SVC_ATTR_SCHED_NAME, "rr")
        .attr(IPVS_SVC_ATTR_FLAGS, &flags)
        .u32(IPVS_SVC_ATTR_TIMEOUT, 0)
        // Read as __be32 by the kernel; all ones reads the same either way.
        .u32(IPVS_SVC_ATTR_NETMASK, u32::MAX)
        .end();
}

fn with_dest(family: u16, cmd: u8, mark: u32, addr: Ipv4Addr) -> Msg {
    let mut m = with_service(family, cmd, mark);
    m.nest(IPVS_CMD_ATTR_DEST)
        .attr(IPVS_DEST_ATTR_ADDR, &addr.octets())
        .attr(IPVS_DEST_ATTR_PORT, &0u16.to_be_bytes())
        .u32(IPVS_DEST_ATTR_FWD_METHOD, IP_VS_CONN_F_MASQ)
        .u32(IPVS_DEST_ATTR_WEIGHT, 1)
        .u32(IPVS_DEST_ATTR_U_THRESH, 0)
        .u32(IPVS_DEST_ATTR_L_THRESH, 0)
        .u16(IPVS_DEST_ATTR_ADDR_FAMILY, AF_INET)
        .end();
    m
}

/// The IPVS tables of one network namespace.
pub struct Ipvs {
    conn: Conn,
    family: u16,
}

impl Ipvs {
    /// Opens a generic netlink socket in the calling thread's network namespace (it
    /// stays there) and looks up the IPVS family. Where ip_vs is a module, the lookup
    /// itself makes the kernel try to load it (as root).
    pub fn open() -> Result<Ipvs, IpvsError> {
        const LOOKUP: &str = "look up the IPVS generic netlink family";
        let mut conn = Conn::open(netlink_sys::protocols::NETLINK_GENERIC)
            .map_err(|e| op_err("open a generic netlink socket", e))?;
        let seq = conn.next_seq();
        conn.send(&family_request(IPVS_GENL_NAME).finish(seq))
            .map_err(|e| op_err(LOOKUP, e))?;
        let mut id = None;
        conn.wait_acks(&[seq], |r| id = id.or_else(|| family_id(r)))
            .map_err(|(_, e)| match e.raw_os_error() {
                Some(code) if code == nix::errno::Errno::ENOENT as i32 => IpvsError::NoFamily,
                _ => op_err(LOOKUP, e),
            })?;
        let family = id.ok_or_else(|| {
            op_err(
                LOOKUP,
                io::Error::new(io::ErrorKind::InvalidData, "the reply has no family id"),
            )
        })?;
        Ok(Ipvs { conn, family })
    }

    /// The generic netlink family id IPVS got in this kernel.
    pub fn family(&self) -> u16 {
        self.family
    }

    /// Sends `cmds` in order, in a few datagrams, and waits for every ack. The error
    /// names the first command the kernel refused; the kernel still ran the others
    /// of its datagram, and nothing is undone.
    pub fn run(&mut self, cmds: &[Cmd]) -> Result<(), IpvsError> {
        for chunk in cmds.chunks(BATCH) {
            let mut buf = Vec::new();
            let mut seqs = Vec::with_capacity(chunk.len());
            for cmd in chunk {
                let seq = self.conn.next_seq();
                buf.extend_from_slice(&cmd.msg(self.family).finish(seq));
                seqs.push(seq);
            }
            self.conn
                .send(&buf)
                .map_err(|e| op_err(format!("send {} IPVS commands", chunk.len()), e))?;
            self.conn.wait_acks(&seqs, |_| {}).map_err(|(seq, e)| {
                match seqs.iter().position(|s| *s == seq) {
                    Some(i) => op_err(chunk[i].to_string(), e),
                    None => op_err("read the IPVS acknowledgements", e),
                }
            })?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sys::nlmsg::{NLA_F_NESTED, NLM_F_REQUEST, attrs, replies};

    const FAM: u16 = 0x1a;
    const MARK: u32 = 0x5000_0001;

    /// An attribute written out by hand: len u16, type u16, payload, padding to 4.
    fn nla(kind: u16, payload: &[u8]) -> Vec<u8> {
        let mut v = ((4 + payload.len()) as u16).to_ne_bytes().to_vec();
        v.extend_from_slice(&kind.to_ne_bytes());
        v.extend_from_slice(payload);
        v.resize((v.len() + 3) & !3, 0);
        v
    }

    fn nested(kind: u16, inner: &[Vec<u8>]) -> Vec<u8> {
        nla(kind | NLA_F_NESTED, &inner.concat())
    }

    /// struct nlmsghdr (len, type, flags, seq, pid) then struct genlmsghdr.
    fn header(len: usize, kind: u16, seq: u32, cmd: u8, version: u8) -> Vec<u8> {
        let mut v = (len as u32).to_ne_bytes().to_vec();
        v.extend_from_slice(&kind.to_ne_bytes());
        v.extend_from_slice(&(NLM_F_REQUEST | NLM_F_ACK).to_ne_bytes());
        v.extend_from_slice(&seq.to_ne_bytes());
        v.extend_from_slice(&0u32.to_ne_bytes());
        v.extend_from_slice(&[cmd, version, 0, 0]);
        v
    }

    fn message(kind: u16, seq: u32, cmd: u8, version: u8, body: &[Vec<u8>]) -> Vec<u8> {
        let body = body.concat();
        let mut v = header(16 + 4 + body.len(), kind, seq, cmd, version);
        v.extend_from_slice(&body);
        v
    }

    fn service_nla() -> Vec<u8> {
        let mut flags = 0u32.to_ne_bytes().to_vec();
        flags.extend_from_slice(&0xffff_ffffu32.to_ne_bytes());
        nested(
            1,
            &[
                nla(1, &2u16.to_ne_bytes()),
                nla(5, &MARK.to_ne_bytes()),
                nla(6, b"rr\0"),
                nla(7, &flags),
                nla(8, &0u32.to_ne_bytes()),
                nla(9, &[0xff; 4]),
            ],
        )
    }

    fn dest_nla(addr: [u8; 4]) -> Vec<u8> {
        nested(
            2,
            &[
                nla(1, &addr),
                nla(2, &[0, 0]),
                nla(3, &0u32.to_ne_bytes()),
                nla(4, &1u32.to_ne_bytes()),
                nla(5, &0u32.to_ne_bytes()),
                nla(6, &0u32.to_ne_bytes()),
                nla(11, &2u16.to_ne_bytes()),
            ],
        )
    }

    #[test]
    fn family_request_is_ctrl_getfamily_with_the_name() {
        let got = family_request("IPVS").finish(4);
        let want = message(0x10, 4, 3, 2, &[nla(2, b"IPVS\0")]);
        assert_eq!(got, want);
        assert_eq!(got.len(), 16 + 4 + 12);
    }

    #[test]
    fn new_and_del_service_describe_a_fwmark_round_robin_service() {
        let svc = service_nla();
        // 4 (nest) + 8 (af) + 8 (fwmark) + 8 ("rr\0") + 12 (flags) + 8 + 8.
        assert_eq!(svc.len(), 56);
        let got = Cmd::NewService { mark: MARK }.msg(FAM).finish(7);
        assert_eq!(got, message(FAM, 7, 1, 1, std::slice::from_ref(&svc)));
        let got = Cmd::DelService { mark: MARK }.msg(FAM).finish(8);
        assert_eq!(got, message(FAM, 8, 3, 1, &[svc]));
    }

    #[test]
    fn new_and_del_dest_add_a_masquerade_destination_to_the_service() {
        let body = [service_nla(), dest_nla([10, 0, 9, 12])];
        let addr = Ipv4Addr::new(10, 0, 9, 12);
        let got = Cmd::NewDest { mark: MARK, addr }.msg(FAM).finish(9);
        assert_eq!(got, message(FAM, 9, 5, 1, &body));
        let got = Cmd::DelDest { mark: MARK, addr }.msg(FAM).finish(10);
        assert_eq!(got, message(FAM, 10, 7, 1, &body));

        // The same, read back through the parser: the address in network order.
        let top = attrs(&got[20..]);
        assert_eq!(top.iter().map(|a| a.0).collect::<Vec<_>>(), [1, 2]);
        let dest = attrs(top[1].1);
        assert_eq!(dest[0], (1, &[10u8, 0, 9, 12][..]));
        assert_eq!(dest[6], (11, &2u16.to_ne_bytes()[..]));
    }

    #[test]
    fn flush_is_a_bare_command() {
        let got = Cmd::Flush.msg(FAM).finish(11);
        assert_eq!(got, message(FAM, 11, 17, 1, &[]));
        assert_eq!(got.len(), 20);
    }

    #[test]
    fn family_id_is_read_from_the_controller_reply() {
        let mut m = Msg::new(GENL_ID_CTRL, 0, &[1, 2, 0, 0]);
        m.str(CTRL_ATTR_FAMILY_NAME, "IPVS")
            .u16(CTRL_ATTR_FAMILY_ID, 0x23)
            .u32(3, 1)
            .nest(6)
            .u32(1, 1)
            .end();
        let bytes = m.finish(5);
        let r = replies(&bytes);
        assert_eq!(r.len(), 1);
        assert_eq!(family_id(&r[0]), Some(0x23));

        // Not from the controller, or without the attribute: no id.
        let other = Msg::new(0x1a, 0, &[1, 2, 0, 0]).finish(5);
        assert_eq!(family_id(&replies(&other)[0]), None);
        let bare = Msg::new(GENL_ID_CTRL, 0, &[1, 2, 0, 0]).finish(5);
        assert_eq!(family_id(&replies(&bare)[0]), None);
    }

    #[test]
    fn commands_name_themselves_for_errors() {
        let addr = Ipv4Addr::new(10, 0, 9, 12);
        assert_eq!(
            Cmd::DelDest { mark: MARK, addr }.to_string(),
            "delete IPVS destination 10.0.9.12 from fwmark 0x50000001"
        );
        let e = op_err(
            Cmd::NewService { mark: MARK }.to_string(),
            io::Error::from_raw_os_error(17),
        );
        assert!(
            e.to_string()
                .starts_with("cannot add IPVS service fwmark 0x50000001: ")
        );
    }
}
