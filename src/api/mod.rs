//! The API shared by the CLI, the manager, the agents and the dashboard: where an
//! endpoint is (`unix://`, `ssh://`, `tcp://`), the wire types, the client, and the
//! plumbing that serves a router on a socket.

pub mod client;
pub mod duration;
pub mod endpoint;
pub mod exec;
pub mod http;
pub mod serve;
pub mod types;

pub use endpoint::Endpoint;
