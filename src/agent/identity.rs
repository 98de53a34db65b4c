//! What a node keeps in its data dir to stay in its cluster across restarts:
//! `node.yaml` (cluster, node and role, managers), `tls/` (key, certificate, CA) and,
//! on managers, `raft/` (the store). `node.yaml` is written last and atomically, so a
//! node is a member exactly when it exists.

use std::{
    fs,
    io::{self, Write},
    os::unix::fs::{OpenOptionsExt, PermissionsExt},
    path::{Path, PathBuf},
};

use serde::{Deserialize, Serialize};

use crate::{
    manager::state::{RaftId, Role},
    pki::tls::NodeTls,
};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    pub cluster_id: String,
    pub node_id: String,
    pub raft_id: RaftId,
    pub role: Role,
    /// Advertise address (IP).
    pub addr: String,
    /// Cluster API port (2377).
    pub port: u16,
    /// Where this node listens for the cluster API (managers).
    pub listen: String,
    /// `addr:port` of managers, the most recently seen leader first.
    pub managers: Vec<String>,
}

impl Membership {
    /// `addr:port` of this node's cluster API.
    pub fn api_addr(&self) -> String {
        join_host_port(&self.addr, self.port)
    }
}

/// `host:port`, with brackets around an IPv6 address.
pub fn join_host_port(host: &str, port: u16) -> String {
    if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    }
}

#[derive(Debug, Clone)]
pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        DataDir { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    fn membership_file(&self) -> PathBuf {
        self.root.join("node.yaml")
    }

    fn tls_dir(&self) -> PathBuf {
        self.root.join("tls")
    }

    pub fn raft_dir(&self) -> PathBuf {
        self.root.join("raft")
    }

    /// Creates the data dir, readable by root only.
    pub fn create(&self) -> io::Result<()> {
        fs::create_dir_all(&self.root)?;
        fs::set_permissions(&self.root, fs::Permissions::from_mode(0o700))
    }

    /// The membership and TLS material, or `None` when this node is in no cluster.
    pub fn load(&self) -> io::Result<Option<(Membership, NodeTls)>> {
        let text = match fs::read_to_string(self.membership_file()) {
            Ok(t) => t,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        let m: Membership = serde_yaml::from_str(&text).map_err(|e| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("{}: {e}", self.membership_file().display()),
            )
        })?;
        let read = |f: &str| fs::read_to_string(self.tls_dir().join(f));
        let tls = NodeTls {
            cert_pem: read("cert.pem")?,
            key_pem: read("key.pem")?,
            ca_pem: read("ca.pem")?,
        };
        Ok(Some((m, tls)))
    }

    pub fn save_tls(&self, tls: &NodeTls) -> io::Result<()> {
        let dir = self.tls_dir();
        fs::create_dir_all(&dir)?;
        write_atomic(&dir.join("key.pem"), tls.key_pem.as_bytes(), 0o600)?;
        write_atomic(&dir.join("cert.pem"), tls.cert_pem.as_bytes(), 0o644)?;
        write_atomic(&dir.join("ca.pem"), tls.ca_pem.as_bytes(), 0o644)
    }

    pub fn save_membership(&self, m: &Membership) -> io::Result<()> {
        let text = serde_yaml::to_string(m).map_err(io::Error::other)?;
        write_atomic(&self.membership_file(), text.as_bytes(), 0o600)
    }

    /// Forgets the cluster: membership first (so a crash midway leaves a non-member),
    /// then certificates and the store.
    pub fn clear(&self) -> io::Result<()> {
        let gossip = self.root.join(super::gossip::follow::SETUP_FILE);
        for f in [self.membership_file(), gossip] {
            match fs::remove_file(f) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
        for d in [self.tls_dir(), self.raft_dir()] {
            match fs::remove_dir_all(d) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
        Ok(())
    }
}

/// Writes beside `path`, syncs, then renames over it.
pub fn write_atomic(path: &Path, data: &[u8], mode: u32) -> io::Result<()> {
    let tmp = path.with_extension("tmp");
    let mut f = fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(mode)
        .open(&tmp)?;
    f.write_all(data)?;
    f.sync_all()?;
    fs::rename(&tmp, path)?;
    if let Some(dir) = path.parent() {
        fs::File::open(dir)?.sync_all()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn membership_round_trips_and_clears() {
        let dir = tempfile::tempdir().unwrap();
        let d = DataDir::new(dir.path().join("data"));
        d.create().unwrap();
        assert!(d.load().unwrap().is_none());
        let tls = NodeTls {
            cert_pem: "c".into(),
            key_pem: "k".into(),
            ca_pem: "a".into(),
        };
        let m = Membership {
            cluster_id: "c1".into(),
            node_id: "n1".into(),
            raft_id: 7,
            role: Role::Worker,
            addr: "192.0.2.2".into(),
            port: 2377,
            listen: "0.0.0.0:2377".into(),
            managers: vec!["192.0.2.1:2377".into()],
        };
        d.save_tls(&tls).unwrap();
        assert!(
            d.load().unwrap().is_none(),
            "no membership yet: not a member"
        );
        d.save_membership(&m).unwrap();
        let (m2, tls2) = d.load().unwrap().unwrap();
        assert_eq!(m2, m);
        assert_eq!(tls2.key_pem, "k");
        let mode = fs::metadata(d.root().join("tls/key.pem"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        d.clear().unwrap();
        assert!(d.load().unwrap().is_none());
    }
}
