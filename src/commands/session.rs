//! Impersonation sessions (SPEC §4, §5): `list users`, `start`, `status`, `stop`, `act`,
//! `list sessions`, `sessions sweep`, `notifications drain`, expiry and the revocation cascade.

use std::hash::{BuildHasher, Hasher};

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use serde_json::json;

use super::users::{UserView, USER_COLUMNS};
use super::{permit, Who};
use crate::app::Ctx;
use crate::cli::{ActArgs, ListSessionsArgs, ListUsersArgs, StartArgs, StopArgs};
use crate::core::clock::{self, format_instant, human_span};
use crate::core::events::{EndReason, Event};
use crate::core::model::{normalize_email, Actor, Org, User};
use crate::core::policy::{self, Denial, Request};
use crate::core::settings::Timeout;
use crate::error::{Error, Result};
use crate::output::{self, ListWriter, Report};
use crate::store::{self, audit::Entry, sessions::Session, Outcome, Store, Tx};

/// Under this many seconds left, `status` warns that the session is about to end.
pub const EXPIRING_SOON_SECONDS: i64 = 5 * 60;

/// Actions that belong to the user alone: never taken on their behalf.
pub const PERSONAL_ACTIONS: [&str; 2] = ["privacy.accept", "guide.dismiss"];

/// Ends every session past its `expires_at` (of one org, or of the store), each recorded as
/// `impersonation.expired` at the moment it expired. Costs one indexed read when none is due.
pub fn expire_overdue(store: &mut Store, now: DateTime<Utc>, org_id: Option<i64>) -> Result<usize> {
    if !store::sessions::any_overdue(store.conn(), now, org_id)? {
        return Ok(0);
    }
    store.write(|tx| {
        let mut ended = 0;
        for s in store::sessions::overdue(tx, now, org_id)? {
            if store::sessions::end(tx, &s.id, s.expires_at, EndReason::Expired)? {
                tx.audit(
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
    let settings = store::settings::load(tx, org.id)?;
    let mut revoked = 0;
    for s in store::sessions::active_in_org(tx, org.id)? {
        let actor = store::users::get(tx, s.actor_id)?;
        let target = store::users::get(tx, s.target_id)?;
        let verdict = match (&actor, &target) {
            (Some(a), Some(t)) => policy::session_still_allowed(a, t, &settings),
            _ => Err(Denial::TargetNotFound),
        };
        let Err(denial) = verdict else { continue };
        if store::sessions::end(tx, &s.id, now, EndReason::Revoked)? {
            let cause = policy::revoke_cause(denial);
            tx.audit(
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

/// The org user behind an actor. Operators are not org users (SPEC §4): they have no
/// sessions and impersonate nobody (`actor_unknown`).
fn org_user(actor: &Actor) -> Result<&User> {
    actor.as_user().ok_or_else(|| Error::Denied {
        denial: Denial::ActorUnknown,
        message: format!(
            "{} is an operator; operators are not org users and impersonate nobody",
            actor.email()
        ),
    })
}

pub fn list_users(ctx: &mut Ctx, args: &ListUsersArgs) -> Result<()> {
    let (actor, org) = ctx.actor_in_org()?;
    let me = org_user(&actor)?;
    let format = ctx.format;
    let conn = ctx.store()?.conn();
    let settings = store::settings::load(conn, org.id)?;
    policy::check_actor(Some(me), &settings).map_err(Error::denied)?;
    let limit = args.limit.unwrap_or(u64::MAX);
    let mut out = ListWriter::new(format, USER_COLUMNS);
    let mut shown = 0u64;
    store::users::scan(conn, org.id, args.search.as_deref(), |u| {
        if policy::check_target(me, Some(&u)).is_ok() {
            out.push(&UserView::from(&u))?;
            shown += 1;
        }
        Ok(shown < limit)
    })?;
    out.finish()
}

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
}

pub fn start(ctx: &mut Ctx, args: &StartArgs) -> Result<Report> {
    let target = normalize_email(&args.email)?;
    let reason = args.reason.as_deref().map(str::trim).unwrap_or("");
    if reason.chars().count() > 1000 {
        return Err(Error::invalid("--reason is longer than 1000 characters"));
    }
    let actor = ctx.actor_email()?;
    let org = ctx.org()?;
    let request = StartRequest {
        org: &org,
        actor: &actor,
        target: &target,
        reason,
    };
    if !ctx.yes {
        // The policy first (a denial is recorded), then a person is asked, outside any
        // transaction; the answer is checked again when the session starts.
        let now = ctx.now;
        let admitted = ctx
            .store()?
            .write(|tx| admit(tx, &request, now))?
            .into_result()?;
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
        ctx.now = clock::now_from_env()?;
    }
    let now = ctx.now;
    let started = ctx
        .store()?
        .write(|tx| match admit(tx, &request, now)? {
            Outcome::Done(admitted) => begin(tx, &request, admitted, now).map(Outcome::Done),
            Outcome::Refused(e) => Ok(Outcome::Refused(e)),
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
    Ok(Report::text(&started, text))
}

/// Gathers the facts of a start inside `tx` and asks the policy. A denial is written to the
/// audit log and comes back as a refusal, to be committed with it.
fn admit(tx: &mut Tx<'_>, req: &StartRequest<'_>, now: DateTime<Utc>) -> Result<Outcome<Admitted>> {
    // Operators are not org users: they impersonate nobody (actor_unknown).
    let operator = store::operators::find(tx, req.actor)?;
    let actor = match operator {
        Some(_) => None,
        None => store::users::find(tx, req.org.id, req.actor)?,
    };
    let target = store::users::find(tx, req.org.id, req.target)?;
    let settings = store::settings::load(tx, req.org.id)?;
    let active = match &actor {
        Some(a) => store::sessions::active_for_actor(tx, a.id)?.is_some(),
        None => false,
    };
    let request = Request {
        reason: Some(req.reason).filter(|r| !r.is_empty()),
        actor_has_active_session: active,
    };
    let denial = match policy::admit(actor.as_ref(), target.as_ref(), &settings, request) {
        Ok((actor, target)) => {
            return Ok(Outcome::Done(Admitted {
                actor: actor.clone(),
                target: target.clone(),
                timeout: settings.session_timeout,
            }))
        }
        Err(denial) => denial,
    };
    let actor_role = match (&operator, &actor) {
        (Some(op), _) => op.role.as_str(),
        (None, Some(a)) => a.role.as_str(),
        (None, None) => "",
    };
    tx.audit(
        Entry::new(now, &req.org.slug, Event::ImpersonationDenied)
            .actor(req.actor, actor_role)
            .target(req.target)
            .denied(denial.code())
            .details(json!({"reason_given": req.reason})),
    )?;
    Ok(Outcome::Refused(Error::Denied {
        denial,
        message: format!(
            "{} may not impersonate {}: {}",
            req.actor,
            req.target,
            denial.explain()
        ),
    }))
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
    } = admitted;
    let id = new_session_id();
    let expires_at = now + Duration::minutes(i64::from(timeout.minutes()));
    // INVARIANT: one active session per actor. Check 12 read it under this transaction's
    // write lock; the partial unique index holds it in the database too.
    store::sessions::insert(
        tx,
        &store::sessions::NewSession {
            id: &id,
            org_id: req.org.id,
            actor_id: actor.id,
            actor_role: actor.role.as_str(),
            target_id: target.id,
            reason: req.reason,
            started_at: now,
            expires_at,
        },
    )?;
    tx.audit(
        Entry::new(now, &req.org.slug, Event::ImpersonationStarted)
            .actor(&actor.email, actor.role.as_str())
            .target(&target.email)
            .session(&id)
            .reason(req.reason)
            .details(json!({
                "expires_at": format_instant(expires_at),
                "timeout": timeout.to_string(),
            })),
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
    })
}

/// A new session id: `s_` and 16 hex digits from the process's random hasher keys.
fn new_session_id() -> String {
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    h.write_u32(std::process::id());
    format!("s_{:016x}", h.finish())
}

/// `status` as JSON: `{"active": false}`, or the session's fields beside `"active": true`.
#[derive(Debug, Serialize)]
struct StatusView {
    active: bool,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    session: Option<ActiveView>,
}

#[derive(Debug, Serialize)]
struct ActiveView {
    session_id: String,
    target: String,
    target_name: String,
    reason: String,
    started_at: String,
    expires_at: String,
    remaining_seconds: i64,
    expiring_soon: bool,
}

pub fn status(ctx: &mut Ctx) -> Result<Report> {
    let (actor, _org) = ctx.actor_in_org()?;
    let me = org_user(&actor)?;
    let now = ctx.now;
    let Some(s) = store::sessions::active_for_actor(ctx.store()?.conn(), me.id)? else {
        let view = StatusView {
            active: false,
            session: None,
        };
        return Ok(Report::text(&view, "Not impersonating anyone."));
    };
    let remaining = (s.expires_at - now).num_seconds().max(0);
    let soon = remaining < EXPIRING_SOON_SECONDS;
    let mut text = format!(
        "Impersonating {} <{}> since {}; {} left (ends {}). Everything you do is recorded.",
        output::shown(&s.target_name),
        output::shown(&s.target),
        format_instant(s.started_at),
        human_span(remaining),
        format_instant(s.expires_at)
    );
    if soon {
        text.push_str(&format!(
            "\nwarning: the session ends in {}; start a new one to continue",
            human_span(remaining)
        ));
    }
    let view = StatusView {
        active: true,
        session: Some(ActiveView {
            session_id: s.id,
            target: s.target,
            target_name: s.target_name,
            reason: s.reason,
            started_at: format_instant(s.started_at),
            expires_at: format_instant(s.expires_at),
            remaining_seconds: remaining,
            expiring_soon: soon,
        }),
    };
    Ok(Report::text(&view, text))
}

#[derive(Debug, Serialize)]
struct Stopped {
    session_id: String,
    ended_at: String,
    end_reason: &'static str,
}

pub fn stop(ctx: &mut Ctx, args: &StopArgs) -> Result<Report> {
    let now = ctx.now;
    // Whose session, whether it runs and who may end it are read in the transaction that
    // ends it.
    let session = ctx.write_in_org(true, |tx, actor, org| {
        let session = match &args.session {
            None => {
                let me = org_user(actor)?;
                store::sessions::active_for_actor(tx, me.id)?.ok_or_else(|| {
                    Error::conflict(
                        "no_active_session",
                        format!("{} has no active session to stop", me.email),
                    )
                })?
            }
            Some(id) => {
                let s = store::sessions::get(tx, id)?
                    .filter(|s| s.org_id == org.id)
                    .ok_or_else(|| {
                        Error::not_found(
                            format!("session {id:?} in org {}", org.slug),
                            "`admin-proxy list sessions` shows the sessions",
                        )
                    })?;
                let own = actor.as_user().is_some_and(|u| u.id == s.actor_id);
                if !own {
                    permit(
                        actor,
                        &[Who::Operator, Who::SuperAdmin],
                        "stop another admin's session",
                    )?;
                }
                s
            }
        };
        if !store::sessions::end(tx, &session.id, now, EndReason::Stopped)? {
            return Err(Error::conflict(
                "session_ended",
                format!(
                    "session {} already ended ({})",
                    session.id,
                    session.end_reason.as_deref().unwrap_or("ended")
                ),
            ));
        }
        let mut details = serde_json::Map::new();
        if actor.email() != session.actor {
            details.insert("impersonator".into(), json!(session.actor));
        }
        tx.audit(
            Entry::new(now, &org.slug, Event::ImpersonationStopped)
                .by(actor)
                .target(&session.target)
                .session(&session.id)
                .reason(EndReason::Stopped.as_str())
                .details(serde_json::Value::Object(details)),
        )?;
        Ok(session)
    })?;
    let view = Stopped {
        session_id: session.id.clone(),
        ended_at: format_instant(now),
        end_reason: EndReason::Stopped.as_str(),
    };
    let text = format!(
        "Stopped impersonating {} <{}> (session {}).",
        output::shown(&session.target_name),
        output::shown(&session.target),
        output::shown(&session.id)
    );
    Ok(Report::text(&view, text))
}

#[derive(Debug, Serialize)]
struct Acted {
    session_id: String,
    action: String,
    effective_user: String,
    real_user: String,
    change: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    deliver_to: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    notification_changes: Option<i64>,
}

/// Checks an action name and gives its one spelling: lower case, as the personal actions and
/// `report.generate` are written (`Privacy.Accept` is `privacy.accept`).
fn action_name(action: &str) -> Result<String> {
    let ok = !action.is_empty()
        && action.len() <= 100
        && action
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if ok {
        Ok(action.to_ascii_lowercase())
    } else {
        Err(Error::invalid(format!(
            "{action:?} is not an action name: use letters, digits, '.', '_' and '-', e.g. report.generate"
        )))
    }
}

pub fn act(ctx: &mut Ctx, args: &ActArgs) -> Result<Report> {
    let action = action_name(&args.action)?;
    let detail = match &args.detail {
        None => serde_json::Value::Object(Default::default()),
        Some(raw) => match serde_json::from_str::<serde_json::Value>(raw) {
            Ok(v @ serde_json::Value::Object(_)) => v,
            Ok(_) => {
                return Err(Error::invalid(
                    "--detail must be a JSON object, e.g. '{\"field\":\"phone\"}'",
                ))
            }
            Err(e) => return Err(Error::invalid(format!("--detail is not valid JSON: {e}"))),
        },
    };
    let now = ctx.now;
    let action = action.as_str();
    let (me, session, changes) = ctx
        .write_in_org(true, |tx, actor, org| {
            let me = org_user(actor)?;
            let session = store::sessions::active_for_actor(tx, me.id)?.ok_or_else(|| {
                Error::conflict(
                    "no_active_session",
                    format!("{} has no active session: start one first", me.email),
                )
            })?;
            if PERSONAL_ACTIONS.contains(&action) {
                tx.audit(
                    Entry::new(now, &org.slug, Event::ImpersonationDenied)
                        .by(actor)
                        .target(&session.target)
                        .session(&session.id)
                        .denied(Denial::PersonalAction.code())
                        .details(json!({"action": action})),
                )?;
                return Ok(Outcome::Refused(Error::Denied {
                    denial: Denial::PersonalAction,
                    message: format!(
                        "{action} belongs to {} alone and is never taken on their behalf",
                        session.target
                    ),
                }));
            }
            tx.audit(
                Entry::new(now, &org.slug, Event::ImpersonationAction)
                    .by(actor)
                    .target(&session.target)
                    .session(&session.id)
                    .details(json!({"action": action, "change": args.change, "detail": detail})),
            )?;
            let settings = store::settings::load(tx, org.id)?;
            let mut changes = None;
            if args.change && settings.impersonation_notifications {
                let (count, queued) = store::notifications::count_change(
                    tx,
                    &session.id,
                    org.id,
                    &session.target,
                    now,
                )?;
                if queued {
                    tx.audit(
                        Entry::new(now, &org.slug, Event::NotificationQueued)
                            .by(actor)
                            .target(&session.target)
                            .session(&session.id),
                    )?;
                }
                changes = Some(count);
            }
            Ok(Outcome::Done((me.clone(), session, changes)))
        })?
        .into_result()?;
    let deliver_to = (action == "report.generate").then(|| session.target.clone());
    let mut text = format!(
        "Recorded {action} as {} (real user {}).",
        session.target, me.email
    );
    if let Some(to) = &deliver_to {
        text.push_str(&format!("\nThe report goes to {to}, not to you."));
    }
    let view = Acted {
        session_id: session.id,
        action: action.to_string(),
        effective_user: session.target,
        real_user: me.email,
        change: args.change,
        deliver_to,
        notification_changes: changes,
    };
    Ok(Report::text(&view, text))
}

#[derive(Debug, Serialize)]
struct SessionView {
    session_id: String,
    actor: String,
    target: String,
    reason: String,
    started_at: String,
    expires_at: String,
    ended_at: Option<String>,
    end_reason: Option<String>,
}

impl From<&Session> for SessionView {
    fn from(s: &Session) -> Self {
        SessionView {
            session_id: s.id.clone(),
            actor: s.actor.clone(),
            target: s.target.clone(),
            reason: s.reason.clone(),
            started_at: format_instant(s.started_at),
            expires_at: format_instant(s.expires_at),
            ended_at: s.ended_at.map(format_instant),
            end_reason: s.end_reason.clone(),
        }
    }
}

pub fn list_sessions(ctx: &mut Ctx, args: &ListSessionsArgs) -> Result<Report> {
    let (actor, org) = ctx.actor_in_org()?;
    let only = match Who::of(&actor) {
        Who::Operator | Who::SuperAdmin => None,
        _ => actor.as_user().map(|u| u.id),
    };
    let sessions = store::sessions::list(ctx.store()?.conn(), org.id, only, args.active)?;
    let views: Vec<SessionView> = sessions.iter().map(SessionView::from).collect();
    Ok(Report::list(
        &views,
        &[
            "session_id",
            "actor",
            "target",
            "started_at",
            "expires_at",
            "ended_at",
            "end_reason",
        ],
    ))
}

#[derive(Debug, Serialize)]
struct Swept {
    expired: usize,
}

pub fn sweep(ctx: &mut Ctx) -> Result<Report> {
    // This command's whole job is the sweep every other command does first, so it counts.
    let (_actor, org) = ctx.actor_and_scope(&[Who::Operator, Who::SuperAdmin], "sweep sessions")?;
    let now = ctx.now;
    let expired = expire_overdue(ctx.store()?, now, org.map(|o| o.id))?;
    Ok(Report::text(
        &Swept { expired },
        format!("Ended {expired} overdue session(s)."),
    ))
}

#[derive(Debug, Serialize)]
struct NotificationLine<'a> {
    id: i64,
    to: &'a str,
    subject: &'a str,
    body: String,
    session_id: &'a str,
    changes: i64,
    org: &'a str,
}

pub fn drain(ctx: &mut Ctx) -> Result<()> {
    let (actor, org) =
        ctx.actor_and_scope(&[Who::Operator, Who::SuperAdmin], "drain notifications")?;
    let pending = store::notifications::pending(ctx.store()?.conn(), org.as_ref().map(|o| o.id))?;
    let subject = "An administrator made changes to your account";
    let lines: Vec<NotificationLine<'_>> = pending
        .iter()
        .map(|n| NotificationLine {
            id: n.id,
            to: &n.recipient,
            subject,
            body: format!(
                "{} <{}> made {} change(s) to your account while impersonating you (session {}). \
                 Contact your administrator if you did not expect this.",
                n.actor_name, n.actor, n.changes, n.session_id
            ),
            session_id: &n.session_id,
            changes: n.changes,
            org: &n.org,
        })
        .collect();
    // Written and flushed first: a notification is marked delivered only once it is out. A
    // reader that went away is a failure here, unlike for an export: cron must hear of it.
    output::print(
        &Report::text(&lines, String::new()),
        crate::cli::Format::Jsonl,
    )
    .map_err(|e| match e {
        Error::BrokenPipe => Error::io(
            "the reader of the notifications went away",
            std::io::Error::other("none were marked delivered; the next drain sends them again"),
        ),
        other => other,
    })?;
    let now = ctx.now;
    ctx.store()?.write(|tx| {
        for n in &pending {
            if store::notifications::mark_delivered(tx, n.id, n.changes, now)? {
                tx.audit(
                    Entry::new(now, &n.org, Event::NotificationDelivered)
                        .by(&actor)
                        .target(&n.recipient)
                        .session(&n.session_id)
                        .details(json!({"changes": n.changes})),
                )?;
            }
        }
        Ok(())
    })
}
