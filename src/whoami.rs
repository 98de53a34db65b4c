//! `shoal whoami`: a small HTTP server that says who answered, the backend of every
//! demo and test. `GET /` answers with the task name, hostname, the server's addresses
//! and the client's address (text, or JSON with `?format=json`), so a client can see
//! which task the load balancer picked and that the client's own address arrived.

use std::net::{IpAddr, SocketAddr};

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
}
