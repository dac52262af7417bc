//! `list sessions`: the org's sessions for operators and super admins, one's own for others.

use serde::Serialize;

use crate::actor;
use crate::cli::ListSessionsArgs;
use crate::commands::Answer;
use crate::core::access::Who;
use crate::core::clock::format_instant;
use crate::core::session::Session;
use crate::error::{Error, Result};
use crate::options::Options;
use crate::output::Report;
use crate::store::Store;

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
    request_id: Option<String>,
    approved_by: Option<String>,
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
            request_id: s.request_id.clone(),
            approved_by: s.approved_by.clone(),
        }
    }
}

pub fn run(store: &mut Store, opts: &Options, args: &ListSessionsArgs) -> Result<Answer> {
    let sessions = store.read(|r| {
        let (actor, org) = actor::in_org(r, opts)?;
        let only = match Who::of(&actor) {
            Who::Operator | Who::SuperAdmin => None,
            _ => actor.as_user().map(|u| u.id),
        };
        Ok::<_, Error>(r.sessions().list(org.id, only, args.active)?)
    })?;
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
    )
    .into())
}
