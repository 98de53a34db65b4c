//! `shoal exec`: a command inside a running task's namespaces, on whichever node runs
//! it, through the manager. Output and exit code come back; with `-i` stdin goes in,
//! with `-t` on a pseudo-terminal (this terminal in raw mode while it runs).

use std::{
    io::{IsTerminal, Read, Write},
    process::ExitCode,
};

use anyhow::{Result, bail};
use clap::Args;
use clap_complete::engine::ArgValueCandidates;
use hyper::Method;
use tokio::sync::mpsc;

use super::path_escape;
use crate::api::{
    client::{Client, ClientError},
    exec::{ExecParams, Frame, PROTOCOL, read_frame, write_frame},
};

#[derive(Debug, Args)]
pub struct ExecArgs {
    /// Keep STDIN open and send it to the command
    #[arg(short, long)]
    interactive: bool,
    /// Allocate a pseudo-terminal
    #[arg(short, long)]
    tty: bool,
    /// The task: its ID, a unique ID prefix, or SERVICE.SLOT (e.g. my-web.1)
    #[arg(value_name = "TASK", add = ArgValueCandidates::new(super::complete::tasks))]
    task: String,
    /// The command to run, and its arguments
    #[arg(
        value_name = "COMMAND",
        required = true,
        trailing_var_arg = true,
        allow_hyphen_values = true,
        num_args = 1..
    )]
    command: Vec<String>,
}

/// Puts the terminal back as it was, however the command ends.
struct RawMode;

impl Drop for RawMode {
    fn drop(&mut self) {
        let _ = crossterm::terminal::disable_raw_mode();
    }
}

fn size_frame() -> Option<Frame> {
    crossterm::terminal::size()
        .ok()
        .map(|(cols, rows)| Frame::Resize { rows, cols })
}

pub async fn run(api: &Client, a: ExecArgs) -> Result<ExitCode> {
    let terminal = std::io::stdin().is_terminal();
    if a.tty && a.interactive && !terminal {
        bail!("the input device is not a TTY");
    }
    let params = ExecParams {
        cmd: a.command.clone(),
        tty: a.tty,
        interactive: a.interactive,
    };
    let path = format!(
        "/v1/tasks/{}/exec?{}",
        path_escape(&a.task),
        params.to_query()
    );
    let io = match api.upgrade(Method::POST, &path, PROTOCOL).await {
        Ok(io) => io,
        // The command could not be started (Docker's exit code for that).
        Err(ClientError::Api { status, message }) if status.as_u16() == 422 => {
            eprintln!("error: {message}");
            return Ok(ExitCode::from(126));
        }
        Err(e) => return Err(e.into()),
    };
    let (mut rd, mut wr) = tokio::io::split(io);
    let _raw =
        (a.tty && terminal && crossterm::terminal::enable_raw_mode().is_ok()).then_some(RawMode);

    let (tx, mut frames) = mpsc::unbounded_channel::<Frame>();
    if a.tty
        && let Some(f) = size_frame()
    {
        let _ = tx.send(f);
    }
    if a.interactive {
        // A thread of its own: a read of stdin may block past the command's end.
        let tx = tx.clone();
        std::thread::spawn(move || {
            let mut stdin = std::io::stdin();
            let mut buf = [0u8; 8192];
            loop {
                match stdin.read(&mut buf) {
                    Ok(0) | Err(_) => {
                        let _ = tx.send(Frame::StdinEof);
                        return;
                    }
                    Ok(n) => {
                        if tx.send(Frame::Stdin(buf[..n].to_vec())).is_err() {
                            return;
                        }
                    }
                }
            }
        });
    } else {
        let _ = tx.send(Frame::StdinEof);
    }
    if a.tty {
        let tx = tx.clone();
        tokio::spawn(async move {
            use tokio::signal::unix::{SignalKind, signal};
            let Ok(mut winch) = signal(SignalKind::window_change()) else {
                return;
            };
            while winch.recv().await.is_some() {
                if let Some(f) = size_frame()
                    && tx.send(f).is_err()
                {
                    return;
                }
            }
        });
    }
    drop(tx);
    tokio::spawn(async move {
        while let Some(f) = frames.recv().await {
            if write_frame(&mut wr, &f).await.is_err() {
                return;
            }
        }
    });
    loop {
        match read_frame(&mut rd).await? {
            Some(Frame::Stdout(b)) => {
                let mut out = std::io::stdout().lock();
                out.write_all(&b)?;
                out.flush()?;
            }
            Some(Frame::Stderr(b)) => {
                let mut err = std::io::stderr().lock();
                err.write_all(&b)?;
                err.flush()?;
            }
            Some(Frame::Exit(code)) => return Ok(ExitCode::from(code.clamp(0, 255) as u8)),
            Some(_) => {}
            None => bail!("the exec session ended before the command did"),
        }
    }
}
