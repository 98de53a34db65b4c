//! The help overlay (`?`): every key from the key map, and what the colours mean.

use ratatui::{
    Frame,
    layout::{Constraint, Rect},
    style::{Color, Modifier, Style},
    text::{Line, Span},
    widgets::{Block, Clear, Paragraph},
};

use super::state_style;
use crate::tui::{items::StateClass, keys::HELP};

pub fn draw(f: &mut Frame, area: Rect) {
    let key = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
    let mut lines: Vec<Line> = HELP
        .iter()
        .map(|(k, what)| {
            Line::from(vec![
                Span::styled(format!("{k:<25}"), key),
                Span::raw(*what),
            ])
        })
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        Span::raw("states: "),
        Span::styled("running", state_style(StateClass::Running)),
        Span::raw("  "),
        Span::styled("pending", state_style(StateClass::Pending)),
        Span::raw("  "),
        Span::styled("failed", state_style(StateClass::Failed)),
        Span::raw("  "),
        Span::styled("shutdown", state_style(StateClass::Stopped)),
    ]));
    let height = (lines.len() as u16 + 2).min(area.height);
    let width = 78.min(area.width);
    let rect = area.centered(Constraint::Length(width), Constraint::Length(height));
    f.render_widget(Clear, rect);
    let block = Block::bordered().title(" Help: keys ");
    f.render_widget(Paragraph::new(lines).block(block), rect);
}
