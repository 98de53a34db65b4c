//! Names outside the cluster go to the host's resolvers: the nameservers of its
//! resolv.conf (a loopback stub such as systemd-resolved's 127.0.0.53 means nothing
//! inside a task's namespace, and the agent itself may not reach it either), or those
//! given with `--dns-upstream`. Queries leave from the agent's own namespace.

use std::{
    net::{IpAddr, SocketAddr},
    time::{Duration, Instant},
};

use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::{TcpStream, UdpSocket},
};

use super::query;

/// How long a query may wait for all upstreams together.
pub const TIMEOUT: Duration = Duration::from_secs(2);

/// The nameservers of a resolv.conf, loopback ones left out.
pub fn from_resolv_conf(text: &str) -> Vec<SocketAddr> {
    text.lines()
        .filter_map(|l| l.trim().strip_prefix("nameserver"))
        .filter_map(|rest| rest.trim().parse::<IpAddr>().ok())
        .filter(|ip| !ip.is_loopback())
        .map(|ip| SocketAddr::new(ip, 53))
        .collect()
}

/// `IP` or `IP:PORT` (`[V6]:PORT`) as given to `--dns-upstream`.
pub fn parse(s: &str) -> Result<SocketAddr, String> {
    s.parse::<SocketAddr>()
        .or_else(|_| s.parse::<IpAddr>().map(|ip| SocketAddr::new(ip, 53)))
        .map_err(|_| format!("{s:?} is not IP or IP:PORT"))
}

/// The host's upstreams unless some are given.
pub fn choose(given: &[SocketAddr]) -> Vec<SocketAddr> {
    if !given.is_empty() {
        return given.to_vec();
    }
    from_resolv_conf(&std::fs::read_to_string("/etc/resolv.conf").unwrap_or_default())
}

/// Asks each upstream in turn until one answers, within `TIMEOUT` in all; the answer
/// with the client's ID, or None. `tcp`: the client came over TCP (so may a long answer).
pub async fn forward(upstreams: &[SocketAddr], packet: &[u8], tcp: bool) -> Option<Vec<u8>> {
    if packet.len() < 12 {
        return None;
    }
    let deadline = Instant::now() + TIMEOUT;
    let client_id = [packet[0], packet[1]];
    let id: u16 = rand::random();
    let mut ours = packet.to_vec();
    ours[..2].copy_from_slice(&id.to_be_bytes());
    for (i, up) in upstreams.iter().enumerate() {
        let left = deadline.saturating_duration_since(Instant::now());
        // What is left, shared by the upstreams not tried yet.
        let share = left / u32::try_from(upstreams.len() - i).unwrap_or(1);
        let mut got = tokio::time::timeout(share, over_udp(*up, &ours, id))
            .await
            .ok()
            .flatten();
        if tcp && got.as_deref().is_some_and(query::truncated) {
            let left = deadline.saturating_duration_since(Instant::now());
            if let Ok(Some(long)) = tokio::time::timeout(left, over_tcp(*up, &ours, id)).await {
                got = Some(long);
            }
        }
        if let Some(mut answer) = got {
            answer[..2].copy_from_slice(&client_id);
            return Some(answer);
        }
    }
    None
}

async fn over_udp(up: SocketAddr, packet: &[u8], id: u16) -> Option<Vec<u8>> {
    let local: SocketAddr = match up {
        SocketAddr::V4(_) => ([0, 0, 0, 0], 0).into(),
        SocketAddr::V6(_) => (std::net::Ipv6Addr::UNSPECIFIED, 0).into(),
    };
    let sock = UdpSocket::bind(local).await.ok()?;
    sock.connect(up).await.ok()?;
    sock.send(packet).await.ok()?;
    let mut buf = vec![0u8; 65535];
    loop {
        let n = sock.recv(&mut buf).await.ok()?;
        if query::is_response_to(&buf[..n], id) {
            buf.truncate(n);
            return Some(buf);
        }
    }
}

async fn over_tcp(up: SocketAddr, packet: &[u8], id: u16) -> Option<Vec<u8>> {
    let mut s = TcpStream::connect(up).await.ok()?;
    let len = u16::try_from(packet.len()).ok()?;
    s.write_all(&len.to_be_bytes()).await.ok()?;
    s.write_all(packet).await.ok()?;
    let len = s.read_u16().await.ok()?;
    let mut buf = vec![0u8; usize::from(len)];
    s.read_exact(&mut buf).await.ok()?;
    query::is_response_to(&buf, id).then_some(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_stubs_are_skipped() {
        let conf = "# x\nnameserver 127.0.0.53\nnameserver 10.255.255.53\nnameserver ::1\n\
                    nameserver 2001:db8::1\nsearch example.com\n";
        assert_eq!(
            from_resolv_conf(conf),
            vec![
                "10.255.255.53:53".parse().unwrap(),
                "[2001:db8::1]:53".parse().unwrap()
            ]
        );
        assert_eq!(parse("192.0.2.9"), Ok("192.0.2.9:53".parse().unwrap()));
        assert_eq!(
            parse("192.0.2.9:5353"),
            Ok("192.0.2.9:5353".parse().unwrap())
        );
        assert!(parse("nope").is_err());
    }
}
