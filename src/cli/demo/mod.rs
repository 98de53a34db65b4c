//! `shoal lab demo`: Docker's guide "Attach services to an overlay network", the seed of
//! shoal, played on a running lab as a tutorial. Each step prints the shoal command it
//! runs, as a user would type it, then that command's output and one line on what it
//! showed. The commands run as child processes of this very binary, so what is printed
//! is what ran; the demo itself only checks, and waits for tasks, through the API.

mod exec;
mod read;

use std::{net::Ipv4Addr, path::PathBuf, process::ExitCode, time::Duration};

use anyhow::{Context as _, Result, anyhow, bail};
use clap::Args;

use self::{
    exec::{on_path, quote, target_flags},
    read::{answering_tasks, first_ipv4s, nodes_of, parse_vip, tally},
};
use super::lab::NameArg;
use crate::{
    api::{Endpoint, client::Client},
    lab::{self, LabError, plan},
};

const NETWORK: &str = "my-network";
const WEB: &str = "my-web";
const CLIENT: &str = "my-client";
/// The client's task, as `shoal exec` takes it (SERVICE.SLOT).
const CLIENT_TASK: &str = "my-client.1";
const REPLICAS: usize = 3;
const FETCHES: usize = 6;
const STEPS: usize = 5;
/// How long tasks may take to run, and DNS to have them.
const RUN_TIMEOUT: Duration = Duration::from_secs(60);
const DNS_TIMEOUT: Duration = Duration::from_secs(15);

#[derive(Debug, Args)]
pub struct DemoArgs {
    #[command(flatten)]
    lab: NameArg,
    /// Leave my-network, my-web and my-client in place at the end (also after a failure)
    #[arg(long)]
    keep: bool,
}

/// What the demo made, so the clean-up removes that and nothing else.
#[derive(Debug, Default)]
struct Made {
    network: bool,
    services: Vec<&'static str>,
}

struct Demo {
    exe: PathBuf,
    /// Global options that point a plain `shoal` at the lab (often none).
    target: Vec<String>,
    api: Client,
    rt: tokio::runtime::Runtime,
}

pub fn run(args: DemoArgs) -> Result<ExitCode> {
    let lab = args.lab.name.as_str();
    let demo = Demo::new(lab)?;
    demo.refuse_leftovers(lab)?;
    println!(
        "Docker's guide \"Attach services to an overlay network\", on lab {lab:?}: each step \
         shows the command it runs, its output, and what it showed.\n"
    );
    let mut made = Made::default();
    let outcome = demo.walkthrough(&mut made);
    let cleanup = if args.keep {
        demo.kept(&made);
        Ok(())
    } else {
        demo.clean_up(&made)
    };
    match (outcome, cleanup) {
        (Ok(()), Ok(())) => {
            println!("\nDone: the walkthrough worked on lab {lab:?}.");
            Ok(ExitCode::SUCCESS)
        }
        (Err(e), Ok(())) => Err(e),
        (Err(e), Err(c)) => Err(anyhow!("{e:#}; and the clean-up failed too: {c:#}")),
        (Ok(()), Err(c)) => Err(c),
    }
}

impl Demo {
    /// Refuses unless `lab` runs a cluster whose manager answers.
    fn new(lab: &str) -> Result<Demo> {
        let flag = if lab == plan::DEFAULT_NAME {
            String::new()
        } else {
            format!(" --name {lab}")
        };
        let rows = lab::status(lab).map_err(|e| match e {
            LabError::NotFound { .. } => {
                anyhow!("no lab is running: {e}; start one with: sudo shoal lab up{flag}")
            }
            other => other.into(),
        })?;
        if lab::state::load(lab)?.is_some_and(|s| s.bare) {
            bail!(
                "lab {lab:?} is bare (no cluster): make one with: sudo shoal lab down{flag} && sudo shoal lab up{flag}"
            );
        }
        if rows.first().is_some_and(|r| r.agent == "stopped") {
            bail!(
                "the manager of lab {lab:?} (node-1) is stopped: start it with: sudo shoal lab start{flag} 1"
            );
        }
        let socket = lab::state::agent_paths(lab, "node-1").socket;
        let demo = Demo {
            exe: std::env::current_exe().context("cannot find this executable")?,
            target: target_flags(lab, &Endpoint::Unix(socket.clone())),
            api: Client::unix(&socket).with_connect_timeout(Duration::from_secs(2)),
            rt: tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .context("cannot start the async runtime")?,
        };
        demo.rt
            .block_on(demo.api.get::<serde_json::Value>("/v1/networks"))
            .map_err(|e| anyhow!("the manager of lab {lab:?} does not answer: {e}"))?;
        Ok(demo)
    }

    /// Refuses when the guide's names are taken: the demo would change what is there.
    fn refuse_leftovers(&self, lab: &str) -> Result<()> {
        let mut taken = Vec::new();
        for (kind, name) in [("network", NETWORK), ("service", WEB), ("service", CLIENT)] {
            let path = format!("/v1/{kind}s/{name}");
            match self.rt.block_on(self.api.get::<serde_json::Value>(&path)) {
                Ok(_) => taken.push((kind, name)),
                Err(e) if e.status().is_some_and(|s| s.as_u16() == 404) => {}
                Err(e) => return Err(e).context(format!("cannot look up {kind} {name}")),
            }
        }
        if taken.is_empty() {
            return Ok(());
        }
        let names: Vec<&str> = taken.iter().map(|(_, n)| *n).collect();
        let services: Vec<&str> = taken
            .iter()
            .filter(|(k, _)| *k == "service")
            .map(|(_, n)| *n)
            .collect();
        let mut rm = Vec::new();
        if !services.is_empty() {
            rm.push(self.display(&[&["service", "rm"], &services[..]].concat()));
        }
        if names.contains(&NETWORK) {
            rm.push(self.display(&["network", "rm", NETWORK]));
        }
        bail!(
            "{} already exist{} on lab {lab:?}: the demo makes them itself; remove them first: {}",
            names.join(", "),
            if names.len() == 1 { "s" } else { "" },
            rm.join(" && ")
        )
    }

    fn walkthrough(&self, made: &mut Made) -> Result<()> {
        self.step(1, "create an overlay network", || self.network(made))?;
        self.step(2, "attach a service to the network", || self.web(made))?;
        self.step(3, "start a client on the same network", || {
            self.client(made)
        })?;
        self.step(4, "find and reach my-web from the client", || self.reach())
    }

    fn step(&self, n: usize, title: &str, body: impl FnOnce() -> Result<()>) -> Result<()> {
        println!("==> Step {n}/{STEPS}: {title}");
        let out = body();
        if let Err(e) = &out {
            explain(&format!("FAILED: {e:#}"));
        }
        println!();
        out.with_context(|| format!("step {n} ({title}) failed"))
    }

    fn network(&self, made: &mut Made) -> Result<()> {
        let ran = self.run(&["network", "create", "-d", "overlay", NETWORK])?;
        if !ran.ok() {
            bail!("network create: {}", ran.failure());
        }
        made.network = true;
        self.run(&["network", "ls"])?;
        explain(
            "my-network is an overlay (VXLAN) network with a subnet of its own; like Swarm, it \
             reaches a host once a task there is attached to it.",
        );
        Ok(())
    }

    fn web(&self, made: &mut Made) -> Result<()> {
        let exe = self.exe.to_string_lossy().into_owned();
        let replicas = REPLICAS.to_string();
        let ran = self.run(&[
            "service",
            "create",
            "--replicas",
            &replicas,
            "--name",
            WEB,
            "--network",
            NETWORK,
            &exe,
            "whoami",
        ])?;
        if !ran.ok() {
            bail!("service create: {}", ran.failure());
        }
        made.services.push(WEB);
        let tasks = self.wait_running(WEB, REPLICAS)?;
        self.run(&["service", "ps", WEB])?;
        explain(&format!(
            "{REPLICAS} tasks of `shoal whoami` (a small web server that says which task \
             answered), on {}, each with an address of its own on my-network.",
            nodes_of(&tasks)
        ));
        Ok(())
    }

    fn client(&self, made: &mut Made) -> Result<()> {
        let ran = self.run(&[
            "service",
            "create",
            "--name",
            CLIENT,
            "--network",
            NETWORK,
            "sleep",
            "infinity",
        ])?;
        if !ran.ok() {
            bail!("service create: {}", ran.failure());
        }
        made.services.push(CLIENT);
        self.wait_running(CLIENT, 1)?;
        self.run(&["service", "ps", CLIENT])?;
        explain(
            "A task runs a command of the host in namespaces of its own; this one sleeps, like \
             the guide's busybox, so that we can run commands in it with shoal exec.",
        );
        Ok(())
    }

    fn reach(&self) -> Result<()> {
        let vip = self.vip()?;
        self.resolve_vip(vip)?;
        let tasks = self.resolve_tasks()?;
        self.fetch(vip, &tasks)
    }

    /// my-web's VIP, as `service inspect` shows it.
    fn vip(&self) -> Result<Ipv4Addr> {
        let ran = self.run(&[
            "service",
            "inspect",
            "--format",
            "{{json .Endpoint.VirtualIPs}}",
            WEB,
        ])?;
        let vip = parse_vip(&ran.stdout).ok_or_else(|| anyhow!("service inspect showed no VIP"))?;
        explain(&format!("my-web's virtual IP on my-network is {vip}."));
        Ok(vip)
    }

    fn resolve_vip(&self, vip: Ipv4Addr) -> Result<()> {
        let cmd = ["exec", CLIENT_TASK, "--", "getent", "hosts", WEB];
        let (ran, got) = self.run_until(&cmd, |r| first_ipv4s(&r.stdout).first().copied())?;
        let Some(got) = got else {
            bail!(
                "my-web did not resolve in {CLIENT_TASK} ({})",
                ran.failure()
            );
        };
        if got != vip {
            bail!("my-web resolved to {got}, not to its VIP {vip}");
        }
        explain(&format!(
            "The client's resolver (127.0.0.11) answers my-web with {got}: the VIP that \
             service inspect shows; they match."
        ));
        Ok(())
    }

    /// The tasks' addresses, as `tasks.my-web` gives them.
    fn resolve_tasks(&self) -> Result<Vec<Ipv4Addr>> {
        let name = format!("tasks.{WEB}");
        let cmd: Vec<&str> = if on_path("dig") {
            vec!["exec", CLIENT_TASK, "--", "dig", "+short", &name]
        } else {
            vec!["exec", CLIENT_TASK, "--", "getent", "ahostsv4", &name]
        };
        let (_, got) = self.run_until(&cmd, |r| {
            let ips = first_ipv4s(&r.stdout);
            (ips.len() == REPLICAS).then_some(ips)
        })?;
        let Some(ips) = got else {
            bail!("{name} did not give the {REPLICAS} tasks' addresses");
        };
        let list: Vec<String> = ips.iter().map(Ipv4Addr::to_string).collect();
        explain(&format!(
            "{name} gives the {REPLICAS} tasks' own addresses, {}, for clients that balance \
             by themselves.",
            list.join(", ")
        ));
        Ok(ips)
    }

    /// GET `url` with `curl` where there is one, else with this binary's own client.
    fn http_get(&self, url: &str) -> Vec<String> {
        let exe = self.exe.to_string_lossy();
        let argv: &[&str] = if on_path("curl") {
            &["curl", "-sS", "-m", "5", url]
        } else {
            &[&exe, "whoami", "--get", url]
        };
        argv.iter().map(|a| a.to_string()).collect()
    }

    /// `FETCHES` GETs of http://my-web/ in a loop in the client, one `Task:` line each.
    fn fetch(&self, vip: Ipv4Addr, tasks: &[Ipv4Addr]) -> Result<()> {
        let url = format!("http://{WEB}/");
        let rounds: Vec<String> = (1..=FETCHES).map(|i| i.to_string()).collect();
        let script = format!(
            "for i in {}; do {} | grep Task: || exit 1; done",
            rounds.join(" "),
            self.http_get(&url)
                .iter()
                .map(|a| quote(a))
                .collect::<Vec<_>>()
                .join(" ")
        );
        let ran = self.run(&["exec", CLIENT_TASK, "--", "sh", "-c", &script])?;
        let answers = answering_tasks(&ran.stdout);
        if !ran.ok() || answers.len() != FETCHES {
            let cause = self.diagnose(tasks)?;
            bail!(
                "GET {url} through the VIP {vip} failed after {} of {FETCHES} answers ({}){cause}",
                answers.len(),
                ran.failure()
            );
        }
        explain(&format!(
            "{FETCHES} answers through the VIP, from {}: the load balancer spreads \
             connections over the tasks.",
            tally(&answers)
        ));
        Ok(())
    }

    /// After a failed fetch through the VIP: whether a task answers at its own address,
    /// which puts the fault on the VIP's load balancer.
    fn diagnose(&self, tasks: &[Ipv4Addr]) -> Result<String> {
        let Some(task) = tasks.first() else {
            return Ok(String::new());
        };
        explain("Does a task answer at its own address?");
        let get = self.http_get(&format!("http://{task}/"));
        let mut cmd = vec!["exec", CLIENT_TASK, "--"];
        cmd.extend(get.iter().map(String::as_str));
        let ran = self.run(&cmd)?;
        Ok(if ran.ok() {
            format!(
                "; the task at {task} answers directly, so the VIP's load balancer did not pass \
                 the connection"
            )
        } else {
            format!("; the task at {task} does not answer directly either")
        })
    }

    fn clean_up(&self, made: &Made) -> Result<()> {
        if !made.network && made.services.is_empty() {
            return Ok(());
        }
        println!("==> Step {STEPS}/{STEPS}: clean up");
        let mut failed = Vec::new();
        if !made.services.is_empty() {
            let ran = self.run(&[&["service", "rm"], &made.services[..]].concat())?;
            if !ran.ok() {
                failed.push(format!("service rm: {}", ran.failure()));
            }
        }
        if made.network {
            let ran = self.run(&["network", "rm", NETWORK])?;
            if !ran.ok() {
                failed.push(format!("network rm: {}", ran.failure()));
            }
        }
        if !failed.is_empty() {
            bail!("step {STEPS} (clean up) failed: {}", failed.join("; "));
        }
        explain("The services and the network are gone, and with them the tasks' namespaces.");
        Ok(())
    }

    fn kept(&self, made: &Made) {
        if !made.network && made.services.is_empty() {
            return;
        }
        println!("==> Step {STEPS}/{STEPS}: clean up (skipped: --keep)");
        let mut rm = Vec::new();
        if !made.services.is_empty() {
            rm.push(self.display(&[&["service", "rm"], &made.services[..]].concat()));
        }
        if made.network {
            rm.push(self.display(&["network", "rm", NETWORK]));
        }
        explain(&format!(
            "Left in place; try more, e.g. shoal exec {CLIENT_TASK} -- sh, then remove them with: {}",
            rm.join(" && ")
        ));
    }
}

fn explain(text: &str) {
    println!("# {text}");
}
