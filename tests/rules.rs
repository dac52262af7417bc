//! Rules about who is who and what a change means: an email is an operator's or an org
//! user's, never both (SPEC §7); a grant names groups or the whole org, and one that changes
//! nothing writes nothing; a session row that cannot be read back fails only the commands
//! that need it.

use crate::support::acme::{ADA, DEX, FAY, HAL, SAM, ZOE};
use crate::support::*;

/// `operator add EMAIL` as `actor`, with --format json.
fn add_operator(env: &TestEnv, actor: &str, email: &str) -> Run {
    env.run(&[
        "--actor",
        actor,
        "--format",
        "json",
        "operator",
        "add",
        email,
        "--role",
        "customer-success-manager",
    ])
}

/// Writes `csv` into the test's temp dir and imports it into acme as `actor`.
fn import(env: &TestEnv, actor: &str, csv: &str) -> Run {
    let path = env.dir.path().join("rules.csv");
    std::fs::write(&path, csv).unwrap();
    env.as_(actor, &["users", "import", path.to_str().unwrap()])
}

/// Starts a session with --yes and returns its id.
#[track_caller]
fn start(env: &TestEnv, actor: &str, target: &str) -> String {
    let v = env.as_(actor, &["--yes", "start", target]).ok().json();
    v["session_id"].as_str().unwrap().to_string()
}

// ---------------------------------------------------------------------------------------------
// an email is an operator's or an org user's, never both

#[test]
fn operator_add_refuses_the_email_of_an_org_user() {
    let env = TestEnv::acme();
    let session = start(&env, ADA, FAY);
    // The actor's permission comes first: Sam may not add operators, whoever he names.
    let run = add_operator(&env, SAM, ADA).code(3);
    assert!(!run.stderr.contains("already a user"), "{}", run.stderr);
    for email in [ADA, "Ada@ACME.test", DEX] {
        let before = env.snapshot();
        let run = add_operator(&env, OPERATOR, email).code(5);
        assert_eq!(run.error_code(), "email_in_use", "{}", run.stderr);
        assert!(
            run.stderr.contains("already a user of org acme"),
            "{}",
            run.stderr
        );
        assert_eq!(
            env.snapshot(),
            before,
            "a refused operator add changed the store"
        );
    }
    // Ada is still Ada: her running session is hers to see and to stop.
    let status = env.as_(ADA, &["status"]).ok().json();
    assert_eq!(status["session_id"], session.as_str());
    env.as_(ADA, &["stop"]).ok();
}

#[test]
fn an_import_naming_an_operator_is_refused_whole() {
    let env = TestEnv::acme();
    let before = env.snapshot();
    let run = import(
        &env,
        OPERATOR,
        "email,name\nnew@acme.test,New Person\nPA@vendor.test,Pat Architect\n",
    )
    .code(5);
    assert_eq!(run.error_code(), "email_in_use", "{}", run.stderr);
    for wanted in ["line 3", "pa@vendor.test", "is an operator"] {
        assert!(
            run.stderr.contains(wanted),
            "{wanted:?} not in {}",
            run.stderr
        );
    }
    assert_eq!(env.snapshot(), before, "a refused import changed the store");

    // A dry run is refused the same way.
    let path = env.dir.path().join("rules.csv");
    env.as_(
        ADA,
        &["users", "import", path.to_str().unwrap(), "--dry-run"],
    )
    .code(5);

    // Permission comes first: an HR admin is refused as such, not told about operators.
    let run = import(&env, HAL, "email,name\npa@vendor.test,Pat Architect\n").code(3);
    assert!(!run.stderr.contains("is an operator"), "{}", run.stderr);
    assert_eq!(env.audit_count("users.imported"), 1);
    assert_eq!(
        env.sql1("SELECT count(*) FROM users WHERE email = 'pa@vendor.test'"),
        "0"
    );
}

// ---------------------------------------------------------------------------------------------
// grant: groups or the whole org, and nothing written for nothing changed

#[test]
fn grants_name_groups_or_the_whole_org_and_a_repeat_writes_nothing() {
    let env = TestEnv::acme();
    for scope in [vec!["*"], vec!["Finance", "*"], vec!["Finance; * "]] {
        let before = env.snapshot();
        let mut args = vec!["grant", "hr-admin", FAY];
        for s in &scope {
            args.extend(["--scope", s]);
        }
        let run = env.as_(ADA, &args).code(2);
        assert_eq!(run.error_code(), "invalid_input", "{}", run.stderr);
        assert!(run.stderr.contains("--all-groups"), "{}", run.stderr);
        assert_eq!(env.snapshot(), before, "{scope:?} changed the store");
    }
    let text = env
        .run(&[
            "--actor", ADA, "--org", "acme", "grant", "hr-admin", FAY, "--scope", "*",
        ])
        .code(2);
    assert!(text.stderr.contains("use --all-groups"), "{}", text.stderr);

    // A grant that changes nothing writes nothing, and says so.
    let grants: [&[&str]; 2] = [
        &["grant", "hr-admin", FAY, "--all-groups"],
        &["grant", "super-admin", ZOE],
    ];
    for grant in grants {
        let first = env.as_(ADA, grant).ok().json();
        assert_eq!(first["changed"], true, "{first}");
        let rows = env.audit_count("role.granted");

        let before = env.snapshot();
        let again = env.as_(ADA, grant).ok().json();
        assert_eq!(again["changed"], false, "{again}");
        let mut text_args = vec!["--actor", SAM, "--org", "acme"];
        text_args.extend_from_slice(grant);
        let text = env.run(&text_args).ok();
        assert!(text.stdout.contains("nothing changed"), "{}", text.stdout);
        assert_eq!(env.audit_count("role.granted"), rows);
        assert_eq!(env.snapshot(), before, "{grant:?} again changed the store");
    }
    // Fay is HR admin of the whole org now: `--scope '*'` is still refused, never a second
    // grant with nothing in it.
    let before = env.snapshot();
    env.as_(ADA, &["grant", "hr-admin", FAY, "--scope", "*"])
        .code(2);
    assert_eq!(env.snapshot(), before);
}

// ---------------------------------------------------------------------------------------------
// a session row that cannot be read back

#[test]
fn an_unreadable_session_fails_only_the_commands_that_need_it() {
    let env = TestEnv::acme();
    let session = start(&env, ADA, FAY);
    // A year past 9999 is no time this build reads; as text it sorts before every digit, so
    // the store's own order takes it for overdue.
    env.exec(&format!(
        "UPDATE sessions SET expires_at = '+10000-01-01T00:00:00.000Z' WHERE id = '{session}'"
    ));
    // Another, overdue, whose reason is bytes rather than text. PostgreSQL's text holds no
    // such bytes: there its end is a time this build cannot read, like the first.
    let other = start(&env, HAL, FAY);
    env.exec(&if env.is_postgres() {
        format!(
            "UPDATE sessions SET expires_at = '+10000-01-01T00:00:00.000Z' WHERE id = '{other}'"
        )
    } else {
        format!(
            "UPDATE sessions SET expires_at = '2026-06-01T11:59:59.000Z', reason = X'FF00'
             WHERE id = '{other}'"
        )
    });

    env.as_(SAM, &["config", "show"]).ok();
    env.as_(SAM, &["users", "list"]).ok();
    start(&env, SAM, ZOE);
    env.as_(OPERATOR, &["sessions", "sweep"]).ok();
    // The sweep left it as it was: ending it needs a time it cannot read.
    assert_eq!(
        env.sql1(&format!(
            "SELECT CASE WHEN ended_at IS NULL THEN 1 ELSE 0 END FROM sessions WHERE id = '{session}'"
        )),
        "1"
    );
    assert_eq!(env.audit_count("impersonation.expired"), 0);

    assert_eq!(
        env.sql1(&format!(
            "SELECT CASE WHEN ended_at IS NULL THEN 1 ELSE 0 END FROM sessions WHERE id = '{other}'"
        )),
        "1"
    );

    // Its own actor is told, and the session named: the command fails closed.
    let run = env.as_(ADA, &["status"]).code(1);
    assert!(run.stderr.contains(&session), "{}", run.stderr);
    let run = env.as_(HAL, &["status"]).code(1);
    assert!(run.stderr.contains(&other), "{}", run.stderr);
    let run = env.as_(ADA, &["stop"]).code(1);
    assert!(run.stderr.contains(&session), "{}", run.stderr);
    let run = env.as_(OPERATOR, &["list", "sessions"]).code(1);
    assert!(
        run.stderr.contains(&session) || run.stderr.contains(&other),
        "{}",
        run.stderr
    );
}
