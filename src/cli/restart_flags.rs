//! Docker's restart-policy and stop-grace-period flags, which `service create` and
//! `service update` share. Values are checked while parsing, so a bad one is a usage
//! error naming the flag and value, and nothing reaches the manager.

use std::time::Duration;

use clap::{Args, ValueEnum};

use crate::{
    api::{duration, types::RestartPolicyRequest},
    manager::objects::RestartCondition,
};

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ConditionArg {
    Any,
    OnFailure,
    None,
}

impl From<ConditionArg> for RestartCondition {
    fn from(c: ConditionArg) -> Self {
        match c {
            ConditionArg::Any => RestartCondition::Any,
            ConditionArg::OnFailure => RestartCondition::OnFailure,
            ConditionArg::None => RestartCondition::None,
        }
    }
}

/// Left out, a flag keeps the service's value (on create, Swarm's default).
#[derive(Debug, Args)]
pub struct RestartFlags {
    /// When to restart a task that ended (new services: any)
    #[arg(long, value_enum, value_name = "CONDITION")]
    restart_condition: Option<ConditionArg>,
    /// Delay between restart attempts (ns|us|ms|s|m|h) (new services: 5s)
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, allow_hyphen_values = true)]
    restart_delay: Option<Duration>,
    /// Maximum number of restarts before giving up (new services: 0, unlimited)
    #[arg(long, value_name = "N", value_parser = parse_attempts, allow_hyphen_values = true)]
    restart_max_attempts: Option<u64>,
    /// Window used to evaluate the restart policy (ns|us|ms|s|m|h) (new services: 0, unbounded)
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, allow_hyphen_values = true)]
    restart_window: Option<Duration>,
    /// Time to wait before force killing a task (ns|us|ms|s|m|h) (new services: 10s)
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, allow_hyphen_values = true)]
    stop_grace_period: Option<Duration>,
}

fn parse_duration(s: &str) -> Result<Duration, String> {
    duration::parse(s).map_err(|e| e.to_string())
}

fn parse_attempts(s: &str) -> Result<u64, String> {
    s.parse()
        .map_err(|_| "use a whole number, 0 or more (0: unlimited)".to_string())
}

impl RestartFlags {
    /// The request's restart policy and stop grace period.
    pub fn request(&self) -> (RestartPolicyRequest, Option<Duration>) {
        let policy = RestartPolicyRequest {
            condition: self.restart_condition.map(Into::into),
            delay: self.restart_delay,
            max_attempts: self.restart_max_attempts,
            window: self.restart_window,
        };
        (policy, self.stop_grace_period)
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    #[derive(Debug, Parser)]
    struct Cmd {
        #[command(flatten)]
        flags: RestartFlags,
    }

    fn parse(args: &[&str]) -> Result<(RestartPolicyRequest, Option<Duration>), String> {
        let argv = std::iter::once("x").chain(args.iter().copied());
        Cmd::try_parse_from(argv)
            .map(|c| c.flags.request())
            .map_err(|e| e.to_string())
    }

    #[test]
    fn flags_become_a_typed_request() {
        let (policy, grace) = parse(&[
            "--restart-condition",
            "on-failure",
            "--restart-delay",
            "1m30s",
            "--restart-max-attempts",
            "2",
            "--restart-window=500ms",
            "--stop-grace-period",
            "0",
        ])
        .unwrap();
        let want = RestartPolicyRequest {
            condition: Some(RestartCondition::OnFailure),
            delay: Some(Duration::from_secs(90)),
            max_attempts: Some(2),
            window: Some(Duration::from_millis(500)),
        };
        assert_eq!((policy, grace), (want, Some(Duration::ZERO)));
        assert_eq!(parse(&[]).unwrap(), (RestartPolicyRequest::default(), None));
    }

    #[test]
    fn bad_values_name_the_flag_and_the_value() {
        for (args, flag, value, why) in [
            (
                ["--restart-condition", "sometimes"],
                "--restart-condition",
                "sometimes",
                "possible values: any, on-failure, none",
            ),
            (
                ["--restart-delay", "-5s"],
                "--restart-delay",
                "-5s",
                "cannot be negative",
            ),
            (
                ["--restart-window", "soon"],
                "--restart-window",
                "soon",
                "not a duration",
            ),
            (
                ["--stop-grace-period", "10"],
                "--stop-grace-period",
                "10",
                "missing unit",
            ),
            (
                ["--restart-max-attempts", "-1"],
                "--restart-max-attempts",
                "-1",
                "a whole number",
            ),
            (
                ["--restart-max-attempts", "two"],
                "--restart-max-attempts",
                "two",
                "a whole number",
            ),
        ] {
            let err = parse(&args).unwrap_err();
            assert!(
                err.contains(&format!("invalid value '{value}' for '{flag} <"))
                    && err.contains(why),
                "{err}"
            );
        }
    }
}
