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
use crate::error::{Error, Result};
use crate::options::Options;
use crate::output::{self, Report};
use crate::store::Store;

#[derive(Debug, Serialize)]
struct NotificationLine<'a> {
    id: i64,
    /// `changes` (made while impersonating the user) or `approval_request` (a request
    /// waiting for the recipient's decision).
    kind: &'static str,
    to: &'a str,
    subject: &'a str,
    body: String,
    session_id: &'a str,
    changes: i64,
    org: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    request_id: Option<&'a str>,
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
        let requests = r.requests().pending_notices(org.as_ref().map(|o| o.id))?;
        Ok::<_, Error>((actor, pending, requests))
    })?;
    let subject = "An administrator made changes to your account";
    let mut lines: Vec<NotificationLine<'_>> = pending
        .iter()
        .map(|n| NotificationLine {
            id: n.id,
            kind: "changes",
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
            request_id: None,
        })
        .collect();
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
                        .details(json!({"changes": n.changes})),
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
