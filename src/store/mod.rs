//! The store: a SQLite file (the embedded default) or a PostgreSQL database shared by many
//! hosts, behind one set of domain methods. Read snapshots, and write transactions that
//! cannot commit a change without its audit row. One module per table family, each a handle
//! of domain methods; SQL is written once for both databases ([`db`]). Nothing outside this
//! module sees SQL or a driver type. The store never reads the clock and never prints.

pub mod audit;
mod bulk;
mod db;
mod error;
pub mod notifications;
pub mod operators;
pub mod orgs;
mod postgres;
pub mod requests;
pub mod sessions;
pub mod settings;
mod sqlite;
pub mod users;

use std::cell::{Cell, RefCell};
use std::ffi::{OsStr, OsString};
use std::path::PathBuf;
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::core::audit::Entry;
use crate::core::events::Event;
use db::{Db, Pg};
use sqlite::Lite;

pub use error::{StoreError, StoreResult};

/// How long a process waits for another's write to finish before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(60);

/// Where a store is: a SQLite file, or a PostgreSQL database named by a URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    Sqlite(PathBuf),
    Postgres(String),
}

impl Location {
    /// `postgres://…` and `postgresql://…` are PostgreSQL; anything else is a SQLite path.
    pub fn parse(raw: &OsStr) -> Location {
        match raw.to_str() {
            Some(url) if postgres::is_url(url) => Location::Postgres(url.to_string()),
            _ => Location::Sqlite(PathBuf::from(raw)),
        }
    }

    /// The location as given, password included: for passing on, never for showing.
    pub fn as_arg(&self) -> OsString {
        match self {
            Location::Sqlite(p) => p.as_os_str().to_owned(),
            Location::Postgres(url) => url.into(),
        }
    }
}

/// The location as people may see it: a PostgreSQL URL without its password.
impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Location::Sqlite(p) => write!(f, "{}", p.display()),
            Location::Postgres(url) => f.write_str(&postgres::redact(url)),
        }
    }
}

/// How a command opens the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Created and migrated when needed; read and written. A store created now is dated
    /// `now` and keeps real time unless `test_clock`, for ever.
    ReadWrite {
        now: DateTime<Utc>,
        test_clock: bool,
    },
    /// Read only, nothing created or written, not even beside the file: a copy kept as
    /// evidence, on read-only media too, is checked as it is.
    Evidence,
}

/// The schema version this build writes to a store at `location`.
pub fn schema_version(location: &Location) -> i64 {
    match location {
        Location::Sqlite(_) => sqlite::SCHEMA_VERSION,
        Location::Postgres(_) => postgres::SCHEMA_VERSION,
    }
}

enum Backend {
    Lite(Lite),
    Pg(RefCell<Pg>),
}

pub struct Store {
    backend: Backend,
    location: Location,
}

/// A consistent, read-only view of the store.
#[derive(Clone, Copy)]
pub struct Reader<'c> {
    db: Db<'c>,
}

/// A table's write handle: the table's read handle (by `Deref`) and the transaction's
/// writes, through which every change is counted as owed an audit row.
macro_rules! write_handle {
    ($tx:ident, $read:ident) => {
        #[doc = concat!("Reads and changes through [`", stringify!($read), "`] inside a write transaction.")]
        pub struct $tx<'t> {
            read: $read<'t>,
            w: super::Writes<'t>,
        }

        impl<'t> $tx<'t> {
            pub(super) fn new(read: $read<'t>, w: super::Writes<'t>) -> Self {
                $tx { read, w }
            }
        }

        impl<'t> std::ops::Deref for $tx<'t> {
            type Target = $read<'t>;
            fn deref(&self) -> &$read<'t> {
                &self.read
            }
        }
    };
}
use write_handle;

/// The table handles of a [`Reader`] and of a [`Tx`], one pair per table family.
macro_rules! tables {
    ($($name:ident: $module:ident::$read:ident / $write:ident),* $(,)?) => {
        impl<'c> Reader<'c> {
            $(pub fn $name(&self) -> $module::$read<'c> {
                $module::$read { db: self.db }
            })*
            pub fn audit(&self) -> audit::AuditLog<'c> {
                audit::AuditLog { db: self.db }
            }
        }

        impl Tx<'_> {
            $(pub fn $name(&self) -> $module::$write<'_> {
                $module::$write::new(self.read().$name(), self.writes())
            })*
        }
    };
}

tables! {
    orgs: orgs::Orgs / OrgsTx,
    operators: operators::Operators / OperatorsTx,
    users: users::Users / UsersTx,
    settings: settings::SettingsTable / SettingsTx,
    sessions: sessions::Sessions / SessionsTx,
    notifications: notifications::Notifications / NotificationsTx,
    requests: requests::Requests / RequestsTx,
}

/// A write transaction. Every change made through it counts as owed an audit row until
/// [`AuditTx::append`](audit::AuditTx::append) writes one; a transaction that still owes one
/// is rolled back instead of committed.
pub struct Tx<'c> {
    db: Db<'c>,
    log: audit::Appender,
    unaudited: Cell<u32>,
}

/// The write side of one transaction, shared by the table handles.
#[derive(Clone, Copy)]
struct Writes<'t> {
    db: Db<'t>,
    unaudited: &'t Cell<u32>,
}

impl Writes<'_> {
    /// Runs one changing statement; any row it changed is owed an audit row.
    fn exec<'s>(&self, sql: impl Into<db::Sql<'s>>, params: &[db::Val<'_>]) -> StoreResult<u64> {
        let n = self.db.exec(sql, params)?;
        if n > 0 {
            self.unaudited.set(self.unaudited.get() + 1);
        }
        Ok(n)
    }

    /// Counts `n` rows changed some other way (`COPY`) as owed an audit row.
    fn owe(&self, n: u64) {
        if n > 0 {
            self.unaudited.set(self.unaudited.get() + 1);
        }
    }

    /// Runs an `INSERT … RETURNING id`; the new row is owed an audit row.
    fn insert_returning_id(&self, sql: &str, params: &[db::Val<'_>]) -> StoreResult<i64> {
        let id = self.db.int(sql, params)?;
        self.unaudited.set(self.unaudited.get() + 1);
        Ok(id)
    }
}

impl<'c> Tx<'c> {
    /// Reads inside this transaction: they see its own changes.
    pub fn read(&self) -> Reader<'_> {
        Reader { db: self.db }
    }
    fn writes(&self) -> Writes<'_> {
        Writes {
            db: self.db,
            unaudited: &self.unaudited,
        }
    }
    pub fn audit(&mut self) -> audit::AuditTx<'_> {
        audit::AuditTx::new(self.db, &mut self.log, &self.unaudited)
    }
}

/// Writes the first row of a new store's vendor chain, which says which clock the store
/// keeps, for ever. Its random nonce makes the chain, and so the store's id in checkpoints,
/// its own, even for stores born at the same instant.
fn born(mut audit: audit::AuditTx<'_>, now: DateTime<Utc>, test_clock: bool) -> StoreResult<()> {
    let clock = if test_clock { "test" } else { "real" };
    let mut nonce = [0u8; 16];
    getrandom::fill(&mut nonce)
        .map_err(|e| StoreError::Other(format!("no randomness for the store's nonce: {e}")))?;
    let nonce = crate::core::chain::hex(&nonce);
    audit.append(
        Entry::new(now, "", Event::StoreCreated)
            .details(serde_json::json!({ "clock": clock, "nonce": nonce })),
    )?;
    Ok(())
}

impl Store {
    /// Opens the store at `location` as `mode` says.
    pub fn open(location: &Location, mode: Mode) -> StoreResult<Store> {
        let backend = match (location, mode) {
            (Location::Sqlite(path), Mode::ReadWrite { now, test_clock }) => {
                Lite::open_read_write(path, now, test_clock).map(Backend::Lite)
            }
            (Location::Sqlite(path), Mode::Evidence) => {
                Lite::open_evidence(path).map(Backend::Lite)
            }
            (Location::Postgres(url), Mode::ReadWrite { now, test_clock }) => {
                postgres::open(url, Some((now, test_clock))).map(Backend::Pg)
            }
            (Location::Postgres(url), Mode::Evidence) => postgres::open(url, None).map(Backend::Pg),
        }
        .map_err(|e| e.at(&location.to_string()))?;
        Ok(Store {
            backend,
            location: location.clone(),
        })
    }

    fn db(&self) -> Db<'_> {
        match &self.backend {
            Backend::Lite(lite) => Db::Lite(&lite.conn),
            Backend::Pg(pg) => Db::Pg(pg),
        }
    }

    pub fn location(&self) -> &Location {
        &self.location
    }

    /// For a SQLite store read as immutable evidence: whether a writer came and went since
    /// it was opened; if so it is opened again with locks, and what was read must be read
    /// again.
    pub fn reopen_if_changed(&mut self) -> StoreResult<bool> {
        match &mut self.backend {
            Backend::Lite(lite) => lite.reopen_if_changed(),
            Backend::Pg(_) => Ok(false),
        }
    }

    /// Whether this store was created on a test clock (SPEC §2): its vendor chain begins with
    /// `store.created` and `{"clock":"test"}`. Any other store keeps real time.
    pub fn is_test_clock(&mut self) -> StoreResult<bool> {
        let first = self.read(|r| r.audit().first_vendor_row())?;
        Ok(match first {
            Some((event, details)) if event == Event::StoreCreated.as_str() => {
                serde_json::from_str::<serde_json::Value>(&details)
                    .ok()
                    .and_then(|d| d.get("clock").and_then(|c| c.as_str()).map(|c| c == "test"))
                    .unwrap_or(false)
            }
            _ => false,
        })
    }

    /// Runs `f` in a write transaction (waiting for other writers), and commits when it
    /// returns `Ok`. Whatever `f` wrote, audit rows included, is kept or dropped together.
    pub fn write<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(&mut Tx<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        self.transaction(true, f)
    }

    /// Runs `f` like [`Store::write`], then rolls everything back when `commit` is false: a
    /// dry run that sees exactly what the real run would.
    pub fn transaction<T, E: From<StoreError>>(
        &mut self,
        commit: bool,
        f: impl FnOnce(&mut Tx<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        let db = self.db();
        let began = db.batch(&match db {
            // One writer at a time, waiting up to the busy timeout.
            Db::Lite(_) => "BEGIN IMMEDIATE".to_string(),
            // Every write takes the one write lock first, before any read a decision depends
            // on: `seq` stays gap-free and in commit order, and each org's chain intact.
            Db::Pg(_) => postgres::write_begin(),
        });
        if let Err(e) = began {
            // A lock that timed out leaves PostgreSQL's transaction open, and aborted.
            if matches!(db, Db::Pg(_)) {
                let _ = db.batch("ROLLBACK");
            }
            return Err(e.into());
        }
        let mut tx = Tx {
            db,
            log: audit::Appender::default(),
            unaudited: Cell::new(0),
        };
        let value = match f(&mut tx) {
            Ok(value) => value,
            Err(e) => {
                let _ = db.batch("ROLLBACK");
                return Err(e);
            }
        };
        // INVARIANT: no change without its audit row. A change made after the last audit
        // row of the transaction rolls the whole transaction back.
        if tx.unaudited.get() > 0 {
            let _ = db.batch("ROLLBACK");
            return Err(StoreError::Unaudited.into());
        }
        if commit {
            // Derived data, written last: what the transaction wrote becomes searchable.
            if let Err(e) = users::index_pending(db) {
                let _ = db.batch("ROLLBACK");
                return Err(e.into());
            }
        }
        db.batch(if commit { "COMMIT" } else { "ROLLBACK" })?;
        Ok(value)
    }

    /// Runs `f`, one large write (an import of many users), with the store set up for it:
    /// on SQLite a page cache of `cache_mib` MiB, whose index pages are touched again and
    /// again, and, when `journal` and no other connection has the store open, the rollback
    /// journal instead of the write-ahead log (see `Lite::begin_bulk`). Everyday settings
    /// are back afterwards, whatever `f` answered.
    pub fn bulk<T>(
        &mut self,
        cache_mib: u32,
        journal: bool,
        f: impl FnOnce(&mut Store) -> T,
    ) -> StoreResult<T> {
        let journal_changed = match &self.backend {
            Backend::Lite(lite) => lite.begin_bulk(cache_mib, journal)?,
            Backend::Pg(_) => false,
        };
        let answer = f(self);
        if let Backend::Lite(lite) = &self.backend {
            // The write is done (or undone) either way: a store left on the rollback journal
            // by a failure here is put back on the log by the next command that opens it.
            let _ = lite.end_bulk(journal_changed);
        }
        Ok(answer)
    }

    /// Runs `f` in a read transaction, so that what it reads is one consistent snapshot.
    pub fn read<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(Reader<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        let db = self.db();
        db.batch(match db {
            Db::Lite(_) => "BEGIN",
            Db::Pg(_) => "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
        })?;
        let value = f(Reader { db });
        let end = db.batch(if value.is_ok() { "COMMIT" } else { "ROLLBACK" });
        let value = value?;
        end?;
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A new SQLite store on the real clock, in a folder removed when the first is dropped.
    pub(super) fn temp_store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let mode = Mode::ReadWrite {
            now: Utc::now(),
            test_clock: false,
        };
        let location = Location::Sqlite(dir.path().join("s.db"));
        let store = Store::open(&location, mode).unwrap();
        (dir, store)
    }

    #[test]
    fn postgres_urls_select_postgres_and_anything_else_is_a_path() {
        for url in ["postgres://h/d", "postgresql://u:p@h/d"] {
            assert!(matches!(
                Location::parse(OsStr::new(url)),
                Location::Postgres(_)
            ));
        }
        for path in ["store.db", "/tmp/postgres://x", "Postgres://h/d"] {
            assert!(matches!(
                Location::parse(OsStr::new(path)),
                Location::Sqlite(_)
            ));
        }
        assert_eq!(
            Location::parse(OsStr::new("postgres://u:secret@h/d")).to_string(),
            "postgres://u:***@h/d"
        );
    }

    #[test]
    fn a_change_without_its_audit_row_is_never_committed() {
        let (_dir, mut store) = temp_store();
        let now = Utc::now();
        let err = store
            .write(|tx| -> StoreResult<()> {
                tx.orgs()
                    .create("acme", "Acme", "2026-01-01T00:00:00.000Z")?;
                Ok(())
            })
            .unwrap_err();
        assert!(matches!(err, StoreError::Unaudited));
        let orgs = store.read(|r| r.orgs().list()).unwrap();
        assert!(orgs.is_empty(), "the unaudited org was committed");
        // The same change with its row commits.
        store
            .write(|tx| -> StoreResult<()> {
                tx.orgs()
                    .create("acme", "Acme", "2026-01-01T00:00:00.000Z")?;
                tx.audit()
                    .append(Entry::new(now, "acme", Event::OrgCreated))?;
                Ok(())
            })
            .unwrap();
        assert_eq!(store.read(|r| r.orgs().list()).unwrap().len(), 1);
    }
}
