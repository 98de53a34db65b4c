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

use super::runtime::{TaskRuntime, TaskSpec, process::host_search_domains};
use crate::{
    api::types::{Assignments, TaskReport},
    manager::objects::{Mode, Task, TaskState},
};

pub const STOP_GRACE: Duration = Duration::from_secs(10);

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
}

fn report(id: &str, state: TaskState, message: &str, err: String) -> TaskReport {
    TaskReport {
        id: id.to_string(),
        state,
        message: message.to_string(),
        err,
    }
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
        let (tx, rx) = mpsc::unbounded_channel();
        (
            Arc::new(Supervisor {
                runtime,
                dir,
                running: Mutex::new(HashMap::new()),
                handled: Mutex::new(Default::default()),
                reports: tx,
            }),
            rx,
        )
    }

    fn pid_file(&self, id: &str) -> PathBuf {
        self.dir.join(id).join("pid")
    }

    fn is_running(&self, id: &str) -> bool {
        self.running.lock().is_ok_and(|r| r.contains_key(id))
    }

    /// Brings what runs here in line with `a`; reports go out on the channel.
    pub fn sync(self: &Arc<Self>, a: &Assignments) {
        for t in &a.tasks {
            match t.desired_state {
                TaskState::Running if !self.is_running(&t.id) => self.run(a, t),
                TaskState::Shutdown if self.is_running(&t.id) => self.stop(&t.id),
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
            self.stop(&id);
        }
    }

    fn run(self: &Arc<Self>, a: &Assignments, t: &Task) {
        let first_time = self
            .handled
            .lock()
            .is_ok_and(|mut h| h.insert(t.id.clone()));
        if !first_time {
            return;
        }
        match t.status.state {
            TaskState::Assigned
            | TaskState::Accepted
            | TaskState::Preparing
            | TaskState::Starting => self.start(a, t),
            TaskState::Running => self.adopt(t),
            _ => {}
        }
    }

    fn start(self: &Arc<Self>, a: &Assignments, t: &Task) {
        let (name, command, env) = task_name(a, t);
        let spec = TaskSpec {
            id: t.id.clone(),
            hostname: format!("{name}.{}", t.id),
            name,
            command,
            env,
            dir: self.dir.join(&t.id),
            search: host_search_domains(),
        };
        match self.runtime.start(&spec) {
            Ok(started) => {
                let _ = fs::create_dir_all(self.dir.join(&t.id));
                let _ = fs::write(self.pid_file(&t.id), started.pid.to_string());
                if let Ok(mut r) = self.running.lock() {
                    r.insert(t.id.clone(), started.pid);
                }
                let _ =
                    self.reports
                        .send(report(&t.id, TaskState::Running, "started", String::new()));
                self.watch(&t.id, started.pid, started.child);
            }
            Err(e) => {
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
                self.watch(&t.id, pid, None);
            }
            None => {
                let err = "the task's process ended while its agent was down".to_string();
                let _ = self
                    .reports
                    .send(report(&t.id, TaskState::Failed, "lost", err));
            }
        }
    }

    /// Waits for the task's end on a thread of its own: by `wait` on a child, or by
    /// polling a process this agent did not start.
    fn watch(self: &Arc<Self>, id: &str, pid: i32, child: Option<std::process::Child>) {
        let me = self.clone();
        let id = id.to_string();
        std::thread::spawn(move || {
            let status = match child {
                Some(mut c) => c.wait().ok(),
                None => {
                    while me.runtime.alive(pid) {
                        std::thread::sleep(Duration::from_millis(200));
                    }
                    None
                }
            };
            me.exited(&id, status);
        });
    }

    fn exited(&self, id: &str, status: Option<std::process::ExitStatus>) {
        let stopping = self
            .running
            .lock()
            .map(|mut r| r.remove(id).is_none())
            .unwrap_or(false);
        let _ = fs::remove_file(self.pid_file(id));
        let r = match status {
            _ if stopping => report(id, TaskState::Shutdown, "shutdown", String::new()),
            Some(s) if s.success() => report(id, TaskState::Complete, "finished", String::new()),
            Some(s) => report(
                id,
                TaskState::Failed,
                "exited",
                format!(
                    "task: non-zero exit ({})",
                    s.code().map_or_else(|| s.to_string(), |c| c.to_string())
                ),
            ),
            None => report(
                id,
                TaskState::Failed,
                "exited",
                "the task's process ended".into(),
            ),
        };
        let _ = self.reports.send(r);
    }

    /// SIGTERM, then SIGKILL after the grace period; `exited` reports the shutdown.
    fn stop(self: &Arc<Self>, id: &str) {
        let Some(pid) = self.running.lock().ok().and_then(|mut r| r.remove(id)) else {
            return;
        };
        let runtime = self.runtime.clone();
        let me = self.clone();
        let id = id.to_string();
        std::thread::spawn(move || {
            runtime.stop(pid, STOP_GRACE);
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
        fn stop(&self, pid: i32, _: Duration) {
            self.end(pid);
        }
        fn alive(&self, pid: i32) -> bool {
            self.alive.lock().unwrap().contains(&pid)
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
        }
    }

    async fn next(rx: &mut mpsc::UnboundedReceiver<TaskReport>) -> (TaskState, String) {
        let r = tokio::time::timeout(Duration::from_secs(5), rx.recv())
            .await
            .unwrap()
            .unwrap();
        (r.state, r.err)
    }

    #[tokio::test]
    async fn starts_assigned_tasks_once_and_reports_their_end() {
        let dir = tempfile::tempdir().unwrap();
        let rt = Arc::new(FakeRuntime::default());
        let (sup, mut rx) = Supervisor::new(rt.clone(), dir.path().to_path_buf());
        let a = assignments("sleep", TaskState::Running, TaskState::Assigned);
        sup.sync(&a);
        sup.sync(&a);
        assert_eq!(next(&mut rx).await.0, TaskState::Running);
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
        sup.sync(&assignments(
            "sleep",
            TaskState::Shutdown,
            TaskState::Running,
        ));
        assert_eq!(next(&mut rx).await.0, TaskState::Shutdown);
        assert!(!rt.alive(1001));

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
}
