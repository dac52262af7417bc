//! `grant super-admin`, `grant hr-admin` and `revoke`: a user's role and scope, changed in one
//! transaction with its audit row and the sessions the change no longer allows.

use serde::Serialize;

use super::{diff, last_super_admin, record_change};
use crate::cli::{GrantHrAdminArgs, GrantSuperAdminArgs, RevokeArgs};
use crate::commands::{write_in_org, Answer};
use crate::core::access::{permit, Who};
use crate::core::model::{normalize_email, parse_groups, Role, Scope, User};
use crate::error::{Error, Result};
use crate::lifecycle;
use crate::options::Options;
use crate::output::Report;
use crate::store::Store;

fn set_role(
    store: &mut Store,
    opts: &Options,
    email: &str,
    role: Role,
    scope: Scope,
) -> Result<Answer> {
    let what = if role == Role::User {
        "revoke roles"
    } else {
        "grant roles"
    };
    let now = opts.now();
    let (user, changed) = write_in_org(store, opts, true, |tx, actor, org| {
        permit(actor, &[Who::Operator, Who::SuperAdmin], what)?;
        let old = tx.users().find(org.id, email)?.ok_or_else(|| {
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
        // What the audit row would show is what changes: a grant whose row would say
        // nothing (`{}`) is no change, and writes nothing.
        if new == old
            || diff(Some(&old), &new)?
                .as_object()
                .is_some_and(|d| d.is_empty())
        {
            return Ok((old, false));
        }
        if old.role == Role::SuperAdmin
            && old.is_active()
            && tx.users().count_active_super_admins(org.id)? == 1
        {
            return Err(last_super_admin(org));
        }
        tx.users().save(&new)?;
        record_change(tx, org, actor, Some(&old), &new, now)?;
        lifecycle::revoke_disallowed(tx, org, actor, now)?;
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
    Ok(Report::text(&data, text).into())
}

pub fn grant_super_admin(s: &mut Store, o: &Options, a: &GrantSuperAdminArgs) -> Result<Answer> {
    set_role(
        s,
        o,
        &normalize_email(&a.email)?,
        Role::SuperAdmin,
        Scope::None,
    )
}

pub fn grant_hr_admin(
    store: &mut Store,
    opts: &Options,
    args: &GrantHrAdminArgs,
) -> Result<Answer> {
    let email = normalize_email(&args.email)?;
    let scope = if args.all_groups {
        Scope::All
    } else {
        let groups: Vec<String> = args.scope.iter().flat_map(|s| parse_groups(s)).collect();
        // `*` is how the whole org is stored, never a group: naming it would be a second
        // spelling of --all-groups.
        if groups.iter().any(|g| g == "*") {
            return Err(Error::invalid_with_hint(
                "`*` is not a group name: use --all-groups for the whole org",
                "grant hr-admin EMAIL --all-groups",
            ));
        }
        if groups.is_empty() {
            return Err(Error::invalid(
                "--scope needs at least one group name (or use --all-groups)",
            ));
        }
        Scope::from_groups(groups)
    };
    set_role(store, opts, &email, Role::HrAdmin, scope)
}

pub fn revoke(s: &mut Store, o: &Options, a: &RevokeArgs) -> Result<Answer> {
    set_role(s, o, &normalize_email(&a.email)?, Role::User, Scope::None)
}
