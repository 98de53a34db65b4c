//! The list views (nodes, networks, services, tasks, and a network's endpoints) as
//! tables. Only the rows on screen are built, so a frame costs the same with 10 or
//! 10,000 tasks.

use ratatui::{
    Frame,
    layout::{Constraint, Rect},
    style::{Modifier, Style},
    text::{Line, Span},
    widgets::{Block, Cell, HighlightSpacing, Paragraph, Row, Table, TableState},
};

use super::{age, node_style, short, state_style};
use crate::tui::{
    app::{App, Kind, Page, Screen},
    items::{Item, service_command, service_name, service_replicas, task_class},
};

/// What a table's columns are, by the kind of its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Columns {
    Nodes,
    Networks,
    Services,
    Tasks,
    Endpoints,
}

impl Columns {
    fn of(screen: &Screen) -> Columns {
        match screen {
            Screen::List(Kind::Nodes) => Columns::Nodes,
            Screen::List(Kind::Networks) => Columns::Networks,
            Screen::List(Kind::Services) => Columns::Services,
            Screen::Network { .. } => Columns::Endpoints,
            _ => Columns::Tasks,
        }
    }

    fn header(self) -> &'static [&'static str] {
        match self {
            Columns::Nodes => &[
                "ID",
                "HOSTNAME",
                "STATUS",
                "AVAILABILITY",
                "MANAGER",
                "ADDRESS",
            ],
            Columns::Networks => &[
                "ID",
                "NAME",
                "DRIVER",
                "SCOPE",
                "SUBNET",
                "PEERS",
                "ENDPOINTS",
            ],
            Columns::Services => &["ID", "NAME", "MODE", "REPLICAS", "COMMAND"],
            Columns::Tasks => &["ID", "NAME", "NODE", "DESIRED", "STATE", "AGE", "ERROR"],
            Columns::Endpoints => &["TASK", "ID", "ADDRESS", "NODE"],
        }
    }

    fn widths(self) -> Vec<Constraint> {
        use Constraint::{Fill, Length};
        match self {
            Columns::Nodes => vec![
                Length(12),
                Fill(1),
                Length(7),
                Length(12),
                Length(11),
                Fill(1),
            ],
            Columns::Networks => vec![
                Length(12),
                Fill(1),
                Length(7),
                Length(5),
                Length(18),
                Length(5),
                Length(9),
            ],
            Columns::Services => vec![Length(12), Fill(1), Length(10), Length(8), Fill(2)],
            Columns::Tasks => vec![
                Length(12),
                Fill(2),
                Length(8),
                Length(8),
                Length(9),
                Length(4),
                Fill(1),
            ],
            Columns::Endpoints => vec![Fill(1), Length(12), Length(18), Fill(1)],
        }
    }
}

/// The title of a list page: what it lists, its filter, and how many rows.
fn title(app: &App, page: &Page, shown: usize) -> String {
    let what = match &page.screen {
        Screen::List(kind) => kind.title().to_string(),
        Screen::ServiceTasks { name, .. } => format!("Tasks of {name}"),
        Screen::NodeTasks { name, .. } => format!("Tasks on {name}"),
        Screen::Network { name, .. } => format!("Endpoints on {name}"),
        Screen::Task { .. } | Screen::Logs { .. } => String::new(),
    };
    if page.filter.is_empty() {
        format!(" {what} ({shown}) ")
    } else {
        let all = app
            .items(&crate::tui::app::Page::new(page.screen.clone()))
            .len();
        format!(" {what} /{} ({shown} of {all}) ", page.filter)
    }
}

pub fn list(f: &mut Frame, area: Rect, app: &App, page: &Page) {
    let items = app.items(page);
    let block = Block::bordered().title(title(app, page, items.len()));
    let inner = block.inner(area);
    f.render_widget(block, area);
    table(f, inner, app, page, &items);
}

/// The rows of `items` that fit in `area` under a header, the selection highlighted.
pub fn table(f: &mut Frame, area: Rect, app: &App, page: &Page, items: &[Item]) {
    let cols = Columns::of(&page.screen);
    let rows_fit = (area.height as usize).saturating_sub(1).max(1);
    // Whole pages: the selection moves within a page, then the page turns.
    let offset = page.selected - page.selected % rows_fit;
    let end = (offset + rows_fit).min(items.len());
    let rows: Vec<Row> = items
        .get(offset..end)
        .unwrap_or_default()
        .iter()
        .map(|it| row(app, it))
        .collect();
    let header = Row::new(cols.header().iter().copied())
        .style(Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED));
    let table = Table::new(rows, cols.widths())
        .header(header)
        .column_spacing(1)
        .row_highlight_style(Style::new().add_modifier(Modifier::REVERSED))
        .highlight_symbol(">")
        .highlight_spacing(HighlightSpacing::Always);
    let mut state = TableState::default();
    if !items.is_empty() {
        state.select(Some(page.selected - offset));
    }
    f.render_stateful_widget(table, area, &mut state);
    if items.is_empty() && area.height > 1 {
        let note = empty_note(app, page);
        let below = Rect {
            y: area.y + 1,
            height: 1,
            ..area
        };
        f.render_widget(
            Paragraph::new(Line::styled(note, Style::new().add_modifier(Modifier::DIM))),
            below,
        );
    }
}

fn empty_note(app: &App, page: &Page) -> String {
    if !page.filter.is_empty() {
        return format!("  nothing matches /{}", page.filter);
    }
    match (&app.conn, app.updated) {
        (crate::tui::app::Conn::Connected, Some(_)) => "  none".into(),
        _ => "  waiting for the manager...".into(),
    }
}

fn row<'a>(app: &App, it: &Item<'a>) -> Row<'a> {
    match it {
        Item::Node(n) => {
            let manager = match &n.manager_status {
                Some(m) if m.leader => "Leader",
                Some(m) if m.reachability == "reachable" => "Reachable",
                Some(_) => "Unreachable",
                None => "",
            };
            let state = n.status.state.as_str();
            Row::new(vec![
                Cell::from(short(&n.id)),
                Cell::from(n.description.hostname.as_str()),
                Cell::from(Span::styled(state, node_style(state))),
                Cell::from(crate::api::types::wire_name(&n.spec.availability)),
                Cell::from(manager),
                Cell::from(n.status.addr.as_str()),
            ])
        }
        Item::Network(n) => Row::new(vec![
            Cell::from(short(&n.id)),
            Cell::from(n.name.as_str()),
            Cell::from(n.driver.as_str()),
            Cell::from(n.scope.as_str()),
            Cell::from(
                n.ipam
                    .config
                    .first()
                    .map(|c| c.subnet.as_str())
                    .unwrap_or(""),
            ),
            Cell::from(n.peers.len().to_string()),
            Cell::from(n.containers.len().to_string()),
        ]),
        Item::Service(s) => service_row(s),
        Item::Task(t) => {
            let state = t.status.state.as_str();
            Row::new(vec![
                Cell::from(short(&t.id)),
                Cell::from(t.name.as_str()),
                Cell::from(t.node_name.as_str()),
                Cell::from(t.desired_state.as_str()),
                Cell::from(Span::styled(state, state_style(task_class(state)))),
                Cell::from(age(app.now, &t.status.timestamp)),
                Cell::from(t.status.err.as_str()),
            ])
        }
        Item::Endpoint(id, e) => Row::new(vec![
            Cell::from(e.name.as_str()),
            Cell::from(short(id)),
            Cell::from(e.ipv4_address.as_str()),
            Cell::from(e.node.as_str()),
        ]),
    }
}

fn service_row(s: &crate::api::types::ServiceView) -> Row<'_> {
    let mode = match service_replicas(s) {
        Some(_) => "replicated",
        None => "global",
    };
    let replicas = format!("{}/{}", s.replicas_running, s.replicas_desired);
    let class = if s.replicas_running >= s.replicas_desired {
        crate::tui::items::StateClass::Running
    } else {
        crate::tui::items::StateClass::Pending
    };
    Row::new(vec![
        Cell::from(short(&s.id)),
        Cell::from(service_name(s)),
        Cell::from(mode),
        Cell::from(Span::styled(replicas, state_style(class))),
        Cell::from(service_command(s)),
    ])
}
