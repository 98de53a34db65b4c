//! The listeners: UDP and TCP on 127.0.0.11:53 inside a task's namespace. They are
//! bound on a thread that has joined the namespace (a socket keeps the namespace it
//! was made in), then handed to the agent's runtime, which serves every task's
//! sockets from the one table. Forwarded queries leave from the agent's namespace.

use std::{
    io,
    net::{Ipv4Addr, SocketAddr},
    os::fd::AsRawFd,
    path::Path,
    sync::Arc,
    time::Duration,
};

use tokio::{
    io::{AsyncReadExt, AsyncWriteExt, Interest},
    net::{TcpListener, TcpStream, UdpSocket},
    sync::Semaphore,
    task::JoinHandle,
};

use super::{
    Shared,
    batch::{self, Batch},
    query::{self, Reply, UDP_MAX},
    upstream,
};
use crate::sys::netns;

/// Docker's embedded resolver address.
pub const ADDR: Ipv4Addr = Ipv4Addr::new(127, 0, 0, 11);
/// Open TCP connections per task; more are closed at once.
const TCP_CONNECTIONS: usize = 64;
/// A TCP client that says nothing for this long is dropped.
const TCP_IDLE: Duration = Duration::from_secs(10);

/// Binds 127.0.0.11:53 (UDP and TCP) inside the namespace pinned at `ns`.
pub fn open_in(ns: &Path) -> io::Result<(std::net::UdpSocket, std::net::TcpListener)> {
    let file = std::fs::File::open(ns)?;
    netns::run_in(&file, || bind(SocketAddr::from((ADDR, 53))))?
}

/// Nonblocking std sockets on `addr`, ready for tokio.
pub fn bind(addr: SocketAddr) -> io::Result<(std::net::UdpSocket, std::net::TcpListener)> {
    let udp = std::net::UdpSocket::bind(addr)?;
    udp.set_nonblocking(true)?;
    let tcp = std::net::TcpListener::bind(addr)?;
    tcp.set_nonblocking(true)?;
    Ok((udp, tcp))
}

/// Serves the sockets for task `asker` on the current runtime until the handles are
/// aborted.
pub fn spawn(
    shared: Arc<Shared>,
    asker: &str,
    udp: std::net::UdpSocket,
    tcp: std::net::TcpListener,
) -> io::Result<Vec<JoinHandle<()>>> {
    let udp = Arc::new(UdpSocket::from_std(udp)?);
    let tcp = TcpListener::from_std(tcp)?;
    Ok(vec![
        tokio::spawn(serve_udp(shared.clone(), asker.to_string(), udp)),
        tokio::spawn(serve_tcp(shared, asker.to_string(), tcp)),
    ])
}

async fn serve_udp(shared: Arc<Shared>, asker: String, sock: Arc<UdpSocket>) {
    let mut batch = Batch::default();
    let mut replies = Vec::with_capacity(batch::BATCH);
    loop {
        let n = match sock
            .async_io(Interest::READABLE, || batch.recv(&*sock))
            .await
        {
            Ok(n) => n,
            Err(e) => {
                tracing::debug!(task = %asker, %e, "DNS receive failed");
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            }
        };
        let table = shared.table();
        replies.clear();
        for i in 0..n {
            let (packet, peer) = batch.get(i);
            match query::answer(&table, &asker, packet, UDP_MAX) {
                Reply::Answer(a) => replies.push((a, peer)),
                Reply::Drop => {}
                Reply::Forward => {
                    let (shared, sock, packet) = (shared.clone(), sock.clone(), packet.to_vec());
                    tokio::spawn(async move {
                        let a = upstream::forward(&shared.upstreams, &packet, false)
                            .await
                            .unwrap_or_else(|| query::servfail(&packet));
                        let _ = sock.send_to(&a, peer).await;
                    });
                }
            }
        }
        send_all(&sock, &mut batch, &replies).await;
    }
}

/// Sends the answers of a batch in as few calls as the socket's buffer allows; an
/// answer that cannot be sent is lost, as a datagram may be.
async fn send_all(sock: &UdpSocket, batch: &mut Batch, replies: &[(Vec<u8>, SocketAddr)]) {
    let mut sent = 0;
    while sent < replies.len() {
        let rest = &replies[sent..];
        match sock
            .async_io(Interest::WRITABLE, || batch.send(sock.as_raw_fd(), rest))
            .await
        {
            Ok(n) => sent += n.max(1),
            // Refused by the kernel (a peer gone): skip that one answer.
            Err(_) => sent += 1,
        }
    }
}

async fn serve_tcp(shared: Arc<Shared>, asker: String, listener: TcpListener) {
    let slots = Arc::new(Semaphore::new(TCP_CONNECTIONS));
    loop {
        let Ok((conn, _)) = listener.accept().await else {
            tokio::time::sleep(Duration::from_millis(10)).await;
            continue;
        };
        let Ok(slot) = slots.clone().try_acquire_owned() else {
            continue;
        };
        let (shared, asker) = (shared.clone(), asker.clone());
        tokio::spawn(async move {
            let _slot = slot;
            let _ = serve_conn(&shared, &asker, conn).await;
        });
    }
}

/// Length-prefixed queries, answered in order, until the client closes or idles.
async fn serve_conn(shared: &Shared, asker: &str, mut conn: TcpStream) -> io::Result<()> {
    loop {
        let len = match tokio::time::timeout(TCP_IDLE, conn.read_u16()).await {
            Ok(Ok(len)) => usize::from(len),
            _ => return Ok(()),
        };
        let mut packet = vec![0u8; len];
        if !matches!(
            tokio::time::timeout(TCP_IDLE, conn.read_exact(&mut packet)).await,
            Ok(Ok(_))
        ) {
            return Ok(());
        }
        let answer = match query::answer(&shared.table(), asker, &packet, usize::from(u16::MAX)) {
            Reply::Answer(a) => a,
            Reply::Drop => return Ok(()),
            Reply::Forward => upstream::forward(&shared.upstreams, &packet, true)
                .await
                .unwrap_or_else(|| query::servfail(&packet)),
        };
        let Ok(n) = u16::try_from(answer.len()) else {
            return Ok(());
        };
        conn.write_all(&n.to_be_bytes()).await?;
        conn.write_all(&answer).await?;
    }
}

#[cfg(test)]
mod tests {
    use hickory_proto::{
        op::{Message, ResponseCode},
        rr::{RData, RecordType},
    };

    use super::*;
    use crate::agent::dns::records::fixtures::sample;

    fn ask(name: &str, ty: RecordType) -> Vec<u8> {
        let mut m = Message::query();
        m.add_query(hickory_proto::op::Query::query(
            hickory_proto::rr::Name::from_ascii(name).unwrap(),
            ty,
        ));
        m.to_vec().unwrap()
    }

    /// Serves `sample()` on an ephemeral loopback port; forwards to `upstreams`.
    async fn server(upstreams: Vec<SocketAddr>) -> (SocketAddr, Vec<JoinHandle<()>>) {
        let (udp, tcp) = bind("127.0.0.1:0".parse().unwrap()).unwrap();
        let addr = udp.local_addr().unwrap();
        // The TCP port may differ: rebind both on the UDP one.
        drop(tcp);
        let tcp = std::net::TcpListener::bind(addr).unwrap();
        tcp.set_nonblocking(true).unwrap();
        let shared = Shared::new(sample(), upstreams);
        (addr, spawn(shared, "c1", udp, tcp).unwrap())
    }

    async fn udp_ask(server: SocketAddr, packet: &[u8]) -> Message {
        let c = UdpSocket::bind("127.0.0.1:0").await.unwrap();
        c.send_to(packet, server).await.unwrap();
        let mut buf = vec![0u8; 4096];
        let n = tokio::time::timeout(Duration::from_secs(5), c.recv(&mut buf))
            .await
            .unwrap()
            .unwrap();
        Message::from_vec(&buf[..n]).unwrap()
    }

    /// A fake upstream answering every A query with 198.51.100.7.
    async fn fake_upstream() -> SocketAddr {
        let s = UdpSocket::bind("127.0.0.1:0").await.unwrap();
        let addr = s.local_addr().unwrap();
        tokio::spawn(async move {
            let mut buf = vec![0u8; 4096];
            while let Ok((n, peer)) = s.recv_from(&mut buf).await {
                let q = Message::from_vec(&buf[..n]).unwrap();
                let mut r = Message::response(q.metadata.id, q.metadata.op_code);
                r.add_queries(q.queries.clone());
                r.add_answer(hickory_proto::rr::Record::from_rdata(
                    q.queries[0].name().clone(),
                    60,
                    RData::A(hickory_proto::rr::rdata::A(Ipv4Addr::new(198, 51, 100, 7))),
                ));
                s.send_to(&r.to_vec().unwrap(), peer).await.unwrap();
            }
        });
        addr
    }

    #[tokio::test]
    async fn answers_over_udp_and_tcp_and_forwards_the_rest() {
        let up = fake_upstream().await;
        let (addr, handles) = server(vec![up]).await;
        let m = udp_ask(addr, &ask("my-web", RecordType::A)).await;
        assert_eq!(m.answers.len(), 1);
        let q = ask("example.org.", RecordType::A);
        let m = udp_ask(addr, &q).await;
        assert_eq!(
            m.metadata.id,
            u16::from_be_bytes([q[0], q[1]]),
            "the client's ID"
        );
        assert!(matches!(&m.answers[0].data, RData::A(a) if a.0 == Ipv4Addr::new(198, 51, 100, 7)));

        let mut c = TcpStream::connect(addr).await.unwrap();
        for _ in 0..2 {
            let q = ask("tasks.my-web", RecordType::A);
            c.write_all(&(q.len() as u16).to_be_bytes()).await.unwrap();
            c.write_all(&q).await.unwrap();
            let n = c.read_u16().await.unwrap();
            let mut buf = vec![0u8; usize::from(n)];
            c.read_exact(&mut buf).await.unwrap();
            assert_eq!(Message::from_vec(&buf).unwrap().answers.len(), 3);
        }
        // A huge length and then nothing: the connection is dropped, the server lives.
        let mut bad = TcpStream::connect(addr).await.unwrap();
        bad.write_all(&[0xff, 0xff, 1, 2, 3]).await.unwrap();
        drop(bad);
        assert_eq!(
            udp_ask(addr, &ask("my-web", RecordType::A))
                .await
                .answers
                .len(),
            1
        );
        for h in handles {
            h.abort();
        }
    }

    #[tokio::test]
    async fn servfail_when_no_upstream_answers() {
        // Bound but silent.
        let silent = UdpSocket::bind("127.0.0.1:0").await.unwrap();
        let (addr, handles) = server(vec![silent.local_addr().unwrap()]).await;
        let started = std::time::Instant::now();
        let m = udp_ask(addr, &ask("example.org.", RecordType::A)).await;
        assert_eq!(m.metadata.response_code, ResponseCode::ServFail);
        assert!(started.elapsed() < Duration::from_secs(4));
        let (addr2, handles2) = server(vec![]).await;
        let m = udp_ask(addr2, &ask("example.org.", RecordType::A)).await;
        assert_eq!(m.metadata.response_code, ResponseCode::ServFail);
        for h in handles.into_iter().chain(handles2) {
            h.abort();
        }
    }
}
