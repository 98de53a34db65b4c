//! The event loop: one `select!` over the keyboard (and resizes), the queue the API
//! layer posts to, a tick (ages and the clock move on), and the signals that end the
//! dashboard. Each turn feeds the state, hands its effects to the API layer, and
//! draws; ratatui sends only the cells that changed, so nothing flickers.

use std::time::Duration;

use anyhow::{Context as _, Result};
use crossterm::event::{Event as TermEvent, EventStream};
use futures::StreamExt;
use time::OffsetDateTime;
use tokio::{
    signal::unix::{SignalKind, signal},
    sync::mpsc,
};

use super::{
    Options,
    app::{App, Effect, Msg},
    io::Io,
    terminal::{self, Guard, Term},
    views,
};

/// How often the clock moves on with nothing else happening.
pub const TICK: Duration = Duration::from_secs(1);

/// Runs the dashboard until `q`, a signal, or an error.
pub async fn run(opts: Options) -> Result<()> {
    let mut guard = Guard::enter().context("cannot set up the terminal")?;
    let result = turn(&mut guard.term, opts).await;
    drop(guard);
    result
}

enum Turn {
    Effects(Vec<Effect>),
    Stop(&'static str),
}

async fn turn(term: &mut Term, opts: Options) -> Result<()> {
    let (queue, mut inbox) = mpsc::unbounded_channel::<Msg>();
    let mut io = Io::start(opts.client, queue);
    let mut app = App::new(opts.meta, opts.view, OffsetDateTime::now_utc());
    let mut keys = EventStream::new();
    let mut tick = tokio::time::interval(TICK);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut term_sig = signal(SignalKind::terminate())?;
    let mut hup = signal(SignalKind::hangup())?;
    let mut int = signal(SignalKind::interrupt())?;
    loop {
        if terminal::panicked() {
            anyhow::bail!("the dashboard's API layer panicked; its log has the message");
        }
        term.draw(|f| views::draw(f, &app))?;
        let turn = tokio::select! {
            key = keys.next() => match key {
                Some(Ok(TermEvent::Key(k))) => Turn::Effects(app.key(k)),
                // A resize needs only the redraw at the top of the loop.
                Some(Ok(_)) => Turn::Effects(Vec::new()),
                Some(Err(e)) => return Err(e).context("cannot read the terminal"),
                None => Turn::Stop("the terminal closed"),
            },
            Some(msg) = inbox.recv() => Turn::Effects(app.update(msg)),
            _ = tick.tick() => Turn::Effects(Vec::new()),
            _ = term_sig.recv() => Turn::Stop("SIGTERM"),
            _ = hup.recv() => Turn::Stop("SIGHUP"),
            _ = int.recv() => Turn::Stop("SIGINT"),
        };
        app.now = OffsetDateTime::now_utc();
        let effects = match turn {
            Turn::Effects(e) => e,
            Turn::Stop(why) => {
                tracing::info!(why, "dashboard stopping");
                return Ok(());
            }
        };
        for e in effects {
            if e == Effect::Quit {
                return Ok(());
            }
            io.run(e);
        }
    }
}
