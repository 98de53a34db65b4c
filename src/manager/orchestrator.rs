//! The orchestrator and scheduler: from the desired state (services, nodes) and the
//! tasks that exist, the commands that make them agree. Pure, so it is tested without a
//! cluster; the leader runs it on every change and proposes what it returns.
//!
//! Replicated services get slots 1..N, global services one task per eligible node.
//! Eligible nodes are `ready` and `active`; tasks on other nodes are shut down and
//! replaced. New tasks go to the eligible node with the fewest tasks of the service,
//! then the fewest tasks overall. Each slot keeps a short history, like Swarm's.
//! A task that ends, or was made from an older task template, is shut down at once;
//! whether its slot gets a new task, and when, is the restart policy's call
//! (`restart.rs`).

use std::collections::{BTreeMap, BTreeSet};

use super::{
    objects::{Mode, Service, Task, TaskState, TaskStatus},
    restart::{self, Next},
    state::{Availability, ClusterState, Command, NodeState},
};

/// Terminal tasks kept per slot (Swarm's task history limit).
pub const HISTORY: usize = 5;

/// What a task is kept for: a replica slot, or a node in global mode.
fn slot_key(t: &Task) -> (u64, String) {
    if t.slot > 0 {
        (t.slot, String::new())
    } else {
        (0, t.node_id.clone())
    }
}

pub fn plan(state: &ClusterState, at: &str, new_id: &mut dyn FnMut() -> String) -> Vec<Command> {
    let eligible: Vec<&str> = state
        .nodes
        .values()
        .filter(|n| n.state == NodeState::Ready && n.availability == Availability::Active)
        .map(|n| n.id.as_str())
        .collect();
    let mut load: BTreeMap<&str, usize> = eligible.iter().map(|n| (*n, 0)).collect();
    for t in state
        .tasks
        .values()
        .filter(|t| t.desired_state == TaskState::Running)
    {
        if let Some(l) = load.get_mut(t.node_id.as_str()) {
            *l += 1;
        }
    }
    let mut new_tasks = Vec::new();
    let mut shutdown = Vec::new();
    let mut remove = Vec::new();
    for svc in state.services.values() {
        let tasks: Vec<&Task> = state
            .tasks
            .values()
            .filter(|t| t.service_id == svc.id)
            .collect();
        let mut per_node: BTreeMap<&str, usize> = BTreeMap::new();
        let mut active_keys = BTreeSet::new();
        for t in tasks
            .iter()
            .filter(|t| t.desired_state == TaskState::Running)
        {
            let on_eligible = eligible.contains(&t.node_id.as_str());
            let unplaced_but_placeable = t.node_id.is_empty() && !eligible.is_empty();
            let wanted = match svc.spec.mode {
                Mode::Replicated { replicas } => t.slot >= 1 && t.slot <= replicas,
                Mode::Global => t.slot == 0,
            };
            let stale = t.template_version != svc.template_version;
            if t.status.state.is_terminal()
                || stale
                || !wanted
                || (!on_eligible && (!t.node_id.is_empty() || unplaced_but_placeable))
            {
                shutdown.push(t.id.clone());
            } else {
                active_keys.insert(slot_key(t));
                *per_node.entry(t.node_id.as_str()).or_default() += 1;
            }
        }
        let missing: Vec<(u64, Option<&str>)> = match svc.spec.mode {
            Mode::Replicated { replicas } => (1..=replicas)
                .filter(|s| !active_keys.contains(&(*s, String::new())))
                .map(|s| (s, None))
                .collect(),
            Mode::Global => eligible
                .iter()
                .filter(|n| !active_keys.contains(&(0, n.to_string())))
                .map(|n| (0, Some(*n)))
                .collect(),
        };
        for (slot, fixed) in missing {
            let key = (slot, fixed.unwrap_or_default().to_string());
            let restarts = match restart::next(svc, newest(&tasks, &key), at) {
                Next::Start(restarts) => restarts,
                Next::Wait | Next::Hold => continue,
            };
            let node = fixed.or_else(|| pick(&eligible, &per_node, &load));
            if let Some(n) = node {
                *per_node.entry(n).or_default() += 1;
                *load.entry(n).or_default() += 1;
            }
            new_tasks.push(new_task(
                new_id(),
                svc,
                slot,
                node,
                state.nodes.len() - eligible.len(),
                at,
                restarts,
            ));
        }
        remove.extend(old_history(&tasks));
    }
    let mut out = Vec::new();
    if !shutdown.is_empty() {
        out.push(Command::SetTaskDesired {
            ids: shutdown,
            desired: TaskState::Shutdown,
        });
    }
    if !new_tasks.is_empty() {
        out.push(Command::PutTasks(new_tasks));
    }
    if !remove.is_empty() {
        out.push(Command::RemoveTasks { ids: remove });
    }
    if state.can_reallocate() {
        out.push(Command::Reallocate { at: at.to_string() });
    }
    out
}

/// The slot's newest task, whatever its state.
fn newest<'a>(tasks: &[&'a Task], key: &(u64, String)) -> Option<&'a Task> {
    tasks
        .iter()
        .copied()
        .filter(|t| &slot_key(t) == key)
        .max_by(|a, b| a.created_at.cmp(&b.created_at).then(a.id.cmp(&b.id)))
}

/// The eligible node with the fewest tasks of this service, then the fewest overall.
fn pick<'a>(
    eligible: &[&'a str],
    per_node: &BTreeMap<&str, usize>,
    load: &BTreeMap<&str, usize>,
) -> Option<&'a str> {
    eligible.iter().copied().min_by_key(|n| {
        (
            per_node.get(n).copied().unwrap_or(0),
            load.get(n).copied().unwrap_or(0),
            *n,
        )
    })
}

fn new_task(
    id: String,
    svc: &Service,
    slot: u64,
    node: Option<&str>,
    unavailable: usize,
    at: &str,
    restarts: Vec<String>,
) -> Task {
    let (state, message, err) = match node {
        Some(_) => (TaskState::Assigned, "scheduled".to_string(), String::new()),
        None => (
            TaskState::Pending,
            "pending task scheduling".to_string(),
            format!("no suitable node ({unavailable} node(s) not ready or not active)"),
        ),
    };
    Task {
        id,
        service_id: svc.id.clone(),
        slot,
        node_id: node.unwrap_or_default().to_string(),
        desired_state: TaskState::Running,
        status: TaskStatus {
            state,
            message,
            err,
            timestamp: at.to_string(),
        },
        addresses: Vec::new(),
        created_at: at.to_string(),
        version: 0,
        template_version: svc.template_version,
        restarts,
    }
}

/// Tasks beyond the history limit of their slot: the oldest finished ones.
fn old_history(tasks: &[&Task]) -> Vec<String> {
    let mut by_slot: BTreeMap<(u64, String), Vec<&Task>> = BTreeMap::new();
    for t in tasks
        .iter()
        .filter(|t| t.desired_state != TaskState::Running)
    {
        by_slot.entry(slot_key(t)).or_default().push(t);
    }
    let mut out = Vec::new();
    for (_, mut done) in by_slot {
        done.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id)));
        out.extend(done.into_iter().skip(HISTORY).map(|t| t.id.clone()));
    }
    out
}

/// The leader's loop: plan on every state change (and every 2 s), propose the result.
pub async fn run(
    mgr: std::sync::Arc<super::Manager>,
    mut shutdown: tokio::sync::watch::Receiver<bool>,
) {
    let mut changes = mgr.watch();
    loop {
        tokio::select! {
            _ = shutdown.wait_for(|s| *s) => return,
            _ = changes.changed() => {}
            _ = tokio::time::sleep(std::time::Duration::from_secs(2)) => {}
        }
        if !mgr.is_leader() {
            continue;
        }
        let state = mgr.state();
        let cmds = plan(&state, &super::api::now(), &mut || {
            super::token::random_base36(25)
        });
        for cmd in cmds {
            if let Err(e) = mgr.write(cmd).await {
                tracing::warn!(error = %e.message, "orchestrator: cannot apply its plan");
                break;
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::manager::{
        objects::{EndpointMode, Service, ServiceSpec, TaskStatus},
        state::{Role, tests::node},
    };

    /// `nodes` workers and one service, `s1`, of the default restart policy.
    pub fn state(nodes: usize, mode: Mode) -> ClusterState {
        let mut s = ClusterState::default();
        for i in 1..=nodes {
            let n = node(&format!("n{i}"), i as u64, Role::Worker);
            s.nodes.insert(n.id.clone(), n);
        }
        let spec = ServiceSpec {
            name: "my-web".into(),
            labels: Default::default(),
            command: vec!["sleep".into(), "1".into()],
            env: vec![],
            mode,
            networks: vec![],
            network_aliases: Default::default(),
            endpoint_mode: EndpointMode::Vip,
            restart: Default::default(),
            stop_grace_period: None,
        };
        let svc = Service {
            id: "s1".into(),
            spec,
            created_at: "t".into(),
            updated_at: "t".into(),
            version: 0,
            vips: vec![],
            error: String::new(),
            template_version: 0,
        };
        s.services.insert("s1".into(), svc);
        s
    }

    /// Runs the planner and applies its commands until nothing is left to do.
    fn converge(s: &mut ClusterState) -> usize {
        static IDS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let mut rounds = 0;
        loop {
            let n = IDS.fetch_add(100, std::sync::atomic::Ordering::Relaxed);
            let mut k = 0;
            let cmds = plan(s, &format!("t{n:06}"), &mut || {
                k += 1;
                format!("task{:06}", n + k)
            });
            if cmds.is_empty() {
                return rounds;
            }
            for c in &cmds {
                s.apply(1, c).unwrap();
            }
            rounds += 1;
            assert!(rounds < 10, "the plan does not converge");
        }
    }

    fn running(s: &ClusterState) -> Vec<(u64, String)> {
        let mut v: Vec<(u64, String)> = s
            .tasks
            .values()
            .filter(|t| t.desired_state == TaskState::Running)
            .map(|t| (t.slot, t.node_id.clone()))
            .collect();
        v.sort();
        v
    }

    #[test]
    fn replicas_spread_over_nodes() {
        let mut s = state(3, Mode::Replicated { replicas: 3 });
        converge(&mut s);
        let r = running(&s);
        assert_eq!(r.len(), 3);
        let nodes: BTreeSet<&String> = r.iter().map(|(_, n)| n).collect();
        assert_eq!(nodes.len(), 3, "three tasks on three nodes: {r:?}");
        assert!(
            s.tasks
                .values()
                .all(|t| t.status.state == TaskState::Assigned)
        );
    }

    #[test]
    fn scale_down_shuts_down_the_high_slots() {
        let mut s = state(3, Mode::Replicated { replicas: 3 });
        converge(&mut s);
        s.services.get_mut("s1").unwrap().spec.mode = Mode::Replicated { replicas: 1 };
        converge(&mut s);
        assert_eq!(
            running(&s)
                .iter()
                .map(|(slot, _)| *slot)
                .collect::<Vec<_>>(),
            [1]
        );
        assert_eq!(s.tasks.len(), 3, "shut-down tasks stay as history");
    }

    #[test]
    fn tasks_leave_down_and_drained_nodes() {
        let mut s = state(3, Mode::Replicated { replicas: 3 });
        converge(&mut s);
        s.nodes.get_mut("n2").unwrap().state = NodeState::Down;
        s.nodes.get_mut("n3").unwrap().availability = Availability::Drain;
        converge(&mut s);
        let r = running(&s);
        assert_eq!(r.len(), 3);
        assert!(r.iter().all(|(_, n)| n == "n1"), "{r:?}");
    }

    #[test]
    fn global_mode_runs_one_per_eligible_node() {
        let mut s = state(3, Mode::Global);
        s.nodes.get_mut("n3").unwrap().availability = Availability::Pause;
        converge(&mut s);
        let r = running(&s);
        assert_eq!(r, [(0, "n1".to_string()), (0, "n2".to_string())]);
    }

    #[test]
    fn no_node_means_pending_with_an_error_and_no_churn() {
        let mut s = state(1, Mode::Replicated { replicas: 2 });
        s.nodes.get_mut("n1").unwrap().state = NodeState::Down;
        converge(&mut s);
        assert_eq!(s.tasks.len(), 2);
        assert!(
            s.tasks
                .values()
                .all(|t| t.status.state == TaskState::Pending
                    && t.status.err.contains("no suitable node"))
        );
        // A node comes back: the pending tasks are replaced by placed ones.
        s.nodes.get_mut("n1").unwrap().state = NodeState::Ready;
        converge(&mut s);
        assert_eq!(running(&s), [(1, "n1".to_string()), (2, "n1".to_string())]);
    }

    #[test]
    fn waiting_tasks_and_vips_get_addresses_once_some_are_free() {
        use crate::manager::state::NetworkRequest;
        let mut s = state(1, Mode::Replicated { replicas: 0 });
        let req = NetworkRequest {
            id: "net".into(),
            name: "tiny".into(),
            driver: "overlay".into(),
            subnet: Some("10.0.50.0/29".into()),
            gateway: None,
            attachable: false,
            options: Default::default(),
            labels: Default::default(),
            at: "t".into(),
        };
        s.apply(1, &Command::CreateNetwork(req)).unwrap();
        let mut spec = s.services["s1"].spec.clone();
        spec.networks = vec!["net".into()];
        spec.mode = Mode::Replicated { replicas: 6 };
        s.services.clear();
        s.apply(
            2,
            &Command::CreateService {
                id: "hog".into(),
                spec: spec.clone(),
                at: "t".into(),
            },
        )
        .unwrap();
        converge(&mut s);
        let pending = |s: &ClusterState| {
            s.tasks
                .values()
                .filter(|t| t.status.state == TaskState::Pending)
                .count()
        };
        assert_eq!(pending(&s), 2, "gateway + VIP + 4 tasks fill a /29");
        spec.name = "late".into();
        spec.mode = Mode::Replicated { replicas: 0 };
        s.apply(
            3,
            &Command::CreateService {
                id: "late".into(),
                spec,
                at: "t".into(),
            },
        )
        .unwrap();
        assert!(
            s.services["late"]
                .error
                .contains("cannot allocate a virtual IP")
        );
        // Two tasks end: their addresses come back, and go to what waited.
        let done: Vec<(String, TaskStatus)> = s
            .tasks
            .values()
            .filter(|t| !t.addresses.is_empty())
            .take(3)
            .map(|t| {
                (
                    t.id.clone(),
                    TaskStatus {
                        state: TaskState::Failed,
                        message: "x".into(),
                        err: String::new(),
                        timestamp: "t".into(),
                    },
                )
            })
            .collect();
        s.apply(4, &Command::SetTaskStatuses(done)).unwrap();
        converge(&mut s);
        assert_eq!(pending(&s), 0);
        assert!(s.services["late"].error.is_empty() && s.services["late"].vips.len() == 1);
        assert!(!s.can_reallocate(), "nothing left to retry: no churn");
    }

    #[test]
    fn ended_tasks_are_replaced_after_the_restart_delay() {
        let mut s = state(1, Mode::Replicated { replicas: 1 });
        converge(&mut s);
        let id = s.tasks.keys().next().unwrap().clone();
        let failed = TaskStatus {
            state: TaskState::Failed,
            message: "exited".into(),
            err: "task: non-zero exit (1)".into(),
            timestamp: "2026-01-01T00:00:00Z".into(),
        };
        s.apply(2, &Command::SetTaskStatuses(vec![(id.clone(), failed)]))
            .unwrap();
        let mut ids = || "new".to_string();
        let cmds = plan(&s, "2026-01-01T00:00:03Z", &mut ids);
        assert!(
            matches!(&cmds[..], [Command::SetTaskDesired { ids, .. }] if ids == &vec![id.clone()]),
            "shut down at once, not replaced within the delay: {cmds:?}"
        );
        s.apply(3, &cmds[0]).unwrap();
        assert!(plan(&s, "2026-01-01T00:00:04Z", &mut ids).is_empty());
        let cmds = plan(&s, "2026-01-01T00:00:06Z", &mut ids);
        assert!(
            matches!(&cmds[..], [Command::PutTasks(t)] if t.len() == 1 && t[0].slot == 1),
            "{cmds:?}"
        );
    }

    #[test]
    fn history_is_capped_per_slot() {
        let mut s = state(1, Mode::Replicated { replicas: 1 });
        for _ in 0..8 {
            converge(&mut s);
            let ids: Vec<String> = s
                .tasks
                .values()
                .filter(|t| t.desired_state == TaskState::Running)
                .map(|t| t.id.clone())
                .collect();
            s.apply(
                2,
                &Command::SetTaskDesired {
                    ids,
                    desired: TaskState::Shutdown,
                },
            )
            .unwrap();
        }
        converge(&mut s);
        assert_eq!(s.tasks.len(), HISTORY + 1);
    }
}
