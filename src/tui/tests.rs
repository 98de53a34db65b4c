//! Rendering snapshots on ratatui's `TestBackend` (each view, the drill-downs, the
//! help overlay, a lost manager) and the state's answers to keys and messages.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::{Terminal, backend::TestBackend, style::Color};

use super::{
    app::{App, Conn, Effect, Kind, Mode, Msg, Resource, Screen},
    fixtures::{self, small},
    views,
};
use crate::api::types::{Actor, Event, LogLine};

fn render(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| views::draw(f, app)).unwrap();
    t
}

fn screen(app: &App) -> String {
    render(app, 80, 24).backend().to_string()
}

fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    app.key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn typed(app: &mut App, text: &str) -> Vec<Effect> {
    text.chars()
        .flat_map(|c| press(app, KeyCode::Char(c)))
        .collect()
}

fn ctrl(app: &mut App, c: char) -> Vec<Effect> {
    app.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

fn log(task: &str, text: &str) -> LogLine {
    LogLine {
        task_id: "t".into(),
        task_name: task.into(),
        node_id: "n".into(),
        node_name: "node-2".into(),
        stream: "stdout".into(),
        time: "2026-12-01T11:59:59Z".into(),
        log: format!("{text}\n"),
    }
}

fn event(kind: &str) -> Event {
    Event {
        kind: kind.into(),
        action: "update".into(),
        actor: Actor {
            id: "x".into(),
            attributes: Default::default(),
        },
        time: 0,
        time_nano: 0,
    }
}

#[test]
fn services_view() {
    insta::assert_snapshot!(screen(&small(Kind::Services)));
}

#[test]
fn nodes_view() {
    insta::assert_snapshot!(screen(&small(Kind::Nodes)));
}

#[test]
fn networks_view() {
    insta::assert_snapshot!(screen(&small(Kind::Networks)));
}

#[test]
fn tasks_view() {
    insta::assert_snapshot!(screen(&small(Kind::Tasks)));
}

#[test]
fn service_drills_down_to_its_tasks() {
    let mut app = small(Kind::Services);
    assert!(press(&mut app, KeyCode::Enter).is_empty());
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn network_drills_down_to_peers_and_endpoints() {
    let mut app = small(Kind::Networks);
    press(&mut app, KeyCode::Enter);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn task_drills_down_to_details_and_its_followed_log() {
    let mut app = small(Kind::Tasks);
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('j'));
    let effects = press(&mut app, KeyCode::Enter);
    let task = app.tasks[2].id.clone();
    assert_eq!(
        effects,
        [Effect::FollowLogs {
            stream: 1,
            target: task
        }]
    );
    for i in 0..30 {
        app.update(Msg::Log {
            stream: 1,
            line: log("my-web.3", &format!("line {i}")),
        });
    }
    // A line of a stream no longer followed is dropped.
    app.update(Msg::Log {
        stream: 0,
        line: log("my-web.3", "stale"),
    });
    let shown = screen(&app);
    assert!(
        shown.contains("line 29") && !shown.contains("stale"),
        "{shown}"
    );
    insta::assert_snapshot!(shown);
    assert_eq!(press(&mut app, KeyCode::Esc), [Effect::StopLogs]);
    assert_eq!(app.page().screen, Screen::List(Kind::Tasks));
}

#[test]
fn help_overlay_lists_every_key() {
    let mut app = small(Kind::Services);
    press(&mut app, KeyCode::Char('?'));
    let shown = screen(&app);
    for (key, _) in super::keys::HELP {
        assert!(shown.contains(key), "{key} missing from\n{shown}");
    }
    insta::assert_snapshot!(shown);
    press(&mut app, KeyCode::Char('x'));
    assert_eq!(app.mode, Mode::Normal);
}

#[test]
fn lost_manager_shows_disconnected_and_keeps_the_lists() {
    let mut app = small(Kind::Services);
    app.update(Msg::Disconnected(
        "cannot connect to unix:///x.sock: No such file".into(),
    ));
    let shown = screen(&app);
    insta::assert_snapshot!(shown);
    assert!(shown.contains("disconnected, retrying"));
    assert!(shown.contains("my-web"));
    // Back again: every list is fetched afresh.
    let effects = app.update(Msg::Connected);
    assert_eq!(effects, Resource::ALL.map(Effect::Fetch).to_vec());
    assert_eq!(app.conn, Conn::Connected);
}

#[test]
fn filter_narrows_the_rows_and_esc_clears_it() {
    let mut app = small(Kind::Tasks);
    typed(&mut app, "/my-web");
    assert_eq!(app.mode, Mode::Filter);
    let shown = screen(&app);
    assert!(shown.contains("Tasks /my-web (4 of 7)"), "{shown}");
    assert!(
        !shown.contains("monitor") && !shown.contains("my-client"),
        "{shown}"
    );
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.page().filter, "my-web");
    typed(&mut app, "/zz");
    assert!(screen(&app).contains("nothing matches /my-webzz"));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.page().filter, "");
    assert!(screen(&app).contains("monitor"));
}

#[test]
fn states_are_coloured_and_spelled_out() {
    let t = render(&small(Kind::Tasks), 80, 24);
    let buf = t.backend().buffer();
    let colour_of = |word: &str| {
        for y in 0..buf.area.height {
            let line: String = (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect();
            if let Some(x) = line.find(&format!(" {word} ")) {
                return Some(buf[((x + 1) as u16, y)].fg);
            }
        }
        None
    };
    assert_eq!(colour_of("running"), Some(Color::Green));
    assert_eq!(colour_of("failed"), Some(Color::Red));
    assert_eq!(colour_of("pending"), Some(Color::Yellow));
}

#[test]
fn colon_jumps_to_a_view() {
    let mut app = small(Kind::Services);
    press(&mut app, KeyCode::Enter);
    for (cmd, kind) in [
        (":net", Kind::Networks),
        (":no", Kind::Nodes),
        (":task", Kind::Tasks),
        (":svc", Kind::Services),
    ] {
        typed(&mut app, cmd);
        press(&mut app, KeyCode::Enter);
        assert_eq!(app.stack.len(), 1);
        assert_eq!(app.page().screen, Screen::List(kind), "{cmd}");
    }
    typed(&mut app, ":pods");
    press(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("no view \"pods\""));
    typed(&mut app, ":q");
    assert_eq!(press(&mut app, KeyCode::Enter), [Effect::Quit]);
}

#[test]
fn s_scales_the_service_after_a_prompt() {
    let mut app = small(Kind::Services);
    press(&mut app, KeyCode::Char('s'));
    assert!(screen(&app).contains("scale my-web to: 3"));
    press(&mut app, KeyCode::Backspace);
    let effects = typed(&mut app, "5x");
    assert!(effects.is_empty());
    let effects = press(&mut app, KeyCode::Enter);
    assert_eq!(
        effects,
        [Effect::Scale {
            service_id: app.services[0].id.clone(),
            name: "my-web".into(),
            replicas: 5
        }]
    );
    // A global service has no count to scale.
    press(&mut app, KeyCode::End);
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(app.mode, Mode::Normal);
    assert!(screen(&app).contains("monitor is global"));
    app.update(Msg::Done(Ok("scaled my-web to 5".into())));
    assert!(screen(&app).contains("scaled my-web to 5"));
}

#[test]
fn ctrl_d_removes_only_after_y() {
    let mut app = small(Kind::Services);
    assert!(ctrl(&mut app, 'd').is_empty());
    assert!(screen(&app).contains("remove service my-web? y/N"));
    assert!(press(&mut app, KeyCode::Char('n')).is_empty());
    assert!(screen(&app).contains("service my-web not removed"));
    ctrl(&mut app, 'd');
    let effects = press(&mut app, KeyCode::Char('y'));
    assert_eq!(
        effects,
        [Effect::Remove {
            kind: Kind::Services,
            id: app.services[0].id.clone(),
            name: "my-web".into()
        }]
    );
    let mut app = small(Kind::Tasks);
    assert!(ctrl(&mut app, 'd').is_empty());
    assert_eq!(app.mode, Mode::Normal);
}

#[test]
fn l_follows_a_services_logs() {
    let mut app = small(Kind::Services);
    let effects = press(&mut app, KeyCode::Char('l'));
    let id = app.services[0].id.clone();
    assert_eq!(
        effects,
        [Effect::FollowLogs {
            stream: 1,
            target: id.clone()
        }]
    );
    app.update(Msg::Log {
        stream: 1,
        line: log("my-web.1", "GET / 200"),
    });
    app.update(Msg::LogEnded {
        stream: 1,
        error: Some("node-3 is down".into()),
    });
    let shown = screen(&app);
    assert!(shown.contains("my-web.1@node-2 | GET / 200"), "{shown}");
    assert!(shown.contains("(node-3 is down)"), "{shown}");
    // After an outage the log is followed again.
    let effects = app.update(Msg::Connected);
    assert_eq!(
        effects.last(),
        Some(&Effect::FollowLogs {
            stream: 2,
            target: id
        })
    );
    let mut app = small(Kind::Nodes);
    assert!(press(&mut app, KeyCode::Char('l')).is_empty());
    assert!(screen(&app).contains("select a service or a task"));
}

#[test]
fn events_refresh_only_what_they_touch() {
    let mut app = small(Kind::Services);
    let refresh = |app: &mut App, kind| app.update(Msg::Event(event(kind)));
    assert_eq!(
        refresh(&mut app, "network"),
        [Effect::Refresh(Resource::List(Kind::Networks))]
    );
    assert_eq!(
        refresh(&mut app, "node"),
        [
            Effect::Refresh(Resource::List(Kind::Nodes)),
            Effect::Refresh(Resource::Info)
        ]
    );
    let task = refresh(&mut app, "task");
    assert!(task.contains(&Effect::Refresh(Resource::List(Kind::Tasks))));
    assert!(!task.contains(&Effect::Refresh(Resource::List(Kind::Nodes))));
    assert!(refresh(&mut app, "secret").is_empty());
}

#[test]
fn selection_follows_its_object_when_the_list_changes() {
    let mut app = small(Kind::Services);
    press(&mut app, KeyCode::Down);
    assert_eq!(
        app.page().selected_id.as_deref(),
        Some(app.services[1].id.as_str())
    );
    let mut services = app.services.clone();
    services.remove(0);
    app.update(Msg::Services(services));
    assert_eq!(app.page().selected, 0);
    assert_eq!(app.selected().map(|s| s.name()), Some("my-client"));
    app.update(Msg::Services(Vec::new()));
    assert!(app.selected().is_none());
    press(&mut app, KeyCode::Down);
    assert!(screen(&app).contains("none"));
}

#[test]
fn any_size_renders_and_long_lists_page() {
    let mut app = fixtures::big(1000);
    for (w, h) in [(1, 1), (20, 5), (80, 24), (200, 50), (300, 8)] {
        render(&app, w, h);
    }
    press(&mut app, KeyCode::End);
    assert_eq!(app.page().selected, 1006);
    let shown = screen(&app);
    assert!(
        shown.contains(&fixtures::big(1000).tasks[1006].name),
        "{shown}"
    );
    press(&mut app, KeyCode::PageUp);
    assert_eq!(app.page().selected, 1006 - super::input::PAGE);
    let mut app = small(Kind::Services);
    press(&mut app, KeyCode::Char('?'));
    render(&app, 30, 6);
}
