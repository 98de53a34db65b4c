//! Dynamic shell completion of object names (networks, services, nodes), asked of the
//! API of the current context while the shell completes. Quick or nothing: a short
//! connect timeout, and no candidates when no manager answers.

use std::time::Duration;

use clap_complete::engine::CompletionCandidate;

use crate::{api::client::Client, context};

/// Names at `field` (a JSON pointer) of each item that `GET path` returns.
fn names(path: &str, field: &str) -> Vec<CompletionCandidate> {
    let fetch = async {
        let config = context::Store::from_env().ok()?.load().ok()?;
        let host = std::env::var("SHOAL_HOST")
            .ok()
            .and_then(|h| h.parse().ok());
        let ctx = std::env::var("SHOAL_CONTEXT").ok();
        let target = context::resolve(&config, host.as_ref(), ctx.as_deref()).ok()?;
        let client = Client::for_endpoint(&target.endpoint)
            .ok()?
            .with_connect_timeout(Duration::from_millis(500));
        let items: Vec<serde_json::Value> =
            tokio::time::timeout(Duration::from_secs(2), client.get(path))
                .await
                .ok()?
                .ok()?;
        Some(
            items
                .iter()
                .filter_map(|v| v.pointer(field)?.as_str().map(str::to_string))
                .collect::<Vec<_>>(),
        )
    };
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build();
    let found = rt
        .ok()
        .and_then(|rt| rt.block_on(fetch))
        .unwrap_or_default();
    found.into_iter().map(CompletionCandidate::new).collect()
}

pub fn networks() -> Vec<CompletionCandidate> {
    names("/v1/networks", "/Name")
}

pub fn services() -> Vec<CompletionCandidate> {
    names("/v1/services", "/Spec/Name")
}

pub fn nodes() -> Vec<CompletionCandidate> {
    names("/v1/nodes", "/Description/Hostname")
}

pub fn tasks() -> Vec<CompletionCandidate> {
    names("/v1/tasks", "/Name")
}
