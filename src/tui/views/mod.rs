//! Rendering: a pure function of the state onto a ratatui frame. The header (where
//! the dashboard points, counts, the connection), the top page's body, the footer
//! (prompt, message or key hints), and the help overlay. States are coloured and
//! always spelled out, so the screen reads the same without colour.

mod detail;
mod header;
mod help;
mod tables;

use ratatui::{
    Frame,
    layout::{Constraint, Layout, Position, Rect},
    style::{Color, Modifier, Style},
    text::{Line, Span},
    widgets::Paragraph,
};
use time::OffsetDateTime;

use super::{
    app::{App, Mode, Screen},
    items::StateClass,
};

/// Draws the whole screen.
pub fn draw(f: &mut Frame, app: &App) {
    let [head, body, foot] = Layout::vertical([
        Constraint::Length(header::HEIGHT),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(f.area());
    header::draw(f, head, app);
    body_of(f, body, app);
    footer(f, foot, app);
    if app.mode == Mode::Help {
        help::draw(f, f.area());
    }
}

fn body_of(f: &mut Frame, area: Rect, app: &App) {
    let page = app.page();
    match &page.screen {
        Screen::Task { id } => detail::task(f, area, app, id),
        Screen::Network { id, name } => detail::network(f, area, app, id, name),
        Screen::Logs { title, .. } => detail::logs(f, area, app, &format!(" Logs of {title} ")),
        _ => tables::list(f, area, app, page),
    }
}

fn footer(f: &mut Frame, area: Rect, app: &App) {
    let prompt = |label: String, text: &str| {
        Line::from(vec![
            Span::styled(label, Style::new().add_modifier(Modifier::BOLD)),
            Span::raw(text.to_string()),
        ])
    };
    let (line, cursor) = match &app.mode {
        Mode::Filter => (prompt("/".into(), &app.page().filter), true),
        Mode::Command(text) => (prompt(":".into(), text), true),
        Mode::Scale { name, input, .. } => (prompt(format!("scale {name} to: "), input), true),
        Mode::Confirm { kind, name, .. } => (
            Line::styled(
                format!("remove {} {name}? y/N", kind.noun()),
                Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            ),
            false,
        ),
        Mode::Help => (Line::raw("any key closes the help"), false),
        Mode::Normal => (status_or_hints(app), false),
    };
    let width = line.width() as u16;
    f.render_widget(Paragraph::new(line), area);
    if cursor {
        f.set_cursor_position(Position::new(
            area.x + width.min(area.width.saturating_sub(1)),
            area.y,
        ));
    }
}

fn status_or_hints(app: &App) -> Line<'static> {
    if let Some(s) = &app.status {
        let style = if s.error {
            Style::new().fg(Color::Red)
        } else {
            Style::new()
        };
        return Line::styled(s.text.clone(), style);
    }
    let hints: &[(&str, &str)] = match app.page().screen {
        Screen::Task { .. } | Screen::Logs { .. } => &[
            ("esc", "back"),
            ("/", "filter"),
            ("l", "logs"),
            ("?", "help"),
            ("q", "quit"),
        ],
        _ => &[
            ("enter", "open"),
            ("/", "filter"),
            (":", "view"),
            ("s", "scale"),
            ("^d", "remove"),
            ("l", "logs"),
            ("?", "help"),
            ("q", "quit"),
        ],
    };
    let key = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
    let spans: Vec<Span> = hints
        .iter()
        .flat_map(|(k, what)| {
            [
                Span::styled(format!("<{k}>"), key),
                Span::raw(format!(" {what}  ")),
            ]
        })
        .collect();
    Line::from(spans)
}

/// The colour of a task state's class.
pub fn state_style(class: StateClass) -> Style {
    match class {
        StateClass::Running => Style::new().fg(Color::Green),
        StateClass::Pending => Style::new().fg(Color::Yellow),
        StateClass::Failed => Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
        StateClass::Stopped => Style::new().fg(Color::DarkGray),
    }
}

/// A node status's colour: ready green, down red, anything else yellow.
pub fn node_style(state: &str) -> Style {
    match state {
        "ready" => Style::new().fg(Color::Green),
        "down" => Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
        _ => Style::new().fg(Color::Yellow),
    }
}

/// How long ago `rfc3339` was, k9s-style: `45s`, `12m`, `3h`, `2d`; empty if unreadable.
pub fn age(now: OffsetDateTime, rfc3339: &str) -> String {
    let Ok(then) = OffsetDateTime::parse(rfc3339, &time::format_description::well_known::Rfc3339)
    else {
        return String::new();
    };
    let s = (now - then).whole_seconds().max(0);
    match s {
        0..60 => format!("{s}s"),
        60..3600 => format!("{}m", s / 60),
        3600..86400 => format!("{}h", s / 3600),
        _ => format!("{}d", s / 86400),
    }
}

/// The first 12 characters of an ID, as Docker shows them.
pub fn short(id: &str) -> &str {
    id.get(..12).unwrap_or(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_read_like_k9s() {
        let now = OffsetDateTime::parse(
            "2026-12-01T12:00:00Z",
            &time::format_description::well_known::Rfc3339,
        )
        .unwrap();
        assert_eq!(age(now, "2026-12-01T11:59:15Z"), "45s");
        assert_eq!(age(now, "2026-12-01T11:48:00.5Z"), "11m");
        assert_eq!(age(now, "2026-12-01T09:00:00Z"), "3h");
        assert_eq!(age(now, "2026-11-28T12:00:00Z"), "3d");
        assert_eq!(age(now, "2026-12-01T12:00:09Z"), "0s");
        assert_eq!(age(now, "yesterday"), "");
        assert_eq!(short("abcdefghijklmnop"), "abcdefghijkl");
        assert_eq!(short("abc"), "abc");
    }
}
