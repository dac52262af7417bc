//! The people of an org: `users import`, `users list` and `list users`, `grant` and `revoke`,
//! `users protect` and `users unprotect`. Here: how a user is shown, and the audit row of a
//! created or changed user.

pub mod import;
pub mod list;
pub mod protect;
pub mod roles;

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;

use crate::core::audit::Entry;
use crate::core::clock::format_instant;
use crate::core::events::Event;
use crate::core::model::{Actor, Org, Role, Status, User};
use crate::error::{Error, Result};
use crate::store::Tx;

/// A user as `users list` and `list users` show them.
#[derive(Debug, Serialize)]
pub struct UserView {
    pub email: String,
    pub name: String,
    pub role: &'static str,
    pub groups: Vec<String>,
    pub status: &'static str,
    pub first_login_at: Option<String>,
    pub hr_scope: String,
    pub protected: bool,
}

impl From<&User> for UserView {
    fn from(u: &User) -> Self {
        UserView {
            email: u.email.clone(),
            name: u.name.clone(),
            role: u.role.as_str(),
            groups: u.groups.clone(),
            status: u.status.as_str(),
            first_login_at: u.first_login_at.map(format_instant),
            hr_scope: u.scope.encode(),
            protected: u.protected,
        }
    }
}

/// The fields of a user that `list users` shows, in its table and its CSV.
pub const USER_COLUMNS: &[&str] = &["email", "name", "role", "groups", "status"];

/// The fields of a user that `users list` shows: also whether they are protected.
pub const ALL_USER_COLUMNS: &[&str] = &["email", "name", "role", "groups", "status", "protected"];

fn last_super_admin(org: &Org) -> Error {
    Error::Forbidden(format!(
        "this would leave org {} without an active super admin",
        org.slug
    ))
}

/// A value that cannot be encoded as the details of an audit row: never written as `{}`.
fn unencodable(e: serde_json::Error) -> Error {
    Error::io(
        "cannot encode the details of an audit row; nothing was written",
        std::io::Error::other(e),
    )
}

/// The fields that differ between two versions of a user, as `{field: {old, new}}`.
fn diff(old: Option<&User>, new: &User) -> Result<serde_json::Value> {
    let view = |u: &User| serde_json::to_value(UserView::from(u)).map_err(unencodable);
    let new_v = view(new)?;
    let old_v = old.map(view).transpose()?;
    let mut changes = serde_json::Map::new();
    if let serde_json::Value::Object(fields) = &new_v {
        for (k, v) in fields {
            let before = old_v.as_ref().and_then(|o| o.get(k));
            if before != Some(v) {
                changes.insert(
                    k.clone(),
                    json!({"old": before.cloned().unwrap_or(serde_json::Value::Null), "new": v}),
                );
            }
        }
    }
    Ok(serde_json::Value::Object(changes))
}

/// Writes the one audit row of a created or changed user: its most telling event, and every
/// changed field in `details`.
fn record_change(
    tx: &mut Tx<'_>,
    org: &Org,
    actor: &Actor,
    old: Option<&User>,
    new: &User,
    now: DateTime<Utc>,
) -> Result<()> {
    let event = match old {
        None => Event::UserCreated,
        Some(o) if o.status == Status::Active && new.status == Status::Deactivated => {
            Event::UserDeactivated
        }
        Some(o) if new.role < o.role && new.role == Role::User => Event::RoleRevoked,
        Some(o) if new.role != o.role || new.scope != o.scope => Event::RoleGranted,
        Some(_) => Event::UserUpdated,
    };
    let entry = match old {
        None => created_entry(org, actor, &new.email, new, now)?,
        Some(_) => Entry::new(now, &org.slug, event)
            .by(actor)
            .target(&new.email)
            .details(diff(old, new)?),
    };
    tx.audit().append(entry)?;
    Ok(())
}

/// The `user.created` row of `new`, whose email is `email`: its details encoded straight from
/// the user's fields (a bulk import writes one per user).
fn created_entry<'a>(
    org: &'a Org,
    actor: &'a Actor,
    email: &'a str,
    new: &User,
    now: DateTime<Utc>,
) -> Result<Entry<'a>> {
    Entry::new(now, &org.slug, Event::UserCreated)
        .by(actor)
        .target(email)
        .details_of(&Created::from(new))
        .map_err(unencodable)
}

/// The `details` of the `user.created` row of `new`.
fn created_details(new: &User) -> Result<String> {
    serde_json::to_string(&Created::from(new)).map_err(unencodable)
}

/// The `details` of `user.created`: the new user's fields, empty ones left out.
#[derive(Serialize)]
struct Created<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    groups: &'a [String],
    role: &'static str,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    first_login_at: Option<String>,
    #[serde(skip_serializing_if = "str::is_empty")]
    hr_scope: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    protected: bool,
}

impl<'a> From<&'a User> for Created<'a> {
    fn from(u: &'a User) -> Self {
        Created {
            name: &u.name,
            groups: &u.groups,
            role: u.role.as_str(),
            status: u.status.as_str(),
            first_login_at: u.first_login_at.map(format_instant),
            hr_scope: u.scope.encode(),
            protected: u.protected,
        }
    }
}
