//! The cluster's public key infrastructure: a CA per cluster, node keys and
//! certificates (ECDSA P-256, made with rcgen), and reading a node's identity back out
//! of its certificate. Certificates carry the node ID as CN and the role as OU, and a
//! DNS name per role (`shoal-manager`, `shoal-worker`) that TLS clients verify, the
//! way Swarm does, so a manager's certificate does not depend on its IP address.

pub mod tls;

use rcgen::{
    BasicConstraints, CertificateParams, CertificateSigningRequestParams, DistinguishedName,
    DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair, KeyUsagePurpose,
};
use sha2::{Digest, Sha256};
use time::{Duration, OffsetDateTime};

use crate::manager::state::Role;

/// The TLS server name every manager certificate carries and every client checks.
pub const MANAGER_NAME: &str = "shoal-manager";
pub const WORKER_NAME: &str = "shoal-worker";
const CA_VALIDITY_DAYS: i64 = 20 * 365;
const NODE_VALIDITY_DAYS: i64 = 90;

#[derive(Debug, thiserror::Error)]
pub enum PkiError {
    #[error("certificate: {0}")]
    Rcgen(#[from] rcgen::Error),
    #[error("invalid certificate: {0}")]
    Invalid(String),
}

/// SHA-256 of a certificate's DER, as lowercase hex: what a join token pins.
pub fn digest_der(der: &[u8]) -> String {
    hex::encode(Sha256::digest(der))
}

fn pem_to_der(pem: &str) -> Result<Vec<u8>, PkiError> {
    let (_, parsed) = x509_parser::pem::parse_x509_pem(pem.as_bytes())
        .map_err(|e| PkiError::Invalid(e.to_string()))?;
    Ok(parsed.contents)
}

/// The cluster CA: its certificate and key, both PEM.
#[derive(Debug, Clone)]
pub struct Ca {
    pub cert_pem: String,
    pub key_pem: String,
}

impl Ca {
    pub fn generate(cluster_id: &str) -> Result<Ca, PkiError> {
        let key = KeyPair::generate()?;
        let mut params = CertificateParams::default();
        params.distinguished_name = name(&format!("shoal-ca-{cluster_id}"), "ca");
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        validity(&mut params, CA_VALIDITY_DAYS);
        let cert = params.self_signed(&key)?;
        Ok(Ca {
            cert_pem: cert.pem(),
            key_pem: key.serialize_pem(),
        })
    }

    /// What join tokens pin: SHA-256 of the CA certificate.
    pub fn digest(&self) -> Result<String, PkiError> {
        Ok(digest_der(&pem_to_der(&self.cert_pem)?))
    }

    /// Signs the public key of `csr_pem` into a certificate for node `node_id` with
    /// `role`. Everything the certificate says comes from the CA, not the request.
    pub fn sign(&self, csr_pem: &str, node_id: &str, role: Role) -> Result<String, PkiError> {
        let csr = CertificateSigningRequestParams::from_pem(csr_pem)?;
        let key = KeyPair::from_pem(&self.key_pem)?;
        let issuer = Issuer::from_ca_cert_pem(&self.cert_pem, key)?;
        let signed = CertificateSigningRequestParams {
            params: node_params(node_id, role)?,
            public_key: csr.public_key,
        };
        Ok(signed.signed_by(&issuer)?.pem())
    }
}

fn name(cn: &str, ou: &str) -> DistinguishedName {
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, cn);
    dn.push(DnType::OrganizationalUnitName, ou);
    dn.push(DnType::OrganizationName, "shoal");
    dn
}

fn validity(params: &mut CertificateParams, days: i64) {
    let now = OffsetDateTime::now_utc();
    params.not_before = now - Duration::hours(1);
    params.not_after = now + Duration::days(days);
}

/// The DNS name in a node certificate of `role`, which TLS clients verify.
pub fn role_name(role: Role) -> &'static str {
    match role {
        Role::Manager => MANAGER_NAME,
        Role::Worker => WORKER_NAME,
    }
}

fn node_params(node_id: &str, role: Role) -> Result<CertificateParams, PkiError> {
    let mut params = CertificateParams::new(vec![role_name(role).to_string()])?;
    let ou = match role {
        Role::Manager => "manager",
        Role::Worker => "worker",
    };
    params.distinguished_name = name(node_id, ou);
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    params.extended_key_usages = vec![
        ExtendedKeyUsagePurpose::ServerAuth,
        ExtendedKeyUsagePurpose::ClientAuth,
    ];
    params.use_authority_key_identifier_extension = true;
    validity(&mut params, NODE_VALIDITY_DAYS);
    Ok(params)
}

/// A node's new private key and the certificate request that goes to a manager.
pub struct NodeKey {
    pub key_pem: String,
    pub csr_pem: String,
}

impl NodeKey {
    pub fn generate() -> Result<NodeKey, PkiError> {
        let key = KeyPair::generate()?;
        let params = CertificateParams::new(Vec::<String>::new())?;
        let csr = params.serialize_request(&key)?;
        Ok(NodeKey {
            key_pem: key.serialize_pem(),
            csr_pem: csr.pem()?,
        })
    }
}

/// Who a certificate says its holder is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeerIdentity {
    pub node_id: String,
    pub role: Role,
}

/// Reads node ID (CN) and role (OU) from a DER certificate that TLS already verified.
pub fn identity_of(der: &[u8]) -> Result<PeerIdentity, PkiError> {
    let (_, cert) =
        x509_parser::parse_x509_certificate(der).map_err(|e| PkiError::Invalid(e.to_string()))?;
    let subject = cert.subject();
    let first = |it: &mut dyn Iterator<Item = &x509_parser::x509::AttributeTypeAndValue>| {
        it.next().and_then(|a| a.as_str().ok()).map(str::to_string)
    };
    let node_id =
        first(&mut subject.iter_common_name()).ok_or_else(|| PkiError::Invalid("no CN".into()))?;
    let role = match first(&mut subject.iter_organizational_unit()).as_deref() {
        Some("manager") => Role::Manager,
        Some("worker") => Role::Worker,
        other => return Err(PkiError::Invalid(format!("unknown role {other:?}"))),
    };
    Ok(PeerIdentity { node_id, role })
}

/// Reads the identity from a PEM certificate.
pub fn identity_of_pem(pem: &str) -> Result<PeerIdentity, PkiError> {
    identity_of(&pem_to_der(pem)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ca_signs_node_certificates_that_carry_id_and_role() {
        let ca = Ca::generate("c1").unwrap();
        let node = NodeKey::generate().unwrap();
        let cert = ca.sign(&node.csr_pem, "abc123", Role::Manager).unwrap();
        assert_eq!(
            identity_of_pem(&cert).unwrap(),
            PeerIdentity {
                node_id: "abc123".into(),
                role: Role::Manager
            }
        );
        let worker = ca.sign(&node.csr_pem, "w1", Role::Worker).unwrap();
        assert_eq!(identity_of_pem(&worker).unwrap().role, Role::Worker);
        // The certificate chains to the CA: its issuer is the CA's subject.
        let der = pem_to_der(&cert).unwrap();
        let (_, parsed) = x509_parser::parse_x509_certificate(&der).unwrap();
        assert!(parsed.issuer().to_string().contains("shoal-ca-c1"));
    }

    #[test]
    fn digest_is_stable_and_differs_between_cas() {
        let a = Ca::generate("a").unwrap();
        let b = Ca::generate("b").unwrap();
        assert_eq!(a.digest().unwrap(), a.digest().unwrap());
        assert_eq!(a.digest().unwrap().len(), 64);
        assert_ne!(a.digest().unwrap(), b.digest().unwrap());
    }

    #[test]
    fn garbage_is_refused() {
        let ca = Ca::generate("c").unwrap();
        assert!(ca.sign("not a csr", "x", Role::Worker).is_err());
        assert!(identity_of(b"junk").is_err());
    }
}
