//! One query in, one decision out: the answer's bytes, "ask upstream", or nothing.
//! Pure (bytes and the table), so that every malformed packet the fuzzer can think of
//! goes through exactly the code the server runs.

use std::net::Ipv4Addr;

use hickory_proto::{
    op::{Message, MessageType, OpCode, ResponseCode},
    rr::{DNSClass, Name, RData, Record, RecordType, rdata},
};
use rand::seq::SliceRandom;

use super::records::{Lookup, TTL, Table, parse_reverse};

/// A DNS header is 12 bytes.
const HEADER: usize = 12;
/// UDP answers fit in 512 bytes unless the client says more (EDNS).
pub const UDP_MAX: usize = 512;

#[derive(Debug, PartialEq, Eq)]
pub enum Reply {
    Answer(Vec<u8>),
    /// Not a cluster name: the query goes upstream as it is.
    Forward,
    /// Not worth an answer (a response, or too short to have an ID).
    Drop,
}

/// Answers `packet` from task `asker`; `max` is the transport's size limit (UDP: 512 or
/// the client's EDNS size; TCP: 65535).
pub fn answer(table: &Table, asker: &str, packet: &[u8], max: usize) -> Reply {
    if packet.len() < HEADER || packet[2] & 0x80 != 0 {
        return Reply::Drop;
    }
    let id = u16::from_be_bytes([packet[0], packet[1]]);
    let Ok(query) = Message::from_vec(packet) else {
        return error(id, OpCode::Query, ResponseCode::FormErr);
    };
    if query.metadata.op_code != OpCode::Query {
        return error(id, query.metadata.op_code, ResponseCode::NotImp);
    }
    let [q] = query.queries.as_slice() else {
        return error(id, OpCode::Query, ResponseCode::FormErr);
    };
    if q.query_class() != DNSClass::IN {
        return Reply::Forward;
    }
    let name = q.name().to_ascii();
    let mut answers = Vec::new();
    let code = if q.query_type() == RecordType::PTR
        && let Some(ip) = parse_reverse(&name)
    {
        match table.reverse(asker, ip) {
            Some(target) => {
                if let Ok(target) = Name::from_ascii(format!("{target}.")) {
                    answers.push(Record::from_rdata(
                        q.name().clone(),
                        TTL,
                        RData::PTR(rdata::PTR(target)),
                    ));
                }
                ResponseCode::NoError
            }
            None => return Reply::Forward,
        }
    } else {
        match table.lookup(asker, &name) {
            Lookup::Forward => return Reply::Forward,
            Lookup::NxDomain => ResponseCode::NXDomain,
            Lookup::Addrs { mut addrs, shuffle } => {
                if shuffle {
                    addrs.shuffle(&mut rand::thread_rng());
                }
                if matches!(q.query_type(), RecordType::A | RecordType::ANY) {
                    answers.extend(addrs.into_iter().map(|ip| a_record(q.name(), ip)));
                }
                ResponseCode::NoError
            }
        }
    };
    let mut resp = Message::response(id, OpCode::Query);
    resp.metadata.recursion_desired = query.metadata.recursion_desired;
    resp.metadata.recursion_available = true;
    resp.metadata.authoritative = true;
    resp.metadata.response_code = code;
    resp.add_query(q.clone());
    let max = match &query.edns {
        Some(e) => max.min(usize::from(e.max_payload()).max(UDP_MAX)),
        None => max,
    };
    Reply::Answer(encode_within(resp, answers, max))
}

fn a_record(name: &Name, ip: Ipv4Addr) -> Record {
    Record::from_rdata(name.clone(), TTL, RData::A(rdata::A(ip)))
}

/// The response with as many answers as fit in `max` bytes; TC set if some did not.
fn encode_within(mut resp: Message, answers: Vec<Record>, max: usize) -> Vec<u8> {
    let mut n = answers.len();
    loop {
        let mut m = resp.clone();
        m.add_answers(answers.iter().take(n).cloned());
        m.metadata.truncation = n < answers.len();
        match m.to_vec() {
            Ok(bytes) if bytes.len() <= max || n == 0 => return bytes,
            Ok(_) => n -= 1,
            Err(_) => {
                resp.metadata.response_code = ResponseCode::ServFail;
                return resp.to_vec().unwrap_or_default();
            }
        }
    }
}

fn error(id: u16, op: OpCode, code: ResponseCode) -> Reply {
    match Message::error_msg(id, op, code).to_vec() {
        Ok(b) => Reply::Answer(b),
        Err(_) => Reply::Drop,
    }
}

/// SERVFAIL for a query no upstream answered (`packet` parsed before).
pub fn servfail(packet: &[u8]) -> Vec<u8> {
    let id = u16::from_be_bytes([packet[0], packet[1]]);
    let mut resp = Message::error_msg(id, OpCode::Query, ResponseCode::ServFail);
    if let Ok(q) = Message::from_vec(packet) {
        resp.metadata.recursion_desired = q.metadata.recursion_desired;
        resp.metadata.recursion_available = true;
        resp.add_queries(q.queries);
    }
    resp.to_vec().unwrap_or_default()
}

/// Whether `packet` is a response to query `id` (from an upstream).
pub fn is_response_to(packet: &[u8], id: u16) -> bool {
    packet.len() >= HEADER
        && u16::from_be_bytes([packet[0], packet[1]]) == id
        && Message::from_vec(packet).is_ok_and(|m| m.metadata.message_type == MessageType::Response)
}

/// The TC bit of a response.
pub fn truncated(packet: &[u8]) -> bool {
    packet.len() >= HEADER && packet[2] & 0x02 != 0
}

#[cfg(test)]
mod tests {
    use hickory_proto::op::{Edns, Query};
    use rand::{Rng, SeedableRng, rngs::StdRng};

    use super::*;
    use crate::agent::dns::records::fixtures::sample;

    pub fn ask(name: &str, ty: RecordType) -> Vec<u8> {
        let mut m = Message::query();
        m.metadata.recursion_desired = true;
        m.add_query(Query::query(Name::from_ascii(name).unwrap(), ty));
        m.to_vec().unwrap()
    }

    fn parse(r: Reply) -> Message {
        match r {
            Reply::Answer(b) => Message::from_vec(&b).unwrap(),
            other => panic!("no answer: {other:?}"),
        }
    }

    fn a_of(m: &Message) -> Vec<Ipv4Addr> {
        let mut v: Vec<Ipv4Addr> = m
            .answers
            .iter()
            .filter_map(|r| match &r.data {
                RData::A(a) => Some(a.0),
                _ => None,
            })
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_queries_are_answered_with_a_short_ttl() {
        let t = sample();
        let m = parse(answer(&t, "c1", &ask("my-web.", RecordType::A), UDP_MAX));
        assert_eq!(m.metadata.response_code, ResponseCode::NoError);
        assert_eq!(a_of(&m), vec![Ipv4Addr::new(10, 0, 9, 2)]);
        assert_eq!(m.answers[0].ttl, TTL);
        let m = parse(answer(
            &t,
            "c1",
            &ask("tasks.my-web", RecordType::A),
            UDP_MAX,
        ));
        assert_eq!(a_of(&m).len(), 3);
    }

    #[test]
    fn other_types_of_cluster_names_have_no_answer_and_are_not_forwarded() {
        let t = sample();
        for ty in [RecordType::AAAA, RecordType::MX, RecordType::TXT] {
            let m = parse(answer(&t, "c1", &ask("my-web", ty), UDP_MAX));
            assert_eq!(m.metadata.response_code, ResponseCode::NoError, "{ty}");
            assert!(m.answers.is_empty());
        }
        assert_eq!(
            answer(&t, "c1", &ask("example.org", RecordType::AAAA), UDP_MAX),
            Reply::Forward
        );
    }

    #[test]
    fn other_networks_get_nxdomain() {
        let t = sample();
        let m = parse(answer(&t, "o1", &ask("my-web", RecordType::A), UDP_MAX));
        assert_eq!(m.metadata.response_code, ResponseCode::NXDomain);
    }

    #[test]
    fn dnsrr_answers_are_shuffled() {
        let t = sample();
        let mut firsts = std::collections::HashSet::new();
        for _ in 0..200 {
            let m = parse(answer(&t, "c1", &ask("rr", RecordType::A), UDP_MAX));
            assert_eq!(a_of(&m).len(), 2);
            let RData::A(a) = &m.answers[0].data else {
                panic!("not A")
            };
            firsts.insert(a.0);
        }
        assert_eq!(firsts.len(), 2, "both tasks come first sometimes");
    }

    #[test]
    fn ptr_for_tasks_and_vips() {
        let t = sample();
        let m = parse(answer(
            &t,
            "c1",
            &ask("3.9.0.10.in-addr.arpa.", RecordType::PTR),
            UDP_MAX,
        ));
        let RData::PTR(p) = &m.answers[0].data else {
            panic!("not PTR")
        };
        assert_eq!(p.0.to_ascii(), "my-web.1.w1.my-network.");
        assert_eq!(
            answer(
                &t,
                "o1",
                &ask("3.9.0.10.in-addr.arpa.", RecordType::PTR),
                UDP_MAX
            ),
            Reply::Forward,
            "not on the asker's networks"
        );
    }

    #[test]
    fn answers_that_do_not_fit_are_truncated() {
        let t = sample();
        let mut m = Message::query();
        m.add_query(Query::query(
            Name::from_ascii("tasks.my-web").unwrap(),
            RecordType::A,
        ));
        let small = parse(answer(&t, "c1", &m.to_vec().unwrap(), 60));
        assert!(small.metadata.truncation);
        assert!(small.answers.len() < 3);
        m.set_edns(Edns::new());
        assert!(
            !parse(answer(&t, "c1", &m.to_vec().unwrap(), 4096))
                .metadata
                .truncation
        );
    }

    #[test]
    fn bad_queries_get_formerr_or_nothing() {
        let t = sample();
        assert_eq!(answer(&t, "c1", &[1, 2, 3], UDP_MAX), Reply::Drop);
        let mut two = Message::query();
        for n in ["a.", "b."] {
            two.add_query(Query::query(Name::from_ascii(n).unwrap(), RecordType::A));
        }
        let m = parse(answer(&t, "c1", &two.to_vec().unwrap(), UDP_MAX));
        assert_eq!(m.metadata.response_code, ResponseCode::FormErr);
        let mut cut = ask("my-web", RecordType::A);
        cut.truncate(cut.len() - 3);
        let m = parse(answer(&t, "c1", &cut, UDP_MAX));
        assert_eq!(m.metadata.response_code, ResponseCode::FormErr);
        let mut response = ask("my-web", RecordType::A);
        response[2] |= 0x80;
        assert_eq!(answer(&t, "c1", &response, UDP_MAX), Reply::Drop);
        // Claims 65535 questions.
        let mut many = ask("my-web", RecordType::A);
        many[4] = 0xff;
        many[5] = 0xff;
        let m = parse(answer(&t, "c1", &many, UDP_MAX));
        assert_eq!(m.metadata.response_code, ResponseCode::FormErr);
    }

    #[test]
    fn thousands_of_random_and_mutated_packets_never_panic() {
        let t = sample();
        let mut rng = StdRng::seed_from_u64(7);
        let seeds = [
            ask("my-web", RecordType::A),
            ask("tasks.my-web.", RecordType::A),
            ask("3.9.0.10.in-addr.arpa.", RecordType::PTR),
            ask("example.org", RecordType::AAAA),
        ];
        for i in 0..5000 {
            let mut p = if i % 5 == 0 {
                let len = rng.gen_range(0..600);
                (0..len).map(|_| rng.r#gen::<u8>()).collect()
            } else {
                seeds[i % seeds.len()].clone()
            };
            for _ in 0..rng.gen_range(1..8) {
                if p.is_empty() {
                    break;
                }
                let at = rng.gen_range(0..p.len());
                match rng.gen_range(0..3) {
                    0 => p[at] = rng.r#gen(),
                    1 => p.truncate(at),
                    _ => p.insert(at, rng.r#gen()),
                }
            }
            match answer(&t, "c1", &p, UDP_MAX) {
                Reply::Answer(b) => assert!(b.len() <= UDP_MAX, "{p:?}"),
                Reply::Forward => {
                    let _ = servfail(&p);
                }
                Reply::Drop => {}
            }
        }
    }
}
