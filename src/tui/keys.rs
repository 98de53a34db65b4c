//! The key map: what each key does in the list views and while typing a prompt, and
//! the table the help overlay (`?`) shows, kept beside the map so neither goes stale.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a key asks for outside a prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Enter,
    Back,
    Filter,
    Command,
    Scale,
    Remove,
    Logs,
    Help,
    Quit,
}

/// What a key does to a prompt's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Char(char),
    Backspace,
    Submit,
    Cancel,
}

/// Every key, as the help overlay lists it.
pub const HELP: &[(&str, &str)] = &[
    ("↑ ↓  j k", "move the selection"),
    ("PgUp PgDn  ctrl-b ctrl-f", "a page up or down"),
    ("Home End  g G", "first or last row"),
    ("Enter", "open: its tasks, endpoints or details"),
    ("Esc", "clear the filter, else back"),
    ("/", "filter the rows (Enter keeps it, Esc clears it)"),
    (":", "jump to a view: :svc :net :no :task (:q quits)"),
    ("s", "scale the selected service"),
    ("ctrl-d", "remove the selected service, network or node"),
    ("l", "follow the logs of the selected service or task"),
    ("?", "this help (any key closes it)"),
    ("q  ctrl-c", "quit"),
];

fn ctrl(key: &KeyEvent) -> bool {
    key.modifiers.contains(KeyModifiers::CONTROL)
}

/// The action of a key in the views.
pub fn normal(key: &KeyEvent) -> Option<Action> {
    use Action::*;
    if ctrl(key) {
        return match key.code {
            KeyCode::Char('d') => Some(Remove),
            KeyCode::Char('c') => Some(Quit),
            KeyCode::Char('b') => Some(PageUp),
            KeyCode::Char('f') => Some(PageDown),
            _ => None,
        };
    }
    Some(match key.code {
        KeyCode::Up | KeyCode::Char('k') => Up,
        KeyCode::Down | KeyCode::Char('j') => Down,
        KeyCode::PageUp => PageUp,
        KeyCode::PageDown => PageDown,
        KeyCode::Home | KeyCode::Char('g') => Top,
        KeyCode::End | KeyCode::Char('G') => Bottom,
        KeyCode::Enter => Enter,
        KeyCode::Esc => Back,
        KeyCode::Char('/') => Filter,
        KeyCode::Char(':') => Command,
        KeyCode::Char('s') => Scale,
        KeyCode::Char('l') => Logs,
        KeyCode::Char('?') => Help,
        KeyCode::Char('q') => Quit,
        _ => return None,
    })
}

/// The edit of a key in a prompt.
pub fn edit(key: &KeyEvent) -> Option<Edit> {
    if ctrl(key) {
        return matches!(key.code, KeyCode::Char('c') | KeyCode::Char('g')).then_some(Edit::Cancel);
    }
    Some(match key.code {
        KeyCode::Char(c) => Edit::Char(c),
        KeyCode::Backspace => Edit::Backspace,
        KeyCode::Enter => Edit::Submit,
        KeyCode::Esc => Edit::Cancel,
        _ => return None,
    })
}
