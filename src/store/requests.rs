//! The `approval_requests` and `approval_notices` tables: requests to impersonate, their
//! decision and use, and the notices owed to the super admins who may decide them.

use chrono::{DateTime, Utc};

use super::db::{Db, Row, Val};
use super::{StoreError, StoreResult};
use crate::core::approval::{ApprovalRequest, Stored};
use crate::core::clock::{format_instant, parse_stored};

/// The SQL of a request query: the request, its people, then `clause`.
macro_rules! requests_where {
    ($clause:literal) => {
        concat!(
            "SELECT r.id, r.org_id, r.requester_id, q.email, r.target_id, t.email, r.reason,
                r.requested_at, r.expires_at, r.status, r.decided_by_id, d.email,
                r.decided_at, r.decision_reason, r.used_at, r.session_id
            FROM approval_requests r
            JOIN users q ON q.id = r.requester_id
            JOIN users t ON t.id = r.target_id
            LEFT JOIN users d ON d.id = r.decided_by_id ",
            $clause
        )
    };
}

/// A stored request; a value this build cannot read names its row.
fn from_row(r: &Row<'_>) -> StoreResult<ApprovalRequest> {
    let id = r.string(0)?;
    let corrupt = |detail: String| StoreError::Corrupt {
        table: "approval_requests",
        row: id.clone(),
        detail,
    };
    let instant = |raw: &str, column: &str| {
        parse_stored(raw).ok_or_else(|| corrupt(format!("{column} {raw:?} is not a time")))
    };
    let opt_instant = |raw: Option<&str>, column: &str| raw.map(|t| instant(t, column)).transpose();
    let status = r.text(9)?;
    Ok(ApprovalRequest {
        org_id: r.int(1)?,
        requester_id: r.int(2)?,
        requester: r.string(3)?,
        target_id: r.int(4)?,
        target: r.string(5)?,
        reason: r.string(6)?,
        requested_at: instant(r.text(7)?, "requested_at")?,
        expires_at: instant(r.text(8)?, "expires_at")?,
        stored: Stored::parse(status).ok_or_else(|| corrupt(format!("status {status:?}")))?,
        decided_by_id: r.opt_int(10)?,
        decided_by: r.opt_text(11)?.map(str::to_string),
        decided_at: opt_instant(r.opt_text(12)?, "decided_at")?,
        decision_reason: r.string(13)?,
        used_at: opt_instant(r.opt_text(14)?, "used_at")?,
        session_id: r.opt_text(15)?.map(str::to_string),
        id,
    })
}

/// Reads the requests.
#[derive(Clone, Copy)]
pub struct Requests<'c> {
    pub(super) db: Db<'c>,
}

/// A pending notice for a super admin who may decide a request.
#[derive(Debug, Clone, PartialEq)]
pub struct ApprovalNotice {
    pub id: i64,
    pub org: String,
    pub request_id: String,
    pub recipient: String,
    pub requester: String,
    pub requester_name: String,
    pub target: String,
    pub reason: String,
    pub expires_at: String,
}

impl Requests<'_> {
    pub fn get(&self, id: &str) -> StoreResult<Option<ApprovalRequest>> {
        self.db.first(
            requests_where!("WHERE r.id = ?1"),
            &[Val::Text(id)],
            from_row,
        )
    }

    /// The approved request of `requester_id` for `target_id` that is still good at `now`
    /// (unused, unexpired), the one that lapses first when there are several.
    pub fn usable(
        &self,
        requester_id: i64,
        target_id: i64,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<ApprovalRequest>> {
        self.db.first(
            requests_where!(
                "WHERE r.requester_id = ?1 AND r.target_id = ?2 AND r.status = 'approved'
                   AND r.expires_at > ?3
                 ORDER BY r.expires_at, r.id LIMIT 1"
            ),
            &[
                Val::Int(requester_id),
                Val::Int(target_id),
                Val::Text(&format_instant(now)),
            ],
            from_row,
        )
    }

    /// The org's requests, newest first: only `requester_id`'s when given, only those still
    /// pending at `now` when `pending_at` is given.
    pub fn list(
        &self,
        org_id: i64,
        requester_id: Option<i64>,
        pending_at: Option<DateTime<Utc>>,
    ) -> StoreResult<Vec<ApprovalRequest>> {
        let pending_at = pending_at.map(format_instant);
        self.db.rows(
            requests_where!(
                "WHERE r.org_id = ?1 AND (CAST(?2 AS BIGINT) IS NULL OR r.requester_id = ?2)
                   AND (CAST(?3 AS TEXT) IS NULL
                        OR (r.status = 'pending' AND r.expires_at > ?3))
                 ORDER BY r.requested_at DESC, r.id"
            ),
            &[
                Val::Int(org_id),
                Val::OptInt(requester_id),
                Val::OptText(pending_at.as_deref()),
            ],
            from_row,
        )
    }

    /// The undelivered notices of `org_id`, or of every org, oldest first.
    /// The undelivered notices of requests still waiting at `now` (a request decided or
    /// lapsed since its notice was queued needs nobody's decision any more).
    pub fn pending_notices(
        &self,
        org_id: Option<i64>,
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<ApprovalNotice>> {
        self.db.rows(
            "SELECT n.id, o.slug, n.request_id, n.recipient, q.email, q.name, t.email,
                r.reason, r.expires_at
             FROM approval_notices n
             JOIN orgs o ON o.id = n.org_id
             JOIN approval_requests r ON r.id = n.request_id
             JOIN users q ON q.id = r.requester_id
             JOIN users t ON t.id = r.target_id
             WHERE n.delivered_at IS NULL AND (CAST(?1 AS BIGINT) IS NULL OR n.org_id = ?1)
               AND r.status = 'pending' AND r.expires_at > ?2
             ORDER BY n.id",
            &[Val::OptInt(org_id), Val::Text(&format_instant(now))],
            |r| {
                Ok(ApprovalNotice {
                    id: r.int(0)?,
                    org: r.string(1)?,
                    request_id: r.string(2)?,
                    recipient: r.string(3)?,
                    requester: r.string(4)?,
                    requester_name: r.string(5)?,
                    target: r.string(6)?,
                    reason: r.string(7)?,
                    expires_at: r.string(8)?,
                })
            },
        )
    }
}

/// A request about to be made.
#[derive(Debug, Clone)]
pub struct NewRequest<'a> {
    pub id: &'a str,
    pub org_id: i64,
    pub requester_id: i64,
    pub target_id: i64,
    pub reason: &'a str,
    pub requested_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

super::write_handle!(RequestsTx, Requests);

impl RequestsTx<'_> {
    pub fn create(&self, r: &NewRequest<'_>) -> StoreResult<()> {
        self.w.exec(
            "INSERT INTO approval_requests (id, org_id, requester_id, target_id, reason,
                 requested_at, expires_at, status)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'pending')",
            &[
                Val::Text(r.id),
                Val::Int(r.org_id),
                Val::Int(r.requester_id),
                Val::Int(r.target_id),
                Val::Text(r.reason),
                Val::Text(&format_instant(r.requested_at)),
                Val::Text(&format_instant(r.expires_at)),
            ],
        )?;
        Ok(())
    }

    /// Decides a pending request: approved (good until `expires_at`) or rejected. False when
    /// it was no longer pending.
    pub fn decide(
        &self,
        id: &str,
        decision: Stored,
        by_id: i64,
        at: DateTime<Utc>,
        reason: &str,
        expires_at: DateTime<Utc>,
    ) -> StoreResult<bool> {
        let n = self.w.exec(
            "UPDATE approval_requests
             SET status = ?2, decided_by_id = ?3, decided_at = ?4, decision_reason = ?5,
                 expires_at = ?6
             WHERE id = ?1 AND status = 'pending'",
            &[
                Val::Text(id),
                Val::Text(decision.as_str()),
                Val::Int(by_id),
                Val::Text(&format_instant(at)),
                Val::Text(reason),
                Val::Text(&format_instant(expires_at)),
            ],
        )?;
        Ok(n == 1)
    }

    /// Uses an approval for the session `session_id`. False when it was no longer approved.
    pub fn consume(&self, id: &str, session_id: &str, at: DateTime<Utc>) -> StoreResult<bool> {
        let n = self.w.exec(
            "UPDATE approval_requests SET status = 'used', used_at = ?3, session_id = ?2
             WHERE id = ?1 AND status = 'approved'",
            &[
                Val::Text(id),
                Val::Text(session_id),
                Val::Text(&format_instant(at)),
            ],
        )?;
        Ok(n == 1)
    }

    /// Queues a notice of request `request_id` for `recipient`.
    pub fn queue_notice(
        &self,
        request_id: &str,
        org_id: i64,
        recipient: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        self.w.exec(
            "INSERT INTO approval_notices (request_id, org_id, recipient, queued_at)
             VALUES (?1, ?2, ?3, ?4)",
            &[
                Val::Text(request_id),
                Val::Int(org_id),
                Val::Text(recipient),
                Val::Text(&format_instant(at)),
            ],
        )?;
        Ok(())
    }

    /// Marks one notice delivered; false when another drain got there first.
    pub fn mark_notice_delivered(&self, id: i64, at: DateTime<Utc>) -> StoreResult<bool> {
        let n = self.w.exec(
            "UPDATE approval_notices SET delivered_at = ?2 WHERE id = ?1 AND delivered_at IS NULL",
            &[Val::Int(id), Val::Text(&format_instant(at))],
        )?;
        Ok(n == 1)
    }
}
