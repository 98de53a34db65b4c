//! `shoal exec` on the node: a command in a running task's network, UTS and mount
//! namespaces (joined with `setns` in `pre_exec`, on fds opened before the fork), with
//! the task's environment, its output and exit code sent back as frames, and its input
//! (with `-i`) and terminal size (with `-t`, on a pseudo-terminal) taken from them.

use std::{
    ffi::OsString,
    fs,
    os::{
        fd::{AsRawFd, OwnedFd},
        unix::ffi::OsStringExt,
    },
    process::Stdio,
    sync::Arc,
    time::Duration,
};

use nix::sched::{CloneFlags, setns};
use tokio::{
    io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt},
    sync::mpsc,
};

use super::runtime::{
    RuntimeError,
    process::{DEFAULT_PATH, resolve},
};
use crate::api::exec::{ExecParams, Frame, read_frame, write_frame};

/// A command ready to start in a task's namespaces.
pub struct Prepared {
    cmd: tokio::process::Command,
    /// With `-t`: the terminal's master side (the child gets the other).
    pty: Option<OwnedFd>,
}

#[derive(Debug, thiserror::Error)]
pub enum ExecError {
    #[error("the task's process is gone")]
    Gone,
    #[error(transparent)]
    Start(#[from] RuntimeError),
    #[error("cannot run the command: {0}")]
    Io(#[from] std::io::Error),
}

/// The environment of process `pid`.
fn environ(pid: i32) -> std::io::Result<Vec<(OsString, OsString)>> {
    let raw = fs::read(format!("/proc/{pid}/environ"))?;
    Ok(raw
        .split(|b| *b == 0)
        .filter_map(|kv| {
            let eq = kv.iter().position(|b| *b == b'=')?;
            Some((
                OsString::from_vec(kv[..eq].to_vec()),
                OsString::from_vec(kv[eq + 1..].to_vec()),
            ))
        })
        .collect())
}

/// Checks everything that can fail before the client's connection is taken over.
pub fn prepare(pid: i32, p: &ExecParams) -> Result<Prepared, ExecError> {
    let open =
        |ns: &str| fs::File::open(format!("/proc/{pid}/ns/{ns}")).map_err(|_| ExecError::Gone);
    let (net, uts, mnt) = (open("net")?, open("uts")?, open("mnt")?);
    let env = environ(pid).map_err(|_| ExecError::Gone)?;
    let path = env
        .iter()
        .find(|(k, _)| k == "PATH")
        .map(|(_, v)| v.to_string_lossy().into_owned())
        .unwrap_or_else(|| DEFAULT_PATH.into());
    let program = &p.cmd[0];
    let exe = resolve(program, &path)?;
    let mut cmd = tokio::process::Command::new(exe);
    cmd.arg0(program)
        .args(&p.cmd[1..])
        .env_clear()
        .envs(env)
        .current_dir("/")
        .kill_on_drop(false);
    let mut pty = None;
    if p.tty {
        if !cmd.as_std().get_envs().any(|(k, _)| k == "TERM") {
            cmd.env("TERM", "xterm");
        }
        let pair = nix::pty::openpty(None, None).map_err(std::io::Error::from)?;
        cmd.stdin(Stdio::from(pair.slave.try_clone()?))
            .stdout(Stdio::from(pair.slave.try_clone()?))
            .stderr(Stdio::from(pair.slave));
        pty = Some(pair.master);
    } else {
        cmd.stdin(if p.interactive {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    }
    let tty = p.tty;
    // SAFETY: between fork and exec only syscalls run (setns, chdir, setsid, ioctl) on
    // fds opened above; nothing allocates or locks.
    unsafe {
        cmd.pre_exec(move || {
            setns(&net, CloneFlags::CLONE_NEWNET)?;
            setns(&uts, CloneFlags::CLONE_NEWUTS)?;
            setns(&mnt, CloneFlags::CLONE_NEWNS)?;
            nix::unistd::chdir("/")?;
            if tty {
                nix::unistd::setsid()?;
                if nix::libc::ioctl(0, nix::libc::TIOCSCTTY, 0) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
            }
            Ok(())
        });
    }
    Ok(Prepared { cmd, pty })
}

fn resize(fd: &OwnedFd, rows: u16, cols: u16) {
    let ws = nix::libc::winsize {
        ws_row: rows,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCSWINSZ reads a winsize from a valid pointer; the fd is a pty master.
    unsafe {
        nix::libc::ioctl(fd.as_raw_fd(), nix::libc::TIOCSWINSZ, &ws);
    }
}

/// Sends what `r` yields as frames made by `frame`, until it ends.
async fn pump_out(
    mut r: impl AsyncRead + Unpin,
    frame: fn(Vec<u8>) -> Frame,
    tx: mpsc::Sender<Frame>,
) {
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        match r.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => {
                if tx.send(frame(buf[..n].to_vec())).await.is_err() {
                    return;
                }
            }
        }
    }
}

/// Runs the prepared command over `io` until it ends; the last frame is its exit code.
/// A client that goes away takes the command with it.
pub async fn run<S>(prepared: Prepared, io: S)
where
    S: AsyncRead + AsyncWrite + Send + 'static,
{
    let Prepared { mut cmd, pty } = prepared;
    let (mut rd, mut wr) = tokio::io::split(io);
    let terminal = pty
        .as_ref()
        .map(|m| Ok::<_, std::io::Error>((m.try_clone()?, m.try_clone()?)))
        .transpose();
    let spawned = terminal.and_then(|t| Ok((cmd.spawn()?, t)));
    let (mut child, terminal) = match spawned {
        Ok(c) => c,
        Err(e) => {
            let msg = format!("cannot run the command: {e}\n");
            let _ = write_frame(&mut wr, &Frame::Stderr(msg.into_bytes())).await;
            let _ = write_frame(&mut wr, &Frame::Exit(126)).await;
            return;
        }
    };
    drop(cmd); // closes the parent's copies of the terminal's child side
    let (tx, mut out) = mpsc::channel::<Frame>(64);
    let mut input: Option<Box<dyn AsyncWrite + Unpin + Send>> = None;
    let pty = pty.map(Arc::new);
    if let Some((reader, writer)) = terminal {
        let reader = tokio::fs::File::from_std(fs::File::from(reader));
        let writer = tokio::fs::File::from_std(fs::File::from(writer));
        tokio::spawn(pump_out(reader, Frame::Stdout, tx.clone()));
        input = Some(Box::new(writer));
    } else {
        if let Some(o) = child.stdout.take() {
            tokio::spawn(pump_out(o, Frame::Stdout, tx.clone()));
        }
        if let Some(e) = child.stderr.take() {
            tokio::spawn(pump_out(e, Frame::Stderr, tx.clone()));
        }
        if let Some(i) = child.stdin.take() {
            input = Some(Box::new(i));
        }
    }
    drop(tx);
    let (gone_tx, mut gone) = tokio::sync::oneshot::channel::<()>();
    let resize_fd = pty.clone();
    let reader = tokio::spawn(async move {
        loop {
            match read_frame(&mut rd).await {
                Ok(Some(Frame::Stdin(b))) => {
                    if let Some(w) = &mut input
                        && (w.write_all(&b).await.is_err() || w.flush().await.is_err())
                    {
                        input = None;
                    }
                }
                Ok(Some(Frame::StdinEof)) => input = None,
                Ok(Some(Frame::Resize { rows, cols })) => {
                    if let Some(fd) = &resize_fd {
                        resize(fd, rows, cols);
                    }
                }
                Ok(Some(_)) => {}
                Ok(None) | Err(_) => {
                    let _ = gone_tx.send(());
                    return;
                }
            }
        }
    });
    let mut code: Option<i32> = None;
    let mut drain = Box::pin(tokio::time::sleep(Duration::from_secs(3600)));
    let mut client_gone = false;
    loop {
        tokio::select! {
            f = out.recv() => match f {
                Some(f) => {
                    if write_frame(&mut wr, &f).await.is_err() {
                        client_gone = true;
                        break;
                    }
                }
                None => break,
            },
            status = child.wait(), if code.is_none() => {
                code = Some(status.map_or(126, exit_code));
                // Output still in the pipes follows; a background process holding
                // them is not waited for long.
                drain.as_mut().reset(tokio::time::Instant::now() + Duration::from_secs(1));
            }
            _ = &mut drain, if code.is_some() => break,
            _ = &mut gone, if !client_gone => {
                client_gone = true;
                break;
            }
        }
    }
    if client_gone {
        let _ = child.start_kill();
        let _ = child.wait().await;
    } else {
        let code = match code {
            Some(c) => c,
            None => child.wait().await.map_or(126, exit_code),
        };
        let _ = write_frame(&mut wr, &Frame::Exit(code)).await;
        let _ = wr.shutdown().await;
    }
    reader.abort();
}

fn exit_code(s: std::process::ExitStatus) -> i32 {
    use std::os::unix::process::ExitStatusExt;
    s.code().or(s.signal().map(|sig| 128 + sig)).unwrap_or(126)
}
