//! `demo`: loads the sample org shipped in `fixtures/` (embedded in the binary) and walks
//! through a session, printing each step as the command a person would type, then its output.
//! Every step runs through the same code as the real command.

use clap::FromArgMatches;

use crate::cli::{self, Cli, Command, Format};
use crate::commands::Answer;
use crate::core::audit::Filter;
use crate::core::events::Event;
use crate::core::model::{Operator, OperatorRole};
use crate::error::{Error, Result};
use crate::options::Options;
use crate::output;
use crate::store::Store;

/// The sample org: about thirty people of Northwind Health.
pub const SAMPLE_ORG_CSV: &str = include_str!("../../fixtures/northwind.csv");
pub const ORG: &str = "northwind";
const OPERATOR: &str = "demo.architect@vendor.example";
const HR_ADMIN: &str = "omar.haddad@northwind.example";
const IN_SCOPE: &str = "zoe.martin@northwind.example";
const OUT_OF_SCOPE: &str = "lukas.becker@northwind.example";

/// How the demo runs a command line: the binary's own entry point, given by the caller.
pub type Execute = dyn Fn(&Options, Command) -> Result<Answer>;

pub fn run(store: &mut Store, opts: &Options, execute: &Execute) -> Result<Answer> {
    let mut say = output::line;
    say(&format!("admin-proxy demo, on the store {}\n", opts.db))?;

    // The demo's operator: the store's first, or the one an earlier demo added.
    let (known, operators, org_exists) = store.read(|r| {
        Ok::<_, Error>((
            r.operators().find(OPERATOR)?.is_some(),
            r.operators().count()?,
            r.orgs().find(ORG)?.is_some(),
        ))
    })?;
    if !known && operators > 0 {
        return Err(Error::invalid_with_hint(
            "this store already has operators, so the demo cannot add its own",
            "run the demo on a store of its own: admin-proxy --db /tmp/admin-proxy-demo.db demo",
        ));
    }
    let fixture = tempfile::Builder::new()
        .prefix("northwind-")
        .suffix(".csv")
        .tempfile()
        .map_err(|e| Error::io("cannot write the sample org to a temporary file", e))?;
    std::fs::write(fixture.path(), SAMPLE_ORG_CSV)
        .map_err(|e| Error::io("cannot write the sample org to a temporary file", e))?;
    let fixture_path = fixture.path().display().to_string();

    let mut steps: Vec<(&str, Vec<String>)> = Vec::new();
    let args = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    say("# Setting up: a vendor operator, the sample org and its people.")?;
    let op = Operator {
        email: OPERATOR.into(),
        role: OperatorRole::ProgramArchitect,
    };
    let mut setup: Vec<Vec<String>> = Vec::new();
    if !known {
        setup.push(args(&[
            "operator",
            "add",
            &op.email,
            "--role",
            op.role.as_str(),
        ]));
    }
    if !org_exists {
        let name = "Northwind Health";
        setup.push(args(&[
            "--actor", OPERATOR, "org", "create", ORG, "--name", name,
        ]));
    }
    let import = ["users", "import", &fixture_path];
    setup.push(args(
        &[&["--actor", OPERATOR, "--org", ORG][..], &import[..]].concat(),
    ));
    for argv in &setup {
        step(opts, execute, argv, &mut say)?;
    }

    let omar = |rest: &[&str]| {
        let mut v = args(&["--actor", HR_ADMIN, "--org", ORG]);
        v.extend(rest.iter().map(|s| s.to_string()));
        v
    };
    steps.push((
        "Omar Haddad is an HR admin for Finance and London. These are the people he may impersonate\n# (never-logged-in, deactivated and higher-ranked people are left out):",
        omar(&["list", "users"]),
    ));
    steps.push((
        "Lukas works in Engineering, outside Omar's scope, so this is refused and recorded:",
        omar(&["--yes", "start", OUT_OF_SCOPE]),
    ));
    steps.push((
        "Zoë is in scope. --yes answers the confirmation prompt:",
        omar(&[
            "--yes",
            "start",
            IN_SCOPE,
            "--reason",
            "Ticket 4521: payslip missing",
        ]),
    ));
    steps.push((
        "The banner shows whom he sees the app as, and the time left:",
        omar(&["status"]),
    ));
    steps.push((
        "A report generated inside the session goes to Zoë, never to Omar:",
        omar(&["act", "report.generate"]),
    ));
    steps.push(("Done:", omar(&["stop"])));
    for (comment, argv) in &steps {
        say(&format!("\n# {comment}"))?;
        step(opts, execute, argv, &mut say)?;
    }

    say("\n# The audit trail of that session (admin-proxy audit export gives it as CSV):")?;
    let rows = session_trail(store)?;
    say(&output::table_text(
        &[
            "seq",
            "timestamp",
            "event",
            "outcome",
            "reason",
            "actor",
            "target",
        ],
        &rows,
        false,
    ))?;
    say("\nThat is the whole loop. `admin-proxy --help` lists every command; the README has a tour.")?;
    Ok(Answer::Streamed)
}

/// Runs one command line as a person would type it, printing it and what it answers. It
/// goes through the same entry point as the binary, on the demo's store and clock.
fn step(
    opts: &Options,
    execute: &Execute,
    argv: &[String],
    say: &mut impl FnMut(&str) -> Result<()>,
) -> Result<()> {
    let shown: Vec<String> = argv
        .iter()
        .map(|a| match a.ends_with(".csv") {
            true => "fixtures/northwind.csv".to_string(),
            false => a.clone(),
        })
        .collect();
    say(&format!("$ admin-proxy {}", shell_words(&shown)))?;
    let mut full: Vec<std::ffi::OsString> =
        vec!["admin-proxy".into(), "--db".into(), opts.db.as_arg()];
    full.extend(argv.iter().map(Into::into));
    let matches = cli::command()
        .try_get_matches_from(&full)
        .map_err(|e| Error::invalid(e.to_string()))?;
    let cli = Cli::from_arg_matches(&matches).map_err(|e| Error::invalid(e.to_string()))?;
    let step_opts = Options::new(&cli.global, opts.clock)?;
    match execute(&step_opts, cli.command) {
        Ok(Answer::Report(report)) => {
            let mut buf = Vec::new();
            output::render(&report, Format::Table, &mut buf, false)?;
            say(String::from_utf8_lossy(&buf).trim_end())
        }
        Ok(Answer::Streamed) => Ok(()),
        // A refusal is part of the tour: shown as the person would see it.
        Err(e) if e.exit_code() == crate::error::exit::DENIED => {
            say(&format!("error: {}", e.message()))
        }
        Err(e) => Err(e),
    }
}

/// The audit rows of the HR admin's latest session, from the denial the tour began with.
fn session_trail(store: &mut Store) -> Result<Vec<Vec<String>>> {
    store.read(|r| {
        let mut denials = Filter {
            org: Some(ORG.into()),
            by: Some(HR_ADMIN.into()),
            events: vec![Event::ImpersonationDenied.as_str().into()],
            ..Filter::default()
        };
        let mut from_seq = 0;
        r.audit().for_each(&denials, |row| {
            from_seq = row.seq;
            Ok::<_, Error>(())
        })?;
        denials.events.clear();
        denials.after_seq = Some(from_seq - 1);
        let mut rows = Vec::new();
        r.audit().for_each(&denials, |row| {
            rows.push(vec![
                row.seq.to_string(),
                row.timestamp.clone(),
                row.event.clone(),
                row.outcome.clone(),
                row.reason.clone(),
                row.actor.clone(),
                row.target.clone(),
            ]);
            Ok::<_, Error>(())
        })?;
        Ok(rows)
    })
}

/// Quotes arguments that a shell would split.
fn shell_words(argv: &[String]) -> String {
    argv.iter()
        .map(|a| {
            if a.chars()
                .all(|c| c.is_ascii_alphanumeric() || "@._-/=:".contains(c))
            {
                a.clone()
            } else {
                format!("'{}'", a.replace('\'', "'\\''"))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}
