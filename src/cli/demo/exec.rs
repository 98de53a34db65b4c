//! Running the demo's commands: each one printed as a user would type it (`shoal`, the
//! global options that reach the lab, the arguments quoted for a POSIX shell), then run
//! as a child of this very executable with the same arguments, its output printed.

use std::{
    io::Write,
    process::Command,
    time::{Duration, Instant},
};

use anyhow::{Context as _, Result, anyhow, bail};

use super::{DNS_TIMEOUT, Demo, RUN_TIMEOUT, explain};
use crate::{
    api::{Endpoint, client::ClientError, types::TaskView},
    cli::lab::context_name,
    context::{self, Store},
};

/// One command the demo ran: its exit code and output.
pub(super) struct Ran {
    pub(super) code: Option<i32>,
    pub(super) stdout: String,
    pub(super) stderr: String,
}

impl Ran {
    pub(super) fn ok(&self) -> bool {
        self.code == Some(0)
    }

    /// Why it failed: its exit code and the last line it wrote on stderr.
    pub(super) fn failure(&self) -> String {
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

impl Demo {
    /// The command line as printed: `shoal`, the target flags, then `args`, quoted.
    pub(super) fn display(&self, args: &[&str]) -> String {
        std::iter::once("shoal")
            .chain(self.target.iter().map(String::as_str))
            .chain(args.iter().copied())
            .map(quote)
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Prints and runs `shoal ARGS` (this executable), then prints what it printed.
    pub(super) fn run(&self, args: &[&str]) -> Result<Ran> {
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
    pub(super) fn run_until<T>(
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
    pub(super) fn wait_running(&self, service: &str, n: usize) -> Result<Vec<TaskView>> {
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

/// Global options that make a plain `shoal` in this environment talk to the lab: none
/// when it does already (the lab made its context current), else the lab's context,
/// else its socket (when `SHOAL_HOST` is set, it wins over any context).
pub(super) fn target_flags(lab: &str, lab_endpoint: &Endpoint) -> Vec<String> {
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
pub(super) fn quote(arg: &str) -> String {
    let safe = |c: char| c.is_ascii_alphanumeric() || "-_./:=,@%+".contains(c);
    if !arg.is_empty() && arg.chars().all(safe) {
        arg.to_string()
    } else {
        format!("'{}'", arg.replace('\'', r"'\''"))
    }
}

pub(super) fn on_path(tool: &str) -> bool {
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
}
