//! `shoal node add USER@HOST...`: install, start and join agents over SSH, several
//! hosts at once, each with a progress line on a terminal (connect, check, upload,
//! start, join, ready). A host that fails gets one line naming its step and why; the
//! others go on; any failure makes the exit code 1. `node rm --force` of a node added
//! this way also takes it off its host (see `remove_over_ssh`).

use std::{io::IsTerminal, path::PathBuf, process::ExitCode, sync::Arc, time::Duration};

use anyhow::{Context as _, Result, bail};
use clap::{Args, ValueEnum};
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::{
    agent::DEFAULT_DATA_DIR,
    api::{client::Client, endpoint::DEFAULT_SOCKET, types::*},
    context::Store,
    ssh::{
        Request,
        bootstrap::{AddOptions, Added, Binary, Cluster, Failure, HostAdd, Outcome, Step},
        record::{NodeRecord, Records},
        remote::{DEFAULT_REMOTE_PATH, DEFAULT_UNIT, Layout, Supervisor},
    },
};

/// How long a joined node may take to be `ready` in `node ls`.
const READY_TIMEOUT: Duration = Duration::from_secs(30);

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SupervisorArg {
    /// systemd where `/run/systemd/system` exists, else detached
    Auto,
    Systemd,
    /// A detached loop (setsid) that restarts the agent
    Detached,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Join as a manager (default: as a worker)
    #[arg(long)]
    manager: bool,
    /// Private key to log in with (the ssh-agent's keys are tried too)
    #[arg(short = 'i', long = "identity", value_name = "KEY")]
    identity: Option<PathBuf>,
    /// SSH port (default: the ssh config's Port, else 22)
    #[arg(short, long, value_parser = clap::value_parser!(u16).range(1..))]
    port: Option<u16>,
    /// ssh config to read instead of ~/.ssh/config (Host, HostName, User, Port,
    /// IdentityFile, IdentitiesOnly, UserKnownHostsFile, ConnectTimeout)
    #[arg(long, value_name = "FILE", env = crate::ssh::target::CONFIG_ENV, hide_env_values = true)]
    ssh_config: Option<PathBuf>,
    /// Run as root through `sudo -n` when the login user is not root
    #[arg(long)]
    sudo: bool,
    /// Record the key of a host that known_hosts does not list yet (like
    /// StrictHostKeyChecking=accept-new); a changed key is always refused
    #[arg(long)]
    accept_new_host_key: bool,
    /// Where the binary goes on the host
    #[arg(long, value_name = "PATH", default_value = DEFAULT_REMOTE_PATH)]
    remote_path: PathBuf,
    /// The agent's data dir on the host
    #[arg(long, value_name = "DIR", default_value = DEFAULT_DATA_DIR)]
    data_dir: PathBuf,
    /// The agent's API socket on the host
    #[arg(long, value_name = "PATH", default_value = DEFAULT_SOCKET)]
    socket: PathBuf,
    /// The systemd unit to install
    #[arg(long, value_name = "NAME", default_value = DEFAULT_UNIT)]
    unit: String,
    /// How the agent is kept running on the host
    #[arg(long, value_enum, default_value_t = SupervisorArg::Auto)]
    supervisor: SupervisorArg,
    /// The node's name (default: the host's hostname). In this and the paths above, %n
    /// is the host as given and %h its address
    #[arg(long, value_name = "NAME")]
    node_name: Option<String>,
    /// Address the node advertises (default: its only non-loopback IPv4)
    #[arg(long, value_name = "IP")]
    advertise_addr: Option<String>,
    /// Hosts to add: [USER@]HOST, names from the ssh config work too
    #[arg(required = true, value_name = "USER@HOST")]
    hosts: Vec<String>,
}

impl AddArgs {
    fn layout(&self) -> Layout {
        Layout {
            remote_path: self.remote_path.clone(),
            data_dir: self.data_dir.clone(),
            socket: self.socket.clone(),
            unit: self.unit.clone(),
            node_name: self.node_name.clone(),
            advertise_addr: self.advertise_addr.clone(),
        }
    }

    fn request(&self, target: &str) -> Request {
        Request {
            target: target.to_string(),
            user: None,
            port: self.port,
            identity: self.identity.clone(),
            config: self.ssh_config.clone(),
            accept_new: self.accept_new_host_key,
        }
    }

    fn check(&self) -> Result<()> {
        let per_host = |v: &Option<String>| v.as_ref().is_none_or(|v| v.contains('%'));
        if self.hosts.len() > 1 && !(per_host(&self.node_name) && per_host(&self.advertise_addr)) {
            bail!(
                "--node-name and --advertise-addr name one host: add the hosts one at a time, or use %n (the host as given)"
            );
        }
        for p in [&self.remote_path, &self.data_dir, &self.socket] {
            if !p.is_absolute() {
                bail!("{} is not an absolute path", p.display());
            }
        }
        Ok(())
    }
}

pub async fn run(api: Client, args: AddArgs) -> Result<ExitCode> {
    args.check()?;
    let records = Records::beside(Store::from_env()?.path());
    add_all(api, args, records).await
}

async fn cluster(api: Client, manager: bool) -> Result<Cluster> {
    let info: Info = api.get("/v1/info").await?;
    let Some(cluster_id) = info.cluster_id.filter(|_| info.state == "manager") else {
        bail!(
            "node add needs a manager: the current context's node is {}",
            info.state
        );
    };
    let role = if manager { "manager" } else { "worker" };
    let token: TokenResponse = api.get(&format!("/v1/cluster/join-token/{role}")).await?;
    Ok(Cluster {
        api,
        cluster_id,
        token,
    })
}

async fn add_all(api: Client, args: AddArgs, records: Records) -> Result<ExitCode> {
    let cluster = cluster(api, args.manager).await?;
    let binary = tokio::task::spawn_blocking(Binary::current)
        .await?
        .context("cannot read this binary (/proc/self/exe)")?;
    let opts = AddOptions {
        layout: args.layout(),
        sudo: args.sudo,
        supervisor: match args.supervisor {
            SupervisorArg::Auto => None,
            SupervisorArg::Systemd => Some(Supervisor::Systemd),
            SupervisorArg::Detached => Some(Supervisor::Detached),
        },
        binary: Arc::new(binary),
        ready_timeout: READY_TIMEOUT,
    };
    let lines = Lines::new(&args.hosts);
    let adds = args.hosts.iter().enumerate().map(|(i, host)| {
        let (opts, cluster, lines, req) = (&opts, &cluster, &lines, args.request(host));
        async move {
            let on_step = move |s: Step| lines.step(i, s);
            let add = HostAdd {
                opts,
                cluster,
                on_step: &on_step,
            };
            let r = add.run(&req).await;
            lines.done(i, &r);
            r
        }
    });
    let results = futures::future::join_all(adds).await;
    lines.clear();
    report(&args, &cluster, &records, results)
}

/// Prints one line per host and records the nodes that joined.
fn report(
    args: &AddArgs,
    cluster: &Cluster,
    records: &Records,
    results: Vec<Result<Added, Failure>>,
) -> Result<ExitCode> {
    let mut failed = false;
    let mut joined = Vec::new();
    for (host, r) in args.hosts.iter().zip(results) {
        match r {
            Ok(added) => match &added.outcome {
                Outcome::Joined { node_id } => {
                    println!("{host}: joined as {} {node_id}", cluster.token.role_name());
                    joined.push(record(args, host, cluster, node_id, &added));
                }
                Outcome::AlreadyMember { node_id } => {
                    eprintln!("{host} is already in this cluster (node {node_id}); nothing to do");
                }
            },
            Err(f) => {
                eprintln!("error: {host}: {f}");
                failed = true;
            }
        }
    }
    records.put(joined)?;
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn record(args: &AddArgs, target: &str, c: &Cluster, node_id: &str, a: &Added) -> NodeRecord {
    NodeRecord {
        cluster_id: c.cluster_id.clone(),
        node_id: node_id.to_string(),
        target: target.to_string(),
        user: a.dest.user.clone(),
        host: a.dest.host.clone(),
        port: a.dest.port,
        identity: args.identity.as_ref().map(|p| absolute(p)),
        ssh_config: args.ssh_config.as_ref().map(|p| absolute(p)),
        sudo: args.sudo,
        layout: a.layout.clone(),
        supervisor: a.supervisor,
        uploaded: a.uploaded,
    }
}

fn absolute(p: &std::path::Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

trait RoleName {
    fn role_name(&self) -> &'static str;
}

impl RoleName for TokenResponse {
    fn role_name(&self) -> &'static str {
        match self.role {
            crate::manager::state::Role::Manager => "manager",
            crate::manager::state::Role::Worker => "worker",
        }
    }
}

/// One progress line per host, on stderr and only on a terminal.
struct Lines {
    bars: Vec<Option<ProgressBar>>,
    hosts: Vec<String>,
    _mp: Option<MultiProgress>,
}

impl Lines {
    fn new(hosts: &[String]) -> Lines {
        if !std::io::stderr().is_terminal() {
            return Lines {
                bars: hosts.iter().map(|_| None).collect(),
                hosts: hosts.to_vec(),
                _mp: None,
            };
        }
        let mp = MultiProgress::with_draw_target(ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template("{spinner} {prefix}: {msg} ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_spinner());
        let width = hosts.iter().map(String::len).max().unwrap_or(0);
        let bars = hosts
            .iter()
            .map(|h| {
                let b = mp.add(ProgressBar::new_spinner().with_style(style.clone()));
                b.set_prefix(format!("{h:width$}"));
                b.enable_steady_tick(Duration::from_millis(120));
                Some(b)
            })
            .collect();
        Lines {
            bars,
            hosts: hosts.to_vec(),
            _mp: Some(mp),
        }
    }

    fn step(&self, i: usize, s: Step) {
        if let Some(Some(b)) = self.bars.get(i) {
            b.set_message(s.to_string());
        }
        tracing::info!(host = %self.hosts.get(i).map_or("", String::as_str), step = %s, "node add");
    }

    fn done(&self, i: usize, r: &Result<Added, Failure>) {
        if let Some(Some(b)) = self.bars.get(i) {
            let msg = match r {
                Ok(a) if matches!(a.outcome, Outcome::AlreadyMember { .. }) => {
                    "already a member".into()
                }
                Ok(_) => "ready".to_string(),
                Err(f) => format!("failed at {}", f.step),
            };
            b.finish_with_message(msg);
        }
    }

    fn clear(&self) {
        for b in self.bars.iter().flatten() {
            b.finish_and_clear();
        }
    }
}
