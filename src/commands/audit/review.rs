//! `audit review [--since] [--until]`: the access review (SPEC §6), one line per admin who
//! held a role in the period. One pass over the audit rows plus the users table; memory
//! bounded by the number of admins.

use crate::actor;
use crate::cli::ReviewArgs;
use crate::commands::Answer;
use crate::core::access::{permit, Who};
use crate::core::clock::{format_instant, parse_instant};
use crate::core::review::{Review, GRANT_EVENTS};
use crate::error::{Error, Result};
use crate::options::Options;
use crate::output::Report;
use crate::store::Store;

pub fn review(store: &mut Store, opts: &Options, args: &ReviewArgs) -> Result<Answer> {
    let instant = |flag: &str, raw: &Option<String>| {
        raw.as_deref()
            .map(|r| parse_instant(r).map_err(|e| Error::invalid(format!("--{flag}: {e}"))))
            .transpose()
    };
    let since = instant("since", &args.since)?;
    let until = instant("until", &args.until)?;
    if let (Some(s), Some(u)) = (since, until) {
        if s >= u {
            return Err(Error::invalid(format!(
                "--since ({}) must be before --until ({}): the period is empty",
                format_instant(s),
                format_instant(u)
            )));
        }
    }
    let now = opts.now();
    // Sessions still running count up to the period's end, or now.
    let end = until.map_or(now, |u| u.min(now));
    let since_text = since.map(format_instant);
    let until_text = until.map(format_instant);
    let lines = store.read(|r| {
        let (actor, org) = actor::in_org(r, opts)?;
        permit(
            &actor,
            &[Who::Operator, Who::SuperAdmin],
            "review the org's access",
        )?;
        let mut review = Review::new(since_text.clone(), end);
        let grants: Vec<&str> = GRANT_EVENTS.iter().map(|e| e.as_str()).collect();
        r.audit().review_rows(
            &org.slug,
            since_text.as_deref(),
            until_text.as_deref(),
            &grants,
            |row| {
                review.row(row);
                Ok::<_, Error>(())
            },
        )?;
        let mut users = Vec::new();
        r.users().scan(org.id, None, |u| {
            // Only the admins' lines are kept: memory bounded by them, not by the org.
            if u.role.is_admin() || review.may_list(&u.email) {
                users.push(u);
            }
            Ok::<_, Error>(true)
        })?;
        Ok::<_, Error>(review.finish(users))
    })?;
    Ok(Report::list(
        &lines,
        &[
            "email",
            "role",
            "scope",
            "last_granted_at",
            "last_granted_by",
            "sessions",
            "users_impersonated",
            "impersonation_time",
            "denials",
            "approvals_given",
            "last_session_at",
        ],
    )
    .into())
}
