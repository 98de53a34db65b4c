//! `shoal service logs`: a service's or task's output, gathered by a manager from the
//! nodes that ran it, printed as Docker prints it (`my-web.1.<id>@node-1    | line`).

use anyhow::{Result, bail};
use clap::Args;
use clap_complete::engine::{ArgValueCandidates, CompletionCandidate};
use futures::StreamExt;

use super::path_escape;
use crate::api::{client::Client, types::LogLine};

#[derive(Debug, Args)]
pub struct LogsArgs {
    /// The service (all its tasks) or one task
    #[arg(value_name = "SERVICE|TASK", add = ArgValueCandidates::new(targets))]
    target: String,
    /// Follow log output: new lines, and tasks that start later
    #[arg(short, long)]
    follow: bool,
    /// Number of lines to show from the end of each task's log
    #[arg(short = 'n', long, value_name = "N", default_value = "all")]
    tail: String,
    /// Show timestamps
    #[arg(short, long)]
    timestamps: bool,
    /// Do not include task IDs in the output
    #[arg(long)]
    no_task_ids: bool,
    /// Do not truncate task IDs
    #[arg(long)]
    no_trunc: bool,
    /// Do not prefix lines with their task and node
    #[arg(long)]
    raw: bool,
    /// Show node IDs instead of node names
    #[arg(long)]
    no_resolve: bool,
}

fn targets() -> Vec<CompletionCandidate> {
    let mut c = super::complete::services();
    c.extend(super::complete::tasks());
    c
}

fn parse_tail(tail: &str) -> Result<Option<usize>> {
    match tail {
        "all" => Ok(None),
        n => match n.parse::<usize>() {
            Ok(n) => Ok(Some(n)),
            Err(_) => bail!("invalid --tail value {tail:?}: use a number of lines, or all"),
        },
    }
}

/// One line as Docker formats it (without the newline).
fn format(l: &LogLine, a: &LogsArgs) -> String {
    let mut out = String::new();
    if a.timestamps {
        out.push_str(&l.time);
        out.push(' ');
    }
    if !a.raw {
        let id = if a.no_trunc {
            l.task_id.as_str()
        } else {
            &l.task_id[..l.task_id.len().min(12)]
        };
        let node = if a.no_resolve {
            &l.node_id
        } else {
            &l.node_name
        };
        if a.no_task_ids {
            out.push_str(&format!("{}@{node}    | ", l.task_name));
        } else {
            out.push_str(&format!("{}.{id}@{node}    | ", l.task_name));
        }
    }
    out.push_str(l.log.strip_suffix('\n').unwrap_or(&l.log));
    out
}

/// Prints the lines; stderr lines go to stderr. Exit code 1 if a node could not be read.
pub async fn run(api: &Client, a: LogsArgs) -> Result<std::process::ExitCode> {
    let tail = parse_tail(&a.tail)?;
    let mut path = format!("/v1/logs/{}?follow={}", path_escape(&a.target), a.follow);
    if let Some(n) = tail {
        path.push_str(&format!("&tail={n}"));
    }
    let stream = api.stream::<LogLine>(&path).await?;
    futures::pin_mut!(stream);
    let mut failed = false;
    while let Some(line) = stream.next().await {
        let line = line?;
        match line.stream.as_str() {
            "error" => {
                failed = true;
                eprintln!("error from {}: {}", line.node_name, line.log);
            }
            "stderr" => eprintln!("{}", format(&line, &a)),
            _ => println!("{}", format(&line, &a)),
        }
    }
    Ok(if failed {
        std::process::ExitCode::FAILURE
    } else {
        std::process::ExitCode::SUCCESS
    })
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    #[derive(Parser)]
    struct T {
        #[command(flatten)]
        a: LogsArgs,
    }

    fn args(extra: &[&str]) -> LogsArgs {
        let mut argv = vec!["t"];
        argv.extend_from_slice(extra);
        argv.push("my-web");
        T::parse_from(argv).a
    }

    #[test]
    fn lines_look_like_docker() {
        let l = LogLine {
            task_id: "fg43kjzpwrc0abcdefghijklm".into(),
            task_name: "my-web.2".into(),
            node_id: "n1d".into(),
            node_name: "node-1".into(),
            stream: "stdout".into(),
            time: "2026-11-26T11:58:06.003501322Z".into(),
            log: "line 11\n".into(),
        };
        assert_eq!(
            format(&l, &args(&[])),
            "my-web.2.fg43kjzpwrc0@node-1    | line 11"
        );
        assert_eq!(
            format(&l, &args(&["-t"])),
            "2026-11-26T11:58:06.003501322Z my-web.2.fg43kjzpwrc0@node-1    | line 11"
        );
        assert_eq!(
            format(&l, &args(&["--no-task-ids", "--no-resolve"])),
            "my-web.2@n1d    | line 11"
        );
        assert_eq!(format(&l, &args(&["--raw"])), "line 11");
        assert!(format(&l, &args(&["--no-trunc"])).contains(".fg43kjzpwrc0abcdefghijklm@"));
    }

    #[test]
    fn tail_is_a_number_or_all() {
        assert_eq!(parse_tail("all").unwrap(), None);
        assert_eq!(parse_tail("5").unwrap(), Some(5));
        assert!(parse_tail("-1").is_err());
        assert!(parse_tail("x").is_err());
    }
}
