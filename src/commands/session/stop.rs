//! `stop` and `stop --session ID`: ending a session, by its actor or by someone allowed to
//! end another's.

use serde::Serialize;

use crate::actor::org_user;
use crate::cli::StopArgs;
use crate::commands::{write_in_org, Answer};
use crate::core::access::{permit, Who};
use crate::core::clock::format_instant;
use crate::core::events::EndReason;
use crate::error::{Error, Result};
use crate::lifecycle::{self, Ending};
use crate::options::Options;
use crate::output::{self, Report};
use crate::store::Store;

#[derive(Debug, Serialize)]
struct Stopped {
    session_id: String,
    ended_at: String,
    end_reason: &'static str,
}

pub fn run(store: &mut Store, opts: &Options, args: &StopArgs) -> Result<Answer> {
    let now = opts.now();
    // Whose session, whether it runs and who may end it are read in the transaction that
    // ends it.
    let session = write_in_org(store, opts, true, |tx, actor, org| {
        let session = match &args.session {
            None => {
                let me = org_user(actor)?;
                tx.sessions().active_for_actor(me.id)?.ok_or_else(|| {
                    Error::conflict(
                        "no_active_session",
                        format!("{} has no active session to stop", me.email),
                    )
                })?
            }
            Some(id) => {
                let s = tx
                    .sessions()
                    .get(id)?
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
        let ending = Ending::Stopped { by: actor, at: now };
        if !lifecycle::end_session(tx, &session, ending)? {
            return Err(Error::conflict(
                "session_ended",
                format!(
                    "session {} already ended ({})",
                    session.id,
                    session.end_reason.as_deref().unwrap_or("ended")
                ),
            ));
        }
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
    Ok(Report::text(&view, text).into())
}
