//! The state machine in redb: applies committed entries with `ClusterState::apply` and
//! persists the resulting state, the last applied log id and the last membership in one
//! write transaction, then publishes the new state to the manager.

use std::{
    io::Cursor,
    sync::{Arc, Mutex, PoisonError},
};

use openraft::{
    AnyError, EntryPayload, ErrorSubject, ErrorVerb, LogId, OptionalSend, RaftSnapshotBuilder,
    Snapshot, SnapshotMeta, StorageError, StorageIOError, StoredMembership,
    storage::RaftStateMachine,
};
use redb::{Database, Durability, ReadableDatabase, TableDefinition};
use tokio::sync::watch;

use super::{
    StoreError,
    log::{Db, from_json, to_json, write_txn},
    raft::{Applied, Entry, Member, RaftId, TypeConfig},
};
use crate::manager::state::ClusterState;

/// `state`, `last_applied` and `membership`, each one JSON.
const SM: TableDefinition<&str, &[u8]> = TableDefinition::new("state_machine");

const STATE: &str = "state";
const LAST_APPLIED: &str = "last_applied";
const MEMBERSHIP: &str = "membership";

type StorageResult<T> = Result<T, StorageError<RaftId>>;
type Membership = StoredMembership<RaftId, Member>;

/// What the state machine holds; also what a snapshot captures.
#[derive(Debug, Clone, Default)]
struct SmData {
    last_applied: Option<LogId<RaftId>>,
    membership: Membership,
    state: ClusterState,
}

/// The latest snapshot: its metadata and the serialized `ClusterState`.
#[derive(Debug, Clone)]
struct StoredSnapshot {
    meta: SnapshotMeta<RaftId, Member>,
    data: Vec<u8>,
}

type SharedSnapshot = Arc<Mutex<Option<StoredSnapshot>>>;

pub(super) struct StateMachine {
    db: Arc<Db>,
    data: SmData,
    snapshot: SharedSnapshot,
    tx: watch::Sender<Arc<ClusterState>>,
}

fn sm_err(verb: ErrorVerb, e: impl std::error::Error + 'static) -> StorageError<RaftId> {
    StorageIOError::new(ErrorSubject::StateMachine, verb, AnyError::new(&e)).into()
}

fn snapshot_err(e: impl std::error::Error + 'static) -> StorageError<RaftId> {
    StorageIOError::new(
        ErrorSubject::Snapshot(None),
        ErrorVerb::Read,
        AnyError::new(&e),
    )
    .into()
}

impl StateMachine {
    /// Loads the persisted state (empty on a new manager); returns the state machine and
    /// a receiver of the applied state.
    pub(super) fn open(
        db: Arc<Db>,
    ) -> Result<(Self, watch::Receiver<Arc<ClusterState>>), StoreError> {
        let data = load(&db).map_err(|e| StoreError::Storage(e.to_string()))?;
        let (tx, rx) = watch::channel(Arc::new(data.state.clone()));
        let sm = Self {
            db,
            data,
            snapshot: Arc::default(),
            tx,
        };
        Ok((sm, rx))
    }

    async fn persist(&self) -> Result<(), redb::Error> {
        let state = to_json(&self.data.state)?;
        let applied = to_json(&self.data.last_applied)?;
        let membership = to_json(&self.data.membership)?;
        write_txn(&self.db, Durability::Immediate, move |txn| {
            let mut table = txn.open_table(SM)?;
            table.insert(STATE, state.as_slice())?;
            table.insert(LAST_APPLIED, applied.as_slice())?;
            table.insert(MEMBERSHIP, membership.as_slice())?;
            Ok(())
        })
        .await
    }

    fn publish(&self) {
        self.tx.send_replace(Arc::new(self.data.state.clone()));
    }

    fn apply_one(&mut self, entry: Entry) -> Applied {
        self.data.last_applied = Some(entry.log_id);
        match entry.payload {
            EntryPayload::Blank => Applied(Ok(())),
            EntryPayload::Normal(cmd) => Applied(self.data.state.apply(entry.log_id.index, &cmd)),
            EntryPayload::Membership(m) => {
                self.data.membership = StoredMembership::new(Some(entry.log_id), m);
                Applied(Ok(()))
            }
        }
    }
}

fn load(db: &Database) -> Result<SmData, redb::Error> {
    let txn = db.begin_write()?;
    txn.open_table(SM)?;
    txn.commit()?;
    let txn = db.begin_read()?;
    let table = txn.open_table(SM)?;
    let get = |key: &str| -> Result<Option<Vec<u8>>, redb::Error> {
        Ok(table.get(key)?.map(|v| v.value().to_vec()))
    };
    let mut data = SmData::default();
    if let Some(bytes) = get(STATE)? {
        data.state = from_json(&bytes)?;
    }
    if let Some(bytes) = get(LAST_APPLIED)? {
        data.last_applied = from_json(&bytes)?;
    }
    if let Some(bytes) = get(MEMBERSHIP)? {
        data.membership = from_json(&bytes)?;
    }
    Ok(data)
}

impl RaftStateMachine<TypeConfig> for StateMachine {
    type SnapshotBuilder = SnapshotBuilder;

    async fn applied_state(&mut self) -> StorageResult<(Option<LogId<RaftId>>, Membership)> {
        Ok((self.data.last_applied, self.data.membership.clone()))
    }

    async fn apply<I>(&mut self, entries: I) -> StorageResult<Vec<Applied>>
    where
        I: IntoIterator<Item = Entry> + OptionalSend,
        I::IntoIter: OptionalSend,
    {
        let replies: Vec<Applied> = entries.into_iter().map(|e| self.apply_one(e)).collect();
        if replies.is_empty() {
            return Ok(replies);
        }
        self.persist()
            .await
            .map_err(|e| sm_err(ErrorVerb::Write, e))?;
        self.publish();
        Ok(replies)
    }

    async fn get_snapshot_builder(&mut self) -> SnapshotBuilder {
        SnapshotBuilder {
            data: self.data.clone(),
            snapshot: self.snapshot.clone(),
        }
    }

    async fn begin_receiving_snapshot(&mut self) -> StorageResult<Box<Cursor<Vec<u8>>>> {
        Ok(Box::new(Cursor::new(Vec::new())))
    }

    async fn install_snapshot(
        &mut self,
        meta: &SnapshotMeta<RaftId, Member>,
        snapshot: Box<Cursor<Vec<u8>>>,
    ) -> StorageResult<()> {
        let bytes = snapshot.into_inner();
        let state: ClusterState = serde_json::from_slice(&bytes).map_err(snapshot_err)?;
        self.data = SmData {
            last_applied: meta.last_log_id,
            membership: meta.last_membership.clone(),
            state,
        };
        self.persist()
            .await
            .map_err(|e| sm_err(ErrorVerb::Write, e))?;
        store_snapshot(
            &self.snapshot,
            StoredSnapshot {
                meta: meta.clone(),
                data: bytes,
            },
        );
        self.publish();
        Ok(())
    }

    async fn get_current_snapshot(&mut self) -> StorageResult<Option<Snapshot<TypeConfig>>> {
        let current = self
            .snapshot
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        Ok(current.map(|s| Snapshot {
            meta: s.meta,
            snapshot: Box::new(Cursor::new(s.data)),
        }))
    }
}

/// Keeps `new` unless a newer snapshot is there already (a build may finish after an
/// install).
fn store_snapshot(slot: &SharedSnapshot, new: StoredSnapshot) {
    let mut current = slot.lock().unwrap_or_else(PoisonError::into_inner);
    let newer_there = current
        .as_ref()
        .is_some_and(|c| c.meta.last_log_id > new.meta.last_log_id);
    if !newer_there {
        *current = Some(new);
    }
}

/// Builds a snapshot from a copy of the state taken when openraft asked for it.
pub(super) struct SnapshotBuilder {
    data: SmData,
    snapshot: SharedSnapshot,
}

impl RaftSnapshotBuilder<TypeConfig> for SnapshotBuilder {
    async fn build_snapshot(&mut self) -> StorageResult<Snapshot<TypeConfig>> {
        let data = serde_json::to_vec(&self.data.state).map_err(|e| sm_err(ErrorVerb::Read, e))?;
        let snapshot_id = self
            .data
            .last_applied
            .map_or_else(|| "empty".to_string(), |id| id.to_string());
        let meta = SnapshotMeta {
            last_log_id: self.data.last_applied,
            last_membership: self.data.membership.clone(),
            snapshot_id,
        };
        store_snapshot(
            &self.snapshot,
            StoredSnapshot {
                meta: meta.clone(),
                data: data.clone(),
            },
        );
        Ok(Snapshot {
            meta,
            snapshot: Box::new(Cursor::new(data)),
        })
    }
}
