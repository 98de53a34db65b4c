//! The VIP load balancer, client side: in each task's namespace, connections to a
//! service's VIP are rewritten (DNAT, round robin, all ports, no SNAT) to one of the
//! service's running tasks, so backends see the client's own address. `plan` says
//! what to change (pure); a `Balancer` changes it: nftables over netlink everywhere,
//! IPVS where the kernel has it.

pub mod ipvs;
pub mod nft;
pub mod plan;

use std::{
    collections::HashMap,
    path::PathBuf,
    sync::{Arc, Condvar, Mutex},
};

use thiserror::Error;

use super::dns::records::Table;

pub use self::plan::{Op, Vips};

#[derive(Debug, Error)]
pub enum LbError {
    #[error("{what}: {source}")]
    Kernel {
        what: String,
        #[source]
        source: std::io::Error,
    },
}

/// Programs one namespace's VIPs. Each `apply` is one kernel transaction where the
/// implementation allows; after an error the caller starts over from an empty state.
pub trait Balancer: Send {
    /// Which implementation this is (`nftables`, `ipvs`), for logs and `inspect`.
    fn kind(&self) -> &'static str;
    /// Makes the namespace balance nothing (also what a fresh balancer starts from).
    fn reset(&mut self) -> Result<(), LbError>;
    fn apply(&mut self, ops: &[Op]) -> Result<(), LbError>;
}

/// Opens the balancer this kernel supports, in the calling thread's namespace: IPVS
/// (with nftables marking VIP traffic) where the kernel has `ip_vs`, else nftables.
pub fn open() -> Result<Box<dyn Balancer>, LbError> {
    if ipvs::available() {
        let mut marks = nft::Marks::open().map_err(|source| LbError::Kernel {
            what: "opening nf_tables for IPVS marks".into(),
            source,
        })?;
        let marker: ipvs::Marker = Box::new(move |m| marks.set(m));
        return ipvs::IpvsBalancer::open(marker).map(|b| Box::new(b) as Box<dyn Balancer>);
    }
    nft::NftBalancer::open()
        .map(|b| Box::new(b) as Box<dyn Balancer>)
        .map_err(|source| LbError::Kernel {
            what: "opening nf_tables".into(),
            source,
        })
}

/// Something to do on the balancer thread.
#[derive(Default)]
struct Pending {
    table: Option<Arc<Table>>,
    attach: Vec<(String, PathBuf)>,
    detach: Vec<String>,
    /// Retry after a failure.
    retry: bool,
    stop: bool,
}

impl Pending {
    fn is_empty(&self) -> bool {
        self.table.is_none() && self.attach.is_empty() && self.detach.is_empty() && !self.retry
    }
}

/// One task's namespace: its balancer and what the kernel holds.
struct Slot {
    balancer: Box<dyn Balancer>,
    have: Vips,
}

/// The node's balancers: one per task with overlay networks, all kept in line with the
/// discovery table (the one DNS answers from) by a thread of their own, so netlink
/// work never runs on the agent's async runtime and bursts of changes coalesce.
pub struct Lb {
    pending: Mutex<Pending>,
    wake: Condvar,
    opener: fn() -> Result<Box<dyn Balancer>, LbError>,
}

impl Lb {
    /// Starts the balancer thread.
    pub fn start() -> Arc<Lb> {
        Self::with_opener(open)
    }

    /// With another way to open balancers (tests).
    pub fn with_opener(opener: fn() -> Result<Box<dyn Balancer>, LbError>) -> Arc<Lb> {
        let lb = Arc::new(Lb {
            pending: Mutex::default(),
            wake: Condvar::new(),
            opener,
        });
        let me = lb.clone();
        std::thread::Builder::new()
            .name("shoal-lb".into())
            .spawn(move || me.run())
            .ok();
        lb
    }

    fn push(&self, f: impl FnOnce(&mut Pending)) {
        if let Ok(mut p) = self.pending.lock() {
            f(&mut p);
            self.wake.notify_one();
        }
    }

    /// The table changed: every namespace follows.
    pub fn set_table(&self, t: Arc<Table>) {
        self.push(|p| p.table = Some(t));
    }

    /// Balances task `id`'s namespace (at `ns`) from now on; again does nothing.
    pub fn attach(&self, id: &str, ns: PathBuf) {
        self.push(|p| {
            p.detach.retain(|d| d != id);
            p.attach.push((id.to_string(), ns));
        });
    }

    /// Forgets task `id` (its namespace goes with it).
    pub fn detach(&self, id: &str) {
        self.push(|p| {
            p.attach.retain(|(a, _)| a != id);
            p.detach.push(id.to_string());
        });
    }

    /// Stops the thread (the agent leaves; the rules stay in the tasks' namespaces).
    pub fn stop(&self) {
        self.push(|p| p.stop = true);
    }

    fn run(&self) {
        let mut slots: HashMap<String, Slot> = HashMap::new();
        let mut table: Option<Arc<Table>> = None;
        loop {
            let job = {
                let Ok(mut p) = self.pending.lock() else {
                    return;
                };
                while p.is_empty() && !p.stop {
                    p = match self.wake.wait(p) {
                        Ok(p) => p,
                        Err(_) => return,
                    };
                }
                std::mem::take(&mut *p)
            };
            if job.stop {
                return;
            }
            if job.table.is_some() {
                table = job.table;
            }
            for id in &job.detach {
                slots.remove(id);
            }
            for (id, ns) in job.attach {
                if slots.contains_key(&id) {
                    continue;
                }
                match self.open_in(&ns) {
                    Ok(balancer) => {
                        slots.insert(
                            id,
                            Slot {
                                balancer,
                                have: Vips::new(),
                            },
                        );
                    }
                    // The task may be gone already; it is attached again if not.
                    Err(e) => tracing::warn!(task = %id, %e, "cannot open the task's balancer"),
                }
            }
            let Some(t) = &table else { continue };
            let mut failed = false;
            for (id, slot) in &mut slots {
                let want = t.vips(id);
                let ops = plan::diff(&slot.have, &want);
                if ops.is_empty() {
                    continue;
                }
                match slot.balancer.apply(&ops) {
                    Ok(()) => slot.have = want,
                    Err(e) => {
                        tracing::warn!(task = %id, %e, "cannot program the balancer; starting over");
                        failed = true;
                        slot.have = Vips::new();
                        if let Err(e) = slot.balancer.reset() {
                            tracing::warn!(task = %id, %e, "cannot reset the balancer");
                        }
                    }
                }
            }
            if failed {
                std::thread::sleep(std::time::Duration::from_millis(200));
                self.push(|p| p.retry = true);
            }
        }
    }

    fn open_in(&self, ns: &std::path::Path) -> Result<Box<dyn Balancer>, LbError> {
        let kernel = |what: &str, source| LbError::Kernel {
            what: what.into(),
            source,
        };
        let file = std::fs::File::open(ns).map_err(|e| kernel("opening the namespace", e))?;
        let opener = self.opener;
        let mut b = crate::sys::netns::run_in(&file, opener)
            .map_err(|e| kernel("entering the namespace", e))??;
        b.reset()?;
        Ok(b)
    }
}
