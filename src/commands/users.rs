//! `users import`, `users list`, `grant` and `revoke`: the people of an org and their roles.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;

use super::{permit, session, Who};
use crate::app::Ctx;
use crate::cli::{GrantHrAdminArgs, GrantSuperAdminArgs, ImportArgs, RevokeArgs};
use crate::core::clock::format_instant;
use crate::core::events::Event;
use crate::core::import;
use crate::core::model::{normalize_email, Actor, Org, Role, Scope, Status, User};
use crate::error::{Error, Result};
use crate::output::{self, ListWriter, Report};
use crate::store::{self, Tx};

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
        }
    }
}

/// The fields of a user that a list shows, in its table and its CSV.
pub const USER_COLUMNS: &[&str] = &["email", "name", "role", "groups", "status"];

pub fn list(ctx: &mut Ctx, search: Option<&str>) -> Result<()> {
    let (actor, org) = ctx.actor_in_org()?;
    permit(
        &actor,
        &[Who::Operator, Who::SuperAdmin, Who::HrAdmin],
        "list the org's users",
    )?;
    // Printed as they are read: an org may have a million people.
    let mut out = ListWriter::new(ctx.format, USER_COLUMNS);
    store::users::scan(ctx.store()?.conn(), org.id, search, |u| {
        out.push(&UserView::from(&u))?;
        Ok(true)
    })?;
    out.finish()
}

#[derive(Debug, Default, Serialize)]
struct Imported {
    created: u64,
    updated: u64,
    unchanged: u64,
    dry_run: bool,
}

pub fn import(ctx: &mut Ctx, args: &ImportArgs) -> Result<Report> {
    // The file's bytes are let go once parsed: only the checked rows are kept for the write.
    let rows = {
        let bytes = std::fs::read(&args.file)
            .map_err(|e| Error::invalid(format!("cannot read {}: {e}", args.file.display())))?;
        import::parse(&bytes)?
    };
    let now = ctx.now;
    let file = args.file.display().to_string();
    if rows.len() > 10_000 {
        ctx.store()?.set_cache_mib(256)?;
    }
    let bar = output::progress(Some(rows.len() as u64), "importing");
    // A dry run is the same import, rolled back: its counts are exactly the real run's.
    let (mut counts, org) = ctx.write_in_org(!args.dry_run, |tx, actor, org| {
        permit(actor, &[Who::Operator, Who::SuperAdmin], "import users")?;
        let counts = import_rows(tx, org, actor, &rows, now, &file, &bar)?;
        Ok((counts, org.clone()))
    })?;
    bar.finish_and_clear();
    counts.dry_run = args.dry_run;
    let verb = if args.dry_run {
        "Would import"
    } else {
        "Imported"
    };
    let text = format!(
        "{verb} {} rows into {}: {} created, {} updated, {} unchanged",
        rows.len(),
        org.slug,
        counts.created,
        counts.updated,
        counts.unchanged
    );
    Ok(Report::text(&counts, text))
}

fn import_rows(
    tx: &mut Tx<'_>,
    org: &Org,
    actor: &Actor,
    rows: &[import::Row],
    now: DateTime<Utc>,
    file: &str,
    bar: &indicatif::ProgressBar,
) -> Result<Imported> {
    let super_admins_before = store::users::count_active_super_admins(tx, org.id)?;
    let mut counts = Imported::default();
    let mut roles_or_status_changed = false;
    // Into an org with nobody yet (the file has no duplicates), every row is new.
    let org_was_empty = store::users::count(tx, org.id)? == 0;
    for row in rows {
        let stored = match org_was_empty {
            true => None,
            false => store::users::find(tx, org.id, &row.email)?,
        };
        let wanted = row.apply(org.id, stored.as_ref());
        match &stored {
            None => {
                store::users::insert(tx, &wanted)?;
                counts.created += 1;
                record_change(tx, org, actor, None, &wanted, now)?;
            }
            Some(old) if *old == wanted => counts.unchanged += 1,
            Some(old) => {
                store::users::update(tx, &wanted)?;
                counts.updated += 1;
                roles_or_status_changed |= old.role != wanted.role
                    || old.status != wanted.status
                    || old.scope != wanted.scope
                    || old.groups != wanted.groups;
                record_change(tx, org, actor, Some(old), &wanted, now)?;
            }
        }
        bar.inc(1);
    }
    if super_admins_before > 0 && store::users::count_active_super_admins(tx, org.id)? == 0 {
        return Err(last_super_admin(org));
    }
    tx.audit(
        store::audit::Entry::new(now, &org.slug, Event::UsersImported)
            .by(actor)
            .details(json!({
                "file": file,
                "rows": rows.len(),
                "created": counts.created,
                "updated": counts.updated,
                "unchanged": counts.unchanged,
            })),
    )?;
    if roles_or_status_changed {
        session::revoke_disallowed(tx, org, actor, now)?;
    }
    Ok(counts)
}

fn last_super_admin(org: &Org) -> Error {
    Error::Forbidden(format!(
        "this would leave org {} without an active super admin",
        org.slug
    ))
}

/// The fields that differ between two versions of a user, as `{field: {old, new}}`.
fn diff(old: Option<&User>, new: &User) -> serde_json::Value {
    let view = |u: &User| serde_json::to_value(UserView::from(u)).unwrap_or_default();
    let new_v = view(new);
    let old_v = old.map(view);
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
    serde_json::Value::Object(changes)
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
    let entry = store::audit::Entry::new(now, &org.slug, event)
        .by(actor)
        .target(&new.email);
    let entry = match old {
        // The common case of a bulk import: encoded straight from the user's fields.
        None => entry.details_of(&Created::from(new)),
        Some(_) => entry.details(diff(old, new)),
    };
    tx.audit(entry)?;
    Ok(())
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
        }
    }
}

/// Gives `email` a new role and scope, in one transaction with its audit row and the
/// sessions the change no longer allows.
fn set_role(ctx: &mut Ctx, email: &str, role: Role, scope: Scope) -> Result<Report> {
    let what = if role == Role::User {
        "revoke roles"
    } else {
        "grant roles"
    };
    let now = ctx.now;
    let (user, changed) = ctx.write_in_org(true, |tx, actor, org| {
        permit(actor, &[Who::Operator, Who::SuperAdmin], what)?;
        let old = store::users::find(tx, org.id, email)?.ok_or_else(|| {
            Error::not_found(
                format!("user {email} in org {}", org.slug),
                "`admin-proxy users list` shows the org's users",
            )
        })?;
        let new = User {
            role,
            scope: scope.clone(),
            ..old.clone()
        };
        if new == old {
            return Ok((new, false));
        }
        if old.role == Role::SuperAdmin
            && old.is_active()
            && store::users::count_active_super_admins(tx, org.id)? == 1
        {
            return Err(last_super_admin(org));
        }
        store::users::update(tx, &new)?;
        record_change(tx, org, actor, Some(&old), &new, now)?;
        session::revoke_disallowed(tx, org, actor, now)?;
        Ok((new, true))
    })?;
    let scope_text = match &user.scope {
        Scope::All => " over the whole org".to_string(),
        Scope::Groups(g) => format!(" over {}", g.iter().cloned().collect::<Vec<_>>().join(", ")),
        Scope::None => String::new(),
    };
    let text = if changed {
        format!("{} is now {}{scope_text}", user.email, user.role)
    } else {
        format!(
            "{} was already {}{scope_text}; nothing changed",
            user.email, user.role
        )
    };
    #[derive(Serialize)]
    struct Granted<'a> {
        email: &'a str,
        role: &'static str,
        hr_scope: String,
        changed: bool,
    }
    let data = Granted {
        email: &user.email,
        role: user.role.as_str(),
        hr_scope: user.scope.encode(),
        changed,
    };
    Ok(Report::text(&data, text))
}

pub fn grant_super_admin(ctx: &mut Ctx, args: &GrantSuperAdminArgs) -> Result<Report> {
    let email = normalize_email(&args.email)?;
    set_role(ctx, &email, Role::SuperAdmin, Scope::None)
}

pub fn grant_hr_admin(ctx: &mut Ctx, args: &GrantHrAdminArgs) -> Result<Report> {
    let email = normalize_email(&args.email)?;
    let scope = if args.all_groups {
        Scope::All
    } else {
        let groups: Vec<String> = args
            .scope
            .iter()
            .flat_map(|s| crate::core::model::parse_groups(s))
            .collect();
        if groups.is_empty() {
            return Err(Error::invalid(
                "--scope needs at least one group name (or use --all-groups)",
            ));
        }
        Scope::from_groups(groups)
    };
    set_role(ctx, &email, Role::HrAdmin, scope)
}

pub fn revoke(ctx: &mut Ctx, args: &RevokeArgs) -> Result<Report> {
    let email = normalize_email(&args.email)?;
    set_role(ctx, &email, Role::User, Scope::None)
}
