//! Types shared by the CLI, the manager, the agents and the dashboard. For now: where
//! an API endpoint is (`unix://`, `ssh://`, `tcp://`).

pub mod endpoint;

pub use endpoint::Endpoint;
