//! The API client: HTTP/1.1 over a Unix socket (the local agent) or mutual TLS
//! (between nodes), or an SSH channel running `shoal system dial-stdio` on a host
//! (`ssh://`), one connection (or channel) per request. The CLI, agents and managers
//! all use it.

use std::{path::PathBuf, sync::Arc, time::Duration};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::{Method, Request, StatusCode, body::Incoming};
use hyper_util::rt::TokioIo;
use rustls::ClientConfig;
use serde::{Serialize, de::DeserializeOwned};
use tokio::{
    io::{AsyncRead, AsyncWrite},
    net::{TcpStream, UnixStream},
};
use tokio_rustls::TlsConnector;

use super::{Endpoint, types::ErrorBody};
use rustls::pki_types::ServerName;

pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// SSH takes a handshake and authentication before the first byte of HTTP.
const SSH_CONNECT_TIMEOUT: Duration = Duration::from_secs(20);

#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error("cannot connect to {target}: {reason}")]
    Connect { target: String, reason: String },
    #[error("{message}")]
    Api { status: StatusCode, message: String },
    #[error("bad response from {target}: {reason}")]
    Protocol { target: String, reason: String },
    #[error("{0}")]
    Unsupported(String),
}

impl ClientError {
    /// The HTTP status of an API error.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            ClientError::Api { status, .. } => Some(*status),
            _ => None,
        }
    }
}

trait Io: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Io for T {}

#[derive(Clone)]
enum Target {
    Unix(PathBuf),
    Tls {
        addr: String,
        tls: Arc<ClientConfig>,
        /// The name the server's certificate must carry.
        name: ServerName<'static>,
    },
    /// `shoal system dial-stdio` on a host, over SSH.
    Ssh(Arc<crate::ssh::dial::Dialer>),
}

#[derive(Clone)]
pub struct Client {
    target: Target,
    connect_timeout: Duration,
}

impl Client {
    pub fn unix(path: impl Into<PathBuf>) -> Client {
        Client {
            target: Target::Unix(path.into()),
            connect_timeout: CONNECT_TIMEOUT,
        }
    }

    /// A client for `addr:port` over TLS with `tls` (mutual, or the join config).
    pub fn tls(addr: impl Into<String>, tls: Arc<ClientConfig>) -> Client {
        Client {
            target: Target::Tls {
                addr: addr.into(),
                tls,
                name: ServerName::try_from(crate::pki::MANAGER_NAME).expect("a valid DNS name"),
            },
            connect_timeout: CONNECT_TIMEOUT,
        }
    }

    /// A client that reaches the API through `dialer`'s SSH channels.
    pub fn ssh(dialer: Arc<crate::ssh::dial::Dialer>) -> Client {
        Client {
            target: Target::Ssh(dialer),
            connect_timeout: SSH_CONNECT_TIMEOUT,
        }
    }

    /// The client for a CLI endpoint.
    pub fn for_endpoint(endpoint: &Endpoint) -> Result<Client, ClientError> {
        match endpoint {
            Endpoint::Unix(path) => Ok(Client::unix(path)),
            Endpoint::Ssh { user, host, port } => {
                let request = crate::ssh::Request {
                    target: host.clone(),
                    user: user.clone(),
                    port: *port,
                    ..Default::default()
                };
                let dialer = crate::ssh::dial::Dialer::new(request, crate::ssh::dial::DIAL_COMMAND);
                Ok(Client::ssh(Arc::new(dialer)))
            }
            Endpoint::Tcp { .. } => Err(ClientError::Unsupported(format!(
                "{endpoint}: tcp:// needs an operator certificate, which shoal does not issue yet; \
                 use the manager's unix socket"
            ))),
        }
    }

    /// Verifies the server as `name` (a worker's agent is `shoal-worker`).
    pub fn with_server_name(mut self, server: ServerName<'static>) -> Client {
        if let Target::Tls { name, .. } = &mut self.target {
            *name = server;
        }
        self
    }

    pub fn with_connect_timeout(mut self, timeout: Duration) -> Client {
        self.connect_timeout = timeout;
        self
    }

    /// `unix:///path` or `addr:port`, for messages.
    pub fn target(&self) -> String {
        match &self.target {
            Target::Unix(p) => format!("unix://{}", p.display()),
            Target::Tls { addr, .. } => addr.clone(),
            Target::Ssh(d) => d.describe(),
        }
    }

    async fn connect(&self) -> Result<Box<dyn Io>, ClientError> {
        let fail = |reason: String| ClientError::Connect {
            target: self.target(),
            reason,
        };
        let open = async {
            match &self.target {
                Target::Unix(path) => {
                    let s = UnixStream::connect(path)
                        .await
                        .map_err(|e| fail(e.to_string()))?;
                    Ok::<Box<dyn Io>, ClientError>(Box::new(s))
                }
                Target::Tls { addr, tls, name } => {
                    let tcp = TcpStream::connect(addr)
                        .await
                        .map_err(|e| fail(e.to_string()))?;
                    tcp.set_nodelay(true).map_err(|e| fail(e.to_string()))?;
                    let s = TlsConnector::from(tls.clone())
                        .connect(name.clone(), tcp)
                        .await
                        .map_err(|e| fail(e.to_string()))?;
                    Ok(Box::new(s) as Box<dyn Io>)
                }
                Target::Ssh(dialer) => {
                    let s = dialer.open().await.map_err(|e| fail(e.to_string()))?;
                    Ok(Box::new(s) as Box<dyn Io>)
                }
            }
        };
        tokio::time::timeout(self.connect_timeout, open)
            .await
            .map_err(|_| fail(format!("timed out after {:?}", self.connect_timeout)))?
    }

    /// Sends one request and returns the response with its body still streaming.
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<Vec<u8>>,
    ) -> Result<hyper::Response<Incoming>, ClientError> {
        self.send_with(method, path, body, None).await
    }

    async fn send_with(
        &self,
        method: Method,
        path: &str,
        body: Option<Vec<u8>>,
        upgrade: Option<&str>,
    ) -> Result<hyper::Response<Incoming>, ClientError> {
        let io = self.connect().await?;
        let proto = |reason: String| ClientError::Protocol {
            target: self.target(),
            reason,
        };
        let (mut sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(io))
            .await
            .map_err(|e| proto(e.to_string()))?;
        tokio::spawn(async move {
            let _ = conn.with_upgrades().await;
        });
        let mut req = Request::builder()
            .method(method)
            .uri(path)
            .header("host", "shoal");
        if let Some(proto) = upgrade {
            req = req.header("connection", "upgrade").header("upgrade", proto);
        }
        if body.is_some() {
            req = req.header("content-type", "application/json");
        }
        let req = req
            .body(Full::new(Bytes::from(body.unwrap_or_default())))
            .map_err(|e| proto(e.to_string()))?;
        match sender.send_request(req).await {
            Ok(resp) => Ok(resp),
            Err(e) => Err(self.explain(proto(e.to_string())).await),
        }
    }

    /// Over SSH, a dial-stdio that failed says why on its stderr, which the byte stream
    /// does not carry: ask it again with no input to get its error line.
    async fn explain(&self, err: ClientError) -> ClientError {
        let Target::Ssh(dialer) = &self.target else {
            return err;
        };
        match dialer.diagnose().await {
            Some(reason) => ClientError::Connect {
                target: self.target(),
                reason,
            },
            None => err,
        }
    }

    /// Asks to switch the connection to `proto` (101 Switching Protocols) and returns
    /// it; any other answer is an error (`ClientError::Api` with its status).
    pub async fn upgrade(
        &self,
        method: Method,
        path: &str,
        proto: &str,
    ) -> Result<TokioIo<hyper::upgrade::Upgraded>, ClientError> {
        let resp = self.send_with(method, path, None, Some(proto)).await?;
        let status = resp.status();
        if status != StatusCode::SWITCHING_PROTOCOLS {
            let bytes = resp
                .into_body()
                .collect()
                .await
                .map(|b| b.to_bytes())
                .unwrap_or_default();
            return Err(api_error(status, &bytes));
        }
        hyper::upgrade::on(resp)
            .await
            .map(TokioIo::new)
            .map_err(|e| ClientError::Protocol {
                target: self.target(),
                reason: e.to_string(),
            })
    }

    /// Sends a request and reads the whole body; non-2xx becomes `ClientError::Api`.
    pub async fn raw(
        &self,
        method: Method,
        path: &str,
        body: Option<Vec<u8>>,
    ) -> Result<Bytes, ClientError> {
        let resp = self.send(method, path, body).await?;
        let status = resp.status();
        let bytes = resp
            .into_body()
            .collect()
            .await
            .map_err(|e| ClientError::Protocol {
                target: self.target(),
                reason: e.to_string(),
            })?
            .to_bytes();
        if status.is_success() {
            return Ok(bytes);
        }
        Err(api_error(status, &bytes))
    }

    /// Follows a newline-delimited JSON stream (events, assignments), one item at a time.
    pub async fn stream<T: DeserializeOwned>(
        &self,
        path: &str,
    ) -> Result<impl futures::Stream<Item = Result<T, ClientError>> + use<T>, ClientError> {
        let resp = self.send(Method::GET, path, None).await?;
        let target = self.target();
        if !resp.status().is_success() {
            let status = resp.status();
            let bytes = resp
                .into_body()
                .collect()
                .await
                .map(|b| b.to_bytes())
                .unwrap_or_default();
            return Err(api_error(status, &bytes));
        }
        let body = http_body_util::BodyStream::new(resp.into_body());
        Ok(futures::stream::unfold(
            (body, Vec::new(), target),
            |(mut body, mut buf, target)| async move {
                use futures::StreamExt;
                loop {
                    if let Some(pos) = buf.iter().position(|b| *b == b'\n') {
                        let line: Vec<u8> = buf.drain(..=pos).collect();
                        let item =
                            serde_json::from_slice(&line).map_err(|e| ClientError::Protocol {
                                target: target.clone(),
                                reason: e.to_string(),
                            });
                        return Some((item, (body, buf, target)));
                    }
                    match body.next().await? {
                        Ok(frame) => {
                            if let Ok(data) = frame.into_data() {
                                buf.extend_from_slice(&data);
                            }
                        }
                        Err(e) => {
                            let err = ClientError::Protocol {
                                target: target.clone(),
                                reason: e.to_string(),
                            };
                            return Some((Err(err), (body, Vec::new(), target)));
                        }
                    }
                }
            },
        ))
    }

    pub async fn call<B: Serialize, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
    ) -> Result<T, ClientError> {
        let body = body
            .map(serde_json::to_vec)
            .transpose()
            .map_err(|e| ClientError::Protocol {
                target: self.target(),
                reason: e.to_string(),
            })?;
        let bytes = self.raw(method, path, body).await?;
        let bytes = if bytes.is_empty() {
            Bytes::from_static(b"null")
        } else {
            bytes
        };
        serde_json::from_slice(&bytes).map_err(|e| ClientError::Protocol {
            target: self.target(),
            reason: e.to_string(),
        })
    }

    pub async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, ClientError> {
        self.call::<(), T>(Method::GET, path, None).await
    }

    pub async fn post<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, ClientError> {
        self.call(Method::POST, path, Some(body)).await
    }

    pub async fn delete<T: DeserializeOwned>(&self, path: &str) -> Result<T, ClientError> {
        self.call::<(), T>(Method::DELETE, path, None).await
    }
}

/// The error a non-2xx answer carries (`{"message": ...}`), or its raw text.
fn api_error(status: StatusCode, bytes: &[u8]) -> ClientError {
    let message = serde_json::from_slice::<ErrorBody>(bytes)
        .map(|b| b.message)
        .unwrap_or_else(|_| format!("{status}: {}", String::from_utf8_lossy(bytes)));
    ClientError::Api { status, message }
}
