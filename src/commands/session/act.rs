//! `act`: an action the actor takes inside their session, recorded for the host application
//! that performs it; personal actions are refused and recorded.

use serde::Serialize;
use serde_json::json;

use crate::actor::org_user;
use crate::cli::ActArgs;
use crate::commands::{write_in_org, Answer};
use crate::core::audit::Entry;
use crate::core::events::Event;
use crate::core::policy;
use crate::core::session::NotificationKind;
use crate::error::{Error, Result, Verdict};
use crate::options::Options;
use crate::output::Report;
use crate::store::Store;

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

pub fn run(store: &mut Store, opts: &Options, args: &ActArgs) -> Result<Answer> {
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
    let now = opts.now();
    let action = action.as_str();
    let (me, session, changes) = write_in_org(store, opts, true, |tx, actor, org| {
        let me = org_user(actor)?;
        let session = tx.sessions().active_for_actor(me.id)?.ok_or_else(|| {
            Error::conflict(
                "no_active_session",
                format!("{} has no active session: start one first", me.email),
            )
        })?;
        if let Err(denial) = policy::check_action(action) {
            tx.audit().append(
                Entry::new(now, &org.slug, Event::ImpersonationDenied)
                    .by(actor)
                    .target(&session.target)
                    .session(&session.id)
                    .denied(denial.code())
                    .details(json!({"action": action})),
            )?;
            return Ok(Verdict::Refused(Error::Denied {
                denial,
                message: format!(
                    "{action} belongs to {} alone and is never taken on their behalf",
                    session.target
                ),
            }));
        }
        // The action is counted on the session for its receipt, and the change in the
        // session's change notice, before the action's row that records them.
        tx.sessions().count_action(&session.id, args.change)?;
        let settings = tx.settings().load(org.id)?;
        let counted = match args.change && settings.impersonation_notifications {
            true => {
                Some(
                    tx.notifications()
                        .count_change(&session.id, org.id, &session.target, now)?,
                )
            }
            false => None,
        };
        tx.audit().append(
            Entry::new(now, &org.slug, Event::ImpersonationAction)
                .by(actor)
                .target(&session.target)
                .session(&session.id)
                .details(json!({"action": action, "change": args.change, "detail": detail})),
        )?;
        if let Some((_, true)) = counted {
            tx.audit().append(
                Entry::new(now, &org.slug, Event::NotificationQueued)
                    .by(actor)
                    .target(&session.target)
                    .session(&session.id)
                    .details(json!({"kind": NotificationKind::Changes.as_str()})),
            )?;
        }
        let changes = counted.map(|(count, _)| count);
        Ok(Verdict::Done((me.clone(), session, changes)))
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
    Ok(Report::text(&view, text).into())
}
