//! Four-eyes approval (SPEC §5): `request`, `approve`, `reject` and `list requests`. A
//! request is checked as `start` would be (but for checks 14 and 15), and decided by another
//! active super admin of the org; `start` uses an approval (see `session::start`).

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;

use crate::actor;
use crate::cli::{ApproveArgs, ListRequestsArgs, RejectArgs, RequestArgs};
use crate::commands::session::{asked_with, checked_reason, org_asked, Facts};
use crate::commands::{write_in_org, Answer};
use crate::core::access::{permit, Who};
use crate::core::approval::{self, ApprovalRequest, Stored};
use crate::core::audit::Entry;
use crate::core::clock::format_instant;
use crate::core::events::Event;
use crate::core::model::{normalize_email, Actor, Org, User};
use crate::core::policy::{self, Request};
use crate::error::{Error, Result, Verdict};
use crate::options::Options;
use crate::output::{self, Report};
use crate::store::requests::NewRequest;
use crate::store::{Store, Tx};

/// The longest reason a request or a rejection may give.

#[derive(Debug, Serialize)]
struct Requested {
    request_id: String,
    status: &'static str,
    org: String,
    requester: String,
    target: String,
    reason: String,
    requested_at: String,
    expires_at: String,
    notified: Vec<String>,
}

/// `request EMAIL --reason TEXT`: the checks of SPEC §4 but 14 and 15, then a pending
/// request and a notice for each other active super admin of the org.
pub fn request(store: &mut Store, opts: &Options, args: &RequestArgs) -> Result<Answer> {
    let target = normalize_email(&args.email)?;
    let reason = checked_reason("--reason", &args.reason)?;
    if reason.is_empty() {
        return Err(Error::invalid_with_hint(
            "a request needs a reason",
            "pass --reason TEXT: the super admin who decides reads it",
        ));
    }
    let actor = actor::email(opts)?;
    let org = org_asked(store, opts, &actor)?;
    let now = opts.now();
    let made = store
        .write(|tx| make_request(tx, &org, &actor, &target, &reason, now))?
        .into_result()?;
    let text = format!(
        "Request {} to impersonate {} is pending until {}; {} super admin(s) notified.\nOnce approved, `admin-proxy start {}` within the hour.",
        output::shown(&made.request_id),
        output::shown(&made.target),
        made.expires_at,
        made.notified.len(),
        output::shown(&made.target),
    );
    Ok(Report::text(&made, text).into())
}

fn make_request(
    tx: &mut Tx<'_>,
    org: &Org,
    actor: &str,
    target: &str,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<Verdict<Requested>> {
    // Operators are not org users: they request nothing (actor_unknown), as for `start`.
    let facts = Facts::gather(tx, org, actor, target)?;
    // Checks 14 and 15 are `start`'s: taken as passed, the policy makes 1–13 alone.
    let checks = Request {
        reason: Some(reason),
        approved: true,
        actor_has_active_session: false,
    };
    let admitted = policy::admit(
        facts.actor.as_ref(),
        facts.target.as_ref(),
        &facts.settings,
        checks,
    );
    let (me, them) = match admitted {
        Ok((me, them)) => (me.clone(), them.clone()),
        Err(denial) => {
            let details = asked_with(reason, Some("request"));
            let refusal = facts.deny(
                tx,
                org,
                (actor, target),
                denial,
                details,
                "ask to impersonate",
                now,
            )?;
            return Ok(Verdict::Refused(refusal));
        }
    };
    let id = approval::new_request_id();
    let expires_at = now + approval::pending_for();
    tx.requests().create(&NewRequest {
        id: &id,
        org_id: org.id,
        requester_id: me.id,
        target_id: them.id,
        reason,
        requested_at: now,
        expires_at,
    })?;
    tx.audit().append(
        Entry::new(now, &org.slug, Event::ImpersonationRequested)
            .actor(&me.email, me.role.as_str())
            .target(&them.email)
            .reason(reason)
            .details(json!({
                "request_id": id,
                "expires_at": format_instant(expires_at),
                "approval_required": facts.settings.approval_required.as_str(),
            })),
    )?;
    let approvers: Vec<User> = tx
        .users()
        .active_super_admins(org.id)?
        .into_iter()
        .filter(|u| u.id != me.id)
        .collect();
    for a in &approvers {
        tx.requests().queue_notice(&id, org.id, &a.email, now)?;
        tx.audit().append(
            Entry::new(now, &org.slug, Event::NotificationQueued)
                .actor(&me.email, me.role.as_str())
                .target(&a.email)
                .details(json!({"kind": "approval_request", "request_id": id})),
        )?;
    }
    Ok(Verdict::Done(Requested {
        request_id: id,
        status: approval::Status::Pending.as_str(),
        org: org.slug.clone(),
        requester: me.email,
        target: them.email,
        reason: reason.to_string(),
        requested_at: format_instant(now),
        expires_at: format_instant(expires_at),
        notified: approvers.into_iter().map(|a| a.email).collect(),
    }))
}

#[derive(Debug, Serialize)]
struct Decided {
    request_id: String,
    status: &'static str,
    requester: String,
    target: String,
    decided_by: String,
    decided_at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    expires_at: Option<String>,
    #[serde(skip_serializing_if = "str::is_empty")]
    reason: String,
}

/// `approve ID`.
pub fn approve(store: &mut Store, opts: &Options, args: &ApproveArgs) -> Result<Answer> {
    decide(store, opts, &args.id, Stored::Approved, "")
}

/// `reject ID [--reason TEXT]`.
pub fn reject(store: &mut Store, opts: &Options, args: &RejectArgs) -> Result<Answer> {
    let reason = checked_reason("--reason", args.reason.as_deref().unwrap_or(""))?;
    decide(store, opts, &args.id, Stored::Rejected, &reason)
}

/// Decides request `id`, for an active super admin of its org who did not make it. Who may
/// not decide is refused (exit 3, recorded by `app` as `access.denied`); a request that can
/// no longer be decided is a conflict (exit 5) recorded here as `impersonation.denied`.
fn decide(
    store: &mut Store,
    opts: &Options,
    id: &str,
    decision: Stored,
    reason: &str,
) -> Result<Answer> {
    let id = id.trim();
    if id.is_empty() {
        return Err(Error::invalid(
            "a request id is needed, e.g. r_0123456789abcdef",
        ));
    }
    let verb = match decision {
        Stored::Approved => "approve",
        _ => "reject",
    };
    let now = opts.now();
    let decided = write_in_org(store, opts, true, |tx, actor, org| {
        permit(actor, &[Who::SuperAdmin], &format!("{verb} requests"))?;
        let me = actor::org_user(actor)?.clone();
        // Another org's request is not found here: nothing crosses orgs, not even its id.
        let request = tx
            .requests()
            .get(id)?
            .filter(|r| r.org_id == org.id)
            .ok_or_else(|| {
                Error::not_found(
                    format!("request {id:?} in org {}", org.slug),
                    "`admin-proxy list requests --pending` shows the requests",
                )
            })?;
        if request.requester_id == me.id {
            return Err(Error::Forbidden(format!(
                "{} may not {verb} their own request {id}: another super admin of {} must",
                me.email, org.slug
            )));
        }
        decide_in(tx, actor, org, &request, decision, reason, now)
    })?
    .into_result()?;
    let text = match decision {
        Stored::Approved => format!(
            "Approved request {}: {} may impersonate {} once, until {}.",
            output::shown(&decided.request_id),
            output::shown(&decided.requester),
            output::shown(&decided.target),
            decided.expires_at.as_deref().unwrap_or("")
        ),
        _ => format!(
            "Rejected request {} of {} to impersonate {}.",
            output::shown(&decided.request_id),
            output::shown(&decided.requester),
            output::shown(&decided.target)
        ),
    };
    Ok(Report::text(&decided, text).into())
}

fn decide_in(
    tx: &mut Tx<'_>,
    actor: &Actor,
    org: &Org,
    request: &ApprovalRequest,
    decision: Stored,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<Verdict<Decided>> {
    let command = match decision {
        Stored::Approved => "approve",
        _ => "reject",
    };
    let status = request.status(now);
    if let Some((code, why)) = approval::undecidable(status) {
        tx.audit().append(
            Entry::new(now, &org.slug, Event::ImpersonationDenied)
                .by(actor)
                .target(&request.target)
                .denied(code)
                .details(json!({
                    "command": command,
                    "request_id": request.id,
                    "requester": request.requester,
                    "status": status.as_str(),
                })),
        )?;
        return Ok(Verdict::Refused(Error::conflict(
            code,
            format!("cannot {command} request {}: {why}", request.id),
        )));
    }
    let me = actor::org_user(actor)?;
    let (event, expires_at) = match decision {
        Stored::Approved => (Event::ImpersonationApproved, now + approval::approval_for()),
        _ => (Event::ImpersonationRejected, request.expires_at),
    };
    if !tx
        .requests()
        .decide(&request.id, decision, me.id, now, reason, expires_at)?
    {
        return Err(Error::conflict(
            "request_decided",
            format!("request {} was decided meanwhile", request.id),
        ));
    }
    let mut details = json!({"request_id": request.id, "requester": request.requester});
    if decision == Stored::Approved {
        details["expires_at"] = json!(format_instant(expires_at));
    }
    tx.audit().append(
        Entry::new(now, &org.slug, event)
            .by(actor)
            .target(&request.target)
            .reason(reason)
            .details(details),
    )?;
    Ok(Verdict::Done(Decided {
        request_id: request.id.clone(),
        status: decision.as_str(),
        requester: request.requester.clone(),
        target: request.target.clone(),
        decided_by: me.email.clone(),
        decided_at: format_instant(now),
        expires_at: (decision == Stored::Approved).then(|| format_instant(expires_at)),
        reason: reason.to_string(),
    }))
}

#[derive(Debug, Serialize)]
struct RequestView {
    request_id: String,
    status: &'static str,
    requester: String,
    target: String,
    reason: String,
    requested_at: String,
    expires_at: String,
    decided_by: Option<String>,
    decided_at: Option<String>,
    decision_reason: String,
    used_at: Option<String>,
    session_id: Option<String>,
}

/// `list requests [--pending]`: operators and super admins see the org's, HR admins their
/// own.
pub fn list(store: &mut Store, opts: &Options, args: &ListRequestsArgs) -> Result<Answer> {
    let now = opts.now();
    let requests = store.read(|r| {
        let (actor, org) = actor::in_org(r, opts)?;
        permit(
            &actor,
            &[Who::Operator, Who::SuperAdmin, Who::HrAdmin],
            "list requests",
        )?;
        let only = match Who::of(&actor) {
            Who::HrAdmin => actor.as_user().map(|u| u.id),
            _ => None,
        };
        let pending = args.pending.then_some(now);
        Ok::<_, Error>(r.requests().list(org.id, only, pending)?)
    })?;
    let views: Vec<RequestView> = requests
        .into_iter()
        .map(|q| RequestView {
            status: q.status(now).as_str(),
            request_id: q.id,
            requester: q.requester,
            target: q.target,
            reason: q.reason,
            requested_at: format_instant(q.requested_at),
            expires_at: format_instant(q.expires_at),
            decided_by: q.decided_by,
            decided_at: q.decided_at.map(format_instant),
            decision_reason: q.decision_reason,
            used_at: q.used_at.map(format_instant),
            session_id: q.session_id,
        })
        .collect();
    Ok(Report::list(
        &views,
        &[
            "request_id",
            "status",
            "requester",
            "target",
            "requested_at",
            "expires_at",
            "decided_by",
        ],
    )
    .into())
}
