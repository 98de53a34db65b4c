//! The task shim (`shoal task-shim`, hidden): the parent of one task's process, like
//! containerd's shim or conmon. The agent starts it inside the task's namespaces; it
//! starts the COMMAND, keeps its stdout and stderr as JSON lines with timestamps in
//! `task.log` (Docker's json-file format, rotated at a size cap), and records how the
//! command ended in `exit`. Because the shim, not the agent, holds the pipes and reaps
//! the process, an agent restart loses no log line and no exit code.
//!
//! Files in the task's directory: `pid` (the command's PID, written by the shim),
//! `task.log` and `task.log.1`, `exit` (`exit N` or `signal N`).

use std::{
    fs,
    io::{self, BufRead, BufReader, Read, Write},
    os::unix::process::{CommandExt, ExitStatusExt},
    path::{Path, PathBuf},
    process::{Command, ExitCode, Stdio},
    sync::mpsc,
    time::Duration,
};

use serde::{Deserialize, Serialize};

/// Docker's json-file splits lines longer than this.
const MAX_LINE: usize = 16 * 1024;

#[derive(Debug, clap::Args)]
pub struct ShimArgs {
    /// The task's directory.
    #[arg(long)]
    pub dir: PathBuf,
    /// The program to run (resolved by the agent).
    #[arg(long)]
    pub exe: PathBuf,
    /// Rotate the log past this many bytes.
    #[arg(long, default_value_t = super::process::LOG_CAP)]
    pub log_cap: u64,
    /// argv[0] and the arguments.
    #[arg(last = true, required = true)]
    pub argv: Vec<String>,
}

/// One line of `task.log`, as Docker's json-file writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    pub log: String,
    pub stream: String,
    pub time: String,
}

/// How a task's command ended, as the shim recorded it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Code(i32),
    Signal(i32),
}

impl Exit {
    /// Docker's exit code: the code, or 128 + the signal.
    pub fn code(self) -> i32 {
        match self {
            Exit::Code(c) => c,
            Exit::Signal(s) => 128 + s,
        }
    }

    fn render(self) -> String {
        match self {
            Exit::Code(c) => format!("exit {c}\n"),
            Exit::Signal(s) => format!("signal {s}\n"),
        }
    }

    fn parse(text: &str) -> Option<Exit> {
        let (kind, n) = text.trim().split_once(' ')?;
        let n = n.parse().ok()?;
        match kind {
            "exit" => Some(Exit::Code(n)),
            "signal" => Some(Exit::Signal(n)),
            _ => None,
        }
    }
}

/// The recorded end of the task in `dir`, if the shim wrote one.
pub fn read_exit(dir: &Path) -> Option<Exit> {
    Exit::parse(&fs::read_to_string(dir.join("exit")).ok()?)
}

/// RFC 3339 with nanoseconds, UTC, as Docker's log timestamps.
pub fn timestamp() -> String {
    let now = time::OffsetDateTime::now_utc();
    let f = time::macros::format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:9]Z"
    );
    now.format(&f).unwrap_or_default()
}

/// Appends records to `task.log`, moving it to `task.log.1` past `cap` bytes.
pub struct LogWriter {
    dir: PathBuf,
    cap: u64,
    file: fs::File,
    size: u64,
}

impl LogWriter {
    pub fn open(dir: &Path, cap: u64) -> io::Result<LogWriter> {
        let file = fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(dir.join("task.log"))?;
        let size = file.metadata()?.len();
        Ok(LogWriter {
            dir: dir.to_path_buf(),
            cap,
            file,
            size,
        })
    }

    pub fn write(&mut self, stream: &str, line: &[u8]) -> io::Result<()> {
        if self.size >= self.cap {
            fs::rename(self.dir.join("task.log"), self.dir.join("task.log.1"))?;
            *self = LogWriter::open(&self.dir, self.cap)?;
        }
        let rec = Record {
            log: String::from_utf8_lossy(line).into_owned(),
            stream: stream.to_string(),
            time: timestamp(),
        };
        let mut bytes = serde_json::to_vec(&rec).map_err(io::Error::other)?;
        bytes.push(b'\n');
        self.file.write_all(&bytes)?;
        self.size += bytes.len() as u64;
        Ok(())
    }
}

/// Sends each line of `r` (with its newline; long lines in pieces) to `tx`.
fn pump(r: impl Read, stream: &'static str, tx: mpsc::Sender<(&'static str, Vec<u8>)>) {
    let mut r = BufReader::new(r);
    loop {
        let mut line = Vec::new();
        match (&mut r).take(MAX_LINE as u64).read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) => {
                if tx.send((stream, line)).is_err() {
                    return;
                }
            }
        }
    }
}

fn write_atomic(path: &Path, text: &str) -> io::Result<()> {
    let tmp = path.with_extension("tmp");
    fs::write(&tmp, text)?;
    fs::rename(tmp, path)
}

/// Runs the shim; its exit code is the command's (for whoever looks).
pub fn run(args: ShimArgs) -> ExitCode {
    match shim(&args) {
        Ok(exit) => ExitCode::from(exit.code().clamp(0, 255) as u8),
        Err(e) => {
            let _ = LogWriter::open(&args.dir, args.log_cap).and_then(|mut w| {
                w.write(
                    "stderr",
                    format!("shoal: cannot run the task: {e}\n").as_bytes(),
                )
            });
            let _ = write_atomic(&args.dir.join("exit"), &Exit::Code(126).render());
            ExitCode::from(126)
        }
    }
}

fn shim(args: &ShimArgs) -> io::Result<Exit> {
    let (arg0, rest) = args
        .argv
        .split_first()
        .ok_or_else(|| io::Error::other("no command"))?;
    let mut log = LogWriter::open(&args.dir, args.log_cap)?;
    let mut child = Command::new(&args.exe)
        .arg0(arg0)
        .args(rest)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    write_atomic(&args.dir.join("pid"), &child.id().to_string())?;
    let (tx, rx) = mpsc::channel();
    let mut readers = Vec::new();
    if let Some(out) = child.stdout.take() {
        let tx = tx.clone();
        readers.push(std::thread::spawn(move || pump(out, "stdout", tx)));
    }
    if let Some(err) = child.stderr.take() {
        let tx = tx.clone();
        readers.push(std::thread::spawn(move || pump(err, "stderr", tx)));
    }
    drop(tx);
    let writer = std::thread::spawn(move || {
        for (stream, line) in rx {
            if let Err(e) = log.write(stream, &line) {
                eprintln!("shoal task-shim: cannot write the log: {e}");
            }
        }
    });
    let status = child.wait()?;
    let exit = match (status.code(), status.signal()) {
        (Some(c), _) => Exit::Code(c),
        (None, Some(s)) => Exit::Signal(s),
        _ => Exit::Code(255),
    };
    // What the command wrote before it ended goes in the log before its end is
    // recorded; a background process still holding the pipes is not waited for long.
    let deadline = std::time::Instant::now() + Duration::from_secs(2);
    while readers.iter().any(|r| !r.is_finished()) && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    if readers.iter().all(|r| r.is_finished()) {
        let _ = writer.join();
    }
    write_atomic(&args.dir.join("exit"), &exit.render())?;
    Ok(exit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_files_round_trip() {
        for e in [Exit::Code(0), Exit::Code(3), Exit::Signal(9)] {
            assert_eq!(Exit::parse(&e.render()), Some(e));
        }
        assert_eq!(Exit::Signal(9).code(), 137);
        assert_eq!(Exit::parse("garbage"), None);
        assert_eq!(Exit::parse("exit x"), None);
    }

    #[test]
    fn log_lines_are_docker_json_and_rotate_at_the_cap() {
        let dir = tempfile::tempdir().unwrap();
        let mut w = LogWriter::open(dir.path(), 200).unwrap();
        for i in 0..6 {
            w.write("stdout", format!("line {i}\n").as_bytes()).unwrap();
        }
        let old = fs::read_to_string(dir.path().join("task.log.1")).unwrap();
        let new = fs::read_to_string(dir.path().join("task.log")).unwrap();
        let first: Record = serde_json::from_str(old.lines().next().unwrap()).unwrap();
        assert_eq!(
            (first.log.as_str(), first.stream.as_str()),
            ("line 0\n", "stdout")
        );
        assert!(
            first.time.ends_with('Z') && first.time.len() == 30,
            "{}",
            first.time
        );
        let all: Vec<Record> = old
            .lines()
            .chain(new.lines())
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(all.len(), 6, "nothing lost across the rotation");
        assert!(fs::metadata(dir.path().join("task.log")).unwrap().len() < 200 * 2);
    }

    #[test]
    fn long_lines_are_split() {
        let (tx, rx) = mpsc::channel();
        let text = vec![b'x'; MAX_LINE + 10];
        pump(&text[..], "stdout", tx);
        let parts: Vec<usize> = rx.iter().map(|(_, l)| l.len()).collect();
        assert_eq!(parts, [MAX_LINE, 10]);
    }
}
