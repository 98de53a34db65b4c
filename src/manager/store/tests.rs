//! Tests of the replicated store: one manager, a restart from disk, three managers with a
//! failover, and a new manager catching up from a snapshot; all over an in-memory
//! `Transport`.

use std::{
    collections::{HashMap, HashSet},
    path::Path,
    sync::{Arc, Mutex, Weak},
    time::Duration,
};

use futures::future::BoxFuture;
use openraft::{
    Config, SnapshotPolicy, StorageError,
    testing::{StoreBuilder, Suite},
};
use tempfile::TempDir;

use super::{
    RaftRpc, RaftStore, Store, StoreError, Transport, TransportError,
    log::{LogStore, open_db},
    raft::{self, TypeConfig},
    sm::StateMachine,
};
use crate::manager::state::{
    Command, RaftId, Role,
    tests::{cluster, node},
};

/// Fresh log and state machine in a temporary directory, for openraft's storage suite.
struct FreshStorage;

impl StoreBuilder<TypeConfig, LogStore, StateMachine, TempDir> for FreshStorage {
    async fn build(&self) -> Result<(TempDir, LogStore, StateMachine), StorageError<RaftId>> {
        let dir = tempfile::tempdir().unwrap();
        let db = open_db(&dir.path().join("raft.redb")).unwrap();
        let (sm, _) = StateMachine::open(db.clone()).unwrap();
        Ok((dir, LogStore::new(db), sm))
    }
}

/// openraft's own conformance tests for `RaftLogStorage` and `RaftStateMachine`.
#[test]
fn the_redb_storage_passes_openraft_suite() {
    Suite::test_all(FreshStorage).unwrap();
}

/// Managers by address; an address in `down` neither sends nor receives.
#[derive(Default)]
struct MemNet {
    nodes: Mutex<HashMap<String, Weak<RaftStore>>>,
    down: Mutex<HashSet<String>>,
}

impl MemNet {
    fn route(&self, from: &str, to: &str) -> Result<Arc<RaftStore>, TransportError> {
        let down = self.down.lock().unwrap();
        if down.contains(from) || down.contains(to) {
            return Err(TransportError::Unreachable(format!("{from} -> {to}: down")));
        }
        let nodes = self.nodes.lock().unwrap();
        nodes
            .get(to)
            .and_then(Weak::upgrade)
            .ok_or_else(|| TransportError::Unreachable(format!("{to}: no such manager")))
    }

    fn set_down(&self, addr: &str) {
        self.down.lock().unwrap().insert(addr.to_string());
    }
}

/// One manager's view of the `MemNet`.
struct MemTransport {
    from: String,
    net: Arc<MemNet>,
}

impl Transport for MemTransport {
    fn call(
        &self,
        addr: &str,
        rpc: RaftRpc,
        body: Vec<u8>,
    ) -> BoxFuture<'_, Result<Vec<u8>, TransportError>> {
        let target = self.net.route(&self.from, addr);
        Box::pin(async move {
            let store = target?;
            let reply = store.handle_rpc(rpc, body).await;
            reply.map_err(|e| TransportError::Remote(e.to_string()))
        })
    }
}

fn addr(id: RaftId) -> String {
    format!("10.0.0.{id}:2377")
}

async fn start_with(net: &Arc<MemNet>, dir: &Path, id: RaftId, config: Config) -> Arc<RaftStore> {
    let transport = Arc::new(MemTransport {
        from: addr(id),
        net: net.clone(),
    });
    let store = raft::open_with(dir, id, addr(id), transport, config)
        .await
        .unwrap();
    let store = Arc::new(store);
    net.nodes
        .lock()
        .unwrap()
        .insert(addr(id), Arc::downgrade(&store));
    store
}

async fn start(net: &Arc<MemNet>, dir: &Path, id: RaftId) -> Arc<RaftStore> {
    start_with(net, dir, id, raft::config()).await
}

/// Polls `cond` every 20 ms until it holds; fails the test after 15 s.
async fn eventually(what: &str, cond: impl Fn() -> bool) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
    while !cond() {
        assert!(tokio::time::Instant::now() < deadline, "timed out: {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn init() -> Command {
    Command::Init {
        cluster: cluster().into(),
        node: node("a", 1, Role::Manager),
    }
}

fn put(id: &str, raft_id: RaftId) -> Command {
    Command::PutNode(node(id, raft_id, Role::Manager))
}

fn has_node(store: &RaftStore, id: &str) -> bool {
    store.state().borrow().nodes.contains_key(id)
}

fn is_leader(store: &RaftStore) -> bool {
    let status = store.status();
    status.leader == Some(status.id)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_manager_writes_rejects_and_initializes_once() {
    let dir = tempfile::tempdir().unwrap();
    let net = Arc::new(MemNet::default());
    let s = start(&net, dir.path(), 1).await;
    assert!(matches!(
        s.write(init()).await,
        Err(StoreError::NotInitialized)
    ));

    s.initialize().await.unwrap();
    assert!(s.initialize().await.is_err());
    let first = s.write(init()).await.unwrap();
    let second = s.write(put("b", 2)).await.unwrap();
    assert!(second > first);
    let state = s.state().borrow().clone();
    assert_eq!(state.nodes["b"].version, second);
    assert!(state.cluster.is_some());

    let refused = s.write(Command::RemoveNode { id: "zz".into() }).await;
    assert!(matches!(refused, Err(StoreError::Rejected(m)) if m.contains("zz")));
    assert_eq!(*s.state().borrow().clone(), *state);

    let status = s.status();
    assert_eq!(status.leader, Some(1));
    assert_eq!(
        status.voters.into_iter().collect::<Vec<_>>(),
        [(1, addr(1))]
    );
    assert!(status.term >= 1);
    s.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restarted_manager_keeps_its_log_and_state() {
    let dir = tempfile::tempdir().unwrap();
    let net = Arc::new(MemNet::default());
    let s = start(&net, dir.path(), 1).await;
    s.initialize().await.unwrap();
    s.write(init()).await.unwrap();
    let last = s.write(put("b", 2)).await.unwrap();
    let state = s.state().borrow().clone();
    eventually("applied in status", || s.status().last_applied >= last).await;
    let before = s.status();
    s.shutdown().await;
    drop(s);

    let s = start(&net, dir.path(), 1).await;
    assert_eq!(*s.state().borrow().clone(), *state);
    eventually("leader again", || is_leader(&s)).await;
    let after = s.status();
    assert_eq!(after.voters, before.voters);
    assert!(after.last_applied >= before.last_applied);
    assert!(after.term >= before.term);
    assert!(s.initialize().await.is_err());
    let next = s.write(put("c", 3)).await.unwrap();
    assert!(next > last);
    assert!(has_node(&s, "c"));
    s.shutdown().await;
}

const CRASH_DIR: &str = "SHOAL_STORE_CRASH_DIR";

/// Child half of the crash test: does nothing unless `CRASH_DIR` is set; then it writes
/// and dies at once, like `kill -9`, without shutting anything down.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crash_child() {
    let Ok(dir) = std::env::var(CRASH_DIR) else {
        return;
    };
    let net = Arc::new(MemNet::default());
    let s = start(&net, Path::new(&dir), 1).await;
    s.initialize().await.unwrap();
    s.write(init()).await.unwrap();
    for i in 0..5 {
        s.write(put(&format!("n{i}"), 100 + i)).await.unwrap();
    }
    std::process::abort();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_acknowledged_is_lost_in_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let status = tokio::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "manager::store::tests::crash_child",
            "--nocapture",
        ])
        .env(CRASH_DIR, dir.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .await
        .unwrap();
    assert!(!status.success(), "the child should have aborted");

    let net = Arc::new(MemNet::default());
    let s = start(&net, dir.path(), 1).await;
    assert!(has_node(&s, "n4"));
    eventually("leader after the crash", || is_leader(&s)).await;
    s.write(put("after", 200)).await.unwrap();
    s.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_managers_replicate_and_fail_over() {
    let dirs: Vec<_> = (0..3).map(|_| tempfile::tempdir().unwrap()).collect();
    let net = Arc::new(MemNet::default());
    let s1 = start(&net, dirs[0].path(), 1).await;
    let s2 = start(&net, dirs[1].path(), 2).await;
    let s3 = start(&net, dirs[2].path(), 3).await;
    s1.initialize().await.unwrap();
    s1.add_voter(2, addr(2)).await.unwrap();
    s1.add_voter(3, addr(3)).await.unwrap();
    assert_eq!(s1.status().voters.len(), 3);

    s1.write(init()).await.unwrap();
    s1.write(put("b", 2)).await.unwrap();
    for s in [&s1, &s2, &s3] {
        eventually("replicated", || has_node(s, "b")).await;
    }
    let refused = s2.write(put("c", 3)).await;
    match refused {
        Err(StoreError::NotLeader { leader }) => assert_eq!(leader, Some((1, addr(1)))),
        other => panic!("expected NotLeader, got {other:?}"),
    }
    eventually("s3 knows all voters", || s3.status().voters.len() == 3).await;

    net.set_down(&addr(1));
    s1.shutdown().await;
    eventually("new leader", || is_leader(&s2) || is_leader(&s3)).await;
    let (leader, follower) = if is_leader(&s2) {
        (&s2, &s3)
    } else {
        (&s3, &s2)
    };
    leader.write(put("d", 4)).await.unwrap();
    eventually("replicated after failover", || has_node(follower, "d")).await;
    assert_ne!(follower.status().leader, Some(1));
    leader.remove_voter(1).await.unwrap();
    let voters = || leader.status().voters.into_keys().collect::<Vec<_>>();
    eventually("voter 1 removed", || voters() == [2, 3]).await;
    assert!(matches!(
        follower.remove_voter(2).await,
        Err(StoreError::NotLeader { leader: Some(_) })
    ));
    s2.shutdown().await;
    s3.shutdown().await;
}

/// A config that snapshots every 10 entries and purges everything in the snapshot.
fn snapshot_often() -> Config {
    Config {
        snapshot_policy: SnapshotPolicy::LogsSinceLast(10),
        max_in_snapshot_log_to_keep: 0,
        ..raft::config()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_manager_catches_up_from_a_snapshot() {
    let dirs: Vec<_> = (0..2).map(|_| tempfile::tempdir().unwrap()).collect();
    let net = Arc::new(MemNet::default());
    let s1 = start_with(&net, dirs[0].path(), 1, snapshot_often()).await;
    s1.initialize().await.unwrap();
    s1.write(init()).await.unwrap();
    for i in 0..25 {
        s1.write(put(&format!("n{i}"), 100 + i)).await.unwrap();
    }
    eventually("log purged", || {
        let metrics = s1.raft_metrics();
        metrics.purged.is_some_and(|p| p.index >= 10)
    })
    .await;

    let s2 = start_with(&net, dirs[1].path(), 2, snapshot_often()).await;
    s1.add_voter(2, addr(2)).await.unwrap();
    eventually("snapshot installed", || has_node(&s2, "n24")).await;
    assert!(s2.raft_metrics().snapshot.is_some());
    assert_eq!(*s2.state().borrow().clone(), *s1.state().borrow().clone());

    s1.shutdown().await;
    drop(s1);
    net.set_down(&addr(2));
    let s1 = start_with(&net, dirs[0].path(), 1, snapshot_often()).await;
    assert!(has_node(&s1, "n24"));
    s1.shutdown().await;
    s2.shutdown().await;
}
