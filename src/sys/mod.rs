//! Kernel interfaces shared by the lab and (later) the agent: named network
//! namespaces, a typed netlink wrapper, sysctls, mounts and processes. Nothing above
//! this module opens a raw netlink socket or calls `setns`.

pub mod ipvs;
pub mod mounts;
pub mod netlink;
pub mod netns;
pub mod nftables;
pub mod nlmsg;
pub mod procs;
pub mod sysctl;

/// True when this process runs as root (the lab and the agent need it).
pub fn is_root() -> bool {
    nix::unistd::geteuid().is_root()
}
