//! Opening a SQLite store: the file and its folders (modes 0600 and 0700), WAL and the busy
//! timeout, the numbered migrations under one exclusive lock, and read-only evidence that
//! leaves nothing beside the file.

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use super::db::Db;
use super::{audit, born, StoreError, StoreResult, BUSY_TIMEOUT};

/// The page cache of every command, in KiB: reads stream through it, so an export stays in
/// constant memory.
const CACHE_KIB: u32 = 8 * 1024;

/// `PRAGMA application_id` of an admin-proxy store ("APXY"), so that another SQLite file is
/// recognised and refused.
const APPLICATION_ID: i32 = 0x4150_5859;

/// The numbered migrations, in order; never edit one that has shipped, add the next.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/sqlite/0001_initial.sql"),
    include_str!("migrations/sqlite/0002_name_key.sql"),
    include_str!("migrations/sqlite/0003_user_side.sql"),
    include_str!("migrations/sqlite/0004_requests.sql"),
    include_str!("migrations/sqlite/0005_search.sql"),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// An open SQLite store.
pub(super) struct Lite {
    pub conn: Connection,
    path: PathBuf,
    /// For a store read as immutable evidence: the file as it was when opened.
    immutable: Option<FileStamp>,
}

impl Lite {
    /// Opens the store at `path`, creating it and its folders when missing, and brings its
    /// schema up to date.
    pub fn open_read_write(path: &Path, now: DateTime<Utc>, test_clock: bool) -> StoreResult<Lite> {
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
        let mut store = Lite {
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
             PRAGMA synchronous = NORMAL;",
        )?;
        store.set_cache_kib(CACHE_KIB)?;
        Ok(store)
    }

    /// Sets this connection up for one large write: a page cache of `cache_mib` MiB and, when
    /// `journal` and no other connection has the store open, the rollback journal instead of
    /// the write-ahead log. A large write through the log writes every page twice (the log, then the
    /// checkpoint into the file); through the rollback journal the new pages are written once
    /// and only the few pages it changes are copied aside first. Either way the write is all
    /// or nothing. Answers whether the journal changed; [`Lite::end_bulk`] undoes both.
    pub fn begin_bulk(&self, cache_mib: u32, journal: bool) -> StoreResult<bool> {
        self.set_cache_kib(cache_mib.saturating_mul(1024))?;
        if !journal {
            return Ok(false);
        }
        // Another connection keeps the log open (a reader, a follower): the switch is refused
        // at once, and the write goes through the log.
        let mode = self
            .conn
            .query_row("PRAGMA journal_mode = DELETE", [], |r| {
                r.get::<_, String>(0)
            });
        match mode {
            Ok(mode) if mode.eq_ignore_ascii_case("delete") => {
                self.conn.execute_batch("PRAGMA synchronous = FULL")?;
                // SQLite creates the journal at the first page it writes. Until then neither
                // a log nor a journal would say a writer is at work, and a reader of evidence
                // would take the file as closed: an empty journal says so from now on (SQLite
                // never plays an empty one back).
                create_private(&sibling(&self.path, "-journal"))?;
                Ok(true)
            }
            Ok(_) => Ok(false),
            Err(e) => match StoreError::from(e) {
                StoreError::Busy(_) => Ok(false),
                other => Err(other),
            },
        }
    }

    /// Back to everyday settings after [`Lite::begin_bulk`]: the small page cache and, if it
    /// changed, the write-ahead log (which every opening of the store also asks for).
    pub fn end_bulk(&self, journal_changed: bool) -> StoreResult<()> {
        self.set_cache_kib(CACHE_KIB)?;
        if journal_changed {
            retry_busy(|| {
                self.conn
                    .query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
            })?;
            self.conn.execute_batch("PRAGMA synchronous = NORMAL")?;
            // The empty journal of `begin_bulk`, when nothing was written: on the log again,
            // the store has no journal.
            let journal = sibling(&self.path, "-journal");
            if std::fs::metadata(&journal).is_ok_and(|m| m.len() == 0) {
                let _ = std::fs::remove_file(&journal);
            }
        }
        Ok(())
    }

    /// Lets SQLite keep up to `kib` KiB of pages in memory.
    fn set_cache_kib(&self, kib: u32) -> StoreResult<()> {
        Ok(self
            .conn
            .execute_batch(&format!("PRAGMA cache_size = -{kib}"))?)
    }

    /// Opens an existing store for reading only. Nothing is created, migrated or written,
    /// and no `-wal` or `-shm` file is left beside it: with no write-ahead log present the
    /// file is read as immutable; a store that is live (a log beside it) is read with locks.
    pub fn open_evidence(path: &Path) -> StoreResult<Lite> {
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
        let live = writer_at_work(path);
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
        let mut store = Lite {
            conn,
            path: path.to_path_buf(),
            immutable: if live { None } else { stamp },
        };
        let identity = match store.identity() {
            // A write cut short (a killed import) left its rollback journal, which only a
            // connection that may write can play back.
            Err(StoreError::Other(_) | StoreError::Io { .. })
                if sibling(path, "-journal").exists() =>
            {
                return Err(StoreError::Interrupted {
                    path: path.display().to_string(),
                })
            }
            identity => identity?,
        };
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
        let changed =
            FileStamp::of(&self.path).as_ref() != Some(stamp) || writer_at_work(&self.path);
        if changed {
            let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
            self.conn = Connection::open_with_flags(&self.path, flags)?;
            self.conn.busy_timeout(BUSY_TIMEOUT)?;
            self.immutable = None;
        }
        Ok(changed)
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
            let unaudited = Cell::new(0);
            let mut log = audit::Appender::default();
            born(
                audit::AuditTx::new(Db::Lite(&tx), &mut log, &unaudited),
                now,
                test_clock,
            )?;
        }
        tx.commit()?;
        if blank {
            restrict_mode(&self.path)?;
        }
        Ok(())
    }
}

/// What a SQLite file says it is.
#[derive(Debug, Clone, Copy)]
struct Identity {
    app_id: i32,
    version: i64,
    objects: i64,
}

fn identity_of(conn: &Connection) -> rusqlite::Result<Identity> {
    Ok(Identity {
        app_id: conn.query_row("PRAGMA application_id", [], |r| r.get(0))?,
        version: conn.query_row("PRAGMA user_version", [], |r| r.get(0))?,
        objects: conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?,
    })
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
            version: version @ 1..SCHEMA_VERSION,
            ..
        } => format!(
            "its schema version {version} is older than this admin-proxy's ({SCHEMA_VERSION}) and it is opened read-only: run `admin-proxy init` on it (or on a copy) to upgrade it"
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

/// The size and modification time of a file, to notice that it changed.
#[derive(Debug, Clone, PartialEq, Eq)]
struct FileStamp(u64, Option<std::time::SystemTime>);

impl FileStamp {
    fn of(path: &Path) -> Option<FileStamp> {
        let m = std::fs::metadata(path).ok()?;
        Some(FileStamp(m.len(), m.modified().ok()))
    }
}

/// Whether a writer has the store open, or left its work to finish: a write-ahead log, or a
/// rollback journal (a large import writes through one), beside the file.
fn writer_at_work(path: &Path) -> bool {
    sibling(path, "-wal").exists() || sibling(path, "-journal").exists()
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
        match f().map_err(StoreError::from) {
            Err(StoreError::Busy(_)) if start.elapsed() < BUSY_TIMEOUT => {
                std::thread::sleep(Duration::from_millis(10));
            }
            other => return other,
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
