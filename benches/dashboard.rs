//! One dashboard frame with 1,000 tasks (`cargo bench --bench dashboard`): the state
//! of `tui::fixtures::big` (1,007 tasks of 103 services) drawn onto ratatui's
//! `TestBackend` at 200x50, the selection moved one row before each frame so every
//! frame draws something new. Reports the median and p99 of the frame time for the
//! tasks view, the tasks view filtered, a service's tasks and the services view, and
//! the tasks view with 10,000 tasks. Goal: < 5 ms a frame with 1,000 tasks.
//!
//! Run without `--bench` (as `cargo test --benches` does) it is a short smoke run.

#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::{Terminal, backend::TestBackend};
use shoal::tui::{App, fixtures, views};

fn key(app: &mut App, code: KeyCode) {
    app.key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

/// Frame times of `rounds` frames, each after one step down (wrapping to the top).
fn frames(mut app: App, rounds: usize) -> Vec<Duration> {
    let mut term = Terminal::new(TestBackend::new(200, 50)).unwrap();
    let mut out = Vec::with_capacity(rounds);
    for i in 0..rounds {
        if i % 500 == 499 {
            key(&mut app, KeyCode::Home);
        } else {
            key(&mut app, KeyCode::Down);
        }
        let t = Instant::now();
        term.draw(|f| views::draw(f, &app)).unwrap();
        out.push(t.elapsed());
    }
    out
}

fn report(what: &str, mut v: Vec<Duration>) {
    v.sort();
    let at = |q: f64| v[((v.len() - 1) as f64 * q) as usize];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{what:<44} median {:6.3} ms   p99 {:6.3} ms",
        ms(at(0.5)),
        ms(at(0.99))
    );
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let rounds = if full { 2000 } else { 20 };
    println!("one frame at 200x50, {rounds} frames each (goal: < 5 ms with 1,000 tasks)");

    let app = fixtures::big(1000);
    report("tasks view, 1,007 tasks", frames(app.clone(), rounds));

    let mut filtered = app.clone();
    typed(&mut filtered, "/svc-04");
    key(&mut filtered, KeyCode::Enter);
    report(
        "tasks view filtered /svc-04 (110 rows)",
        frames(filtered, rounds),
    );

    let mut services = app.clone();
    typed(&mut services, ":svc");
    key(&mut services, KeyCode::Enter);
    report(
        "services view, 103 services",
        frames(services.clone(), rounds),
    );

    key(&mut services, KeyCode::End);
    key(&mut services, KeyCode::Enter);
    report("a service's tasks (of 1,007)", frames(services, rounds));

    let rounds = if full { 500 } else { 5 };
    report(
        "tasks view, 10,007 tasks",
        frames(fixtures::big(10_000), rounds),
    );
}
