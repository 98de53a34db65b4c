//! Black-box tests of the CLI frame that need no root: version, completion, global
//! options, contexts and their config file, and the one-line error contract.
#![allow(clippy::unwrap_used)]

mod common;

use common::Env;

#[test]
fn version_names_release_and_commit() {
    let out = Env::new().shoal(["version"]).ok();
    assert!(
        out.contains(&format!("Version:     {}", env!("CARGO_PKG_VERSION"))),
        "{out}"
    );
    assert!(out.contains("Git commit:"), "{out}");
    let out = Env::new().shoal(["--version"]).ok();
    assert_eq!(out.trim(), format!("shoal {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn completion_for_every_shell_and_refuses_others() {
    let env = Env::new();
    for (shell, marker) in [
        ("bash", "complete -F _shoal"),
        ("zsh", "#compdef shoal"),
        ("fish", "complete -c shoal"),
        ("elvish", "edit:completion:arg-completer[shoal]"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let out = env.shoal(["completion", shell]).ok();
        assert!(out.contains(marker), "{shell} script lacks {marker:?}");
    }
    let run = env.shoal(["completion", "nosuchshell"]).output();
    assert_eq!(run.code(), Some(2));
    run.one_line_error("nosuchshell");
}

#[test]
fn unknown_command_and_bad_host_are_one_line_errors() {
    let env = Env::new();
    env.shoal(["frobnicate"])
        .output()
        .one_line_error("frobnicate");
    env.shoal(["-H", "mgr1:2377", "context", "show"])
        .output()
        .one_line_error("invalid host");
    env.shoal(["--host", "ftp://x", "version"])
        .output()
        .one_line_error("unknown scheme");
    env.shoal(["--log-level", "loud", "version"])
        .output()
        .one_line_error("loud");
}

#[test]
fn global_options_parse_everywhere() {
    let env = Env::new();
    for host in [
        "unix:///run/x.sock",
        "ssh://ops@mgr1:2222",
        "tcp://10.1.2.3:2377",
    ] {
        env.shoal(["-H", host, "--log-level", "debug", "version"])
            .ok();
        env.shoal(["version", "--host", host]).ok();
    }
}

#[test]
fn default_context_points_at_local_socket() {
    let env = Env::new();
    let out = env.shoal(["context", "ls"]).ok();
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].starts_with("NAME") && lines[0].contains("ENDPOINT"),
        "{out}"
    );
    assert!(lines[1].starts_with("default *"), "{out}");
    assert!(lines[1].ends_with("unix:///run/shoal/shoal.sock"), "{out}");
    assert_eq!(env.shoal(["context", "show"]).ok().trim(), "default");
    assert!(
        !env.config_file().exists(),
        "listing must not write the config"
    );
}

#[test]
fn context_create_use_inspect_rm() {
    let env = Env::new();
    env.shoal([
        "context",
        "create",
        "prod",
        "--endpoint",
        "ssh://ops@mgr1",
        "--description",
        "EU",
    ])
    .ok();
    env.shoal([
        "context",
        "create",
        "lab",
        "--endpoint",
        "unix:///run/shoal/lab/l/node-1/api.sock",
    ])
    .ok();
    env.shoal(["context", "create", "prod", "--endpoint", "tcp://x"])
        .output()
        .one_line_error("exists already");
    env.shoal(["context", "create", "bad name", "--endpoint", "tcp://x"])
        .output()
        .one_line_error("invalid context name");
    env.shoal(["context", "create", "x", "--endpoint", "http://x"])
        .output()
        .one_line_error("invalid host");

    assert_eq!(env.shoal(["context", "use", "prod"]).ok().trim(), "prod");
    let text = std::fs::read_to_string(env.config_file()).unwrap();
    assert!(text.contains("current-context: prod"), "{text}");

    let names = env.shoal(["context", "ls", "-q"]).ok();
    assert_eq!(names, "default\nprod\nlab\n");
    let fmt = env
        .shoal(["context", "ls", "--format", "{{.Name}} {{.Current}}"])
        .ok();
    assert_eq!(fmt, "default false\nprod true\nlab false\n");

    let json: serde_json::Value =
        serde_json::from_str(&env.shoal(["context", "inspect"]).ok()).unwrap();
    assert_eq!(json[0]["Name"], "prod");
    assert_eq!(json[0]["Endpoint"], "ssh://ops@mgr1");
    let via_flag = env
        .shoal([
            "-c",
            "lab",
            "context",
            "inspect",
            "--format",
            "{{.Endpoint}}",
        ])
        .ok();
    assert_eq!(via_flag.trim(), "unix:///run/shoal/lab/l/node-1/api.sock");
    let via_env = env
        .shoal(["context", "show"])
        .env("SHOAL_CONTEXT", "lab")
        .ok();
    assert_eq!(via_env.trim(), "lab");

    env.shoal(["context", "rm", "prod"])
        .output()
        .one_line_error("current context");
    env.shoal(["context", "rm", "default"])
        .output()
        .one_line_error("built in");
    // All or nothing: one bad name removes none.
    env.shoal(["context", "rm", "lab", "nosuch"])
        .output()
        .one_line_error("nosuch");
    assert!(env.shoal(["context", "ls", "-q"]).ok().contains("lab"));
    env.shoal(["context", "rm", "-f", "prod", "lab"]).ok();
    assert_eq!(env.shoal(["context", "ls", "-q"]).ok(), "default\n");
    assert_eq!(env.shoal(["context", "show"]).ok().trim(), "default");
}

#[test]
fn missing_context_is_one_line_error() {
    let env = Env::new();
    env.shoal(["context", "use", "nosuch"])
        .output()
        .one_line_error("context \"nosuch\" does not exist");
    env.shoal(["-c", "nosuch", "context", "show"])
        .output()
        .one_line_error("does not exist");
    assert!(
        !env.config_file().exists(),
        "a failed command wrote the config"
    );
}

#[test]
fn corrupt_config_names_file_and_line_and_is_kept() {
    let env = Env::new();
    let path = env.config_file();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let bad = "current-context: prod\ncontexts:\n  - name: prod\n    host: tcp://mgr\n   oops: [\n";
    std::fs::write(&path, bad).unwrap();
    for args in [
        vec!["context", "ls"],
        vec!["context", "use", "default"],
        vec!["context", "create", "x", "--endpoint", "tcp://y"],
    ] {
        let err = env.shoal(&args).output().one_line_error("corrupt config");
        assert!(err.contains(path.to_str().unwrap()), "{err}");
        assert!(err.contains("line 5"), "{err}");
    }
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        bad,
        "the corrupt file was overwritten"
    );
}
