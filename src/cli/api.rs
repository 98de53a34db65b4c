//! How commands reach the API: resolve the endpoint from `--host`/`--context`, open a
//! client, and run the async call on a small runtime.

use std::{future::Future, process::ExitCode};

use anyhow::{Context as _, Result};

use super::GlobalOpts;
use crate::{
    api::{Endpoint, client::Client},
    context::{self, Store},
};

/// The endpoint in force for this invocation.
pub fn endpoint(g: &GlobalOpts) -> Result<Endpoint> {
    let config = Store::from_env()?.load()?;
    Ok(context::resolve(&config, g.host.as_ref(), g.context.as_deref())?.endpoint)
}

pub fn client(g: &GlobalOpts) -> Result<Client> {
    Ok(Client::for_endpoint(&endpoint(g)?)?)
}

/// Runs `fut` to completion on a single-threaded runtime.
pub fn block_on<T>(fut: impl Future<Output = Result<T>>) -> Result<T> {
    run_on(tokio::runtime::Builder::new_current_thread(), fut)
}

/// Runs `fut` to completion on a runtime with a worker thread per core.
pub fn block_on_all_cores<T>(fut: impl Future<Output = Result<T>>) -> Result<T> {
    run_on(tokio::runtime::Builder::new_multi_thread(), fut)
}

fn run_on<T>(
    mut runtime: tokio::runtime::Builder,
    fut: impl Future<Output = Result<T>>,
) -> Result<T> {
    runtime
        .enable_all()
        .build()
        .context("cannot start the async runtime")?
        .block_on(fut)
}

/// `DELETE` each of `refs` under `base` (`/v1/nodes`), printing each one removed as
/// Docker does; every one is tried, and any failure makes the exit code 1.
pub async fn remove_each(
    api: &Client,
    base: &str,
    refs: &[String],
    query: &str,
) -> Result<ExitCode> {
    Ok(each(refs, |r| async move {
        api.delete::<String>(&format!("{base}/{}{query}", super::path_escape(&r)))
            .await?;
        println!("{r}");
        Ok(())
    })
    .await)
}

/// Runs `one` for each of `refs` in order: every one is tried, each failure is an
/// `error:` line, and any failure makes the exit code 1.
pub async fn each<F, Fut>(refs: &[String], mut one: F) -> ExitCode
where
    F: FnMut(String) -> Fut,
    Fut: Future<Output = Result<()>>,
{
    let mut failed = false;
    for r in refs {
        if let Err(e) = one(r.clone()).await {
            eprintln!("error: {e}");
            failed = true;
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// `GET base/REF` (plus `query`, e.g. `?verbose=true`) for each reference, in order
/// (for `inspect`).
pub async fn get_each<T: serde::de::DeserializeOwned>(
    api: &Client,
    base: &str,
    refs: &[String],
    query: &str,
) -> Result<Vec<T>> {
    let mut out = Vec::with_capacity(refs.len());
    for r in refs {
        out.push(
            api.get(&format!("{base}/{}{query}", super::path_escape(r)))
                .await?,
        );
    }
    Ok(out)
}
