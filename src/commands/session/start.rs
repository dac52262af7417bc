//! `start`: the policy first (a denial is recorded), then the confirmation, then the session
//! with its audit row.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use serde_json::json;

use super::{asked_with, checked_reason, org_asked, Facts};
use crate::actor;
use crate::cli::StartArgs;
use crate::commands::Answer;
use crate::core::approval::ApprovalRequest;
use crate::core::audit::Entry;
use crate::core::clock::format_instant;
use crate::core::events::Event;
use crate::core::model::{normalize_email, Org, User};
use crate::core::policy::{self, Request};
use crate::core::session::NewSession;
use crate::core::settings::Timeout;
use crate::error::{Error, Result, Verdict};
use crate::options::{Clock, Options};
use crate::output::{self, Report};
use crate::store::{Store, Tx};

#[derive(Debug, Serialize)]
struct Started {
    session_id: String,
    org: String,
    actor: String,
    target: String,
    target_name: String,
    reason: String,
    started_at: String,
    expires_at: String,
    timeout: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    request_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    approved_by: Option<String>,
}

/// What `start` asks for, as given on the command line.
struct StartRequest<'a> {
    org: &'a Org,
    actor: &'a str,
    target: &'a str,
    reason: &'a str,
}

/// The two people the policy admitted, and the org's timeout.
struct Admitted {
    actor: User,
    target: User,
    timeout: Timeout,
    /// The approved request the session will use, when the org requires one (check 14).
    approval: Option<ApprovalRequest>,
}

pub fn run(store: &mut Store, opts: &Options, args: &StartArgs) -> Result<Answer> {
    let target = normalize_email(&args.email)?;
    let reason = checked_reason("--reason", args.reason.as_deref().unwrap_or(""))?;
    let reason = reason.as_str();
    let actor = actor::email(opts)?;
    let org = org_asked(store, opts, &actor)?;
    let request = StartRequest {
        org: &org,
        actor: &actor,
        target: &target,
        reason,
    };
    let mut now = opts.now();
    if !opts.yes {
        // The policy first (a denial is recorded), then a person is asked, outside any
        // transaction; the answer is checked again when the session starts.
        let admitted = store.write(|tx| admit(tx, &request, now))?.into_result()?;
        if !output::can_prompt() {
            return Err(Error::invalid_with_hint(
                "start needs confirmation and there is no terminal to ask on",
                "pass --yes to confirm from a script",
            ));
        }
        let question = format!(
            "Impersonate {} for {}? Everything you do is recorded.",
            admitted.target.label(),
            admitted.timeout
        );
        if !output::confirm(&question)? {
            return Err(Error::invalid("not confirmed: no session was started"));
        }
        // The person may have taken a while: the session starts when they said yes.
        now = Clock::read()?.now;
        // A session that ran out meanwhile is over before this one starts.
        crate::lifecycle::expire_overdue(store, now, Some(org.id))?;
    }
    let started = store
        .write(|tx| match admit(tx, &request, now)? {
            Verdict::Done(admitted) => begin(tx, &request, admitted, now).map(Verdict::Done),
            Verdict::Refused(e) => Ok(Verdict::Refused(e)),
        })?
        .into_result()?;
    let text = format!(
        "Impersonating {} <{}> until {} ({}). Everything you do is recorded.\nSession {}",
        output::shown(&started.target_name),
        output::shown(&started.target),
        started.expires_at,
        started.timeout,
        output::shown(&started.session_id)
    );
    Ok(Report::text(&started, text).into())
}

/// Gathers the facts of a start inside `tx` and asks the policy. A denial is written to the
/// audit log and comes back as a refusal, to be committed with it.
fn admit(tx: &mut Tx<'_>, req: &StartRequest<'_>, now: DateTime<Utc>) -> Result<Verdict<Admitted>> {
    let facts = Facts::gather(tx, req.org, req.actor, req.target)?;
    let (actor, target, settings) = (&facts.actor, &facts.target, &facts.settings);
    let active = match &actor {
        Some(a) => tx.sessions().active_for_actor(a.id)?.is_some(),
        None => false,
    };
    // Check 14: only an approval the org requires for this target is looked for, and used.
    let approval = match (&actor, &target) {
        (Some(a), Some(t)) if settings.approval_required.covers(t.role) => {
            tx.requests().usable(a.id, t.id, now)?
        }
        _ => None,
    };
    let request = Request {
        reason: Some(req.reason).filter(|r| !r.is_empty()),
        approved: approval.is_some(),
        actor_has_active_session: active,
    };
    let denial = match policy::admit(actor.as_ref(), target.as_ref(), settings, request) {
        Ok((actor, target)) => {
            return Ok(Verdict::Done(Admitted {
                actor: actor.clone(),
                target: target.clone(),
                timeout: settings.session_timeout,
                approval,
            }))
        }
        Err(denial) => denial,
    };
    let refusal = facts.deny(
        tx,
        req.org,
        (req.actor, req.target),
        denial,
        asked_with(req.reason, None),
        "impersonate",
        now,
    )?;
    Ok(Verdict::Refused(refusal))
}

/// Starts the session the policy admitted, with its audit row.
fn begin(
    tx: &mut Tx<'_>,
    req: &StartRequest<'_>,
    admitted: Admitted,
    now: DateTime<Utc>,
) -> Result<Started> {
    let Admitted {
        actor,
        target,
        timeout,
        approval,
    } = admitted;
    let id = crate::core::random_id("s_");
    let expires_at = now + Duration::minutes(i64::from(timeout.minutes()));
    let approver = approval
        .as_ref()
        .and_then(|a| a.decided_by_id.map(|by| (a.id.as_str(), by)));
    // INVARIANT: one active session per actor. Check 15 read it under this transaction's
    // write lock; the partial unique index holds it in the database too.
    tx.sessions().start(&NewSession {
        id: &id,
        org_id: req.org.id,
        actor_id: actor.id,
        actor_role: actor.role.as_str(),
        target_id: target.id,
        reason: req.reason,
        started_at: now,
        expires_at,
        approval: approver,
    })?;
    let mut details = json!({
        "expires_at": format_instant(expires_at),
        "timeout": timeout.to_string(),
    });
    if let Some(a) = &approval {
        // INVARIANT: an approval is good for one start. Check 14 read it under this
        // transaction's write lock; the update takes it only while it is still approved.
        if !tx.requests().consume(&a.id, &id, now)? {
            return Err(Error::conflict(
                "request_used",
                format!("request {} was used meanwhile; ask for a new one", a.id),
            ));
        }
        details["request_id"] = json!(a.id);
        details["approved_by"] = json!(a.decided_by);
    }
    tx.audit().append(
        Entry::new(now, &req.org.slug, Event::ImpersonationStarted)
            .actor(&actor.email, actor.role.as_str())
            .target(&target.email)
            .session(&id)
            .reason(req.reason)
            .details(details),
    )?;
    Ok(Started {
        session_id: id,
        org: req.org.slug.clone(),
        actor: actor.email,
        target: target.email,
        target_name: target.name,
        reason: req.reason.to_string(),
        started_at: format_instant(now),
        expires_at: format_instant(expires_at),
        timeout: timeout.to_string(),
        request_id: approval.as_ref().map(|a| a.id.clone()),
        approved_by: approval.and_then(|a| a.decided_by),
    })
}
