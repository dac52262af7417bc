//! The store: opening it (WAL, busy timeout, mode 0600), numbered migrations, read snapshots
//! and write transactions that cannot commit a change without its audit row. One module per
//! table family, each a handle of domain methods. Nothing outside this module sees SQL or a
//! driver type. The store never reads the clock and never prints.

pub mod audit;
mod error;
pub mod notifications;
pub mod operators;
pub mod orgs;
pub mod sessions;
pub mod settings;
pub mod users;

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior};

use crate::core::audit::Entry;
use crate::core::events::Event;

pub use error::{StoreError, StoreResult};

/// `PRAGMA application_id` of an admin-proxy store ("APXY"), so that another SQLite file is
/// recognised and refused.
const APPLICATION_ID: i32 = 0x4150_5859;

/// How long a process waits for another's write to finish before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(60);

/// The numbered migrations, in order; never edit one that has shipped, add the next.
const MIGRATIONS: &[&str] = &[include_str!("migrations/0001_initial.sql")];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

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

pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// For a store read as immutable evidence: the file as it was when opened.
    immutable: Option<FileStamp>,
}

/// A consistent, read-only view of the store.
#[derive(Clone, Copy)]
pub struct Reader<'c> {
    conn: &'c Connection,
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
                $module::$read { conn: self.conn }
            })*
            pub fn audit(&self) -> audit::AuditLog<'c> {
                audit::AuditLog { conn: self.conn }
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
}

/// A write transaction (`BEGIN IMMEDIATE`). Every change made through it counts as owed an
/// audit row until [`AuditTx::append`](audit::AuditTx::append) writes one; a transaction
/// that still owes one is rolled back instead of committed.
pub struct Tx<'c> {
    tx: rusqlite::Transaction<'c>,
    log: audit::Appender,
    unaudited: Cell<u32>,
}

/// The write side of one transaction, shared by the table handles.
#[derive(Clone, Copy)]
struct Writes<'t> {
    conn: &'t Connection,
    unaudited: &'t Cell<u32>,
}

impl Writes<'_> {
    /// Runs one changing statement; any row it changed is owed an audit row.
    fn exec(&self, sql: &str, params: impl rusqlite::Params) -> StoreResult<usize> {
        let n = self.conn.prepare_cached(sql)?.execute(params)?;
        if n > 0 {
            self.unaudited.set(self.unaudited.get() + 1);
        }
        Ok(n)
    }
}

impl<'c> Tx<'c> {
    /// Reads inside this transaction: they see its own changes.
    pub fn read(&self) -> Reader<'_> {
        Reader { conn: &self.tx }
    }
    fn writes(&self) -> Writes<'_> {
        Writes {
            conn: &self.tx,
            unaudited: &self.unaudited,
        }
    }
    pub fn audit(&mut self) -> audit::AuditTx<'_> {
        audit::AuditTx::new(&self.tx, &mut self.log, &self.unaudited)
    }
}

impl Store {
    /// Opens the store at `path` as `mode` says.
    pub fn open(path: &Path, mode: Mode) -> StoreResult<Store> {
        let display = path.display().to_string();
        let store = match mode {
            Mode::ReadWrite { now, test_clock } => Store::open_read_write(path, now, test_clock),
            Mode::Evidence => Store::open_evidence(path),
        };
        store.map_err(|e| e.at(&display))
    }

    /// Opens the store at `path`, creating it and its folders when missing, and brings its
    /// schema up to date.
    fn open_read_write(path: &Path, now: DateTime<Utc>, test_clock: bool) -> StoreResult<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            create_private_dir(dir).map_err(|e| StoreError::Io {
                context: format!(
                    "cannot create the folder {} for the store {}",
                    dir.display(),
                    path.display()
                ),
                source: e,
            })?;
        }
        create_private(path)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            immutable: None,
        };
        // The file must be an admin-proxy store, or a SQLite file with nothing in it, before
        // anything is written to it.
        let identity = store.identity()?;
        refuse_foreign(path, identity)?;
        if identity.app_id != APPLICATION_ID || identity.version != SCHEMA_VERSION {
            store.create_or_migrate(now, test_clock)?;
        }
        retry_busy(|| {
            store
                .conn
                .query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
        })?;
        store.conn.execute_batch(
            "PRAGMA foreign_keys = ON;
             PRAGMA synchronous = NORMAL;
             PRAGMA cache_size = -8192;",
        )?;
        Ok(store)
    }

    /// Opens an existing store for reading only. Nothing is created, migrated or written,
    /// and no `-wal` or `-shm` file is left beside it: with no write-ahead log present the
    /// file is read as immutable; a store that is live (a log beside it) is read with locks.
    fn open_evidence(path: &Path) -> StoreResult<Store> {
        let meta = std::fs::metadata(path).map_err(|e| StoreError::Io {
            context: format!("cannot open the store {}", path.display()),
            source: e,
        })?;
        if !meta.is_file() {
            return Err(StoreError::NotAStore {
                path: path.display().to_string(),
                detail: "it is not a file".into(),
            });
        }
        let live = sibling(path, "-wal").exists();
        let stamp = FileStamp::of(path);
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = match live {
            true => Connection::open_with_flags(path, flags)?,
            false => Connection::open_with_flags(
                immutable_uri(path),
                flags | OpenFlags::SQLITE_OPEN_URI,
            )?,
        };
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            immutable: if live { None } else { stamp },
        };
        let identity = store.identity()?;
        if identity.app_id != APPLICATION_ID || identity.version != SCHEMA_VERSION {
            return Err(not_a_store(path, identity));
        }
        Ok(store)
    }

    /// For a store read as immutable evidence: whether a writer came and went since it was
    /// opened (the file changed, or a write-ahead log appeared). If so the store is opened
    /// again, this time with locks, and true is returned: what was read must be read again.
    pub fn reopen_if_changed(&mut self) -> StoreResult<bool> {
        let Some(stamp) = &self.immutable else {
            return Ok(false);
        };
        let changed = FileStamp::of(&self.path).as_ref() != Some(stamp)
            || sibling(&self.path, "-wal").exists();
        if changed {
            let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
            self.conn = Connection::open_with_flags(&self.path, flags)?;
            self.conn.busy_timeout(BUSY_TIMEOUT)?;
            self.immutable = None;
        }
        Ok(changed)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether this store was created on a test clock (SPEC §2): its vendor chain begins with
    /// `store.created` and `{"clock":"test"}`. Any other store keeps real time.
    pub fn is_test_clock(&self) -> StoreResult<bool> {
        let first: Option<(String, String)> = self
            .conn
            .prepare_cached(
                "SELECT event, details FROM audit_log WHERE org = '' ORDER BY seq LIMIT 1",
            )?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
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

    /// What the file says it is, read in one snapshot: a store being created by another
    /// process is seen either blank or complete, never half made.
    fn identity(&mut self) -> StoreResult<Identity> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Deferred)?;
        let id = identity_of(&tx)?;
        tx.finish()?;
        Ok(id)
    }

    /// Creates the schema of a blank file, or applies the migrations a store has not seen,
    /// under one exclusive lock: of many processes opening a new store at once, the first
    /// creates it and the others wait, then find it made.
    fn create_or_migrate(&mut self, now: DateTime<Utc>, test_clock: bool) -> StoreResult<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Exclusive)?;
        let id = identity_of(&tx)?;
        refuse_foreign(&self.path, id)?;
        let blank = id.app_id == 0;
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(id.version as usize) {
            tx.execute_batch(sql)?;
            tx.execute_batch(&format!("PRAGMA user_version = {}", i + 1))?;
        }
        tx.execute_batch(&format!("PRAGMA application_id = {APPLICATION_ID}"))?;
        if blank {
            // The vendor chain's first row says which clock the store keeps, for ever.
            let clock = if test_clock { "test" } else { "real" };
            let unaudited = Cell::new(0);
            let mut log = audit::Appender::default();
            audit::AuditTx::new(&tx, &mut log, &unaudited).append(
                Entry::new(now, "", Event::StoreCreated)
                    .details(serde_json::json!({ "clock": clock })),
            )?;
        }
        tx.commit()?;
        if blank {
            restrict_mode(&self.path)?;
        }
        Ok(())
    }

    /// Runs `f` in a write transaction (`BEGIN IMMEDIATE`, waiting for other writers), and
    /// commits when it returns `Ok`. Whatever `f` wrote, audit rows included, is kept or
    /// dropped together.
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
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(StoreError::from)?;
        let mut tx = Tx {
            tx,
            log: audit::Appender::default(),
            unaudited: Cell::new(0),
        };
        let value = f(&mut tx)?;
        // INVARIANT: no change without its audit row. A change made after the last audit
        // row of the transaction rolls the whole transaction back.
        if tx.unaudited.get() > 0 {
            return Err(StoreError::Unaudited.into());
        }
        match commit {
            true => tx.tx.commit().map_err(StoreError::from)?,
            false => tx.tx.rollback().map_err(StoreError::from)?,
        }
        Ok(value)
    }

    /// Lets SQLite keep up to `mib` MiB of pages in memory for the rest of this process: for
    /// bulk writes, whose index pages are touched again and again. Reads stream through a
    /// small cache instead, so an export stays in constant memory.
    pub fn set_cache_mib(&self, mib: u32) -> StoreResult<()> {
        self.conn
            .execute_batch(&format!("PRAGMA cache_size = -{}", u64::from(mib) * 1024))?;
        Ok(())
    }

    /// Runs `f` in a read transaction, so that what it reads is one consistent snapshot.
    pub fn read<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(Reader<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Deferred)
            .map_err(StoreError::from)?;
        let value = f(Reader { conn: &tx })?;
        tx.finish().map_err(StoreError::from)?;
        Ok(value)
    }
}

fn not_a_store(path: &Path, id: Identity) -> StoreError {
    let detail = match id {
        Identity {
            app_id: APPLICATION_ID,
            version,
            ..
        } if version > SCHEMA_VERSION => format!(
            "schema version {version} is newer than this admin-proxy ({SCHEMA_VERSION}); upgrade admin-proxy"
        ),
        Identity {
            app_id: APPLICATION_ID,
            version,
            ..
        } => format!("its schema version {version} is not one admin-proxy ever wrote"),
        Identity {
            app_id: 0,
            objects: 0,
            ..
        } => "it is an empty SQLite database".into(),
        _ => "it is a SQLite file of another application".into(),
    };
    StoreError::NotAStore {
        path: path.display().to_string(),
        detail,
    }
}

/// Refuses a file that is neither an admin-proxy store this build reads nor a SQLite file
/// with no schema objects at all.
fn refuse_foreign(path: &Path, id: Identity) -> StoreResult<()> {
    let ours = id.app_id == APPLICATION_ID && (1..=SCHEMA_VERSION).contains(&id.version);
    let blank = id.app_id == 0 && id.version == 0 && id.objects == 0;
    match ours || blank {
        true => Ok(()),
        false => Err(not_a_store(path, id)),
    }
}

fn identity_of(conn: &Connection) -> rusqlite::Result<Identity> {
    Ok(Identity {
        app_id: conn.query_row("PRAGMA application_id", [], |r| r.get(0))?,
        version: conn.query_row("PRAGMA user_version", [], |r| r.get(0))?,
        objects: conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?,
    })
}

/// What a SQLite file says it is.
#[derive(Debug, Clone, Copy)]
struct Identity {
    app_id: i32,
    version: i64,
    objects: i64,
}

/// The size and modification time of a file, to notice that it changed.
#[derive(Debug, Clone, PartialEq, Eq)]
struct FileStamp(u64, Option<std::time::SystemTime>);

impl FileStamp {
    fn of(path: &Path) -> Option<FileStamp> {
        let m = std::fs::metadata(path).ok()?;
        Some(FileStamp(m.len(), m.modified().ok()))
    }
}

/// `path` with `suffix` appended to its file name (`store.db-wal`).
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// A `file:` URI that opens `path` as immutable: no locks, no files beside it.
fn immutable_uri(path: &Path) -> String {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut uri = String::from("file:");
    for b in abs.as_os_str().as_encoded_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                uri.push(*b as char)
            }
            _ => uri.push_str(&format!("%{b:02X}")),
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// Retries `f` while SQLite answers busy, up to the busy timeout: changing the journal mode
/// answers busy at once, without waiting, while another process holds the file.
fn retry_busy<T>(mut f: impl FnMut() -> rusqlite::Result<T>) -> StoreResult<T> {
    let start = Instant::now();
    loop {
        match f() {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if matches!(
                    e.code,
                    rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                ) && start.elapsed() < BUSY_TIMEOUT =>
            {
                std::thread::sleep(Duration::from_millis(10));
            }
            other => return Ok(other?),
        }
    }
}

/// Creates the folders of the store, each new one mode 0700.
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// Creates the store file with mode 0600 when it does not exist yet; SQLite gives its WAL and
/// shared-memory files the same mode.
fn create_private(path: &Path) -> StoreResult<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map(drop).map_err(|e| StoreError::Io {
        context: format!("cannot open or create the store {}", path.display()),
        source: e,
    })
}

/// Gives a file that has just become a store mode 0600, whatever mode it had when empty.
fn restrict_mode(path: &Path) -> StoreResult<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).map_err(|e| {
            StoreError::Io {
                context: format!("cannot make the store {} private", path.display()),
                source: e,
            }
        })?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let mode = Mode::ReadWrite {
            now: Utc::now(),
            test_clock: false,
        };
        let store = Store::open(&dir.path().join("s.db"), mode).unwrap();
        (dir, store)
    }

    #[test]
    fn migrations_apply_to_an_empty_store() {
        let (_dir, mut store) = temp_store();
        let id = store.identity().unwrap();
        assert_eq!(id.version, SCHEMA_VERSION);
        assert_eq!(id.app_id, APPLICATION_ID);
        let n: i64 = store
            .conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE name = 'audit_log'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 1);
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
