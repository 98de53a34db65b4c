//! `shoal lab demo`: Docker's guide "Attach services to an overlay network", the seed of
//! shoal, played on a running lab as a tutorial. Each step prints the shoal command it
//! runs, as a user would type it, then that command's output and one line on what it
//! showed. The commands run as child processes of this very binary, so what is printed
//! is what ran; the demo itself only checks, and waits for tasks, through the API.

use std::{
    collections::BTreeMap,
    io::Write,
    net::Ipv4Addr,
    path::PathBuf,
    process::{Command, ExitCode},
    time::{Duration, Instant},
};

use anyhow::{Context as _, Result, anyhow, bail};
use clap::Args;

use super::lab::{NameArg, context_name};
use crate::{
    api::{
        Endpoint,
        client::{Client, ClientError},
        types::TaskView,
    },
    context::{self, Store},
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

/// One command the demo ran: its exit code and output.
struct Ran {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Ran {
    fn ok(&self) -> bool {
        self.code == Some(0)
    }

    /// Why it failed: its exit code and the last line it wrote on stderr.
    fn failure(&self) -> String {
        let code = match self.code {
            Some(c) => format!("exit code {c}"),
            None => "killed by a signal".into(),
        };
        match self.stderr.lines().rev().find(|l| !l.trim().is_empty()) {
            Some(last) => format!("{code}: {}", last.trim()),
            None => code,
        }
    }
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

    /// The command line as printed: `shoal`, the target flags, then `args`, quoted.
    fn display(&self, args: &[&str]) -> String {
        std::iter::once("shoal")
            .chain(self.target.iter().map(String::as_str))
            .chain(args.iter().copied())
            .map(quote)
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Prints and runs `shoal ARGS` (this executable), then prints what it printed.
    fn run(&self, args: &[&str]) -> Result<Ran> {
        println!("$ {}", self.display(args));
        let ran = self.run_quietly(args)?;
        print!("{}", ran.1);
        let _ = std::io::stdout().flush();
        Ok(ran.0)
    }

    fn run_quietly(&self, args: &[&str]) -> Result<(Ran, String)> {
        let out = Command::new(&self.exe)
            .args(&self.target)
            .args(args)
            .output()
            .with_context(|| format!("cannot run {}", self.exe.display()))?;
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        let shown = format!("{stdout}{stderr}");
        let ran = Ran {
            code: out.status.code(),
            stdout,
            stderr,
        };
        Ok((ran, shown))
    }

    /// Runs `args` until `check` finds what it looks for in the output (DNS follows
    /// tasks within a second or two), then prints the last run as `run` does.
    fn run_until<T>(
        &self,
        args: &[&str],
        check: impl Fn(&Ran) -> Option<T>,
    ) -> Result<(Ran, Option<T>)> {
        let deadline = Instant::now() + DNS_TIMEOUT;
        let mut tries = 1;
        loop {
            let (ran, shown) = self.run_quietly(args)?;
            let found = check(&ran);
            if found.is_some() || Instant::now() >= deadline {
                println!("$ {}", self.display(args));
                print!("{shown}");
                if tries > 1 {
                    println!("# (that was try {tries}: the first ones came before DNS had it)");
                }
                return Ok((ran, found));
            }
            tries += 1;
            std::thread::sleep(Duration::from_millis(500));
        }
    }

    /// Waits until `n` tasks of `service` run; returns them.
    fn wait_running(&self, service: &str, n: usize) -> Result<Vec<TaskView>> {
        if n == 1 {
            explain(&format!("waiting until {service}'s task runs..."));
        } else {
            explain(&format!("waiting until the {n} tasks of {service} run..."));
        }
        let path = format!("/v1/tasks?service={service}");
        let deadline = Instant::now() + RUN_TIMEOUT;
        loop {
            let tasks: Vec<TaskView> = self
                .rt
                .block_on(self.api.get(&path))
                .map_err(|e: ClientError| anyhow!("cannot list the tasks of {service}: {e}"))?;
            let running: Vec<TaskView> = tasks
                .iter()
                .filter(|t| t.desired_state == "running" && t.status.state == "running")
                .cloned()
                .collect();
            if running.len() >= n {
                return Ok(running);
            }
            if Instant::now() >= deadline {
                self.run(&["service", "ps", "--no-trunc", service])?;
                bail!(
                    "{} of {n} tasks of {service} running after {} s",
                    running.len(),
                    RUN_TIMEOUT.as_secs()
                );
            }
            std::thread::sleep(Duration::from_millis(300));
        }
    }
}

fn explain(text: &str) {
    println!("# {text}");
}

/// Global options that make a plain `shoal` in this environment talk to the lab: none
/// when it does already (the lab made its context current), else the lab's context,
/// else its socket (when `SHOAL_HOST` is set, it wins over any context).
fn target_flags(lab: &str, lab_endpoint: &Endpoint) -> Vec<String> {
    let env = |k| std::env::var(k).ok().filter(|v| !v.is_empty());
    let host = env("SHOAL_HOST");
    let config = Store::from_env().and_then(|s| s.load()).ok();
    let plain = config.as_ref().and_then(|c| {
        let host = match &host {
            Some(h) => Some(h.parse::<Endpoint>().ok()?),
            None => None,
        };
        let ctx = env("SHOAL_CONTEXT");
        context::resolve(c, host.as_ref(), ctx.as_deref()).ok()
    });
    let name = context_name(lab);
    let lab_context = config
        .as_ref()
        .and_then(|c| c.get(&name).ok())
        .filter(|c| &c.host == lab_endpoint)
        .map(|_| name);
    pick_target(
        lab_endpoint,
        plain.map(|t| t.endpoint).as_ref(),
        lab_context,
        host.is_some(),
    )
}

fn pick_target(
    lab: &Endpoint,
    plain: Option<&Endpoint>,
    lab_context: Option<String>,
    host_env: bool,
) -> Vec<String> {
    if plain == Some(lab) {
        return Vec::new();
    }
    match (lab_context, lab) {
        (Some(ctx), _) if !host_env => vec!["-c".into(), ctx],
        (_, Endpoint::Unix(path)) => vec!["-H".into(), format!("unix://{}", path.display())],
        (_, other) => vec!["-H".into(), other.to_string()],
    }
}

/// An argument as a POSIX shell reads it back: bare when safe, else in single quotes.
fn quote(arg: &str) -> String {
    let safe = |c: char| c.is_ascii_alphanumeric() || "-_./:=,@%+".contains(c);
    if !arg.is_empty() && arg.chars().all(safe) {
        arg.to_string()
    } else {
        format!("'{}'", arg.replace('\'', r"'\''"))
    }
}

/// The address of `[{"NetworkID":"...","Addr":"10.0.1.2/24"}]`.
fn parse_vip(json: &str) -> Option<Ipv4Addr> {
    let v: serde_json::Value = serde_json::from_str(json.trim()).ok()?;
    v.get(0)?["Addr"].as_str()?.split('/').next()?.parse().ok()
}

/// The IPv4 address that starts each line (getent, dig +short), once each, in order.
fn first_ipv4s(text: &str) -> Vec<Ipv4Addr> {
    let mut out: Vec<Ipv4Addr> = Vec::new();
    for ip in text
        .lines()
        .filter_map(|l| l.split_whitespace().next()?.parse().ok())
    {
        if !out.contains(&ip) {
            out.push(ip);
        }
    }
    out
}

/// The task named by each `Task: NAME` line of whoami's answers.
fn answering_tasks(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| l.strip_prefix("Task:"))
        .map(|t| t.trim().to_string())
        .collect()
}

/// `my-web.1 (2), my-web.2 (2), my-web.3 (2)`.
fn tally(answers: &[String]) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for a in answers {
        *counts.entry(a).or_default() += 1;
    }
    counts
        .iter()
        .map(|(t, n)| format!("{t} ({n})"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `node-1, node-2 and node-3`.
fn nodes_of(tasks: &[TaskView]) -> String {
    let mut nodes: Vec<&str> = tasks.iter().map(|t| t.node_name.as_str()).collect();
    nodes.sort();
    nodes.dedup();
    match nodes.split_last() {
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => "no node".into(),
    }
}

fn on_path(tool: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(tool).is_file()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_print_as_a_shell_reads_them() {
        assert_eq!(quote("my-web"), "my-web");
        assert_eq!(quote("/usr/local/bin/shoal"), "/usr/local/bin/shoal");
        assert_eq!(
            quote("{{json .Endpoint.VirtualIPs}}"),
            "'{{json .Endpoint.VirtualIPs}}'"
        );
        assert_eq!(quote("it's"), r"'it'\''s'");
        assert_eq!(quote(""), "''");
        assert_eq!(quote("a|b"), "'a|b'");
    }

    #[test]
    fn the_target_is_none_a_context_or_the_socket() {
        let lab = Endpoint::Unix("/run/shoal/lab/shoal/node-1/shoal.sock".into());
        let other = Endpoint::default();
        assert!(pick_target(&lab, Some(&lab), Some("lab".into()), false).is_empty());
        assert_eq!(
            pick_target(&lab, Some(&other), Some("lab".into()), false),
            ["-c", "lab"]
        );
        assert_eq!(
            pick_target(&lab, Some(&other), Some("lab".into()), true),
            ["-H", "unix:///run/shoal/lab/shoal/node-1/shoal.sock"],
            "SHOAL_HOST beats -c"
        );
        assert_eq!(
            pick_target(&lab, None, None, false),
            ["-H", "unix:///run/shoal/lab/shoal/node-1/shoal.sock"]
        );
    }

    #[test]
    fn outputs_are_read_back() {
        assert_eq!(
            parse_vip(r#"[{"NetworkID":"ic8h","Addr":"10.0.9.2/24"}]"#),
            Some(Ipv4Addr::new(10, 0, 9, 2))
        );
        assert_eq!(parse_vip("[]"), None);
        assert_eq!(parse_vip("not json"), None);
        let getent = "10.0.9.3        STREAM tasks.my-web\n10.0.9.3        DGRAM  \n\
                      10.0.9.4        STREAM tasks.my-web\n10.0.9.5        RAW    \n";
        assert_eq!(
            first_ipv4s(getent),
            [[10, 0, 9, 3], [10, 0, 9, 4], [10, 0, 9, 5]].map(Ipv4Addr::from)
        );
        assert_eq!(
            first_ipv4s("10.0.9.2        my-web\n"),
            [Ipv4Addr::new(10, 0, 9, 2)]
        );
        assert!(first_ipv4s(";; connection timed out\n").is_empty());
        let answers = answering_tasks("Task: my-web.2\nTask: my-web.1\nTask: my-web.2\n");
        assert_eq!(answers, ["my-web.2", "my-web.1", "my-web.2"]);
        assert_eq!(tally(&answers), "my-web.1 (1), my-web.2 (2)");
    }
}
