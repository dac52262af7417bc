//! `init`, `org create`, `org list` and `operator add`.

use serde::Serialize;
use serde_json::json;

use super::{permit, Who};
use crate::app::Ctx;
use crate::cli::{OperatorAddArgs, OperatorRoleArg, OrgCreateArgs};
use crate::core::clock::format_instant;
use crate::core::events::Event;
use crate::core::model::{
    normalize_email, validate_name, validate_slug, Actor, Operator, OperatorRole, Org,
};
use crate::error::{Error, Result};
use crate::output::Report;
use crate::store::{self, audit::Entry};

#[derive(Serialize)]
struct Initialized {
    path: String,
    schema_version: i64,
}

pub fn init(ctx: &mut Ctx) -> Result<Report> {
    let path = ctx.store()?.path().display().to_string();
    let data = Initialized {
        path: path.clone(),
        schema_version: store::SCHEMA_VERSION,
    };
    Ok(Report::text(&data, format!("Store ready at {path}")))
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

pub fn create(ctx: &mut Ctx, args: &OrgCreateArgs) -> Result<Report> {
    validate_slug(&args.slug)?;
    validate_name(&args.name)?;
    let now = ctx.now;
    let org = ctx.write_as(|tx, actor| {
        permit(actor, &[Who::Operator], "create orgs")?;
        if store::orgs::find(tx, &args.slug)?.is_some() {
            return Err(Error::conflict(
                "already_exists",
                format!("org {:?} already exists", args.slug),
            ));
        }
        let org = store::orgs::insert(tx, &args.slug, args.name.trim(), &format_instant(now))?;
        tx.audit(
            Entry::new(now, &org.slug, Event::OrgCreated)
                .by(actor)
                .details(json!({"name": org.name})),
        )?;
        Ok(org)
    })?;
    Ok(Report::text(
        &OrgView::from(&org),
        format!("Created org {} ({})", org.slug, org.name),
    ))
}

pub fn list(ctx: &mut Ctx) -> Result<Report> {
    let email = ctx.actor_email()?;
    let orgs = match ctx.actor() {
        Ok((Actor::Operator(_), _)) => store::orgs::list(ctx.store()?.conn())?,
        Ok((Actor::User(_), org)) => org.into_iter().collect(),
        // With the actor given, the one usage error left is that no org can be selected (the
        // store holds several and none was named): an org user then sees every org where
        // they are active.
        Err(Error::Invalid { .. }) if !ctx.org_given() => {
            let orgs = store::orgs::of_user(ctx.store()?.conn(), &email)?;
            if orgs.is_empty() {
                return Err(crate::app::unknown_actor(&email, None));
            }
            orgs
        }
        Err(e) => return Err(e),
    };
    let views: Vec<OrgView> = orgs.iter().map(OrgView::from).collect();
    Ok(Report::list(&views, &["slug", "name"]))
}

#[derive(Serialize)]
struct OperatorView {
    email: String,
    role: &'static str,
}

pub fn add_operator(ctx: &mut Ctx, args: &OperatorAddArgs) -> Result<Report> {
    let email = normalize_email(&args.email)?;
    let role = match args.role {
        OperatorRoleArg::ProgramArchitect => OperatorRole::ProgramArchitect,
        OperatorRoleArg::CustomerSuccessManager => OperatorRole::CustomerSuccessManager,
    };
    // The first operator needs no actor; later ones are added by an operator. Both are
    // decided under the write lock, so two processes racing to be first cannot both win.
    let actor_email = ctx.actor_email().ok();
    let now = ctx.now;
    let op = Operator { email, role };
    ctx.store()?.write(|tx| {
        let actor = match (store::operators::count(tx)?, &actor_email) {
            (0, _) => None,
            (_, None) => {
                return Err(Error::invalid_with_hint(
                    "adding an operator needs --actor: the store already has operators",
                    "pass --actor with an operator's email",
                ))
            }
            (_, Some(by)) => match store::operators::find(tx, by)? {
                Some(found) => Some(Actor::Operator(found)),
                None => {
                    return Err(Error::Forbidden(format!(
                        "{by} may not add operators: only operators may"
                    )))
                }
            },
        };
        if store::operators::find(tx, &op.email)?.is_some() {
            return Err(Error::conflict(
                "already_exists",
                format!("{} is already an operator", op.email),
            ));
        }
        store::operators::insert(tx, &op, &format_instant(now))?;
        let (by, by_role) = actor
            .as_ref()
            .map_or(("", ""), |a| (a.email(), a.role_name()));
        tx.audit(
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
    ))
}
