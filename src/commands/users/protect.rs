//! `users protect` and `users unprotect`: a protected user is never impersonated (SPEC §4
//! check 8); protecting one ends the sessions impersonating them, in the same transaction.

use serde::Serialize;

use super::record_change;
use crate::cli::UserEmailArgs;
use crate::commands::{write_in_org, Answer};
use crate::core::access::{permit, Who};
use crate::core::model::{normalize_email, User};
use crate::error::{Error, Result};
use crate::lifecycle;
use crate::options::Options;
use crate::output::Report;
use crate::store::Store;

#[derive(Serialize)]
struct Protection<'a> {
    email: &'a str,
    protected: bool,
    changed: bool,
    sessions_revoked: usize,
}

fn set_protected(store: &mut Store, opts: &Options, raw: &str, protected: bool) -> Result<Answer> {
    let email = normalize_email(raw)?;
    let what = if protected {
        "protect users"
    } else {
        "unprotect users"
    };
    let now = opts.now();
    let (user, changed, revoked) = write_in_org(store, opts, true, |tx, actor, org| {
        permit(actor, &[Who::Operator, Who::SuperAdmin], what)?;
        let old = tx.users().find(org.id, &email)?.ok_or_else(|| {
            Error::not_found(
                format!("user {email} in org {}", org.slug),
                "`admin-proxy users list` shows the org's users",
            )
        })?;
        if old.protected == protected {
            return Ok((old, false, 0));
        }
        let new = User {
            protected,
            ..old.clone()
        };
        tx.users().save(&new)?;
        record_change(tx, org, actor, Some(&old), &new, now)?;
        let revoked = lifecycle::revoke_disallowed(tx, org, actor, now)?;
        Ok((new, true, revoked))
    })?;
    let state = if protected {
        "protected: nobody may impersonate them"
    } else {
        "no longer protected"
    };
    let mut text = match changed {
        true => format!("{} is now {state}", user.email),
        false => format!("{} is already {state}; nothing changed", user.email),
    };
    if revoked > 0 {
        text.push_str(&format!(
            "\nEnded {revoked} active session(s) impersonating them"
        ));
    }
    let data = Protection {
        email: &user.email,
        protected: user.protected,
        changed,
        sessions_revoked: revoked,
    };
    Ok(Report::text(&data, text).into())
}

pub fn protect(store: &mut Store, opts: &Options, args: &UserEmailArgs) -> Result<Answer> {
    set_protected(store, opts, &args.email, true)
}

pub fn unprotect(store: &mut Store, opts: &Options, args: &UserEmailArgs) -> Result<Answer> {
    set_protected(store, opts, &args.email, false)
}
