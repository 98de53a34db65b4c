//! Ed25519 key pairs in OpenSSH's formats (what `ssh-keygen -t ed25519` writes), for
//! the lab's host keys and client key.

use std::{fs, io::Write, os::unix::fs::OpenOptionsExt, path::Path};

use russh::keys::ssh_key::{LineEnding, PrivateKey, private::Ed25519Keypair};

use super::SshError;

/// A fresh key pair.
pub struct KeyPair {
    key: PrivateKey,
}

impl KeyPair {
    pub fn generate(comment: &str) -> KeyPair {
        let seed: [u8; 32] = rand::random();
        let mut key = PrivateKey::from(Ed25519Keypair::from_seed(&seed));
        key.set_comment(comment);
        KeyPair { key }
    }

    /// `ssh-ed25519 AAAA... comment`.
    pub fn public_line(&self) -> Result<String, SshError> {
        self.key
            .public_key()
            .to_openssh()
            .map_err(|e| SshError::Protocol(e.to_string()))
    }

    /// Writes the private key (mode 0600) to `path` and the public one to `path.pub`.
    pub fn write(&self, path: &Path) -> Result<(), SshError> {
        let pem = self
            .key
            .to_openssh(LineEnding::LF)
            .map_err(|e| SshError::Protocol(e.to_string()))?;
        let mut f = fs::OpenOptions::new()
            .create(true)
            .write(true)
            .truncate(true)
            .mode(0o600)
            .open(path)?;
        f.write_all(pem.as_bytes())?;
        let mut public = self.public_line()?;
        public.push('\n');
        fs::write(path.with_extension("pub"), public)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_keys_load_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("id_ed25519");
        let pair = KeyPair::generate("lab");
        pair.write(&path).unwrap();
        let loaded = russh::keys::load_secret_key(&path, None).unwrap();
        assert_eq!(
            loaded.public_key().to_openssh().unwrap(),
            pair.public_line().unwrap()
        );
        let public = fs::read_to_string(path.with_extension("pub")).unwrap();
        assert!(public.starts_with("ssh-ed25519 AAAA") && public.trim_end().ends_with(" lab"));
    }
}
