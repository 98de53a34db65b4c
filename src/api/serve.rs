//! Serving an axum router on a Unix socket or on the TLS cluster port. Each connection
//! carries a `Caller` extension saying who is on the other end, which handlers check:
//! the local socket is the operator (root), TLS peers are the node their certificate
//! names, or a node that is joining.

use std::{future::Future, sync::Arc};

use axum::{Extension, Router};
use hyper_util::{
    rt::{TokioExecutor, TokioIo},
    server::conn::auto,
    service::TowerToHyperService,
};
use tokio::net::{TcpListener, UnixListener};
use tower::ServiceExt as _;

use crate::pki::{
    PeerIdentity,
    tls::{Acceptor, Peer},
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    /// The local Unix socket: the operator.
    Local,
    /// A cluster member, authenticated by its certificate.
    Node(PeerIdentity),
    /// A node joining with a token (only `/v1/join`).
    Joining,
}

fn serve_conn<S>(io: S, router: Router, caller: Caller)
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let svc = router.layer(Extension(caller)).map_request(|r| r);
    tokio::spawn(async move {
        let svc = TowerToHyperService::new(svc);
        if let Err(e) = auto::Builder::new(TokioExecutor::new())
            .serve_connection_with_upgrades(TokioIo::new(io), svc)
            .await
        {
            tracing::debug!(%e, "connection ended with an error");
        }
    });
}

/// Serves `router` on `listener` until `shutdown` completes.
pub async fn serve_unix(
    listener: UnixListener,
    router: Router,
    shutdown: impl Future<Output = ()>,
) {
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            _ = &mut shutdown => return,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => serve_conn(stream, router.clone(), Caller::Local),
                Err(e) => tracing::warn!(%e, "accept on the API socket failed"),
            }
        }
    }
}

/// Serves `router` on the TLS cluster port until `shutdown` completes.
pub async fn serve_tls(
    listener: TcpListener,
    acceptor: Arc<Acceptor>,
    router: Router,
    shutdown: impl Future<Output = ()>,
) {
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            _ = &mut shutdown => return,
            accepted = listener.accept() => match accepted {
                Ok((tcp, remote)) => {
                    let _ = tcp.set_nodelay(true);
                    let acceptor = acceptor.clone();
                    let router = router.clone();
                    tokio::spawn(async move {
                        match acceptor.accept(tcp).await {
                            Ok((tls, Peer::Node(id))) => serve_conn(tls, router, Caller::Node(id)),
                            Ok((tls, Peer::Joining)) => serve_conn(tls, router, Caller::Joining),
                            Err(e) => tracing::warn!(%remote, %e, "TLS handshake refused"),
                        }
                    });
                }
                Err(e) => tracing::warn!(%e, "accept on the cluster port failed"),
            }
        }
    }
}
