//! Docker-style convergence progress for `service create/scale/update`, on stderr and
//! only on a terminal: `overall progress: 2 out of 3 tasks`, one bar per slot showing
//! its task's state, then `verify: Service my-web converged`. Interrupting leaves the
//! service converging in the background, as Docker does.

use std::{collections::BTreeMap, io::IsTerminal, time::Duration};

use anyhow::Result;
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::path_escape;
use crate::api::{
    client::Client,
    types::{ServiceView, TaskView},
};

/// The states a task passes on its way to running, as bar positions.
const STAGES: &[&str] = &[
    "new",
    "pending",
    "assigned",
    "accepted",
    "preparing",
    "ready",
    "starting",
    "running",
];

fn stage(state: &str) -> u64 {
    STAGES
        .iter()
        .position(|s| *s == state)
        .map_or(0, |p| p as u64 + 1)
}

fn style(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template)
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ")
}

/// Follows `service` until all its tasks run. Returns at once when stderr is not a
/// terminal, so scripts are never held up.
pub async fn converge(api: &Client, service: &str) -> Result<()> {
    if !std::io::stderr().is_terminal() {
        return Ok(());
    }
    let mp = MultiProgress::with_draw_target(ProgressDrawTarget::stderr());
    let overall =
        mp.add(ProgressBar::new(0).with_style(style("overall progress: {pos} out of {len} tasks")));
    let mut bars: BTreeMap<String, ProgressBar> = BTreeMap::new();
    let path = path_escape(service);
    let interrupted = tokio::signal::ctrl_c();
    tokio::pin!(interrupted);
    loop {
        let svc: ServiceView = api.get(&format!("/v1/services/{path}")).await?;
        let tasks: Vec<TaskView> = api.get(&format!("/v1/tasks?service={path}")).await?;
        let live: Vec<&TaskView> = tasks
            .iter()
            .filter(|t| t.desired_state == "running")
            .collect();
        let desired = svc.replicas_desired as usize;
        let running = live.iter().filter(|t| t.status.state == "running").count();
        overall.set_length(desired as u64);
        overall.set_position(running as u64);
        for (i, t) in live.iter().enumerate() {
            let key = t.name.clone();
            let bar = bars.entry(key).or_insert_with(|| {
                let b = mp.add(ProgressBar::new(STAGES.len() as u64));
                b.set_style(style("{prefix}: {msg:10} [{bar:50}]"));
                b.set_prefix(format!("{}/{desired}", i + 1));
                b
            });
            bar.set_position(stage(&t.status.state));
            bar.set_message(t.status.state.clone());
        }
        if desired > 0 && running == desired && live.len() == desired {
            overall.finish();
            bars.values().for_each(ProgressBar::finish);
            mp.println(format!("verify: Service {service} converged"))?;
            return Ok(());
        }
        tokio::select! {
            _ = &mut interrupted => {
                mp.clear()?;
                eprintln!("Operation continuing in background.\nUse `shoal service ps {service}` to check progress.");
                return Ok(());
            }
            _ = tokio::time::sleep(Duration::from_millis(300)) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_run_from_new_to_running() {
        assert_eq!(stage("new"), 1);
        assert_eq!(stage("accepted"), 4);
        assert_eq!(stage("running"), STAGES.len() as u64);
        assert_eq!(stage("failed"), 0);
    }
}
