//! The `notifications` table: one pending notice per session for the impersonated user,
//! counting the changes made on their behalf.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};

use crate::core::clock::format_instant;
use crate::error::Result;

#[derive(Debug, Clone, PartialEq)]
pub struct Notification {
    pub id: i64,
    pub org: String,
    pub session_id: String,
    pub recipient: String,
    pub changes: i64,
    pub actor: String,
    pub actor_name: String,
}

/// Counts one more change in the session's pending notification, queueing it first when
/// there is none. Returns the count and whether the notification was new.
pub fn count_change(
    conn: &Connection,
    session_id: &str,
    org_id: i64,
    recipient: &str,
    at: DateTime<Utc>,
) -> Result<(i64, bool)> {
    let pending: Option<(i64, i64)> = conn
        .prepare_cached(
            "SELECT id, changes FROM notifications WHERE session_id = ?1 AND delivered_at IS NULL",
        )?
        .query_row([session_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    match pending {
        Some((id, changes)) => {
            conn.prepare_cached("UPDATE notifications SET changes = changes + 1 WHERE id = ?1")?
                .execute([id])?;
            Ok((changes + 1, false))
        }
        None => {
            conn.prepare_cached(
                "INSERT INTO notifications (session_id, org_id, recipient, changes, queued_at)
                 VALUES (?1, ?2, ?3, 1, ?4)",
            )?
            .execute(rusqlite::params![
                session_id,
                org_id,
                recipient,
                format_instant(at)
            ])?;
            Ok((1, true))
        }
    }
}

/// The pending notifications of `org_id`, or of every org, oldest first.
pub fn pending(conn: &Connection, org_id: Option<i64>) -> Result<Vec<Notification>> {
    let mut stmt = conn.prepare_cached(
        "SELECT n.id, o.slug, n.session_id, n.recipient, n.changes, a.email, a.name
         FROM notifications n
         JOIN orgs o ON o.id = n.org_id
         JOIN sessions s ON s.id = n.session_id
         JOIN users a ON a.id = s.actor_id
         WHERE n.delivered_at IS NULL AND (?1 IS NULL OR n.org_id = ?1)
         ORDER BY n.id",
    )?;
    let rows = stmt.query_map([org_id], |r| {
        Ok(Notification {
            id: r.get(0)?,
            org: r.get(1)?,
            session_id: r.get(2)?,
            recipient: r.get(3)?,
            changes: r.get(4)?,
            actor: r.get(5)?,
            actor_name: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// Marks one notification delivered as it was sent, with `changes` changes; false when another
/// drain got there first, or when a change came in since it was read (it is then sent again,
/// with the new count, by the next drain).
pub fn mark_delivered(conn: &Connection, id: i64, changes: i64, at: DateTime<Utc>) -> Result<bool> {
    let n = conn
        .prepare_cached(
            "UPDATE notifications SET delivered_at = ?3
             WHERE id = ?1 AND changes = ?2 AND delivered_at IS NULL",
        )?
        .execute(rusqlite::params![id, changes, format_instant(at)])?;
    Ok(n == 1)
}
