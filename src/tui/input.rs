//! What keys do to the state: moving, drilling down and back, the prompts (filter,
//! `:` views, scale, remove). Returns the effects for the API layer to carry out.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind};

use super::{
    app::{App, Effect, Kind, Mode, Page, Screen, Status},
    items::{Item, service_replicas},
    keys::{self, Action, Edit},
};

/// Rows a page key moves (the list's height at 80x24, near enough at any size).
pub const PAGE: usize = 15;

impl App {
    /// Takes in one key.
    pub fn key(&mut self, key: KeyEvent) -> Vec<Effect> {
        if key.kind != KeyEventKind::Press {
            return Vec::new();
        }
        match &self.mode {
            Mode::Normal => {
                self.status = None;
                keys::normal(&key).map(|a| self.act(a)).unwrap_or_default()
            }
            Mode::Help => {
                self.mode = Mode::Normal;
                Vec::new()
            }
            Mode::Confirm { .. } => self.confirm(&key),
            _ => keys::edit(&key).map(|e| self.edit(e)).unwrap_or_default(),
        }
    }

    fn act(&mut self, a: Action) -> Vec<Effect> {
        match a {
            Action::Up => self.step(-1),
            Action::Down => self.step(1),
            Action::PageUp => self.step(-(PAGE as isize)),
            Action::PageDown => self.step(PAGE as isize),
            Action::Top => self.step(isize::MIN / 2),
            Action::Bottom => self.step(isize::MAX / 2),
            Action::Enter => return self.drill(),
            Action::Back => return self.back(),
            Action::Filter => self.mode = Mode::Filter,
            Action::Command => self.mode = Mode::Command(String::new()),
            Action::Scale => self.scale_prompt(),
            Action::Remove => self.remove_prompt(),
            Action::Logs => return self.open_logs(),
            Action::Help => self.mode = Mode::Help,
            Action::Quit => return vec![Effect::Quit],
        }
        Vec::new()
    }

    fn step(&mut self, delta: isize) {
        let items = self.items(self.page());
        let Some(last) = items.len().checked_sub(1) else {
            return;
        };
        let at = self.page().selected as isize;
        let to = at.saturating_add(delta).clamp(0, last as isize) as usize;
        let id = items[to].id().to_string();
        let page = self.page_mut();
        page.selected = to;
        page.selected_id = Some(id);
    }

    fn push(&mut self, screen: Screen) {
        self.stack.push(Page::new(screen));
        self.reselect();
    }

    fn drill(&mut self) -> Vec<Effect> {
        let screen = match self.selected() {
            Some(Item::Service(s)) => Screen::ServiceTasks {
                service_id: s.id.clone(),
                name: super::items::service_name(s).to_string(),
            },
            Some(Item::Node(n)) => Screen::NodeTasks {
                node_id: n.id.clone(),
                name: n.description.hostname.clone(),
            },
            Some(Item::Network(n)) => Screen::Network {
                id: n.id.clone(),
                name: n.name.clone(),
            },
            Some(Item::Task(t)) => Screen::Task { id: t.id.clone() },
            Some(Item::Endpoint(id, _)) => Screen::Task { id: id.to_string() },
            None => return Vec::new(),
        };
        let follow = screen.log_target().map(str::to_string);
        self.push(screen);
        follow.map(|t| vec![self.follow(t)]).unwrap_or_default()
    }

    fn back(&mut self) -> Vec<Effect> {
        if !self.page().filter.is_empty() {
            self.page_mut().filter.clear();
            self.reselect();
            return Vec::new();
        }
        if self.stack.len() == 1 {
            return Vec::new();
        }
        let gone = self.stack.pop().map(|p| p.screen);
        let mut out = Vec::new();
        if gone.as_ref().and_then(Screen::log_target).is_some() {
            self.logs = None;
            out.push(Effect::StopLogs);
        }
        // Back from a service's logs to a task's page: that task's log again.
        if let Some(t) = self.page().screen.log_target().map(str::to_string) {
            out.push(self.follow(t));
        }
        out
    }

    /// `:svc` and friends: that view alone on the stack.
    fn jump(&mut self, kind: Kind) -> Vec<Effect> {
        let following = self.logs.take().is_some();
        self.stack = vec![Page::new(Screen::List(kind))];
        self.reselect();
        if following {
            vec![Effect::StopLogs]
        } else {
            Vec::new()
        }
    }

    fn open_logs(&mut self) -> Vec<Effect> {
        let (target, title) = match (self.selected(), &self.page().screen) {
            (Some(Item::Service(s)), _) => (s.id.clone(), super::items::service_name(s).into()),
            (Some(Item::Task(t)), _) => (t.id.clone(), t.name.clone()),
            (Some(Item::Endpoint(id, e)), _) => (id.to_string(), e.name.clone()),
            (_, Screen::Task { id }) => {
                let name = self.task(id).map(|t| t.name.clone()).unwrap_or(id.clone());
                (id.clone(), name)
            }
            _ => {
                self.error("logs: select a service or a task");
                return Vec::new();
            }
        };
        let follow = self.follow(target.clone());
        self.push(Screen::Logs { target, title });
        vec![follow]
    }

    /// The service `s` and `ctrl-d` act on from this page, if any.
    fn target_service(&self) -> Option<(String, String, Option<u64>)> {
        let svc = match (self.selected(), &self.page().screen) {
            (Some(Item::Service(s)), _) => s,
            (_, Screen::ServiceTasks { service_id, .. }) => self.service(service_id)?,
            (Some(Item::Task(t)), _) => self.service(&t.service_id)?,
            _ => return None,
        };
        let name = super::items::service_name(svc).to_string();
        Some((svc.id.clone(), name, service_replicas(svc)))
    }

    fn scale_prompt(&mut self) {
        match self.target_service() {
            Some((service_id, name, Some(n))) => {
                self.mode = Mode::Scale {
                    service_id,
                    name,
                    input: n.to_string(),
                }
            }
            Some((_, name, None)) => {
                self.error(&format!("{name} is global: it runs one task per node"))
            }
            None => self.error("scale: select a service"),
        }
    }

    fn remove_prompt(&mut self) {
        let (kind, id, name) = match self.selected() {
            Some(Item::Service(s)) => (Kind::Services, s.id.clone(), Item::Service(s).name()),
            Some(Item::Network(n)) => (Kind::Networks, n.id.clone(), n.name.as_str()),
            Some(Item::Node(n)) => (Kind::Nodes, n.id.clone(), n.description.hostname.as_str()),
            Some(Item::Task(_) | Item::Endpoint(..)) => {
                self.error("a task goes with its service: scale or remove the service");
                return;
            }
            None => return,
        };
        let name = name.to_string();
        self.mode = Mode::Confirm { kind, id, name };
    }

    fn confirm(&mut self, key: &KeyEvent) -> Vec<Effect> {
        let Mode::Confirm { kind, id, name } = std::mem::replace(&mut self.mode, Mode::Normal)
        else {
            return Vec::new();
        };
        if matches!(key.code, KeyCode::Char('y') | KeyCode::Char('Y')) {
            self.info_line(&format!("removing {} {name}...", kind.noun()));
            vec![Effect::Remove { kind, id, name }]
        } else {
            self.info_line(&format!("{} {name} not removed", kind.noun()));
            Vec::new()
        }
    }

    fn edit(&mut self, e: Edit) -> Vec<Effect> {
        match std::mem::replace(&mut self.mode, Mode::Normal) {
            Mode::Filter => self.edit_filter(e),
            Mode::Command(text) => return self.edit_command(text, e),
            Mode::Scale {
                service_id,
                name,
                input,
            } => return self.edit_scale(service_id, name, input, e),
            other => self.mode = other,
        }
        Vec::new()
    }

    fn edit_command(&mut self, mut text: String, e: Edit) -> Vec<Effect> {
        match e {
            Edit::Char(c) => text.push(c),
            Edit::Backspace if text.pop().is_some() => {}
            // Backspace on an empty prompt leaves it, as in vim.
            Edit::Backspace | Edit::Cancel => return Vec::new(),
            Edit::Submit => return self.command(text.trim()),
        }
        self.mode = Mode::Command(text);
        Vec::new()
    }

    fn edit_scale(
        &mut self,
        service_id: String,
        name: String,
        mut input: String,
        e: Edit,
    ) -> Vec<Effect> {
        match e {
            Edit::Char(c) if c.is_ascii_digit() && input.len() < 6 => input.push(c),
            Edit::Char(_) => {}
            Edit::Backspace => {
                input.pop();
            }
            Edit::Cancel => return Vec::new(),
            Edit::Submit => return self.scale(service_id, name, &input),
        }
        self.mode = Mode::Scale {
            service_id,
            name,
            input,
        };
        Vec::new()
    }

    fn edit_filter(&mut self, e: Edit) {
        let page = self.page_mut();
        match e {
            Edit::Char(c) => page.filter.push(c),
            Edit::Backspace => {
                page.filter.pop();
            }
            Edit::Submit => return,
            Edit::Cancel => page.filter.clear(),
        }
        if e != Edit::Cancel {
            self.mode = Mode::Filter;
        }
        // A new filter starts at its first match.
        let page = self.page_mut();
        page.selected = 0;
        page.selected_id = None;
        self.reselect();
    }

    fn command(&mut self, text: &str) -> Vec<Effect> {
        match text {
            "q" | "q!" | "quit" => vec![Effect::Quit],
            "help" | "?" => {
                self.mode = Mode::Help;
                Vec::new()
            }
            "" => Vec::new(),
            word => match Kind::parse(word) {
                Some(kind) => self.jump(kind),
                None => {
                    self.error(&format!("no view {word:?}: try :svc :net :no :task"));
                    Vec::new()
                }
            },
        }
    }

    fn scale(&mut self, service_id: String, name: String, input: &str) -> Vec<Effect> {
        let Ok(replicas) = input.parse::<u64>() else {
            self.error("scale: type a number of replicas");
            return Vec::new();
        };
        self.info_line(&format!("scaling {name} to {replicas}..."));
        vec![Effect::Scale {
            service_id,
            name,
            replicas,
        }]
    }

    fn error(&mut self, text: &str) {
        self.status = Some(Status {
            text: text.to_string(),
            error: true,
        });
    }

    fn info_line(&mut self, text: &str) {
        self.status = Some(Status {
            text: text.to_string(),
            error: false,
        });
    }
}
