//! One SSH connection (russh): TCP with a deadline, the server's key checked against
//! known_hosts, public-key authentication with the agent's keys and then key files,
//! and commands on exec channels, either run to completion (with optional stdin) or
//! kept open as a byte stream (`dial-stdio`).

use std::{borrow::Cow, sync::Arc, time::Duration};

use bytes::Bytes;
use russh::{
    ChannelMsg, ChannelStream, Disconnect,
    client::{self, Handle, Msg},
    keys::{
        Algorithm, HashAlg, PrivateKeyWithHashAlg, PublicKey, agent::client::AgentClient,
        ssh_key::HashAlg as FpAlg,
    },
};
use tokio::sync::Mutex;

use super::{
    SshError,
    known_hosts::{self, Verdict},
    target::ConnectSpec,
};

/// What a command left: its exit status and output.
#[derive(Debug, Default)]
pub struct Output {
    /// `None` when the server reported no status (killed by a signal).
    pub code: Option<u32>,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

impl Output {
    pub fn success(&self) -> bool {
        self.code == Some(0)
    }

    pub fn stdout_text(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }

    /// The last line of stderr (the reason, for errors), or the exit status.
    pub fn reason(&self) -> String {
        let err = String::from_utf8_lossy(&self.stderr);
        match err.lines().rev().find(|l| !l.trim().is_empty()) {
            Some(l) => l.trim().to_string(),
            None => match self.code {
                Some(c) => format!("exit status {c}"),
                None => "killed by a signal".into(),
            },
        }
    }
}

/// The server key check, run by russh during the handshake. Its verdict is kept for
/// the error message, since russh only learns yes or no.
struct HostKeyCheck {
    spec: Arc<ConnectSpec>,
    refusal: Arc<Mutex<Option<SshError>>>,
}

impl client::Handler for HostKeyCheck {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        server: &russh::keys::PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        let russh::keys::PublicKeyOrCertificate::PublicKey { key, .. } = server else {
            *self.refusal.lock().await = Some(SshError::HostKey(format!(
                "{} presented a host certificate; shoal checks plain host keys only",
                self.spec.dest
            )));
            return Ok(false);
        };
        match self.verdict(key) {
            Ok(()) => Ok(true),
            Err(e) => {
                *self.refusal.lock().await = Some(e);
                Ok(false)
            }
        }
    }
}

impl HostKeyCheck {
    fn verdict(&self, key: &PublicKey) -> Result<(), SshError> {
        let spec = &self.spec;
        let name = known_hosts::host_key_name(&spec.dest.host, spec.dest.port);
        let fp = key.fingerprint(FpAlg::Sha256);
        let first = spec.known_hosts.first().cloned().unwrap_or_default();
        match known_hosts::check(&spec.known_hosts, &name, key)? {
            Verdict::Known => Ok(()),
            Verdict::Unknown if spec.accept_new => known_hosts::append(&first, &name, key),
            Verdict::Unknown => Err(SshError::HostKey(format!(
                "host key of {name} is unknown ({} {fp}, not in {}): check it, then pass --accept-new-host-key",
                key.algorithm(),
                first.display()
            ))),
            Verdict::Changed { path, line } => Err(SshError::HostKey(format!(
                "host key of {name} has changed ({} {fp} does not match {}:{line}); refusing (someone may be \
                 intercepting): remove that line if the host was reinstalled",
                key.algorithm(),
                path.display()
            ))),
            Verdict::Revoked { path, line } => Err(SshError::HostKey(format!(
                "host key of {name} is revoked at {}:{line}",
                path.display()
            ))),
        }
    }
}

/// An authenticated SSH connection.
pub struct Session {
    handle: Handle<HostKeyCheck>,
    pub spec: Arc<ConnectSpec>,
}

impl Session {
    /// Connects, checks the host key and authenticates, all within the spec's timeout.
    pub async fn connect(spec: ConnectSpec) -> Result<Session, SshError> {
        let spec = Arc::new(spec);
        let timeout = spec.timeout;
        let addr = spec.dest.addr();
        match tokio::time::timeout(timeout, Self::open(spec)).await {
            Ok(r) => r,
            Err(_) => Err(SshError::Connect {
                addr,
                reason: format!("timed out after {}s", timeout.as_secs_f32()),
            }),
        }
    }

    async fn open(spec: Arc<ConnectSpec>) -> Result<Session, SshError> {
        let addr = spec.dest.addr();
        let tcp = tokio::net::TcpStream::connect(&addr)
            .await
            .map_err(|e| SshError::Connect {
                addr: addr.clone(),
                reason: e.to_string(),
            })?;
        let _ = tcp.set_nodelay(true);
        let refusal = Arc::new(Mutex::new(None));
        let check = HostKeyCheck {
            spec: spec.clone(),
            refusal: refusal.clone(),
        };
        let config = Arc::new(client_config(&spec));
        let handle = match client::connect_stream(config, tcp, check).await {
            Ok(h) => h,
            Err(e) => {
                if let Some(refused) = refusal.lock().await.take() {
                    return Err(refused);
                }
                return Err(SshError::Connect {
                    addr,
                    reason: e.to_string(),
                });
            }
        };
        let mut session = Session { handle, spec };
        session.authenticate().await?;
        Ok(session)
    }

    /// Offers the agent's keys, then the key files; the first the server takes wins.
    async fn authenticate(&mut self) -> Result<(), SshError> {
        let spec = self.spec.clone();
        let user = spec.dest.user.clone();
        let mut tried = Vec::new();
        if spec.use_agent
            && let Some(agent) = super::target::agent_socket()
            && self.try_agent(&agent, &user, &mut tried).await?
        {
            return Ok(());
        }
        let rsa_hash = self
            .handle
            .best_supported_rsa_hash()
            .await
            .ok()
            .flatten()
            .flatten();
        for key in super::target::load_keys(&spec)? {
            tried.push(key.label.clone());
            let with_hash = PrivateKeyWithHashAlg::new(Arc::new(key.key), rsa_hash);
            let res = self
                .handle
                .authenticate_publickey(&user, with_hash)
                .await
                .map_err(|e| SshError::Protocol(e.to_string()))?;
            if res.success() {
                return Ok(());
            }
        }
        if tried.is_empty() {
            return Err(SshError::NoKey);
        }
        Err(SshError::AuthFailed {
            dest: spec.dest.to_string(),
            tried: tried.join(", "),
        })
    }

    async fn try_agent(
        &mut self,
        socket: &std::path::Path,
        user: &str,
        tried: &mut Vec<String>,
    ) -> Result<bool, SshError> {
        let Ok(mut agent) = AgentClient::connect_uds(socket).await else {
            tracing::debug!(socket = %socket.display(), "cannot reach the ssh-agent");
            return Ok(false);
        };
        let ids = agent.request_identities().await.unwrap_or_default();
        for id in ids {
            let russh::keys::agent::AgentIdentity::PublicKey { key, comment } = id else {
                continue;
            };
            tried.push(format!(
                "agent key {}",
                if comment.is_empty() {
                    key.algorithm().to_string()
                } else {
                    comment
                }
            ));
            let hash = matches!(key.algorithm(), Algorithm::Rsa { .. }).then_some(HashAlg::Sha512);
            match self
                .handle
                .authenticate_publickey_with(user, key, hash, &mut agent)
                .await
            {
                Ok(r) if r.success() => return Ok(true),
                Ok(_) => {}
                Err(e) => tracing::debug!(error = %e, "the ssh-agent did not sign"),
            }
        }
        Ok(false)
    }

    /// Runs `command` to its end, feeding it `stdin` (then EOF) when given. Output is
    /// read while stdin is sent: a command that stops early (a full disk) ends the
    /// sending instead of leaving it waiting for window space forever.
    pub async fn run(&self, command: &str, stdin: Option<Bytes>) -> Result<Output, SshError> {
        let (mut rx, tx) = self.channel(command).await?.split();
        let send = async {
            if let Some(data) = stdin {
                // Whole packets straight from `data` (`data()` would copy it through
                // an 8 KiB buffer: four times the packets for an upload).
                tx.data_bytes(data).await?;
            }
            tx.eof().await
        };
        tokio::pin!(send);
        let mut sending = true;
        let mut out = Output::default();
        loop {
            tokio::select! {
                r = &mut send, if sending => {
                    sending = false;
                    if let Err(e) = r {
                        tracing::debug!(command, error = %e, "stdin not fully sent");
                    }
                }
                msg = rx.wait() => match msg {
                    Some(ChannelMsg::Data { data }) => out.stdout.extend_from_slice(&data),
                    Some(ChannelMsg::ExtendedData { data, .. }) => out.stderr.extend_from_slice(&data),
                    Some(ChannelMsg::ExitStatus { exit_status }) => out.code = Some(exit_status),
                    Some(_) => {}
                    None => break,
                },
            }
        }
        Ok(out)
    }

    /// Runs `command` and hands back its stdin/stdout as one byte stream.
    pub async fn stream(&self, command: &str) -> Result<ChannelStream<Msg>, SshError> {
        Ok(self.channel(command).await?.into_stream())
    }

    async fn channel(&self, command: &str) -> Result<russh::Channel<Msg>, SshError> {
        let ch = self
            .handle
            .channel_open_session()
            .await
            .map_err(|e| SshError::Protocol(format!("cannot open a channel: {e}")))?;
        ch.exec(true, command)
            .await
            .map_err(|e| SshError::Protocol(format!("cannot run {command:?}: {e}")))?;
        Ok(ch)
    }

    /// True once the connection has gone.
    pub fn is_closed(&self) -> bool {
        self.handle.is_closed()
    }

    pub async fn close(&self) {
        let _ = self
            .handle
            .disconnect(Disconnect::ByApplication, "", "en")
            .await;
    }
}

/// russh's defaults, with the host key types known_hosts records for this host asked
/// for first (as OpenSSH does), so a host known by its ECDSA key is not "changed"
/// just because both sides also speak Ed25519.
fn client_config(spec: &ConnectSpec) -> client::Config {
    let name = known_hosts::host_key_name(&spec.dest.host, spec.dest.port);
    let recorded = known_hosts::recorded_algorithms(&spec.known_hosts, &name);
    let defaults = russh::Preferred::default();
    let type_name = |a: &Algorithm| match a {
        Algorithm::Rsa { .. } => "ssh-rsa".to_string(),
        other => other.as_str().to_string(),
    };
    let (mut first, rest): (Vec<Algorithm>, Vec<Algorithm>) = defaults
        .key
        .iter()
        .cloned()
        .partition(|a| recorded.contains(&type_name(a)));
    first.extend(rest);
    client::Config {
        inactivity_timeout: None,
        keepalive_interval: Some(Duration::from_secs(15)),
        nodelay: true,
        preferred: russh::Preferred {
            key: Cow::Owned(first),
            ..defaults
        },
        ..Default::default()
    }
}
