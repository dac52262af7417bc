//! `notifications drain`: prints every pending notice as a JSON line and marks it delivered
//! only once it was written.

use std::io::Write;

use serde::Serialize;
use serde_json::json;

use crate::actor;
use crate::cli::Format;
use crate::commands::Answer;
use crate::core::access::Who;
use crate::core::audit::Entry;
use crate::core::events::Event;
use crate::core::session::{Notification, NotificationKind};
use crate::error::{Error, Result};
use crate::options::Options;
use crate::output::{self, Report};
use crate::store::Store;

#[derive(Debug, Serialize)]
struct NotificationLine<'a> {
    id: i64,
    /// `changes` (made while impersonating the user), `receipt` (a session impersonating
    /// them ended) or `approval_request` (a request waiting for the recipient's decision).
    kind: &'static str,
    to: &'a str,
    subject: &'static str,
    body: String,
    session_id: &'a str,
    changes: i64,
    org: &'a str,
    /// A receipt's account of the session: who, from when to when, how it ended, the reason
    /// given and the actions recorded.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    receipt: Option<Receipt<'a>>,
    /// An approval request's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    request_id: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct Receipt<'a> {
    actor: &'a str,
    actor_name: &'a str,
    started_at: &'a str,
    ended_at: &'a str,
    end_reason: &'a str,
    reason: &'a str,
    actions: i64,
}

/// What a notice says, as one JSON line.
fn line(n: &Notification) -> NotificationLine<'_> {
    let (subject, body, receipt) = match n.kind {
        NotificationKind::Changes => (
            "An administrator made changes to your account",
            format!(
                "{} <{}> made {} change(s) to your account while impersonating you (session {}). \
                 Contact your administrator if you did not expect this.",
                n.actor_name, n.actor, n.changes, n.session_id
            ),
            None,
        ),
        NotificationKind::Receipt => {
            let receipt = Receipt {
                actor: &n.actor,
                actor_name: &n.actor_name,
                started_at: &n.started_at,
                ended_at: n.ended_at.as_deref().unwrap_or_default(),
                end_reason: n.end_reason.as_deref().unwrap_or_default(),
                reason: &n.session_reason,
                actions: n.actions,
            };
            let given = match receipt.reason {
                "" => "No reason was given.".to_string(),
                r => format!("The reason given: {r:?}."),
            };
            let body = format!(
                "{} <{}> impersonated you from {} to {} (session {}); the session {}. {given} \
                 {} action(s) were recorded, {} of which changed your data. \
                 Contact your administrator if you did not expect this.",
                n.actor_name,
                n.actor,
                receipt.started_at,
                receipt.ended_at,
                n.session_id,
                match receipt.end_reason {
                    "stopped" => "was stopped",
                    "expired" => "expired",
                    "revoked" => "was revoked",
                    _ => "ended",
                },
                receipt.actions,
                n.changes,
            );
            ("An administrator impersonated you", body, Some(receipt))
        }
    };
    NotificationLine {
        id: n.id,
        kind: n.kind.as_str(),
        to: &n.recipient,
        subject,
        body,
        session_id: &n.session_id,
        changes: n.changes,
        org: &n.org,
        receipt,
        request_id: None,
    }
}

pub fn drain(store: &mut Store, opts: &Options) -> Result<Answer> {
    let (actor, pending, requests) = store.read(|r| {
        let (actor, org) = actor::permitted_scope(
            r,
            opts,
            &[Who::Operator, Who::SuperAdmin],
            "drain notifications",
        )?;
        let pending = r.notifications().pending(org.as_ref().map(|o| o.id))?;
        let requests = r
            .requests()
            .pending_notices(org.as_ref().map(|o| o.id), opts.now())?;
        Ok::<_, Error>((actor, pending, requests))
    })?;
    let mut lines: Vec<NotificationLine<'_>> = pending.iter().map(line).collect();
    let approval_subject = "An administrator asks for your approval to impersonate a user";
    lines.extend(requests.iter().map(|n| NotificationLine {
        id: n.id,
        kind: "approval_request",
        to: &n.recipient,
        subject: approval_subject,
        body: format!(
            "{} <{}> asks to impersonate {} (request {}): {}. Approve with \
             `admin-proxy approve {}` or reject with `admin-proxy reject {}` before {}.",
            n.requester_name,
            n.requester,
            n.target,
            n.request_id,
            n.reason,
            n.request_id,
            n.request_id,
            n.expires_at
        ),
        session_id: "",
        changes: 0,
        org: &n.org,
        receipt: None,
        request_id: Some(&n.request_id),
    }));
    // Written and flushed first: a notification is marked delivered only once it is out. A
    // reader that went away is a failure here, unlike for an export: cron must hear of it.
    // Stdout closed or sent to /dev/null reaches nobody: refused, and nothing is marked.
    let undelivered = |e: Error| match e {
        Error::BrokenPipe => Error::io(
            "the reader of the notifications went away",
            std::io::Error::other("none were marked delivered; the next drain sends them again"),
        ),
        other => other,
    };
    let mut out = std::io::BufWriter::new(output::reader_stdout()?);
    let mut render = Vec::new();
    output::render(
        &Report::text(&lines, String::new()),
        Format::Jsonl,
        &mut render,
        false,
    )?;
    out.write_all(&render)
        .and_then(|()| out.flush())
        .map_err(|e| undelivered(Error::io("cannot write the notifications", e)))?;
    let now = opts.now();
    store.write(|tx| {
        for n in &pending {
            if tx.notifications().mark_delivered(n.id, n.changes, now)? {
                tx.audit().append(
                    Entry::new(now, &n.org, Event::NotificationDelivered)
                        .by(&actor)
                        .target(&n.recipient)
                        .session(&n.session_id)
                        .details(json!({"kind": n.kind.as_str(), "changes": n.changes})),
                )?;
            }
        }
        for n in &requests {
            if tx.requests().mark_notice_delivered(n.id, now)? {
                tx.audit().append(
                    Entry::new(now, &n.org, Event::NotificationDelivered)
                        .by(&actor)
                        .target(&n.recipient)
                        .details(json!({"kind": "approval_request", "request_id": n.request_id})),
                )?;
            }
        }
        Ok::<_, Error>(())
    })?;
    Ok(Answer::Streamed)
}
