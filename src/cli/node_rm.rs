//! `node rm --force`: remove nodes from the cluster and, for nodes that `node add`
//! installed (recorded beside the contexts), take them off their hosts over SSH:
//! stop the agent, clear its tasks and namespaces, remove its unit, data dir and the
//! binary it uploaded. A node whose host cleanup failed keeps its record, so running
//! the same command again retries the cleanup.

use std::{process::ExitCode, sync::Arc};

use anyhow::Result;

use super::path_escape;
use crate::{
    api::{client::Client, types::*},
    context::Store,
    ssh::{
        Request, Session,
        record::{NodeRecord, Records},
        remote::Remote,
        target,
        uninstall::{self, Removal},
    },
};

pub async fn remove_force(api: &Client, refs: &[String]) -> Result<ExitCode> {
    let records = Records::beside(Store::from_env()?.path());
    let info: Info = api.get("/v1/info").await?;
    let cluster = info.cluster_id.unwrap_or_default();
    let (records, cluster) = (&records, cluster.as_str());
    Ok(super::api::each(refs, |r| async move {
        remove_one(api, records, cluster, &r).await
    })
    .await)
}

async fn remove_one(api: &Client, records: &Records, cluster: &str, r: &str) -> Result<()> {
    let path = format!("/v1/nodes/{}", path_escape(r));
    let record = match api.get::<NodeView>(&path).await {
        Ok(view) => {
            let record = records.find(cluster, &view.id)?;
            api.delete::<String>(&format!("{path}?force=true")).await?;
            println!("{r}");
            record
        }
        // Gone from the cluster already: a host cleanup that failed before is retried.
        Err(e) => match records.find(cluster, r)? {
            Some(rec) => Some(rec),
            None => return Err(e.into()),
        },
    };
    let Some(record) = record else {
        return Ok(());
    };
    match take_off_host(&record).await {
        Ok(()) => {
            records.forget(|n| n.cluster_id == record.cluster_id && n.node_id == record.node_id)?;
            eprintln!(
                "{r}: stopped its agent and removed it from {}",
                record.target
            );
            Ok(())
        }
        Err(e) => anyhow::bail!(
            "{r}: removed from the cluster, but not from its host {}: {e} (run the same command again to retry)",
            record.target
        ),
    }
}

/// Connects as `node add` did and removes what it installed.
async fn take_off_host(rec: &NodeRecord) -> Result<(), crate::ssh::SshError> {
    let req = Request {
        target: rec.target.clone(),
        user: Some(rec.user.clone()),
        port: Some(rec.port),
        identity: rec.identity.clone(),
        config: rec.ssh_config.clone(),
        accept_new: false,
    };
    let session = Arc::new(Session::connect(target::resolve(&req)?).await?);
    let remote = Remote {
        session: session.clone(),
        sudo: rec.sudo,
    };
    let what = Removal {
        data_dir: true,
        binary: rec.uploaded,
    };
    let r = uninstall::remove(&remote, &rec.layout, Some(rec.supervisor), what).await;
    session.close().await;
    r
}
