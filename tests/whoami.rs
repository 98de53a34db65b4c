//! `shoal whoami`: the test backend answers with task, host, addresses and the client's
//! own address; across lab hosts the client's underlay address arrives unchanged.
#![allow(clippy::unwrap_used)]

mod common;

use std::{
    io::{BufRead, BufReader, Read, Write},
    net::TcpStream,
    process::{Child, Stdio},
};

use common::{Env, Lab, require_root, require_tool};

/// Starts whoami and returns it with the address it reports on stderr.
fn start(mut cmd: std::process::Command) -> (Child, String) {
    let mut child = cmd
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stderr.as_mut().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .trim()
        .strip_prefix("whoami listening on ")
        .unwrap_or_else(|| panic!("{line}"))
        .to_string();
    (child, addr)
}

fn get(addr: &str, path: &str) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(s, "GET {path} HTTP/1.0\r\nHost: x\r\n\r\n").unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out.split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default()
}

#[test]
fn answers_on_loopback_in_text_and_json() {
    let env = Env::new();
    let mut cmd = env
        .shoal(["whoami", "--port", "0", "--bind", "127.0.0.1"])
        .into_command();
    cmd.env("SHOAL_TASK_NAME", "my-web.1");
    let (mut child, addr) = start(cmd);
    let text = get(&addr, "/");
    assert!(text.starts_with("Task: my-web.1\nHostname: "), "{text}");
    assert!(
        text.contains("IP: 127.0.0.1\n") && text.contains("RemoteAddr: 127.0.0.1:"),
        "{text}"
    );
    let json: serde_json::Value = serde_json::from_str(&get(&addr, "/?format=json")).unwrap();
    assert_eq!(json["task"], "my-web.1");
    assert!(
        json["remote_addr"]
            .as_str()
            .unwrap()
            .starts_with("127.0.0.1:")
    );
    let _ = child.kill();
    let _ = child.wait();
}

#[test]
fn a_lab_client_sees_its_own_address_arrive() {
    if !require_root("whoami in the lab") || !require_tool("whoami in the lab", "curl") {
        return;
    }
    let lab = Lab::up(2);
    let (mut child, addr) = start(
        lab.exec(
            "2",
            &[common::bin().to_str().unwrap(), "whoami", "--port", "8080"],
        )
        .into_command(),
    );
    assert_eq!(addr, "0.0.0.0:8080");
    let out = lab
        .exec(
            "1",
            &["curl", "-sS", "--max-time", "5", "http://192.0.2.2:8080/"],
        )
        .ok();
    assert!(out.contains("IP: 192.0.2.2\n"), "{out}");
    assert!(out.contains("RemoteAddr: 192.0.2.1:"), "{out}");
    let _ = child.kill();
    let _ = child.wait();
}
