//! The supervisor: what this node runs. It reconciles the assignments with the tasks it
//! runs through the `TaskRuntime`: starts assigned tasks, stops those told to stop,
//! re-adopts tasks that outlived an agent restart (by the PID in the task's directory),
//! and reports every change of state to the dispatcher.

use std::{
    collections::HashMap,
    fs,
    path::PathBuf,
    sync::{Arc, Mutex},
    time::Duration,
};

use tokio::sync::mpsc;

use super::{
    dns::Dns,
    net::Net,
    runtime::{TaskRuntime, TaskSpec, process::host_search_domains},
};
use crate::{
    api::types::{Assignments, TaskReport},
    manager::objects::{DEFAULT_STOP_GRACE_PERIOD, Mode, Task, TaskState},
};

pub struct Supervisor {
    runtime: Arc<dyn TaskRuntime>,
    /// `DATA/tasks`: one directory per task (log, resolv.conf, hosts, pid).
    dir: PathBuf,
    /// Tasks running here: ID -> PID.
    running: Mutex<HashMap<String, i32>>,
    /// Tasks this agent has started or adopted since it started: never started again
    /// (a replacement is a new task), and never mistaken for one that outlived a restart.
    handled: Mutex<std::collections::HashSet<String>>,
    reports: mpsc::UnboundedSender<TaskReport>,
    /// The overlay data plane: tasks' namespaces and interfaces (None: tasks get a
    /// namespace with only `lo`).
    net: Option<Arc<Net>>,
    /// Detached in tasks' mount namespaces (the data plane's namespace pins).
    hide: Option<PathBuf>,
    /// The last assignments, for the endpoints this node publishes.
    last: Mutex<Option<Assignments>>,
    /// Tasks' DNS: serves each task with a namespace, and learns what runs here.
    dns: std::sync::OnceLock<Arc<Dns>>,
    /// Wakes whoever publishes this node's endpoints (gossip) when they may have changed.
    pub changed: tokio::sync::Notify,
    /// Tasks being stopped: out of DNS and the balancers, still running meanwhile.
    draining: Mutex<std::collections::HashSet<String>>,
}

fn report(id: &str, state: TaskState, message: &str, err: String) -> TaskReport {
    TaskReport {
        id: id.to_string(),
        state,
        message: message.to_string(),
        err,
    }
}

/// The report for a task whose process ended: asked to stop, or by itself with `code`.
fn ended(id: &str, stopping: bool, code: Option<i32>) -> TaskReport {
    match code {
        _ if stopping => report(id, TaskState::Shutdown, "shutdown", String::new()),
        Some(0) => report(id, TaskState::Complete, "finished", String::new()),
        Some(c) => report(
            id,
            TaskState::Failed,
            "exited",
            format!("task: non-zero exit ({c})"),
        ),
        None => report(
            id,
            TaskState::Failed,
            "exited",
            "the task's process ended (exit code unknown)".into(),
        ),
    }
}

/// What `run` decided for a task.
enum Run {
    Start,
    Adopted,
}

/// How long a task with overlay addresses stays up after it left DNS and the
/// balancers, before its stop signal: time for gossip to tell the other nodes.
pub const DRAIN: Duration = Duration::from_secs(2);

/// How long task `t` gets between SIGTERM and SIGKILL (`--stop-grace-period`).
fn grace(a: &Assignments, t: &Task) -> Duration {
    a.services
        .iter()
        .find(|s| s.id == t.service_id)
        .map_or(DEFAULT_STOP_GRACE_PERIOD, |s| s.spec.stop_grace())
}

/// `my-web.1`, or `my-web.<node>` in global mode.
fn task_name(a: &Assignments, t: &Task) -> (String, Vec<String>, Vec<String>) {
    let Some(svc) = a.services.iter().find(|s| s.id == t.service_id) else {
        return (t.id.clone(), Vec::new(), Vec::new());
    };
    let name = match svc.spec.mode {
        Mode::Global => format!("{}.{}", svc.spec.name, t.node_id),
        Mode::Replicated { .. } => format!("{}.{}", svc.spec.name, t.slot),
    };
    (name, svc.spec.command.clone(), svc.spec.env.clone())
}

impl Supervisor {
    pub fn new(
        runtime: Arc<dyn TaskRuntime>,
        dir: PathBuf,
    ) -> (Arc<Self>, mpsc::UnboundedReceiver<TaskReport>) {
        Self::with_net(runtime, dir, None, None)
    }

    pub fn with_net(
        runtime: Arc<dyn TaskRuntime>,
        dir: PathBuf,
        net: Option<Arc<Net>>,
        hide: Option<PathBuf>,
    ) -> (Arc<Self>, mpsc::UnboundedReceiver<TaskReport>) {
        let (tx, rx) = mpsc::unbounded_channel();
        (
            Arc::new(Supervisor {
                runtime,
                dir,
                running: Mutex::new(HashMap::new()),
                handled: Mutex::new(Default::default()),
                reports: tx,
                net,
                hide,
                last: Mutex::new(None),
                dns: std::sync::OnceLock::new(),
                changed: tokio::sync::Notify::new(),
                draining: Mutex::default(),
            }),
            rx,
        )
    }

    /// This node's endpoints: its running tasks' addresses on overlay networks, in state
    /// `running`, or `draining` once they are to stop (still reachable, but out of DNS
    /// and the balancers).
    pub fn endpoints(&self) -> Vec<super::gossip::Endpoint> {
        let Some(a) = self.last.lock().ok().and_then(|l| l.clone()) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for t in a
            .tasks
            .iter()
            .filter(|t| self.is_running(&t.id) || self.is_draining(&t.id))
        {
            let state = if t.desired_state == TaskState::Running && self.is_running(&t.id) {
                "running"
            } else {
                "draining"
            };
            let (name, _, _) = task_name(&a, t);
            let spec = a
                .services
                .iter()
                .find(|s| s.id == t.service_id)
                .map(|s| &s.spec);
            let service_name = spec.map(|s| s.name.clone()).unwrap_or_default();
            for at in super::net::attachments_of(&a, t).0 {
                let aliases = spec.map(|s| s.aliases_on(&at.network_id).to_vec());
                out.push(super::gossip::Endpoint {
                    network_id: at.network_id,
                    task_id: t.id.clone(),
                    task_name: name.clone(),
                    service_id: t.service_id.clone(),
                    service_name: service_name.clone(),
                    ip: at.ip,
                    mac: super::net::plan::mac_string(super::net::plan::mac_for(at.ip)),
                    aliases: aliases.unwrap_or_default(),
                    state: state.into(),
                });
            }
        }
        out.sort_by(|x, y| (&x.network_id, &x.task_id).cmp(&(&y.network_id, &y.task_id)));
        out
    }

    pub fn set_dns(&self, dns: Arc<Dns>) {
        let _ = self.dns.set(dns);
    }

    /// Tells DNS what runs here now (a task started or ended, new assignments).
    fn refresh_dns(&self) {
        let Some(dns) = self.dns.get() else {
            return;
        };
        if let Some(a) = self.last.lock().ok().and_then(|l| l.clone()) {
            dns.set_local(&a, self.endpoints());
        }
        self.changed.notify_one();
    }

    fn release_net(&self, id: &str) {
        if let Some(dns) = self.dns.get() {
            dns.stop(id);
        }
        if let Some(net) = &self.net
            && let Err(e) = net.release(id)
        {
            tracing::warn!(task = %id, %e, "cannot remove the task's network namespace");
        }
    }

    fn pid_file(&self, id: &str) -> PathBuf {
        self.dir.join(id).join("pid")
    }

    /// The directory of task `id` (its log), whether or not it exists.
    pub fn task_dir(&self, id: &str) -> PathBuf {
        self.dir.join(id)
    }

    /// The PID of task `id`'s process while it runs here.
    pub fn pid_of(&self, id: &str) -> Option<i32> {
        self.running.lock().ok()?.get(id).copied()
    }

    fn is_draining(&self, id: &str) -> bool {
        self.draining.lock().is_ok_and(|d| d.contains(id))
    }

    fn is_running(&self, id: &str) -> bool {
        self.running.lock().is_ok_and(|r| r.contains_key(id))
    }

    /// Brings what runs here in line with `a`; reports go out on the channel.
    pub fn sync(self: &Arc<Self>, a: &Assignments) {
        if let Ok(mut last) = self.last.lock() {
            *last = Some(a.clone());
        }
        if let Some(net) = &self.net {
            let (mut attach, mut nets) = (Vec::new(), Vec::new());
            // A task still running here keeps its interfaces until it has stopped, even
            // once it is to stop (it drains first); `release` takes them then.
            for t in a.tasks.iter().filter(|t| {
                (t.desired_state == TaskState::Running && !t.status.state.is_terminal())
                    || self.is_running(&t.id)
                    || self.is_draining(&t.id)
            }) {
                let (x, n) = super::net::attachments_of(a, t);
                attach.extend(x);
                nets.extend(n);
            }
            net.set_port(a.data_path_port);
            net.expect(attach, nets);
        }
        let mut starts = Vec::new();
        let mut adopted = false;
        for t in &a.tasks {
            match t.desired_state {
                TaskState::Running if !self.is_running(&t.id) => match self.run(t) {
                    Some(Run::Start) => starts.push(t),
                    Some(Run::Adopted) => adopted = true,
                    None => {}
                },
                TaskState::Shutdown if self.is_running(&t.id) => self.stop(&t.id, grace(a, t)),
                // Draining: reported once it has stopped (its addresses stay until then).
                TaskState::Shutdown if self.is_draining(&t.id) => {}
                // Still running from before this agent started (the node was down and
                // its tasks moved elsewhere): stop it.
                TaskState::Shutdown if self.stop_outlived(&t.id, grace(a, t)) => {}
                TaskState::Shutdown
                    if (TaskState::Assigned..=TaskState::Running).contains(&t.status.state) =>
                {
                    let _ = self.reports.send(report(
                        &t.id,
                        TaskState::Shutdown,
                        "shutdown",
                        String::new(),
                    ));
                }
                _ => {}
            }
        }
        let gone: Vec<String> = match self.running.lock() {
            Ok(r) => r
                .keys()
                .filter(|id| !a.tasks.iter().any(|t| &&t.id == id))
                .cloned()
                .collect(),
            Err(_) => Vec::new(),
        };
        for id in gone {
            self.stop(&id, DEFAULT_STOP_GRACE_PERIOD);
        }
        self.start_all(a, &starts);
        // Adopted tasks' interfaces are checked (only what is wrong is redone).
        if adopted && let Some(net) = &self.net {
            net.reconcile();
        }
        self.remove_old_dirs(a);
        self.refresh_dns();
    }

    /// The PID of a task's process that is alive but not (yet) watched by this agent.
    fn outlived(&self, id: &str) -> Option<i32> {
        if self.is_running(id) {
            return None;
        }
        fs::read_to_string(self.pid_file(id))
            .ok()
            .and_then(|p| p.trim().parse::<i32>().ok())
            .filter(|p| self.runtime.alive(*p))
    }

    /// Stops (once) a task process that outlived the agent; false if there is none.
    fn stop_outlived(self: &Arc<Self>, id: &str, grace: Duration) -> bool {
        let Some(pid) = self.outlived(id) else {
            return false;
        };
        if self
            .handled
            .lock()
            .is_ok_and(|mut h| h.insert(id.to_string()))
        {
            if let Ok(mut r) = self.running.lock() {
                r.insert(id.to_string(), pid);
            }
            self.stop(id, grace);
        }
        true
    }

    /// Removes the directories (logs) of tasks the cluster no longer keeps.
    fn remove_old_dirs(&self, a: &Assignments) {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let known = a.tasks.iter().any(|t| t.id == name) || a.retained.contains(&name);
            if !known && !self.is_running(&name) && self.outlived(&name).is_none() {
                let _ = fs::remove_dir_all(e.path());
            }
        }
        // Namespaces of tasks that are not to run here (left by a crash).
        if let Some(net) = &self.net {
            net.forget_others(&|id: &str| {
                a.tasks.iter().any(|t| t.id == id)
                    || self.is_running(id)
                    || self.outlived(id).is_some()
            });
        }
    }

    /// What to do with a task to run that this agent has not handled yet.
    fn run(self: &Arc<Self>, t: &Task) -> Option<Run> {
        let first_time = self
            .handled
            .lock()
            .is_ok_and(|mut h| h.insert(t.id.clone()));
        if !first_time {
            return None;
        }
        Some(match t.status.state {
            // Started before an agent crash that came before its report: adopt it.
            TaskState::Assigned
            | TaskState::Accepted
            | TaskState::Preparing
            | TaskState::Starting
                if self.outlived(&t.id).is_some() =>
            {
                self.adopt(t);
                Run::Adopted
            }
            TaskState::Assigned
            | TaskState::Accepted
            | TaskState::Preparing
            | TaskState::Starting => Run::Start,
            TaskState::Running => {
                self.adopt(t);
                Run::Adopted
            }
            _ => return None,
        })
    }

    /// Starts tasks: their namespaces and interfaces first, all with one reconcile.
    fn start_all(self: &Arc<Self>, a: &Assignments, starts: &[&Task]) {
        if starts.is_empty() {
            return;
        }
        for t in starts {
            if t.status.state < TaskState::Preparing {
                let _ = self.reports.send(report(
                    &t.id,
                    TaskState::Preparing,
                    "preparing",
                    String::new(),
                ));
            }
        }
        let nets: Vec<Result<Option<PathBuf>, String>> = match &self.net {
            Some(net) => net
                .prepare_many(
                    starts
                        .iter()
                        .map(|t| {
                            let (attach, nets) = super::net::attachments_of(a, t);
                            (t.id.clone(), attach, nets)
                        })
                        .collect(),
                )
                .into_iter()
                .map(|r| r.map_err(|e| e.to_string()))
                .collect(),
            None => starts.iter().map(|_| Ok(None)).collect(),
        };
        for (t, ns) in starts.iter().zip(nets) {
            match ns {
                Ok(ns) => self.start(a, t, ns),
                Err(e) => {
                    let _ = self
                        .reports
                        .send(report(&t.id, TaskState::Failed, "preparing", e));
                }
            }
        }
    }

    fn start(self: &Arc<Self>, a: &Assignments, t: &Task, netns: Option<PathBuf>) {
        let (name, command, env) = task_name(a, t);
        let spec = TaskSpec {
            id: t.id.clone(),
            hostname: format!("{name}.{}", t.id),
            name,
            command,
            env,
            dir: self.dir.join(&t.id),
            search: host_search_domains(),
            netns,
            hide: self.hide.clone(),
        };
        if t.status.state < TaskState::Starting {
            let _ = self.reports.send(report(
                &t.id,
                TaskState::Starting,
                "starting",
                String::new(),
            ));
        }
        if spec.netns.is_some()
            && let Some(dns) = self.dns.get()
        {
            dns.serve(&t.id);
        }
        match self.runtime.start(&spec) {
            Ok(started) => {
                let _ = fs::create_dir_all(self.dir.join(&t.id));
                let _ = fs::write(self.pid_file(&t.id), started.pid.to_string());
                if let Ok(mut r) = self.running.lock() {
                    r.insert(t.id.clone(), started.pid);
                }
                self.refresh_dns();
                let _ =
                    self.reports
                        .send(report(&t.id, TaskState::Running, "started", String::new()));
                self.watch(&t.id, started.pid, started.child);
            }
            Err(e) => {
                self.release_net(&t.id);
                let _ =
                    self.reports
                        .send(report(&t.id, TaskState::Failed, "starting", e.to_string()));
            }
        }
    }

    /// A task that was running before this agent started: keep it if its process lives.
    fn adopt(self: &Arc<Self>, t: &Task) {
        let pid = fs::read_to_string(self.pid_file(&t.id))
            .ok()
            .and_then(|p| p.trim().parse::<i32>().ok());
        match pid.filter(|p| self.runtime.alive(*p)) {
            Some(pid) => {
                if let Ok(mut r) = self.running.lock() {
                    r.insert(t.id.clone(), pid);
                }
                tracing::info!(task = %t.id, pid, "re-adopted a running task");
                if let Some(dns) = self.dns.get() {
                    dns.serve(&t.id);
                }
                self.refresh_dns();
                if t.status.state < TaskState::Running {
                    let _ = self.reports.send(report(
                        &t.id,
                        TaskState::Running,
                        "started",
                        String::new(),
                    ));
                }
                self.watch(&t.id, pid, None);
            }
            None => {
                self.release_net(&t.id);
                let _ = fs::remove_file(self.pid_file(&t.id));
                let code = self.runtime.exit_code(&self.dir.join(&t.id));
                let _ = self.reports.send(ended(&t.id, false, code));
            }
        }
    }

    /// Waits for the task's end on a thread of its own: by `wait` on a child, or by
    /// polling a process this agent did not start.
    fn watch(self: &Arc<Self>, id: &str, pid: i32, child: Option<std::process::Child>) {
        let me = self.clone();
        let id = id.to_string();
        std::thread::spawn(move || {
            match child {
                Some(mut c) => {
                    let _ = c.wait();
                }
                None => {
                    while me.runtime.alive(pid) {
                        std::thread::sleep(Duration::from_millis(200));
                    }
                }
            }
            me.exited(&id);
        });
    }

    fn exited(&self, id: &str) {
        let stopping = self
            .running
            .lock()
            .map(|mut r| r.remove(id).is_none())
            .unwrap_or(false);
        self.refresh_dns();
        self.release_net(id);
        let _ = fs::remove_file(self.pid_file(id));
        // The shim records the end just after the process is reaped.
        let dir = self.dir.join(id);
        let deadline = std::time::Instant::now() + Duration::from_secs(3);
        let mut code = self.runtime.exit_code(&dir);
        while code.is_none() && !stopping && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
            code = self.runtime.exit_code(&dir);
        }
        let _ = self.reports.send(ended(id, stopping, code));
    }

    /// SIGTERM, then SIGKILL after the grace period; `exited` reports the shutdown.
    fn stop(self: &Arc<Self>, id: &str, grace: Duration) {
        let balanced = self.last.lock().ok().is_some_and(|l| {
            l.as_ref().is_some_and(|a| {
                a.tasks
                    .iter()
                    .any(|t| t.id == id && !super::net::attachments_of(a, t).0.is_empty())
            })
        });
        if let Ok(mut d) = self.draining.lock() {
            d.insert(id.to_string());
        }
        let Some(pid) = self.running.lock().ok().and_then(|mut r| r.remove(id)) else {
            if let Ok(mut d) = self.draining.lock() {
                d.remove(id);
            }
            return;
        };
        // Drain: out of DNS and every balancer before it stops, so clients stop
        // picking it; gossip carries that to the other nodes in the meantime.
        self.refresh_dns();
        let runtime = self.runtime.clone();
        let me = self.clone();
        let id = id.to_string();
        std::thread::spawn(move || {
            if balanced {
                std::thread::sleep(DRAIN);
            }
            runtime.stop(pid, grace);
            if let Ok(mut d) = me.draining.lock() {
                d.remove(&id);
            }
            me.release_net(&id);
            // Adopted tasks have no waiter to report; report here (idempotent for the rest).
            let _ = fs::remove_file(me.pid_file(&id));
            let _ = me
                .reports
                .send(report(&id, TaskState::Shutdown, "shutdown", String::new()));
        });
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::{
        agent::runtime::{RuntimeError, Started},
        manager::objects::{EndpointMode, Service, ServiceSpec, TaskStatus},
    };

    /// Runs nothing: tasks "live" until `end` is called; `nosuch` fails to start.
    #[derive(Default)]
    struct FakeRuntime {
        alive: Mutex<HashSet<i32>>,
        started: Mutex<Vec<String>>,
        graces: Mutex<Vec<Duration>>,
    }

    impl FakeRuntime {
        fn end(&self, pid: i32) {
            self.alive.lock().unwrap().remove(&pid);
        }
    }

    impl TaskRuntime for FakeRuntime {
        fn start(&self, spec: &TaskSpec) -> Result<Started, RuntimeError> {
            if spec.command.first().map(String::as_str) == Some("nosuch") {
                return Err(RuntimeError::NotFound("nosuch".into()));
            }
            let mut started = self.started.lock().unwrap();
            started.push(format!("{} {}", spec.name, spec.hostname));
            let pid = 1000 + started.len() as i32;
            self.alive.lock().unwrap().insert(pid);
            Ok(Started { pid, child: None })
        }
        fn stop(&self, pid: i32, grace: Duration) {
            self.graces.lock().unwrap().push(grace);
            self.end(pid);
        }
        fn alive(&self, pid: i32) -> bool {
            self.alive.lock().unwrap().contains(&pid)
        }
        fn exit_code(&self, _: &std::path::Path) -> Option<i32> {
            Some(1)
        }
    }

    fn assignments(command: &str, desired: TaskState, state: TaskState) -> Assignments {
        let spec = ServiceSpec {
            name: "web".into(),
            labels: Default::default(),
            command: vec![command.into()],
            env: vec![],
            mode: Mode::Replicated { replicas: 1 },
            networks: vec![],
            network_aliases: Default::default(),
            endpoint_mode: EndpointMode::Vip,
            restart: Default::default(),
            stop_grace_period: None,
        };
        let service = Service {
            id: "s".into(),
            spec,
            created_at: String::new(),
            updated_at: String::new(),
            version: 0,
            vips: vec![],
            error: String::new(),
            template_version: 0,
        };
        let task = Task {
            id: "t1".into(),
            service_id: "s".into(),
            slot: 1,
            node_id: "n".into(),
            desired_state: desired,
            status: TaskStatus {
                state,
                message: String::new(),
                err: String::new(),
                timestamp: String::new(),
            },
            addresses: vec![],
            created_at: String::new(),
            version: 0,
            template_version: 0,
            restarts: vec![],
        };
        Assignments {
            tasks: vec![task],
            networks: vec![],
            services: vec![service],
            retained: vec![],
            data_path_port: 4789,
        }
    }

    async fn next_raw(rx: &mut mpsc::UnboundedReceiver<TaskReport>) -> (TaskState, String) {
        let r = tokio::time::timeout(Duration::from_secs(5), rx.recv())
            .await
            .unwrap()
            .unwrap();
        (r.state, r.err)
    }

    /// The next report past preparing and starting.
    async fn next(rx: &mut mpsc::UnboundedReceiver<TaskReport>) -> (TaskState, String) {
        loop {
            let r = next_raw(rx).await;
            if !matches!(r.0, TaskState::Preparing | TaskState::Starting) {
                return r;
            }
        }
    }

    #[tokio::test]
    async fn starts_assigned_tasks_once_and_reports_their_end() {
        let dir = tempfile::tempdir().unwrap();
        let rt = Arc::new(FakeRuntime::default());
        let (sup, mut rx) = Supervisor::new(rt.clone(), dir.path().to_path_buf());
        let a = assignments("sleep", TaskState::Running, TaskState::Assigned);
        sup.sync(&a);
        sup.sync(&a);
        for state in [
            TaskState::Preparing,
            TaskState::Starting,
            TaskState::Running,
        ] {
            assert_eq!(next_raw(&mut rx).await.0, state);
        }
        assert_eq!(
            *rt.started.lock().unwrap(),
            ["web.1 web.1.t1"],
            "started exactly once"
        );
        assert_eq!(
            fs::read_to_string(dir.path().join("t1/pid")).unwrap(),
            "1001"
        );
        // The same task reported running comes back in the stream: not started again.
        sup.sync(&assignments(
            "sleep",
            TaskState::Running,
            TaskState::Running,
        ));
        rt.end(1001);
        assert_eq!(
            next(&mut rx).await.0,
            TaskState::Failed,
            "ended without being asked to"
        );
    }

    #[tokio::test]
    async fn stops_on_request_and_reports_start_failures() {
        let dir = tempfile::tempdir().unwrap();
        let rt = Arc::new(FakeRuntime::default());
        let (sup, mut rx) = Supervisor::new(rt.clone(), dir.path().to_path_buf());
        sup.sync(&assignments(
            "sleep",
            TaskState::Running,
            TaskState::Assigned,
        ));
        assert_eq!(next(&mut rx).await.0, TaskState::Running);
        let mut stop = assignments("sleep", TaskState::Shutdown, TaskState::Running);
        stop.services[0].spec.stop_grace_period = Some(Duration::from_secs(3));
        sup.sync(&stop);
        assert_eq!(next(&mut rx).await.0, TaskState::Shutdown);
        assert!(!rt.alive(1001));
        assert_eq!(
            *rt.graces.lock().unwrap(),
            [Duration::from_secs(3)],
            "the service's --stop-grace-period"
        );

        let (sup, mut rx) = Supervisor::new(rt, dir.path().join("other"));
        sup.sync(&assignments(
            "nosuch",
            TaskState::Running,
            TaskState::Assigned,
        ));
        assert_eq!(
            next(&mut rx).await,
            (
                TaskState::Failed,
                "executable file not found: nosuch".into()
            )
        );
    }

    #[tokio::test]
    async fn re_adopts_a_task_that_outlived_the_agent() {
        let dir = tempfile::tempdir().unwrap();
        let rt = Arc::new(FakeRuntime::default());
        rt.alive.lock().unwrap().insert(4242);
        fs::create_dir_all(dir.path().join("t1")).unwrap();
        fs::write(dir.path().join("t1/pid"), "4242").unwrap();
        let (sup, mut rx) = Supervisor::new(rt.clone(), dir.path().to_path_buf());
        sup.sync(&assignments(
            "sleep",
            TaskState::Running,
            TaskState::Running,
        ));
        assert!(
            rt.started.lock().unwrap().is_empty(),
            "adopted, not restarted"
        );
        assert!(sup.is_running("t1"));
        rt.end(4242);
        assert_eq!(next(&mut rx).await.0, TaskState::Failed);
        // One that died meanwhile is reported as lost.
        let (sup, mut rx) = Supervisor::new(rt, dir.path().join("none"));
        sup.sync(&assignments(
            "sleep",
            TaskState::Running,
            TaskState::Running,
        ));
        assert_eq!(next(&mut rx).await.0, TaskState::Failed);
    }

    #[tokio::test]
    async fn stops_a_process_that_outlived_the_agent_and_cleans_old_dirs() {
        let dir = tempfile::tempdir().unwrap();
        let rt = Arc::new(FakeRuntime::default());
        rt.alive.lock().unwrap().insert(4242);
        for d in ["t1", "old", "kept"] {
            fs::create_dir_all(dir.path().join(d)).unwrap();
        }
        fs::write(dir.path().join("t1/pid"), "4242").unwrap();
        let (sup, mut rx) = Supervisor::new(rt.clone(), dir.path().to_path_buf());
        // The node came back: its task was moved elsewhere while it was away.
        let mut a = assignments("sleep", TaskState::Shutdown, TaskState::Running);
        a.retained.push("kept".into());
        sup.sync(&a);
        sup.sync(&a);
        assert_eq!(next(&mut rx).await.0, TaskState::Shutdown);
        assert!(!rt.alive(4242), "the stale process is stopped");
        assert!(rt.started.lock().unwrap().is_empty());
        assert!(
            !dir.path().join("old").exists(),
            "a forgotten task's dir goes"
        );
        assert!(dir.path().join("kept").exists(), "history keeps its logs");
        assert!(dir.path().join("t1").exists());
    }

    #[tokio::test]
    async fn endpoints_carry_the_services_aliases_on_their_network_only() {
        use crate::{agent::dns::records::fixtures::network, manager::objects::Attachment};
        let dir = tempfile::tempdir().unwrap();
        let rt = Arc::new(FakeRuntime::default());
        let (sup, mut rx) = Supervisor::new(rt, dir.path().to_path_buf());
        let mut a = assignments("sleep", TaskState::Running, TaskState::Assigned);
        a.networks = vec![network("n1", "front", 1), network("n2", "back", 2)];
        let spec = &mut a.services[0].spec;
        spec.networks = vec!["n1".into(), "n2".into()];
        spec.network_aliases =
            [("n1".to_string(), vec!["db".to_string(), "api".to_string()])].into();
        a.tasks[0].addresses = ["n1", "n2"]
            .iter()
            .enumerate()
            .map(|(i, n)| Attachment {
                network_id: n.to_string(),
                addr: format!("10.0.{}.3/24", i + 1),
            })
            .collect();
        sup.sync(&a);
        assert_eq!(next(&mut rx).await.0, TaskState::Running);
        let got: Vec<(String, String, Vec<String>)> = sup
            .endpoints()
            .into_iter()
            .map(|e| (e.network_id, e.ip.to_string(), e.aliases))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "n1".into(),
                    "10.0.1.3".into(),
                    vec!["db".into(), "api".into()]
                ),
                ("n2".into(), "10.0.2.3".into(), vec![]),
            ]
        );
    }
}
