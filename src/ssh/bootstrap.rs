//! `node add` for one host: connect, check (root, already a member?), upload the
//! binary (skipped when the same sha256 is there; temp file + rename), start the agent
//! (systemd unit or detached supervisor), join with a token from this CLI's manager,
//! wait until the manager lists it ready. A step that fails undoes what the earlier
//! steps made on the host, so a failed add leaves nothing behind.

use std::{fmt, sync::Arc, time::Duration};

use sha2::{Digest, Sha256};
use tokio::time::Instant;

use super::{
    Destination, Request, Session, SshError,
    remote::{Layout, Remote, Supervisor, q, quote, supervisor_script, unit_text},
    target, uninstall,
};
use crate::api::{client::Client, types::*};

/// How long the agent may take to answer on its socket after it is started.
const START_TIMEOUT: Duration = Duration::from_secs(15);

/// The steps of adding a host, as the progress line and errors name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Connect,
    Check,
    Upload,
    Start,
    Join,
    Ready,
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Step::Connect => "connect",
            Step::Check => "check",
            Step::Upload => "upload",
            Step::Start => "start",
            Step::Join => "join",
            Step::Ready => "ready",
        })
    }
}

/// The binary to install: this one, read once for all hosts.
pub struct Binary {
    pub bytes: bytes::Bytes,
    pub sha256: String,
}

impl Binary {
    pub fn current() -> std::io::Result<Binary> {
        let bytes = std::fs::read("/proc/self/exe")?;
        let sha256 = hex::encode(Sha256::digest(&bytes));
        Ok(Binary {
            bytes: bytes.into(),
            sha256,
        })
    }
}

/// The cluster hosts join: this CLI's manager and the token for the role.
pub struct Cluster {
    pub api: Client,
    pub cluster_id: String,
    pub token: TokenResponse,
}

/// What every host of one `node add` gets.
pub struct AddOptions {
    pub layout: Layout,
    pub sudo: bool,
    /// `None`: systemd where it runs, else detached.
    pub supervisor: Option<Supervisor>,
    pub binary: Arc<Binary>,
    pub ready_timeout: Duration,
}

/// What happened to a host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Joined {
        node_id: String,
    },
    /// It was in this cluster already; nothing changed.
    AlreadyMember {
        node_id: String,
    },
}

#[derive(Debug, Clone)]
pub struct Added {
    pub outcome: Outcome,
    pub dest: Destination,
    /// The host's layout, tokens expanded.
    pub layout: Layout,
    pub supervisor: Supervisor,
    pub uploaded: bool,
}

/// A host that could not be added: at which step, and why.
#[derive(Debug)]
pub struct Failure {
    pub step: Step,
    pub error: SshError,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.step, self.error)
    }
}

/// What a host had before this add, read in one round trip.
#[derive(Debug, Default, PartialEq, Eq)]
struct Facts {
    sha256: Option<String>,
    cluster: Option<String>,
    node: Option<String>,
    data_dir: bool,
    systemd: bool,
}

fn facts_script(l: &Layout) -> String {
    let node = q(&l.data_dir.join("node.yaml"));
    format!(
        "echo sha=$(sha256sum {bin} 2>/dev/null | cut -d' ' -f1)\n\
         [ -f {node} ] && sed -n 's/^cluster_id: */cluster=/p; s/^node_id: */node=/p' {node}\n\
         [ -d {data} ] && echo data=yes\n\
         [ -d /run/systemd/system ] && echo systemd=yes\n\
         true\n",
        bin = q(&l.remote_path),
        data = q(&l.data_dir),
    )
}

fn parse_facts(text: &str) -> Facts {
    let mut f = Facts::default();
    for line in text.lines() {
        let Some((k, v)) = line.split_once('=') else {
            continue;
        };
        let v = v.trim().trim_matches(|c| c == '\'' || c == '"').to_string();
        let some = (!v.is_empty()).then_some(v);
        match k {
            "sha" => f.sha256 = some,
            "cluster" => f.cluster = some,
            "node" => f.node = some,
            "data" => f.data_dir = true,
            "systemd" => f.systemd = true,
            _ => {}
        }
    }
    f
}

/// What this add has made on the host so far, for the undo.
#[derive(Debug, Default)]
pub struct Made {
    pub binary: bool,
    pub data_dir: bool,
    pub service: Option<Supervisor>,
    pub joined: Option<String>,
}

/// One host's add, step by step; `on_step` hears each step as it begins.
pub struct HostAdd<'a> {
    pub opts: &'a AddOptions,
    pub cluster: &'a Cluster,
    pub on_step: &'a (dyn Fn(Step) + Sync),
}

impl HostAdd<'_> {
    pub async fn run(&self, req: &Request) -> Result<Added, Failure> {
        (self.on_step)(Step::Connect);
        let at = |step| move |error| Failure { step, error };
        let spec = target::resolve(req).map_err(at(Step::Connect))?;
        let dest = spec.dest.clone();
        let session = Arc::new(Session::connect(spec).await.map_err(at(Step::Connect))?);
        let remote = Remote {
            session: session.clone(),
            sudo: self.opts.sudo,
        };
        let layout = self.opts.layout.for_host(&dest);
        let result = self.on_host(&remote, &layout, dest).await;
        session.close().await;
        result
    }

    async fn on_host(
        &self,
        remote: &Remote,
        layout: &Layout,
        dest: Destination,
    ) -> Result<Added, Failure> {
        check_root(remote).await.map_err(|error| Failure {
            step: Step::Connect,
            error,
        })?;
        (self.on_step)(Step::Check);
        let facts = self.check(remote, layout).await.map_err(|error| Failure {
            step: Step::Check,
            error,
        })?;
        let supervisor = match self.opts.supervisor {
            Some(s) => s,
            None if facts.systemd => Supervisor::Systemd,
            None => Supervisor::Detached,
        };
        if let (Some(_), Some(node_id)) = (&facts.cluster, &facts.node) {
            return Ok(Added {
                outcome: Outcome::AlreadyMember {
                    node_id: node_id.clone(),
                },
                dest,
                layout: layout.clone(),
                supervisor,
                uploaded: false,
            });
        }
        let mut made = Made {
            data_dir: !facts.data_dir,
            ..Made::default()
        };
        match self
            .install(remote, layout, &facts, supervisor, &mut made)
            .await
        {
            Ok(node_id) => Ok(Added {
                outcome: Outcome::Joined { node_id },
                dest,
                layout: layout.clone(),
                supervisor,
                uploaded: made.binary,
            }),
            Err(f) => {
                self.undo(remote, layout, &made).await;
                Err(f)
            }
        }
    }

    /// The host's facts; refuses a host that is in another cluster, or in this one
    /// under a node the manager no longer lists.
    async fn check(&self, remote: &Remote, layout: &Layout) -> Result<Facts, SshError> {
        let text = remote
            .sh_ok("cannot inspect the host", &facts_script(layout))
            .await?;
        let facts = parse_facts(&text);
        match (&facts.cluster, &facts.node) {
            (Some(c), _) if *c != self.cluster.cluster_id => Err(SshError::Remote(format!(
                "already in another cluster ({c}): run `shoal cluster leave --force` there first"
            ))),
            (Some(_), Some(node)) => {
                let listed = self
                    .cluster
                    .api
                    .get::<NodeView>(&format!("/v1/nodes/{node}"))
                    .await;
                match listed {
                    Ok(_) => Ok(facts),
                    Err(_) => Err(SshError::Remote(format!(
                        "its data dir says it is node {node} of this cluster, which no longer lists it: \
                         run `shoal cluster leave --force` there first"
                    ))),
                }
            }
            (Some(_), None) => Err(SshError::Remote(format!(
                "cannot read the node ID in {}",
                layout.data_dir.join("node.yaml").display()
            ))),
            (None, _) => Ok(facts),
        }
    }

    async fn install(
        &self,
        remote: &Remote,
        layout: &Layout,
        facts: &Facts,
        supervisor: Supervisor,
        made: &mut Made,
    ) -> Result<String, Failure> {
        let at = |step| move |error| Failure { step, error };
        (self.on_step)(Step::Upload);
        if facts.sha256.as_deref() != Some(self.opts.binary.sha256.as_str()) {
            made.binary = facts.sha256.is_none();
            upload(remote, layout, &self.opts.binary)
                .await
                .map_err(at(Step::Upload))?;
        }
        (self.on_step)(Step::Start);
        made.service = Some(supervisor);
        start(remote, layout, supervisor)
            .await
            .map_err(at(Step::Start))?;
        let agent = remote.agent_client(layout);
        wait_answering(&agent).await.map_err(at(Step::Start))?;
        (self.on_step)(Step::Join);
        let node_id = self.join(&agent, layout).await.map_err(at(Step::Join))?;
        made.joined = Some(node_id.clone());
        (self.on_step)(Step::Ready);
        self.wait_ready(&node_id).await.map_err(at(Step::Ready))?;
        Ok(node_id)
    }

    async fn join(&self, agent: &Client, layout: &Layout) -> Result<String, SshError> {
        let req = JoinRequest {
            token: self.cluster.token.token.clone(),
            remote_addr: self.cluster.token.manager_addr.clone(),
            advertise_addr: layout.advertise_addr.clone(),
            listen_addr: None,
        };
        let resp: JoinResponse = agent
            .post("/v1/cluster/join", &req)
            .await
            .map_err(|e| SshError::Remote(e.to_string()))?;
        Ok(resp.node_id)
    }

    async fn wait_ready(&self, node_id: &str) -> Result<(), SshError> {
        let deadline = Instant::now() + self.opts.ready_timeout;
        let mut last = String::from("not listed yet");
        while Instant::now() < deadline {
            match self
                .cluster
                .api
                .get::<NodeView>(&format!("/v1/nodes/{node_id}"))
                .await
            {
                Ok(n) if n.status.state == "ready" => return Ok(()),
                Ok(n) => last = n.status.state,
                Err(e) => last = e.to_string(),
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err(SshError::Remote(format!(
            "node {node_id} is not ready after {}s ({last})",
            self.opts.ready_timeout.as_secs()
        )))
    }

    /// Takes off the host what this add made (best effort: the add's error is the one
    /// reported; the undo's are logged).
    async fn undo(&self, remote: &Remote, layout: &Layout, made: &Made) {
        if let Some(node) = &made.joined {
            let path = format!("/v1/nodes/{node}?force=true");
            if let Err(e) = self.cluster.api.delete::<String>(&path).await {
                tracing::warn!(node, error = %e, "could not remove the half-added node");
            }
        }
        if let Err(e) = uninstall::undo(remote, layout, made).await {
            tracing::warn!(error = %e, "could not undo all of a failed node add");
        }
    }
}

/// The login user must be root, or `--sudo` must work without a password.
async fn check_root(remote: &Remote) -> Result<(), SshError> {
    let user = &remote.session.spec.dest.user;
    let out = remote.session.run("id -u", None).await?;
    let root = out.success() && out.stdout_text().trim() == "0";
    match (root, remote.sudo) {
        (true, _) => Ok(()),
        (false, false) => Err(SshError::Remote(format!(
            "{user} is not root: log in as root or pass --sudo"
        ))),
        (false, true) => {
            let out = remote.session.run("sudo -n true", None).await?;
            if out.success() {
                Ok(())
            } else {
                Err(SshError::Remote(format!(
                    "sudo -n does not work for {user}: {}",
                    out.reason()
                )))
            }
        }
    }
}

/// Writes the binary to a temp file beside the target, checks its sha256, and
/// renames it into place; the temp file goes on any failure.
async fn upload(remote: &Remote, layout: &Layout, binary: &Binary) -> Result<(), SshError> {
    let script = format!(
        "set -e\n\
         p={p}; d=$(dirname \"$p\"); t=\"$p.shoal-upload.$$\"\n\
         trap 'rm -f \"$t\"' EXIT\n\
         mkdir -p \"$d\"\n\
         cat > \"$t\"\n\
         sum=$(sha256sum \"$t\" | cut -d' ' -f1)\n\
         [ \"$sum\" = {want} ] || {{ echo \"the upload arrived damaged (sha256 $sum)\" >&2; exit 1; }}\n\
         chmod 0755 \"$t\"\n\
         mv -f \"$t\" \"$p\"\n\
         trap - EXIT\n",
        p = q(&layout.remote_path),
        want = quote(&binary.sha256),
    );
    let out = remote.sh(&script, Some(binary.bytes.clone())).await?;
    if out.success() {
        return Ok(());
    }
    Err(SshError::Remote(format!(
        "cannot write {}: {}",
        layout.remote_path.display(),
        out.reason()
    )))
}

/// Installs and (re)starts the agent's service.
async fn start(remote: &Remote, layout: &Layout, supervisor: Supervisor) -> Result<(), SshError> {
    let dirs = format!("mkdir -p {} {}", q(&layout.data_dir), q(&layout.run_dir()));
    match supervisor {
        Supervisor::Systemd => {
            let unit = q(&layout.unit_path());
            let script = format!(
                "set -e\n{dirs}\ncat > {unit}.tmp\nmv -f {unit}.tmp {unit}\n\
                 systemctl daemon-reload\nsystemctl enable --quiet {name}\nsystemctl restart {name}\n",
                name = quote(&layout.unit),
            );
            let out = remote.sh(&script, Some(unit_text(layout).into())).await?;
            if !out.success() {
                return Err(SshError::Remote(format!("systemd: {}", out.reason())));
            }
        }
        Supervisor::Detached => {
            let script = format!(
                "set -e\n{dirs}\n{stop}\nsetsid sh -c {sup} </dev/null >/dev/null 2>&1 &\n",
                stop = uninstall::stop_detached_script(layout),
                sup = quote(&supervisor_script(layout)),
            );
            remote.sh_ok("cannot start the agent", &script).await?;
        }
    }
    Ok(())
}

/// Waits until the agent answers on its socket.
async fn wait_answering(agent: &Client) -> Result<(), SshError> {
    let deadline = Instant::now() + START_TIMEOUT;
    loop {
        match agent.get::<Info>("/v1/info").await {
            Ok(_) => return Ok(()),
            Err(e) if Instant::now() >= deadline => {
                return Err(SshError::Remote(format!(
                    "the agent does not answer after {}s: {e}",
                    START_TIMEOUT.as_secs()
                )));
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_from_the_check_script() {
        let f = parse_facts("sha=abc\ncluster=c1\nnode='n1'\ndata=yes\n");
        assert_eq!(
            f,
            Facts {
                sha256: Some("abc".into()),
                cluster: Some("c1".into()),
                node: Some("n1".into()),
                data_dir: true,
                systemd: false,
            }
        );
        assert_eq!(parse_facts("sha=\nsystemd=yes\n").sha256, None);
        assert!(parse_facts("sha=\nsystemd=yes\n").systemd);
    }
}
