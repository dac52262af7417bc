//! The session lifecycle beyond the commands that start and stop sessions: expiry, run before
//! every writing command, and the revocation cascade, run inside the transaction of every
//! change that can take a session's permission away (SPEC §5).

use chrono::{DateTime, Utc};
use serde_json::json;

use crate::core::audit::Entry;
use crate::core::events::{EndReason, Event};
use crate::core::model::{Actor, Org};
use crate::core::policy::{self, Denial};
use crate::error::Result;
use crate::store::{Store, StoreError, Tx};

/// Ends every session past its `expires_at` (of one org, or of the store), each recorded as
/// `impersonation.expired` at the moment it expired. Costs one indexed read when none is due.
/// A session row it cannot read is skipped and left active, never a failure of the caller.
pub fn expire_overdue(store: &mut Store, now: DateTime<Utc>, org_id: Option<i64>) -> Result<usize> {
    if !store.read(|r| r.sessions().any_overdue(now, org_id))? {
        return Ok(0);
    }
    store.write(|tx| {
        let mut ended = 0;
        for s in tx.sessions().overdue(now, org_id)? {
            // A row this build cannot read is left as it is: ending it would need the time it
            // cannot read, and failing here would fail every command of the store. The
            // commands that need that session (its actor's status and stop, list sessions)
            // still fail, naming it.
            let s = match s {
                Ok(s) => s,
                Err(StoreError::Corrupt { .. }) => continue,
                Err(e) => return Err(e.into()),
            };
            if tx.sessions().end(&s.id, s.expires_at, EndReason::Expired)? {
                tx.audit().append(
                    Entry::new(s.expires_at, &s.org, Event::ImpersonationExpired)
                        .actor(&s.actor, &s.actor_role)
                        .target(&s.target)
                        .session(&s.id)
                        .reason(EndReason::Expired.as_str()),
                )?;
                ended += 1;
            }
        }
        Ok(ended)
    })
}

/// Ends, inside the caller's transaction, every active session of `org` that the rules no
/// longer allow after a change by `by` (SPEC §5's cascade). Returns how many.
pub fn revoke_disallowed(
    tx: &mut Tx<'_>,
    org: &Org,
    by: &Actor,
    now: DateTime<Utc>,
) -> Result<usize> {
    let settings = tx.settings().load(org.id)?;
    let mut revoked = 0;
    for s in tx.sessions().active_in_org(org.id)? {
        let actor = tx.users().get(s.actor_id)?;
        let target = tx.users().get(s.target_id)?;
        let verdict = match (&actor, &target) {
            (Some(a), Some(t)) => policy::session_still_allowed(a, t, &settings),
            _ => Err(Denial::TargetNotFound),
        };
        let Err(denial) = verdict else { continue };
        if tx.sessions().end(&s.id, now, EndReason::Revoked)? {
            let cause = policy::revoke_cause(denial);
            tx.audit().append(
                Entry::new(now, &org.slug, Event::ImpersonationRevoked)
                    .actor(&s.actor, &s.actor_role)
                    .target(&s.target)
                    .session(&s.id)
                    .reason(cause.as_str())
                    .details(json!({"by": by.email(), "rule": denial.code()})),
            )?;
            revoked += 1;
        }
    }
    Ok(revoked)
}
