//! `demo`: loads the sample org shipped in `fixtures/` (embedded in the binary) and walks
//! through a session, printing each step as the command a person would type, then its output.
//! Every step runs through the same code as the real command.

use clap::FromArgMatches;

use crate::app::{self, Ctx};
use crate::cli::{Cli, Format};
use crate::core::model::{Operator, OperatorRole};
use crate::error::{Error, Result};
use crate::output;
use crate::store::{self, audit::Filter};

/// The sample org: about thirty people of Northwind Health.
pub const SAMPLE_ORG_CSV: &str = include_str!("../../fixtures/northwind.csv");
pub const ORG: &str = "northwind";
const OPERATOR: &str = "demo.architect@vendor.example";
const HR_ADMIN: &str = "omar.haddad@northwind.example";
const IN_SCOPE: &str = "zoe.martin@northwind.example";
const OUT_OF_SCOPE: &str = "lukas.becker@northwind.example";

pub fn run(ctx: &mut Ctx) -> Result<()> {
    let db = ctx.db_path().to_path_buf();
    let now = ctx.now;
    let mut say = output::line;
    say(&format!(
        "admin-proxy demo, on the store {}\n",
        db.display()
    ))?;

    // The demo's operator: the store's first, or the one an earlier demo added.
    let store = ctx.store()?;
    let known = store::operators::find(store.conn(), OPERATOR)?.is_some();
    if !known && store::operators::count(store.conn())? > 0 {
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
    let org_exists = store::orgs::find(store.conn(), ORG)?.is_some();

    let mut steps: Vec<(&str, Vec<String>)> = Vec::new();
    let args = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    say("# Setting up: a vendor operator, the sample org and its people.")?;
    if !known {
        let op = Operator {
            email: OPERATOR.into(),
            role: OperatorRole::ProgramArchitect,
        };
        step(
            &db,
            now,
            &args(&["operator", "add", &op.email, "--role", op.role.as_str()]),
            &mut say,
        )?;
    }
    if !org_exists {
        step(
            &db,
            now,
            &args(&[
                "--actor",
                OPERATOR,
                "org",
                "create",
                ORG,
                "--name",
                "Northwind Health",
            ]),
            &mut say,
        )?;
    }
    step(
        &db,
        now,
        &args(&[
            "--actor",
            OPERATOR,
            "--org",
            ORG,
            "users",
            "import",
            &fixture_path,
        ]),
        &mut say,
    )?;

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
        step(&db, now, argv, &mut say)?;
    }

    say("\n# The audit trail of that session (admin-proxy audit export gives it as CSV):")?;
    let rows = session_trail(ctx)?;
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
    say("\nThat is the whole loop. `admin-proxy --help` lists every command; the README has a tour.")
}

/// Runs one command line as a person would type it, printing it and what it answers.
fn step(
    db: &std::path::Path,
    now: chrono::DateTime<chrono::Utc>,
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
    let mut full = vec![
        "admin-proxy".to_string(),
        "--db".into(),
        db.display().to_string(),
    ];
    full.extend(argv.iter().cloned());
    let matches = crate::cli::command()
        .try_get_matches_from(&full)
        .map_err(|e| Error::invalid(e.to_string()))?;
    let cli = Cli::from_arg_matches(&matches).map_err(|e| Error::invalid(e.to_string()))?;
    let mut ctx = Ctx::new(&cli.global, now, app::Access::of(&cli.command))?;
    match app::dispatch(&mut ctx, cli.command) {
        Ok(Some(report)) => {
            let mut buf = Vec::new();
            output::render(&report, Format::Table, &mut buf, false)?;
            say(String::from_utf8_lossy(&buf).trim_end())
        }
        Ok(None) => Ok(()),
        // A refusal is part of the tour: shown as the person would see it.
        Err(e @ Error::Denied { .. }) => say(&format!("error: {}", e.message())),
        Err(e) => Err(e),
    }
}

/// The audit rows of the HR admin's latest session, from the denial the tour began with.
fn session_trail(ctx: &mut Ctx) -> Result<Vec<Vec<String>>> {
    let conn = ctx.store()?.conn();
    let from_seq: i64 = conn.query_row(
        "SELECT max(seq) FROM audit_log
         WHERE org = ?1 AND actor = ?2 AND event = 'impersonation.denied'",
        [ORG, HR_ADMIN],
        |r| r.get(0),
    )?;
    let filter = Filter {
        org: Some(ORG.into()),
        by: Some(HR_ADMIN.into()),
        after_seq: Some(from_seq - 1),
        ..Filter::default()
    };
    let mut rows = Vec::new();
    store::audit::for_each(conn, &filter, |r| {
        rows.push(vec![
            r.seq.to_string(),
            r.timestamp.clone(),
            r.event.clone(),
            r.outcome.clone(),
            r.reason.clone(),
            r.actor.clone(),
            r.target.clone(),
        ]);
        Ok(())
    })?;
    Ok(rows)
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
