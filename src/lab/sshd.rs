//! `lab up --ssh`: every lab host runs OpenSSH's sshd on its own address, with a host
//! key and config of its own under its node directory, all trusting one lab client
//! key. The lab then adds nodes 2..N with `shoal node add`, run inside node 1's
//! namespace like an operator on the manager, through the real SSH bootstrap. The
//! lab's ssh config (`LAB/ssh/config`) names the hosts `node-N` and points at the key
//! and the lab's known_hosts, so nothing under `~/.ssh` is read or written.

use std::{
    fs,
    path::{Path, PathBuf},
    process::Stdio,
    time::{Duration, Instant},
};

use super::{
    LabError,
    plan::{self, HostPlan, Plan},
    state,
};
use crate::{ssh::keygen::KeyPair, sys::netns};

/// Debian's openssh-server.
pub const SSHD: &str = "/usr/sbin/sshd";
/// sshd's privilege separation directory (it refuses to start without it).
pub const PRIVSEP_DIR: &str = "/run/sshd";
const LISTEN_TIMEOUT: Duration = Duration::from_secs(10);

fn err(msg: impl Into<String>) -> LabError {
    LabError::Io(std::io::Error::other(msg.into()))
}

/// `LAB/ssh`: the client key, known_hosts, authorized_keys and ssh config.
pub fn ssh_dir(lab: &str) -> PathBuf {
    state::dir(lab).join("ssh")
}

pub fn config_file(lab: &str) -> PathBuf {
    ssh_dir(lab).join("config")
}

fn host_dir(lab: &str, node: &str) -> PathBuf {
    state::node_dir(lab, node).join("sshd")
}

/// `LAB/node-N/bin`: on each host's PATH in SSH sessions; node add puts the binary
/// there, and node 1 (started by the lab) gets a link to this one.
pub fn bin_dir(lab: &str, node: &str) -> PathBuf {
    state::node_dir(lab, node).join("bin")
}

/// Makes the keys and configs, then starts sshd in every host; returns whether it
/// had to create `/run/sshd`.
pub fn start_all(plan: &Plan) -> Result<bool, LabError> {
    if !Path::new(SSHD).exists() {
        return Err(err(format!(
            "lab up --ssh needs OpenSSH's server at {SSHD} (Debian: apt-get install openssh-server)"
        )));
    }
    let made_privsep = !Path::new(PRIVSEP_DIR).exists();
    if made_privsep {
        fs::create_dir_all(PRIVSEP_DIR)?;
    }
    write_client_side(plan)?;
    for host in &plan.hosts {
        start(plan, host)?;
    }
    for host in &plan.hosts {
        wait_listening(&plan.name, host)?;
    }
    Ok(made_privsep)
}

/// The client key, authorized_keys, and the ssh config and known_hosts the lab's CLI
/// uses; host keys are made here too, so known_hosts lists them from the start.
fn write_client_side(plan: &Plan) -> Result<(), LabError> {
    let dir = ssh_dir(&plan.name);
    fs::create_dir_all(&dir)?;
    let client = KeyPair::generate(&format!("shoal-lab-{}", plan.name));
    client
        .write(&dir.join("id_ed25519"))
        .map_err(|e| err(e.to_string()))?;
    fs::write(
        dir.join("authorized_keys"),
        format!(
            "{}\n",
            client.public_line().map_err(|e| err(e.to_string()))?
        ),
    )?;
    let mut known = String::new();
    for host in &plan.hosts {
        let hd = host_dir(&plan.name, &host.node);
        fs::create_dir_all(&hd)?;
        let key = KeyPair::generate(&format!("{}@{}", host.node, plan.name));
        key.write(&hd.join("ssh_host_ed25519_key"))
            .map_err(|e| err(e.to_string()))?;
        let public = key.public_line().map_err(|e| err(e.to_string()))?;
        let public: Vec<&str> = public.split_whitespace().take(2).collect();
        known.push_str(&format!("{} {}\n", host.address, public.join(" ")));
        fs::write(hd.join("sshd_config"), sshd_config(&plan.name, host))?;
    }
    fs::write(dir.join("known_hosts"), known)?;
    fs::write(config_file(&plan.name), client_config(plan))?;
    Ok(())
}

/// The lab's ssh config: `node-N` names, root, the lab key and known_hosts.
pub fn client_config(plan: &Plan) -> String {
    let dir = ssh_dir(&plan.name);
    let mut text = format!(
        "# Written by `shoal lab up --ssh`: how the hosts of lab {} are reached.\n",
        plan.name
    );
    for h in &plan.hosts {
        text.push_str(&format!("Host {}\n  HostName {}\n", h.node, h.address));
    }
    text.push_str(&format!(
        "Host node-* {}\n  User root\n  IdentityFile {}\n  IdentitiesOnly yes\n  UserKnownHostsFile {}\n  ConnectTimeout 5\n",
        subnet_glob(),
        dir.join("id_ed25519").display(),
        dir.join("known_hosts").display(),
    ));
    text
}

/// `192.0.2.*`: every lab address.
fn subnet_glob() -> String {
    let [a, b, c, _] = plan::SUBNET.octets();
    format!("{a}.{b}.{c}.*")
}

fn sshd_config(lab: &str, host: &HostPlan) -> String {
    let hd = host_dir(lab, &host.node);
    let socket = state::agent_paths(lab, &host.node).socket;
    format!(
        "# Written by `shoal lab up --ssh` for {node} of lab {lab}.\n\
         ListenAddress {addr}:22\n\
         HostKey {key}\n\
         PidFile none\n\
         AuthorizedKeysFile {auth}\n\
         PermitRootLogin prohibit-password\n\
         PubkeyAuthentication yes\n\
         PasswordAuthentication no\n\
         KbdInteractiveAuthentication no\n\
         UsePAM no\n\
         StrictModes no\n\
         PrintMotd no\n\
         PrintLastLog no\n\
         UseDNS no\n\
         MaxSessions 64\n\
         MaxStartups 64:30:128\n\
         # What a real host has by default: shoal on PATH, its agent's socket, a way on.\n\
         SetEnv SHOAL_HOST=unix://{socket} PATH={bin}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin {env}={config}\n",
        node = host.node,
        addr = host.address,
        key = hd.join("ssh_host_ed25519_key").display(),
        auth = ssh_dir(lab).join("authorized_keys").display(),
        socket = socket.display(),
        bin = bin_dir(lab, &host.node).display(),
        env = crate::ssh::target::CONFIG_ENV,
        config = config_file(lab).display(),
    )
}

/// Starts `sshd -D` inside the host's namespace, detached, logging to `sshd.log`.
fn start(plan: &Plan, host: &HostPlan) -> Result<u32, LabError> {
    let hd = host_dir(&plan.name, &host.node);
    let log = fs::File::create(hd.join("sshd.log"))?;
    let ns = netns::open(&host.netns)?;
    let mut cmd = std::process::Command::new(SSHD);
    cmd.args(["-D", "-e", "-f"])
        .arg(hd.join("sshd_config"))
        .stdin(Stdio::null())
        .stdout(log.try_clone()?)
        .stderr(log);
    netns::enter_at_exec(&mut cmd, ns, true);
    let child = cmd.spawn()?;
    let pid = child.id();
    // Ended by `lab down` with everything else in the namespace.
    drop(child);
    fs::write(hd.join("sshd.pid"), pid.to_string())?;
    Ok(pid)
}

/// Waits for sshd's "Server listening" line (or its exit, with its last line).
fn wait_listening(lab: &str, host: &HostPlan) -> Result<(), LabError> {
    let hd = host_dir(lab, &host.node);
    let pid: i32 = fs::read_to_string(hd.join("sshd.pid"))?
        .trim()
        .parse()
        .map_err(|_| err("bad sshd.pid"))?;
    let deadline = Instant::now() + LISTEN_TIMEOUT;
    loop {
        let log = fs::read_to_string(hd.join("sshd.log")).unwrap_or_default();
        if log.contains("Server listening on") {
            return Ok(());
        }
        if !crate::sys::procs::alive(pid) || Instant::now() >= deadline {
            let last = log.lines().last().unwrap_or("no output").to_string();
            return Err(err(format!("sshd on {} did not start: {last}", host.node)));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Links `node-1/bin/shoal` to this binary: node 1 is started by the lab, not added.
pub fn link_first(lab: &str, node: &str) -> Result<(), LabError> {
    let bin = bin_dir(lab, node);
    fs::create_dir_all(&bin)?;
    std::os::unix::fs::symlink(std::env::current_exe()?, bin.join("shoal"))?;
    Ok(())
}

/// `shoal node add` for nodes 2..N, run in node 1's namespace against its agent, as
/// an operator on the manager would type it: managers one at a time (Raft adds one
/// voter at a time), then all workers at once. `%n` gives each host its own paths.
pub fn add_nodes(plan: &Plan, managers: usize) -> Result<(), LabError> {
    let Some((first, rest)) = plan.hosts.split_first() else {
        return Ok(());
    };
    let (extra, workers) = rest.split_at(managers.saturating_sub(1).min(rest.len()));
    for m in extra {
        node_add(plan, first, true, &[m])?;
    }
    if !workers.is_empty() {
        node_add(plan, first, false, &workers.iter().collect::<Vec<_>>())?;
    }
    Ok(())
}

/// The `node add` command line for `hosts`.
pub fn node_add_args(plan: &Plan, manager: bool, hosts: &[&HostPlan]) -> Vec<String> {
    let node = |leaf: &str| format!("{}/%n/{leaf}", state::dir(&plan.name).display());
    let mut args: Vec<String> = vec!["node".into(), "add".into()];
    if manager {
        args.push("--manager".into());
    }
    for (flag, value) in [
        (
            "--ssh-config",
            config_file(&plan.name).display().to_string(),
        ),
        ("--remote-path", node("bin/shoal")),
        ("--data-dir", node("data")),
        ("--socket", node("shoal.sock")),
        ("--node-name", "%n".into()),
        ("--supervisor", "detached".into()),
    ] {
        args.push(flag.into());
        args.push(value);
    }
    args.extend(hosts.iter().map(|h| format!("root@{}", h.node)));
    args
}

fn node_add(
    plan: &Plan,
    first: &HostPlan,
    manager: bool,
    hosts: &[&HostPlan],
) -> Result<(), LabError> {
    let socket = state::agent_paths(&plan.name, &first.node).socket;
    let ns = netns::open(&first.netns)?;
    let mut cmd = std::process::Command::new(std::env::current_exe()?);
    cmd.arg("-H")
        .arg(format!("unix://{}", socket.display()))
        .args(node_add_args(plan, manager, hosts))
        .env_remove("SSH_AUTH_SOCK")
        .env_remove(crate::ssh::target::CONFIG_ENV)
        .stdin(Stdio::null())
        .stdout(Stdio::null());
    netns::enter_at_exec(&mut cmd, ns, false);
    let status = cmd.status()?;
    if status.success() {
        Ok(())
    } else {
        Err(err(format!(
            "shoal node add failed for {} (its errors are above)",
            hosts
                .iter()
                .map(|h| h.node.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )))
    }
}
