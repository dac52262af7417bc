//! Who runs a command (SPEC §2): the actor looked up, first among the operators, then among
//! the active users of the selected org, and the org selected. Reads only.

use crate::core::access::{permit, Who};
use crate::core::model::{fold_email, Actor, Operator, Org, User};
use crate::core::policy::Denial;
use crate::error::{Error, Result};
use crate::options::Options;
use crate::store::Reader;

/// The actor, once looked up.
#[derive(Debug, Clone)]
pub enum Caller {
    /// Vendor staff, outside every org.
    Operator(Operator),
    /// An active user of the selected org.
    Member { user: User, org: Org },
    /// Not an operator, and no org can be selected: the store holds several and none was
    /// named. `email` is the actor as given, folded.
    NeedsOrg { email: String, orgs: usize },
}

impl Caller {
    /// The actor and the org a command covers: an org user's own, or for an operator the
    /// org named by `--org` and otherwise every org (`None`).
    pub fn into_scope(self, r: Reader<'_>, opts: &Options) -> Result<(Actor, Option<Org>)> {
        match self {
            Caller::Operator(operator) => Ok((
                Actor::Operator(operator),
                explicit_org(r, opts.org.as_deref())?,
            )),
            Caller::Member { user, org } => Ok((Actor::User(user), Some(org))),
            Caller::NeedsOrg { orgs, .. } => Err(several_orgs(orgs)),
        }
    }
}

/// The actor, if one of `allowed`, and the org a command covers: an org user's own, or for
/// an operator the org named by `--org` and otherwise every org (`None`).
pub fn permitted_scope(
    r: Reader<'_>,
    opts: &Options,
    allowed: &[Who],
    action: &str,
) -> Result<(Actor, Option<Org>)> {
    let (actor, org) = resolve(r, opts)?.into_scope(r, opts)?;
    permit(&actor, allowed, action)?;
    Ok((actor, org))
}

/// The actor's email as given, folded; exit 2 when there is none.
pub fn email(opts: &Options) -> Result<String> {
    let raw = opts.actor.as_deref().ok_or_else(|| {
        Error::invalid_with_hint(
            "this command needs --actor",
            "pass --actor EMAIL or set ADMIN_PROXY_ACTOR",
        )
    })?;
    Ok(fold_email(raw))
}

/// Looks the actor of `opts` up.
pub fn resolve(r: Reader<'_>, opts: &Options) -> Result<Caller> {
    let email = email(opts)?;
    let org_arg = opts.org.as_deref();
    if let Some(operator) = r.operators().find(&email)? {
        return Ok(Caller::Operator(operator));
    }
    let org = match org_arg {
        // An org that does not exist has no users: the actor is unknown there (exit 3).
        Some(slug) => match r.orgs().find(slug)? {
            Some(org) => Some(org),
            None => return Err(unknown_actor(&email, Some(slug))),
        },
        None => {
            let mut orgs = r.orgs().list()?;
            match orgs.len() {
                0 => None,
                1 => orgs.pop(),
                n => return Ok(Caller::NeedsOrg { email, orgs: n }),
            }
        }
    };
    let Some(org) = org else {
        return Err(unknown_actor(&email, None));
    };
    match r.users().find(org.id, &email)? {
        Some(user) if user.is_active() => Ok(Caller::Member { user, org }),
        _ => Err(unknown_actor(&email, Some(&org.slug))),
    }
}

/// [`resolve`], for commands outside any org (`org create`).
pub fn actor(r: Reader<'_>, opts: &Options) -> Result<Actor> {
    match resolve(r, opts)? {
        Caller::Operator(operator) => Ok(Actor::Operator(operator)),
        Caller::Member { user, .. } => Ok(Actor::User(user)),
        Caller::NeedsOrg { orgs, .. } => Err(several_orgs(orgs)),
    }
}

/// [`resolve`], and the selected org always: operators work in the selected org too.
pub fn in_org(r: Reader<'_>, opts: &Options) -> Result<(Actor, Org)> {
    match resolve(r, opts)? {
        Caller::Operator(operator) => Ok((
            Actor::Operator(operator),
            select_org(r, opts.org.as_deref())?,
        )),
        Caller::Member { user, org } => Ok((Actor::User(user), org)),
        Caller::NeedsOrg { orgs, .. } => Err(several_orgs(orgs)),
    }
}

/// The org named by `org_arg`, if any; exit 4 when there is no such org.
pub fn explicit_org(r: Reader<'_>, org_arg: Option<&str>) -> Result<Option<Org>> {
    let Some(slug) = org_arg else {
        return Ok(None);
    };
    match r.orgs().find(slug)? {
        Some(o) => Ok(Some(o)),
        None => Err(Error::not_found(
            format!("org {slug:?}"),
            "`admin-proxy org list` shows the orgs",
        )),
    }
}

/// The selected org (SPEC §2): the one named, else the only org of the store.
pub fn select_org(r: Reader<'_>, org_arg: Option<&str>) -> Result<Org> {
    if let Some(org) = explicit_org(r, org_arg)? {
        return Ok(org);
    }
    let mut orgs = r.orgs().list()?;
    match orgs.len() {
        1 => Ok(orgs.remove(0)),
        0 => Err(Error::not_found(
            "org",
            "the store holds no org yet: an operator creates one with `admin-proxy org create`",
        )),
        n => Err(several_orgs(n)),
    }
}

fn several_orgs(n: usize) -> Error {
    Error::invalid_with_hint(
        format!("the store holds {n} orgs: say which one"),
        "pass --org SLUG or set ADMIN_PROXY_ORG",
    )
}

/// `actor_unknown` for `email`, naming the org where they were looked for.
pub fn unknown_actor(email: &str, org: Option<&str>) -> Error {
    let message = match org {
        Some(slug) => format!("{email} is neither an operator nor an active user of org {slug}"),
        None => format!("{email} is not an operator, and the store has no org to find them in"),
    };
    Error::Denied {
        denial: Denial::ActorUnknown,
        message,
    }
}

/// The org user behind an actor. Operators are not org users (SPEC §4): they have no
/// sessions and impersonate nobody (`actor_unknown`).
pub fn org_user(actor: &Actor) -> Result<&User> {
    actor.as_user().ok_or_else(|| Error::Denied {
        denial: Denial::ActorUnknown,
        message: format!(
            "{} is an operator; operators are not org users and impersonate nobody",
            actor.email()
        ),
    })
}
