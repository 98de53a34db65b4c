//! The dashboard's state: the cluster's lists as the API last gave them, the stack of
//! pages the operator has drilled into, and what is being typed. Pure: the event loop
//! feeds it messages ([`Msg`]) and keys, and carries out the [`Effect`]s it returns;
//! rendering is a function of it (`views::draw`).

use std::collections::VecDeque;

use time::OffsetDateTime;

use crate::api::types::{Event, Info, LogLine, NetworkView, NodeView, ServiceView, TaskView};

/// The top-level lists, one per view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Nodes,
    Networks,
    Services,
    Tasks,
}

impl Kind {
    pub fn title(self) -> &'static str {
        match self {
            Kind::Nodes => "Nodes",
            Kind::Networks => "Networks",
            Kind::Services => "Services",
            Kind::Tasks => "Tasks",
        }
    }

    /// The word for one object, in messages (`remove service my-web`).
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Nodes => "node",
            Kind::Networks => "network",
            Kind::Services => "service",
            Kind::Tasks => "task",
        }
    }

    /// The view a `:` command names, k9s-style: short or long, singular or plural.
    pub fn parse(word: &str) -> Option<Kind> {
        match word {
            "no" | "node" | "nodes" => Some(Kind::Nodes),
            "net" | "network" | "networks" => Some(Kind::Networks),
            "svc" | "service" | "services" => Some(Kind::Services),
            "task" | "tasks" | "ps" => Some(Kind::Tasks),
            _ => None,
        }
    }

    /// The API path of the list, and of one object under it.
    pub fn path(self) -> &'static str {
        match self {
            Kind::Nodes => "/v1/nodes",
            Kind::Networks => "/v1/networks",
            Kind::Services => "/v1/services",
            Kind::Tasks => "/v1/tasks",
        }
    }
}

/// What one page of the stack shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    List(Kind),
    /// A service's tasks (Enter on a service).
    ServiceTasks {
        service_id: String,
        name: String,
    },
    /// The tasks on a node (Enter on a node).
    NodeTasks {
        node_id: String,
        name: String,
    },
    /// A network's peers and endpoints (Enter on a network).
    Network {
        id: String,
        name: String,
    },
    /// One task's details and its log, followed (Enter on a task).
    Task {
        id: String,
    },
    /// The log of a service or a task, followed (`l`).
    Logs {
        target: String,
        title: String,
    },
}

impl Screen {
    /// Pages that follow a log.
    pub fn log_target(&self) -> Option<&str> {
        match self {
            Screen::Task { id } => Some(id),
            Screen::Logs { target, .. } => Some(target),
            _ => None,
        }
    }
}

/// One entry of the navigation stack: a screen with its own selection and filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub screen: Screen,
    pub selected: usize,
    /// The selected row's object, so the selection follows it when lists change.
    pub selected_id: Option<String>,
    pub filter: String,
}

impl Page {
    pub fn new(screen: Screen) -> Page {
        Page {
            screen,
            selected: 0,
            selected_id: None,
            filter: String::new(),
        }
    }
}

/// What the API layer fetches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Resource {
    Info,
    List(Kind),
}

impl Resource {
    pub const ALL: [Resource; 5] = [
        Resource::Info,
        Resource::List(Kind::Nodes),
        Resource::List(Kind::Networks),
        Resource::List(Kind::Services),
        Resource::List(Kind::Tasks),
    ];
}

/// What reaches the state from outside: API answers, events, the connection.
#[derive(Debug, Clone)]
pub enum Msg {
    Info(Info),
    Nodes(Vec<NodeView>),
    Networks(Vec<NetworkView>),
    Services(Vec<ServiceView>),
    Tasks(Vec<TaskView>),
    /// A line of the event stream.
    Event(Event),
    /// The event stream is open (again): everything is fetched afresh.
    Connected,
    /// The event stream broke or could not open; the API layer retries by itself.
    Disconnected(String),
    /// A line of the log stream `stream` (older streams' lines are dropped).
    Log {
        stream: u64,
        line: LogLine,
    },
    LogEnded {
        stream: u64,
        error: Option<String>,
    },
    /// The outcome of an operator's action (scale, remove) or a failed fetch.
    Done(Result<String, String>),
}

/// What the state asks the API layer (or the loop) to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Fetch now (after connecting).
    Fetch(Resource),
    /// Fetch soon, together with whatever else changes meanwhile (after an event).
    Refresh(Resource),
    Scale {
        service_id: String,
        name: String,
        replicas: u64,
    },
    Remove {
        kind: Kind,
        id: String,
        name: String,
    },
    /// Follow `target`'s log (a service or task), its lines tagged with `stream`; any
    /// log followed before stops.
    FollowLogs {
        stream: u64,
        target: String,
    },
    StopLogs,
    Quit,
}

/// What the keyboard is doing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// Typing the top page's filter after `/`.
    Filter,
    /// Typing a `:` command.
    Command(String),
    /// Typing the replica count for a service after `s`.
    Scale {
        service_id: String,
        name: String,
        input: String,
    },
    /// Waiting for `y` after ctrl-d.
    Confirm {
        kind: Kind,
        id: String,
        name: String,
    },
    Help,
}

/// Where the dashboard points, for the header.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    pub context: Option<String>,
    /// The API endpoint (`unix:///run/shoal/shoal.sock`).
    pub endpoint: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conn {
    Connecting,
    Connected,
    Disconnected(String),
}

/// The log being followed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logs {
    pub stream: u64,
    pub target: String,
    pub lines: VecDeque<LogLine>,
    /// Why the stream ended, once it has.
    pub ended: Option<String>,
}

/// Lines kept of a followed log.
pub const LOG_LINES: usize = 1000;

/// A one-line message on the footer until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

#[derive(Debug, Clone)]
pub struct App {
    pub meta: Meta,
    pub info: Option<Info>,
    pub nodes: Vec<NodeView>,
    pub networks: Vec<NetworkView>,
    pub services: Vec<ServiceView>,
    pub tasks: Vec<TaskView>,
    /// Never empty: the bottom is a top-level list.
    pub stack: Vec<Page>,
    pub mode: Mode,
    pub conn: Conn,
    /// The clock, set by the loop (ages are relative to it).
    pub now: OffsetDateTime,
    /// When the last list arrived.
    pub updated: Option<OffsetDateTime>,
    pub logs: Option<Logs>,
    pub status: Option<Status>,
    next_stream: u64,
}

impl App {
    pub fn new(meta: Meta, view: Kind, now: OffsetDateTime) -> App {
        App {
            meta,
            info: None,
            nodes: Vec::new(),
            networks: Vec::new(),
            services: Vec::new(),
            tasks: Vec::new(),
            stack: vec![Page::new(Screen::List(view))],
            mode: Mode::Normal,
            conn: Conn::Connecting,
            now,
            updated: None,
            logs: None,
            status: None,
            next_stream: 0,
        }
    }

    pub fn page(&self) -> &Page {
        // The stack is never empty: `pop` keeps the bottom page.
        &self.stack[self.stack.len() - 1]
    }

    pub fn page_mut(&mut self) -> &mut Page {
        let last = self.stack.len() - 1;
        &mut self.stack[last]
    }

    /// Takes in one message; returns what to do about it.
    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Info(i) => self.info = Some(i),
            Msg::Nodes(v) => self.set_list(|a| a.nodes = v),
            Msg::Networks(v) => self.set_list(|a| a.networks = v),
            Msg::Services(v) => self.set_list(|a| a.services = v),
            Msg::Tasks(v) => self.set_list(|a| a.tasks = v),
            Msg::Event(e) => return affected(&e).into_iter().map(Effect::Refresh).collect(),
            Msg::Connected => return self.connected(),
            Msg::Disconnected(why) => self.conn = Conn::Disconnected(why),
            Msg::Log { stream, line } => self.log_line(stream, line),
            Msg::LogEnded { stream, error } => {
                if let Some(l) = self.logs.as_mut().filter(|l| l.stream == stream) {
                    l.ended = Some(error.unwrap_or_else(|| "the log ended".into()));
                }
            }
            Msg::Done(r) => self.status = Some(Status::from(r)),
        }
        Vec::new()
    }

    fn set_list(&mut self, set: impl FnOnce(&mut App)) {
        set(self);
        self.updated = Some(self.now);
        self.reselect();
    }

    fn connected(&mut self) -> Vec<Effect> {
        self.conn = Conn::Connected;
        let mut out: Vec<Effect> = Resource::ALL.into_iter().map(Effect::Fetch).collect();
        // A log followed across the outage is followed again from its tail.
        if let Some(target) = self.page().screen.log_target().map(str::to_string) {
            out.push(self.follow(target));
        }
        out
    }

    fn log_line(&mut self, stream: u64, line: LogLine) {
        if let Some(l) = self.logs.as_mut().filter(|l| l.stream == stream) {
            if l.lines.len() == LOG_LINES {
                l.lines.pop_front();
            }
            l.lines.push_back(line);
        }
    }

    /// Starts following `target`'s log (replacing any other).
    pub(super) fn follow(&mut self, target: String) -> Effect {
        self.next_stream += 1;
        self.logs = Some(Logs {
            stream: self.next_stream,
            target: target.clone(),
            lines: VecDeque::new(),
            ended: None,
        });
        Effect::FollowLogs {
            stream: self.next_stream,
            target,
        }
    }

    /// Keeps each page's selection on the same object when the lists change, or
    /// within the list when that object is gone.
    pub(super) fn reselect(&mut self) {
        for i in 0..self.stack.len() {
            let items = self.items(&self.stack[i]);
            let page = &self.stack[i];
            let found = page
                .selected_id
                .as_deref()
                .and_then(|id| items.iter().position(|it| it.id() == id));
            let selected = found.unwrap_or(page.selected.min(items.len().saturating_sub(1)));
            let id = items.get(selected).map(|it| it.id().to_string());
            let page = &mut self.stack[i];
            page.selected = selected;
            page.selected_id = id;
        }
    }
}

impl From<Result<String, String>> for Status {
    fn from(r: Result<String, String>) -> Status {
        match r {
            Ok(text) => Status { text, error: false },
            Err(text) => Status { text, error: true },
        }
    }
}

/// The lists an event changes: a task's state also moves its service's replica count
/// and its networks' endpoints.
pub fn affected(e: &Event) -> Vec<Resource> {
    use Resource::List;
    match e.kind.as_str() {
        "node" => vec![List(Kind::Nodes), Resource::Info],
        "network" => vec![List(Kind::Networks)],
        "service" => vec![List(Kind::Services), List(Kind::Tasks)],
        "task" => vec![
            List(Kind::Tasks),
            List(Kind::Services),
            List(Kind::Networks),
        ],
        _ => Vec::new(),
    }
}
