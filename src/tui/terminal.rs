//! The terminal's modes: raw input on the alternate screen while the dashboard runs,
//! and the terminal as it was afterwards, whichever way the dashboard ends: a normal
//! exit and an error (the guard's drop), a signal (the loop ends on it), or a panic
//! (the hook restores the screen before the panic message prints).

use std::{
    io::{self, Stdout, stdout},
    sync::atomic::{AtomicBool, Ordering},
};

use crossterm::{
    cursor, execute,
    terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode},
};
use ratatui::{Terminal, backend::CrosstermBackend};

pub type Term = Terminal<CrosstermBackend<Stdout>>;

/// The terminal in dashboard mode; dropping it puts the terminal back.
pub struct Guard {
    pub term: Term,
}

impl Guard {
    pub fn enter() -> io::Result<Guard> {
        install_panic_hook();
        enable_raw_mode()?;
        if let Err(e) = execute!(stdout(), EnterAlternateScreen, cursor::Hide) {
            restore();
            return Err(e);
        }
        match Terminal::new(CrosstermBackend::new(stdout())) {
            Ok(term) => Ok(Guard { term }),
            Err(e) => {
                restore();
                Err(e)
            }
        }
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Leaves raw mode and the alternate screen and shows the cursor; safe to call twice.
pub fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(stdout(), LeaveAlternateScreen, cursor::Show);
}

/// Set by the panic hook. A panic in a task of the API layer does not end the
/// process (tokio catches it) but the screen is restored by then: the loop checks
/// this and ends too, rather than drawing on a terminal that is no longer its own.
static PANICKED: AtomicBool = AtomicBool::new(false);

pub fn panicked() -> bool {
    PANICKED.load(Ordering::Relaxed)
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        PANICKED.store(true, Ordering::Relaxed);
        restore();
        tracing::error!(%info, "the dashboard panicked");
        previous(info);
    }));
}
