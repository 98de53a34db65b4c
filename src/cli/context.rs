//! `shoal context ...`: where the CLI points, like `docker context`.

use std::process::ExitCode;

use anyhow::Result;
use clap::{Args, Subcommand};
use serde::Serialize;

use super::{
    GlobalOpts,
    output::{self, Format, Row},
};
use crate::{
    api::Endpoint,
    context::{self, Context, Store},
};

#[derive(Debug, Subcommand)]
pub enum ContextCmd {
    /// List contexts; the current one is marked with *
    #[command(visible_alias = "list")]
    Ls(LsArgs),
    /// Create a context
    Create(CreateArgs),
    /// Make a context the current one
    Use(UseArgs),
    /// Remove one or more contexts
    #[command(visible_alias = "remove")]
    Rm(RmArgs),
    /// Show one or more contexts as JSON (the current one by default)
    Inspect(InspectArgs),
    /// Print the name of the current context
    Show,
}

#[derive(Debug, Args)]
pub struct LsArgs {
    /// Only print context names
    #[arg(short, long)]
    quiet: bool,
    /// Format output: table, json, or a Go template (e.g. '{{.Name}}\t{{.Endpoint}}')
    #[arg(long)]
    format: Option<String>,
}

#[derive(Debug, Args)]
pub struct CreateArgs {
    /// Name of the new context
    name: String,
    /// Manager API: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]
    #[arg(long, value_name = "URL")]
    endpoint: Endpoint,
    /// A description shown by `context ls`
    #[arg(long, default_value = "")]
    description: String,
}

#[derive(Debug, Args)]
pub struct UseArgs {
    /// Context to make current
    name: String,
}

#[derive(Debug, Args)]
pub struct RmArgs {
    /// Contexts to remove
    #[arg(required = true)]
    names: Vec<String>,
    /// Remove the current context too (`default` becomes current)
    #[arg(short, long)]
    force: bool,
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// Contexts to show (default: the current one)
    names: Vec<String>,
    /// Format output with a Go template
    #[arg(short, long)]
    format: Option<String>,
}

/// One context as listed and inspected.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct ContextView {
    name: String,
    description: String,
    endpoint: String,
    current: bool,
}

impl ContextView {
    fn new(c: Context, current: &str) -> Self {
        ContextView {
            current: c.name == current,
            name: c.name,
            description: c.description,
            endpoint: c.host.to_string(),
        }
    }
}

impl Row for ContextView {
    const HEADERS: &'static [&'static str] = &["NAME", "DESCRIPTION", "ENDPOINT"];

    fn cells(&self) -> Vec<String> {
        let mark = if self.current { " *" } else { "" };
        vec![
            format!("{}{mark}", self.name),
            self.description.clone(),
            self.endpoint.clone(),
        ]
    }
}

pub fn run(g: &GlobalOpts, cmd: ContextCmd) -> Result<ExitCode> {
    let store = Store::from_env()?;
    match cmd {
        ContextCmd::Ls(args) => ls(g, &store, args),
        ContextCmd::Create(args) => {
            let ctx = Context {
                name: args.name.clone(),
                description: args.description,
                host: args.endpoint,
            };
            store.update(|c| c.create(ctx))?;
            println!("{}", args.name);
            eprintln!("Successfully created context {:?}", args.name);
            Ok(ExitCode::SUCCESS)
        }
        ContextCmd::Use(args) => {
            store.update(|c| c.use_context(&args.name))?;
            println!("{}", args.name);
            eprintln!("Current context is now {:?}", args.name);
            Ok(ExitCode::SUCCESS)
        }
        ContextCmd::Rm(args) => rm(&store, args),
        ContextCmd::Inspect(args) => inspect(g, &store, args),
        ContextCmd::Show => {
            println!("{}", current_name(g, &store.load()?)?);
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The context in force, after `--context`/SHOAL_CONTEXT.
fn current_name(g: &GlobalOpts, config: &context::Config) -> Result<String> {
    let name = g.context.as_deref().unwrap_or_else(|| config.current());
    Ok(config.get(name)?.name)
}

fn ls(g: &GlobalOpts, store: &Store, args: LsArgs) -> Result<ExitCode> {
    let config = store.load()?;
    let current = current_name(g, &config)?;
    let views: Vec<ContextView> = config
        .all()
        .into_iter()
        .map(|c| ContextView::new(c, &current))
        .collect();
    if args.quiet {
        views.iter().for_each(|v| println!("{}", v.name));
    } else {
        print!(
            "{}",
            output::list(&views, &Format::parse(args.format.as_deref()))?
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Removes all named contexts or none: every name is checked before anything changes.
fn rm(store: &Store, args: RmArgs) -> Result<ExitCode> {
    store.update(|c| {
        for name in &args.names {
            c.remove(name, args.force)?;
        }
        Ok(())
    })?;
    args.names.iter().for_each(|n| println!("{n}"));
    Ok(ExitCode::SUCCESS)
}

fn inspect(g: &GlobalOpts, store: &Store, args: InspectArgs) -> Result<ExitCode> {
    let config = store.load()?;
    let current = current_name(g, &config)?;
    let names = if args.names.is_empty() {
        vec![current.clone()]
    } else {
        args.names
    };
    let views = names
        .iter()
        .map(|n| config.get(n).map(|c| ContextView::new(c, &current)))
        .collect::<Result<Vec<_>, _>>()?;
    print!("{}", output::inspect(&views, args.format.as_deref())?);
    Ok(ExitCode::SUCCESS)
}
