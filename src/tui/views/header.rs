//! The header: the cluster, context and manager the dashboard talks to, the counts
//! of nodes, services and tasks by state, and whether it is connected and since when.

use ratatui::{
    Frame,
    layout::Rect,
    style::{Color, Modifier, Style},
    text::{Line, Span},
    widgets::Paragraph,
};

use super::{short, state_style};
use crate::tui::{
    app::{App, Conn},
    items::StateClass,
};

pub const HEIGHT: u16 = 3;

pub fn draw(f: &mut Frame, area: Rect, app: &App) {
    let lines = vec![whereto(app), counts(app), connection(app)];
    f.render_widget(Paragraph::new(lines), area);
}

fn dim() -> Style {
    Style::new().fg(Color::DarkGray)
}

fn bold() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

fn whereto(app: &App) -> Line<'static> {
    let info = app.info.as_ref();
    let cluster = info
        .and_then(|i| i.cluster_id.as_deref())
        .map(|c| short(c).to_string())
        .unwrap_or_else(|| "-".into());
    let manager = match info {
        Some(i) if i.is_leader => format!("{} (leader)", i.node_name),
        Some(i) => i.node_name.clone(),
        None => "-".into(),
    };
    let context = app.meta.context.clone().unwrap_or_else(|| "-".into());
    Line::from(vec![
        Span::styled("shoal", bold().fg(Color::Cyan)),
        Span::styled("  cluster ", dim()),
        Span::styled(cluster, bold()),
        Span::styled("  context ", dim()),
        Span::styled(context, bold()),
        Span::styled("  manager ", dim()),
        Span::styled(manager, bold()),
        Span::styled(format!("  {}", app.meta.endpoint), dim()),
    ])
}

fn counts(app: &App) -> Line<'static> {
    let c = app.task_counts();
    let total = c.running + c.pending + c.failed + c.stopped;
    let n = |v: usize, what: &str, class: StateClass| {
        let style = if v == 0 { dim() } else { state_style(class) };
        Span::styled(format!(" {v} {what}"), style)
    };
    Line::from(vec![
        Span::styled("nodes ", dim()),
        Span::styled(app.nodes.len().to_string(), bold()),
        Span::raw(format!(" ({} ready)", app.ready_nodes())),
        Span::styled("  services ", dim()),
        Span::styled(app.services.len().to_string(), bold()),
        Span::styled("  tasks ", dim()),
        Span::styled(total.to_string(), bold()),
        Span::raw(":"),
        n(c.running, "running", StateClass::Running),
        n(c.pending, "pending", StateClass::Pending),
        n(c.failed, "failed", StateClass::Failed),
        n(c.stopped, "stopped", StateClass::Stopped),
    ])
}

fn connection(app: &App) -> Line<'static> {
    let updated = app
        .updated
        .map(|t| {
            format!(
                ", updated {:02}:{:02}:{:02} UTC",
                t.hour(),
                t.minute(),
                t.second()
            )
        })
        .unwrap_or_default();
    match &app.conn {
        Conn::Connected => Line::from(vec![
            Span::styled("connected", Style::new().fg(Color::Green)),
            Span::raw(updated),
        ]),
        Conn::Connecting => Line::styled("connecting...", Style::new().fg(Color::Yellow)),
        Conn::Disconnected(why) => Line::from(vec![
            Span::styled("disconnected, retrying", bold().fg(Color::Red)),
            Span::styled(format!("{updated} ({why})"), dim()),
        ]),
    }
}
