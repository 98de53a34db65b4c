//! Running things on a host as root: shell scripts over a session, through `sudo -n`
//! when the login user is not root, and where shoal puts its files there (`Layout`):
//! the binary, data dir, socket, and the systemd unit or the supervisor's PID files.

use std::{
    path::{Path, PathBuf},
    sync::Arc,
};

use serde::{Deserialize, Serialize};

use super::{Session, SshError, dial::Dialer, session::Output};
use crate::api::client::Client;

/// Where the binary goes by default (`--remote-path`).
pub const DEFAULT_REMOTE_PATH: &str = "/usr/local/bin/shoal";
/// The systemd unit shoal installs by default.
pub const DEFAULT_UNIT: &str = "shoal-agent.service";
const UNIT_DIR: &str = "/etc/systemd/system";

/// How the agent is kept running on a host.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Supervisor {
    /// A systemd unit (`Restart=always`), where `/run/systemd/system` exists.
    Systemd,
    /// A detached shell loop (`setsid`) that restarts the agent when it exits.
    Detached,
}

/// Per-host paths and agent flags (the lab sets them per host: one filesystem).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Layout {
    pub remote_path: PathBuf,
    pub data_dir: PathBuf,
    pub socket: PathBuf,
    /// The systemd unit's name (used when the supervisor is systemd).
    pub unit: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advertise_addr: Option<String>,
}

impl Layout {
    /// This layout for one host: `%n` becomes the host as given (`node-2` in
    /// `root@node-2`), `%h` its address, in every path and flag, so one `node add` can
    /// give each host paths of its own (the lab does: one filesystem).
    pub fn for_host(&self, dest: &super::Destination) -> Layout {
        let x = |s: &str| s.replace("%n", &dest.alias).replace("%h", &dest.host);
        let p = |p: &Path| PathBuf::from(x(&p.to_string_lossy()));
        Layout {
            remote_path: p(&self.remote_path),
            data_dir: p(&self.data_dir),
            socket: p(&self.socket),
            unit: x(&self.unit),
            node_name: self.node_name.as_deref().map(x),
            advertise_addr: self.advertise_addr.as_deref().map(x),
        }
    }

    /// The socket's directory, where the supervisor keeps its PID files.
    pub fn run_dir(&self) -> PathBuf {
        self.socket
            .parent()
            .map_or_else(|| PathBuf::from("/run/shoal"), Path::to_path_buf)
    }

    pub fn supervisor_pid(&self) -> PathBuf {
        self.run_dir().join("agent-supervisor.pid")
    }

    pub fn agent_pid(&self) -> PathBuf {
        self.run_dir().join("agent.pid")
    }

    pub fn log(&self) -> PathBuf {
        self.data_dir.join("agent.log")
    }

    pub fn unit_path(&self) -> PathBuf {
        Path::new(UNIT_DIR).join(&self.unit)
    }

    /// `shoal agent ...` as the host runs it.
    pub fn agent_command(&self) -> String {
        let mut cmd = vec![
            q(&self.remote_path),
            "agent".into(),
            "--data-dir".into(),
            q(&self.data_dir),
            "--socket".into(),
            q(&self.socket),
        ];
        if let Some(n) = &self.node_name {
            cmd.extend(["--node-name".into(), quote(n)]);
        }
        if let Some(a) = &self.advertise_addr {
            cmd.extend(["--advertise-addr".into(), quote(a)]);
        }
        cmd.join(" ")
    }

    /// The command that joins stdin/stdout to this agent's socket.
    pub fn dial_command(&self) -> String {
        format!(
            "{} -H {} system dial-stdio",
            q(&self.remote_path),
            quote(&format!("unix://{}", self.socket.display()))
        )
    }
}

/// POSIX shell single quotes.
pub fn quote(s: &str) -> String {
    if !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/._-:=@,+%".contains(&b))
    {
        return s.to_string();
    }
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// A path, quoted.
pub fn q(p: &Path) -> String {
    quote(&p.to_string_lossy())
}

/// A session whose scripts run as root.
#[derive(Clone)]
pub struct Remote {
    pub session: Arc<Session>,
    pub sudo: bool,
}

impl Remote {
    /// `script` as one command: `sh -c`, under `sudo -n` when needed.
    pub fn wrap(&self, script: &str) -> String {
        let sh = format!("sh -c {}", quote(script));
        if self.sudo {
            format!("sudo -n {sh}")
        } else {
            sh
        }
    }

    pub async fn sh(&self, script: &str, stdin: Option<bytes::Bytes>) -> Result<Output, SshError> {
        self.session.run(&self.wrap(script), stdin).await
    }

    /// Runs `script`; a failure is `what: <its last stderr line>`.
    pub async fn sh_ok(&self, what: &str, script: &str) -> Result<String, SshError> {
        let out = self.sh(script, None).await?;
        if out.success() {
            Ok(out.stdout_text())
        } else {
            Err(SshError::Remote(format!("{what}: {}", out.reason())))
        }
    }

    /// An API client for the agent at `layout`'s socket, through dial-stdio.
    pub fn agent_client(&self, layout: &Layout) -> Client {
        let cmd = if self.sudo {
            format!("sudo -n {}", layout.dial_command())
        } else {
            layout.dial_command()
        };
        Client::ssh(Arc::new(Dialer::over(self.session.clone(), cmd)))
    }
}

/// The systemd unit that runs the agent.
pub fn unit_text(layout: &Layout) -> String {
    format!(
        "# Installed by `shoal node add`; removed by `shoal node rm --force`.\n\
         [Unit]\n\
         Description=shoal agent\n\
         Wants=network-online.target\n\
         After=network-online.target\n\
         \n\
         [Service]\n\
         ExecStart={}\n\
         Restart=always\n\
         RestartSec=2\n\
         # Tasks run under shims of their own and outlive an agent restart (containerd's way).\n\
         KillMode=process\n\
         Delegate=yes\n\
         LimitNOFILE=1048576\n\
         \n\
         [Install]\n\
         WantedBy=multi-user.target\n",
        layout.agent_command()
    )
}

/// The detached supervisor: restarts the agent 2 s after it exits; SIGTERM stops
/// both. Started with `setsid`, so it outlives the SSH session.
pub fn supervisor_script(layout: &Layout) -> String {
    let (sup, agent, log) = (
        q(&layout.supervisor_pid()),
        q(&layout.agent_pid()),
        q(&layout.log()),
    );
    format!(
        "echo $$ > {sup}\n\
         trap 'kill $child 2>/dev/null; wait $child; rm -f {sup} {agent}; exit 0' TERM INT HUP\n\
         while :; do\n\
         \x20 {cmd} >>{log} 2>&1 </dev/null &\n\
         \x20 child=$!\n\
         \x20 echo $child > {agent}\n\
         \x20 wait $child\n\
         \x20 sleep 2 & wait $!\n\
         done\n",
        cmd = layout.agent_command()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout() -> Layout {
        Layout {
            remote_path: "/opt/my shoal/shoal".into(),
            data_dir: "/var/lib/shoal".into(),
            socket: "/run/shoal/shoal.sock".into(),
            unit: DEFAULT_UNIT.into(),
            node_name: Some("it's".into()),
            advertise_addr: None,
        }
    }

    #[test]
    fn quoting() {
        assert_eq!(quote("/usr/local/bin/shoal"), "/usr/local/bin/shoal");
        assert_eq!(quote("a b"), "'a b'");
        assert_eq!(quote("it's"), r"'it'\''s'");
        assert_eq!(quote(""), "''");
    }

    #[test]
    fn commands_and_paths() {
        let l = layout();
        assert_eq!(
            l.agent_command(),
            r"'/opt/my shoal/shoal' agent --data-dir /var/lib/shoal --socket /run/shoal/shoal.sock --node-name 'it'\''s'"
        );
        assert_eq!(
            l.dial_command(),
            "'/opt/my shoal/shoal' -H unix:///run/shoal/shoal.sock system dial-stdio"
        );
        assert_eq!(
            l.supervisor_pid(),
            PathBuf::from("/run/shoal/agent-supervisor.pid")
        );
        assert!(unit_text(&l).contains("ExecStart='/opt/my shoal/shoal' agent"));
        assert!(supervisor_script(&l).contains(">>/var/lib/shoal/agent.log 2>&1"));
    }
}
