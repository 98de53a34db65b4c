//! The rows a page lists: which objects a screen shows, the filter, and the counts
//! the header shows. Pure functions of the state.

use super::app::{App, Kind, Page, Screen};
use crate::api::types::{EndpointView, NetworkView, NodeView, ServiceView, TaskView};

/// One selectable row.
#[derive(Debug, Clone, Copy)]
pub enum Item<'a> {
    Node(&'a NodeView),
    Network(&'a NetworkView),
    Service(&'a ServiceView),
    Task(&'a TaskView),
    /// A task's endpoint on a network: its task ID and address.
    Endpoint(&'a str, &'a EndpointView),
}

impl<'a> Item<'a> {
    pub fn id(&self) -> &'a str {
        match self {
            Item::Node(n) => &n.id,
            Item::Network(n) => &n.id,
            Item::Service(s) => &s.id,
            Item::Task(t) => &t.id,
            Item::Endpoint(id, _) => id,
        }
    }

    /// The name an operator knows it by.
    pub fn name(&self) -> &'a str {
        match self {
            Item::Node(n) => &n.description.hostname,
            Item::Network(n) => &n.name,
            Item::Service(s) => service_name(s),
            Item::Task(t) => &t.name,
            Item::Endpoint(_, e) => &e.name,
        }
    }

    /// Whether the row mentions `needle` (already lower case) in a column it shows.
    pub fn matches(&self, needle: &str) -> bool {
        if needle.is_empty() {
            return true;
        }
        let has = |s: &str| contains_lower(s, needle);
        has(self.id())
            || has(self.name())
            || match self {
                Item::Node(n) => has(&n.status.state) || has(&n.status.addr),
                Item::Network(n) => has(&n.driver),
                Item::Service(s) => has(&service_command(s)),
                Item::Task(t) => has(&t.node_name) || has(&t.status.state),
                Item::Endpoint(_, e) => has(&e.ipv4_address) || has(&e.node),
            }
    }
}

/// Case-insensitive `contains`, `needle` being lower case already.
pub fn contains_lower(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    if hay.is_ascii() && needle.is_ascii() {
        return hay
            .as_bytes()
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()));
    }
    hay.to_lowercase().contains(needle)
}

pub fn service_name(s: &ServiceView) -> &str {
    s.spec.get("Name").and_then(|v| v.as_str()).unwrap_or("")
}

/// The service's command as one line (what Docker shows as IMAGE).
pub fn service_command(s: &ServiceView) -> String {
    let words = s.spec.pointer("/TaskTemplate/ContainerSpec/Command");
    words
        .and_then(|w| w.as_array())
        .map(|w| {
            w.iter()
                .filter_map(|x| x.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default()
}

/// `Some(n)` for a replicated service, `None` for a global one.
pub fn service_replicas(s: &ServiceView) -> Option<u64> {
    s.spec.pointer("/Mode/Replicated/Replicas")?.as_u64()
}

/// Counts of tasks by what an operator cares about.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TaskCounts {
    pub running: usize,
    /// On the way to running: new, pending, assigned ... starting.
    pub pending: usize,
    /// Failed, rejected or orphaned.
    pub failed: usize,
    /// Complete or shut down.
    pub stopped: usize,
}

/// How a task state reads at a glance; the colours follow it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StateClass {
    Running,
    Pending,
    Failed,
    Stopped,
}

pub fn task_class(state: &str) -> StateClass {
    match state {
        "running" => StateClass::Running,
        "failed" | "rejected" | "orphaned" => StateClass::Failed,
        "complete" | "shutdown" => StateClass::Stopped,
        _ => StateClass::Pending,
    }
}

impl App {
    /// The rows of `page`, filtered.
    pub fn items(&self, page: &Page) -> Vec<Item<'_>> {
        let needle = page.filter.to_lowercase();
        let keep = |it: &Item| it.matches(&needle);
        match &page.screen {
            Screen::List(kind) => self.list(*kind).filter(keep).collect(),
            Screen::ServiceTasks { service_id, .. } => self
                .tasks
                .iter()
                .filter(|t| &t.service_id == service_id)
                .map(Item::Task)
                .filter(keep)
                .collect(),
            Screen::NodeTasks { node_id, .. } => self
                .tasks
                .iter()
                .filter(|t| &t.node_id == node_id)
                .map(Item::Task)
                .filter(keep)
                .collect(),
            Screen::Network { id, .. } => self
                .network(id)
                .map(|n| {
                    let eps = n.containers.iter();
                    eps.map(|(id, e)| Item::Endpoint(id, e))
                        .filter(keep)
                        .collect()
                })
                .unwrap_or_default(),
            Screen::Task { .. } | Screen::Logs { .. } => Vec::new(),
        }
    }

    fn list(&self, kind: Kind) -> Box<dyn Iterator<Item = Item<'_>> + '_> {
        match kind {
            Kind::Nodes => Box::new(self.nodes.iter().map(Item::Node)),
            Kind::Networks => Box::new(self.networks.iter().map(Item::Network)),
            Kind::Services => Box::new(self.services.iter().map(Item::Service)),
            Kind::Tasks => Box::new(self.tasks.iter().map(Item::Task)),
        }
    }

    /// The selected row of the top page.
    pub fn selected(&self) -> Option<Item<'_>> {
        let page = self.page();
        self.items(page).get(page.selected).copied()
    }

    pub fn network(&self, id: &str) -> Option<&NetworkView> {
        self.networks.iter().find(|n| n.id == id)
    }

    pub fn task(&self, id: &str) -> Option<&TaskView> {
        self.tasks.iter().find(|t| t.id == id)
    }

    pub fn service(&self, id: &str) -> Option<&ServiceView> {
        self.services.iter().find(|s| s.id == id)
    }

    pub fn task_counts(&self) -> TaskCounts {
        let mut c = TaskCounts::default();
        for t in &self.tasks {
            match task_class(&t.status.state) {
                StateClass::Running => c.running += 1,
                StateClass::Pending => c.pending += 1,
                StateClass::Failed => c.failed += 1,
                StateClass::Stopped => c.stopped += 1,
            }
        }
        c
    }

    pub fn ready_nodes(&self) -> usize {
        let ready = |n: &&NodeView| n.status.state == "ready";
        self.nodes.iter().filter(ready).count()
    }
}
