//! Where and how to connect: `[user@]host` plus the command line (`-i`, `-p`,
//! `--accept-new-host-key`) plus the ssh config, resolved into one `ConnectSpec`, and
//! the key files it names loaded. The command line wins over the config, the config
//! over the defaults (the local user, port 22, `~/.ssh/id_*`, `~/.ssh/known_hosts`).

use std::{
    fmt,
    path::{Path, PathBuf},
    time::Duration,
};

use russh::keys::PrivateKey;

use super::{
    SshError,
    config::{DEFAULT_PORT, SshConfig, Tokens, expand_path},
};

/// The environment variable that names the ssh config to read instead of
/// `~/.ssh/config` (for `ssh://` endpoints, which take no flags; the lab sets it).
pub const CONFIG_ENV: &str = "SHOAL_SSH_CONFIG";
/// How long connecting (TCP, handshake, authentication) may take by default.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// The key files tried when neither `-i` nor the config names one.
const DEFAULT_KEYS: &[&str] = &["id_ed25519", "id_ecdsa", "id_rsa"];

/// A user on a host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Destination {
    /// The name as given (`web-1` in `ops@web-1`), before `HostName`.
    pub alias: String,
    pub user: String,
    /// The address connected to.
    pub host: String,
    pub port: u16,
}

impl Destination {
    /// `host:port` for TCP (IPv6 in brackets).
    pub fn addr(&self) -> String {
        if self.host.contains(':') {
            format!("[{}]:{}", self.host, self.port)
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }
}

impl fmt::Display for Destination {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{}", self.user, self.alias)?;
        if self.port != DEFAULT_PORT {
            write!(f, ":{}", self.port)?;
        }
        Ok(())
    }
}

/// Everything `Session::connect` needs.
#[derive(Debug, Clone)]
pub struct ConnectSpec {
    pub dest: Destination,
    /// Key files to offer, in order.
    pub identity_files: Vec<PathBuf>,
    /// True when the files were asked for (`-i`, `IdentityFile`): a missing one is an
    /// error, while missing default keys are skipped.
    pub explicit_identities: bool,
    pub use_agent: bool,
    pub known_hosts: Vec<PathBuf>,
    /// StrictHostKeyChecking=accept-new: record an unknown host's key.
    pub accept_new: bool,
    pub timeout: Duration,
}

/// What the command line says about a connection.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// `[user@]host`.
    pub target: String,
    pub user: Option<String>,
    pub port: Option<u16>,
    pub identity: Option<PathBuf>,
    /// The ssh config to read (default: SHOAL_SSH_CONFIG, else `~/.ssh/config`).
    pub config: Option<PathBuf>,
    pub accept_new: bool,
}

fn home() -> Result<PathBuf, SshError> {
    std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
        .ok_or_else(|| SshError::Config("HOME is not set".into()))
}

fn local_user() -> String {
    std::env::var("USER")
        .ok()
        .filter(|u| !u.is_empty())
        .or_else(|| {
            nix::unistd::User::from_uid(nix::unistd::getuid())
                .ok()
                .flatten()
                .map(|u| u.name)
        })
        .unwrap_or_else(|| "root".into())
}

/// The ssh config file in force for `req`.
pub fn config_path(explicit: Option<&Path>) -> Result<PathBuf, SshError> {
    if let Some(p) = explicit {
        return Ok(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os(CONFIG_ENV).filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    Ok(home()?.join(".ssh/config"))
}

/// Applies the command line over the config over the defaults.
pub fn resolve(req: &Request) -> Result<ConnectSpec, SshError> {
    let (user_part, alias) = match req.target.rsplit_once('@') {
        Some((u, h)) if !u.is_empty() && !h.is_empty() => (Some(u.to_string()), h.to_string()),
        None if !req.target.is_empty() => (None, req.target.clone()),
        _ => {
            return Err(SshError::Config(format!(
                "invalid destination {:?}: use [USER@]HOST",
                req.target
            )));
        }
    };
    let path = config_path(req.config.as_deref())?;
    let hc = SshConfig::load(&path)?.host(&alias)?;
    let home = home()?;
    let local = local_user();
    let host = hc
        .host_name
        .map(|h| h.replace("%h", &alias).replace("%%", "%"))
        .unwrap_or_else(|| alias.clone());
    let dest = Destination {
        user: req
            .user
            .clone()
            .or(user_part)
            .or(hc.user)
            .unwrap_or_else(|| local.clone()),
        port: req.port.or(hc.port).unwrap_or(DEFAULT_PORT),
        host,
        alias,
    };
    let tokens = Tokens {
        host: dest.host.clone(),
        alias: dest.alias.clone(),
        port: dest.port,
        user: dest.user.clone(),
        local_user: local,
        home: home.clone(),
    };
    let mut files: Vec<PathBuf> = req.identity.iter().cloned().collect();
    files.extend(hc.identity_files.iter().map(|p| expand_path(p, &tokens)));
    let explicit = !files.is_empty();
    if !explicit {
        files = DEFAULT_KEYS
            .iter()
            .map(|k| home.join(".ssh").join(k))
            .collect();
    }
    let mut known_hosts: Vec<PathBuf> = hc
        .known_hosts_files
        .iter()
        .map(|p| expand_path(p, &tokens))
        .collect();
    if known_hosts.is_empty() {
        known_hosts.push(home.join(".ssh/known_hosts"));
    }
    Ok(ConnectSpec {
        dest,
        identity_files: files,
        explicit_identities: explicit,
        // IdentitiesOnly: only the named files, not whatever else the agent holds.
        use_agent: !(hc.identities_only && explicit),
        known_hosts,
        accept_new: req.accept_new,
        timeout: hc.connect_timeout.unwrap_or(DEFAULT_TIMEOUT),
    })
}

/// The ssh-agent's socket, when `SSH_AUTH_SOCK` names one.
pub fn agent_socket() -> Option<PathBuf> {
    std::env::var_os("SSH_AUTH_SOCK")
        .filter(|s| !s.is_empty())
        .map(PathBuf::from)
}

/// A private key and how to name it in messages.
pub struct LoadedKey {
    pub key: PrivateKey,
    pub label: String,
}

/// Loads the spec's key files: asked-for files must load, default ones may be absent
/// (passphrase-protected ones are left to the agent).
pub fn load_keys(spec: &ConnectSpec) -> Result<Vec<LoadedKey>, SshError> {
    let mut keys = Vec::new();
    for path in &spec.identity_files {
        if !path.exists() && !spec.explicit_identities {
            continue;
        }
        match russh::keys::load_secret_key(path, None) {
            Ok(key) => keys.push(LoadedKey {
                key,
                label: path.display().to_string(),
            }),
            Err(russh::keys::Error::KeyIsEncrypted) => {
                tracing::debug!(key = %path.display(), "passphrase-protected; left to the agent")
            }
            Err(e) if spec.explicit_identities => {
                return Err(SshError::Key {
                    path: path.clone(),
                    reason: e.to_string(),
                });
            }
            Err(e) => tracing::debug!(key = %path.display(), error = %e, "skipped"),
        }
    }
    Ok(keys)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_config(text: &str, req: Request) -> ConnectSpec {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config");
        std::fs::write(&path, text).unwrap();
        resolve(&Request {
            config: Some(path),
            ..req
        })
        .unwrap()
    }

    #[test]
    fn command_line_wins_over_config() {
        let cfg = "Host lab-*\n  HostName 192.0.2.%h\n  User admin\n  Port 2200\n  IdentityFile /keys/%r_%p\n  UserKnownHostsFile /kh\n  ConnectTimeout 2\n";
        let s = with_config(
            cfg,
            Request {
                target: "lab-7".into(),
                ..Default::default()
            },
        );
        assert_eq!(s.dest.host, "192.0.2.lab-7");
        assert_eq!(s.dest.user, "admin");
        assert_eq!(s.dest.port, 2200);
        assert_eq!(s.identity_files, [PathBuf::from("/keys/admin_2200")]);
        assert!(s.explicit_identities);
        assert_eq!(s.known_hosts, [PathBuf::from("/kh")]);
        assert_eq!(s.timeout, Duration::from_secs(2));
        let s = with_config(
            cfg,
            Request {
                target: "root@lab-7".into(),
                port: Some(22),
                identity: Some("/my/key".into()),
                ..Default::default()
            },
        );
        assert_eq!(s.dest.user, "root");
        assert_eq!(s.dest.port, 22);
        assert_eq!(s.dest.to_string(), "root@lab-7");
        assert_eq!(s.identity_files[0], PathBuf::from("/my/key"));
    }

    #[test]
    fn defaults_without_config() {
        let s = with_config(
            "",
            Request {
                target: "h".into(),
                ..Default::default()
            },
        );
        assert_eq!(s.dest.port, 22);
        assert!(!s.explicit_identities);
        assert!(s.identity_files[0].ends_with(".ssh/id_ed25519"));
        assert!(s.known_hosts[0].ends_with(".ssh/known_hosts"));
        assert_eq!(s.dest.addr(), "h:22");
    }

    #[test]
    fn bad_destinations() {
        for t in ["", "@h", "u@"] {
            let r = resolve(&Request {
                target: t.into(),
                config: Some("/nonexistent".into()),
                ..Default::default()
            });
            assert!(r.is_err(), "{t:?}");
        }
    }
}
