//! The `sessions` table: who impersonates whom, since when, until when, and how it ended.

use chrono::{DateTime, Utc};

use super::db::{Db, Row, Sql, Val};
use super::{StoreError, StoreResult};
use crate::core::clock::{format_instant, parse_stored};
use crate::core::events::EndReason;
use crate::core::session::{NewSession, Session};

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
                .string(0)
                .unwrap_or_else(|_| "with an unreadable id".into()),
            detail,
        }
    })
}

fn read_row(r: &Row<'_>) -> StoreResult<Session> {
    let id = r.string(0)?;
    let instant = |raw: &str, column: &str| -> StoreResult<DateTime<Utc>> {
        parse_stored(raw).ok_or_else(|| StoreError::Corrupt {
            table: "sessions",
            row: id.clone(),
            detail: format!("{column} {raw:?} is not a time"),
        })
    };
    let ended_at = match r.opt_text(12)? {
        None => None,
        Some(raw) => Some(instant(raw, "ended_at")?),
    };
    Ok(Session {
        org_id: r.int(1)?,
        org: r.string(2)?,
        actor_id: r.int(3)?,
        actor: r.string(4)?,
        actor_role: r.string(5)?,
        target_id: r.int(6)?,
        target: r.string(7)?,
        target_name: r.string(8)?,
        reason: r.string(9)?,
        started_at: instant(r.text(10)?, "started_at")?,
        expires_at: instant(r.text(11)?, "expires_at")?,
        ended_at,
        end_reason: r.opt_text(13)?.map(str::to_string),
        actions: r.int(14)?,
        changes: r.int(15)?,
        request_id: r.opt_text(16)?.map(str::to_string),
        approved_by: r.opt_text(17)?.map(str::to_string),
        id,
    })
}

/// Reads the sessions.
#[derive(Clone, Copy)]
pub struct Sessions<'c> {
    pub(super) db: Db<'c>,
}

/// The SQL of a session query: [`SELECT`] and `clause`.
macro_rules! sessions_where {
    ($clause:literal) => {
        concat!(
            "SELECT s.id, s.org_id, o.slug, s.actor_id, a.email, s.actor_role, s.target_id,
                t.email, t.name, s.reason, s.started_at, s.expires_at, s.ended_at, s.end_reason,
                s.actions, s.changes, s.request_id, p.email
            FROM sessions s
            JOIN orgs o ON o.id = s.org_id
            JOIN users a ON a.id = s.actor_id
            JOIN users t ON t.id = s.target_id
            LEFT JOIN users p ON p.id = s.approver_id ",
            $clause
        )
    };
}

impl Sessions<'_> {
    pub fn get(&self, id: &str) -> StoreResult<Option<Session>> {
        self.db.first(
            sessions_where!("WHERE s.id = ?1"),
            &[Val::Text(id)],
            from_row,
        )
    }

    pub fn active_for_actor(&self, actor_id: i64) -> StoreResult<Option<Session>> {
        self.db.first(
            sessions_where!("WHERE s.actor_id = ?1 AND s.ended_at IS NULL"),
            &[Val::Int(actor_id)],
            from_row,
        )
    }

    pub fn active_in_org(&self, org_id: i64) -> StoreResult<Vec<Session>> {
        self.db.rows(
            sessions_where!(
                "WHERE s.org_id = ?1 AND s.ended_at IS NULL ORDER BY s.started_at, s.id"
            ),
            &[Val::Int(org_id)],
            from_row,
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
        self.db.rows(
            sessions_where!(
                "WHERE s.org_id = ?1 AND (CAST(?2 AS BIGINT) IS NULL OR s.actor_id = ?2)
                   AND (CAST(?3 AS BIGINT) = 0 OR s.ended_at IS NULL)
                 ORDER BY s.started_at DESC, s.id"
            ),
            &[
                Val::Int(org_id),
                Val::OptInt(actor_id),
                Val::Int(i64::from(active_only)),
            ],
            from_row,
        )
    }

    /// True when some session (of `org_id`, or of the store) is past its end. Cheap: it reads
    /// the partial index of active sessions by expiry, so commands pay nothing when none is
    /// overdue.
    pub fn any_overdue(&self, now: DateTime<Utc>, org_id: Option<i64>) -> StoreResult<bool> {
        let now = format_instant(now);
        Ok(self
            .db
            .first(
                Sql::Each {
                    lite: "SELECT 1 FROM sessions INDEXED BY sessions_active_by_expiry
                           WHERE ended_at IS NULL AND expires_at <= ?1
                             AND (CAST(?2 AS BIGINT) IS NULL OR org_id = ?2)
                           LIMIT 1",
                    pg: "SELECT 1 FROM sessions
                         WHERE ended_at IS NULL AND expires_at <= ?1
                           AND (CAST(?2 AS BIGINT) IS NULL OR org_id = ?2)
                         LIMIT 1",
                },
                &[Val::Text(&now), Val::OptInt(org_id)],
                |_| Ok(()),
            )?
            .is_some())
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
        let now = format_instant(now);
        self.db.rows(
            sessions_where!(
                "WHERE s.ended_at IS NULL AND s.expires_at <= ?1
                   AND (CAST(?2 AS BIGINT) IS NULL OR s.org_id = ?2)
                 ORDER BY s.expires_at, s.id"
            ),
            &[Val::Text(&now), Val::OptInt(org_id)],
            |r| Ok(from_row(r)),
        )
    }
}

super::write_handle!(SessionsTx, Sessions);

impl SessionsTx<'_> {
    /// Starts a session. INVARIANT: one active session per actor, held by a partial unique
    /// index; a second one is refused as a constraint on `sessions.actor_id`.
    pub fn start(&self, s: &NewSession<'_>) -> StoreResult<()> {
        self.w.exec(
            "INSERT INTO sessions (id, org_id, actor_id, actor_role, target_id, reason,
                 started_at, expires_at, request_id, approver_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            &[
                Val::Text(s.id),
                Val::Int(s.org_id),
                Val::Int(s.actor_id),
                Val::Text(s.actor_role),
                Val::Int(s.target_id),
                Val::Text(s.reason),
                Val::Text(&format_instant(s.started_at)),
                Val::Text(&format_instant(s.expires_at)),
                Val::OptText(s.approval.map(|a| a.0)),
                Val::OptInt(s.approval.map(|a| a.1)),
            ],
        )?;
        Ok(())
    }

    /// Counts one more action of an active session, and one more change when it is one;
    /// false when the session is over.
    pub fn count_action(&self, id: &str, change: bool) -> StoreResult<bool> {
        let n = self.w.exec(
            "UPDATE sessions SET actions = actions + 1, changes = changes + CAST(?2 AS BIGINT)
             WHERE id = ?1 AND ended_at IS NULL",
            &[Val::Text(id), Val::Int(i64::from(change))],
        )?;
        Ok(n == 1)
    }

    /// Ends an active session; false when it was already over.
    pub fn end(&self, id: &str, at: DateTime<Utc>, why: EndReason) -> StoreResult<bool> {
        let n = self.w.exec(
            "UPDATE sessions SET ended_at = ?2, end_reason = ?3
             WHERE id = ?1 AND ended_at IS NULL",
            &[
                Val::Text(id),
                Val::Text(&format_instant(at)),
                Val::Text(why.as_str()),
            ],
        )?;
        Ok(n == 1)
    }
}
