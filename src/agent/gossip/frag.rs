//! Splitting a sealed datagram that is too big for UDP, and putting it back together.
//! chitchat fills a message up to the largest UDP payload (65,507 bytes); sealing adds
//! `seal::OVERHEAD`, so the rare full message goes out as two fragments. Fragments
//! carry no secret and are not authenticated themselves: the reassembled datagram is
//! opened (and checked for replay) like any other, and a forged fragment can only
//! spoil one message. Pure: the time is an argument.
//!
//! ```text
//! | ver=2 | message id u64 | index u8 | count u8 | chunk |
//! ```

use std::{
    net::SocketAddr,
    time::{Duration, Instant},
};

use super::seal::Rejected;

pub const FRAGMENT: u8 = 2;
const HEADER_LEN: usize = 1 + 8 + 1 + 1;
/// The largest UDP payload over IPv4.
pub const MAX_DATAGRAM: usize = 65_507;
pub const MAX_FRAGMENTS: usize = 4;
/// Messages being reassembled at once; the oldest goes first.
const MAX_PENDING: usize = 16;
/// A message whose fragments have not all come by then is dropped.
pub const REASSEMBLY_TIMEOUT: Duration = Duration::from_secs(2);

/// `sealed` as the datagrams to send: itself when it fits, or fragments of it.
pub fn split(sealed: Vec<u8>, message_id: u64) -> Option<Vec<Vec<u8>>> {
    if sealed.len() <= MAX_DATAGRAM {
        return Some(vec![sealed]);
    }
    let room = MAX_DATAGRAM - HEADER_LEN;
    let count = sealed.len().div_ceil(room);
    if count > MAX_FRAGMENTS {
        return None;
    }
    let chunk = sealed.len().div_ceil(count);
    let frags = sealed
        .chunks(chunk)
        .enumerate()
        .map(|(i, part)| {
            let mut d = Vec::with_capacity(HEADER_LEN + part.len());
            d.push(FRAGMENT);
            d.extend_from_slice(&message_id.to_be_bytes());
            d.push(i as u8);
            d.push(count as u8);
            d.extend_from_slice(part);
            d
        })
        .collect();
    Some(frags)
}

struct Partial {
    from: SocketAddr,
    id: u64,
    started: Instant,
    parts: Vec<Option<Vec<u8>>>,
}

/// Fragments waiting for the rest of their message.
#[derive(Default)]
pub struct Reassembler {
    pending: Vec<Partial>,
}

/// What became of a fragment.
#[derive(Debug, PartialEq, Eq)]
pub enum Pushed {
    /// The message is complete: the sealed datagram.
    Complete(Vec<u8>),
    /// Kept until the rest comes; `expired` incomplete messages were given up meanwhile.
    Waiting { expired: usize },
}

impl Reassembler {
    pub fn new() -> Self {
        Self::default()
    }

    /// Takes one fragment (a datagram starting with `FRAGMENT`) from `from`.
    pub fn push(
        &mut self,
        from: SocketAddr,
        datagram: &[u8],
        now: Instant,
    ) -> Result<Pushed, Rejected> {
        if datagram.len() <= HEADER_LEN || datagram[0] != FRAGMENT {
            return Err(Rejected::Malformed);
        }
        let mut id = [0u8; 8];
        id.copy_from_slice(&datagram[1..9]);
        let id = u64::from_be_bytes(id);
        let (index, count) = (datagram[9] as usize, datagram[10] as usize);
        if !(2..=MAX_FRAGMENTS).contains(&count) || index >= count {
            return Err(Rejected::Malformed);
        }
        let before = self.pending.len();
        self.pending
            .retain(|p| now.duration_since(p.started) < REASSEMBLY_TIMEOUT);
        let mut expired = before - self.pending.len();
        let pos = match self
            .pending
            .iter()
            .position(|p| p.from == from && p.id == id)
        {
            Some(pos) if self.pending[pos].parts.len() != count => {
                self.pending.remove(pos);
                return Err(Rejected::Malformed);
            }
            Some(pos) => pos,
            None => {
                if self.pending.len() >= MAX_PENDING {
                    self.pending.remove(0);
                    expired += 1;
                }
                self.pending.push(Partial {
                    from,
                    id,
                    started: now,
                    parts: vec![None; count],
                });
                self.pending.len() - 1
            }
        };
        self.pending[pos].parts[index] = Some(datagram[HEADER_LEN..].to_vec());
        if self.pending[pos].parts.iter().any(Option::is_none) {
            return Ok(Pushed::Waiting { expired });
        }
        let done = self.pending.remove(pos);
        Ok(Pushed::Complete(
            done.parts.into_iter().flatten().flatten().collect(),
        ))
    }

    pub fn pending(&self) -> usize {
        self.pending.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addr(port: u16) -> SocketAddr {
        ([127, 0, 0, 1], port).into()
    }

    #[test]
    fn small_datagrams_go_whole_and_big_ones_in_fragments() {
        assert_eq!(split(vec![1; 10], 1).unwrap(), vec![vec![1; 10]]);
        assert_eq!(split(vec![1; MAX_DATAGRAM], 1).unwrap().len(), 1);
        let big: Vec<u8> = (0..MAX_DATAGRAM + 53).map(|i| i as u8).collect();
        let frags = split(big.clone(), 42).unwrap();
        assert_eq!(frags.len(), 2);
        assert!(frags.iter().all(|f| f.len() <= MAX_DATAGRAM));
        let mut r = Reassembler::new();
        let now = Instant::now();
        // Out of order, with a duplicate.
        assert_eq!(
            r.push(addr(1), &frags[1], now),
            Ok(Pushed::Waiting { expired: 0 })
        );
        assert_eq!(
            r.push(addr(1), &frags[1], now),
            Ok(Pushed::Waiting { expired: 0 })
        );
        assert_eq!(r.push(addr(1), &frags[0], now), Ok(Pushed::Complete(big)));
        assert_eq!(r.pending(), 0);
        assert!(split(vec![0; MAX_DATAGRAM * MAX_FRAGMENTS], 1).is_none());
    }

    #[test]
    fn fragments_from_another_sender_do_not_mix() {
        let frags = split(vec![7; MAX_DATAGRAM + 100], 5).unwrap();
        let mut r = Reassembler::new();
        let now = Instant::now();
        r.push(addr(1), &frags[0], now).unwrap();
        assert_eq!(
            r.push(addr(2), &frags[1], now),
            Ok(Pushed::Waiting { expired: 0 })
        );
        assert_eq!(r.pending(), 2);
    }

    #[test]
    fn bad_headers_are_malformed() {
        let mut r = Reassembler::new();
        let now = Instant::now();
        let head = |index: u8, count: u8| {
            let mut d = vec![FRAGMENT];
            d.extend_from_slice(&9u64.to_be_bytes());
            d.extend_from_slice(&[index, count, 0xaa]);
            d
        };
        for bad in [
            head(0, 1),
            head(2, 2),
            head(0, 5),
            vec![FRAGMENT; 11],
            vec![],
        ] {
            assert_eq!(r.push(addr(1), &bad, now), Err(Rejected::Malformed));
        }
        r.push(addr(1), &head(0, 2), now).unwrap();
        assert_eq!(
            r.push(addr(1), &head(1, 3), now),
            Err(Rejected::Malformed),
            "a count that changes drops the message"
        );
        assert_eq!(r.pending(), 0);
    }

    #[test]
    fn incomplete_messages_expire_and_are_bounded() {
        let mut r = Reassembler::new();
        let t0 = Instant::now();
        for id in 0..MAX_PENDING as u64 {
            let frags = split(vec![1; MAX_DATAGRAM + 1], id).unwrap();
            r.push(addr(1), &frags[0], t0).unwrap();
        }
        let frags = split(vec![1; MAX_DATAGRAM + 1], 99).unwrap();
        assert_eq!(
            r.push(addr(1), &frags[0], t0),
            Ok(Pushed::Waiting { expired: 1 })
        );
        assert_eq!(r.pending(), MAX_PENDING);
        let later = t0 + REASSEMBLY_TIMEOUT;
        assert_eq!(
            r.push(addr(1), &frags[1], later),
            Ok(Pushed::Waiting {
                expired: MAX_PENDING
            })
        );
        assert_eq!(r.pending(), 1);
    }
}
