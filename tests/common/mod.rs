//! Helpers shared by the integration tests: run the built binary with an isolated
//! config, labs that are always torn down, waiting with a deadline, and the root check.
#![allow(dead_code, clippy::unwrap_used)]

use std::{
    path::{Path, PathBuf},
    process::{Command, Output},
    sync::atomic::{AtomicU32, Ordering},
    time::{Duration, Instant},
};

/// The binary under test.
pub fn bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_shoal"))
}

/// A `shoal` invocation with its own config directory, so tests never read or write
/// the user's contexts.
pub struct TestCommand {
    cmd: Command,
    display: String,
}

impl TestCommand {
    pub fn new(config_home: &Path) -> Self {
        let mut cmd = Command::new(bin());
        cmd.env("XDG_CONFIG_HOME", config_home)
            .env_remove("SHOAL_CONTEXT")
            .env_remove("SHOAL_HOST")
            .env_remove("SHOAL_LAB");
        TestCommand {
            cmd,
            display: "shoal".to_string(),
        }
    }

    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        for a in args {
            self.display.push(' ');
            self.display.push_str(&a.as_ref().to_string_lossy());
            self.cmd.arg(a);
        }
        self
    }

    pub fn env(mut self, key: &str, value: impl AsRef<std::ffi::OsStr>) -> Self {
        self.cmd.env(key, value);
        self
    }

    pub fn output(mut self) -> Run {
        let out = self
            .cmd
            .output()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", self.display));
        Run {
            display: self.display,
            out,
        }
    }

    /// Runs and asserts success; returns stdout.
    pub fn ok(self) -> String {
        self.output().success().stdout()
    }

    /// Runs and asserts failure; returns stderr.
    pub fn fails(self) -> String {
        self.output().failure().stderr()
    }

    /// The underlying command, for tests that spawn and manage the process.
    pub fn into_command(self) -> Command {
        self.cmd
    }
}

pub struct Run {
    display: String,
    out: Output,
}

impl Run {
    pub fn code(&self) -> Option<i32> {
        self.out.status.code()
    }

    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.out.stdout).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.out.stderr).into_owned()
    }

    pub fn success(self) -> Self {
        assert!(
            self.out.status.success(),
            "{} failed ({}):\nstdout: {}\nstderr: {}",
            self.display,
            self.out.status,
            self.stdout(),
            self.stderr()
        );
        self
    }

    pub fn failure(self) -> Self {
        assert!(
            !self.out.status.success(),
            "{} succeeded but should have failed:\nstdout: {}",
            self.display,
            self.stdout()
        );
        self
    }

    /// Asserts Docker's error contract: exit non-zero, one line on stderr that
    /// mentions `expect`. Returns that line.
    pub fn one_line_error(self, expect: &str) -> String {
        let err = self.failure().stderr();
        assert_eq!(
            err.lines().count(),
            1,
            "expected one error line, got: {err:?}"
        );
        assert!(
            err.contains(expect),
            "error {err:?} does not mention {expect:?}"
        );
        err
    }
}

/// A temporary config home plus the command builder that uses it.
pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Self {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn shoal<I, S>(&self, args: I) -> TestCommand
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        TestCommand::new(self.dir.path()).args(args)
    }

    pub fn config_file(&self) -> PathBuf {
        self.dir.path().join("shoal/config.yaml")
    }
}

/// True when the test may use root-only kernel features. Without root it skips with a
/// message, except under CI (`CI=true`), where a skipped root test would hide a gap.
pub fn require_root(test: &str) -> bool {
    if nix::unistd::geteuid().is_root() {
        return true;
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{test} needs root and CI=true: run the suite as root");
    }
    eprintln!("skipping {test}: needs root");
    false
}

/// True when `tool` is on PATH; like `require_root`, fails under CI when missing.
pub fn require_tool(test: &str, tool: &str) -> bool {
    let found = std::env::var_os("PATH")
        .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(tool).is_file()));
    if found {
        return true;
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{test} needs {tool} and CI=true: .ci/run must install it");
    }
    eprintln!("skipping {test}: {tool} is not installed");
    false
}

/// Polls `check` until it returns `Some`, or panics naming `what` after `limit`.
pub fn wait_until<T>(what: &str, limit: Duration, mut check: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(v) = check() {
            return v;
        }
        if Instant::now() >= deadline {
            panic!("timed out after {limit:?} waiting for {what}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A unique lab name for this test process: short, valid, and never reused.
pub fn unique_lab_name() -> String {
    static SEQ: AtomicU32 = AtomicU32::new(0);
    format!(
        "t{}x{}",
        std::process::id(),
        SEQ.fetch_add(1, Ordering::Relaxed)
    )
}

/// A lab that exists for the life of this value and is removed when it is dropped,
/// also when the test panics.
pub struct Lab {
    pub name: String,
    pub nodes: u8,
    pub env: Env,
}

impl Lab {
    /// A lab of bare hosts: namespaces only.
    pub fn up(nodes: u8) -> Lab {
        Self::start(nodes, &["--bare"])
    }

    /// A lab with a cluster: a manager on node 1, workers on the others; the lab's
    /// context is current in this lab's config home.
    pub fn cluster(nodes: u8) -> Lab {
        Self::start(nodes, &[])
    }

    pub fn start(nodes: u8, extra: &[&str]) -> Lab {
        Self::start_with_env(nodes, extra, &[])
    }

    /// `start`, with `env` set for `lab up` (and so for the agents it starts).
    pub fn start_with_env(nodes: u8, extra: &[&str], env: &[(&str, &str)]) -> Lab {
        let lab = Lab {
            name: unique_lab_name(),
            nodes,
            env: Env::new(),
        };
        let n = nodes.to_string();
        let mut cmd = lab
            .env
            .shoal(["lab", "up", "--name", &lab.name, "--nodes", &n])
            .args(extra);
        for (k, v) in env {
            cmd = cmd.env(k, v);
        }
        cmd.ok();
        lab
    }

    /// `shoal ARGS...` against this lab's cluster (its context is current).
    pub fn shoal<I, S>(&self, args: I) -> TestCommand
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        self.env.shoal(args)
    }

    /// `service ps --no-trunc --format FORMAT SERVICE` as rows of fields.
    pub fn ps(&self, svc: &str, format: &str) -> Vec<Vec<String>> {
        rows(
            &self
                .shoal(["service", "ps", "--no-trunc", "--format", format, svc])
                .ok(),
        )
    }

    /// `shoal lab exec --name LAB NODE -- ARGS...`
    pub fn exec(&self, node: &str, args: &[&str]) -> TestCommand {
        self.env
            .shoal(["lab", "exec", "--name", &self.name, node, "--"])
            .args(args)
    }

    /// The namespaces this lab should have.
    pub fn namespaces(&self) -> Vec<String> {
        let mut v = vec![format!("{}-sw", self.name)];
        v.extend((1..=self.nodes).map(|i| format!("{}-{i}", self.name)));
        v
    }
}

impl Drop for Lab {
    fn drop(&mut self) {
        let run = self
            .env
            .shoal(["lab", "down", "--name", &self.name])
            .output();
        if !std::thread::panicking() {
            run.success();
        }
    }
}

/// Output of a `--format 'A|B|C'` listing as rows of fields.
pub fn rows(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map(|l| l.split('|').map(str::to_string).collect())
        .collect()
}

/// Namespaces under /run/netns, sorted.
pub fn netns_list() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir("/run/netns")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    v.sort();
    v
}

/// Runs a system tool (`ip`, `nsenter`...), asserts it succeeds, returns its stdout.
pub fn run_tool(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {tool}: {e}"));
    assert!(
        out.status.success(),
        "{tool} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}
