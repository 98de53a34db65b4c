//! Becoming and ceasing to be a member: `cluster init` (a new cluster with this node as
//! its first manager), `cluster join` (with a token, through any manager) and `cluster
//! leave`. Each either completes or leaves the node as it was: inactive, data dir clear.

use std::{sync::Arc, time::Duration};

use super::{
    Agent, Role,
    addr::{choose, host_addresses},
    identity::{Membership, join_host_port},
};
use crate::{
    api::{
        client::{Client, ClientError},
        http::HttpError,
        types::*,
    },
    manager::{
        Manager,
        state::{self, Availability, Cluster, Node, NodeState},
        token::{self, JoinToken},
    },
    pki::{
        Ca, NodeKey,
        tls::{CA_MISMATCH, NodeTls, join_client_config},
    },
};

use crate::manager::api::now;

const JOIN_TIMEOUT: Duration = Duration::from_secs(10);

fn internal(e: impl std::fmt::Display) -> HttpError {
    HttpError::internal(e.to_string())
}

impl Agent {
    fn advertise(&self, requested: Option<&str>) -> Result<String, HttpError> {
        let given = requested.or(self.cfg.advertise_addr.as_deref());
        choose(given, &host_addresses())
            .map(|ip| ip.to_string())
            .map_err(HttpError::bad_request)
    }

    fn listen(&self, requested: Option<&str>) -> Result<String, HttpError> {
        let listen = requested
            .or(self.cfg.listen_addr.as_deref())
            .map(str::to_string)
            .unwrap_or_else(|| format!("0.0.0.0:{}", super::DEFAULT_PORT));
        listen.parse::<std::net::SocketAddr>().map_err(|_| {
            HttpError::bad_request(format!("invalid listen address {listen:?}: use IP:PORT"))
        })?;
        Ok(listen)
    }

    fn port_of(listen: &str) -> u16 {
        listen
            .parse::<std::net::SocketAddr>()
            .map(|a| a.port())
            .unwrap_or(super::DEFAULT_PORT)
    }

    pub(super) async fn init(
        self: &Arc<Self>,
        req: InitRequest,
    ) -> Result<InitResponse, HttpError> {
        let mut role = self.role.lock().await;
        if matches!(*role, Role::Member(_)) {
            return Err(HttpError::conflict(
                "this node is already part of a cluster (leave it first with `shoal cluster leave`)",
            ));
        }
        let addr = self.advertise(req.advertise_addr.as_deref())?;
        let listen = self.listen(req.listen_addr.as_deref())?;
        let port = Self::port_of(&listen);
        let cluster_id = token::random_base36(25);
        let ca = Ca::generate(&cluster_id).map_err(internal)?;
        let node_id = token::random_base36(25);
        let key = NodeKey::generate().map_err(internal)?;
        let cert_pem = ca
            .sign(&key.csr_pem, &node_id, state::Role::Manager)
            .map_err(internal)?;
        let tls = NodeTls {
            cert_pem,
            key_pem: key.key_pem,
            ca_pem: ca.cert_pem.clone(),
        };
        let raft_id = loop {
            let id: u64 = rand::random();
            if id != 0 {
                break id;
            }
        };
        let m = Membership {
            cluster_id: cluster_id.clone(),
            node_id: node_id.clone(),
            raft_id,
            role: state::Role::Manager,
            addr: addr.clone(),
            port,
            listen,
            managers: vec![join_host_port(&addr, port)],
        };
        let at = now();
        let mut cluster = Cluster {
            id: cluster_id,
            created_at: at.clone(),
            ca_cert_pem: ca.cert_pem.clone(),
            ca_key_pem: ca.key_pem.clone(),
            worker_secret: token::new_secret(),
            manager_secret: token::new_secret(),
            gossip: Default::default(),
            data_path_port: check_data_path_port(req.data_path_port)?,
        };
        cluster.gossip.current = Some(crate::manager::gossip::new_key(&Default::default()));
        let node = Node {
            id: node_id.clone(),
            raft_id,
            hostname: self.cfg.node_name.clone(),
            role: state::Role::Manager,
            availability: Availability::Active,
            addr: addr.clone(),
            port,
            state: NodeState::Ready,
            message: String::new(),
            created_at: at.clone(),
            updated_at: at,
            version: 0,
            labels: Default::default(),
            routes: super::addr::host_routes(),
            gossip_port: self.cfg.gossip_port,
        };
        let worker_token =
            JoinToken::new(&ca.digest().map_err(internal)?, &cluster.worker_secret).to_string();
        let manager = self.start_member_files(&m, &tls).await?;
        if let Err(e) = manager.initialize(cluster, node).await {
            manager.stop().await;
            let _ = self.data.clear();
            return Err(e);
        }
        *role = Role::Member(self.commit_membership(m.clone(), &tls, Some(manager))?);
        tracing::info!(node = %node_id, "initialized a new cluster");
        Ok(InitResponse {
            node_id,
            worker_token,
            manager_addr: m.api_addr(),
        })
    }

    /// Writes the TLS files and starts a manager on a clean data dir.
    async fn start_member_files(
        &self,
        m: &Membership,
        tls: &NodeTls,
    ) -> Result<Arc<Manager>, HttpError> {
        self.data.clear().map_err(internal)?;
        self.data.create().map_err(internal)?;
        self.data.save_tls(tls).map_err(internal)?;
        match Manager::start(&self.data, m.clone(), tls.clone()).await {
            Ok(mgr) => Ok(mgr),
            Err(e) => {
                let _ = self.data.clear();
                Err(HttpError::bad_request(e.to_string()))
            }
        }
    }

    /// Records the membership (the step that makes the node a member) and starts its
    /// heartbeats.
    fn commit_membership(
        self: &Arc<Self>,
        m: Membership,
        tls: &NodeTls,
        manager: Option<Arc<Manager>>,
    ) -> Result<super::Member, HttpError> {
        self.data.save_membership(&m).map_err(internal)?;
        self.member(m, tls, manager).map_err(internal)
    }

    pub(super) async fn join(
        self: &Arc<Self>,
        req: JoinRequest,
    ) -> Result<JoinResponse, HttpError> {
        let mut role = self.role.lock().await;
        if matches!(*role, Role::Member(_)) {
            return Err(HttpError::conflict(
                "this node is already part of a cluster (leave it first with `shoal cluster leave`)",
            ));
        }
        let token: JoinToken = req
            .token
            .parse()
            .map_err(|e: token::TokenError| HttpError::bad_request(e.to_string()))?;
        let remote = normalize_remote(&req.remote_addr)?;
        let addr = self.advertise(req.advertise_addr.as_deref())?;
        let listen = self.listen(req.listen_addr.as_deref())?;
        let port = Self::port_of(&listen);
        let key = NodeKey::generate().map_err(internal)?;
        let tls_cfg = join_client_config(&token.ca_digest).map_err(internal)?;
        let client = Client::tls(remote.clone(), tls_cfg).with_connect_timeout(JOIN_TIMEOUT);
        let body = NodeJoinRequest {
            secret: token.secret.clone(),
            csr_pem: key.csr_pem,
            hostname: self.cfg.node_name.clone(),
            addr: addr.clone(),
            port,
            routes: super::addr::host_routes(),
            gossip_port: self.cfg.gossip_port,
        };
        let resp: NodeJoinResponse = client
            .post("/v1/join", &body)
            .await
            .map_err(|e| join_error(&remote, e))?;
        let tls = NodeTls {
            cert_pem: resp.cert_pem,
            key_pem: key.key_pem,
            ca_pem: resp.ca_pem,
        };
        let mut managers = resp.managers;
        if managers.is_empty() {
            managers.push(remote.clone());
        }
        let m = Membership {
            cluster_id: resp.cluster_id,
            node_id: resp.node_id.clone(),
            raft_id: resp.raft_id,
            role: resp.role,
            addr,
            port,
            listen,
            managers,
        };
        let manager = match resp.role {
            state::Role::Worker => {
                self.data.clear().map_err(internal)?;
                self.data.create().map_err(internal)?;
                self.data.save_tls(&tls).map_err(internal)?;
                None
            }
            state::Role::Manager => {
                let mgr = self.start_member_files(&m, &tls).await?;
                if let Err(e) = become_voter(&mgr, &m).await {
                    mgr.stop().await;
                    let _ = self.data.clear();
                    return Err(e);
                }
                Some(mgr)
            }
        };
        *role = Role::Member(self.commit_membership(m, &tls, manager)?);
        tracing::info!(node = %resp.node_id, role = ?resp.role, "joined the cluster");
        Ok(JoinResponse {
            node_id: resp.node_id,
            role: resp.role,
        })
    }

    pub(super) async fn leave(self: &Arc<Self>, req: LeaveRequest) -> Result<(), HttpError> {
        let mut role = self.role.lock().await;
        let Role::Member(member) = std::mem::replace(&mut *role, Role::Inactive) else {
            return Err(HttpError::conflict("this node is not part of a cluster"));
        };
        if let Some(mgr) = &member.manager {
            if !req.force {
                *role = Role::Member(member);
                return Err(HttpError::conflict(
                    "this node is a manager: leaving removes it from the Raft group, and leaving the last manager \
                     loses the cluster's state; use --force to leave anyway",
                ));
            }
            leave_raft(mgr).await;
        }
        member.stop().await;
        self.data.clear().map_err(internal)?;
        tracing::info!("left the cluster");
        Ok(())
    }
}

/// Docker's rule for `--data-path-port`: 1024-49151 (4789 when not given).
fn check_data_path_port(port: Option<u16>) -> Result<u16, HttpError> {
    match port {
        None => Ok(state::default_data_path_port()),
        Some(p) if (1024..=49151).contains(&p) => Ok(p),
        Some(p) => Err(HttpError::bad_request(format!(
            "invalid data path port {p}: use a port from 1024 to 49151"
        ))),
    }
}

/// `addr[:port]`, defaulting to 2377.
fn normalize_remote(remote: &str) -> Result<String, HttpError> {
    let remote = remote.trim();
    if remote.parse::<std::net::SocketAddr>().is_ok() {
        return Ok(remote.to_string());
    }
    if let Ok(ip) = remote.parse::<std::net::IpAddr>() {
        return Ok(join_host_port(&ip.to_string(), super::DEFAULT_PORT));
    }
    match remote.rsplit_once(':') {
        Some((host, port)) if !host.is_empty() && port.parse::<u16>().is_ok() => {
            Ok(remote.to_string())
        }
        None if !remote.is_empty() && !remote.contains('/') => {
            Ok(format!("{remote}:{}", super::DEFAULT_PORT))
        }
        _ => Err(HttpError::bad_request(format!(
            "invalid manager address {remote:?}: use HOST[:PORT]"
        ))),
    }
}

fn join_error(remote: &str, e: ClientError) -> HttpError {
    match e {
        ClientError::Connect { reason, .. } if reason.contains(CA_MISMATCH) => {
            HttpError::forbidden(format!(
                "join refused: the manager at {remote} presented a CA that does not match the token's digest"
            ))
        }
        ClientError::Connect { reason, .. } => HttpError::new(
            hyper::StatusCode::GATEWAY_TIMEOUT,
            format!("cannot reach the manager at {remote}: {reason}"),
        ),
        ClientError::Api { status, message } => {
            HttpError::new(status, format!("{message} (manager {remote})"))
        }
        other => HttpError::new(
            hyper::StatusCode::BAD_GATEWAY,
            format!("manager {remote}: {other}"),
        ),
    }
}

/// Asks the leader to add this new manager to the Raft group as a voter.
async fn become_voter(mgr: &Manager, m: &Membership) -> Result<(), HttpError> {
    let req = AddVoterRequest {
        raft_id: m.raft_id,
        addr: m.api_addr(),
    };
    let mut last = None;
    for addr in &m.managers {
        let client = Client::tls(addr.clone(), mgr.client_tls());
        match client.post::<_, ()>("/v1/raft/add-voter", &req).await {
            Ok(()) => return Ok(()),
            Err(e) => last = Some(e),
        }
    }
    Err(last.map_or_else(
        || HttpError::unavailable("no manager to join"),
        crate::manager::client_error,
    ))
}

/// Takes a leaving manager out of the Raft group (best effort: leave is forced).
async fn leave_raft(mgr: &Manager) {
    let others = mgr
        .managers()
        .into_iter()
        .filter(|a| *a != mgr.me.api_addr())
        .count();
    if others == 0 {
        return;
    }
    let req = crate::manager::api::RemoveVoterRequest {
        raft_id: mgr.me.raft_id,
    };
    for addr in mgr.managers() {
        let client = Client::tls(addr, mgr.client_tls());
        if client
            .post::<_, ()>("/v1/raft/remove-voter", &req)
            .await
            .is_ok()
        {
            break;
        }
    }
    if let Err(e) = mgr
        .write(crate::manager::state::Command::RemoveNode {
            id: mgr.me.node_id.clone(),
        })
        .await
    {
        tracing::warn!(error = %e.message, "could not remove this node from the cluster's list");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manager_addresses_default_to_2377() {
        assert_eq!(normalize_remote("192.0.2.1").unwrap(), "192.0.2.1:2377");
        assert_eq!(
            normalize_remote("192.0.2.1:4000").unwrap(),
            "192.0.2.1:4000"
        );
        assert_eq!(normalize_remote("mgr1").unwrap(), "mgr1:2377");
        assert_eq!(normalize_remote("fd00::1").unwrap(), "[fd00::1]:2377");
        assert!(normalize_remote("").is_err());
        assert!(normalize_remote("a/b").is_err());
    }
}
