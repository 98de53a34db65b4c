//! SSH, the operator's way onto hosts (DESIGN.md section 8): a russh session with
//! OpenSSH's config, known_hosts and agent (`session`, `target`, `config`,
//! `known_hosts`); the bootstrap that installs, starts and joins an agent on a host
//! (`bootstrap`, `remote`) and takes it off again (`uninstall`); the record of how each
//! node was added (`record`); and `dial-stdio`, which carries the API's HTTP over an
//! exec channel for `ssh://` endpoints (`dial`).

pub mod bootstrap;
pub mod config;
pub mod dial;
pub mod keygen;
pub mod known_hosts;
pub mod record;
pub mod remote;
pub mod session;
pub mod target;
pub mod uninstall;

use std::path::PathBuf;

pub use session::Session;
pub use target::{ConnectSpec, Destination, Request};

#[derive(Debug, thiserror::Error)]
pub enum SshError {
    #[error("ssh config: {0}")]
    Config(String),
    #[error("known_hosts: {0}")]
    KnownHosts(String),
    #[error("{0}")]
    HostKey(String),
    #[error("cannot connect to {addr}: {reason}")]
    Connect { addr: String, reason: String },
    #[error(
        "no SSH key to offer: pass -i KEY, set IdentityFile in the ssh config, add ~/.ssh/id_ed25519, or start an ssh-agent (SSH_AUTH_SOCK)"
    )]
    NoKey,
    #[error("cannot use key {}: {reason}", path.display())]
    Key { path: PathBuf, reason: String },
    #[error("authentication as {dest} failed: the server refused {tried}")]
    AuthFailed { dest: String, tried: String },
    #[error("ssh: {0}")]
    Protocol(String),
    #[error("{0}")]
    Remote(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}
