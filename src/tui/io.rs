//! The API layer, thin on purpose: it carries out the state's effects against the
//! manager's API and posts what comes back onto the loop's queue as messages. The
//! event stream is watched (and reopened after an outage) by a task of its own; list
//! fetches go through one fetcher, which takes every request queued while it waited
//! (debounced) and fetches each list once, in order, so answers never arrive stale.

use std::{collections::BTreeSet, time::Duration};

use futures::StreamExt;
use tokio::{sync::mpsc, task::JoinHandle};

use super::app::{Effect, Kind, Msg, Resource};
use crate::api::{
    client::{Client, ClientError},
    types::{Event, LogLine, ServiceUpdateRequest},
};

/// How long a refresh waits for more events to come with it.
pub const DEBOUNCE: Duration = Duration::from_millis(100);
/// How long the watcher waits before reopening a broken event stream.
pub const RETRY: Duration = Duration::from_secs(1);
/// Lines of a log shown when following starts.
const LOG_TAIL: usize = 200;

pub type Queue = mpsc::UnboundedSender<Msg>;

/// The running API side: the event watcher, the fetcher and the followed log.
pub struct Io {
    client: Client,
    queue: Queue,
    fetches: mpsc::UnboundedSender<(Resource, bool)>,
    tasks: Vec<JoinHandle<()>>,
    log: Option<JoinHandle<()>>,
}

impl Io {
    pub fn start(client: Client, queue: Queue) -> Io {
        let (fetches, requests) = mpsc::unbounded_channel();
        let tasks = vec![
            tokio::spawn(watch(client.clone(), queue.clone())),
            tokio::spawn(fetcher(client.clone(), requests, queue.clone())),
        ];
        Io {
            client,
            queue,
            fetches,
            tasks,
            log: None,
        }
    }

    /// Carries out one effect (all but `Quit`, which is the loop's).
    pub fn run(&mut self, e: Effect) {
        match e {
            Effect::Fetch(r) => drop(self.fetches.send((r, false))),
            Effect::Refresh(r) => drop(self.fetches.send((r, true))),
            Effect::Scale {
                service_id,
                name,
                replicas,
            } => self.spawn_action(scale(self.client.clone(), service_id, name, replicas)),
            Effect::Remove { kind, id, name } => {
                self.spawn_action(remove(self.client.clone(), kind, id, name))
            }
            Effect::FollowLogs { stream, target } => {
                self.stop_logs();
                let follow = follow(self.client.clone(), stream, target, self.queue.clone());
                self.log = Some(tokio::spawn(follow));
            }
            Effect::StopLogs => self.stop_logs(),
            Effect::Quit => {}
        }
    }

    fn spawn_action(&self, action: impl Future<Output = Result<String, String>> + Send + 'static) {
        let queue = self.queue.clone();
        tokio::spawn(async move {
            let _ = queue.send(Msg::Done(action.await));
        });
    }

    fn stop_logs(&mut self) {
        if let Some(h) = self.log.take() {
            h.abort();
        }
    }
}

impl Drop for Io {
    fn drop(&mut self) {
        self.stop_logs();
        for t in &self.tasks {
            t.abort();
        }
    }
}

/// Follows the event stream; says when it opens and when it breaks, and reopens it.
async fn watch(client: Client, queue: Queue) {
    loop {
        let why = match client.stream::<Event>("/v1/events").await {
            Ok(stream) => {
                if queue.send(Msg::Connected).is_err() {
                    return;
                }
                futures::pin_mut!(stream);
                loop {
                    match stream.next().await {
                        Some(Ok(e)) => drop(queue.send(Msg::Event(e))),
                        Some(Err(e)) => break e.to_string(),
                        None => break "the manager closed the event stream".to_string(),
                    }
                }
            }
            Err(e) => e.to_string(),
        };
        tracing::info!(%why, "event stream lost; retrying");
        if queue.send(Msg::Disconnected(why)).is_err() {
            return;
        }
        tokio::time::sleep(RETRY).await;
    }
}

/// Fetches what is asked, one list at a time; a refresh (`true`) first waits
/// `DEBOUNCE` for more requests, and requests queued meanwhile are merged.
async fn fetcher(
    client: Client,
    mut requests: mpsc::UnboundedReceiver<(Resource, bool)>,
    queue: Queue,
) {
    while let Some((first, debounced)) = requests.recv().await {
        if debounced {
            tokio::time::sleep(DEBOUNCE).await;
        }
        let mut wanted = BTreeSet::from([first]);
        while let Ok((r, _)) = requests.try_recv() {
            wanted.insert(r);
        }
        for r in wanted {
            let msg = match fetch(&client, r).await {
                Ok(m) => m,
                Err(e) => {
                    tracing::warn!(?r, error = %e, "fetch failed");
                    // A lost connection shows in the header, from the watcher.
                    if matches!(e, ClientError::Connect { .. }) {
                        continue;
                    }
                    Msg::Done(Err(e.to_string()))
                }
            };
            if queue.send(msg).is_err() {
                return;
            }
        }
    }
}

async fn fetch(client: &Client, r: Resource) -> Result<Msg, ClientError> {
    Ok(match r {
        Resource::Info => Msg::Info(client.get("/v1/info").await?),
        Resource::List(k) => match k {
            Kind::Nodes => Msg::Nodes(client.get(k.path()).await?),
            Kind::Networks => Msg::Networks(client.get(k.path()).await?),
            Kind::Services => Msg::Services(client.get(k.path()).await?),
            Kind::Tasks => Msg::Tasks(client.get(k.path()).await?),
        },
    })
}

async fn scale(client: Client, id: String, name: String, replicas: u64) -> Result<String, String> {
    let req = ServiceUpdateRequest {
        replicas: Some(replicas),
        ..Default::default()
    };
    let path = format!("/v1/services/{id}/update");
    match client.post::<_, serde_json::Value>(&path, &req).await {
        Ok(_) => Ok(format!("scaled {name} to {replicas}")),
        Err(e) => Err(format!("cannot scale {name}: {e}")),
    }
}

async fn remove(client: Client, kind: Kind, id: String, name: String) -> Result<String, String> {
    let noun = kind.noun();
    match client
        .delete::<serde_json::Value>(&format!("{}/{id}", kind.path()))
        .await
    {
        Ok(_) => Ok(format!("removed {noun} {name}")),
        Err(e) => Err(format!("cannot remove {noun} {name}: {e}")),
    }
}

/// Follows `target`'s log until the stream ends or the follower is aborted.
async fn follow(client: Client, stream: u64, target: String, queue: Queue) {
    let path = format!("/v1/logs/{target}?follow=true&tail={LOG_TAIL}");
    let error = match client.stream::<LogLine>(&path).await {
        Ok(lines) => {
            futures::pin_mut!(lines);
            loop {
                match lines.next().await {
                    Some(Ok(line)) => {
                        if queue.send(Msg::Log { stream, line }).is_err() {
                            return;
                        }
                    }
                    Some(Err(e)) => break Some(e.to_string()),
                    None => break None,
                }
            }
        }
        Err(e) => Some(e.to_string()),
    };
    let _ = queue.send(Msg::LogEnded { stream, error });
}

#[cfg(test)]
mod tests {
    use std::{
        collections::BTreeMap,
        sync::{Arc, Mutex},
    };

    use axum::{
        Json, Router,
        body::Body,
        extract::{Path, State},
        http::Uri,
        routing::{get, post},
    };
    use tokio::sync::broadcast;

    use super::*;
    use crate::{
        api::types::{Actor, Info},
        tui::app::{App, Meta},
    };

    /// Scale requests as the fake got them: service, replicas.
    type Scaled = Vec<(String, Option<u64>)>;

    /// A manager's API that counts the lists fetched and streams the events it is given.
    #[derive(Clone)]
    struct Fake {
        hits: Arc<Mutex<BTreeMap<String, usize>>>,
        events: broadcast::Sender<Event>,
        scaled: Arc<Mutex<Scaled>>,
    }

    impl Fake {
        fn hits(&self, path: &str) -> usize {
            self.hits.lock().unwrap().get(path).copied().unwrap_or(0)
        }
    }

    async fn list(State(f): State<Fake>, uri: Uri) -> Json<serde_json::Value> {
        *f.hits
            .lock()
            .unwrap()
            .entry(uri.path().to_string())
            .or_default() += 1;
        Json(serde_json::json!([]))
    }

    async fn info(State(f): State<Fake>) -> Json<Info> {
        *f.hits.lock().unwrap().entry("/v1/info".into()).or_default() += 1;
        Json(Info {
            node_name: "node-1".into(),
            state: "manager".into(),
            node_id: None,
            cluster_id: None,
            managers: Vec::new(),
            is_leader: true,
            version: "test".into(),
            gossip: None,
        })
    }

    async fn stream_events(State(f): State<Fake>) -> Body {
        let rx = f.events.subscribe();
        let lines = futures::stream::unfold(rx, |mut rx| async move {
            let e = rx.recv().await.ok()?;
            let mut line = serde_json::to_vec(&e).unwrap();
            line.push(b'\n');
            Some((Ok::<_, std::io::Error>(line), rx))
        });
        Body::from_stream(lines)
    }

    async fn update(
        State(f): State<Fake>,
        Path(id): Path<String>,
        Json(req): Json<ServiceUpdateRequest>,
    ) -> Json<serde_json::Value> {
        f.scaled.lock().unwrap().push((id, req.replicas));
        Json(serde_json::json!({}))
    }

    fn serve(dir: &std::path::Path) -> (Fake, Client) {
        let (events, _) = broadcast::channel(64);
        let fake = Fake {
            hits: Default::default(),
            events,
            scaled: Default::default(),
        };
        let router = Router::new()
            .route("/v1/info", get(info))
            .route("/v1/events", get(stream_events))
            .route("/v1/services/{id}/update", post(update))
            .fallback(list)
            .with_state(fake.clone());
        let sock = dir.join("api.sock");
        let listener = tokio::net::UnixListener::bind(&sock).unwrap();
        tokio::spawn(crate::api::serve::serve_unix(
            listener,
            router,
            std::future::pending(),
        ));
        (fake, Client::unix(sock))
    }

    /// The loop without a terminal: messages into the state, its effects to `io`.
    async fn pump(
        app: &mut App,
        io: &mut Io,
        inbox: &mut mpsc::UnboundedReceiver<Msg>,
        until: impl Fn(&App) -> bool,
    ) {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
        while !until(app) {
            let msg = tokio::time::timeout_at(deadline, inbox.recv()).await;
            let msg = msg.expect("the state was not reached in time").unwrap();
            for e in app.update(msg) {
                io.run(e);
            }
        }
    }

    fn task_event() -> Event {
        Event {
            kind: "task".into(),
            action: "update".into(),
            actor: Actor {
                id: "t1".into(),
                attributes: BTreeMap::new(),
            },
            time: 0,
            time_nano: 0,
        }
    }

    #[tokio::test]
    async fn fetches_all_on_connect_then_once_per_burst_what_events_touch() {
        let dir = tempfile::tempdir().unwrap();
        let (fake, client) = serve(dir.path());
        let (queue, mut inbox) = mpsc::unbounded_channel();
        let mut io = Io::start(client, queue);
        let mut app = App::new(
            Meta::default(),
            Kind::Services,
            time::OffsetDateTime::UNIX_EPOCH,
        );
        pump(&mut app, &mut io, &mut inbox, |a| {
            a.info.is_some() && fake.hits("/v1/tasks") == 1
        })
        .await;
        for path in ["/v1/info", "/v1/nodes", "/v1/networks", "/v1/services"] {
            assert_eq!(fake.hits(path), 1, "{path}");
        }

        // Ten task events at once: one fetch of each list they touch, none of the rest.
        for _ in 0..10 {
            fake.events.send(task_event()).unwrap();
        }
        pump(&mut app, &mut io, &mut inbox, |_| {
            fake.hits("/v1/networks") == 2
        })
        .await;
        tokio::time::sleep(DEBOUNCE * 3).await;
        while let Ok(msg) = inbox.try_recv() {
            for e in app.update(msg) {
                io.run(e);
            }
        }
        assert_eq!(fake.hits("/v1/tasks"), 2);
        assert_eq!(fake.hits("/v1/services"), 2);
        assert_eq!(fake.hits("/v1/networks"), 2);
        assert_eq!(fake.hits("/v1/nodes"), 1);
        assert_eq!(fake.hits("/v1/info"), 1);

        io.run(Effect::Scale {
            service_id: "s1".into(),
            name: "my-web".into(),
            replicas: 5,
        });
        pump(&mut app, &mut io, &mut inbox, |a| a.status.is_some()).await;
        assert_eq!(
            app.status.as_ref().map(|s| s.text.as_str()),
            Some("scaled my-web to 5")
        );
        assert_eq!(*fake.scaled.lock().unwrap(), [("s1".to_string(), Some(5))]);
    }
}
