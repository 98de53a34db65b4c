//! `shoal service ...`: services and their tasks, like `docker service`. A service runs
//! a COMMAND as its tasks (where Docker has an image).

use std::{collections::BTreeMap, process::ExitCode};

use anyhow::{Result, bail};
use clap::{Args, Subcommand, ValueEnum};
use clap_complete::engine::{ArgValueCandidates, CompletionCandidate};
use serde::Serialize;

use super::{
    GlobalOpts,
    api::{block_on, client},
    network::key_values,
    network_flag::{self, NetworkFlag},
    output::{self, Format, Row, title},
    path_escape,
    restart_flags::RestartFlags,
};
use crate::api::{
    client::Client,
    types::{CreatedResponse, ServiceCreateRequest, ServiceUpdateRequest, ServiceView, TaskView},
};

#[derive(Debug, Subcommand)]
pub enum ServiceCmd {
    /// Create a service that runs COMMAND as its tasks
    Create(CreateArgs),
    /// List services
    #[command(visible_alias = "list")]
    Ls(LsArgs),
    /// List the tasks of one or more services
    Ps(PsArgs),
    /// Show one or more services as JSON
    Inspect(InspectArgs),
    /// Scale one or more replicated services (SERVICE=REPLICAS)
    Scale(ScaleArgs),
    /// Update a service
    Update(UpdateArgs),
    /// Remove one or more services
    #[command(visible_alias = "remove")]
    Rm(RmArgs),
    /// Fetch the logs of a service or task
    Logs(super::logs::LogsArgs),
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ModeArg {
    Replicated,
    Global,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum EndpointModeArg {
    Vip,
    Dnsrr,
}

#[derive(Debug, Args)]
pub struct CreateArgs {
    /// Service name (a DNS label: letters, digits, '-')
    #[arg(long)]
    name: String,
    /// Number of tasks
    #[arg(long, value_name = "N")]
    replicas: Option<u64>,
    /// Service mode
    #[arg(long, value_enum, default_value = "replicated")]
    mode: ModeArg,
    /// Network to attach to (name or ID), or name=NET,alias=ALIAS[,alias=...] to give the
    /// service more names on it; repeat for several
    #[arg(long = "network", value_name = "NET", value_parser = network_flag::parse,
          add = ArgValueCandidates::new(super::complete::networks))]
    networks: Vec<NetworkFlag>,
    /// How clients reach the tasks: a virtual IP, or DNS round-robin
    #[arg(long, value_enum, default_value = "vip")]
    endpoint_mode: EndpointModeArg,
    /// Environment variable (KEY=VALUE)
    #[arg(short, long = "env", value_name = "KEY=VALUE")]
    env: Vec<String>,
    /// Service label (KEY=VALUE)
    #[arg(long = "label", value_name = "KEY=VALUE")]
    labels: Vec<String>,
    #[command(flatten)]
    restart: RestartFlags,
    /// Return at once instead of waiting for the service to converge
    #[arg(short, long)]
    detach: bool,
    /// What each task runs, and its arguments
    #[arg(
        required = true,
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "COMMAND"
    )]
    command: Vec<String>,
}

#[derive(Debug, Args)]
pub struct LsArgs {
    /// Only print service IDs
    #[arg(short, long)]
    quiet: bool,
    /// Format output: table, json, or a Go template (e.g. '{{.Name}} {{.Replicas}}')
    #[arg(long)]
    format: Option<String>,
}

#[derive(Debug, Args)]
pub struct PsArgs {
    /// Services: name, ID or ID prefix
    #[arg(required = true, add = ArgValueCandidates::new(super::complete::services))]
    services: Vec<String>,
    /// Only print task IDs
    #[arg(short, long)]
    quiet: bool,
    /// Do not truncate IDs and errors
    #[arg(long)]
    no_trunc: bool,
    /// Filter: desired-state=running|shutdown|accepted, node=NODE, name=TASK
    #[arg(short, long, value_name = "KEY=VALUE", add = ArgValueCandidates::new(task_filters))]
    filter: Vec<String>,
    /// Format output: table, json, or a Go template
    #[arg(long)]
    format: Option<String>,
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// Services: name, ID or ID prefix
    #[arg(required = true, add = ArgValueCandidates::new(super::complete::services))]
    services: Vec<String>,
    /// Format output with a Go template (e.g. '{{json .Endpoint.VirtualIPs}}')
    #[arg(short, long)]
    format: Option<String>,
    /// Print in a human-friendly format
    #[arg(long)]
    pretty: bool,
}

#[derive(Debug, Args)]
pub struct ScaleArgs {
    /// SERVICE=REPLICAS, one or more
    #[arg(required = true, value_name = "SERVICE=REPLICAS")]
    scales: Vec<String>,
    /// Return at once
    #[arg(short, long)]
    detach: bool,
}

#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// Number of tasks
    #[arg(long, value_name = "N")]
    replicas: Option<u64>,
    /// Add or change an environment variable (KEY=VALUE)
    #[arg(long, value_name = "KEY=VALUE")]
    env_add: Vec<String>,
    /// Remove an environment variable
    #[arg(long, value_name = "KEY")]
    env_rm: Vec<String>,
    /// New arguments for the command (one string, split on spaces)
    #[arg(long)]
    args: Option<String>,
    #[command(flatten)]
    restart: RestartFlags,
    /// Return at once
    #[arg(short, long)]
    detach: bool,
    /// Service: name, ID or ID prefix
    #[arg(add = ArgValueCandidates::new(super::complete::services))]
    service: String,
}

#[derive(Debug, Args)]
pub struct RmArgs {
    /// Services: name, ID or ID prefix
    #[arg(required = true, add = ArgValueCandidates::new(super::complete::services))]
    services: Vec<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct ServiceRow {
    #[serde(rename = "ID")]
    id: String,
    name: String,
    mode: String,
    replicas: String,
    image: String,
    ports: String,
}

impl Row for ServiceRow {
    const HEADERS: &'static [&'static str] = &["ID", "NAME", "MODE", "REPLICAS", "IMAGE", "PORTS"];
    fn cells(&self) -> Vec<String> {
        let id = self.id.chars().take(12).collect();
        vec![
            id,
            self.name.clone(),
            self.mode.clone(),
            self.replicas.clone(),
            self.image.clone(),
            self.ports.clone(),
        ]
    }
}

fn service_row(v: &ServiceView) -> ServiceRow {
    let spec = &v.spec;
    let mode = if spec["Mode"]["Global"].is_object() {
        "global"
    } else {
        "replicated"
    };
    let command: Vec<String> = spec["TaskTemplate"]["ContainerSpec"]["Command"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    ServiceRow {
        id: v.id.clone(),
        name: spec["Name"].as_str().unwrap_or_default().to_string(),
        mode: mode.into(),
        replicas: format!("{}/{}", v.replicas_running, v.replicas_desired),
        image: command.join(" "),
        ports: String::new(),
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct TaskRow {
    #[serde(rename = "ID")]
    id: String,
    name: String,
    image: String,
    node: String,
    desired_state: String,
    current_state: String,
    error: String,
    ports: String,
    #[serde(skip)]
    trunc: bool,
}

impl Row for TaskRow {
    const HEADERS: &'static [&'static str] = &[
        "ID",
        "NAME",
        "IMAGE",
        "NODE",
        "DESIRED STATE",
        "CURRENT STATE",
        "ERROR",
        "PORTS",
    ];
    fn cells(&self) -> Vec<String> {
        let id = if self.trunc {
            self.id.chars().take(12).collect()
        } else {
            self.id.clone()
        };
        let error = match (&self.error, self.trunc) {
            (e, _) if e.is_empty() => String::new(),
            (e, true) if e.chars().count() > 29 => {
                format!("\"{}…\"", e.chars().take(28).collect::<String>())
            }
            (e, _) => format!("\"{e}\""),
        };
        vec![
            id,
            self.name.clone(),
            self.image.clone(),
            self.node.clone(),
            self.desired_state.clone(),
            self.current_state.clone(),
            error,
            self.ports.clone(),
        ]
    }
}

/// Docker's "58 seconds ago", from an RFC 3339 timestamp.
pub fn ago(timestamp: &str) -> String {
    use time::{OffsetDateTime, format_description::well_known::Rfc3339};
    let Ok(t) = OffsetDateTime::parse(timestamp, &Rfc3339) else {
        return String::new();
    };
    let secs = (OffsetDateTime::now_utc() - t).whole_seconds().max(0);
    let human = match secs {
        0 => "Less than a second".to_string(),
        1 => "1 second".to_string(),
        s if s < 60 => format!("{s} seconds"),
        s if s < 120 => "About a minute".to_string(),
        s if s < 3600 => format!("{} minutes", s / 60),
        s if s < 7200 => "About an hour".to_string(),
        s if s < 48 * 3600 => format!("{} hours", s / 3600),
        s => format!("{} days", s / 86400),
    };
    format!("{human} ago")
}

fn task_rows(tasks: &[TaskView], trunc: bool) -> Vec<TaskRow> {
    let mut last_slot = None;
    tasks
        .iter()
        .map(|t| {
            let slot = (
                t.service_id.clone(),
                t.slot,
                if t.slot == 0 {
                    t.node_id.clone()
                } else {
                    String::new()
                },
            );
            let history = last_slot.as_ref() == Some(&slot);
            last_slot = Some(slot);
            TaskRow {
                id: t.id.clone(),
                name: if history {
                    format!(" \\_ {}", t.name)
                } else {
                    t.name.clone()
                },
                image: t.command.join(" "),
                node: t.node_name.clone(),
                desired_state: title(&t.desired_state),
                current_state: format!("{} {}", title(&t.status.state), ago(&t.status.timestamp)),
                error: t.status.err.clone(),
                ports: String::new(),
                trunc,
            }
        })
        .collect()
}

fn ps_filter(tasks: Vec<TaskView>, raw: &[String]) -> Result<Vec<TaskView>> {
    let mut tasks = tasks;
    for f in raw {
        match f.split_once('=') {
            Some(("desired-state", v)) => tasks.retain(|t| t.desired_state == v),
            Some(("node", v)) => tasks.retain(|t| t.node_name == v || t.node_id.starts_with(v)),
            Some(("name", v)) => tasks.retain(|t| t.name.starts_with(v)),
            Some(("id", v)) => tasks.retain(|t| t.id.starts_with(v)),
            _ => bail!("invalid filter {f:?}: use desired-state=, node=, name= or id="),
        }
    }
    Ok(tasks)
}

pub fn run(g: &GlobalOpts, cmd: ServiceCmd) -> Result<ExitCode> {
    let api = client(g)?;
    block_on(async move {
        match cmd {
            ServiceCmd::Create(a) => create(&api, a).await?,
            ServiceCmd::Logs(a) => return super::logs::run(&api, a).await,
            ServiceCmd::Ls(a) => {
                let svcs: Vec<ServiceView> = api.get("/v1/services").await?;
                let rows: Vec<ServiceRow> = svcs.iter().map(service_row).collect();
                if a.quiet {
                    rows.iter().for_each(|r| println!("{}", r.id));
                } else {
                    print!(
                        "{}",
                        output::list(&rows, &Format::parse(a.format.as_deref()))?
                    );
                }
            }
            ServiceCmd::Ps(a) => {
                let mut tasks = Vec::new();
                for s in &a.services {
                    let q = format!("/v1/tasks?service={}", path_escape(s));
                    tasks.extend(api.get::<Vec<TaskView>>(&q).await?);
                }
                let tasks = ps_filter(tasks, &a.filter)?;
                if a.quiet {
                    tasks.iter().for_each(|t| println!("{}", t.id));
                } else {
                    print!(
                        "{}",
                        output::list(
                            &task_rows(&tasks, !a.no_trunc),
                            &Format::parse(a.format.as_deref())
                        )?
                    );
                }
            }
            ServiceCmd::Inspect(a) => {
                let views: Vec<ServiceView> =
                    super::api::get_each(&api, "/v1/services", &a.services, "").await?;
                if a.pretty {
                    views.iter().for_each(|v| print!("{}", pretty(v)));
                } else {
                    print!("{}", output::inspect(&views, a.format.as_deref())?);
                }
            }
            ServiceCmd::Scale(a) => {
                let mut parsed = Vec::new();
                for s in &a.scales {
                    match s.split_once('=').map(|(n, r)| (n, r.parse::<u64>())) {
                        Some((n, Ok(r))) if !n.is_empty() => parsed.push((n.to_string(), r)),
                        _ => bail!("invalid scale {s:?}: use SERVICE=REPLICAS"),
                    }
                }
                for (name, _) in &parsed {
                    api.get::<ServiceView>(&format!("/v1/services/{}", path_escape(name)))
                        .await?;
                }
                for (name, replicas) in parsed {
                    let req = ServiceUpdateRequest {
                        replicas: Some(replicas),
                        ..Default::default()
                    };
                    let _: ServiceView = api
                        .post(&format!("/v1/services/{}/update", path_escape(&name)), &req)
                        .await?;
                    println!("{name} scaled to {replicas}");
                    if !a.detach {
                        super::progress::converge(&api, &name).await?;
                    }
                }
            }
            ServiceCmd::Update(a) => {
                let (restart, stop_grace_period) = a.restart.request();
                let req = ServiceUpdateRequest {
                    replicas: a.replicas,
                    env_add: a.env_add,
                    env_rm: a.env_rm,
                    args: a
                        .args
                        .map(|s| s.split_whitespace().map(str::to_string).collect()),
                    restart,
                    stop_grace_period,
                };
                let _: ServiceView = api
                    .post(
                        &format!("/v1/services/{}/update", path_escape(&a.service)),
                        &req,
                    )
                    .await?;
                println!("{}", a.service);
                if !a.detach {
                    super::progress::converge(&api, &a.service).await?;
                }
            }
            ServiceCmd::Rm(args) => {
                return super::api::remove_each(&api, "/v1/services", &args.services, "").await;
            }
        }
        Ok(ExitCode::SUCCESS)
    })
}

async fn create(api: &Client, a: CreateArgs) -> Result<()> {
    for e in &a.env {
        if !e.contains('=') || e.starts_with('=') {
            bail!("invalid --env {e:?}: use KEY=VALUE");
        }
    }
    if a.command.first().is_none_or(|c| c.is_empty()) {
        bail!("a service needs a COMMAND to run");
    }
    let global = matches!(a.mode, ModeArg::Global);
    if global && a.replicas.is_some() {
        bail!("--replicas cannot be used with --mode global");
    }
    let (restart, stop_grace_period) = a.restart.request();
    let (networks, network_aliases) = network_flag::request(&a.networks);
    let req = ServiceCreateRequest {
        name: a.name,
        command: a.command,
        replicas: a.replicas,
        global,
        networks,
        network_aliases,
        endpoint_mode: Some(match a.endpoint_mode {
            EndpointModeArg::Vip => "vip".into(),
            EndpointModeArg::Dnsrr => "dnsrr".into(),
        }),
        env: a.env,
        labels: key_values("--label", &a.labels)?,
        restart,
        stop_grace_period,
    };
    let resp: CreatedResponse = api.post("/v1/services", &req).await?;
    println!("{}", resp.id);
    if !a.detach {
        super::progress::converge(api, &req.name).await?;
    }
    Ok(())
}

fn pretty(v: &ServiceView) -> String {
    let r = service_row(v);
    let mut s = format!(
        "ID:\t\t{}\nName:\t\t{}\nService Mode:\t{}\n",
        v.id,
        r.name,
        title(&r.mode)
    );
    if r.mode == "replicated" {
        s.push_str(&format!(" Replicas:\t{}\n", v.replicas_desired));
    }
    s.push_str(&format!(
        "Command:\t{}\nEndpoint Mode:\t{}\n",
        r.image,
        v.endpoint["Spec"]["Mode"].as_str().unwrap_or("vip")
    ));
    let env: BTreeMap<String, ()> = v.spec["TaskTemplate"]["ContainerSpec"]["Env"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(|s| (s.to_string(), ())))
                .collect()
        })
        .unwrap_or_default();
    if !env.is_empty() {
        s.push_str(&format!(
            "Env:\t\t{}\n",
            env.keys().cloned().collect::<Vec<_>>().join(" ")
        ));
    }
    if let Some(vips) = v.endpoint["VirtualIPs"].as_array() {
        for vip in vips {
            s.push_str(&format!(
                "VIP:\t\t{} (network {})\n",
                vip["Addr"].as_str().unwrap_or(""),
                vip["NetworkID"].as_str().unwrap_or("")
            ));
        }
    }
    if !v.error.is_empty() {
        s.push_str(&format!("Error:\t\t{}\n", v.error));
    }
    s
}

/// `service ps --filter` values: the states, and `name=` for each task.
fn task_filters() -> Vec<CompletionCandidate> {
    let states = [
        "desired-state=running",
        "desired-state=shutdown",
        "desired-state=accepted",
    ];
    let mut out: Vec<CompletionCandidate> =
        states.into_iter().map(CompletionCandidate::new).collect();
    out.extend(
        super::complete::tasks()
            .into_iter()
            .map(|c| CompletionCandidate::new(format!("name={}", c.get_value().to_string_lossy()))),
    );
    out
}
