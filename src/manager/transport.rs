//! Raft RPCs between managers over the cluster port: mutual TLS, `POST /v1/raft/*`.

use std::sync::Arc;

use futures::future::BoxFuture;
use hyper::Method;
use rustls::ClientConfig;

use super::store::{RaftRpc, Transport, TransportError};
use crate::api::client::{Client, ClientError};

pub struct MtlsTransport {
    tls: Arc<ClientConfig>,
}

impl MtlsTransport {
    pub fn new(tls: Arc<ClientConfig>) -> Self {
        MtlsTransport { tls }
    }
}

impl Transport for MtlsTransport {
    fn call(
        &self,
        addr: &str,
        rpc: RaftRpc,
        body: Vec<u8>,
    ) -> BoxFuture<'_, Result<Vec<u8>, TransportError>> {
        let client = Client::tls(addr, self.tls.clone());
        Box::pin(async move {
            let path = format!("/v1/raft/{}", rpc.path());
            match client.raw(Method::POST, &path, Some(body)).await {
                Ok(bytes) => Ok(bytes.to_vec()),
                Err(e @ ClientError::Connect { .. }) => {
                    Err(TransportError::Unreachable(e.to_string()))
                }
                Err(e) => Err(TransportError::Remote(e.to_string())),
            }
        })
    }
}
