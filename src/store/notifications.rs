//! The `notifications` table: one pending notice per session for the impersonated user,
//! counting the changes made on their behalf.

use chrono::{DateTime, Utc};

use super::db::{Db, Val};
use super::StoreResult;
use crate::core::clock::format_instant;
use crate::core::session::Notification;

/// Reads the notifications.
#[derive(Clone, Copy)]
pub struct Notifications<'c> {
    pub(super) db: Db<'c>,
}

impl Notifications<'_> {
    /// The pending notifications of `org_id`, or of every org, oldest first.
    pub fn pending(&self, org_id: Option<i64>) -> StoreResult<Vec<Notification>> {
        self.db.rows(
            "SELECT n.id, o.slug, n.session_id, n.recipient, n.changes, a.email, a.name
             FROM notifications n
             JOIN orgs o ON o.id = n.org_id
             JOIN sessions s ON s.id = n.session_id
             JOIN users a ON a.id = s.actor_id
             WHERE n.delivered_at IS NULL AND (CAST(?1 AS BIGINT) IS NULL OR n.org_id = ?1)
             ORDER BY n.id",
            &[Val::OptInt(org_id)],
            |r| {
                let [org, session_id, recipient, actor, actor_name] = r.strings([1, 2, 3, 5, 6])?;
                Ok(Notification {
                    id: r.int(0)?,
                    changes: r.int(4)?,
                    org,
                    session_id,
                    recipient,
                    actor,
                    actor_name,
                })
            },
        )
    }
}

super::write_handle!(NotificationsTx, Notifications);

impl NotificationsTx<'_> {
    /// Counts one more change in the session's pending notification, queueing it first when
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
             WHERE session_id = ?1 AND delivered_at IS NULL",
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
                    "INSERT INTO notifications (session_id, org_id, recipient, changes, queued_at)
                     VALUES (?1, ?2, ?3, 1, ?4)",
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
