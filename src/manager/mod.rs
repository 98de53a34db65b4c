//! The manager: replicated desired state (Raft over redb), the cluster CA and join
//! tokens, node membership and heartbeats, and the API that the CLI, agents and other
//! managers talk to.

pub mod state;
pub mod store;
pub mod token;
