//! TLS for the cluster port (2377): mutual TLS between nodes with the cluster CA, and
//! the one exception, joining. A node that joins has no certificate yet and does not
//! know the CA; it offers ALPN `shoal-join`, pins the manager's CA by the digest in its
//! token, and may call only the join endpoint. Every other connection must present a
//! certificate from the cluster CA or is refused during the handshake.

use std::{io, sync::Arc};

use rustls::{
    ClientConfig, DigitallySignedStruct, RootCertStore, ServerConfig, SignatureScheme,
    client::{
        WebPkiServerVerifier,
        danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier},
    },
    crypto::{CryptoProvider, ring},
    pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime, pem::PemObject},
    server::WebPkiClientVerifier,
};
use tokio::io::{AsyncRead, AsyncWrite};

use super::{MANAGER_NAME, PeerIdentity, digest_der, identity_of};

pub const JOIN_ALPN: &[u8] = b"shoal-join";
const HTTP_ALPN: &[u8] = b"http/1.1";

#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    #[error("tls: {0}")]
    Rustls(#[from] rustls::Error),
    #[error("tls: bad PEM: {0}")]
    Pem(String),
    #[error("tls: {0}")]
    Verifier(String),
}

/// A node's TLS material, PEM.
#[derive(Debug, Clone)]
pub struct NodeTls {
    pub cert_pem: String,
    pub key_pem: String,
    pub ca_pem: String,
}

fn provider() -> Arc<CryptoProvider> {
    Arc::new(ring::default_provider())
}

fn certs(pem: &str) -> Result<Vec<CertificateDer<'static>>, TlsError> {
    CertificateDer::pem_slice_iter(pem.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| TlsError::Pem(e.to_string()))
}

fn key(pem: &str) -> Result<PrivateKeyDer<'static>, TlsError> {
    PrivateKeyDer::from_pem_slice(pem.as_bytes()).map_err(|e| TlsError::Pem(e.to_string()))
}

fn roots(ca_pem: &str) -> Result<Arc<RootCertStore>, TlsError> {
    let mut roots = RootCertStore::empty();
    for c in certs(ca_pem)? {
        roots.add(c)?;
    }
    Ok(Arc::new(roots))
}

impl NodeTls {
    /// Leaf then CA, so a joining node can find the CA it pins.
    fn chain(&self) -> Result<Vec<CertificateDer<'static>>, TlsError> {
        let mut chain = certs(&self.cert_pem)?;
        chain.extend(certs(&self.ca_pem)?);
        Ok(chain)
    }

    /// The server side for cluster members: a client certificate from the CA is required.
    pub fn server_config(&self) -> Result<Arc<ServerConfig>, TlsError> {
        let verifier =
            WebPkiClientVerifier::builder_with_provider(roots(&self.ca_pem)?, provider())
                .build()
                .map_err(|e| TlsError::Verifier(e.to_string()))?;
        let mut cfg = ServerConfig::builder_with_provider(provider())
            .with_safe_default_protocol_versions()?
            .with_client_cert_verifier(verifier)
            .with_single_cert(self.chain()?, key(&self.key_pem)?)?;
        cfg.alpn_protocols = vec![HTTP_ALPN.to_vec()];
        Ok(Arc::new(cfg))
    }

    /// The server side for joining nodes: no client certificate, ALPN `shoal-join`.
    pub fn join_server_config(&self) -> Result<Arc<ServerConfig>, TlsError> {
        let mut cfg = ServerConfig::builder_with_provider(provider())
            .with_safe_default_protocol_versions()?
            .with_no_client_auth()
            .with_single_cert(self.chain()?, key(&self.key_pem)?)?;
        cfg.alpn_protocols = vec![JOIN_ALPN.to_vec()];
        Ok(Arc::new(cfg))
    }

    /// The client side between members: presents this node's certificate and trusts
    /// only the cluster CA.
    pub fn client_config(&self) -> Result<Arc<ClientConfig>, TlsError> {
        let mut cfg = ClientConfig::builder_with_provider(provider())
            .with_safe_default_protocol_versions()?
            .with_root_certificates(roots(&self.ca_pem)?)
            .with_client_auth_cert(certs(&self.cert_pem)?, key(&self.key_pem)?)?;
        cfg.alpn_protocols = vec![HTTP_ALPN.to_vec()];
        Ok(Arc::new(cfg))
    }
}

/// The name clients verify on a manager's certificate.
pub fn manager_server_name() -> Result<ServerName<'static>, TlsError> {
    ServerName::try_from(MANAGER_NAME).map_err(|e| TlsError::Verifier(e.to_string()))
}

/// The name a node of `role` is verified by (`shoal-manager` or `shoal-worker`).
pub fn server_name(role: crate::manager::state::Role) -> ServerName<'static> {
    ServerName::try_from(super::role_name(role)).expect("role names are valid DNS names")
}

/// The client side of a join: trusts whatever CA has SHA-256 `digest`, and nothing else.
pub fn join_client_config(digest: &str) -> Result<Arc<ClientConfig>, TlsError> {
    let verifier = Arc::new(PinnedCaVerifier {
        digest: digest.to_lowercase(),
        provider: provider(),
    });
    let mut cfg = ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()?
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth();
    cfg.alpn_protocols = vec![JOIN_ALPN.to_vec()];
    Ok(Arc::new(cfg))
}

/// Message of the error a joining node gets when the manager's CA is not the pinned one.
pub const CA_MISMATCH: &str =
    "the manager's CA certificate does not match the digest in the join token";

/// Verifies a manager's chain against the CA the join token pins by digest.
#[derive(Debug)]
struct PinnedCaVerifier {
    digest: String,
    provider: Arc<CryptoProvider>,
}

impl ServerCertVerifier for PinnedCaVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let ca = intermediates
            .iter()
            .find(|c| digest_der(c) == self.digest)
            .ok_or_else(|| rustls::Error::General(CA_MISMATCH.into()))?;
        let mut roots = RootCertStore::empty();
        roots.add(ca.clone().into_owned())?;
        let inner =
            WebPkiServerVerifier::builder_with_provider(Arc::new(roots), self.provider.clone())
                .build()
                .map_err(|e| rustls::Error::General(e.to_string()))?;
        inner.verify_server_cert(end_entity, &[], server_name, ocsp, now)
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

/// Who is on the other end of an accepted cluster connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Peer {
    /// A member, as its verified certificate says.
    Node(PeerIdentity),
    /// A node that is joining (ALPN `shoal-join`, no certificate).
    Joining,
}

/// Server configs for the cluster port, chosen per connection by ALPN.
#[derive(Clone)]
pub struct Acceptor {
    pub members: Arc<ServerConfig>,
    pub joining: Arc<ServerConfig>,
}

impl Acceptor {
    pub fn new(tls: &NodeTls) -> Result<Acceptor, TlsError> {
        Ok(Acceptor {
            members: tls.server_config()?,
            joining: tls.join_server_config()?,
        })
    }

    /// Completes the handshake and says who the peer is.
    pub async fn accept<S: AsyncRead + AsyncWrite + Unpin>(
        &self,
        stream: S,
    ) -> io::Result<(tokio_rustls::server::TlsStream<S>, Peer)> {
        let start =
            tokio_rustls::LazyConfigAcceptor::new(rustls::server::Acceptor::default(), stream)
                .await?;
        let joining = start
            .client_hello()
            .alpn()
            .is_some_and(|mut protos| protos.any(|p| p == JOIN_ALPN));
        let cfg = if joining {
            self.joining.clone()
        } else {
            self.members.clone()
        };
        let tls = start.into_stream(cfg).await?;
        if joining {
            return Ok((tls, Peer::Joining));
        }
        let der = tls
            .get_ref()
            .1
            .peer_certificates()
            .and_then(|c| c.first())
            .ok_or_else(|| io::Error::other("no client certificate"))?;
        let id = identity_of(der).map_err(io::Error::other)?;
        Ok((tls, Peer::Node(id)))
    }
}

#[cfg(test)]
mod tests {
    use tokio::io::{AsyncReadExt, AsyncWriteExt, duplex};
    use tokio_rustls::TlsConnector;

    use super::*;
    use crate::{
        manager::state::Role,
        pki::{Ca, NodeKey},
    };

    fn node(ca: &Ca, id: &str, role: Role) -> NodeTls {
        let k = NodeKey::generate().unwrap();
        NodeTls {
            cert_pem: ca.sign(&k.csr_pem, id, role).unwrap(),
            key_pem: k.key_pem,
            ca_pem: ca.cert_pem.clone(),
        }
    }

    /// Runs one handshake; returns the server's view of the peer, or the client's error.
    async fn handshake(server: &NodeTls, client: Arc<ClientConfig>) -> Result<Peer, String> {
        let (c, s) = duplex(64 * 1024);
        let acceptor = Acceptor::new(server).unwrap();
        let srv = tokio::spawn(async move {
            let (mut tls, peer) = acceptor.accept(s).await.map_err(|e| e.to_string())?;
            tls.write_all(b"ok").await.map_err(|e| e.to_string())?;
            tls.flush().await.map_err(|e| e.to_string())?;
            Ok::<_, String>(peer)
        });
        let connector = TlsConnector::from(client);
        let mut tls = connector
            .connect(manager_server_name().unwrap(), c)
            .await
            .map_err(|e| e.to_string())?;
        let mut buf = [0u8; 2];
        tls.read_exact(&mut buf).await.map_err(|e| e.to_string())?;
        srv.await.unwrap()
    }

    #[tokio::test]
    async fn members_authenticate_each_other() {
        let ca = Ca::generate("c").unwrap();
        let mgr = node(&ca, "m1", Role::Manager);
        let worker = node(&ca, "w1", Role::Worker);
        let peer = handshake(&mgr, worker.client_config().unwrap())
            .await
            .unwrap();
        assert_eq!(
            peer,
            Peer::Node(PeerIdentity {
                node_id: "w1".into(),
                role: Role::Worker
            })
        );
    }

    #[tokio::test]
    async fn strangers_are_refused_in_the_handshake() {
        let ca = Ca::generate("c").unwrap();
        let mgr = node(&ca, "m1", Role::Manager);
        let other_ca = Ca::generate("evil").unwrap();
        let stranger = node(&other_ca, "x", Role::Manager);
        assert!(
            handshake(&mgr, stranger.client_config().unwrap())
                .await
                .is_err()
        );
        // No client certificate at all, without the join ALPN.
        let mut anon = ClientConfig::builder_with_provider(provider())
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_root_certificates(roots(&ca.cert_pem).unwrap())
            .with_no_client_auth();
        anon.alpn_protocols = vec![HTTP_ALPN.to_vec()];
        assert!(handshake(&mgr, Arc::new(anon)).await.is_err());
    }

    #[tokio::test]
    async fn joining_pins_the_ca_by_digest() {
        let ca = Ca::generate("c").unwrap();
        let mgr = node(&ca, "m1", Role::Manager);
        let ok = join_client_config(&ca.digest().unwrap()).unwrap();
        assert_eq!(handshake(&mgr, ok).await.unwrap(), Peer::Joining);
        let wrong = join_client_config(&Ca::generate("o").unwrap().digest().unwrap()).unwrap();
        let err = handshake(&mgr, wrong).await.unwrap_err();
        assert!(err.contains(CA_MISMATCH), "{err}");
    }
}
