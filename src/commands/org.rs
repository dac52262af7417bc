//! `init`, `org create`, `org list` and `operator add`.

use serde::Serialize;
use serde_json::json;

use crate::actor::{self, Caller};
use crate::cli::{InitArgs, OperatorAddArgs, OperatorRoleArg, OrgCreateArgs};
use crate::commands::{Answer, EMAIL_IN_USE};
use crate::core::access::{permit, Who};
use crate::core::audit::Entry;
use crate::core::clock::format_instant;
use crate::core::events::Event;
use crate::core::model::{
    normalize_email, validate_name, validate_slug, Actor, Operator, OperatorRole, Org,
};
use crate::error::{Error, Result};
use crate::options::Options;
use crate::output::{self, Report};
use crate::store::{self, Store};

#[derive(Serialize)]
struct Initialized {
    path: String,
    schema_version: i64,
    clock: &'static str,
}

pub fn init(store: &mut Store, _opts: &Options, args: &InitArgs) -> Result<Answer> {
    let path = store.location().to_string();
    let test_clock = store.is_test_clock()?;
    if args.test_clock && !test_clock {
        return Err(Error::invalid_with_hint(
            format!("the store {path} already exists and keeps real time"),
            "a store's clock is fixed when it is created: pass --db with a new path for a test store",
        ));
    }
    let data = Initialized {
        path: path.clone(),
        schema_version: store::schema_version(store.location()),
        clock: if test_clock { "test" } else { "real" },
    };
    let text = match test_clock {
        true => format!("Store ready at {path} (test clock: ADMIN_PROXY_NOW is honoured)"),
        false => format!("Store ready at {path}"),
    };
    Ok(Report::text(&data, text).into())
}

#[derive(Serialize)]
struct OrgView {
    slug: String,
    name: String,
}

impl From<&Org> for OrgView {
    fn from(o: &Org) -> Self {
        OrgView {
            slug: o.slug.clone(),
            name: o.name.clone(),
        }
    }
}

pub fn create(store: &mut Store, opts: &Options, args: &OrgCreateArgs) -> Result<Answer> {
    validate_slug(&args.slug)?;
    validate_name(&args.name)?;
    let now = opts.now();
    let org = store.write(|tx| {
        let actor = &actor::actor(tx.read(), opts)?;
        permit(actor, &[Who::Operator], "create orgs")?;
        if tx.orgs().find(&args.slug)?.is_some() {
            return Err(Error::conflict(
                "already_exists",
                format!("org {:?} already exists", args.slug),
            ));
        }
        let org = tx
            .orgs()
            .create(&args.slug, args.name.trim(), &format_instant(now))?;
        tx.audit().append(
            Entry::new(now, &org.slug, Event::OrgCreated)
                .by(actor)
                .details(json!({"name": org.name})),
        )?;
        Ok(org)
    })?;
    Ok(Report::text(
        &OrgView::from(&org),
        format!("Created org {} ({})", org.slug, output::shown(&org.name)),
    )
    .into())
}

pub fn list(store: &mut Store, opts: &Options) -> Result<Answer> {
    let orgs = store.read(|r| match actor::resolve(r, opts)? {
        Caller::Operator(_) => Ok(r.orgs().list()?),
        Caller::Member { org, .. } => Ok(vec![org]),
        // The store holds several orgs and none was named: an org user sees every org where
        // they are active.
        Caller::NeedsOrg { email, .. } => {
            let orgs = r.orgs().of_user(&email)?;
            if orgs.is_empty() {
                return Err(actor::unknown_actor(&email, None));
            }
            Ok(orgs)
        }
    })?;
    let views: Vec<OrgView> = orgs.iter().map(OrgView::from).collect();
    Ok(Report::list(&views, &["slug", "name"]).into())
}

#[derive(Serialize)]
struct OperatorView {
    email: String,
    role: &'static str,
}

pub fn add_operator(store: &mut Store, opts: &Options, args: &OperatorAddArgs) -> Result<Answer> {
    let email = normalize_email(&args.email)?;
    let role = match args.role {
        OperatorRoleArg::ProgramArchitect => OperatorRole::ProgramArchitect,
        OperatorRoleArg::CustomerSuccessManager => OperatorRole::CustomerSuccessManager,
    };
    // The first operator needs no actor; later ones are added by an operator. Both are
    // decided under the write lock, so two processes racing to be first cannot both win.
    let actor_email = actor::email(opts).ok();
    let now = opts.now();
    let op = Operator { email, role };
    store.write(|tx| {
        let actor = match (tx.operators().count()?, &actor_email) {
            (0, _) => None,
            (_, None) => {
                return Err(Error::invalid_with_hint(
                    "adding an operator needs --actor: the store already has operators",
                    "pass --actor with an operator's email",
                ))
            }
            (_, Some(by)) => match tx.operators().find(by)? {
                Some(found) => Some(Actor::Operator(found)),
                None => {
                    return Err(Error::Forbidden(format!(
                        "{by} may not add operators: only operators may"
                    )))
                }
            },
        };
        if tx.operators().find(&op.email)?.is_some() {
            return Err(Error::conflict(
                "already_exists",
                format!("{} is already an operator", op.email),
            ));
        }
        // INVARIANT: an email is an operator's or an org user's, never both (SPEC §7). The
        // actor is looked up among the operators first, so an operator with a user's email
        // would hide that user, and their running session, from them.
        if let Some(org) = tx.users().orgs_of(&op.email)?.first() {
            return Err(Error::conflict(
                EMAIL_IN_USE,
                format!(
                    "{} is already a user of org {org}: an email is an operator's or an org user's, never both",
                    op.email
                ),
            ));
        }
        tx.operators().add(&op, &format_instant(now))?;
        let (by, by_role) = actor
            .as_ref()
            .map_or(("", ""), |a| (a.email(), a.role_name()));
        tx.audit().append(
            Entry::new(now, "", Event::OperatorAdded)
                .actor(by, by_role)
                .target(&op.email)
                .details(json!({"role": op.role.as_str()})),
        )?;
        Ok(())
    })?;
    let view = OperatorView {
        email: op.email.clone(),
        role: op.role.as_str(),
    };
    Ok(Report::text(
        &view,
        format!("Added operator {} ({})", op.email, op.role.as_str()),
    )
    .into())
}
