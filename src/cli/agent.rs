//! `shoal agent`: run the node agent (the daemon) in the foreground, and `shoal events`.

use std::{io::Write, path::PathBuf, process::ExitCode};

use anyhow::Result;
use clap::Args;
use futures::StreamExt;

use super::{
    GlobalOpts,
    api::{block_on, client},
    output,
};
use crate::{
    agent::{AgentConfig, DEFAULT_DATA_DIR},
    api::{endpoint::DEFAULT_SOCKET, types::Event},
};

#[derive(Debug, Args)]
pub struct AgentArgs {
    /// Where the agent keeps its state
    #[arg(long, value_name = "DIR", default_value = DEFAULT_DATA_DIR)]
    data_dir: PathBuf,
    /// The local API socket
    #[arg(long, value_name = "PATH", default_value = DEFAULT_SOCKET)]
    socket: PathBuf,
    /// Address this node advertises to the others (default: its only non-loopback IPv4)
    #[arg(long, value_name = "IP")]
    advertise_addr: Option<String>,
    /// Where a manager listens for the cluster API
    #[arg(long, value_name = "IP:PORT")]
    listen_addr: Option<String>,
    /// This node's name in the cluster (default: the host name)
    #[arg(long, value_name = "NAME")]
    node_name: Option<String>,
    /// UDP port for gossip with the other nodes (recorded when the node joins)
    #[arg(long, value_name = "PORT", default_value_t = crate::agent::gossip::DEFAULT_PORT)]
    gossip_port: u16,
    /// Where tasks' DNS (127.0.0.11) forwards names outside the cluster, repeatable
    /// (default: the host's resolv.conf nameservers, loopback ones left out)
    #[arg(long = "dns-upstream", value_name = "IP[:PORT]", env = "SHOAL_DNS_UPSTREAM",
          value_delimiter = ',', value_parser = crate::agent::dns::upstream::parse)]
    dns_upstreams: Vec<std::net::SocketAddr>,
}

pub fn run_agent(args: AgentArgs) -> Result<ExitCode> {
    let node_name = match args.node_name {
        Some(n) => n,
        None => nix::unistd::gethostname()?.to_string_lossy().into_owned(),
    };
    let cfg = AgentConfig {
        data_dir: args.data_dir,
        socket: args.socket,
        node_name,
        advertise_addr: args.advertise_addr,
        listen_addr: args.listen_addr,
        gossip_port: args.gossip_port,
        dns_upstreams: args.dns_upstreams,
    };
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(crate::agent::run(cfg))?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, Args)]
pub struct EventsArgs {
    /// Format each event with a Go template, or `json`
    #[arg(long)]
    format: Option<String>,
}

/// `shoal events`: prints changes as they happen until interrupted.
pub fn run_events(g: &GlobalOpts, args: EventsArgs) -> Result<ExitCode> {
    let api = client(g)?;
    let tmpl = match args.format.as_deref() {
        None | Some("json") => None,
        Some(t) => Some(output::template(t)?),
    };
    block_on(async move {
        let stream = api.stream::<Event>("/v1/events").await?;
        futures::pin_mut!(stream);
        let mut out = std::io::stdout();
        while let Some(event) = stream.next().await {
            let event = event?;
            match &tmpl {
                None => writeln!(out, "{}", serde_json::to_string(&event)?)?,
                Some(_) => write!(
                    out,
                    "{}",
                    output::inspect(&[event], args.format.as_deref())?
                )?,
            }
            out.flush()?;
        }
        Ok(ExitCode::SUCCESS)
    })
}

#[derive(Debug, Args)]
pub struct WhoamiArgs {
    /// Port to listen on (0 picks a free one)
    #[arg(short, long, default_value_t = 80)]
    port: u16,
    /// Address to listen on
    #[arg(long, default_value = "0.0.0.0", value_name = "IP")]
    bind: std::net::IpAddr,
    /// Be the client instead: GET URL (http://HOST[:PORT][/PATH]), print the answer's
    /// body, and fail unless it is a 2xx (for hosts without curl)
    #[arg(long, value_name = "URL", conflicts_with_all = ["port", "bind"])]
    get: Option<String>,
}

/// How long `whoami --get` waits to connect, and then for each read.
const GET_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// `shoal whoami`: the test HTTP server, or with `--get` its client.
pub fn run_whoami(args: WhoamiArgs) -> Result<ExitCode> {
    if let Some(url) = &args.get {
        let body = crate::whoami::fetch(url, GET_TIMEOUT)?;
        let mut out = std::io::stdout().lock();
        out.write_all(body.as_bytes())?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let addr = std::net::SocketAddr::new(args.bind, args.port);
    block_on(crate::whoami::serve(addr))?;
    Ok(ExitCode::SUCCESS)
}
