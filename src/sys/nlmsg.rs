//! Netlink messages by hand, for the two families no well-kept Rust crate speaks under
//! shoal's license: nf_tables (`sys::nftables`) and IPVS over generic netlink
//! (`sys::ipvs`). A `Msg` is a header, a family header and attributes (nested ones
//! through `nest`/`end`); `Conn` sends a run of messages and collects their
//! acknowledgements, naming the first that failed.

use std::io;

use netlink_sys::{Socket, SocketAddr};

pub const NLM_F_REQUEST: u16 = 0x1;
pub const NLM_F_ACK: u16 = 0x4;
pub const NLM_F_REPLACE: u16 = 0x100;
pub const NLM_F_EXCL: u16 = 0x200;
pub const NLM_F_CREATE: u16 = 0x400;
pub const NLM_F_DUMP: u16 = 0x300;
pub const NLA_F_NESTED: u16 = 0x8000;
pub const NLMSG_ERROR: u16 = 2;
pub const NLMSG_DONE: u16 = 3;

const HDR: usize = 16;

fn align(n: usize) -> usize {
    (n + 3) & !3
}

/// One netlink message under construction.
#[derive(Debug, Clone)]
pub struct Msg {
    buf: Vec<u8>,
    nests: Vec<usize>,
}

impl Msg {
    /// A message of `kind` with `flags` (REQUEST is added) and the family header `fam`.
    pub fn new(kind: u16, flags: u16, fam: &[u8]) -> Msg {
        let mut buf = vec![0u8; HDR];
        buf[4..6].copy_from_slice(&kind.to_ne_bytes());
        buf[6..8].copy_from_slice(&(flags | NLM_F_REQUEST).to_ne_bytes());
        buf.extend_from_slice(fam);
        buf.resize(align(buf.len()), 0);
        Msg {
            buf,
            nests: Vec::new(),
        }
    }

    /// An attribute with a raw payload.
    pub fn attr(&mut self, kind: u16, payload: &[u8]) -> &mut Msg {
        let len = 4 + payload.len();
        self.buf.extend_from_slice(&(len as u16).to_ne_bytes());
        self.buf.extend_from_slice(&kind.to_ne_bytes());
        self.buf.extend_from_slice(payload);
        self.buf.resize(align(self.buf.len()), 0);
        self
    }

    /// A NUL-terminated string attribute.
    pub fn str(&mut self, kind: u16, s: &str) -> &mut Msg {
        let mut b = s.as_bytes().to_vec();
        b.push(0);
        self.attr(kind, &b)
    }

    /// A big-endian u32 (nf_tables' numbers).
    pub fn be32(&mut self, kind: u16, v: u32) -> &mut Msg {
        self.attr(kind, &v.to_be_bytes())
    }

    /// A host-order u32 (generic netlink's numbers).
    pub fn u32(&mut self, kind: u16, v: u32) -> &mut Msg {
        self.attr(kind, &v.to_ne_bytes())
    }

    /// A host-order u16.
    pub fn u16(&mut self, kind: u16, v: u16) -> &mut Msg {
        self.attr(kind, &v.to_ne_bytes())
    }

    /// Opens a nested attribute; `end` closes the innermost one.
    pub fn nest(&mut self, kind: u16) -> &mut Msg {
        self.nests.push(self.buf.len());
        self.buf.extend_from_slice(&[0, 0]);
        self.buf
            .extend_from_slice(&(kind | NLA_F_NESTED).to_ne_bytes());
        self
    }

    pub fn end(&mut self) -> &mut Msg {
        if let Some(at) = self.nests.pop() {
            let len = (self.buf.len() - at) as u16;
            self.buf[at..at + 2].copy_from_slice(&len.to_ne_bytes());
        }
        self
    }

    /// The finished bytes with `seq` in the header.
    pub fn finish(mut self, seq: u32) -> Vec<u8> {
        debug_assert!(self.nests.is_empty(), "unclosed nested attribute");
        let len = self.buf.len() as u32;
        self.buf[0..4].copy_from_slice(&len.to_ne_bytes());
        self.buf[8..12].copy_from_slice(&seq.to_ne_bytes());
        self.buf
    }

    pub fn len(&self) -> usize {
        self.buf.len()
    }

    pub fn is_empty(&self) -> bool {
        self.buf.len() <= HDR
    }
}

/// The attributes in `buf` (after any headers): (type without flags, payload).
pub fn attrs(mut buf: &[u8]) -> Vec<(u16, &[u8])> {
    let mut out = Vec::new();
    while buf.len() >= 4 {
        let len = u16::from_ne_bytes([buf[0], buf[1]]) as usize;
        let kind = u16::from_ne_bytes([buf[2], buf[3]]) & 0x3fff;
        if len < 4 || len > buf.len() {
            break;
        }
        out.push((kind, &buf[4..len]));
        buf = &buf[align(len).min(buf.len())..];
    }
    out
}

/// One reply: its type, sequence number and payload (after the netlink header).
#[derive(Debug)]
pub struct Reply {
    pub kind: u16,
    pub seq: u32,
    pub payload: Vec<u8>,
}

/// Splits a datagram into its messages.
pub fn replies(mut buf: &[u8]) -> Vec<Reply> {
    let mut out = Vec::new();
    while buf.len() >= HDR {
        let len = u32::from_ne_bytes([buf[0], buf[1], buf[2], buf[3]]) as usize;
        if len < HDR || len > buf.len() {
            break;
        }
        out.push(Reply {
            kind: u16::from_ne_bytes([buf[4], buf[5]]),
            seq: u32::from_ne_bytes([buf[8], buf[9], buf[10], buf[11]]),
            payload: buf[HDR..len].to_vec(),
        });
        buf = &buf[align(len).min(buf.len())..];
    }
    out
}

/// A netlink socket of one protocol, in the namespace it was opened in.
pub struct Conn {
    sock: Socket,
    seq: u32,
}

impl Conn {
    /// Opens a socket of `protocol` (e.g. `netlink_sys::protocols::NETLINK_NETFILTER`)
    /// in the calling thread's network namespace; it stays there.
    pub fn open(protocol: isize) -> io::Result<Conn> {
        let mut sock = Socket::new(protocol)?;
        sock.bind(&SocketAddr::new(0, 0))?;
        // Big batches (thousands of services) and their acknowledgements.
        if nix::sys::socket::setsockopt(&sock, nix::sys::socket::sockopt::RcvBufForce, &(8 << 20))
            .is_err()
        {
            let _ = sock.set_rx_buf_sz(8 << 20);
        }
        set_sndbuf(&sock, 8 << 20);
        let tv = nix::sys::time::TimeVal::new(5, 0);
        let _ = nix::sys::socket::setsockopt(&sock, nix::sys::socket::sockopt::ReceiveTimeout, &tv);
        Ok(Conn { sock, seq: 1 })
    }

    pub fn next_seq(&mut self) -> u32 {
        self.seq = self.seq.wrapping_add(1).max(1);
        self.seq
    }

    /// Sends `buf` (one or more finished messages).
    pub fn send(&self, buf: &[u8]) -> io::Result<()> {
        let n = self.sock.send(buf, 0)?;
        if n != buf.len() {
            return Err(io::Error::other("short netlink send"));
        }
        Ok(())
    }

    /// Receives replies until each of `acks` (sequence numbers sent with NLM_F_ACK)
    /// is acknowledged; the first error is returned with the sequence number it
    /// answers. `on_reply` sees every other message (dumps).
    pub fn wait_acks(
        &self,
        acks: &[u32],
        mut on_reply: impl FnMut(&Reply),
    ) -> Result<(), (u32, io::Error)> {
        let mut pending: std::collections::HashSet<u32> = acks.iter().copied().collect();
        let mut first: Option<(u32, io::Error)> = None;
        let mut buf = vec![0u8; 1 << 20];
        while !pending.is_empty() {
            let n = match self.sock.recv(&mut &mut buf[..], 0) {
                Ok(n) => n,
                Err(e) => return Err(first.unwrap_or((0, e))),
            };
            for r in replies(&buf[..n]) {
                match r.kind {
                    NLMSG_ERROR if r.payload.len() >= 4 => {
                        let code = i32::from_ne_bytes([
                            r.payload[0],
                            r.payload[1],
                            r.payload[2],
                            r.payload[3],
                        ]);
                        pending.remove(&r.seq);
                        if code != 0 && first.is_none() {
                            first = Some((r.seq, io::Error::from_raw_os_error(-code)));
                        }
                    }
                    NLMSG_DONE => {
                        pending.remove(&r.seq);
                    }
                    _ => on_reply(&r),
                }
            }
        }
        match first {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

/// SO_SNDBUFFORCE as root (past net.core.wmem_max), else SO_SNDBUF.
fn set_sndbuf(sock: &Socket, size: usize) {
    use nix::sys::socket::{setsockopt, sockopt};
    if setsockopt(sock, sockopt::SndBufForce, &size).is_err() {
        let _ = setsockopt(sock, sockopt::SndBuf, &size);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_have_lengths_seq_and_aligned_nested_attributes() {
        let mut m = Msg::new(0x0a00, NLM_F_ACK, &[2, 0, 0, 0]);
        m.str(1, "ab").nest(4).be32(1, 7).end();
        let b = m.finish(9);
        assert_eq!(
            u32::from_ne_bytes(b[0..4].try_into().unwrap()) as usize,
            b.len()
        );
        assert_eq!(u16::from_ne_bytes([b[4], b[5]]), 0x0a00);
        assert_eq!(u16::from_ne_bytes([b[6], b[7]]), NLM_F_ACK | NLM_F_REQUEST);
        assert_eq!(u32::from_ne_bytes(b[8..12].try_into().unwrap()), 9);
        let a = attrs(&b[20..]);
        assert_eq!(a.len(), 2);
        assert_eq!(a[0], (1, &b"ab\0"[..]));
        assert_eq!(a[1].0, 4);
        assert_eq!(attrs(a[1].1), vec![(1, &7u32.to_be_bytes()[..])]);
        // "ab\0" pads to 4: the nest starts 8 bytes after the string attribute.
        assert_eq!(b.len(), 20 + 8 + 4 + 8);
    }

    #[test]
    fn replies_split_a_datagram_and_stop_at_garbage() {
        let one = Msg::new(NLMSG_ERROR, 0, &[0; 4]).finish(3);
        let two = Msg::new(NLMSG_DONE, 0, &[]).finish(4);
        let mut both = one.clone();
        both.extend_from_slice(&two);
        both.extend_from_slice(&[0xff; 7]);
        let r = replies(&both);
        assert_eq!(
            r.iter().map(|r| (r.kind, r.seq)).collect::<Vec<_>>(),
            [(2, 3), (3, 4)]
        );
        assert!(attrs(&[9, 0, 1]).is_empty());
    }
}
