//! The `sessions` table: who impersonates whom, since when, until when, and how it ended.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row};

use crate::core::clock::{format_instant, parse_stored};
use crate::core::events::EndReason;
use crate::error::Result;

/// A session with the people it joins.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub id: String,
    pub org_id: i64,
    pub org: String,
    pub actor_id: i64,
    pub actor: String,
    pub actor_role: String,
    pub target_id: i64,
    pub target: String,
    pub target_name: String,
    pub reason: String,
    pub started_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub ended_at: Option<DateTime<Utc>>,
    pub end_reason: Option<String>,
}

impl Session {
    pub fn is_active(&self) -> bool {
        self.ended_at.is_none()
    }
}

const SELECT: &str =
    "SELECT s.id, s.org_id, o.slug, s.actor_id, a.email, s.actor_role, s.target_id,
        t.email, t.name, s.reason, s.started_at, s.expires_at, s.ended_at, s.end_reason
    FROM sessions s
    JOIN orgs o ON o.id = s.org_id
    JOIN users a ON a.id = s.actor_id
    JOIN users t ON t.id = s.target_id";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Session> {
    let instant = |i: usize| -> rusqlite::Result<DateTime<Utc>> {
        let raw: String = r.get(i)?;
        parse_stored(&raw).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                i,
                rusqlite::types::Type::Text,
                format!("bad time {raw:?} in sessions").into(),
            )
        })
    };
    let ended: Option<String> = r.get(12)?;
    Ok(Session {
        id: r.get(0)?,
        org_id: r.get(1)?,
        org: r.get(2)?,
        actor_id: r.get(3)?,
        actor: r.get(4)?,
        actor_role: r.get(5)?,
        target_id: r.get(6)?,
        target: r.get(7)?,
        target_name: r.get(8)?,
        reason: r.get(9)?,
        started_at: instant(10)?,
        expires_at: instant(11)?,
        ended_at: ended.as_deref().and_then(parse_stored),
        end_reason: r.get(13)?,
    })
}

fn query(conn: &Connection, clause: &str, params: impl rusqlite::Params) -> Result<Vec<Session>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} {clause}"))?;
    let rows = stmt.query_map(params, from_row)?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

pub fn get(conn: &Connection, id: &str) -> Result<Option<Session>> {
    Ok(conn
        .prepare_cached(&format!("{SELECT} WHERE s.id = ?1"))?
        .query_row([id], from_row)
        .optional()?)
}

pub fn active_for_actor(conn: &Connection, actor_id: i64) -> Result<Option<Session>> {
    Ok(conn
        .prepare_cached(&format!(
            "{SELECT} WHERE s.actor_id = ?1 AND s.ended_at IS NULL"
        ))?
        .query_row([actor_id], from_row)
        .optional()?)
}

pub fn active_in_org(conn: &Connection, org_id: i64) -> Result<Vec<Session>> {
    query(
        conn,
        "WHERE s.org_id = ?1 AND s.ended_at IS NULL ORDER BY s.started_at, s.id",
        [org_id],
    )
}

/// The org's sessions, newest first; only `actor_id`'s when given, only active ones when asked.
pub fn list(
    conn: &Connection,
    org_id: i64,
    actor_id: Option<i64>,
    active_only: bool,
) -> Result<Vec<Session>> {
    query(
        conn,
        "WHERE s.org_id = ?1 AND (?2 IS NULL OR s.actor_id = ?2)
           AND (?3 = 0 OR s.ended_at IS NULL)
         ORDER BY s.started_at DESC, s.id",
        rusqlite::params![org_id, actor_id, active_only],
    )
}

/// True when some session (of `org_id`, or of the store) is past its end. Cheap: it reads the
/// partial index of active sessions by expiry, so commands pay nothing when none is overdue.
pub fn any_overdue(conn: &Connection, now: DateTime<Utc>, org_id: Option<i64>) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT 1 FROM sessions INDEXED BY sessions_active_by_expiry
             WHERE ended_at IS NULL AND expires_at <= ?1 AND (?2 IS NULL OR org_id = ?2)
             LIMIT 1",
        )?
        .query_row(rusqlite::params![format_instant(now), org_id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// The sessions (of `org_id`, or of the store) past their end, in the order they expired.
pub fn overdue(conn: &Connection, now: DateTime<Utc>, org_id: Option<i64>) -> Result<Vec<Session>> {
    query(
        conn,
        "WHERE s.ended_at IS NULL AND s.expires_at <= ?1 AND (?2 IS NULL OR s.org_id = ?2)
         ORDER BY s.expires_at, s.id",
        rusqlite::params![format_instant(now), org_id],
    )
}

pub struct NewSession<'a> {
    pub id: &'a str,
    pub org_id: i64,
    pub actor_id: i64,
    pub actor_role: &'a str,
    pub target_id: i64,
    pub reason: &'a str,
    pub started_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// Inserts a session. A second active session for the same actor is refused by the unique
/// index; the raw SQLite error is returned so the caller can tell that case apart.
pub fn insert(conn: &Connection, s: &NewSession<'_>) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO sessions (id, org_id, actor_id, actor_role, target_id, reason, started_at,
             expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(rusqlite::params![
        s.id,
        s.org_id,
        s.actor_id,
        s.actor_role,
        s.target_id,
        s.reason,
        format_instant(s.started_at),
        format_instant(s.expires_at)
    ])?;
    Ok(())
}

/// Ends an active session; false when it was already over.
pub fn end(conn: &Connection, id: &str, at: DateTime<Utc>, why: EndReason) -> Result<bool> {
    let n = conn
        .prepare_cached(
            "UPDATE sessions SET ended_at = ?2, end_reason = ?3 WHERE id = ?1 AND ended_at IS NULL",
        )?
        .execute(rusqlite::params![id, format_instant(at), why.as_str()])?;
    Ok(n == 1)
}
