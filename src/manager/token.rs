//! Join tokens: `SHTKN-1-<CA digest>-<secret>`. The digest (SHA-256 of the cluster CA
//! certificate, hex) lets a joining node authenticate the manager before it sends the
//! secret; the secret says which role the node may join as.

use std::{fmt, str::FromStr};

use rand::Rng;

const PREFIX: &str = "SHTKN";
const VERSION: &str = "1";
const SECRET_LEN: usize = 25;
const BASE36: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JoinToken {
    pub ca_digest: String,
    pub secret: String,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("invalid join token: {0} (expected SHTKN-1-<64 hex digits>-<25 letters and digits>)")]
pub struct TokenError(&'static str);

/// Random lowercase base36, as Docker's IDs and token secrets.
pub fn random_base36(len: usize) -> String {
    let mut rng = rand::thread_rng();
    (0..len)
        .map(|_| BASE36[rng.gen_range(0..BASE36.len())] as char)
        .collect()
}

pub fn new_secret() -> String {
    random_base36(SECRET_LEN)
}

impl JoinToken {
    pub fn new(ca_digest: &str, secret: &str) -> Self {
        JoinToken {
            ca_digest: ca_digest.to_string(),
            secret: secret.to_string(),
        }
    }
}

impl FromStr for JoinToken {
    type Err = TokenError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let parts: Vec<&str> = s.trim().split('-').collect();
        let [prefix, version, digest, secret] = parts[..] else {
            return Err(TokenError("it does not have four parts separated by '-'"));
        };
        if prefix != PREFIX {
            return Err(TokenError("it does not start with SHTKN"));
        }
        if version != VERSION {
            return Err(TokenError("unknown token version"));
        }
        if digest.len() != 64 || !digest.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(TokenError("the CA digest is not 64 hex digits"));
        }
        if secret.len() != SECRET_LEN || !secret.bytes().all(|b| BASE36.contains(&b)) {
            return Err(TokenError(
                "the secret is not 25 lowercase letters and digits",
            ));
        }
        Ok(JoinToken {
            ca_digest: digest.to_lowercase(),
            secret: secret.to_string(),
        })
    }
}

impl fmt::Display for JoinToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{PREFIX}-{VERSION}-{}-{}", self.ca_digest, self.secret)
    }
}

/// Compares secrets in time independent of where they differ.
pub fn secrets_match(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    const DIGEST: &str = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";

    #[test]
    fn round_trips() {
        let t = JoinToken::new(DIGEST, &new_secret());
        let s = t.to_string();
        assert!(s.starts_with("SHTKN-1-"));
        assert_eq!(s.parse::<JoinToken>().unwrap(), t);
    }

    #[test]
    fn refuses_malformed_tokens() {
        let secret = new_secret();
        for bad in [
            String::new(),
            "SHTKN-1-abc".to_string(),
            format!("SWMTKN-1-{DIGEST}-{secret}"),
            format!("SHTKN-2-{DIGEST}-{secret}"),
            format!("SHTKN-1-{}-{secret}", &DIGEST[1..]),
            format!("SHTKN-1-{}-{secret}", DIGEST.replace('0', "g")),
            format!("SHTKN-1-{DIGEST}-{}", &secret[1..]),
            format!(
                "SHTKN-1-{DIGEST}-{}",
                secret.to_uppercase().replace(char::is_numeric, "A")
            ),
        ] {
            let err = bad.parse::<JoinToken>().unwrap_err().to_string();
            assert!(err.starts_with("invalid join token"), "{bad}: {err}");
        }
    }

    #[test]
    fn secrets_are_random_and_compared_whole() {
        assert_ne!(new_secret(), new_secret());
        assert!(secrets_match("abc", "abc"));
        assert!(!secrets_match("abc", "abd"));
        assert!(!secrets_match("abc", "ab"));
    }
}
