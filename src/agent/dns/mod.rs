//! The DNS server at 127.0.0.11 in every task: service discovery as Swarm's embedded
//! resolver does it. One table (`records`, pure) built from this node's assignments
//! and gossip's endpoints, swapped in whole when either changes; one decision per
//! query (`query`, pure); names outside the cluster go upstream (`upstream`); UDP and
//! TCP listeners opened inside each task's namespace and served by the agent's runtime
//! (`server`). The VIP balancers (`agent::lb`) follow the same table.

mod batch;
pub mod query;
pub mod records;
pub mod server;
pub mod upstream;

use std::{
    collections::HashMap,
    net::SocketAddr,
    path::PathBuf,
    sync::{Arc, Mutex, RwLock},
};

use tokio::task::JoinHandle;

use self::records::Table;
use super::{
    gossip::{Endpoint, Remote},
    lb::Lb,
};
use crate::api::types::Assignments;

/// What a query needs: the current table and where to forward.
pub struct Shared {
    table: RwLock<Arc<Table>>,
    pub upstreams: Vec<SocketAddr>,
}

impl Shared {
    pub fn new(table: Table, upstreams: Vec<SocketAddr>) -> Arc<Shared> {
        Arc::new(Shared {
            table: RwLock::new(Arc::new(table)),
            upstreams,
        })
    }

    /// The table as it is now (queries never wait for a rebuild).
    pub fn table(&self) -> Arc<Table> {
        match self.table.read() {
            Ok(t) => t.clone(),
            Err(p) => p.into_inner().clone(),
        }
    }

    fn set(&self, t: Arc<Table>) {
        match self.table.write() {
            Ok(mut g) => *g = t,
            Err(p) => *p.into_inner() = t,
        }
    }
}

#[derive(Default)]
struct Inputs {
    assignments: Option<Assignments>,
    local: Vec<Endpoint>,
    remote: Remote,
}

/// The node's DNS: its table and the listeners of its tasks.
///
/// The listeners are served on a thread of their own (a current-thread runtime): a
/// query is received, answered and sent by one thread woken once. On the agent's
/// multi-thread runtime, a query woke a second worker more often than not (0.57
/// context switches and 2.35 system calls per query against unbound's 0.15 and 2.03
/// in bench/dns.sh, 10 us of CPU per query against 5.5), and the agent's other work
/// could delay answers; here it is 0.05 and 2.02, 6.4 us.
pub struct Dns {
    /// Where the data plane pins tasks' namespaces (`task-<id>`).
    netns_dir: PathBuf,
    search: Vec<String>,
    shared: Arc<Shared>,
    inputs: Mutex<Inputs>,
    served: Mutex<HashMap<String, Vec<JoinHandle<()>>>>,
    rt: tokio::runtime::Handle,
    /// The VIP balancers, which follow the same table.
    lb: Option<Arc<Lb>>,
    /// Dropped with the `Dns`: the serving thread then ends.
    _stop: Option<tokio::sync::oneshot::Sender<()>>,
}

/// A thread running a current-thread runtime until `stop` is sent or dropped; its handle.
fn serving_thread() -> std::io::Result<(tokio::runtime::Handle, tokio::sync::oneshot::Sender<()>)> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let handle = rt.handle().clone();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    std::thread::Builder::new()
        .name("shoal-dns".into())
        .spawn(move || {
            let _ = rt.block_on(stopped);
        })?;
    Ok((handle, stop))
}

impl Dns {
    /// Serves on a thread of its own; on the caller's runtime if that thread cannot be
    /// had (so must be called on the agent's runtime).
    pub fn new(
        netns_dir: PathBuf,
        upstreams: Vec<SocketAddr>,
        search: Vec<String>,
        lb: Option<Arc<Lb>>,
    ) -> Arc<Dns> {
        if upstreams.is_empty() {
            tracing::warn!("no upstream DNS resolver: names outside the cluster get SERVFAIL");
        }
        let (rt, stop) = match serving_thread() {
            Ok((rt, stop)) => (rt, Some(stop)),
            Err(e) => {
                tracing::warn!(%e, "no thread for DNS: served on the agent's runtime");
                (tokio::runtime::Handle::current(), None)
            }
        };
        Arc::new(Dns {
            netns_dir,
            search,
            shared: Shared::new(Table::default(), upstreams),
            inputs: Mutex::default(),
            served: Mutex::default(),
            rt,
            _stop: stop,
            lb,
        })
    }

    /// This node's assignments and its running tasks' endpoints changed.
    pub fn set_local(&self, a: &Assignments, local: Vec<Endpoint>) {
        self.update(|i| {
            i.assignments = Some(a.clone());
            i.local = local;
        });
    }

    /// The other live nodes' endpoints changed.
    pub fn set_remote(&self, remote: Remote) {
        self.update(|i| i.remote = remote);
    }

    fn update(&self, f: impl FnOnce(&mut Inputs)) {
        let Ok(mut i) = self.inputs.lock() else {
            return;
        };
        f(&mut i);
        let empty = Assignments {
            tasks: vec![],
            networks: vec![],
            services: vec![],
            retained: vec![],
            data_path_port: 0,
        };
        let a = i.assignments.as_ref().unwrap_or(&empty);
        let t = Arc::new(Table::build(a, &i.local, &i.remote, &self.search));
        self.shared.set(t.clone());
        if let Some(lb) = &self.lb {
            lb.set_table(t);
        }
    }

    /// Serves task `id` in its namespace, if it has one (a task on overlay networks);
    /// again for a task already served does nothing.
    pub fn serve(&self, id: &str) {
        let ns = self.netns_dir.join(super::net::plan::task_ns_name(id));
        if !ns.exists() {
            return;
        }
        if let Some(lb) = &self.lb {
            lb.attach(id, ns.clone());
        }
        if self.served.lock().is_ok_and(|s| s.contains_key(id)) {
            return;
        }
        match server::open_in(&ns) {
            Ok((udp, tcp)) => {
                let _rt = self.rt.enter();
                match server::spawn(self.shared.clone(), id, udp, tcp) {
                    Ok(handles) => {
                        if let Ok(mut s) = self.served.lock() {
                            s.insert(id.to_string(), handles);
                        }
                    }
                    Err(e) => tracing::warn!(task = %id, %e, "cannot serve DNS"),
                }
            }
            Err(e) => {
                tracing::warn!(task = %id, %e, "cannot open DNS sockets in the task's namespace")
            }
        }
    }

    /// Stops serving task `id` (its sockets close with their tasks).
    pub fn stop(&self, id: &str) {
        if let Some(lb) = &self.lb {
            lb.detach(id);
        }
        let handles = self.served.lock().ok().and_then(|mut s| s.remove(id));
        for h in handles.into_iter().flatten() {
            h.abort();
        }
    }

    /// Stops serving every task (the agent leaves; tasks are served again on return).
    pub fn stop_all(&self) {
        let all: Vec<String> = self
            .served
            .lock()
            .map(|s| s.keys().cloned().collect())
            .unwrap_or_default();
        for id in all {
            self.stop(&id);
        }
        if let Some(lb) = &self.lb {
            lb.stop();
        }
    }
}
