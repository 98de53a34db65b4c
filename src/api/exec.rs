//! `shoal exec` on the wire. The CLI asks a manager with `POST /v1/tasks/{id}/exec`
//! and `Upgrade: shoal-exec`; the manager asks the node that runs the task the same
//! way and splices the two upgraded connections. On the connection both sides speak
//! frames: a kind byte, a big-endian u32 length, the payload.

use std::io;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

/// The `Upgrade` protocol name.
pub const PROTOCOL: &str = "shoal-exec";
/// A frame longer than this is refused.
pub const MAX_FRAME: usize = 1 << 20;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Frame {
    /// Client to task: input bytes.
    Stdin(Vec<u8>),
    /// Client to task: no more input.
    StdinEof,
    /// Client to task: the terminal's size changed.
    Resize {
        rows: u16,
        cols: u16,
    },
    /// Task to client.
    Stdout(Vec<u8>),
    Stderr(Vec<u8>),
    /// The command ended with this exit code (128 + signal for a signal); last frame.
    Exit(i32),
}

const STDIN: u8 = 0;
const STDOUT: u8 = 1;
const STDERR: u8 = 2;
const EXIT: u8 = 3;
const RESIZE: u8 = 4;
const STDIN_EOF: u8 = 5;

impl Frame {
    pub fn encode(&self) -> Vec<u8> {
        let (kind, payload): (u8, Vec<u8>) = match self {
            Frame::Stdin(b) => (STDIN, b.clone()),
            Frame::StdinEof => (STDIN_EOF, Vec::new()),
            Frame::Resize { rows, cols } => {
                let mut p = rows.to_be_bytes().to_vec();
                p.extend_from_slice(&cols.to_be_bytes());
                (RESIZE, p)
            }
            Frame::Stdout(b) => (STDOUT, b.clone()),
            Frame::Stderr(b) => (STDERR, b.clone()),
            Frame::Exit(code) => (EXIT, code.to_be_bytes().to_vec()),
        };
        let mut out = Vec::with_capacity(5 + payload.len());
        out.push(kind);
        out.extend_from_slice(&(payload.len() as u32).to_be_bytes());
        out.extend_from_slice(&payload);
        out
    }

    fn decode(kind: u8, payload: Vec<u8>) -> io::Result<Frame> {
        let bad = |what: &str| io::Error::new(io::ErrorKind::InvalidData, what.to_string());
        Ok(match kind {
            STDIN => Frame::Stdin(payload),
            STDIN_EOF => Frame::StdinEof,
            STDOUT => Frame::Stdout(payload),
            STDERR => Frame::Stderr(payload),
            RESIZE => match payload[..] {
                [a, b, c, d] => Frame::Resize {
                    rows: u16::from_be_bytes([a, b]),
                    cols: u16::from_be_bytes([c, d]),
                },
                _ => return Err(bad("bad resize frame")),
            },
            EXIT => match payload[..] {
                [a, b, c, d] => Frame::Exit(i32::from_be_bytes([a, b, c, d])),
                _ => return Err(bad("bad exit frame")),
            },
            k => return Err(bad(&format!("unknown frame kind {k}"))),
        })
    }
}

/// The next frame, or `None` at a clean end of stream.
pub async fn read_frame<R: AsyncRead + Unpin>(r: &mut R) -> io::Result<Option<Frame>> {
    let mut head = [0u8; 5];
    match r.read_exact(&mut head[..1]).await {
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    r.read_exact(&mut head[1..]).await?;
    let len = u32::from_be_bytes([head[1], head[2], head[3], head[4]]) as usize;
    if len > MAX_FRAME {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("frame of {len} bytes is too long"),
        ));
    }
    let mut payload = vec![0u8; len];
    r.read_exact(&mut payload).await?;
    Frame::decode(head[0], payload).map(Some)
}

pub async fn write_frame<W: AsyncWrite + Unpin>(w: &mut W, f: &Frame) -> io::Result<()> {
    w.write_all(&f.encode()).await?;
    w.flush().await
}

/// What to run: `?cmd=A&cmd=B&tty=1&interactive=1` on the exec request.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExecParams {
    pub cmd: Vec<String>,
    pub tty: bool,
    pub interactive: bool,
}

impl ExecParams {
    pub fn to_query(&self) -> String {
        let mut q = form_urlencoded::Serializer::new(String::new());
        for c in &self.cmd {
            q.append_pair("cmd", c);
        }
        if self.tty {
            q.append_pair("tty", "1");
        }
        if self.interactive {
            q.append_pair("interactive", "1");
        }
        q.finish()
    }

    pub fn from_query(query: &str) -> Result<ExecParams, String> {
        let mut p = ExecParams::default();
        for (k, v) in form_urlencoded::parse(query.as_bytes()) {
            match &*k {
                "cmd" => p.cmd.push(v.into_owned()),
                "tty" => p.tty = v == "1",
                "interactive" => p.interactive = v == "1",
                other => return Err(format!("unknown exec parameter {other:?}")),
            }
        }
        if p.cmd.is_empty() {
            return Err("no command to run".into());
        }
        Ok(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn frames_round_trip() {
        let frames = [
            Frame::Stdin(b"ls\n".to_vec()),
            Frame::StdinEof,
            Frame::Resize { rows: 24, cols: 80 },
            Frame::Stdout(vec![0, 1, 2]),
            Frame::Stderr(Vec::new()),
            Frame::Exit(-1),
            Frame::Exit(137),
        ];
        let bytes: Vec<u8> = frames.iter().flat_map(Frame::encode).collect();
        let mut r = &bytes[..];
        for f in &frames {
            assert_eq!(read_frame(&mut r).await.unwrap().as_ref(), Some(f));
        }
        assert_eq!(read_frame(&mut r).await.unwrap(), None);
    }

    #[tokio::test]
    async fn bad_frames_are_errors_not_panics() {
        for bytes in [
            &[9u8, 0, 0, 0, 0][..],
            &[EXIT, 0, 0, 0, 1, 7],
            &[RESIZE, 0, 0, 0, 0],
            &[STDOUT, 0xff, 0xff, 0xff, 0xff],
            &[STDOUT, 0, 0, 0, 9, 1],
            &[STDOUT, 0, 0],
        ] {
            let mut r = bytes;
            assert!(read_frame(&mut r).await.is_err(), "{bytes:?}");
        }
    }

    #[test]
    fn params_in_the_query() {
        let p = ExecParams {
            cmd: vec!["sh".into(), "-c".into(), "echo a&b=c %".into()],
            tty: true,
            interactive: false,
        };
        assert_eq!(ExecParams::from_query(&p.to_query()).unwrap(), p);
        assert!(ExecParams::from_query("tty=1").is_err());
        assert!(ExecParams::from_query("cmd=a&x=1").is_err());
    }
}
