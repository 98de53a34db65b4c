//! `shoal whoami`: a small HTTP server that says who answered, the backend of every
//! demo and test. `GET /` answers with the task name, hostname, the server's addresses
//! and the client's address (text, or JSON with `?format=json`), so a client can see
//! which task the load balancer picked and that the client's own address arrived.
//! `fetch` is the client side (`shoal whoami --get URL`), for hosts without curl.

use std::{
    io::{Read, Write},
    net::{IpAddr, SocketAddr, TcpStream, ToSocketAddrs},
    time::Duration,
};

use axum::{
    Json, Router,
    extract::{ConnectInfo, Query},
    http::{Method, Uri},
    response::{IntoResponse, Response},
    routing::get,
};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Whoami {
    /// `SHOAL_TASK_NAME` when run as a task, else the hostname.
    pub task: String,
    pub hostname: String,
    pub ips: Vec<String>,
    pub remote_addr: String,
    pub method: String,
    pub path: String,
}

impl Whoami {
    pub fn text(&self) -> String {
        let mut s = format!("Task: {}\nHostname: {}\n", self.task, self.hostname);
        for ip in &self.ips {
            s.push_str(&format!("IP: {ip}\n"));
        }
        s.push_str(&format!(
            "RemoteAddr: {}\n{} {}\n",
            self.remote_addr, self.method, self.path
        ));
        s
    }
}

/// Every address of this network namespace, IPv4 first.
pub fn addresses() -> Vec<String> {
    let mut ips: Vec<IpAddr> = nix::ifaddrs::getifaddrs()
        .into_iter()
        .flatten()
        .filter_map(|i| {
            let a = i.address?;
            a.as_sockaddr_in()
                .map(|s| IpAddr::V4(s.ip()))
                .or_else(|| a.as_sockaddr_in6().map(|s| IpAddr::V6(s.ip())))
        })
        .collect();
    ips.sort_by_key(|ip| (ip.is_ipv6(), *ip));
    ips.dedup();
    ips.into_iter().map(|ip| ip.to_string()).collect()
}

#[derive(Deserialize)]
struct Params {
    #[serde(default)]
    format: Option<String>,
}

async fn answer(
    ConnectInfo(remote): ConnectInfo<SocketAddr>,
    method: Method,
    uri: Uri,
    Query(p): Query<Params>,
) -> Response {
    let hostname = nix::unistd::gethostname()
        .map(|h| h.to_string_lossy().into_owned())
        .unwrap_or_default();
    let who = Whoami {
        task: std::env::var("SHOAL_TASK_NAME").unwrap_or_else(|_| hostname.clone()),
        hostname,
        ips: addresses(),
        remote_addr: remote.to_string(),
        method: method.to_string(),
        path: uri.to_string(),
    };
    match p.format.as_deref() {
        Some("json") => Json(who).into_response(),
        _ => who.text().into_response(),
    }
}

/// Serves until SIGTERM/SIGINT; prints the address it listens on to stderr.
pub async fn serve(addr: SocketAddr) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    eprintln!("whoami listening on {}", listener.local_addr()?);
    let app = Router::new().route("/", get(answer)).fallback(get(answer));
    let shutdown = async {
        use tokio::signal::unix::{SignalKind, signal};
        if let (Ok(mut t), Ok(mut i)) = (
            signal(SignalKind::terminate()),
            signal(SignalKind::interrupt()),
        ) {
            tokio::select! { _ = t.recv() => {}, _ = i.recv() => {} }
        }
    };
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await?;
    Ok(())
}

/// Why `fetch` found no answer.
#[derive(Debug, thiserror::Error)]
pub enum GetError {
    #[error("invalid URL {0:?}: use http://HOST[:PORT][/PATH]")]
    Url(String),
    #[error("cannot resolve {host}: {cause}")]
    Resolve { host: String, cause: std::io::Error },
    #[error("cannot connect to {addr}: {cause}")]
    Connect { addr: String, cause: std::io::Error },
    #[error("{url}: {cause}")]
    Io { url: String, cause: std::io::Error },
    #[error("{url}: {status}")]
    Status { url: String, status: String },
}

/// `http://host:port/path` -> (host, port, path).
fn split_url(url: &str) -> Result<(String, u16, String), GetError> {
    let bad = || GetError::Url(url.to_string());
    let rest = url.strip_prefix("http://").ok_or_else(bad)?;
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) => (h, p.parse().map_err(|_| bad())?),
        None => (authority, 80),
    };
    if host.is_empty() || host.contains(['@', '[', ']']) {
        return Err(bad());
    }
    Ok((host.to_string(), port, path.to_string()))
}

/// GETs `url` (plain HTTP/1.0, the way whoami answers) within `timeout` per step and
/// returns the body; an answer other than 2xx is an error.
pub fn fetch(url: &str, timeout: Duration) -> Result<String, GetError> {
    let (host, port, path) = split_url(url)?;
    let addr = (host.as_str(), port)
        .to_socket_addrs()
        .map_err(|cause| GetError::Resolve {
            host: host.clone(),
            cause,
        })?
        .find(SocketAddr::is_ipv4)
        .ok_or_else(|| GetError::Resolve {
            host: host.clone(),
            cause: std::io::Error::other("no IPv4 address"),
        })?;
    let mut conn =
        TcpStream::connect_timeout(&addr, timeout).map_err(|cause| GetError::Connect {
            addr: format!("{host} ({addr})"),
            cause,
        })?;
    let io = |cause| GetError::Io {
        url: url.to_string(),
        cause,
    };
    conn.set_read_timeout(Some(timeout)).map_err(io)?;
    write!(
        conn,
        "GET {path} HTTP/1.0\r\nHost: {host}\r\nUser-Agent: shoal-whoami\r\n\r\n"
    )
    .map_err(io)?;
    let mut answer = Vec::new();
    conn.read_to_end(&mut answer).map_err(io)?;
    let answer = String::from_utf8_lossy(&answer);
    let (head, body) = answer.split_once("\r\n\r\n").unwrap_or((&answer, ""));
    let status = head.lines().next().unwrap_or_default();
    match status.split_whitespace().nth(1) {
        Some(code) if code.starts_with('2') => Ok(body.to_string()),
        _ => Err(GetError::Status {
            url: url.to_string(),
            status: if status.is_empty() {
                "no HTTP answer".to_string()
            } else {
                status.to_string()
            },
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_names_task_host_ips_and_client() {
        let w = Whoami {
            task: "my-web.1".into(),
            hostname: "my-web.1.abc".into(),
            ips: vec!["127.0.0.1".into(), "10.0.9.3".into()],
            remote_addr: "10.0.9.7:40000".into(),
            method: "GET".into(),
            path: "/".into(),
        };
        assert_eq!(
            w.text(),
            "Task: my-web.1\nHostname: my-web.1.abc\nIP: 127.0.0.1\nIP: 10.0.9.3\nRemoteAddr: 10.0.9.7:40000\nGET /\n"
        );
        assert!(addresses().iter().any(|a| a == "127.0.0.1"));
    }

    #[test]
    fn urls_split_into_host_port_and_path() {
        let split = |u: &str| split_url(u).ok();
        assert_eq!(
            split("http://my-web/"),
            Some(("my-web".into(), 80, "/".into()))
        );
        assert_eq!(
            split("http://my-web"),
            Some(("my-web".into(), 80, "/".into()))
        );
        assert_eq!(
            split("http://10.0.1.3:8080/a?format=json"),
            Some(("10.0.1.3".into(), 8080, "/a?format=json".into()))
        );
        for bad in [
            "https://my-web/",
            "my-web",
            "http://:80/",
            "http://h:x/",
            "http://u@h/",
        ] {
            assert!(split(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn fetch_reads_an_answer_and_refuses_errors() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        drop(listener);
        std::thread::spawn(move || rt.block_on(serve(addr)));
        let url = format!("http://127.0.0.1:{}/hello", addr.port());
        let body = (0..100)
            .find_map(|_| {
                std::thread::sleep(Duration::from_millis(20));
                fetch(&url, Duration::from_secs(2)).ok()
            })
            .unwrap();
        assert!(
            body.contains("RemoteAddr: 127.0.0.1:") && body.contains("GET /hello"),
            "{body}"
        );
        let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = closed.local_addr().unwrap().port();
        drop(closed);
        let err = fetch(&format!("http://127.0.0.1:{port}/"), Duration::from_secs(2)).unwrap_err();
        assert!(
            err.to_string().starts_with("cannot connect to 127.0.0.1"),
            "{err}"
        );
    }
}
