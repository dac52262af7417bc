//! The `sessions` table: who impersonates whom, since when, until when, and how it ended.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, Row};

use super::{StoreError, StoreResult};
use crate::core::clock::{format_instant, parse_stored};
use crate::core::events::EndReason;
use crate::core::session::{NewSession, Session};

const SELECT: &str =
    "SELECT s.id, s.org_id, o.slug, s.actor_id, a.email, s.actor_role, s.target_id,
        t.email, t.name, s.reason, s.started_at, s.expires_at, s.ended_at, s.end_reason
    FROM sessions s
    JOIN orgs o ON o.id = s.org_id
    JOIN users a ON a.id = s.actor_id
    JOIN users t ON t.id = s.target_id";

/// A stored session. A time this build cannot read, or a column of the wrong type, fails the
/// command that needs this session, naming it (`Corrupt`): a bad `ended_at` must not make an
/// ended session read as active.
fn from_row(r: &Row<'_>) -> StoreResult<Session> {
    read_row(r).map_err(|e| {
        let detail = match e {
            StoreError::Corrupt { .. } => return e,
            StoreError::Other(detail) => detail,
            other => other.to_string(),
        };
        StoreError::Corrupt {
            table: "sessions",
            row: r
                .get::<_, String>(0)
                .unwrap_or_else(|_| "with an unreadable id".into()),
            detail,
        }
    })
}

fn read_row(r: &Row<'_>) -> StoreResult<Session> {
    let id: String = r.get(0)?;
    let instant = |i: usize, column: &str| -> StoreResult<DateTime<Utc>> {
        let raw: String = r.get(i)?;
        parse_stored(&raw).ok_or_else(|| StoreError::Corrupt {
            table: "sessions",
            row: id.clone(),
            detail: format!("{column} {raw:?} is not a time"),
        })
    };
    let ended_at = match r.get::<_, Option<String>>(12)? {
        None => None,
        Some(_) => Some(instant(12, "ended_at")?),
    };
    Ok(Session {
        org_id: r.get(1)?,
        org: r.get(2)?,
        actor_id: r.get(3)?,
        actor: r.get(4)?,
        actor_role: r.get(5)?,
        target_id: r.get(6)?,
        target: r.get(7)?,
        target_name: r.get(8)?,
        reason: r.get(9)?,
        started_at: instant(10, "started_at")?,
        expires_at: instant(11, "expires_at")?,
        ended_at,
        end_reason: r.get(13)?,
        id,
    })
}

/// Reads the sessions.
#[derive(Clone, Copy)]
pub struct Sessions<'c> {
    pub(super) conn: &'c Connection,
}

impl Sessions<'_> {
    fn query(&self, clause: &str, params: impl rusqlite::Params) -> StoreResult<Vec<Session>> {
        let mut stmt = self.conn.prepare_cached(&format!("{SELECT} {clause}"))?;
        let mut rows = stmt.query(params)?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(from_row(r)?);
        }
        Ok(out)
    }

    pub fn get(&self, id: &str) -> StoreResult<Option<Session>> {
        Ok(self.query("WHERE s.id = ?1", [id])?.pop())
    }

    pub fn active_for_actor(&self, actor_id: i64) -> StoreResult<Option<Session>> {
        Ok(self
            .query("WHERE s.actor_id = ?1 AND s.ended_at IS NULL", [actor_id])?
            .pop())
    }

    pub fn active_in_org(&self, org_id: i64) -> StoreResult<Vec<Session>> {
        self.query(
            "WHERE s.org_id = ?1 AND s.ended_at IS NULL ORDER BY s.started_at, s.id",
            [org_id],
        )
    }

    /// The org's sessions, newest first; only `actor_id`'s when given, only active ones when
    /// asked.
    pub fn list(
        &self,
        org_id: i64,
        actor_id: Option<i64>,
        active_only: bool,
    ) -> StoreResult<Vec<Session>> {
        self.query(
            "WHERE s.org_id = ?1 AND (?2 IS NULL OR s.actor_id = ?2)
               AND (?3 = 0 OR s.ended_at IS NULL)
             ORDER BY s.started_at DESC, s.id",
            rusqlite::params![org_id, actor_id, active_only],
        )
    }

    /// True when some session (of `org_id`, or of the store) is past its end. Cheap: it reads
    /// the partial index of active sessions by expiry, so commands pay nothing when none is
    /// overdue.
    pub fn any_overdue(&self, now: DateTime<Utc>, org_id: Option<i64>) -> StoreResult<bool> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT 1 FROM sessions INDEXED BY sessions_active_by_expiry
             WHERE ended_at IS NULL AND expires_at <= ?1 AND (?2 IS NULL OR org_id = ?2)
             LIMIT 1",
        )?;
        Ok(stmt.exists(rusqlite::params![format_instant(now), org_id])?)
    }

    /// The sessions (of `org_id`, or of the store) past their end, in the order they expired,
    /// each read on its own: a row this build cannot read is its own `Err` (`Corrupt`), so
    /// that the sweep run before every command can leave it to the commands that need it
    /// rather than fail them all.
    pub fn overdue(
        &self,
        now: DateTime<Utc>,
        org_id: Option<i64>,
    ) -> StoreResult<Vec<StoreResult<Session>>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT}
             WHERE s.ended_at IS NULL AND s.expires_at <= ?1 AND (?2 IS NULL OR s.org_id = ?2)
             ORDER BY s.expires_at, s.id"
        ))?;
        let mut rows = stmt.query(rusqlite::params![format_instant(now), org_id])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(from_row(r));
        }
        Ok(out)
    }
}

super::write_handle!(SessionsTx, Sessions);

impl SessionsTx<'_> {
    /// Starts a session. INVARIANT: one active session per actor, held by a partial unique
    /// index; a second one is refused as a constraint on `sessions.actor_id`.
    pub fn start(&self, s: &NewSession<'_>) -> StoreResult<()> {
        self.w.exec(
            "INSERT INTO sessions (id, org_id, actor_id, actor_role, target_id, reason,
                 started_at, expires_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            rusqlite::params![
                s.id,
                s.org_id,
                s.actor_id,
                s.actor_role,
                s.target_id,
                s.reason,
                format_instant(s.started_at),
                format_instant(s.expires_at)
            ],
        )?;
        Ok(())
    }

    /// Ends an active session; false when it was already over.
    pub fn end(&self, id: &str, at: DateTime<Utc>, why: EndReason) -> StoreResult<bool> {
        let n = self.w.exec(
            "UPDATE sessions SET ended_at = ?2, end_reason = ?3
             WHERE id = ?1 AND ended_at IS NULL",
            rusqlite::params![id, format_instant(at), why.as_str()],
        )?;
        Ok(n == 1)
    }
}
