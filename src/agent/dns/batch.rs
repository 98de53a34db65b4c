//! Datagrams in batches: `recvmmsg` takes every query waiting on a task's UDP socket
//! in one system call and `sendmmsg` returns all their answers in one more. Under load
//! most of a query's cost is the kernel's UDP path, and two system calls a query
//! (what unbound and dnsmasq pay) become two a batch.

use std::{
    io::{self, IoSlice, IoSliceMut},
    net::{SocketAddr, SocketAddrV4},
    os::fd::{AsRawFd, RawFd},
};

use nix::sys::socket::{MsgFlags, MultiHeaders, SockaddrIn, recvmmsg, sendmmsg};

/// Queries taken in one call at most.
pub const BATCH: usize = 32;
/// A query larger than this is cut (and then refused by the parser): real queries are
/// a few dozen bytes, EDNS ones a few more.
const QUERY_MAX: usize = 4096;

/// Buffers and kernel headers, made once per socket and reused for every batch.
pub struct Batch {
    bufs: Vec<Vec<u8>>,
    /// Length and sender of each datagram of the last batch.
    got: Vec<(usize, SocketAddrV4)>,
    recv: MultiHeaders<SockaddrIn>,
    send: MultiHeaders<SockaddrIn>,
}

// SAFETY: the headers' pointers point into heap buffers that the Batch owns (its
// address slots) or are written anew by each call before the kernel reads them (the
// iovecs); none is shared, so moving the Batch to another thread is sound.
unsafe impl Send for Batch {}

impl Default for Batch {
    fn default() -> Self {
        Batch {
            bufs: vec![vec![0u8; QUERY_MAX]; BATCH],
            got: Vec::with_capacity(BATCH),
            recv: MultiHeaders::preallocate(BATCH, None),
            send: MultiHeaders::preallocate(BATCH, None),
        }
    }
}

impl Batch {
    /// Takes the datagrams waiting on `fd` without blocking (`WouldBlock` when none
    /// is); returns how many.
    pub fn recv(&mut self, fd: &impl AsRawFd) -> io::Result<usize> {
        self.got.clear();
        let got = &mut self.got;
        let mut slices: Vec<[IoSliceMut; 1]> =
            self.bufs.iter_mut().map(|b| [IoSliceMut::new(b)]).collect();
        let msgs = recvmmsg(
            fd.as_raw_fd(),
            &mut self.recv,
            slices.iter_mut(),
            MsgFlags::MSG_DONTWAIT,
            None,
        )
        .map_err(io::Error::from)?;
        for m in msgs {
            // Only IPv4 peers reach 127.0.0.11; anything else has no address to answer.
            if let Some(peer) = m.address {
                let truncated = m.flags.contains(MsgFlags::MSG_TRUNC);
                got.push((
                    if truncated { 0 } else { m.bytes },
                    SocketAddrV4::from(peer),
                ));
            }
        }
        Ok(self.got.len())
    }

    /// Datagram `i` of the last batch and its sender (empty when it was cut).
    pub fn get(&self, i: usize) -> (&[u8], SocketAddr) {
        let (n, peer) = self.got[i];
        (&self.bufs[i][..n], SocketAddr::V4(peer))
    }

    /// Sends `replies` in one call, without blocking; returns how many went (the
    /// first ones), or `WouldBlock` when the socket's buffer is full.
    pub fn send(&mut self, fd: RawFd, replies: &[(Vec<u8>, SocketAddr)]) -> io::Result<usize> {
        let addrs: Vec<Option<SockaddrIn>> = replies
            .iter()
            .map(|(_, peer)| match peer {
                SocketAddr::V4(v4) => Some(SockaddrIn::from(*v4)),
                SocketAddr::V6(_) => None,
            })
            .collect();
        let slices: Vec<[IoSlice; 1]> = replies.iter().map(|(a, _)| [IoSlice::new(a)]).collect();
        let sent = sendmmsg(
            fd,
            &mut self.send,
            slices.iter(),
            addrs,
            [],
            MsgFlags::MSG_DONTWAIT,
        )
        .map_err(io::Error::from)?;
        Ok(sent.count())
    }
}

#[cfg(test)]
mod tests {
    use std::net::UdpSocket;

    use super::*;

    #[test]
    fn takes_and_answers_a_batch_in_one_call_each() {
        let server = UdpSocket::bind("127.0.0.1:0").unwrap();
        let clients: Vec<UdpSocket> = (0..5)
            .map(|_| UdpSocket::bind("127.0.0.1:0").unwrap())
            .collect();
        let mut batch = Batch::default();
        assert_eq!(
            batch.recv(&server).unwrap_err().kind(),
            io::ErrorKind::WouldBlock
        );
        for (i, c) in clients.iter().enumerate() {
            c.send_to(&[i as u8; 3], server.local_addr().unwrap())
                .unwrap();
        }
        assert_eq!(batch.recv(&server).unwrap(), 5);
        let replies: Vec<(Vec<u8>, SocketAddr)> = (0..5)
            .map(|i| {
                let (packet, peer) = batch.get(i);
                (packet.iter().map(|b| b + 100).collect(), peer)
            })
            .collect();
        assert_eq!(batch.send(server.as_raw_fd(), &replies).unwrap(), 5);
        for (i, c) in clients.iter().enumerate() {
            let mut buf = [0u8; 16];
            let (n, from) = c.recv_from(&mut buf).unwrap();
            assert_eq!(&buf[..n], &[i as u8 + 100; 3]);
            assert_eq!(from, server.local_addr().unwrap());
        }
    }

    #[test]
    fn a_datagram_larger_than_a_query_comes_back_empty() {
        let server = UdpSocket::bind("127.0.0.1:0").unwrap();
        let c = UdpSocket::bind("127.0.0.1:0").unwrap();
        c.send_to(&vec![7u8; QUERY_MAX + 100], server.local_addr().unwrap())
            .unwrap();
        c.send_to(&[1, 2], server.local_addr().unwrap()).unwrap();
        let mut batch = Batch::default();
        assert_eq!(batch.recv(&server).unwrap(), 2);
        assert_eq!(batch.get(0).0, &[] as &[u8]);
        assert_eq!(batch.get(1).0, &[1, 2]);
    }
}
