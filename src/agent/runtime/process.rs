//! The process runtime: a task's COMMAND in new network, mount and UTS namespaces, with
//! its own hostname, `/etc/resolv.conf` (nameserver 127.0.0.11) and `/etc/hosts`
//! bind-mounted over the host's, and its environment. All namespace work happens in
//! `pre_exec`, between fork and exec, with nothing allocated there: the agent is
//! multithreaded. What is exec'd there is the task shim (`shim.rs`), which starts the
//! COMMAND as its child and keeps its log and exit code.

use std::{
    ffi::CString,
    fs,
    os::unix::process::CommandExt,
    path::{Path, PathBuf},
    process::{Command, Stdio},
    time::{Duration, Instant},
};

use nix::{
    mount::{MntFlags, MsFlags, mount, umount2},
    sched::{CloneFlags, setns, unshare},
};

use super::{RuntimeError, Started, TaskRuntime, TaskSpec};

/// A task's log is moved to `task.log.1` when it grows past this.
pub const LOG_CAP: u64 = 10 * 1024 * 1024;
/// PATH for tasks (and `exec`) whose environment sets none.
pub const DEFAULT_PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

#[derive(Debug)]
pub struct ProcessRuntime {
    /// The shoal binary that runs `task-shim` (this process's own by default).
    pub shim: PathBuf,
    /// Bytes of log kept per file (`task.log`, then `task.log.1`).
    pub log_cap: u64,
}

impl Default for ProcessRuntime {
    fn default() -> Self {
        ProcessRuntime {
            shim: PathBuf::from("/proc/self/exe"),
            log_cap: LOG_CAP,
        }
    }
}

/// Finds `program` on `path` the way execvp does; a name with a `/` is taken as is.
pub fn resolve(program: &str, path: &str) -> Result<PathBuf, RuntimeError> {
    if program.contains('/') {
        let p = PathBuf::from(program);
        return if p.is_file() {
            Ok(p)
        } else {
            Err(RuntimeError::NotFound(program.to_string()))
        };
    }
    std::env::split_paths(path)
        .map(|d| d.join(program))
        .find(|c| c.is_file())
        .ok_or_else(|| RuntimeError::NotFound(program.to_string()))
}

fn resolv_conf(search: &[String]) -> String {
    let mut s = String::from("nameserver 127.0.0.11\n");
    if !search.is_empty() {
        s.push_str(&format!("search {}\n", search.join(" ")));
    }
    s.push_str("options ndots:0\n");
    s
}

fn hosts(spec: &TaskSpec) -> String {
    format!(
        "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n127.0.1.1\t{} {}\n",
        spec.hostname, spec.name
    )
}

/// The host's search domains, for tasks' resolv.conf.
pub fn host_search_domains() -> Vec<String> {
    let text = fs::read_to_string("/etc/resolv.conf").unwrap_or_default();
    text.lines()
        .filter_map(|l| {
            l.strip_prefix("search ")
                .or_else(|| l.strip_prefix("domain "))
        })
        .flat_map(|l| l.split_whitespace().map(str::to_string))
        .collect()
}

/// The COMMAND's PID, once the shim has started it and written it down.
fn wait_for_pid(dir: &Path, shim: &mut std::process::Child) -> Result<i32, RuntimeError> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(pid) = fs::read_to_string(dir.join("pid"))
            .ok()
            .and_then(|p| p.trim().parse().ok())
        {
            return Ok(pid);
        }
        if shim.try_wait()?.is_some() || Instant::now() >= deadline {
            let _ = shim.kill();
            let _ = shim.wait();
            let why = last_log_line(dir).unwrap_or_else(|| "the task shim did not start".into());
            return Err(RuntimeError::Io(std::io::Error::other(why)));
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// The parent PID of `pid`, from /proc.
fn parent_of(pid: i32) -> Option<i32> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let (_, rest) = stat.rsplit_once(')')?;
    rest.split_whitespace().nth(1)?.parse().ok()
}

/// The last line the task's log holds, for error messages.
fn last_log_line(dir: &Path) -> Option<String> {
    let text = fs::read_to_string(dir.join("task.log")).ok()?;
    let rec: super::shim::Record = serde_json::from_str(text.lines().last()?).ok()?;
    Some(rec.log.trim().trim_start_matches("shoal: ").to_string())
}

fn cstr(s: impl AsRef<[u8]>) -> std::io::Result<CString> {
    CString::new(s.as_ref()).map_err(std::io::Error::other)
}

/// Brings `lo` up with two ioctls, which are safe between fork and exec.
fn loopback_up() -> std::io::Result<()> {
    use nix::libc;
    // SAFETY: plain syscalls on a socket this function owns and closes; `ifreq` is a
    // zeroed C struct whose name field gets "lo" (NUL-terminated, within IFNAMSIZ).
    unsafe {
        let fd = libc::socket(libc::AF_INET, libc::SOCK_DGRAM | libc::SOCK_CLOEXEC, 0);
        if fd < 0 {
            return Err(std::io::Error::last_os_error());
        }
        let mut req: libc::ifreq = std::mem::zeroed();
        req.ifr_name[0] = b'l' as libc::c_char;
        req.ifr_name[1] = b'o' as libc::c_char;
        let mut rc = libc::ioctl(fd, libc::SIOCGIFFLAGS, &mut req);
        if rc == 0 {
            req.ifr_ifru.ifru_flags |= libc::IFF_UP as libc::c_short;
            rc = libc::ioctl(fd, libc::SIOCSIFFLAGS, &req);
        }
        let err = std::io::Error::last_os_error();
        libc::close(fd);
        if rc == 0 { Ok(()) } else { Err(err) }
    }
}

impl TaskRuntime for ProcessRuntime {
    fn start(&self, spec: &TaskSpec) -> Result<Started, RuntimeError> {
        let program = spec
            .command
            .first()
            .ok_or_else(|| RuntimeError::NotFound(String::new()))?;
        let path = spec
            .env
            .iter()
            .find_map(|e| e.strip_prefix("PATH="))
            .unwrap_or(DEFAULT_PATH);
        let exe = resolve(program, path)?;
        fs::create_dir_all(&spec.dir)?;
        let resolv = spec.dir.join("resolv.conf");
        let hosts_file = spec.dir.join("hosts");
        fs::write(&resolv, resolv_conf(&spec.search))?;
        fs::write(&hosts_file, hosts(spec))?;
        for stale in ["pid", "exit"] {
            let _ = fs::remove_file(spec.dir.join(stale));
        }

        // The shim (this binary) is the task's parent and keeps its log; it runs in the
        // namespaces made below, and the COMMAND inherits them.
        let mut cmd = Command::new(&self.shim);
        cmd.arg("task-shim")
            .arg("--dir")
            .arg(&spec.dir)
            .arg("--exe")
            .arg(&exe)
            .arg("--log-cap")
            .arg(self.log_cap.to_string())
            .arg("--")
            .arg(program)
            .args(&spec.command[1..])
            .env_clear()
            .env("PATH", DEFAULT_PATH)
            .env("HOSTNAME", &spec.hostname)
            .env("SHOAL_TASK_NAME", &spec.name)
            .env("SHOAL_TASK_ID", &spec.id)
            .current_dir("/")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        for e in &spec.env {
            if let Some((k, v)) = e.split_once('=') {
                cmd.env(k, v);
            }
        }
        // Everything pre_exec needs is made here, before fork.
        let hostname = spec.hostname.clone().into_bytes();
        let (resolv, hosts_file) = (
            cstr(resolv.as_os_str().as_encoded_bytes())?,
            cstr(hosts_file.as_os_str().as_encoded_bytes())?,
        );
        let (etc_resolv, etc_hosts, root) =
            (cstr("/etc/resolv.conf")?, cstr("/etc/hosts")?, cstr("/")?);
        let netns = spec.netns.as_ref().map(fs::File::open).transpose()?;
        let (sysfs, sys) = (cstr("sysfs")?, cstr("/sys")?);
        let hide = spec
            .hide
            .as_ref()
            .map(|h| cstr(h.as_os_str().as_encoded_bytes()))
            .transpose()?;
        // SAFETY: between fork and exec only syscalls run (unshare, sethostname, mount,
        // socket/ioctl, setsid) on data prepared above; nothing allocates or locks.
        unsafe {
            cmd.pre_exec(move || {
                match &netns {
                    Some(ns) => setns(ns, CloneFlags::CLONE_NEWNET)?,
                    None => unshare(CloneFlags::CLONE_NEWNET)?,
                }
                unshare(CloneFlags::CLONE_NEWNS | CloneFlags::CLONE_NEWUTS)?;
                nix::unistd::sethostname(std::ffi::OsStr::from_encoded_bytes_unchecked(&hostname))?;
                // Mounts made here must not leak back to the host.
                mount(
                    None::<&str>,
                    root.as_c_str(),
                    None::<&str>,
                    MsFlags::MS_REC | MsFlags::MS_PRIVATE,
                    None::<&str>,
                )?;
                if let Some(h) = &hide {
                    let _ = umount2(h.as_c_str(), MntFlags::MNT_DETACH);
                }
                // A sysfs of the task's own network namespace (/sys/class/net), read-only
                // as in a container.
                mount(
                    Some(sysfs.as_c_str()),
                    sys.as_c_str(),
                    Some(sysfs.as_c_str()),
                    MsFlags::MS_RDONLY
                        | MsFlags::MS_NOSUID
                        | MsFlags::MS_NODEV
                        | MsFlags::MS_NOEXEC,
                    None::<&str>,
                )?;
                mount(
                    Some(resolv.as_c_str()),
                    etc_resolv.as_c_str(),
                    None::<&str>,
                    MsFlags::MS_BIND,
                    None::<&str>,
                )?;
                mount(
                    Some(hosts_file.as_c_str()),
                    etc_hosts.as_c_str(),
                    None::<&str>,
                    MsFlags::MS_BIND,
                    None::<&str>,
                )?;
                loopback_up()?;
                // A session of its own: the task outlives the agent (it is re-adopted).
                nix::unistd::setsid()?;
                Ok(())
            });
        }
        let mut shim = cmd.spawn()?;
        let pid = wait_for_pid(&spec.dir, &mut shim)?;
        Ok(Started {
            pid,
            child: Some(shim),
        })
    }

    /// SIGTERM to the task's process, SIGKILL after `grace`; then whatever it left
    /// behind in its network namespace (children it did not reap) is killed too, as a
    /// container's cgroup would be. The shim is left to record the end.
    fn stop(&self, pid: i32, grace: Duration) {
        use std::os::unix::fs::MetadataExt;
        let netns = fs::metadata(format!("/proc/{pid}/ns/net")).map(|m| m.ino());
        let shim = parent_of(pid);
        crate::sys::procs::terminate(&[pid], grace);
        if let Ok(ino) = netns {
            let left: Vec<i32> = crate::sys::procs::in_netns(&[ino].into())
                .into_iter()
                .filter(|p| Some(*p) != shim)
                .collect();
            if !left.is_empty() {
                crate::sys::procs::terminate(&left, Duration::ZERO);
            }
        }
    }

    fn alive(&self, pid: i32) -> bool {
        crate::sys::procs::alive(pid)
    }

    fn exit_code(&self, dir: &Path) -> Option<i32> {
        super::shim::read_exit(dir).map(super::shim::Exit::code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_like_execvp() {
        assert!(resolve("sh", DEFAULT_PATH).unwrap().ends_with("sh"));
        assert_eq!(
            resolve("nosuch", DEFAULT_PATH).unwrap_err().to_string(),
            "executable file not found: nosuch"
        );
        assert!(resolve("/bin/sh", "").is_ok());
        assert!(resolve("/no/such", DEFAULT_PATH).is_err());
    }

    #[test]
    fn task_files() {
        assert_eq!(resolv_conf(&[]), "nameserver 127.0.0.11\noptions ndots:0\n");
        assert_eq!(
            resolv_conf(&["a.example".into()]),
            "nameserver 127.0.0.11\nsearch a.example\noptions ndots:0\n"
        );
        let spec = TaskSpec {
            id: "t1".into(),
            name: "my-web.1".into(),
            hostname: "my-web.1.t1".into(),
            command: vec![],
            env: vec![],
            dir: PathBuf::new(),
            search: vec![],
            netns: None,
            hide: None,
        };
        assert!(hosts(&spec).contains("127.0.1.1\tmy-web.1.t1 my-web.1\n"));
    }
}
