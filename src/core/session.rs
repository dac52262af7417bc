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
    /// The actions recorded in the session, and how many of them changed the user's data.
    pub actions: i64,
    pub changes: i64,
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

/// What a notice for an impersonated user tells; the strings are the `kind` of the spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotificationKind {
    /// Changes were made on the user's behalf, and how many.
    Changes,
    /// A session impersonating the user ended: who, when, how, and what was recorded.
    Receipt,
}

impl NotificationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NotificationKind::Changes => "changes",
            NotificationKind::Receipt => "receipt",
        }
    }

    pub fn parse(s: &str) -> Option<NotificationKind> {
        match s {
            "changes" => Some(NotificationKind::Changes),
            "receipt" => Some(NotificationKind::Receipt),
            _ => None,
        }
    }
}

/// A pending notice for an impersonated user, with the session it is about.
#[derive(Debug, Clone, PartialEq)]
pub struct Notification {
    pub id: i64,
    pub kind: NotificationKind,
    pub org: String,
    pub session_id: String,
    pub recipient: String,
    /// The changes counted: for a receipt, those of the whole session.
    pub changes: i64,
    pub actor: String,
    pub actor_name: String,
    /// The session as it stood when the notice was read: for a receipt, as it ended.
    pub session_reason: String,
    pub started_at: String,
    pub ended_at: Option<String>,
    pub end_reason: Option<String>,
    pub actions: i64,
}
