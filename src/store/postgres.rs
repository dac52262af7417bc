//! Opening a PostgreSQL store, shared by many hosts: the connection (its password never
//! shown), the schema's identity and version in a table of its own, and the numbered
//! migrations run under an advisory lock so that hosts starting at once are safe.

use std::cell::{Cell, RefCell};

use chrono::{DateTime, Utc};

use super::db::{Db, Pg};
use super::{audit, born, StoreError, StoreResult};

/// The numbered migrations, in order; never edit one that has shipped, add the next.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/postgres/0001_initial.sql"),
    include_str!("migrations/postgres/0002_user_side.sql"),
    include_str!("migrations/postgres/0003_requests.sql"),
    include_str!("migrations/postgres/0004_search.sql"),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The advisory lock under which the schema is created or migrated.
const MIGRATION_LOCK: i64 = 0x4150_5859_0001;

/// The advisory lock every write transaction takes first: one writer at a time, so that
/// `seq` is gap-free and in commit order across every org, as on SQLite.
const WRITE_LOCK: i64 = 0x4150_5859_0002;

/// How a write transaction begins: at READ COMMITTED, the write lock its first statement,
/// before any read that a decision depends on.
pub(super) fn write_begin() -> String {
    format!("BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock({WRITE_LOCK})")
}

/// Whether `url` names a PostgreSQL store.
pub fn is_url(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

/// `url` with its password replaced by `***`, for every message and row.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (auth, host) = match rest.rfind('@') {
        Some(at) => (&rest[..at], &rest[at..]),
        None => return redact_query(url),
    };
    let auth = match auth.split_once(':') {
        Some((user, _)) => format!("{user}:***"),
        None => auth.to_string(),
    };
    redact_query(&format!("{scheme}://{auth}{host}"))
}

/// Hides a `password=` parameter of the query string.
fn redact_query(url: &str) -> String {
    let Some((base, query)) = url.split_once('?') else {
        return url.to_string();
    };
    let params: Vec<String> = query
        .split('&')
        .map(|p| match p.split_once('=') {
            Some((k, _)) if k.eq_ignore_ascii_case("password") => format!("{k}=***"),
            _ => p.to_string(),
        })
        .collect();
    format!("{base}?{}", params.join("&"))
}

/// Connects to `url`. A failure names the redacted URL and never the password.
fn connect(url: &str) -> StoreResult<Pg> {
    let client = postgres::Client::connect(url, postgres::NoTls).map_err(|e| StoreError::Io {
        context: format!("cannot connect to the store {}", redact(url)),
        source: std::io::Error::other(
            e.as_db_error()
                .map(|d| d.message().to_string())
                .unwrap_or_else(|| without(&e.to_string(), url)),
        ),
    })?;
    Ok(Pg::new(client))
}

/// `text` with any trace of `url`'s password removed.
fn without(text: &str, url: &str) -> String {
    match password_of(url) {
        Some(p) if !p.is_empty() => text.replace(p, "***"),
        _ => text.to_string(),
    }
}

fn password_of(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let auth = &rest[..rest.rfind('@')?];
    auth.split_once(':').map(|(_, p)| p)
}

/// Opens the store at `url`, creating or migrating its schema when `create` is given (the
/// instant and the clock of a store born now).
pub(super) fn open(url: &str, create: Option<(DateTime<Utc>, bool)>) -> StoreResult<RefCell<Pg>> {
    let pg = RefCell::new(connect(url)?);
    let db = Db::Pg(&pg);
    let version = version(db, url)?;
    match (create, version) {
        (_, Some(v)) if v == SCHEMA_VERSION => {}
        (_, Some(v)) if v > SCHEMA_VERSION => {
            return Err(StoreError::NotAStore {
                path: redact(url),
                detail: format!(
                    "schema version {v} is newer than this admin-proxy ({SCHEMA_VERSION}); upgrade admin-proxy"
                ),
            })
        }
        (Some((now, test_clock)), _) => migrate(db, url, now, test_clock)?,
        (None, _) => {
            return Err(StoreError::NotAStore {
                path: redact(url),
                detail: match version {
                    None => "it holds no admin-proxy schema".into(),
                    Some(v) => format!(
                        "its schema version {v} is older than this admin-proxy's ({SCHEMA_VERSION}): run `admin-proxy init` on it to upgrade it"
                    ),
                },
            })
        }
    }
    // A wait for the write lock is bounded, and reported as busy.
    db.batch("SET lock_timeout = '60s'")?;
    Ok(pg)
}

/// The schema version of the store, read in one snapshot: a schema being created by another
/// host is seen either absent or complete, never half made.
fn version(db: Db<'_>, url: &str) -> StoreResult<Option<i64>> {
    db.batch("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")?;
    let version = version_in(db, url);
    let end = db.batch(if version.is_ok() {
        "COMMIT"
    } else {
        "ROLLBACK"
    });
    let version = version?;
    end?;
    Ok(version)
}

/// The schema version, read inside the caller's transaction: `None` for a database without
/// admin-proxy's schema. A database holding admin-proxy's tables without its identity, or a
/// version admin-proxy never wrote, is not an admin-proxy store.
fn version_in(db: Db<'_>, url: &str) -> StoreResult<Option<i64>> {
    let has = |table: &str| -> StoreResult<bool> {
        Ok(db
            .first(
                "SELECT 1 FROM pg_catalog.pg_tables
                 WHERE schemaname = current_schema() AND tablename = ?1",
                &[super::db::Val::Text(table)],
                |_| Ok(()),
            )?
            .is_some())
    };
    if !has("admin_proxy_meta")? {
        if has("audit_log")? || has("users")? {
            return Err(StoreError::NotAStore {
                path: redact(url),
                detail: "it holds tables of another application".into(),
            });
        }
        return Ok(None);
    }
    let row = db.first(
        "SELECT value FROM admin_proxy_meta WHERE key = 'schema_version'",
        &[],
        |r| r.string(0),
    )?;
    match row.as_deref().map(str::parse::<i64>) {
        Some(Ok(v)) if v >= 1 => Ok(Some(v)),
        Some(Ok(v)) => Err(StoreError::NotAStore {
            path: redact(url),
            detail: format!("its schema version {v} is not one admin-proxy ever wrote"),
        }),
        _ => Err(StoreError::NotAStore {
            path: redact(url),
            detail: "its schema version cannot be read".into(),
        }),
    }
}

/// Creates the schema, or applies the migrations the store has not seen, in one transaction
/// under an advisory lock: of many hosts starting at once, the first migrates and the others
/// wait, then find it done.
fn migrate(db: Db<'_>, url: &str, now: DateTime<Utc>, test_clock: bool) -> StoreResult<()> {
    db.batch(&format!("SELECT pg_advisory_lock({MIGRATION_LOCK})"))?;
    let result = (|| {
        db.batch("BEGIN")?;
        let from = version_in(db, url)?;
        if from.is_some_and(|v| v >= SCHEMA_VERSION) {
            return db.batch("COMMIT");
        }
        let start = from.unwrap_or(0);
        for sql in MIGRATIONS.iter().skip(start as usize) {
            db.batch(sql)?;
        }
        db.exec(
            "INSERT INTO admin_proxy_meta (key, value) VALUES ('application', 'admin-proxy'),
                 ('schema_version', ?1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            &[super::db::Val::Text(&SCHEMA_VERSION.to_string())],
        )?;
        if from.is_none() {
            let unaudited = Cell::new(0);
            let mut log = audit::Appender::default();
            born(
                audit::AuditTx::new(db, &mut log, &unaudited),
                now,
                test_clock,
            )?;
        }
        db.batch("COMMIT")
    })();
    if result.is_err() {
        let _ = db.batch("ROLLBACK");
    }
    let unlocked = db.batch(&format!("SELECT pg_advisory_unlock({MIGRATION_LOCK})"));
    result.and(unlocked)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_show() {
        assert_eq!(
            redact("postgres://ap:s3cret@db.example:5432/ap"),
            "postgres://ap:***@db.example:5432/ap"
        );
        assert_eq!(
            redact("postgresql://ap@%2Fvar%2Frun%2Fpostgresql/ap?password=s3cret&sslmode=disable"),
            "postgresql://ap@%2Fvar%2Frun%2Fpostgresql/ap?password=***&sslmode=disable"
        );
        assert_eq!(redact("postgres:///ap"), "postgres:///ap");
        assert_eq!(password_of("postgres://ap:p@ss@h/d"), Some("p@ss"));
    }
}
