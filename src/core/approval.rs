//! Four-eyes approval (SPEC §5): a request to impersonate, decided by another super admin of
//! the org, good for one `start` within an hour. The request's state as the commands see it,
//! and the rules of its lifetime. No SQL, no clock, no printing.

use chrono::{DateTime, Duration, Utc};

/// How long a pending request waits for a decision.
pub fn pending_for() -> Duration {
    Duration::hours(24)
}

/// How long an approval stays good for its one `start`.
pub fn approval_for() -> Duration {
    Duration::hours(1)
}

/// What is stored of a request's decision and use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    Pending,
    Approved,
    Rejected,
    Used,
}

impl Stored {
    pub fn as_str(self) -> &'static str {
        match self {
            Stored::Pending => "pending",
            Stored::Approved => "approved",
            Stored::Rejected => "rejected",
            Stored::Used => "used",
        }
    }

    pub fn parse(raw: &str) -> Option<Stored> {
        [
            Stored::Pending,
            Stored::Approved,
            Stored::Rejected,
            Stored::Used,
        ]
        .into_iter()
        .find(|s| s.as_str() == raw)
    }
}

/// A request's status at an instant: the stored one, or `expired` once a pending request or
/// an unused approval has lapsed. The strings are those `list requests` shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Pending,
    Approved,
    Rejected,
    Used,
    Expired,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Approved => "approved",
            Status::Rejected => "rejected",
            Status::Used => "used",
            Status::Expired => "expired",
        }
    }
}

/// A request with the people it names.
#[derive(Debug, Clone, PartialEq)]
pub struct ApprovalRequest {
    pub id: String,
    pub org_id: i64,
    pub requester_id: i64,
    pub requester: String,
    pub target_id: i64,
    pub target: String,
    pub reason: String,
    pub requested_at: DateTime<Utc>,
    /// Pending: when it lapses. Approved: when the approval lapses.
    pub expires_at: DateTime<Utc>,
    pub stored: Stored,
    pub decided_by_id: Option<i64>,
    pub decided_by: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decision_reason: String,
    pub used_at: Option<DateTime<Utc>>,
    pub session_id: Option<String>,
}

impl ApprovalRequest {
    /// The status at `now`. A lapsed request or approval is `expired`; a rejected or used one
    /// stays so.
    pub fn status(&self, now: DateTime<Utc>) -> Status {
        match self.stored {
            Stored::Pending if now >= self.expires_at => Status::Expired,
            Stored::Approved if now >= self.expires_at => Status::Expired,
            Stored::Pending => Status::Pending,
            Stored::Approved => Status::Approved,
            Stored::Rejected => Status::Rejected,
            Stored::Used => Status::Used,
        }
    }
}

/// Why a decision on a request cannot be made in its present state (exit 5): the conflict
/// code recorded in the audit row, and the sentence shown.
pub fn undecidable(status: Status) -> Option<(&'static str, &'static str)> {
    match status {
        Status::Pending => None,
        Status::Approved | Status::Rejected => Some((
            "request_decided",
            "the request was already decided; a request is decided once",
        )),
        Status::Used => Some((
            "request_used",
            "the request's approval was already used by a session",
        )),
        Status::Expired => Some((
            "request_expired",
            "the request has lapsed (a request waits 24 hours, an approval lasts 1 hour): ask for a new one",
        )),
    }
}

/// A new request id: `r_` and 16 hex digits of randomness.
pub fn new_request_id() -> String {
    super::random_id("r_")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn requests_lapse_but_decisions_stay() {
        let t0 = Utc.with_ymd_and_hms(2026, 6, 1, 12, 0, 0).unwrap();
        let mut r = ApprovalRequest {
            id: "r_1".into(),
            org_id: 1,
            requester_id: 1,
            requester: "a".into(),
            target_id: 2,
            target: "b".into(),
            reason: "x".into(),
            requested_at: t0,
            expires_at: t0 + pending_for(),
            stored: Stored::Pending,
            decided_by_id: None,
            decided_by: None,
            decided_at: None,
            decision_reason: String::new(),
            used_at: None,
            session_id: None,
        };
        assert_eq!(r.status(t0), Status::Pending);
        assert_eq!(r.status(t0 + pending_for()), Status::Expired);
        r.stored = Stored::Approved;
        r.expires_at = t0 + approval_for();
        assert_eq!(r.status(t0), Status::Approved);
        assert_eq!(r.status(t0 + approval_for()), Status::Expired);
        r.stored = Stored::Used;
        assert_eq!(r.status(t0 + pending_for()), Status::Used);
        assert!(undecidable(Status::Pending).is_none());
        assert_eq!(
            undecidable(Status::Approved).map(|c| c.0),
            Some("request_decided")
        );
    }
}
