//! `ssh://` endpoints, Docker's model: the CLI runs `shoal system dial-stdio` on the
//! host over an SSH exec channel and speaks the API's HTTP through it; on the host,
//! dial-stdio joins its stdin and stdout to the local agent's socket. One SSH
//! connection per dialer, one channel per request.

use std::{
    io::{Read, Write},
    os::unix::net::UnixStream as StdUnixStream,
    path::Path,
    sync::Arc,
};

use russh::{ChannelStream, client::Msg};
use tokio::sync::Mutex;

use super::{Request, Session, SshError, target};

/// The command an `ssh://` endpoint runs on its host.
pub const DIAL_COMMAND: &str = "shoal system dial-stdio";

/// Joins stdin/stdout to the Unix socket at `socket` until the API side closes.
/// Plain blocking I/O on two threads: there is one connection and nothing else to do.
pub fn dial_stdio(socket: &Path) -> std::io::Result<()> {
    let stream = StdUnixStream::connect(socket).map_err(|e| {
        std::io::Error::new(
            e.kind(),
            format!("cannot connect to unix://{}: {e}", socket.display()),
        )
    })?;
    let mut up = stream.try_clone()?;
    std::thread::spawn(move || {
        let _ = pump(&mut std::io::stdin().lock(), &mut up);
        // The client is done sending; the agent still answers.
        let _ = up.shutdown(std::net::Shutdown::Write);
    });
    let mut down = stream;
    // The answer ending is the end, even if the client never closes its side.
    pump(&mut down, &mut std::io::stdout().lock())
}

/// Copies until EOF with plain reads and writes. Not `std::io::copy`: between a
/// socket and a pipe it uses splice(2), which holds the pipe's lock while it waits for
/// the socket, so sshd, reading the other end, hangs in the kernel (and stops
/// answering everything else) until the agent speaks.
fn pump(from: &mut impl Read, to: &mut impl Write) -> std::io::Result<()> {
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) => return to.flush(),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        to.write_all(&buf[..n])?;
        to.flush()?;
    }
}

/// Opens dial-stdio channels on one host, connecting (again) when needed.
pub struct Dialer {
    how: How,
    command: String,
    session: Mutex<Option<Arc<Session>>>,
}

enum How {
    /// Resolve and connect on first use.
    Connect(Box<Request>),
    /// An existing session (the bootstrap's).
    Fixed,
}

impl Dialer {
    /// A dialer for `ssh://[user@]host[:port]`, reading the ssh config on first use.
    pub fn new(request: Request, command: impl Into<String>) -> Dialer {
        Dialer {
            how: How::Connect(Box::new(request)),
            command: command.into(),
            session: Mutex::new(None),
        }
    }

    /// A dialer over a session that is already open.
    pub fn over(session: Arc<Session>, command: impl Into<String>) -> Dialer {
        Dialer {
            how: How::Fixed,
            command: command.into(),
            session: Mutex::new(Some(session)),
        }
    }

    /// `ssh://user@host`, for messages.
    pub fn describe(&self) -> String {
        match &self.how {
            How::Connect(r) => format!("ssh://{}", r.target),
            How::Fixed => "ssh".into(),
        }
    }

    async fn session(&self) -> Result<Arc<Session>, SshError> {
        let mut slot = self.session.lock().await;
        if let Some(s) = slot.as_ref().filter(|s| !s.is_closed()) {
            return Ok(s.clone());
        }
        let How::Connect(req) = &self.how else {
            return Err(SshError::Protocol("the SSH connection has closed".into()));
        };
        let s = Arc::new(Session::connect(target::resolve(req)?).await?);
        *slot = Some(s.clone());
        Ok(s)
    }

    /// A fresh channel running dial-stdio.
    pub async fn open(&self) -> Result<ChannelStream<Msg>, SshError> {
        self.session().await?.stream(&self.command).await
    }

    /// Why dial-stdio fails: runs it with no input and returns its error line.
    pub async fn diagnose(&self) -> Option<String> {
        let out = self
            .session()
            .await
            .ok()?
            .run(&self.command, Some(bytes::Bytes::new()))
            .await
            .ok()?;
        (!out.success()).then(|| format!("{}: {}", self.command, out.reason()))
    }
}
