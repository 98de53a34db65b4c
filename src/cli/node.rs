//! `shoal node ...`: the nodes of the cluster, like `docker node`.

use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::{Args, Subcommand, ValueEnum};
use clap_complete::engine::ArgValueCandidates;
use serde::Serialize;

use super::{
    GlobalOpts,
    api::{block_on, client},
    output::{self, Format, Row, title},
    path_escape,
};
use crate::api::types::{Info, NodeUpdateRequest, NodeView};
use crate::manager::state::Availability;

#[derive(Debug, Subcommand)]
pub enum NodeCmd {
    /// List nodes in the cluster
    #[command(visible_alias = "list")]
    Ls(LsArgs),
    /// Show one or more nodes as JSON
    Inspect(InspectArgs),
    /// Change a node's availability
    Update(UpdateArgs),
    /// Remove one or more nodes from the cluster
    #[command(visible_alias = "remove")]
    Rm(RmArgs),
    /// Install, start and join agents on hosts over SSH
    Add(super::node_add::AddArgs),
}

#[derive(Debug, Args)]
pub struct LsArgs {
    /// Only print node IDs
    #[arg(short, long)]
    quiet: bool,
    /// Filter: role=manager|worker, name=HOSTNAME, id=PREFIX
    #[arg(short, long, value_name = "KEY=VALUE")]
    filter: Vec<String>,
    /// Format output: table, json, or a Go template (e.g. '{{.Hostname}} {{.Status}}')
    #[arg(long)]
    format: Option<String>,
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// Nodes: ID, ID prefix, or hostname
    #[arg(required = true, add = ArgValueCandidates::new(super::complete::nodes))]
    nodes: Vec<String>,
    /// Format output with a Go template
    #[arg(short, long)]
    format: Option<String>,
    /// Print in a human-friendly format
    #[arg(long)]
    pretty: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum AvailabilityArg {
    Active,
    Pause,
    Drain,
}

#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// Availability of the node
    #[arg(long, value_enum)]
    availability: AvailabilityArg,
    /// Node: ID, ID prefix, or hostname
    #[arg(add = ArgValueCandidates::new(super::complete::nodes))]
    node: String,
}

#[derive(Debug, Args)]
pub struct RmArgs {
    /// Nodes: ID, ID prefix, or hostname
    #[arg(required = true, add = ArgValueCandidates::new(super::complete::nodes))]
    nodes: Vec<String>,
    /// Remove a node that is not down; a node added with `node add` is also taken off
    /// its host over SSH (agent stopped, unit, namespaces and data dir removed)
    #[arg(short, long)]
    force: bool,
}

/// One row of `node ls`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct NodeRow {
    #[serde(rename = "ID")]
    id: String,
    #[serde(rename = "Self")]
    is_self: bool,
    hostname: String,
    status: String,
    availability: String,
    manager_status: String,
    address: String,
}

impl NodeRow {
    fn new(n: &NodeView, self_id: Option<&str>) -> Self {
        let manager_status = match &n.manager_status {
            Some(m) if m.leader => "Leader".to_string(),
            Some(m) => title(&m.reachability),
            None => String::new(),
        };
        NodeRow {
            id: n.id.clone(),
            is_self: self_id == Some(n.id.as_str()),
            hostname: n.description.hostname.clone(),
            status: title(&n.status.state),
            availability: title(&crate::api::types::wire_name(&n.spec.availability)),
            manager_status,
            address: n.status.addr.clone(),
        }
    }
}

impl Row for NodeRow {
    const HEADERS: &'static [&'static str] = &[
        "ID",
        "HOSTNAME",
        "STATUS",
        "AVAILABILITY",
        "MANAGER STATUS",
        "ADDRESS",
    ];

    fn cells(&self) -> Vec<String> {
        let id = if self.is_self {
            format!("{} *", self.id)
        } else {
            self.id.clone()
        };
        vec![
            id,
            self.hostname.clone(),
            self.status.clone(),
            self.availability.clone(),
            self.manager_status.clone(),
            self.address.clone(),
        ]
    }
}

fn matches(row: &NodeRow, role: Option<&str>, filters: &[(String, String)]) -> bool {
    filters.iter().all(|(k, v)| match k.as_str() {
        "role" => role == Some(v.as_str()),
        "name" => row.hostname.contains(v.as_str()),
        "id" => row.id.starts_with(v.as_str()),
        _ => true,
    })
}

fn parse_filters(raw: &[String]) -> Result<Vec<(String, String)>> {
    raw.iter()
        .map(|f| match f.split_once('=') {
            Some((k @ ("role" | "name" | "id"), v)) => Ok((k.to_string(), v.to_string())),
            _ => bail!("invalid filter {f:?}: use role=manager|worker, name=HOSTNAME or id=PREFIX"),
        })
        .collect()
}

pub fn run(g: &GlobalOpts, cmd: NodeCmd) -> Result<ExitCode> {
    let api = client(g)?;
    // `node add` drives many SSH sessions at once: on every core.
    let runtime = if matches!(cmd, NodeCmd::Add(_)) {
        super::api::block_on_all_cores
    } else {
        block_on
    };
    runtime(async move {
        match cmd {
            NodeCmd::Add(args) => return super::node_add::run(api, args).await,
            NodeCmd::Ls(args) => {
                let filters = parse_filters(&args.filter)?;
                let nodes: Vec<NodeView> = api.get("/v1/nodes").await?;
                let info: Info = api.get("/v1/info").await?;
                let rows: Vec<NodeRow> = nodes
                    .iter()
                    .map(|n| {
                        (
                            crate::api::types::wire_name(&n.spec.role),
                            NodeRow::new(n, info.node_id.as_deref()),
                        )
                    })
                    .filter(|(role, r)| matches(r, Some(role), &filters))
                    .map(|(_, r)| r)
                    .collect();
                if args.quiet {
                    rows.iter().for_each(|r| println!("{}", r.id));
                } else {
                    print!(
                        "{}",
                        output::list(&rows, &Format::parse(args.format.as_deref()))?
                    );
                }
            }
            NodeCmd::Inspect(args) => {
                let views: Vec<NodeView> =
                    super::api::get_each(&api, "/v1/nodes", &args.nodes, "").await?;
                if args.pretty {
                    views.iter().for_each(|v| print!("{}", pretty(v)));
                } else {
                    print!("{}", output::inspect(&views, args.format.as_deref())?);
                }
            }
            NodeCmd::Update(args) => {
                let availability = match args.availability {
                    AvailabilityArg::Active => Availability::Active,
                    AvailabilityArg::Pause => Availability::Pause,
                    AvailabilityArg::Drain => Availability::Drain,
                };
                let path = format!("/v1/nodes/{}/update", path_escape(&args.node));
                let _: NodeView = api.post(&path, &NodeUpdateRequest { availability }).await?;
                println!("{}", args.node);
            }
            NodeCmd::Rm(args) if args.force => {
                return super::node_rm::remove_force(&api, &args.nodes).await;
            }
            NodeCmd::Rm(args) => {
                return super::api::remove_each(
                    &api,
                    "/v1/nodes",
                    &args.nodes,
                    if args.force { "?force=true" } else { "" },
                )
                .await;
            }
        }
        Ok(ExitCode::SUCCESS)
    })
}

fn pretty(v: &NodeView) -> String {
    let mut s = format!(
        "ID:\t\t\t{}\nHostname:\t\t{}\nJoined at:\t\t{}\nStatus:\n State:\t\t\t{}\n Availability:\t\t{}\n Address:\t\t{}\n",
        v.id,
        v.description.hostname,
        v.created_at,
        title(&v.status.state),
        title(&crate::api::types::wire_name(&v.spec.availability)),
        v.status.addr
    );
    if let Some(m) = &v.manager_status {
        s.push_str(&format!(
            "Manager Status:\n Address:\t\t{}\n Raft Status:\t\t{}\n Leader:\t\t{}\n",
            m.addr,
            title(&m.reachability),
            if m.leader { "Yes" } else { "No" }
        ));
    }
    s
}
