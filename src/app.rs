//! Runs one command: reads the clock, opens the store when the command needs it, resolves the
//! org and the actor, and dispatches. Holds no business rules of its own.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use crate::cli::{self, Cli, Command, Format};
use crate::commands::{self, permit, Who};
use crate::core::clock;
use crate::core::model::{fold_email, Actor, Org};
use crate::core::policy::Denial;
use crate::error::{Error, Result};
use crate::output::{self, Report};
use crate::store::{self, Store, Tx};

/// How a command opens the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Read-write, every overdue session ended first (SPEC §5: expiry needs no daemon).
    Write,
    /// Read-write, overdue sessions left for the command itself: `sessions sweep` ends and
    /// counts them.
    Sweep,
    /// Read-only, nothing ended or written: `audit verify`, which may be checking a copy kept
    /// as evidence.
    ReadOnly,
}

impl Access {
    pub fn of(command: &Command) -> Access {
        use crate::cli::{AuditCommand, SessionsCommand};
        match command {
            Command::Sessions(SessionsCommand::Sweep) => Access::Sweep,
            Command::Audit(AuditCommand::Verify) => Access::ReadOnly,
            _ => Access::Write,
        }
    }
}

/// Everything a command needs: the store (opened on first use, the way its [`Access`] says),
/// the instant, and the global options.
pub struct Ctx {
    pub now: DateTime<Utc>,
    pub format: Format,
    pub yes: bool,
    db: PathBuf,
    org_arg: Option<String>,
    actor_arg: Option<String>,
    access: Access,
    store: Option<Store>,
}

impl Ctx {
    pub fn new(global: &cli::Global, now: DateTime<Utc>, access: Access) -> Result<Ctx> {
        Ok(Ctx {
            now,
            format: global.format,
            yes: global.yes,
            db: match global.db.as_ref().filter(|p| !p.is_empty()) {
                Some(p) => PathBuf::from(p),
                None => default_db_path()?,
            },
            org_arg: global.org.clone().filter(|s| !s.is_empty()),
            actor_arg: global.actor.clone().filter(|s| !s.is_empty()),
            access,
            store: None,
        })
    }

    /// The store, opened on first use: read-only for [`Access::ReadOnly`], and for
    /// [`Access::Write`] only after every overdue session has been ended.
    pub fn store(&mut self) -> Result<&mut Store> {
        let store = match self.store.take() {
            Some(store) => store,
            None => {
                let mut store = match self.access {
                    Access::ReadOnly => Store::open_read_only(&self.db)?,
                    Access::Write | Access::Sweep => Store::open(&self.db)?,
                };
                if self.access == Access::Write {
                    commands::session::expire_overdue(&mut store, self.now, None)?;
                }
                store
            }
        };
        Ok(self.store.insert(store))
    }

    pub fn db_path(&self) -> &std::path::Path {
        &self.db
    }

    /// The actor's email as given, lower-cased; exit 2 when there is none.
    pub fn actor_email(&self) -> Result<String> {
        let raw = self.actor_arg.as_deref().ok_or_else(|| {
            Error::invalid_with_hint(
                "this command needs --actor",
                "pass --actor EMAIL or set ADMIN_PROXY_ACTOR",
            )
        })?;
        Ok(fold_email(raw))
    }

    pub fn org_given(&self) -> bool {
        self.org_arg.is_some()
    }

    /// The org named by `--org`, if any, looked up.
    pub fn explicit_org(&mut self) -> Result<Option<Org>> {
        let org_arg = self.org_arg.clone();
        explicit_org(self.store()?.conn(), org_arg.as_deref())
    }

    /// The selected org (SPEC §2): `--org`, else the only org of the store.
    pub fn org(&mut self) -> Result<Org> {
        let org_arg = self.org_arg.clone();
        select_org(self.store()?.conn(), org_arg.as_deref())
    }

    /// Looks the actor up: first among the operators, then among the active users of the
    /// selected org. Exit 2 without an actor, exit 3 (`actor_unknown`) when unknown.
    pub fn actor(&mut self) -> Result<(Actor, Option<Org>)> {
        let email = self.actor_email()?;
        let org_arg = self.org_arg.clone();
        resolve_actor(self.store()?.conn(), &email, org_arg.as_deref())
    }

    /// The actor, if one of `allowed`, and the org a command covers: an org user's own, or for
    /// an operator the org named by `--org` and otherwise every org (`None`).
    pub fn actor_and_scope(
        &mut self,
        allowed: &[Who],
        action: &str,
    ) -> Result<(Actor, Option<Org>)> {
        let (actor, org) = self.actor()?;
        permit(&actor, allowed, action)?;
        let org = match org {
            Some(o) => Some(o),
            None => self.explicit_org()?,
        };
        Ok((actor, org))
    }

    /// Like [`Ctx::actor`], and the org always: operators work in the selected org too.
    pub fn actor_in_org(&mut self) -> Result<(Actor, Org)> {
        let email = self.actor_email()?;
        let org_arg = self.org_arg.clone();
        resolve_actor_in_org(self.store()?.conn(), &email, org_arg.as_deref())
    }

    /// Runs `f` in one write transaction (rolled back when `commit` is false), with the actor
    /// and the org looked up inside it: the permission `f` checks and the change it makes see
    /// the same store, whoever else is writing.
    pub fn write_in_org<T>(
        &mut self,
        commit: bool,
        f: impl FnOnce(&mut Tx<'_>, &Actor, &Org) -> Result<T>,
    ) -> Result<T> {
        let email = self.actor_email()?;
        let org_arg = self.org_arg.clone();
        self.store()?.transaction(commit, |tx| {
            let (actor, org) = resolve_actor_in_org(tx, &email, org_arg.as_deref())?;
            f(tx, &actor, &org)
        })
    }

    /// Like [`Ctx::write_in_org`], for commands outside any org (`org create`).
    pub fn write_as<T>(&mut self, f: impl FnOnce(&mut Tx<'_>, &Actor) -> Result<T>) -> Result<T> {
        let email = self.actor_email()?;
        let org_arg = self.org_arg.clone();
        self.store()?.write(|tx| {
            let (actor, _) = resolve_actor(tx, &email, org_arg.as_deref())?;
            f(tx, &actor)
        })
    }
}

/// The org named by `org_arg`, if any; exit 4 when there is no such org.
fn explicit_org(conn: &Connection, org_arg: Option<&str>) -> Result<Option<Org>> {
    let Some(slug) = org_arg else {
        return Ok(None);
    };
    match store::orgs::find(conn, slug)? {
        Some(o) => Ok(Some(o)),
        None => Err(Error::not_found(
            format!("org {slug:?}"),
            "`admin-proxy org list` shows the orgs",
        )),
    }
}

/// The selected org (SPEC §2): the one named, else the only org of the store.
fn select_org(conn: &Connection, org_arg: Option<&str>) -> Result<Org> {
    if let Some(org) = explicit_org(conn, org_arg)? {
        return Ok(org);
    }
    let mut orgs = store::orgs::list(conn)?;
    match orgs.len() {
        1 => Ok(orgs.remove(0)),
        0 => Err(Error::not_found(
            "org",
            "the store holds no org yet: an operator creates one with `admin-proxy org create`",
        )),
        n => Err(Error::invalid_with_hint(
            format!("the store holds {n} orgs: say which one"),
            "pass --org SLUG or set ADMIN_PROXY_ORG",
        )),
    }
}

/// Looks `email` up (SPEC §2): first among the operators, then among the active users of the
/// selected org, whose org comes along.
fn resolve_actor(
    conn: &Connection,
    email: &str,
    org_arg: Option<&str>,
) -> Result<(Actor, Option<Org>)> {
    if let Some(op) = store::operators::find(conn, email)? {
        return Ok((Actor::Operator(op), None));
    }
    let org = match select_org(conn, org_arg) {
        Ok(org) => org,
        Err(Error::NotFound { .. }) => return Err(unknown_actor(email, org_arg)),
        Err(e) => return Err(e),
    };
    match store::users::find(conn, org.id, email)? {
        Some(u) if u.is_active() => Ok((Actor::User(u), Some(org))),
        _ => Err(unknown_actor(email, Some(&org.slug))),
    }
}

/// [`resolve_actor`], and the selected org for operators too.
fn resolve_actor_in_org(
    conn: &Connection,
    email: &str,
    org_arg: Option<&str>,
) -> Result<(Actor, Org)> {
    let (actor, org) = resolve_actor(conn, email, org_arg)?;
    let org = match org {
        Some(o) => o,
        None => select_org(conn, org_arg)?,
    };
    Ok((actor, org))
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

/// `$XDG_DATA_HOME/admin-proxy/admin-proxy.db`, or `~/.local/share/...` when unset.
fn default_db_path() -> Result<PathBuf> {
    let base = match std::env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => match std::env::var_os("HOME").filter(|v| !v.is_empty()) {
            Some(home) => PathBuf::from(home).join(".local").join("share"),
            None => {
                return Err(Error::invalid_with_hint(
                    "cannot find the default store: neither XDG_DATA_HOME nor HOME is set",
                    "pass --db PATH or set ADMIN_PROXY_DB",
                ))
            }
        },
    };
    Ok(base.join("admin-proxy").join("admin-proxy.db"))
}

/// Runs the parsed command line and prints its report.
pub fn run(cli: Cli) -> Result<()> {
    // Commands that need neither the clock nor the store.
    match &cli.command {
        Command::Man => return commands::docs::man(),
        Command::Completions(args) => return commands::docs::completions(args.shell),
        _ => {}
    }
    let now = clock::now_from_env()?;
    let mut ctx = Ctx::new(&cli.global, now, Access::of(&cli.command))?;
    let report = dispatch(&mut ctx, cli.command)?;
    if let Some(report) = report {
        output::print(&report, ctx.format)?;
    }
    Ok(())
}

/// Runs one command; `None` when the command printed its own output (streams).
pub fn dispatch(ctx: &mut Ctx, command: Command) -> Result<Option<Report>> {
    use crate::cli::{
        AuditCommand, ConfigCommand, GrantCommand, ListCommand, NotificationsCommand,
        OperatorCommand, OrgCommand, SessionsCommand, UsersCommand,
    };
    use commands::*;
    let report = match command {
        Command::Init => org::init(ctx)?,
        Command::Demo => return demo::run(ctx).map(|()| None),
        Command::Org(OrgCommand::Create(a)) => org::create(ctx, &a)?,
        Command::Org(OrgCommand::List) => org::list(ctx)?,
        Command::Operator(OperatorCommand::Add(a)) => org::add_operator(ctx, &a)?,
        Command::Users(UsersCommand::Import(a)) => users::import(ctx, &a)?,
        Command::Users(UsersCommand::List(a)) => {
            return users::list(ctx, a.search.as_deref()).map(|()| None)
        }
        Command::Grant(GrantCommand::SuperAdmin(a)) => users::grant_super_admin(ctx, &a)?,
        Command::Grant(GrantCommand::HrAdmin(a)) => users::grant_hr_admin(ctx, &a)?,
        Command::Revoke(a) => users::revoke(ctx, &a)?,
        Command::Config(ConfigCommand::Show) => config::show(ctx)?,
        Command::Config(ConfigCommand::Get(a)) => config::get(ctx, &a.key)?,
        Command::Config(ConfigCommand::Set(a)) => config::set(ctx, &a)?,
        Command::List(a) => match a.what {
            None => return session::list_users(ctx, &a.users).map(|()| None),
            Some(ListCommand::Users(u)) => return session::list_users(ctx, &u).map(|()| None),
            Some(ListCommand::Sessions(s)) => session::list_sessions(ctx, &s)?,
        },
        Command::Start(a) => session::start(ctx, &a)?,
        Command::Status => session::status(ctx)?,
        Command::Stop(a) => session::stop(ctx, &a)?,
        Command::Act(a) => session::act(ctx, &a)?,
        Command::Sessions(SessionsCommand::Sweep) => session::sweep(ctx)?,
        Command::Notifications(NotificationsCommand::Drain) => {
            return session::drain(ctx).map(|()| None)
        }
        Command::Audit(AuditCommand::Export(a)) => return audit::export(ctx, &a).map(|()| None),
        Command::Audit(AuditCommand::Verify) => audit::verify(ctx)?,
        Command::Man => return commands::docs::man().map(|()| None),
        Command::Completions(a) => return commands::docs::completions(a.shell).map(|()| None),
    };
    Ok(Some(report))
}
