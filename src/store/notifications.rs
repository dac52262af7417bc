//! The `notifications` table: the notices owed to impersonated users. Per session, at most one
//! pending change notice, counting the changes made on the user's behalf, and one receipt,
//! ever, queued when the session ended.

use chrono::{DateTime, Utc};

use super::db::{Db, Row, Val};
use super::{StoreError, StoreResult};
use crate::core::clock::format_instant;
use crate::core::session::{Notification, NotificationKind};

/// A pending notice and the session it is about.
fn from_row(r: &Row<'_>) -> StoreResult<Notification> {
    let id = r.int(0)?;
    let raw_kind = r.text(1)?;
    let kind = NotificationKind::parse(raw_kind).ok_or_else(|| StoreError::Corrupt {
        table: "notifications",
        row: format!("#{id}"),
        detail: format!("kind {raw_kind:?}"),
    })?;
    Ok(Notification {
        id,
        kind,
        org: r.string(2)?,
        session_id: r.string(3)?,
        recipient: r.string(4)?,
        changes: r.int(5)?,
        actor: r.string(6)?,
        actor_name: r.string(7)?,
        session_reason: r.string(8)?,
        started_at: r.string(9)?,
        ended_at: r.opt_text(10)?.map(str::to_string),
        end_reason: r.opt_text(11)?.map(str::to_string),
        actions: r.int(12)?,
    })
}

/// Reads the notifications.
#[derive(Clone, Copy)]
pub struct Notifications<'c> {
    pub(super) db: Db<'c>,
}

impl Notifications<'_> {
    /// The pending notifications of `org_id`, or of every org, oldest first.
    pub fn pending(&self, org_id: Option<i64>) -> StoreResult<Vec<Notification>> {
        self.db.rows(
            "SELECT n.id, n.kind, o.slug, n.session_id, n.recipient, n.changes, a.email, a.name,
                 s.reason, s.started_at, s.ended_at, s.end_reason, s.actions
             FROM notifications n
             JOIN orgs o ON o.id = n.org_id
             JOIN sessions s ON s.id = n.session_id
             JOIN users a ON a.id = s.actor_id
             WHERE n.delivered_at IS NULL AND (CAST(?1 AS BIGINT) IS NULL OR n.org_id = ?1)
             ORDER BY n.id",
            &[Val::OptInt(org_id)],
            from_row,
        )
    }
}

super::write_handle!(NotificationsTx, Notifications);

impl NotificationsTx<'_> {
    /// Counts one more change in the session's pending change notice, queueing it first when
    /// there is none. Returns the count and whether the notification was new.
    pub fn count_change(
        &self,
        session_id: &str,
        org_id: i64,
        recipient: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<(i64, bool)> {
        let pending = self.read.db.first(
            "SELECT id, changes FROM notifications
             WHERE session_id = ?1 AND kind = 'changes' AND delivered_at IS NULL",
            &[Val::Text(session_id)],
            |r| Ok((r.int(0)?, r.int(1)?)),
        )?;
        match pending {
            Some((id, changes)) => {
                self.w.exec(
                    "UPDATE notifications SET changes = changes + 1 WHERE id = ?1",
                    &[Val::Int(id)],
                )?;
                Ok((changes + 1, false))
            }
            None => {
                self.w.exec(
                    "INSERT INTO notifications (session_id, org_id, recipient, changes, queued_at,
                         kind)
                     VALUES (?1, ?2, ?3, 1, ?4, 'changes')",
                    &[
                        Val::Text(session_id),
                        Val::Int(org_id),
                        Val::Text(recipient),
                        Val::Text(&format_instant(at)),
                    ],
                )?;
                Ok((1, true))
            }
        }
    }

    /// Queues the receipt of an ended session for `recipient`, with the changes the session
    /// counted. INVARIANT: one receipt per session, held by a partial unique index.
    pub fn queue_receipt(
        &self,
        session_id: &str,
        recipient: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        let n = self.w.exec(
            "INSERT INTO notifications (session_id, org_id, recipient, changes, queued_at, kind)
             SELECT id, org_id, ?2, changes, ?3, 'receipt' FROM sessions
             WHERE id = ?1 AND ended_at IS NOT NULL",
            &[
                Val::Text(session_id),
                Val::Text(recipient),
                Val::Text(&format_instant(at)),
            ],
        )?;
        match n {
            1 => Ok(()),
            _ => Err(StoreError::Other(format!(
                "no receipt queued: session {session_id} has not ended"
            ))),
        }
    }

    /// Marks one notification delivered as it was sent, with `changes` changes; false when
    /// another drain got there first, or when a change came in since it was read (it is then
    /// sent again, with the new count, by the next drain).
    pub fn mark_delivered(&self, id: i64, changes: i64, at: DateTime<Utc>) -> StoreResult<bool> {
        let n = self.w.exec(
            "UPDATE notifications SET delivered_at = ?3
             WHERE id = ?1 AND changes = ?2 AND delivered_at IS NULL",
            &[
                Val::Int(id),
                Val::Int(changes),
                Val::Text(&format_instant(at)),
            ],
        )?;
        Ok(n == 1)
    }
}
