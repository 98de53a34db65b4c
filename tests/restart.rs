//! Restart policies on a one-node lab (root): `none` leaves a completed task alone,
//! `on-failure` with `--restart-max-attempts 2` gives a crashing command two restarts
//! and no more, `service inspect` shows Docker's RestartPolicy, and bad flags or API
//! bodies are refused whole.
#![allow(clippy::unwrap_used)]

mod common;

use std::time::Duration;

use common::{Lab, require_root, require_tool, wait_until};

/// `service ps` rows as (name, desired state, current state word, error).
fn ps(lab: &Lab, svc: &str) -> Vec<Vec<String>> {
    let fmt = "{{.Name}}|{{.DesiredState}}|{{.CurrentState}}|{{.Error}}";
    lab.ps(svc, fmt)
        .into_iter()
        .map(|mut r| {
            r[2] = r[2]
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_string();
            r
        })
        .collect()
}

fn create(lab: &Lab, args: &[&str]) {
    lab.shoal(["service", "create", "-d"]).args(args).ok();
}

fn inspect(lab: &Lab, svc: &str, template: &str) -> String {
    let out = lab
        .shoal(["service", "inspect", "--format", template, svc])
        .ok();
    out.trim().to_string()
}

#[test]
fn restart_policies_hold_slots_and_limit_attempts() {
    if !require_root("restart policies") {
        return;
    }
    let lab = Lab::cluster(1);
    bad_flags_create_and_change_nothing(&lab);

    create(
        &lab,
        &[
            "--name",
            "once",
            "--restart-condition",
            "none",
            "--restart-delay",
            "1s",
            "true",
        ],
    );
    create(
        &lab,
        &[
            "--name",
            "crash",
            "--restart-condition",
            "on-failure",
            "--restart-max-attempts",
            "2",
            "--restart-delay",
            "1s",
            "--stop-grace-period",
            "20s",
            "sh",
            "-c",
            "exit 3",
        ],
    );

    let done = vec!["once.1", "Shutdown", "Complete", ""];
    wait_until("once to complete", Duration::from_secs(20), || {
        (ps(&lab, "once") == [done.clone()]).then_some(())
    });
    fn failed(name: &str) -> Vec<&str> {
        vec![name, "Shutdown", "Failed", "task: non-zero exit (3)"]
    }
    let three = vec![
        failed("crash.1"),
        failed(" \\_ crash.1"),
        failed(" \\_ crash.1"),
    ];
    wait_until("crash to fail 3 times", Duration::from_secs(30), || {
        (ps(&lab, "crash") == three).then_some(())
    });
    // Past the delay and a few orchestrator rounds (every 2 s): nothing new.
    std::thread::sleep(Duration::from_secs(4));
    assert_eq!(ps(&lab, "once"), [done], "a none task is never replaced");
    assert_eq!(
        ps(&lab, "crash"),
        three,
        "1 task + 2 restarts, then no more"
    );
    let ls = lab
        .shoal(["service", "ls", "--format", "{{.Name}} {{.Replicas}}"])
        .ok();
    assert_eq!(ls, "crash 0/1\nonce 0/1\n");

    assert_eq!(
        inspect(&lab, "crash", "{{json .Spec.TaskTemplate.RestartPolicy}}"),
        r#"{"Condition":"on-failure","Delay":1000000000,"MaxAttempts":2}"#
    );
    assert_eq!(
        inspect(
            &lab,
            "crash",
            "{{json .Spec.TaskTemplate.ContainerSpec.StopGracePeriod}}"
        ),
        "20000000000"
    );
    assert_eq!(
        inspect(
            &lab,
            "once",
            "{{json .Spec.TaskTemplate.ContainerSpec.StopGracePeriod}}"
        ),
        "10000000000",
        "Docker's default"
    );

    lab.shoal([
        "service",
        "update",
        "-d",
        "--restart-window",
        "1m30s",
        "once",
    ])
    .ok();
    assert_eq!(
        inspect(&lab, "once", "{{json .Spec.TaskTemplate.RestartPolicy}}"),
        r#"{"Condition":"none","Delay":1000000000,"MaxAttempts":0,"Window":90000000000}"#
    );
    // A new task template: the held slot gets a task of it, which completes in turn.
    wait_until("once to run again", Duration::from_secs(20), || {
        let rows = ps(&lab, "once");
        (rows.len() == 2 && rows[0][1..3] == ["Shutdown", "Complete"]).then_some(())
    });
    api_refuses_bad_policies(&lab);
}

fn bad_flags_create_and_change_nothing(lab: &Lab) {
    let cases: &[(&[&str], &str)] = &[
        (
            &["--restart-condition", "sometimes"],
            "'sometimes' for '--restart-condition",
        ),
        (&["--restart-delay", "-5s"], "'-5s' for '--restart-delay"),
        (&["--restart-delay", "soon"], "'soon' for '--restart-delay"),
        (&["--restart-window", "5d"], "'5d' for '--restart-window"),
        (
            &["--restart-max-attempts", "two"],
            "'two' for '--restart-max-attempts",
        ),
        (
            &["--restart-max-attempts", "-1"],
            "'-1' for '--restart-max-attempts",
        ),
        (
            &["--stop-grace-period", "10"],
            "'10' for '--stop-grace-period",
        ),
    ];
    for (flags, expect) in cases {
        lab.shoal(["service", "create", "-d", "--name", "bad"])
            .args(*flags)
            .args(["true"])
            .output()
            .one_line_error(expect);
    }
    assert_eq!(
        lab.shoal(["service", "ls", "-q"]).ok(),
        "",
        "nothing created"
    );

    create(lab, &["--name", "keep", "true"]);
    let before = inspect(lab, "keep", "{{json .Spec}} {{.Version.Index}}");
    for (flags, expect) in cases {
        lab.shoal(["service", "update", "-d"])
            .args(*flags)
            .args(["keep"])
            .output()
            .one_line_error(expect);
    }
    assert_eq!(
        inspect(lab, "keep", "{{json .Spec}} {{.Version.Index}}"),
        before
    );
    lab.shoal(["service", "rm", "keep"]).ok();
}

/// The API is strict JSON: a bad policy is a 400 naming it, and nothing is created.
fn api_refuses_bad_policies(lab: &Lab) {
    if !require_tool("restart policies", "curl") {
        return;
    }
    let sock = format!("/run/shoal/lab/{}/node-1/shoal.sock", lab.name);
    let post = |extra: &str| {
        let body = format!(r#"{{"name":"api","command":["true"],{extra}}}"#);
        let out = std::process::Command::new("curl")
            .args([
                "-sS",
                "--unix-socket",
                &sock,
                "-H",
                "content-type: application/json",
            ])
            .args([
                "-w",
                "\n%{http_code}",
                "-d",
                &body,
                "http://shoal/v1/services",
            ])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    for (extra, expect) in [
        (
            r#""restart":{"condition":"sometimes"}"#,
            "unknown variant `sometimes`",
        ),
        (
            r#""restart":{"delay":"-5s"}"#,
            "a duration cannot be negative",
        ),
        (r#""restart":{"max_attempts":-1}"#, "max_attempts"),
        (r#""restart":{"windows":"1s"}"#, "unknown field `windows`"),
        (r#""stop_grace_period":10"#, "stop_grace_period"),
    ] {
        let out = post(extra);
        assert!(
            out.ends_with("\n400") && out.contains(expect),
            "{extra}: {out}"
        );
    }
    let ls = lab.shoal(["service", "ls", "--format", "{{.Name}}"]).ok();
    assert_eq!(ls, "crash\nonce\n", "the API created nothing");
}
