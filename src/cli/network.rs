//! `shoal network ...`: overlay networks, like `docker network`.

use std::{collections::BTreeMap, process::ExitCode};

use anyhow::{Result, bail};
use clap::{Args, Subcommand};
use clap_complete::engine::ArgValueCandidates;
use serde::Serialize;

use super::{
    GlobalOpts,
    api::{block_on, client},
    output::{self, Format, Row},
};
use crate::api::types::{CreatedResponse, NetworkCreateRequest, NetworkView};

#[derive(Debug, Subcommand)]
pub enum NetworkCmd {
    /// Create an overlay network
    Create(CreateArgs),
    /// List networks
    #[command(visible_alias = "list")]
    Ls(LsArgs),
    /// Show one or more networks as JSON
    Inspect(InspectArgs),
    /// Remove one or more networks
    #[command(visible_alias = "remove")]
    Rm(RmArgs),
}

#[derive(Debug, Args)]
pub struct CreateArgs {
    /// Driver to manage the network
    #[arg(short, long, default_value = "overlay")]
    driver: String,
    /// Subnet in CIDR format (default: a free /24 from 10.0.0.0/8)
    #[arg(long)]
    subnet: Option<String>,
    /// Gateway for the subnet (default: its first address)
    #[arg(long)]
    gateway: Option<String>,
    /// Let tasks outside services attach to it
    #[arg(long)]
    attachable: bool,
    /// Driver option (KEY=VALUE)
    #[arg(short = 'o', long = "opt", value_name = "KEY=VALUE")]
    opts: Vec<String>,
    /// Metadata (KEY=VALUE)
    #[arg(long = "label", value_name = "KEY=VALUE")]
    labels: Vec<String>,
    /// Name of the network
    name: String,
}

#[derive(Debug, Args)]
pub struct LsArgs {
    /// Only print network IDs
    #[arg(short, long)]
    quiet: bool,
    /// Filter: name=, driver=, label=KEY or label=KEY=VALUE
    #[arg(short, long, value_name = "KEY=VALUE")]
    filter: Vec<String>,
    /// Format output: table, json, or a Go template (e.g. '{{.Name}} {{.ID}}')
    #[arg(long)]
    format: Option<String>,
    /// Do not truncate IDs
    #[arg(long)]
    no_trunc: bool,
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// Networks: name, ID or ID prefix
    #[arg(required = true, add = ArgValueCandidates::new(super::complete::networks))]
    networks: Vec<String>,
    /// Format output with a Go template
    #[arg(short, long)]
    format: Option<String>,
    /// Also show the services on the network and their tasks' endpoints
    #[arg(short, long)]
    verbose: bool,
}

#[derive(Debug, Args)]
pub struct RmArgs {
    /// Networks: name, ID or ID prefix
    #[arg(required = true, add = ArgValueCandidates::new(super::complete::networks))]
    networks: Vec<String>,
}

/// `KEY=VALUE` pairs; a missing `=` is an error naming the flag.
pub fn key_values(flag: &str, raw: &[String]) -> Result<BTreeMap<String, String>> {
    raw.iter()
        .map(|kv| match kv.split_once('=') {
            Some((k, v)) if !k.is_empty() => Ok((k.to_string(), v.to_string())),
            _ if flag == "--label" && !kv.is_empty() && !kv.contains('=') => {
                Ok((kv.clone(), String::new()))
            }
            _ => bail!("invalid {flag} {kv:?}: use KEY=VALUE"),
        })
        .collect()
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct NetworkRow {
    #[serde(rename = "ID")]
    id: String,
    name: String,
    driver: String,
    scope: String,
    labels: BTreeMap<String, String>,
    #[serde(skip)]
    short: bool,
}

impl Row for NetworkRow {
    const HEADERS: &'static [&'static str] = &["NETWORK ID", "NAME", "DRIVER", "SCOPE"];
    fn cells(&self) -> Vec<String> {
        let id = if self.short {
            self.id.chars().take(12).collect()
        } else {
            self.id.clone()
        };
        vec![
            id,
            self.name.clone(),
            self.driver.clone(),
            self.scope.clone(),
        ]
    }
}

fn filter(rows: Vec<NetworkRow>, raw: &[String]) -> Result<Vec<NetworkRow>> {
    let mut rows = rows;
    for f in raw {
        let Some((k, v)) = f.split_once('=') else {
            bail!("invalid filter {f:?}: use name=, driver= or label=")
        };
        rows.retain(|r| match k {
            "name" => r.name.contains(v),
            "driver" => r.driver == v,
            "label" => match v.split_once('=') {
                Some((lk, lv)) => r.labels.get(lk).is_some_and(|x| x == lv),
                None => r.labels.contains_key(v),
            },
            _ => true,
        });
        if !["name", "driver", "label"].contains(&k) {
            bail!("invalid filter {k:?}: use name=, driver= or label=");
        }
    }
    Ok(rows)
}

pub fn run(g: &GlobalOpts, cmd: NetworkCmd) -> Result<ExitCode> {
    let api = client(g)?;
    block_on(async move {
        match cmd {
            NetworkCmd::Create(a) => {
                let req = NetworkCreateRequest {
                    name: a.name,
                    driver: a.driver,
                    subnet: a.subnet,
                    gateway: a.gateway,
                    attachable: a.attachable,
                    options: key_values("--opt", &a.opts)?,
                    labels: key_values("--label", &a.labels)?,
                };
                let resp: CreatedResponse = api.post("/v1/networks", &req).await?;
                println!("{}", resp.id);
            }
            NetworkCmd::Ls(a) => {
                let nets: Vec<NetworkView> = api.get("/v1/networks").await?;
                let rows = nets
                    .into_iter()
                    .map(|n| NetworkRow {
                        id: n.id,
                        name: n.name,
                        driver: n.driver,
                        scope: n.scope,
                        labels: n.labels,
                        short: !a.no_trunc,
                    })
                    .collect();
                let rows = filter(rows, &a.filter)?;
                if a.quiet {
                    rows.iter().for_each(|r| println!("{}", r.cells()[0]));
                } else {
                    print!(
                        "{}",
                        output::list(&rows, &Format::parse(a.format.as_deref()))?
                    );
                }
            }
            NetworkCmd::Inspect(a) => {
                let views: Vec<NetworkView> = super::api::get_each(
                    &api,
                    "/v1/networks",
                    &a.networks,
                    if a.verbose { "?verbose=true" } else { "" },
                )
                .await?;
                print!("{}", output::inspect(&views, a.format.as_deref())?);
            }
            NetworkCmd::Rm(args) => {
                return super::api::remove_each(&api, "/v1/networks", &args.networks, "").await;
            }
        }
        Ok(ExitCode::SUCCESS)
    })
}
