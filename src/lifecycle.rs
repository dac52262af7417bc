//! The session lifecycle beyond the commands that start sessions: the one way a session ends
//! (stopped, expired or revoked: its audit row and, when the org asks for them, its receipt),
//! expiry, run before every writing command, and the revocation cascade, run inside the
//! transaction of every change that can take a session's permission away (SPEC §5).

use chrono::{DateTime, Utc};
use serde_json::json;

use crate::core::audit::Entry;
use crate::core::events::{EndReason, Event};
use crate::core::model::{Actor, Org};
use crate::core::policy::{self, Denial};
use crate::core::session::{NotificationKind, Session};
use crate::error::Result;
use crate::store::{Store, StoreError, Tx};

/// How a session ends, and who or what ended it.
#[derive(Debug, Clone, Copy)]
pub enum Ending<'a> {
    /// Its actor, a super admin of the org or an operator stopped it, now.
    Stopped { by: &'a Actor, at: DateTime<Utc> },
    /// It ran out: it ends at its `expires_at`, however late that is noticed.
    Expired,
    /// A change by `by`, now, took its permission away: `rule` is the check it now fails.
    Revoked {
        by: &'a Actor,
        at: DateTime<Utc>,
        rule: Denial,
    },
}

impl Ending<'_> {
    fn reason(self) -> EndReason {
        match self {
            Ending::Stopped { .. } => EndReason::Stopped,
            Ending::Expired => EndReason::Expired,
            Ending::Revoked { .. } => EndReason::Revoked,
        }
    }
}

/// Ends session `s` as `ending` says, inside the caller's transaction: the session row, its
/// audit row (`impersonation.stopped`, `.expired` or `.revoked`) and, when the org's
/// `impersonation-receipts` is on, the session's one receipt for the impersonated user with
/// its `notification.queued` row. False when the session was already over: nothing written.
// INVARIANT: every session that ends, ends here, so that none ends without its receipt.
pub fn end_session(tx: &mut Tx<'_>, s: &Session, ending: Ending<'_>) -> Result<bool> {
    let at = match ending {
        Ending::Stopped { at, .. } | Ending::Revoked { at, .. } => at,
        Ending::Expired => s.expires_at,
    };
    let why = ending.reason();
    if !tx.sessions().end(&s.id, at, why)? {
        return Ok(false);
    }
    let entry = match ending {
        Ending::Stopped { by, .. } => {
            let mut details = serde_json::Map::new();
            if by.email() != s.actor {
                details.insert("impersonator".into(), json!(s.actor));
            }
            Entry::new(at, &s.org, Event::ImpersonationStopped)
                .by(by)
                .reason(why.as_str())
                .details(serde_json::Value::Object(details))
        }
        Ending::Expired => Entry::new(at, &s.org, Event::ImpersonationExpired)
            .actor(&s.actor, &s.actor_role)
            .reason(why.as_str()),
        Ending::Revoked { by, rule, .. } => Entry::new(at, &s.org, Event::ImpersonationRevoked)
            .actor(&s.actor, &s.actor_role)
            .reason(policy::revoke_cause(rule).as_str())
            .details(json!({"by": by.email(), "rule": rule.code()})),
    };
    tx.audit().append(entry.target(&s.target).session(&s.id))?;
    if tx.settings().load(s.org_id)?.impersonation_receipts {
        tx.notifications().queue_receipt(&s.id, &s.target, at)?;
        tx.audit().append(
            Entry::new(at, &s.org, Event::NotificationQueued)
                .actor(&s.actor, &s.actor_role)
                .target(&s.target)
                .session(&s.id)
                .details(json!({"kind": NotificationKind::Receipt.as_str()})),
        )?;
    }
    Ok(true)
}

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
            if end_session(tx, &s, Ending::Expired)? {
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
        let Err(rule) = verdict else { continue };
        if end_session(tx, &s, Ending::Revoked { by, at: now, rule })? {
            revoked += 1;
        }
    }
    Ok(revoked)
}
