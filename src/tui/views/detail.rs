//! The drill-down pages: a task's details above its followed log, a network's
//! settings, peers and endpoints, and a service's or task's log on its own.

use ratatui::{
    Frame,
    layout::{Constraint, Layout, Rect},
    style::{Color, Modifier, Style},
    text::{Line, Span},
    widgets::{Block, Paragraph, Row, Table},
};

use super::{age, state_style, tables};
use crate::{
    api::types::{LogLine, TaskView},
    tui::{app::App, items::contains_lower, items::task_class},
};

fn field(name: &'static str, value: impl Into<Span<'static>>) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{name:<10}"), Style::new().fg(Color::DarkGray)),
        value.into(),
    ])
}

fn gone(f: &mut Frame, area: Rect, what: String) {
    let block = Block::bordered().title(format!(" {what} "));
    let text = Line::styled(
        format!("{what} is gone"),
        Style::new().add_modifier(Modifier::DIM),
    );
    f.render_widget(Paragraph::new(text).block(block), area);
}

pub fn task(f: &mut Frame, area: Rect, app: &App, id: &str) {
    let [top, bottom] = Layout::vertical([Constraint::Length(11), Constraint::Min(3)]).areas(area);
    match app.task(id) {
        Some(t) => {
            let block = Block::bordered().title(format!(" Task {} ", t.name));
            f.render_widget(Paragraph::new(task_lines(app, t)).block(block), top);
        }
        None => gone(f, top, format!("task {}", super::short(id))),
    }
    logs(f, bottom, app, " Log ");
}

fn task_lines(app: &App, t: &TaskView) -> Vec<Line<'static>> {
    let state = t.status.state.clone();
    let style = state_style(task_class(&state));
    let since = age(app.now, &t.status.timestamp);
    let networks: Vec<String> = t
        .networks_attachments
        .iter()
        .map(|a| format!("{} {}", a.network_name, a.addresses.join(",")))
        .collect();
    vec![
        field("ID", t.id.clone()),
        field("Service", t.service_name.clone()),
        field("Node", t.node_name.clone()),
        field("Desired", t.desired_state.clone()),
        Line::from(vec![
            Span::styled(format!("{:<10}", "State"), Style::new().fg(Color::DarkGray)),
            Span::styled(state, style),
            Span::raw(format!(" {since}  {}", t.status.message)),
        ]),
        field(
            "Error",
            Span::styled(t.status.err.clone(), Style::new().fg(Color::Red)),
        ),
        field("Created", t.created_at.clone()),
        field("Command", t.command.join(" ")),
        field("Networks", networks.join("  ")),
    ]
}

pub fn network(f: &mut Frame, area: Rect, app: &App, id: &str, name: &str) {
    let Some(n) = app.network(id) else {
        return gone(f, area, format!("network {name}"));
    };
    let peers = n.peers.len().clamp(1, 5) as u16;
    let [info, peer_area, endpoints] = Layout::vertical([
        Constraint::Length(4),
        Constraint::Length(peers + 3),
        Constraint::Min(3),
    ])
    .areas(area);
    let subnet = n.ipam.config.first();
    let lines = vec![
        Line::raw(format!(
            "ID {}  driver {}  scope {}  attachable {}",
            n.id, n.driver, n.scope, n.attachable
        )),
        Line::raw(format!(
            "subnet {}  gateway {}  addresses used {}, free {}",
            subnet.map(|c| c.subnet.as_str()).unwrap_or("-"),
            subnet.map(|c| c.gateway.as_str()).unwrap_or("-"),
            n.addresses.used,
            n.addresses.free
        )),
    ];
    let block = Block::bordered().title(format!(" Network {} ", n.name));
    f.render_widget(Paragraph::new(lines).block(block), info);
    let rows = n
        .peers
        .iter()
        .map(|p| Row::new(vec![p.name.clone(), p.ip.clone()]));
    let header = Row::new(["NODE", "ADDRESS"]).style(Style::new().add_modifier(Modifier::BOLD));
    let table = Table::new(rows, [Constraint::Fill(1), Constraint::Fill(2)])
        .header(header)
        .block(Block::bordered().title(format!(" Peers ({}) ", n.peers.len())));
    f.render_widget(table, peer_area);
    tables::list(f, endpoints, app, app.page());
}

/// The followed log: the newest lines that fit, filtered by the page's filter.
pub fn logs(f: &mut Frame, area: Rect, app: &App, title: &str) {
    let page = app.page();
    let needle = page.filter.to_lowercase();
    let (state, lines) = match &app.logs {
        Some(l) => (
            l.ended.clone().unwrap_or_else(|| "following".into()),
            &l.lines,
        ),
        None => ("not followed".into(), &Default::default()),
    };
    let filter = if needle.is_empty() {
        String::new()
    } else {
        format!("/{} ", page.filter)
    };
    let block = Block::bordered().title(format!("{title}{filter}({state}) "));
    let fit = block.inner(area).height as usize;
    let many_tasks = matches!(page.screen, crate::tui::app::Screen::Logs { .. });
    let mut shown: Vec<Line> = lines
        .iter()
        .rev()
        .filter(|l| contains_lower(&l.log, &needle) || contains_lower(&l.task_name, &needle))
        .take(fit)
        .map(|l| log_line(l, many_tasks))
        .collect();
    shown.reverse();
    f.render_widget(Paragraph::new(shown).block(block), area);
}

fn log_line(l: &LogLine, with_source: bool) -> Line<'static> {
    let text = l.log.trim_end_matches('\n').to_string();
    let text = match l.stream.as_str() {
        "stderr" => Span::styled(text, Style::new().fg(Color::Yellow)),
        "error" => Span::styled(text, Style::new().fg(Color::Red)),
        _ => Span::raw(text),
    };
    if !with_source {
        return Line::from(text);
    }
    Line::from(vec![
        Span::styled(
            format!("{}@{} | ", l.task_name, l.node_name),
            Style::new().fg(Color::DarkGray),
        ),
        text,
    ])
}
