//! `status`: the banner of the actor's session, and the time left.

use serde::Serialize;

use crate::actor;
use crate::actor::org_user;
use crate::commands::Answer;
use crate::core::clock::{format_instant, human_span};
use crate::error::{Error, Result};
use crate::options::Options;
use crate::output::{self, Report};
use crate::store::Store;

/// Under this many seconds left, `status` warns that the session is about to end.
pub const EXPIRING_SOON_SECONDS: i64 = 5 * 60;

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

pub fn run(store: &mut Store, opts: &Options) -> Result<Answer> {
    let now = opts.now();
    let session = store.read(|r| {
        let (actor, _org) = actor::in_org(r, opts)?;
        let me = org_user(&actor)?;
        Ok::<_, Error>(r.sessions().active_for_actor(me.id)?)
    })?;
    let Some(s) = session else {
        let view = StatusView {
            active: false,
            session: None,
        };
        return Ok(Report::text(&view, "Not impersonating anyone.").into());
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
    Ok(Report::text(&view, text).into())
}
