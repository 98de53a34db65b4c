//! `shoal dashboard`: a live terminal view of the cluster, k9s-style. The state
//! ([`app::App`]) is pure and fed messages and keys; [`views`] renders it; the API
//! layer ([`io`]) and the event loop ([`event_loop`]) are the only parts that do I/O.

pub mod app;
pub mod event_loop;
pub mod fixtures;
mod input;
pub mod io;
pub mod items;
pub mod keys;
mod terminal;
pub mod views;

#[cfg(test)]
mod tests;

pub use app::{App, Kind, Meta, Msg};

use crate::api::client::Client;

/// What `shoal dashboard` was asked for, past the command line.
pub struct Options {
    pub client: Client,
    pub meta: Meta,
    /// The view it opens on.
    pub view: Kind,
}

/// Runs the dashboard on this terminal until the operator quits.
pub async fn run(opts: Options) -> anyhow::Result<()> {
    event_loop::run(opts).await
}
