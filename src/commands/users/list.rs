//! `users list` (every user of the org) and `list users` (those the actor may impersonate):
//! printed as they are read, since an org may have a million people.

use crate::actor;
use crate::cli::ListUsersArgs;
use crate::commands::Answer;
use crate::core::access::{permit, Who};
use crate::core::policy;
use crate::error::{Error, Result};
use crate::options::Options;
use crate::output::ListWriter;
use crate::store::Store;

use super::{UserView, ALL_USER_COLUMNS, USER_COLUMNS};

/// `users list`: everyone, deactivated and never-logged-in included.
pub fn all(store: &mut Store, opts: &Options, search: Option<&str>) -> Result<Answer> {
    store.read(|r| {
        let (actor, org) = actor::in_org(r, opts)?;
        permit(
            &actor,
            &[Who::Operator, Who::SuperAdmin, Who::HrAdmin],
            "list the org's users",
        )?;
        let mut out = ListWriter::new(opts.format, ALL_USER_COLUMNS);
        r.users().scan(org.id, search, |u| {
            out.push(&UserView::from(&u))?;
            Ok::<_, Error>(true)
        })?;
        out.finish()
    })?;
    Ok(Answer::Streamed)
}

/// `list users`: exactly the users `start` would admit for this actor (SPEC §4).
pub fn impersonable(store: &mut Store, opts: &Options, args: &ListUsersArgs) -> Result<Answer> {
    store.read(|r| {
        let (actor, org) = actor::in_org(r, opts)?;
        let me = actor::org_user(&actor)?;
        let settings = r.settings().load(org.id)?;
        policy::check_actor(Some(me), &settings).map_err(Error::denied)?;
        let limit = args.limit.unwrap_or(u64::MAX);
        let mut out = ListWriter::new(opts.format, USER_COLUMNS);
        let mut shown = 0u64;
        r.users().scan(org.id, args.search.as_deref(), |u| {
            if policy::check_target(me, Some(&u)).is_ok() {
                out.push(&UserView::from(&u))?;
                shown += 1;
            }
            Ok::<_, Error>(shown < limit)
        })?;
        out.finish()
    })?;
    Ok(Answer::Streamed)
}
