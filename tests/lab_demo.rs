//! `shoal lab demo` on a 3-node lab (root): the seed's walkthrough as a tutorial. Each
//! step's command is printed as typed and runs again as printed; DNS answers are checked
//! against `service inspect`; the clean-up leaves nothing, `--keep` leaves it all, and
//! the demo refuses a missing or bare lab and names that are taken.
//! The six answers through the VIP come from the three tasks. (`VIP_BALANCER` false
//! checks the demo's diagnosis when connections to the VIP fail: the tasks answering
//! directly while the VIP does not.)
#![allow(clippy::unwrap_used)]

mod common;

use std::{collections::BTreeSet, process::Command};

use common::{Lab, require_root};

/// Whether connections to a VIP reach the service's tasks (src/agent/lb).
const VIP_BALANCER: bool = true;

const STEP4_FAILED: &str = "step 4 (find and reach my-web from the client) failed";

/// The command lines the transcript shows, without the `$ `.
fn commands(transcript: &str) -> Vec<String> {
    transcript
        .lines()
        .filter_map(|l| l.strip_prefix("$ "))
        .map(str::to_string)
        .collect()
}

/// What the transcript shows after `$ LINE`, up to the next command or comment.
fn output_of(transcript: &str, line: &str) -> String {
    let mut lines = transcript.lines().skip_while(|l| *l != format!("$ {line}"));
    lines.next().unwrap_or_else(|| panic!("{line:?} not run"));
    lines
        .take_while(|l| !l.starts_with("$ ") && !l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect()
}

/// Runs a printed command line in a shell, the way a user pastes it, with this build
/// of shoal first on PATH and the lab's config.
fn as_typed(lab: &Lab, line: &str) -> String {
    let bin_dir = common::bin().parent().unwrap();
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap());
    let out = Command::new("sh")
        .args(["-c", line])
        .env("PATH", path)
        .env("XDG_CONFIG_HOME", lab.env.dir.path())
        .env_remove("SHOAL_CONTEXT")
        .env_remove("SHOAL_HOST")
        .output()
        .unwrap();
    assert!(out.status.success(), "{line}: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// The tasks named by whoami's `Task:` lines.
fn answering(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| l.strip_prefix("Task: "))
        .map(str::to_string)
        .collect()
}

/// Checks the exit and the step 4 outcome of one demo run; returns stdout.
fn check_outcome(run: common::Run) -> String {
    let out = run.stdout();
    if VIP_BALANCER {
        let out = run.success().stdout();
        let fetched = answering(&out);
        assert_eq!(fetched.len(), 6, "{out}");
        let tasks: BTreeSet<&String> = fetched.iter().collect();
        assert_eq!(tasks.len(), 3, "round-robin over the 3 tasks: {fetched:?}");
        assert!(fetched.iter().all(|t| t.starts_with("my-web.")), "{out}");
        assert!(out.contains("6 answers through the VIP"), "{out}");
    } else {
        let err = run.one_line_error(STEP4_FAILED);
        assert!(err.contains("through the VIP"), "{err}");
        assert!(
            err.contains("answers directly, so the VIP's load balancer did not pass"),
            "the tasks answer at their own addresses: {err}"
        );
        assert!(out.contains("# FAILED: GET http://my-web/"), "{out}");
    }
    out
}

#[test]
fn lab_demo_walks_through_the_seed_and_cleans_up_unless_kept() {
    if !require_root("lab demo") {
        return;
    }
    let bare = Lab::up(1);
    bare.shoal(["lab", "demo", "--name", &bare.name])
        .output()
        .one_line_error("is bare (no cluster)");
    let lab = Lab::cluster(3);
    lab.shoal(["lab", "demo", "--name", "nosuchlab"])
        .output()
        .one_line_error("no lab is running: lab \"nosuchlab\" does not exist");

    let out = check_outcome(lab.shoal(["lab", "demo", "--name", &lab.name]).output());
    let bin = common::bin().to_str().unwrap();
    let expected = [
        "shoal network create -d overlay my-network".to_string(),
        "shoal network ls".into(),
        format!(
            "shoal service create --replicas 3 --name my-web --network my-network {bin} whoami"
        ),
        "shoal service ps my-web".into(),
        "shoal service create --name my-client --network my-network sleep infinity".into(),
        "shoal service ps my-client".into(),
        "shoal service inspect --format '{{json .Endpoint.VirtualIPs}}' my-web".into(),
        "shoal exec my-client.1 -- getent hosts my-web".into(),
    ];
    let ran = commands(&out);
    assert_eq!(ran[..expected.len()], expected, "{out}");
    assert!(
        ran.iter()
            .any(|c| c.starts_with("shoal exec my-client.1 -- sh -c 'for i in 1 2 3 4 5 6; do ")),
        "{out}"
    );
    assert_eq!(
        ran[ran.len() - 2..],
        [
            "shoal service rm my-web my-client",
            "shoal network rm my-network"
        ],
        "clean-up, also after a failed step: {out}"
    );
    for n in 1..=5 {
        assert!(
            out.contains(&format!("==> Step {n}/5: ")),
            "step {n}: {out}"
        );
    }
    assert!(out.contains("service inspect shows; they match."), "{out}");
    let tasks_line = out
        .lines()
        .find(|l| l.starts_with("# tasks.my-web gives the 3 tasks' own addresses"))
        .unwrap();
    let addrs: BTreeSet<std::net::Ipv4Addr> = tasks_line
        .split([' ', ','])
        .filter_map(|w| w.parse().ok())
        .collect();
    assert_eq!(addrs.len(), 3, "{tasks_line}");
    assert_eq!(lab.shoal(["service", "ls", "-q"]).ok(), "", "{out}");
    assert_eq!(lab.shoal(["network", "ls", "-q"]).ok(), "", "{out}");

    // --keep: everything stays, and the printed commands run again as printed.
    let out = check_outcome(
        lab.shoal(["lab", "demo", "--name", &lab.name, "--keep"])
            .output(),
    );
    assert!(
        out.contains("==> Step 5/5: clean up (skipped: --keep)"),
        "{out}"
    );
    let services = lab
        .shoal(["service", "ls", "--format", "{{.Name}} {{.Replicas}}"])
        .ok();
    assert_eq!(services, "my-client 1/1\nmy-web 3/3\n");
    assert_eq!(
        lab.shoal(["network", "ls", "--format", "{{.Name}}"]).ok(),
        "my-network\n"
    );
    for line in [
        "shoal service inspect --format '{{json .Endpoint.VirtualIPs}}' my-web",
        "shoal exec my-client.1 -- getent hosts my-web",
    ] {
        assert_eq!(as_typed(&lab, line), output_of(&out, line), "{line}");
    }

    // HTTP from the client to each task's own address, with curl and with shoal's own
    // client: the fetch the demo makes through the VIP, minus the balancer.
    let ips = lab
        .shoal([
            "exec",
            "my-client.1",
            "--",
            "getent",
            "ahostsv4",
            "tasks.my-web",
        ])
        .ok();
    let ips: BTreeSet<&str> = ips
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(ips.len(), 3, "{ips:?}");
    let mut answered = BTreeSet::new();
    for ip in &ips {
        let url = format!("http://{ip}/");
        let curl = lab
            .shoal(["exec", "my-client.1", "--", "curl", "-sS", "-m", "5", &url])
            .ok();
        let own = lab
            .shoal(["exec", "my-client.1", "--", bin, "whoami", "--get", &url])
            .ok();
        assert_eq!(answering(&curl), answering(&own), "{curl}\n{own}");
        answered.extend(answering(&curl));
    }
    assert_eq!(answered.len(), 3, "{answered:?}");
    lab.shoal([
        "exec",
        "my-client.1",
        "--",
        bin,
        "whoami",
        "--get",
        "http://nosuch/",
    ])
    .output()
    .one_line_error("cannot resolve nosuch");

    // Taken names: refused, and nothing changes.
    let ids = lab.shoal(["service", "ls", "-q"]).ok();
    lab.shoal(["lab", "demo", "--name", &lab.name])
        .output()
        .one_line_error("my-network, my-web, my-client already exist");
    assert_eq!(lab.shoal(["service", "ls", "-q"]).ok(), ids);
}
