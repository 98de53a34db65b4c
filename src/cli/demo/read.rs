//! What the demo's commands printed, read back: the VIP from `service inspect`, the
//! addresses from getent or dig, the tasks that answered; and a few words for them.

use std::{collections::BTreeMap, net::Ipv4Addr};

use crate::api::types::TaskView;

/// The address of `[{"NetworkID":"...","Addr":"10.0.1.2/24"}]`.
pub(super) fn parse_vip(json: &str) -> Option<Ipv4Addr> {
    let v: serde_json::Value = serde_json::from_str(json.trim()).ok()?;
    v.get(0)?["Addr"].as_str()?.split('/').next()?.parse().ok()
}

/// The IPv4 address that starts each line (getent, dig +short), once each, in order.
pub(super) fn first_ipv4s(text: &str) -> Vec<Ipv4Addr> {
    let mut out: Vec<Ipv4Addr> = Vec::new();
    for ip in text
        .lines()
        .filter_map(|l| l.split_whitespace().next()?.parse().ok())
    {
        if !out.contains(&ip) {
            out.push(ip);
        }
    }
    out
}

/// The task named by each `Task: NAME` line of whoami's answers.
pub(super) fn answering_tasks(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| l.strip_prefix("Task:"))
        .map(|t| t.trim().to_string())
        .collect()
}

/// `my-web.1 (2), my-web.2 (2), my-web.3 (2)`.
pub(super) fn tally(answers: &[String]) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for a in answers {
        *counts.entry(a).or_default() += 1;
    }
    counts
        .iter()
        .map(|(t, n)| format!("{t} ({n})"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `node-1, node-2 and node-3`.
pub(super) fn nodes_of(tasks: &[TaskView]) -> String {
    let mut nodes: Vec<&str> = tasks.iter().map(|t| t.node_name.as_str()).collect();
    nodes.sort();
    nodes.dedup();
    match nodes.split_last() {
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => "no node".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_are_read_back() {
        assert_eq!(
            parse_vip(r#"[{"NetworkID":"ic8h","Addr":"10.0.9.2/24"}]"#),
            Some(Ipv4Addr::new(10, 0, 9, 2))
        );
        assert_eq!(parse_vip("[]"), None);
        assert_eq!(parse_vip("not json"), None);
        let getent = "10.0.9.3        STREAM tasks.my-web\n10.0.9.3        DGRAM  \n\
                      10.0.9.4        STREAM tasks.my-web\n10.0.9.5        RAW    \n";
        assert_eq!(
            first_ipv4s(getent),
            [[10, 0, 9, 3], [10, 0, 9, 4], [10, 0, 9, 5]].map(Ipv4Addr::from)
        );
        assert_eq!(
            first_ipv4s("10.0.9.2        my-web\n"),
            [Ipv4Addr::new(10, 0, 9, 2)]
        );
        assert!(first_ipv4s(";; connection timed out\n").is_empty());
        let answers = answering_tasks("Task: my-web.2\nTask: my-web.1\nTask: my-web.2\n");
        assert_eq!(answers, ["my-web.2", "my-web.1", "my-web.2"]);
        assert_eq!(tally(&answers), "my-web.1 (1), my-web.2 (2)");
    }
}
