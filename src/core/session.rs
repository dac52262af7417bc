//! Sessions and the notices they queue, as the commands see them: plain data, read and
//! written by `store`.

use chrono::{DateTime, Utc};

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
    /// The approved request the session used, when the org required one.
    pub request_id: Option<String>,
    /// Who approved that request.
    pub approved_by: Option<String>,
}

/// A session about to start.
#[derive(Debug, Clone)]
pub struct NewSession<'a> {
    pub id: &'a str,
    pub org_id: i64,
    pub actor_id: i64,
    pub actor_role: &'a str,
    pub target_id: i64,
    pub reason: &'a str,
    pub started_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    /// The approved request the session uses, and its approver's user id.
    pub approval: Option<(&'a str, i64)>,
}

/// A pending notice for an impersonated user, counting the changes made on their behalf.
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
