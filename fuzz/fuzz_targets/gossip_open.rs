//! The gossip receive path before chitchat: reassembly and opening of sealed datagrams.
//! Nothing may panic, nothing unauthentic may open, and an authentic datagram opens
//! once (then it is a replay, or stale).
//!
//! The first byte picks what the rest is: 0, datagrams as received (two-byte length
//! prefixes, so fragments can meet); 1, a plaintext that is sealed with a fuzzed
//! time and nonce and then opened twice.
#![no_main]

use std::{net::SocketAddr, time::Instant};

use libfuzzer_sys::fuzz_target;
use shoal::agent::gossip::{
    frag::{Pushed, Reassembler},
    seal::{self, GossipKey, Keyring, Opener, Rejected},
};

const NOW: u64 = 1_767_225_600_000;

fn keys() -> Keyring {
    Keyring {
        current: GossipKey::new(2, [2; 32]),
        previous: Some(GossipKey::new(1, [1; 32])),
    }
}

fn received(mut data: &[u8]) {
    let keys = keys();
    let mut opener = Opener::new();
    let mut frags = Reassembler::new();
    let from: SocketAddr = ([192, 0, 2, 2], 7946).into();
    let now = Instant::now();
    while data.len() >= 2 {
        let len = (usize::from(data[0]) << 8 | usize::from(data[1])).min(data.len() - 2);
        let datagram = &data[2..2 + len];
        data = &data[2 + len..];
        let sealed = if datagram.first() == Some(&shoal::agent::gossip::frag::FRAGMENT) {
            match frags.push(from, datagram, now) {
                Ok(Pushed::Complete(whole)) => whole,
                _ => continue,
            }
        } else {
            datagram.to_vec()
        };
        // Without the key nothing can be forged: the fuzzer never finds a valid tag.
        assert!(opener.open(&keys, &sealed, NOW).is_err());
    }
}

fn sealed_then_opened(data: &[u8]) {
    if data.len() < 26 {
        return;
    }
    // Up to ±55 minutes away, in steps of 100 ms.
    let offset = i64::from(i16::from_be_bytes([data[0], data[1]])) * 100;
    let mut nonce = [0u8; 24];
    nonce.copy_from_slice(&data[2..26]);
    let text = &data[26..];
    let keys = keys();
    let sent_at = NOW.saturating_add_signed(offset);
    let d = seal::seal(&keys, text, sent_at, nonce);
    let mut opener = Opener::new();
    match opener.open(&keys, &d, NOW) {
        Ok(plain) => {
            assert_eq!(plain, text);
            assert_eq!(opener.open(&keys, &d, NOW), Err(Rejected::Replayed));
        }
        Err(e) => assert_eq!(e, Rejected::Stale),
    }
}

fuzz_target!(|data: &[u8]| {
    match data.split_first() {
        Some((0, rest)) => received(rest),
        Some((1, rest)) => sealed_then_opened(rest),
        _ => {}
    }
});
