//! The access review of SPEC §6: per admin who held a role in a period, their grant and what
//! they did with it, tallied from the audit rows as they stream by. Memory is bounded by the
//! number of admins (and the users each impersonated), never by the number of rows. No SQL,
//! no clock, no printing.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::audit::AuditRow;
use super::clock::{human_span, parse_stored};
use super::events::Event;
use super::model::{Role, User};

/// The events that grant a role, read from the log's start: the last grant may predate the
/// period.
pub const GRANT_EVENTS: [Event; 2] = [Event::RoleGranted, Event::UserCreated];

/// One admin's line of the review.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewLine {
    pub email: String,
    pub name: String,
    pub role: String,
    pub scope: String,
    pub status: String,
    pub last_granted_at: Option<String>,
    pub last_granted_by: Option<String>,
    pub sessions: u64,
    pub users_impersonated: u64,
    pub impersonation_seconds: i64,
    pub impersonation_time: String,
    pub denials: u64,
    pub approvals_given: u64,
    pub last_session_at: Option<String>,
}

#[derive(Debug, Default)]
struct Tally {
    /// The period's rows show them holding a role (acting as an admin, granted or revoked).
    held: bool,
    grant: Option<(String, String)>,
    sessions: u64,
    targets: HashSet<String>,
    seconds: i64,
    denials: u64,
    approvals: u64,
    last_session: Option<String>,
}

/// The review being tallied, one row at a time in `seq` order.
#[derive(Debug)]
pub struct Review {
    since: Option<String>,
    /// Where open sessions stop counting: the period's end, or now.
    end: DateTime<Utc>,
    admins: HashMap<String, Tally>,
    /// Sessions started in the period and not ended yet: at most one per admin.
    open: HashMap<String, (String, DateTime<Utc>, DateTime<Utc>)>,
}

fn is_admin_role(role: &str) -> bool {
    role == Role::SuperAdmin.as_str() || role == Role::HrAdmin.as_str()
}

impl Review {
    /// A review of the rows from `since` (stored form, inclusive) up to `end`.
    pub fn new(since: Option<String>, end: DateTime<Utc>) -> Review {
        Review {
            since,
            end,
            admins: HashMap::new(),
            open: HashMap::new(),
        }
    }

    fn admin(&mut self, email: &str) -> &mut Tally {
        self.admins.entry(email.to_string()).or_default()
    }

    /// Counts one row: the grant events of any time, everything else of the period.
    pub fn row(&mut self, row: &AuditRow) {
        let event = row.event.as_str();
        if event == Event::RoleGranted.as_str() {
            self.admin(&row.target).grant = Some((row.timestamp.clone(), row.actor.clone()));
        } else if event == Event::UserCreated.as_str() && row.details.contains("_admin") {
            // One `user.created` per imported user: only an admin's details are decoded.
            let role = serde_json::from_str::<serde_json::Value>(&row.details)
                .ok()
                .and_then(|d| d.get("role").and_then(|r| r.as_str()).map(is_admin_role));
            if role == Some(true) {
                self.admin(&row.target).grant = Some((row.timestamp.clone(), row.actor.clone()));
            }
        }
        if self
            .since
            .as_deref()
            .is_some_and(|s| row.timestamp.as_str() < s)
        {
            return;
        }
        if event == Event::RoleGranted.as_str() || event == Event::RoleRevoked.as_str() {
            self.admin(&row.target).held = true;
        }
        if event == Event::UserCreated.as_str() && self.admins.contains_key(&row.target) {
            self.admin(&row.target).held = true;
        }
        if !is_admin_role(&row.actor_role) {
            return;
        }
        let tally = self.admin(&row.actor);
        tally.held = true;
        if row.outcome == "denied" {
            tally.denials += 1;
        }
        if event == Event::ImpersonationApproved.as_str() {
            tally.approvals += 1;
        }
        if event == Event::ImpersonationStarted.as_str() {
            tally.sessions += 1;
            tally.targets.insert(row.target.clone());
            tally.last_session = Some(row.timestamp.clone());
            if let Some(start) = parse_stored(&row.timestamp) {
                let expires = serde_json::from_str::<serde_json::Value>(&row.details)
                    .ok()
                    .and_then(|d| {
                        d.get("expires_at")
                            .and_then(|e| e.as_str())
                            .and_then(parse_stored)
                    })
                    .unwrap_or(start);
                self.open
                    .insert(row.session_id.clone(), (row.actor.clone(), start, expires));
            }
        } else if (event == Event::ImpersonationStopped.as_str()
            || event == Event::ImpersonationExpired.as_str()
            || event == Event::ImpersonationRevoked.as_str())
            && !row.session_id.is_empty()
        {
            self.end_session(&row.session_id, parse_stored(&row.timestamp));
        }
    }

    fn end_session(&mut self, id: &str, at: Option<DateTime<Utc>>) {
        let Some((admin, start, expires)) = self.open.remove(id) else {
            return;
        };
        let end = at.unwrap_or(expires).min(expires).min(self.end);
        self.admin(&admin).seconds += (end - start).num_seconds().max(0);
    }

    /// Ends the tally: sessions still open count until they expire or the period ends. `users`
    /// are the org's users; each admin now, or who held a role in the period, has a line, in
    /// email order.
    pub fn finish(mut self, users: impl IntoIterator<Item = User>) -> Vec<ReviewLine> {
        let open: Vec<String> = self.open.keys().cloned().collect();
        for id in open {
            self.end_session(&id, None);
        }
        let mut lines = BTreeMap::new();
        for u in users {
            let tally = self.admins.remove(&u.email);
            let now_admin = u.role.is_admin() && u.is_active();
            if !now_admin && !tally.as_ref().is_some_and(|t| t.held) {
                continue;
            }
            let t = tally.unwrap_or_default();
            let (granted_at, granted_by) = match t.grant {
                Some((at, by)) => (Some(at), Some(by)),
                None => (None, None),
            };
            lines.insert(
                u.email.clone(),
                ReviewLine {
                    scope: match u.role {
                        Role::HrAdmin => u.scope.encode(),
                        _ => String::new(),
                    },
                    role: u.role.as_str().to_string(),
                    status: u.status.as_str().to_string(),
                    name: u.name,
                    email: u.email,
                    last_granted_at: granted_at,
                    last_granted_by: granted_by,
                    sessions: t.sessions,
                    users_impersonated: t.targets.len() as u64,
                    impersonation_seconds: t.seconds,
                    impersonation_time: human_span(t.seconds),
                    denials: t.denials,
                    approvals_given: t.approvals,
                    last_session_at: t.last_session,
                },
            );
        }
        lines.into_values().collect()
    }

    /// Whether `email` may have a line although not an admin now: the period's rows show
    /// them holding a role.
    pub fn may_list(&self, email: &str) -> bool {
        self.admins.get(email).is_some_and(|t| t.held)
    }
}
