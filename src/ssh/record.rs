//! How each node was added over SSH, so `node rm --force` can take it off its host
//! again: user, host, port, key, ssh config, sudo, and the host's layout (binary, data
//! dir, socket, unit) and supervisor. Kept by the CLI beside its contexts
//! (`$XDG_CONFIG_HOME/shoal/ssh-nodes.yaml`), not in the manager's Raft state: these
//! are the operator's credentials and paths on the operator's machine (a key file
//! means nothing to the managers), and the cluster never needs them to run.

use std::{
    fs,
    io::Write,
    os::unix::fs::OpenOptionsExt,
    path::{Path, PathBuf},
};

use serde::{Deserialize, Serialize};

use super::{
    SshError,
    remote::{Layout, Supervisor},
};

/// One node added over SSH.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NodeRecord {
    pub cluster_id: String,
    pub node_id: String,
    /// `[user@]host` as given to `node add`.
    pub target: String,
    pub user: String,
    pub host: String,
    pub port: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<PathBuf>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ssh_config: Option<PathBuf>,
    #[serde(default)]
    pub sudo: bool,
    pub layout: Layout,
    pub supervisor: Supervisor,
    /// The add put the binary there (so removal takes it away).
    pub uploaded: bool,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct File {
    #[serde(default)]
    nodes: Vec<NodeRecord>,
}

/// The records file.
#[derive(Debug, Clone)]
pub struct Records {
    path: PathBuf,
}

impl Records {
    pub fn new(path: impl Into<PathBuf>) -> Records {
        Records { path: path.into() }
    }

    /// `ssh-nodes.yaml` beside the contexts' config file.
    pub fn beside(config_file: &Path) -> Records {
        Records::new(
            config_file
                .parent()
                .unwrap_or(Path::new("."))
                .join("ssh-nodes.yaml"),
        )
    }

    fn fail(&self, e: impl std::fmt::Display) -> SshError {
        SshError::Config(format!("{}: {e}", self.path.display()))
    }

    pub fn load(&self) -> Result<Vec<NodeRecord>, SshError> {
        match fs::read_to_string(&self.path) {
            Ok(text) => serde_yaml::from_str::<File>(&text)
                .map(|f| f.nodes)
                .map_err(|e| self.fail(e)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
            Err(e) => Err(self.fail(e)),
        }
    }

    fn save(&self, nodes: Vec<NodeRecord>) -> Result<(), SshError> {
        let text = serde_yaml::to_string(&File { nodes }).map_err(|e| self.fail(e))?;
        let tmp = self.path.with_extension("yaml.tmp");
        let write = || -> std::io::Result<()> {
            if let Some(dir) = self.path.parent() {
                fs::create_dir_all(dir)?;
            }
            let mut f = fs::OpenOptions::new()
                .create(true)
                .write(true)
                .truncate(true)
                .mode(0o600)
                .open(&tmp)?;
            f.write_all(text.as_bytes())?;
            f.sync_all()?;
            fs::rename(&tmp, &self.path)
        };
        write().map_err(|e| self.fail(e))
    }

    /// Adds (or replaces, by cluster and node) `new` records.
    pub fn put(&self, new: Vec<NodeRecord>) -> Result<(), SshError> {
        if new.is_empty() {
            return Ok(());
        }
        let mut nodes = self.load()?;
        nodes.retain(|n| {
            !new.iter()
                .any(|m| m.cluster_id == n.cluster_id && m.node_id == n.node_id)
        });
        nodes.extend(new);
        self.save(nodes)
    }

    /// The record of `node_id` in `cluster_id`.
    pub fn find(&self, cluster_id: &str, node_id: &str) -> Result<Option<NodeRecord>, SshError> {
        Ok(self
            .load()?
            .into_iter()
            .find(|n| n.cluster_id == cluster_id && n.node_id == node_id))
    }

    /// Forgets the records `drop` selects.
    pub fn forget(&self, drop: impl Fn(&NodeRecord) -> bool) -> Result<(), SshError> {
        let nodes = self.load()?;
        let before = nodes.len();
        let kept: Vec<NodeRecord> = nodes.into_iter().filter(|n| !drop(n)).collect();
        if kept.len() == before {
            return Ok(());
        }
        self.save(kept)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(node: &str) -> NodeRecord {
        NodeRecord {
            cluster_id: "c".into(),
            node_id: node.into(),
            target: "root@h".into(),
            user: "root".into(),
            host: "h".into(),
            port: 22,
            identity: Some("/k".into()),
            ssh_config: None,
            sudo: false,
            layout: Layout {
                remote_path: "/usr/local/bin/shoal".into(),
                data_dir: "/var/lib/shoal".into(),
                socket: "/run/shoal/shoal.sock".into(),
                unit: "shoal-agent.service".into(),
                node_name: None,
                advertise_addr: None,
            },
            supervisor: Supervisor::Systemd,
            uploaded: true,
        }
    }

    #[test]
    fn put_find_forget() {
        let dir = tempfile::tempdir().unwrap();
        let r = Records::beside(&dir.path().join("shoal/config.yaml"));
        assert_eq!(r.find("c", "a").unwrap(), None);
        r.put(vec![rec("a"), rec("b")]).unwrap();
        let mut changed = rec("a");
        changed.port = 2222;
        r.put(vec![changed.clone()]).unwrap();
        assert_eq!(r.find("c", "a").unwrap(), Some(changed));
        assert_eq!(r.load().unwrap().len(), 2);
        r.forget(|n| n.node_id == "b").unwrap();
        assert_eq!(r.load().unwrap().len(), 1);
        assert!(dir.path().join("shoal/ssh-nodes.yaml").exists());
    }
}
