//! The sealed envelope of every gossip datagram: XChaCha20-Poly1305 under the cluster's
//! gossip key, with a timestamp and a random nonce so that a recorded datagram cannot be
//! played back. Pure (the time is an argument), so every way a datagram can be wrong is
//! a unit test, and the opener is what the fuzz target drives.
//!
//! ```text
//! 0       1            5                 13               37            len-16   len
//! | ver=1 | key id u32 | sent at, ms u64 | nonce (24 bytes) | ciphertext | tag (16) |
//!  \________ authenticated data _______/
//! ```
//!
//! The key id picks the key (the current one or the previous one, kept during a
//! rotation); the nonce is random (192 bits, so never reused by chance) and is also
//! what the replay window remembers. A datagram is authenticated before its time or
//! nonce are looked at, so nobody without the key can fill the window or move the
//! counters other than `auth_failed`, `unknown_key` and `malformed`.

use std::{collections::BTreeSet, fmt, time::Duration};

use chacha20poly1305::{AeadInPlace, KeyInit, Tag, XChaCha20Poly1305, XNonce};

pub const VERSION: u8 = 1;
/// Version, key id and timestamp: authenticated, not encrypted.
const AAD_LEN: usize = 1 + 4 + 8;
const NONCE_LEN: usize = 24;
const HEADER_LEN: usize = AAD_LEN + NONCE_LEN;
const TAG_LEN: usize = 16;
/// Bytes a sealed datagram adds to its plaintext.
pub const OVERHEAD: usize = HEADER_LEN + TAG_LEN;
/// A datagram sent longer ago than this (by the sender's clock) is refused, and so is
/// one from further in the future: nodes' clocks must agree to within this.
pub const MAX_AGE: Duration = Duration::from_secs(60);
/// Nonces remembered at most. Past this, the oldest are forgotten and datagrams no
/// newer than them are refused as stale, so a replay is never accepted.
pub const REPLAY_WINDOW: usize = 32_768;

/// A 32-byte cluster gossip key and the id that names it on the wire.
#[derive(Clone, PartialEq, Eq)]
pub struct GossipKey {
    pub id: u32,
    key: [u8; 32],
}

impl GossipKey {
    pub fn new(id: u32, key: [u8; 32]) -> Self {
        GossipKey { id, key }
    }

    /// A key from its 64 hex digits, as managers hand it out.
    pub fn from_hex(id: u32, hex_key: &str) -> Result<Self, InvalidKey> {
        let bytes = hex::decode(hex_key).map_err(|_| InvalidKey(id))?;
        let key: [u8; 32] = bytes.try_into().map_err(|_| InvalidKey(id))?;
        Ok(GossipKey { id, key })
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new((&self.key).into())
    }
}

impl fmt::Debug for GossipKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "GossipKey({:08x}, <redacted>)", self.id)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("gossip key {0:08x} is not 64 hex digits")]
pub struct InvalidKey(pub u32);

/// The keys a node seals with (`current`) and opens with (`current`, then `previous`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keyring {
    pub current: GossipKey,
    pub previous: Option<GossipKey>,
}

impl Keyring {
    pub fn new(current: GossipKey) -> Self {
        Keyring {
            current,
            previous: None,
        }
    }

    /// The keys to use while a rotation reaches every node, going from sealing with
    /// `sealing` to `wanted`: seal with the old key a little longer and open with both,
    /// so no node gets a datagram under a key it has not received yet. `None` when
    /// `wanted` applies at once (no rotation, or the old key is no longer accepted).
    pub fn staged(sealing: &GossipKey, wanted: &Keyring) -> Option<Keyring> {
        (wanted.current.id != sealing.id && wanted.previous.as_ref() == Some(sealing)).then(|| {
            Keyring {
                current: sealing.clone(),
                previous: Some(wanted.current.clone()),
            }
        })
    }

    /// Ids of the keys that open datagrams, current first.
    pub fn ids(&self) -> Vec<u32> {
        std::iter::once(&self.current)
            .chain(self.previous.as_ref())
            .map(|k| k.id)
            .collect()
    }

    fn get(&self, id: u32) -> Option<&GossipKey> {
        std::iter::once(&self.current)
            .chain(self.previous.as_ref())
            .find(|k| k.id == id)
    }
}

/// Why a datagram was dropped. Each is counted separately in the gossip stats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Rejected {
    #[error("not a gossip datagram (too short, or unknown version)")]
    Malformed,
    #[error("sealed with a key this node does not have")]
    UnknownKey,
    #[error("does not authenticate (wrong key, or altered)")]
    AuthFailed,
    #[error("sent more than a minute away from this node's clock")]
    Stale,
    #[error("already received (replayed)")]
    Replayed,
}

/// Seals `plaintext` under the current key, as sent at `now_ms` (ms since the epoch).
pub fn seal(keys: &Keyring, plaintext: &[u8], now_ms: u64, nonce: [u8; NONCE_LEN]) -> Vec<u8> {
    let key = &keys.current;
    let mut out = Vec::with_capacity(plaintext.len() + OVERHEAD);
    out.push(VERSION);
    out.extend_from_slice(&key.id.to_be_bytes());
    out.extend_from_slice(&now_ms.to_be_bytes());
    out.extend_from_slice(&nonce);
    out.extend_from_slice(plaintext);
    let (header, body) = out.split_at_mut(HEADER_LEN);
    let aad = &header[..AAD_LEN];
    match key
        .cipher()
        .encrypt_in_place_detached(XNonce::from_slice(&nonce), aad, body)
    {
        Ok(tag) => out.extend_from_slice(&tag),
        // Only for plaintexts of 256 GiB or more: a datagram is at most 64 KiB.
        Err(_) => out.truncate(0),
    }
    out
}

/// Opens datagrams and remembers their nonces: one per socket.
#[derive(Debug, Default)]
pub struct Opener {
    /// (sent at, nonce) of every datagram accepted within `MAX_AGE`.
    seen: BTreeSet<(u64, [u8; NONCE_LEN])>,
    /// Datagrams sent at or before this were forgotten early (window full): refused.
    floor_ms: u64,
}

impl Opener {
    pub fn new() -> Self {
        Self::default()
    }

    /// The plaintext of `datagram`, or why it must be dropped. Never panics.
    pub fn open(
        &mut self,
        keys: &Keyring,
        datagram: &[u8],
        now_ms: u64,
    ) -> Result<Vec<u8>, Rejected> {
        if datagram.len() < OVERHEAD || datagram[0] != VERSION {
            return Err(Rejected::Malformed);
        }
        let (header, rest) = datagram.split_at(HEADER_LEN);
        let (ciphertext, tag) = rest.split_at(rest.len() - TAG_LEN);
        let id = u32::from_be_bytes([header[1], header[2], header[3], header[4]]);
        let mut sent_at = [0u8; 8];
        sent_at.copy_from_slice(&header[5..AAD_LEN]);
        let sent_at = u64::from_be_bytes(sent_at);
        let mut nonce = [0u8; NONCE_LEN];
        nonce.copy_from_slice(&header[AAD_LEN..]);
        let key = keys.get(id).ok_or(Rejected::UnknownKey)?;
        let mut plaintext = ciphertext.to_vec();
        key.cipher()
            .decrypt_in_place_detached(
                XNonce::from_slice(&nonce),
                &header[..AAD_LEN],
                &mut plaintext,
                Tag::from_slice(tag),
            )
            .map_err(|_| Rejected::AuthFailed)?;
        self.admit(sent_at, nonce, now_ms)?;
        Ok(plaintext)
    }

    /// Checks an authentic datagram's time and nonce, and remembers the nonce.
    fn admit(&mut self, sent_at: u64, nonce: [u8; NONCE_LEN], now_ms: u64) -> Result<(), Rejected> {
        let max_age = MAX_AGE.as_millis() as u64;
        while let Some(&(t, _)) = self.seen.first() {
            if t.saturating_add(max_age) >= now_ms {
                break;
            }
            self.seen.pop_first();
        }
        if sent_at.saturating_add(max_age) < now_ms
            || sent_at > now_ms.saturating_add(max_age)
            || sent_at <= self.floor_ms
        {
            return Err(Rejected::Stale);
        }
        if !self.seen.insert((sent_at, nonce)) {
            return Err(Rejected::Replayed);
        }
        if self.seen.len() > REPLAY_WINDOW
            && let Some((t, _)) = self.seen.pop_first()
        {
            self.floor_ms = self.floor_ms.max(t);
        }
        Ok(())
    }

    /// Nonces remembered now.
    pub fn remembered(&self) -> usize {
        self.seen.len()
    }
}

#[cfg(test)]
mod tests {
    use rand::{Rng, SeedableRng, rngs::StdRng};

    use super::*;

    const NOW: u64 = 1_767_225_600_000;

    fn key(id: u32, byte: u8) -> GossipKey {
        GossipKey::new(id, [byte; 32])
    }

    fn ring(current: GossipKey, previous: Option<GossipKey>) -> Keyring {
        Keyring { current, previous }
    }

    fn sealed(keys: &Keyring, text: &[u8], at: u64, n: u8) -> Vec<u8> {
        seal(keys, text, at, [n; NONCE_LEN])
    }

    #[test]
    fn round_trip_and_layout() {
        let keys = Keyring::new(key(7, 1));
        let d = sealed(&keys, b"hello", NOW, 9);
        assert_eq!(d.len(), 5 + OVERHEAD);
        assert_eq!(d[0], VERSION);
        assert_eq!(&d[1..5], &7u32.to_be_bytes());
        assert!(
            !d.windows(5).any(|w| w == b"hello"),
            "the payload is encrypted"
        );
        let mut o = Opener::new();
        assert_eq!(o.open(&keys, &d, NOW + 5).unwrap(), b"hello");
        let empty = sealed(&keys, b"", NOW, 10);
        assert_eq!(o.open(&keys, &empty, NOW).unwrap(), b"");
    }

    #[test]
    fn another_key_is_refused() {
        let mine = Keyring::new(key(7, 1));
        let same_id_other_bytes = Keyring::new(key(7, 2));
        let other_id = Keyring::new(key(8, 1));
        let mut o = Opener::new();
        let d = sealed(&same_id_other_bytes, b"x", NOW, 1);
        assert_eq!(o.open(&mine, &d, NOW), Err(Rejected::AuthFailed));
        let d = sealed(&other_id, b"x", NOW, 2);
        assert_eq!(o.open(&mine, &d, NOW), Err(Rejected::UnknownKey));
        assert_eq!(o.remembered(), 0, "nothing unauthenticated is remembered");
    }

    #[test]
    fn truncated_at_every_length_is_refused() {
        let keys = Keyring::new(key(7, 1));
        let d = sealed(&keys, b"some gossip payload", NOW, 1);
        let mut o = Opener::new();
        for len in 0..d.len() {
            let r = o.open(&keys, &d[..len], NOW);
            let want = if len < OVERHEAD {
                Rejected::Malformed
            } else {
                Rejected::AuthFailed
            };
            assert_eq!(r, Err(want), "truncated to {len} bytes");
        }
        assert!(o.open(&keys, &d, NOW).is_ok());
    }

    #[test]
    fn every_bit_flip_is_refused() {
        let keys = Keyring::new(key(7, 1));
        let d = sealed(&keys, b"payload", NOW, 1);
        let mut o = Opener::new();
        for bit in 0..d.len() * 8 {
            let mut bad = d.clone();
            bad[bit / 8] ^= 1 << (bit % 8);
            let r = o.open(&keys, &bad, NOW);
            let want = match bit / 8 {
                0 => Rejected::Malformed,
                1..=4 => Rejected::UnknownKey,
                _ => Rejected::AuthFailed,
            };
            assert_eq!(r, Err(want), "bit {bit} flipped");
        }
    }

    #[test]
    fn replays_and_old_or_future_datagrams_are_refused() {
        let keys = Keyring::new(key(7, 1));
        let mut o = Opener::new();
        let d = sealed(&keys, b"x", NOW, 1);
        assert!(o.open(&keys, &d, NOW).is_ok());
        assert_eq!(o.open(&keys, &d, NOW + 1), Err(Rejected::Replayed));
        // Once it is too old to be remembered, it is too old to be accepted.
        assert_eq!(o.open(&keys, &d, NOW + 60_001), Err(Rejected::Stale));
        assert_eq!(o.remembered(), 0, "the window forgets what expired");
        let old = sealed(&keys, b"x", NOW - 61_000, 2);
        assert_eq!(o.open(&keys, &old, NOW), Err(Rejected::Stale));
        let future = sealed(&keys, b"x", NOW + 61_000, 3);
        assert_eq!(o.open(&keys, &future, NOW), Err(Rejected::Stale));
        let skewed = sealed(&keys, b"x", NOW + 59_000, 4);
        assert!(o.open(&keys, &skewed, NOW).is_ok());
    }

    #[test]
    fn a_full_window_refuses_what_it_forgot() {
        let keys = Keyring::new(key(7, 1));
        let mut o = Opener::new();
        let mut rng = StdRng::seed_from_u64(1);
        let first = seal(&keys, b"x", NOW, rng.r#gen());
        assert!(o.open(&keys, &first, NOW).is_ok());
        for i in 0..REPLAY_WINDOW as u64 {
            let d = seal(&keys, b"x", NOW + 1 + i / 1000, rng.r#gen());
            assert!(o.open(&keys, &d, NOW + 40).is_ok());
        }
        assert_eq!(o.remembered(), REPLAY_WINDOW);
        assert_eq!(o.open(&keys, &first, NOW + 40), Err(Rejected::Stale));
    }

    #[test]
    fn rotation_keeps_the_previous_key_until_the_next() {
        let (k1, k2, k3) = (key(1, 1), key(2, 2), key(3, 3));
        let before = Keyring::new(k1.clone());
        let during = ring(k2.clone(), Some(k1.clone()));
        let after = ring(k3.clone(), Some(k2.clone()));
        let mut o = Opener::new();
        let old = sealed(&before, b"old", NOW, 1);
        let new = sealed(&during, b"new", NOW, 2);
        assert_eq!(
            &new[1..5],
            &2u32.to_be_bytes(),
            "sealed with the current key"
        );
        assert_eq!(o.open(&during, &old, NOW).unwrap(), b"old");
        assert_eq!(o.open(&during, &new, NOW).unwrap(), b"new");
        let old2 = sealed(&before, b"old", NOW, 3);
        assert_eq!(o.open(&after, &old2, NOW), Err(Rejected::UnknownKey));
        let mid = sealed(&during, b"mid", NOW, 4);
        assert_eq!(o.open(&after, &mid, NOW).unwrap(), b"mid");
    }

    #[test]
    fn a_rotation_seals_with_the_old_key_until_the_switch() {
        let (k1, k2, k3) = (key(1, 1), key(2, 2), key(3, 3));
        let wanted = ring(k2.clone(), Some(k1.clone()));
        assert_eq!(
            Keyring::staged(&k1, &wanted),
            Some(ring(k1.clone(), Some(k2.clone())))
        );
        assert_eq!(Keyring::staged(&k2, &wanted), None, "already switched");
        let twice = ring(k3.clone(), Some(k2.clone()));
        assert_eq!(
            Keyring::staged(&k1, &twice),
            None,
            "k1 is retired: switch at once"
        );
        assert_eq!(Keyring::staged(&k1, &Keyring::new(k3)), None);
        assert_eq!(wanted.ids(), [2, 1]);
    }

    #[test]
    fn keys_from_hex() {
        let k = GossipKey::from_hex(5, &"ab".repeat(32)).unwrap();
        assert_eq!(k, GossipKey::new(5, [0xab; 32]));
        assert_eq!(GossipKey::from_hex(5, "abcd"), Err(InvalidKey(5)));
        assert_eq!(GossipKey::from_hex(5, &"zz".repeat(32)), Err(InvalidKey(5)));
        assert!(!format!("{k:?}").contains("ab"), "Debug hides the key");
    }

    /// The unit-test stand-in for the fuzz target (CI has no nightly): thousands of
    /// random datagrams and mutations of real ones. None may panic, and none may open
    /// except an unmodified original.
    #[test]
    fn random_and_mutated_datagrams_never_open() {
        let keys = ring(key(2, 2), Some(key(1, 1)));
        let mut rng = StdRng::seed_from_u64(0x5eed);
        let mut o = Opener::new();
        for i in 0..4_000 {
            let len = rng.gen_range(0..200);
            let mut d: Vec<u8> = (0..len).map(|_| rng.r#gen()).collect();
            if i % 2 == 0 && !d.is_empty() {
                d[0] = VERSION;
            }
            if i % 4 == 0 && d.len() > 5 {
                d[1..5].copy_from_slice(&2u32.to_be_bytes());
            }
            assert!(
                o.open(&keys, &d, NOW).is_err(),
                "random datagram {i} opened"
            );
        }
        for i in 0..4_000u32 {
            let text: Vec<u8> = (0..rng.gen_range(0..100)).map(|_| rng.r#gen()).collect();
            let real = seal(&keys, &text, NOW, rng.r#gen());
            let mut d = real.clone();
            match i % 4 {
                0 => d.truncate(rng.gen_range(0..real.len())),
                1 => {
                    let at = rng.gen_range(0..d.len());
                    d[at] ^= rng.gen_range(1..=255u8);
                }
                2 => d.extend((0..rng.gen_range(1..8)).map(|_| rng.r#gen::<u8>())),
                _ => {
                    let at = rng.gen_range(0..d.len());
                    d.insert(at, rng.r#gen());
                }
            }
            assert!(o.open(&keys, &d, NOW).is_err(), "mutation {i} opened");
            assert_eq!(o.open(&keys, &real, NOW).unwrap(), text);
            assert_eq!(o.open(&keys, &real, NOW), Err(Rejected::Replayed));
        }
    }
}
