//! `sessions sweep`: ends overdue sessions, for cron, and says how many.

use serde::Serialize;

use crate::actor;
use crate::commands::Answer;
use crate::core::access::Who;
use crate::error::{Error, Result};
use crate::lifecycle;
use crate::options::Options;
use crate::output::Report;
use crate::store::Store;

#[derive(Debug, Serialize)]
struct Swept {
    expired: usize,
}

pub fn run(store: &mut Store, opts: &Options) -> Result<Answer> {
    // This command's whole job is the sweep every other command does first, so it counts.
    let org = store.read(|r| {
        let (_actor, org) =
            actor::permitted_scope(r, opts, &[Who::Operator, Who::SuperAdmin], "sweep sessions")?;
        Ok::<_, Error>(org)
    })?;
    let expired = lifecycle::expire_overdue(store, opts.now(), org.map(|o| o.id))?;
    Ok(Report::text(
        &Swept { expired },
        format!("Ended {expired} overdue session(s)."),
    )
    .into())
}
