//! The Raft log in redb: entries, vote, committed log id and last purged log id, so that a
//! manager killed with `kill -9` comes back with everything it acknowledged.

use std::{
    fmt::Debug,
    ops::{Bound, Deref, RangeBounds},
    path::Path,
    sync::{Arc, Weak},
};

use openraft::{
    AnyError, ErrorSubject, ErrorVerb, LogId, LogState, OptionalSend, RaftLogReader, StorageError,
    StorageIOError, Vote,
    storage::{LogFlushed, RaftLogStorage},
};
use redb::{
    Database, Durability, ReadableDatabase, ReadableTable, TableDefinition, WriteTransaction,
};
use serde::{Serialize, de::DeserializeOwned};

use super::{
    StoreError,
    raft::{Entry, RaftId, TypeConfig},
};

/// Log entries by index, each one JSON.
const LOGS: TableDefinition<u64, &[u8]> = TableDefinition::new("raft_log");
/// Vote, committed and last purged log id, each one JSON.
const META: TableDefinition<&str, &[u8]> = TableDefinition::new("raft_meta");

const VOTE: &str = "vote";
const COMMITTED: &str = "committed";
const LAST_PURGED: &str = "last_purged";

type StorageResult<T> = Result<T, StorageError<RaftId>>;

/// The manager's redb database. `open` is dropped after `db` (fields drop in order), so
/// whoever holds `closed()` learns when the file is really closed and its lock released.
pub(super) struct Db {
    db: Database,
    open: Arc<()>,
}

impl Db {
    pub(super) fn closed(&self) -> Weak<()> {
        Arc::downgrade(&self.open)
    }
}

impl Deref for Db {
    type Target = Database;

    fn deref(&self) -> &Database {
        &self.db
    }
}

/// Opens (or creates) the manager's redb file and makes sure the log tables exist, so that
/// read transactions never meet a missing table.
pub(super) fn open_db(path: &Path) -> Result<Arc<Db>, StoreError> {
    let db = Database::create(path)
        .map_err(|e| StoreError::Storage(format!("open {}: {e}", path.display())))?;
    let txn = db.begin_write().map_err(storage)?;
    txn.open_table(LOGS).map_err(storage)?;
    txn.open_table(META).map_err(storage)?;
    txn.commit().map_err(storage)?;
    Ok(Arc::new(Db {
        db,
        open: Arc::new(()),
    }))
}

fn storage(e: impl Into<redb::Error>) -> StoreError {
    StoreError::Storage(e.into().to_string())
}

/// Runs a write transaction on a blocking thread (commits fsync) and commits it with the
/// given durability.
pub(super) async fn write_txn<F>(
    db: &Arc<Db>,
    durability: Durability,
    f: F,
) -> Result<(), redb::Error>
where
    F: FnOnce(&WriteTransaction) -> Result<(), redb::Error> + Send + 'static,
{
    let db = db.clone();
    let task = tokio::task::spawn_blocking(move || {
        let mut txn = db.begin_write()?;
        txn.set_durability(durability)?;
        f(&txn)?;
        txn.commit()?;
        Ok(())
    });
    task.await
        .map_err(|e| redb::Error::Io(std::io::Error::other(e)))?
}

pub(super) fn to_json<T: Serialize>(v: &T) -> Result<Vec<u8>, redb::Error> {
    serde_json::to_vec(v).map_err(|e| redb::Error::Io(std::io::Error::other(e)))
}

pub(super) fn from_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, redb::Error> {
    serde_json::from_slice(bytes).map_err(|e| redb::Error::Io(std::io::Error::other(e)))
}

fn io_err(subject: ErrorSubject<RaftId>, verb: ErrorVerb, e: redb::Error) -> StorageError<RaftId> {
    StorageIOError::new(subject, verb, AnyError::new(&e)).into()
}

/// The log store; clones share the database and serve as log readers.
#[derive(Clone)]
pub(super) struct LogStore {
    db: Arc<Db>,
}

impl LogStore {
    pub(super) fn new(db: Arc<Db>) -> Self {
        Self { db }
    }

    fn read_meta<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, redb::Error> {
        let txn = self.db.begin_read()?;
        let table = txn.open_table(META)?;
        let value = table.get(key)?;
        value.map(|v| from_json(v.value())).transpose()
    }

    async fn write_meta<T: Serialize>(
        &self,
        key: &'static str,
        value: &T,
        durability: Durability,
    ) -> Result<(), redb::Error> {
        let bytes = to_json(value)?;
        write_txn(&self.db, durability, move |txn| {
            txn.open_table(META)?.insert(key, bytes.as_slice())?;
            Ok(())
        })
        .await
    }

    fn read_range(&self, range: (Bound<u64>, Bound<u64>)) -> Result<Vec<Entry>, redb::Error> {
        let txn = self.db.begin_read()?;
        let table = txn.open_table(LOGS)?;
        let mut entries = Vec::new();
        for item in table.range(range)? {
            let (_, value) = item?;
            entries.push(from_json(value.value())?);
        }
        Ok(entries)
    }

    fn last_log_id(&self) -> Result<Option<LogId<RaftId>>, redb::Error> {
        let txn = self.db.begin_read()?;
        let table = txn.open_table(LOGS)?;
        let Some((_, value)) = table.last()? else {
            return Ok(None);
        };
        let entry: Entry = from_json(value.value())?;
        Ok(Some(entry.log_id))
    }
}

impl RaftLogReader<TypeConfig> for LogStore {
    async fn try_get_log_entries<RB: RangeBounds<u64> + Clone + Debug + OptionalSend>(
        &mut self,
        range: RB,
    ) -> StorageResult<Vec<Entry>> {
        let bounds = (range.start_bound().cloned(), range.end_bound().cloned());
        self.read_range(bounds)
            .map_err(|e| io_err(ErrorSubject::Logs, ErrorVerb::Read, e))
    }
}

impl RaftLogStorage<TypeConfig> for LogStore {
    type LogReader = LogStore;

    async fn get_log_state(&mut self) -> StorageResult<LogState<TypeConfig>> {
        let read = || -> Result<_, redb::Error> {
            let last_purged: Option<LogId<RaftId>> = self.read_meta(LAST_PURGED)?;
            let last = self.last_log_id()?.or(last_purged);
            Ok(LogState {
                last_purged_log_id: last_purged,
                last_log_id: last,
            })
        };
        read().map_err(|e| io_err(ErrorSubject::Logs, ErrorVerb::Read, e))
    }

    async fn get_log_reader(&mut self) -> Self::LogReader {
        self.clone()
    }

    async fn save_vote(&mut self, vote: &Vote<RaftId>) -> StorageResult<()> {
        self.write_meta(VOTE, vote, Durability::Immediate)
            .await
            .map_err(|e| io_err(ErrorSubject::Vote, ErrorVerb::Write, e))
    }

    async fn read_vote(&mut self) -> StorageResult<Option<Vote<RaftId>>> {
        self.read_meta(VOTE)
            .map_err(|e| io_err(ErrorSubject::Vote, ErrorVerb::Read, e))
    }

    /// Not fsynced on its own: the state machine persists its applied position itself, so
    /// a committed id lost in a crash only means re-reading it from the leader.
    async fn save_committed(&mut self, committed: Option<LogId<RaftId>>) -> StorageResult<()> {
        self.write_meta(COMMITTED, &committed, Durability::None)
            .await
            .map_err(|e| io_err(ErrorSubject::Store, ErrorVerb::Write, e))
    }

    async fn read_committed(&mut self) -> StorageResult<Option<LogId<RaftId>>> {
        let committed: Result<Option<Option<LogId<RaftId>>>, _> = self.read_meta(COMMITTED);
        committed
            .map(Option::flatten)
            .map_err(|e| io_err(ErrorSubject::Store, ErrorVerb::Read, e))
    }

    async fn append<I>(&mut self, entries: I, callback: LogFlushed<TypeConfig>) -> StorageResult<()>
    where
        I: IntoIterator<Item = Entry> + OptionalSend,
        I::IntoIter: OptionalSend,
    {
        let rows = entries
            .into_iter()
            .map(|e| Ok((e.log_id.index, to_json(&e)?)))
            .collect::<Result<Vec<_>, redb::Error>>()
            .map_err(|e| io_err(ErrorSubject::Logs, ErrorVerb::Write, e))?;
        let res = write_txn(&self.db, Durability::Immediate, move |txn| {
            let mut table = txn.open_table(LOGS)?;
            for (index, bytes) in &rows {
                table.insert(*index, bytes.as_slice())?;
            }
            Ok(())
        })
        .await;
        match res {
            Ok(()) => {
                callback.log_io_completed(Ok(()));
                Ok(())
            }
            Err(e) => {
                callback.log_io_completed(Err(std::io::Error::other(e.to_string())));
                Err(io_err(ErrorSubject::Logs, ErrorVerb::Write, e))
            }
        }
    }

    async fn truncate(&mut self, log_id: LogId<RaftId>) -> StorageResult<()> {
        write_txn(&self.db, Durability::Immediate, move |txn| {
            txn.open_table(LOGS)?
                .retain_in(log_id.index.., |_, _| false)?;
            Ok(())
        })
        .await
        .map_err(|e| io_err(ErrorSubject::Logs, ErrorVerb::Delete, e))
    }

    async fn purge(&mut self, log_id: LogId<RaftId>) -> StorageResult<()> {
        let purged =
            to_json(&log_id).map_err(|e| io_err(ErrorSubject::Logs, ErrorVerb::Write, e))?;
        write_txn(&self.db, Durability::Immediate, move |txn| {
            txn.open_table(META)?
                .insert(LAST_PURGED, purged.as_slice())?;
            txn.open_table(LOGS)?
                .retain_in(..=log_id.index, |_, _| false)?;
            Ok(())
        })
        .await
        .map_err(|e| io_err(ErrorSubject::Logs, ErrorVerb::Delete, e))
    }
}
