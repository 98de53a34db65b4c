//! chitchat's transport, sealed: a UDP socket that seals every message chitchat sends
//! (`seal`, and `frag` for the rare one too big for one datagram) and hands chitchat
//! only what opens under the cluster's keys. Everything else is dropped and counted by
//! reason; chitchat never parses it.

use std::{
    net::SocketAddr,
    sync::{
        Arc, RwLock,
        atomic::{AtomicU64, Ordering::Relaxed},
    },
    time::{Instant, SystemTime, UNIX_EPOCH},
};

use anyhow::Context as _;
use async_trait::async_trait;
use chitchat::{
    ChitchatMessage, Deserializable, Serializable,
    transport::{Socket, Transport},
};
use rand::Rng;

use super::{
    frag::{self, Pushed, Reassembler},
    seal::{self, Keyring, Opener, Rejected},
};
use crate::api::types::{GossipDrops, GossipStats};

/// What the socket has seen since it opened.
#[derive(Debug, Default)]
pub struct Counters {
    messages_in: AtomicU64,
    messages_out: AtomicU64,
    bytes_in: AtomicU64,
    bytes_out: AtomicU64,
    malformed: AtomicU64,
    unknown_key: AtomicU64,
    auth_failed: AtomicU64,
    stale: AtomicU64,
    replayed: AtomicU64,
    undecodable: AtomicU64,
    fragments: AtomicU64,
    send_errors: AtomicU64,
}

impl Counters {
    fn rejected(&self, r: Rejected) {
        let c = match r {
            Rejected::Malformed => &self.malformed,
            Rejected::UnknownKey => &self.unknown_key,
            Rejected::AuthFailed => &self.auth_failed,
            Rejected::Stale => &self.stale,
            Rejected::Replayed => &self.replayed,
        };
        c.fetch_add(1, Relaxed);
    }

    /// The counters as the agent's API shows them (`addr`, key and peers left blank).
    pub fn snapshot(&self) -> GossipStats {
        let get = |c: &AtomicU64| c.load(Relaxed);
        GossipStats {
            messages_in: get(&self.messages_in),
            messages_out: get(&self.messages_out),
            bytes_in: get(&self.bytes_in),
            bytes_out: get(&self.bytes_out),
            send_errors: get(&self.send_errors),
            dropped: GossipDrops {
                malformed: get(&self.malformed),
                unknown_key: get(&self.unknown_key),
                auth_failed: get(&self.auth_failed),
                stale: get(&self.stale),
                replayed: get(&self.replayed),
                undecodable: get(&self.undecodable),
                fragments: get(&self.fragments),
            },
            ..GossipStats::default()
        }
    }
}

/// Opens sealed sockets that share one keyring (replaced on rotation) and one set of
/// counters.
pub struct SealedTransport {
    pub keys: Arc<RwLock<Keyring>>,
    pub counters: Arc<Counters>,
}

#[async_trait]
impl Transport for SealedTransport {
    async fn open(&self, listen_addr: SocketAddr) -> anyhow::Result<Box<dyn Socket>> {
        let socket = tokio::net::UdpSocket::bind(listen_addr)
            .await
            .with_context(|| format!("cannot listen for gossip on {listen_addr}/udp"))?;
        Ok(Box::new(SealedSocket {
            socket,
            keys: self.keys.clone(),
            counters: self.counters.clone(),
            opener: Opener::new(),
            fragments: Reassembler::new(),
            buf: vec![0; frag::MAX_DATAGRAM + 1].into_boxed_slice(),
        }))
    }
}

struct SealedSocket {
    socket: tokio::net::UdpSocket,
    keys: Arc<RwLock<Keyring>>,
    counters: Arc<Counters>,
    opener: Opener,
    fragments: Reassembler,
    buf: Box<[u8]>,
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

impl SealedSocket {
    fn keys(&self) -> Keyring {
        super::read_keys(&self.keys)
    }

    /// The message in one datagram, if it opens and parses.
    fn take(&mut self, from: SocketAddr, len: usize) -> Option<ChitchatMessage> {
        let c = &self.counters;
        c.bytes_in.fetch_add(len as u64, Relaxed);
        let datagram = &self.buf[..len];
        let sealed = if datagram.first() == Some(&frag::FRAGMENT) {
            match self.fragments.push(from, datagram, Instant::now()) {
                Ok(Pushed::Complete(whole)) => whole,
                Ok(Pushed::Waiting { expired }) => {
                    c.fragments.fetch_add(expired as u64, Relaxed);
                    return None;
                }
                Err(r) => {
                    c.rejected(r);
                    return None;
                }
            }
        } else {
            datagram.to_vec()
        };
        let keys = self.keys();
        let plain = match self.opener.open(&keys, &sealed, now_ms()) {
            Ok(p) => p,
            Err(r) => {
                c.rejected(r);
                tracing::debug!(%from, len, reason = %r, "gossip datagram dropped");
                return None;
            }
        };
        match ChitchatMessage::deserialize(&mut plain.as_slice()) {
            Ok(msg) => {
                c.messages_in.fetch_add(1, Relaxed);
                Some(msg)
            }
            Err(e) => {
                // Authentic, so from a node with the key: a bug or another version.
                c.undecodable.fetch_add(1, Relaxed);
                tracing::warn!(%from, %e, "an authentic gossip message does not parse");
                None
            }
        }
    }
}

#[async_trait]
impl Socket for SealedSocket {
    /// Send errors (an unreachable peer) are counted, not returned: chitchat would log
    /// each one, every round, for as long as the peer is away.
    async fn send(&mut self, to: SocketAddr, msg: ChitchatMessage) -> anyhow::Result<()> {
        let plain = msg.serialize_to_vec();
        let (nonce, message_id) = {
            let mut rng = rand::thread_rng();
            (rng.r#gen(), rng.r#gen())
        };
        let sealed = seal::seal(&self.keys(), &plain, now_ms(), nonce);
        let Some(datagrams) = frag::split(sealed, message_id) else {
            self.counters.send_errors.fetch_add(1, Relaxed);
            tracing::warn!(%to, len = plain.len(), "gossip message too big to send");
            return Ok(());
        };
        for d in datagrams {
            match self.socket.send_to(&d, to).await {
                Ok(n) => {
                    self.counters.bytes_out.fetch_add(n as u64, Relaxed);
                }
                Err(e) => {
                    self.counters.send_errors.fetch_add(1, Relaxed);
                    tracing::debug!(%to, %e, "cannot send gossip");
                    return Ok(());
                }
            }
        }
        self.counters.messages_out.fetch_add(1, Relaxed);
        Ok(())
    }

    /// Cancel-safe: nothing is held across the await but the socket.
    async fn recv(&mut self) -> anyhow::Result<(SocketAddr, ChitchatMessage)> {
        loop {
            let (len, from) = match self.socket.recv_from(&mut self.buf).await {
                Ok(r) => r,
                Err(e) if is_transient(&e) => {
                    tracing::debug!(%e, "transient gossip receive error");
                    continue;
                }
                Err(e) => return Err(e).context("gossip socket failed"),
            };
            if len > frag::MAX_DATAGRAM {
                self.counters.rejected(Rejected::Malformed);
                continue;
            }
            if let Some(msg) = self.take(from, len) {
                return Ok((from, msg));
            }
        }
    }
}

/// Errors a UDP socket reports about earlier sends (ICMP), or memory pressure.
fn is_transient(e: &std::io::Error) -> bool {
    use std::io::ErrorKind::*;
    matches!(
        e.kind(),
        ConnectionRefused | ConnectionReset | HostUnreachable | NetworkUnreachable | OutOfMemory
    ) || e.raw_os_error() == Some(nix::libc::ENOBUFS)
}
