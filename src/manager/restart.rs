//! Swarm's restart policy, for the orchestrator: whether a slot whose task is gone gets
//! a new task, when, and which restarts the new task carries. Pure.
//!
//! Only a task that ended by itself (complete, failed, rejected) is a matter for the
//! policy; one the orchestrator shut down (scale, drain, update) or lost with its node
//! is replaced at once and its replacement is no restart. Restarts are counted on the
//! tasks themselves, because a slot's history is capped: each new task carries the
//! restart times of its predecessor that `max_attempts` and `window` still count. Tasks
//! of an older task template do not pass theirs on, so `service update` starts the
//! count again, as in Swarm.

use std::time::Duration;

use super::objects::{RestartCondition, RestartPolicy, Service, Task, TaskState};

/// What becomes of a slot that has no task meant to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
    /// A new task, carrying these restart times (RFC 3339, oldest first).
    Start(Vec<String>),
    /// A new task later: the restart delay has not passed yet.
    Wait,
    /// No new task: the slot's last task ended and the policy does not restart it. The
    /// slot stays filled by that task (`service ls` shows it as not running).
    Hold,
}

/// Time from RFC 3339 `since` to `now` (zero if either does not parse).
pub fn elapsed(since: &str, now: &str) -> Duration {
    use time::{OffsetDateTime, format_description::well_known::Rfc3339};
    match (
        OffsetDateTime::parse(since, &Rfc3339),
        OffsetDateTime::parse(now, &Rfc3339),
    ) {
        (Ok(a), Ok(b)) => (b - a).try_into().unwrap_or_default(),
        _ => Duration::ZERO,
    }
}

/// The task's process ended (as opposed to being stopped, or lost with its node).
pub fn ended_by_itself(t: &Task) -> bool {
    matches!(
        t.status.state,
        TaskState::Complete | TaskState::Failed | TaskState::Rejected
    )
}

/// For a slot of `svc` with no task meant to run, given the slot's newest task.
pub fn next(svc: &Service, last: Option<&Task>, at: &str) -> Next {
    let policy = &svc.spec.restart;
    let Some(last) = last.filter(|t| t.template_version == svc.template_version) else {
        return Next::Start(Vec::new());
    };
    let mut restarts = counted(policy, &last.restarts, at);
    if !ended_by_itself(last) {
        return Next::Start(restarts);
    }
    let wanted = match policy.condition {
        RestartCondition::Any => true,
        RestartCondition::OnFailure => last.status.state != TaskState::Complete,
        RestartCondition::None => false,
    };
    let exhausted = policy.max_attempts > 0 && restarts.len() as u64 >= policy.max_attempts;
    if !wanted || exhausted {
        return Next::Hold;
    }
    if elapsed(&last.status.timestamp, at) < policy.delay {
        return Next::Wait;
    }
    if policy.max_attempts > 0 {
        restarts.push(at.to_string());
    }
    Next::Start(restarts)
}

/// The restart times that still count at `at`: inside the window (if any), and no
/// more than `max_attempts` of them (none when attempts are unlimited).
fn counted(policy: &RestartPolicy, restarts: &[String], at: &str) -> Vec<String> {
    let keep = usize::try_from(policy.max_attempts).unwrap_or(usize::MAX);
    let mut v: Vec<String> = restarts
        .iter()
        .filter(|r| policy.window.is_zero() || elapsed(r, at) < policy.window)
        .cloned()
        .collect();
    v.drain(..v.len().saturating_sub(keep));
    v
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;
    use crate::manager::{
        objects::{Mode, TaskStatus},
        orchestrator::{plan, tests::state},
        state::{ClusterState, Command},
    };

    /// `2026-01-01T00:MM:SSZ` from seconds.
    fn ts(secs: u64) -> String {
        format!("2026-01-01T00:{:02}:{:02}Z", secs / 60, secs % 60)
    }

    fn with_policy(policy: RestartPolicy) -> ClusterState {
        let mut s = state(1, Mode::Replicated { replicas: 1 });
        s.services.get_mut("s1").unwrap().spec.restart = policy;
        s
    }

    /// One plan round at `secs`, applied; returns whether it changed anything.
    fn round(s: &mut ClusterState, secs: u64) -> bool {
        static IDS: AtomicUsize = AtomicUsize::new(0);
        let cmds = plan(s, &ts(secs), &mut || {
            format!("task{:04}", IDS.fetch_add(1, Ordering::Relaxed))
        });
        for c in &cmds {
            s.apply(1, c).unwrap();
        }
        !cmds.is_empty()
    }

    /// The running task of slot 1 ends with `state` at `secs`.
    fn end(s: &mut ClusterState, state: TaskState, secs: u64) {
        let id = live(s).expect("a live task").id.clone();
        let err = match state {
            TaskState::Failed => "task: non-zero exit (3)",
            _ => "",
        };
        let status = TaskStatus {
            state,
            message: "exited".into(),
            err: err.into(),
            timestamp: ts(secs),
        };
        s.apply(1, &Command::SetTaskStatuses(vec![(id, status)]))
            .unwrap();
    }

    fn live(s: &ClusterState) -> Option<&Task> {
        s.tasks
            .values()
            .find(|t| t.desired_state == TaskState::Running)
    }

    fn policy(condition: RestartCondition, delay: u64, max: u64, window: u64) -> RestartPolicy {
        RestartPolicy {
            condition,
            delay: Duration::from_secs(delay),
            max_attempts: max,
            window: Duration::from_secs(window),
        }
    }

    #[test]
    fn any_replaces_complete_and_failed_tasks_after_the_delay() {
        let mut s = with_policy(policy(RestartCondition::Any, 5, 0, 0));
        round(&mut s, 0);
        end(&mut s, TaskState::Complete, 1);
        round(&mut s, 2);
        assert!(live(&s).is_none(), "the ended task is shut down at once");
        assert!(!round(&mut s, 5), "nothing within the delay");
        assert!(round(&mut s, 6));
        assert_eq!(live(&s).unwrap().status.state, TaskState::Assigned);
        end(&mut s, TaskState::Failed, 7);
        round(&mut s, 8);
        assert!(live(&s).is_none());
        round(&mut s, 12);
        assert_eq!(s.tasks.len(), 3, "failed tasks are replaced too");
        assert_eq!(
            live(&s).unwrap().restarts,
            Vec::<String>::new(),
            "nothing to count when attempts are unlimited"
        );
    }

    #[test]
    fn on_failure_keeps_a_completed_task_and_replaces_a_failed_one() {
        let mut s = with_policy(policy(RestartCondition::OnFailure, 1, 0, 0));
        round(&mut s, 0);
        end(&mut s, TaskState::Failed, 1);
        round(&mut s, 2);
        assert!(live(&s).is_some(), "a failed task is replaced");
        end(&mut s, TaskState::Complete, 3);
        for secs in 4..30 {
            round(&mut s, secs);
        }
        assert_eq!(s.tasks.len(), 2, "a completed task is not replaced");
        assert!(live(&s).is_none());
        let done = s.tasks.values().max_by_key(|t| &t.created_at).unwrap();
        assert_eq!(
            (done.desired_state, done.status.state),
            (TaskState::Shutdown, TaskState::Complete)
        );
    }

    #[test]
    fn none_keeps_the_slot_filled_by_the_ended_task() {
        for ended in [TaskState::Complete, TaskState::Failed, TaskState::Rejected] {
            let mut s = with_policy(policy(RestartCondition::None, 0, 0, 0));
            round(&mut s, 0);
            end(&mut s, ended, 1);
            assert!(round(&mut s, 1), "the ended task is shut down");
            for secs in 2..10 {
                assert!(!round(&mut s, secs), "and nothing else happens");
            }
            assert_eq!(s.tasks.len(), 1);
            let view = crate::manager::objects_api::service_view(&s, &s.services["s1"]);
            assert_eq!((view.replicas_running, view.replicas_desired), (0, 1));
        }
    }

    #[test]
    fn max_attempts_without_a_window_counts_every_restart() {
        let mut s = with_policy(policy(RestartCondition::OnFailure, 1, 2, 0));
        round(&mut s, 0);
        for secs in [10, 100, 1000] {
            end(&mut s, TaskState::Failed, secs);
            round(&mut s, secs);
            round(&mut s, secs + 1);
        }
        for secs in 2000..2010 {
            assert!(!round(&mut s, secs));
        }
        assert_eq!(s.tasks.len(), 3, "the first task and 2 restarts");
        assert!(
            s.tasks
                .values()
                .all(|t| t.status.state == TaskState::Failed
                    && t.desired_state == TaskState::Shutdown)
        );
    }

    #[test]
    fn max_attempts_within_a_window_counts_recent_restarts_only() {
        let mut s = with_policy(policy(RestartCondition::Any, 0, 2, 60));
        round(&mut s, 0);
        for secs in [1, 2, 3] {
            end(&mut s, TaskState::Failed, secs);
            round(&mut s, secs);
        }
        assert!(
            live(&s).is_none(),
            "2 restarts within a minute, then no more"
        );
        assert!(!round(&mut s, 60), "the first restart still counts");
        assert!(
            round(&mut s, 61),
            "a restart leaves the window: one more attempt"
        );
        let t = live(&s).unwrap();
        assert_eq!(t.restarts, [ts(2), ts(61)], "old restarts are dropped");
        end(&mut s, TaskState::Failed, 62);
        assert!(round(&mut s, 62));
        assert_eq!(live(&s).unwrap().restarts, [ts(61), ts(62)]);
        end(&mut s, TaskState::Failed, 63);
        assert!(round(&mut s, 63));
        assert!(live(&s).is_none(), "two restarts in the window again");
    }

    #[test]
    fn a_crashing_task_is_restarted_no_faster_than_the_delay() {
        let mut s = with_policy(policy(RestartCondition::Any, 3, 0, 0));
        round(&mut s, 0);
        let mut starts = vec![0];
        for secs in 1..20 {
            if let Some(t) = live(&s)
                && t.status.state == TaskState::Assigned
            {
                end(&mut s, TaskState::Failed, secs);
            }
            let before = s.tasks.len();
            round(&mut s, secs);
            if s.tasks.len() > before {
                starts.push(secs);
            }
        }
        assert!(starts.windows(2).all(|w| w[1] - w[0] >= 3), "{starts:?}");

        // With no delay, still one new task per round.
        let mut s = with_policy(policy(RestartCondition::Any, 0, 0, 0));
        round(&mut s, 0);
        end(&mut s, TaskState::Failed, 0);
        round(&mut s, 0);
        assert_eq!(s.tasks.len(), 2);
    }

    #[test]
    fn update_starts_the_count_again() {
        let mut s = with_policy(policy(RestartCondition::OnFailure, 0, 1, 0));
        round(&mut s, 0);
        for secs in [1, 2] {
            end(&mut s, TaskState::Failed, secs);
            round(&mut s, secs);
        }
        assert!(live(&s).is_none(), "1 restart, then held");
        let mut spec = s.services["s1"].spec.clone();
        spec.command = vec!["true".into()];
        let update = Command::UpdateService {
            id: "s1".into(),
            spec,
            at: ts(3),
        };
        s.apply(9, &update).unwrap();
        assert!(round(&mut s, 3), "the held slot takes the new template");
        let t = live(&s).unwrap();
        assert!(t.restarts.is_empty() && t.template_version == 9);
        end(&mut s, TaskState::Failed, 4);
        round(&mut s, 4);
        assert!(live(&s).is_some(), "a restart again under the new template");
    }

    #[test]
    fn an_update_of_the_template_replaces_running_tasks_but_a_scale_does_not() {
        let mut s = with_policy(RestartPolicy::default());
        round(&mut s, 0);
        let first = live(&s).unwrap().id.clone();
        let mut spec = s.services["s1"].spec.clone();
        spec.mode = Mode::Replicated { replicas: 2 };
        s.apply(
            5,
            &Command::UpdateService {
                id: "s1".into(),
                spec: spec.clone(),
                at: ts(1),
            },
        )
        .unwrap();
        round(&mut s, 1);
        assert_eq!(s.tasks[&first].desired_state, TaskState::Running);
        spec.restart.max_attempts = 3;
        s.apply(
            6,
            &Command::UpdateService {
                id: "s1".into(),
                spec,
                at: ts(2),
            },
        )
        .unwrap();
        assert_eq!(
            s.tasks[&first].desired_state,
            TaskState::Shutdown,
            "stopped in the same log entry"
        );
        round(&mut s, 2);
        assert_eq!(
            s.tasks.values().filter(|t| t.template_version == 6).count(),
            2
        );
    }

    #[test]
    fn tasks_moved_off_a_down_node_are_no_restarts() {
        use crate::manager::state::NodeState;
        let mut s = state(2, Mode::Replicated { replicas: 1 });
        s.services.get_mut("s1").unwrap().spec.restart = policy(RestartCondition::None, 5, 1, 0);
        round(&mut s, 0);
        let node = live(&s).unwrap().node_id.clone();
        s.nodes.get_mut(&node).unwrap().state = NodeState::Down;
        assert!(round(&mut s, 1));
        let t = live(&s).unwrap();
        assert_ne!(t.node_id, node, "rescheduled at once, whatever the policy");
        assert!(t.restarts.is_empty());
    }
}
