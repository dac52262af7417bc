//! Runs one command: reads the clock and the options, opens the store as the command's
//! [`Access`] says (ending overdue sessions first where it writes), dispatches, and prints
//! the answer. Holds no business rules of its own.

use serde_json::json;

use crate::actor;
use crate::cli::{Cli, Command};
use crate::commands::{self, Answer};
use crate::core::audit::Entry;
use crate::core::clock::NOW_VAR;
use crate::core::events::Event;
use crate::core::model::fold_email;
use crate::error::{Error, Result};
use crate::lifecycle;
use crate::options::{Clock, Options};
use crate::output;
use crate::store::{Location, Mode, Store};

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
    Evidence,
    /// No store at all, and no actor: `man`, `completions`, `audit keygen`, and `audit verify
    /// --file`, which checks a report with nothing but the report.
    None,
}

impl Access {
    pub fn of(command: &Command) -> Access {
        use crate::cli::{AuditCommand, SessionsCommand};
        match command {
            Command::Sessions(SessionsCommand::Sweep) => Access::Sweep,
            Command::Audit(AuditCommand::Verify(a)) if a.file.is_some() => Access::None,
            Command::Audit(AuditCommand::Verify(_)) => Access::Evidence,
            Command::Audit(AuditCommand::Keygen(_)) | Command::Man | Command::Completions(_) => {
                Access::None
            }
            _ => Access::Write,
        }
    }
}

/// Runs the parsed command line and prints its answer.
pub fn run(cli: Cli) -> Result<()> {
    let clock = Clock::read()?;
    let opts = Options::new(&cli.global, clock)?;
    if let Answer::Report(report) = execute(&opts, cli.command)? {
        output::print(&report, opts.format)?;
    }
    Ok(())
}

/// Opens the store for `command` as its access says, and runs it.
pub fn execute(opts: &Options, command: Command) -> Result<Answer> {
    let access = Access::of(&command);
    if access == Access::None {
        return without_store(opts, command);
    }
    let test_clock = matches!(&command, Command::Init(a) if a.test_clock);
    let mut store = match access {
        Access::Evidence => Store::open(&opts.db, Mode::Evidence)?,
        _ => Store::open(
            &opts.db,
            Mode::ReadWrite {
                now: opts.now(),
                test_clock: test_clock || opts.clock.overridden,
            },
        )?,
    };
    if opts.clock.overridden && !store.is_test_clock()? {
        return Err(Error::invalid_with_hint(
            format!(
                "{NOW_VAR} is set, but the store {} keeps real time: only a test-clock store honours it",
                opts.db
            ),
            format!(
                "unset {NOW_VAR}, or make a test store: admin-proxy --db /tmp/test.db init --test-clock"
            ),
        ));
    }
    if access == Access::Write {
        lifecycle::expire_overdue(&mut store, opts.now(), None)?;
    }
    let name = command.name();
    match dispatch(&mut store, opts, command) {
        Err(refusal) if refusal.unrecorded_refusal() => {
            Err(record_refusal(store, access, opts, name, refusal))
        }
        other => other,
    }
}

/// Writes `access.denied` for a command refused by SPEC §8 (exit 3): the command, the code,
/// the actor as given, in the org's chain when the org is known, else the vendor's. One row
/// per refused command. The refusal is the answer whatever happens here.
fn record_refusal(
    store: Store,
    access: Access,
    opts: &Options,
    command: &str,
    refusal: Error,
) -> Error {
    let store = match (access, &opts.db) {
        // A SQLite file opened as evidence is never written, not even to record a refusal:
        // it may be a copy kept for an auditor. The refusal is answered, not recorded.
        (Access::Evidence, Location::Sqlite(_)) => return refusal,
        // A shared PostgreSQL store is the live one: the refusal is recorded there.
        (Access::Evidence, Location::Postgres(_)) => Store::open(
            &opts.db,
            Mode::ReadWrite {
                now: opts.now(),
                test_clock: opts.clock.overridden,
            },
        ),
        (Access::Write | Access::Sweep | Access::None, _) => Ok(store),
    };
    let now = opts.now();
    let given = opts.actor.as_deref().map(str::trim).unwrap_or("");
    let written = store.map_err(Error::from).and_then(|mut store| {
        store.write(|tx| {
            let r = tx.read();
            let org = actor::select_org(r, opts.org.as_deref()).ok();
            let email = fold_email(given);
            let role = match (r.operators().find(&email)?, &org) {
                (Some(op), _) => op.role.as_str(),
                (None, Some(o)) => r
                    .users()
                    .find(o.id, &email)?
                    .map_or("", |u| u.role.as_str()),
                (None, None) => "",
            };
            let slug = org.as_ref().map_or("", |o| o.slug.as_str());
            tx.audit().append(
                Entry::new(now, slug, Event::AccessDenied)
                    .actor(given, role)
                    .denied(refusal.code())
                    .details(json!({ "command": command })),
            )?;
            Ok::<_, Error>(())
        })
    });
    if let Err(e) = written {
        output::note(&format!(
            "warning: this refusal could not be written to the audit log: {}",
            e.message()
        ));
    }
    refusal
}

/// Runs a command that needs no store, before any is opened (or created).
fn without_store(opts: &Options, command: Command) -> Result<Answer> {
    use crate::cli::AuditCommand;
    match command {
        Command::Man => commands::docs::man(),
        Command::Completions(a) => commands::docs::completions(a.shell),
        Command::Audit(AuditCommand::Verify(a)) => commands::audit::verify_file(opts, &a),
        Command::Audit(AuditCommand::Keygen(a)) => commands::audit::keygen(&a),
        other => Err(Error::invalid(format!(
            "{} needs a store; this is a bug of admin-proxy",
            other.name()
        ))),
    }
}

/// Runs one command on the store it was given.
fn dispatch(store: &mut Store, opts: &Options, command: Command) -> Result<Answer> {
    use crate::cli::{
        AuditCommand, ConfigCommand, GrantCommand, ListCommand, NotificationsCommand,
        OperatorCommand, OrgCommand, SessionsCommand, UsersCommand,
    };
    use commands::*;
    match command {
        Command::Init(a) => org::init(store, opts, &a),
        Command::Demo => demo::run(store, opts, &execute),
        Command::Org(OrgCommand::Create(a)) => org::create(store, opts, &a),
        Command::Org(OrgCommand::List) => org::list(store, opts),
        Command::Operator(OperatorCommand::Add(a)) => org::add_operator(store, opts, &a),
        Command::Users(UsersCommand::Import(a)) => users::import::run(store, opts, &a),
        Command::Users(UsersCommand::List(a)) => users::list::all(store, opts, a.search.as_deref()),
        Command::Users(UsersCommand::Protect(a)) => users::protect::protect(store, opts, &a),
        Command::Users(UsersCommand::Unprotect(a)) => users::protect::unprotect(store, opts, &a),
        Command::Grant(GrantCommand::SuperAdmin(a)) => {
            users::roles::grant_super_admin(store, opts, &a)
        }
        Command::Grant(GrantCommand::HrAdmin(a)) => users::roles::grant_hr_admin(store, opts, &a),
        Command::Revoke(a) => users::roles::revoke(store, opts, &a),
        Command::Config(ConfigCommand::Show) => config::show(store, opts),
        Command::Config(ConfigCommand::Get(a)) => config::get(store, opts, &a.key),
        Command::Config(ConfigCommand::Set(a)) => config::set(store, opts, &a),
        Command::List(a) => match a.what {
            None => users::list::impersonable(store, opts, &a.users),
            Some(ListCommand::Users(u)) => users::list::impersonable(store, opts, &u),
            Some(ListCommand::Sessions(s)) => session::list::run(store, opts, &s),
            Some(ListCommand::Requests(q)) => approval::list(store, opts, &q),
        },
        Command::Start(a) => session::start::run(store, opts, &a),
        Command::Status => session::status::run(store, opts),
        Command::Stop(a) => session::stop::run(store, opts, &a),
        Command::Act(a) => session::act::run(store, opts, &a),
        Command::Request(a) => approval::request(store, opts, &a),
        Command::Approve(a) => approval::approve(store, opts, &a),
        Command::Reject(a) => approval::reject(store, opts, &a),
        Command::Sessions(SessionsCommand::Sweep) => session::sweep::run(store, opts),
        Command::Notifications(NotificationsCommand::Drain) => notifications::drain(store, opts),
        Command::Audit(AuditCommand::Export(a)) => audit::export(store, opts, &a),
        Command::Audit(AuditCommand::Tail(a)) => audit::tail(store, opts, &a),
        Command::Audit(AuditCommand::Review(a)) => audit::review(store, opts, &a),
        Command::Audit(AuditCommand::Verify(a)) => audit::verify(store, opts, &a),
        Command::Audit(AuditCommand::Checkpoint(a)) => audit::checkpoint(store, opts, &a),
        // Run before any store is opened (see `without_store`); they need none.
        Command::Audit(AuditCommand::Keygen(a)) => audit::keygen(&a),
        Command::Man => docs::man(),
        Command::Completions(a) => docs::completions(a.shell),
    }
}
