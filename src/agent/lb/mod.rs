//! The VIP load balancer, client side: in each task's namespace, connections to a
//! service's VIP are rewritten (DNAT, round robin, all ports, no SNAT) to one of the
//! service's running tasks, so backends see the client's own address. `plan` says
//! what to change (pure); a `Balancer` changes it: nftables over netlink everywhere,
//! IPVS where the kernel has it.

pub mod ipvs;
pub mod plan;

use thiserror::Error;

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
