//! The DNS query path: whatever a task sends to 127.0.0.11, the answer is a decision
//! (an answer, forward, or drop), never a panic; an answer fits its transport, and a
//! packet that would be forwarded can still get a SERVFAIL.
//!
//! The first byte picks the transport: even, UDP (512 bytes, or the client's EDNS
//! size); odd, TCP (65535).
#![no_main]

use libfuzzer_sys::fuzz_target;
use shoal::agent::dns::{
    query::{self, Reply, UDP_MAX},
    records::Table,
};

fuzz_target!(|data: &[u8]| {
    let Some((mode, packet)) = data.split_first() else {
        return;
    };
    let max = if mode % 2 == 0 { UDP_MAX } else { usize::from(u16::MAX) };
    let table = Table::default();
    match query::answer(&table, "task", packet, max) {
        Reply::Answer(a) => assert!(a.len() <= max),
        Reply::Forward => {
            let _ = query::servfail(packet);
        }
        Reply::Drop => {}
    }
});
