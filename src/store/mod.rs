//! The SQLite store: opening (WAL, busy timeout, mode 0600), numbered migrations, and write
//! transactions that carry their audit rows. One module per table family. The store never
//! reads the clock and never prints.

pub mod audit;
pub mod notifications;
pub mod operators;
pub mod orgs;
pub mod sessions;
pub mod settings;
pub mod users;

use std::fs::OpenOptions;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};

use crate::error::{Error, Result};

/// `PRAGMA application_id` of an admin-proxy store ("APXY"), so that another SQLite file is
/// recognised and refused.
pub const APPLICATION_ID: i32 = 0x4150_5859;

/// How long a process waits for another's write to finish before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(60);

/// The numbered migrations, in order; never edit one that has shipped, add the next.
const MIGRATIONS: &[&str] = &[include_str!("migrations/0001_initial.sql")];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// What a write transaction decided: a result, or a refusal that is committed all the same,
/// so that a denied attempt is on the record although the command fails.
pub enum Outcome<T> {
    Done(T),
    Refused(Error),
}

impl<T> Outcome<T> {
    pub fn into_result(self) -> Result<T> {
        match self {
            Outcome::Done(value) => Ok(value),
            Outcome::Refused(error) => Err(error),
        }
    }
}

/// A write transaction (`BEGIN IMMEDIATE`) and the audit chain heads it has seen.
pub struct Tx<'c> {
    tx: rusqlite::Transaction<'c>,
    pub(crate) log: audit::Appender,
}

impl std::ops::Deref for Tx<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        &self.tx
    }
}

impl Tx<'_> {
    /// Appends one audit row inside this transaction.
    pub fn audit(&mut self, entry: audit::Entry<'_>) -> Result<i64> {
        self.log.append(&self.tx, entry)
    }
}

impl Store {
    /// Opens the store at `path`, creating it and its folders when missing, and brings its
    /// schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        let display = path.display().to_string();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| {
                Error::io(
                    format!(
                        "cannot create the folder {} for the store {}",
                        dir.display(),
                        path.display()
                    ),
                    e,
                )
            })?;
        }
        create_private(path)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| classify(&display, e))?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.configure().map_err(|e| classify_err(&display, e))?;
        store.migrate().map_err(|e| classify_err(&display, e))?;
        Ok(store)
    }

    /// Opens an existing store for reading only: nothing is created, migrated or written, so
    /// that a copy kept as evidence, even on read-only media, can be checked as it is.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        let display = path.display().to_string();
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| match e {
            rusqlite::Error::SqliteFailure(f, _) if f.code == ErrorCode::CannotOpen => Error::io(
                format!("cannot open the store {display}"),
                std::io::Error::other("no such file, or it is not readable"),
            ),
            other => classify(&display, other),
        })?;
        let store = Store {
            conn,
            path: path.to_path_buf(),
        };
        let check = || -> Result<()> {
            store.conn.busy_timeout(BUSY_TIMEOUT)?;
            store.check_identity(false)?;
            let version: i64 = store
                .conn
                .query_row("PRAGMA user_version", [], |r| r.get(0))?;
            if version != SCHEMA_VERSION {
                return Err(Error::NotAStore {
                    path: display.clone(),
                    detail: format!(
                        "its schema version is {version}, this admin-proxy reads {SCHEMA_VERSION}"
                    ),
                });
            }
            Ok(())
        };
        check().map_err(|e| classify_err(&display, e))?;
        Ok(store)
    }

    /// An in-memory store, for unit tests of the SQL.
    pub fn open_in_memory() -> Result<Store> {
        let mut store = Store {
            conn: Connection::open_in_memory()?,
            path: PathBuf::from(":memory:"),
        };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Refuses a file that is not an admin-proxy store: SQLite's own error for a file that is
    /// not a database, `NotAStore` for another application's. An empty database is taken for
    /// a new store when `may_be_new`.
    fn check_identity(&self, may_be_new: bool) -> Result<()> {
        let app_id: i32 = self
            .conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))?;
        if app_id == APPLICATION_ID {
            return Ok(());
        }
        let tables: i64 = self.conn.query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table'",
            [],
            |r| r.get(0),
        )?;
        let detail = match (app_id, tables) {
            (0, 0) if may_be_new => return Ok(()),
            (0, 0) => "it is an empty SQLite database",
            _ => "it is a SQLite file of another application",
        };
        Err(Error::NotAStore {
            path: self.path.display().to_string(),
            detail: detail.into(),
        })
    }

    fn configure(&mut self) -> Result<()> {
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        // The file must be a SQLite database before anything else is asked of it.
        self.check_identity(true)?;
        self.conn
            .query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))?;
        self.conn.execute_batch(
            "PRAGMA foreign_keys = ON;
             PRAGMA synchronous = NORMAL;
             PRAGMA cache_size = -8192;",
        )?;
        Ok(())
    }

    /// Applies the migrations this store has not seen, each in its own immediate transaction,
    /// so that two processes opening a new store at once do not both run them.
    fn migrate(&mut self) -> Result<()> {
        let version: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version == SCHEMA_VERSION {
            return Ok(());
        }
        if version > SCHEMA_VERSION {
            return Err(Error::NotAStore {
                path: self.path.display().to_string(),
                detail: format!(
                    "schema version {version} is newer than this admin-proxy ({SCHEMA_VERSION}); upgrade admin-proxy"
                ),
            });
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            tx.execute_batch(sql)?;
            tx.execute_batch(&format!("PRAGMA user_version = {}", i + 1))?;
        }
        tx.execute_batch(&format!("PRAGMA application_id = {APPLICATION_ID}"))?;
        tx.commit()?;
        Ok(())
    }

    /// Runs `f` in a write transaction (`BEGIN IMMEDIATE`, waiting for other writers), and
    /// commits when it returns `Ok`. Whatever `f` wrote, audit rows included, is kept or
    /// dropped together.
    pub fn write<T>(&mut self, f: impl FnOnce(&mut Tx<'_>) -> Result<T>) -> Result<T> {
        self.transaction(true, f)
    }

    /// Runs `f` like [`Store::write`], then rolls everything back when `commit` is false: a
    /// dry run that sees exactly what the real run would.
    pub fn transaction<T>(
        &mut self,
        commit: bool,
        f: impl FnOnce(&mut Tx<'_>) -> Result<T>,
    ) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut tx = Tx {
            tx,
            log: audit::Appender::default(),
        };
        let value = f(&mut tx)?;
        match commit {
            true => tx.tx.commit()?,
            false => tx.tx.rollback()?,
        }
        Ok(value)
    }

    /// Lets SQLite keep up to `mib` MiB of pages in memory for the rest of this process: for
    /// bulk writes, whose index pages are touched again and again. Reads stream through a
    /// small cache instead, so an export stays in constant memory.
    pub fn set_cache_mib(&self, mib: u32) -> Result<()> {
        self.conn
            .execute_batch(&format!("PRAGMA cache_size = -{}", u64::from(mib) * 1024))?;
        Ok(())
    }

    /// Runs `f` in a read transaction, so that what it reads is one consistent snapshot.
    pub fn read<T>(&mut self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Deferred)?;
        let value = f(&tx)?;
        tx.finish()?;
        Ok(value)
    }
}

/// Creates the store file with mode 0600 when it does not exist yet; SQLite gives its WAL and
/// shared-memory files the same mode.
fn create_private(path: &Path) -> Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map(drop).map_err(|e| {
        Error::io(
            format!("cannot open or create the store {}", path.display()),
            e,
        )
    })
}

fn classify(path: &str, e: rusqlite::Error) -> Error {
    classify_err(path, Error::Store(e))
}

/// Turns SQLite's "not a database" and "malformed" into a message about the file.
fn classify_err(path: &str, e: Error) -> Error {
    match &e {
        Error::Store(rusqlite::Error::SqliteFailure(f, _))
            if matches!(f.code, ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) =>
        {
            Error::NotAStore {
                path: path.to_string(),
                detail: "it is not a SQLite database, or it is damaged".into(),
            }
        }
        _ => e,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_apply_to_an_empty_store() {
        let store = Store::open_in_memory().unwrap();
        let v: i64 = store
            .conn()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, SCHEMA_VERSION);
        let n: i64 = store
            .conn()
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE name = 'audit_log'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 1);
    }
}
