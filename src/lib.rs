//! shoal: Docker Swarm's overlay networks, services and load balancing for plain
//! Linux hosts, in one binary. The binary is a thin shell over this library so that
//! tests and later subsystems (agent, manager, dashboard) share one code base.

pub mod agent;
pub mod api;
pub mod cli;
pub mod context;
pub mod lab;
pub mod manager;
pub mod pki;
pub mod ssh;
pub mod sys;
pub mod tui;
pub mod whoami;
