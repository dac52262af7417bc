//! Issue 2, "Foundation": the store, orgs, operators, users, roles, settings and the audit
//! chain. Every command's success and each of its errors, the bad-import corpus, the settings
//! bounds, the permission matrix of grant, revoke and config set, and the audit log.

use assert_cmd::cargo::CommandCargoExt;
use serde_json::{json, Value};

use crate::support::{emails, write_file, *};

// ---------------------------------------------------------------------------------------------
// helpers

/// Imports `csv` into acme as `actor`, with extra arguments (e.g. `--dry-run`).
fn import(env: &TestEnv, actor: &str, csv: impl AsRef<[u8]>, extra: &[&str]) -> Run {
    let path = write_file(env, "import.csv", csv);
    let mut args = vec!["users", "import", path.as_str()];
    args.extend_from_slice(extra);
    env.as_(actor, &args)
}

/// Runs `args` (as given, no defaults added), asserts the exit code and that the store is
/// exactly as before.
#[track_caller]
fn refused(env: &TestEnv, code: i32, args: &[&str]) -> Run {
    let before = (data_tables(env), max_seq(env));
    let run = env.run(args).code(code);
    assert_refusal_left(env, before, code, &format!("{args:?}"));
    run
}

/// Like [`refused`], as `actor` in acme with --format json; also checks the JSON error code.
#[track_caller]
fn refused_as(env: &TestEnv, actor: &str, code: i32, error_code: &str, args: &[&str]) -> Run {
    let before = (data_tables(env), max_seq(env));
    let run = env.as_(actor, args).code(code);
    assert_eq!(
        run.error_code(),
        error_code,
        "{actor} {args:?}: {}",
        run.stderr
    );
    assert_refusal_left(env, before, code, &format!("{actor} {args:?}"));
    run
}

/// A refused command changes no data; a refusal of SPEC §8 (exit 3) writes exactly one
/// audit row, `denied`, and any other refusal none.
#[track_caller]
fn assert_refusal_left(env: &TestEnv, (data, seq): (String, i64), code: i32, what: &str) {
    assert_eq!(
        data_tables(env),
        data,
        "a refused command changed the store: {what}"
    );
    let rows = match env.store_exists() {
        true => env.sql(&format!(
            "SELECT event, outcome FROM audit_log WHERE seq > {seq} AND event != 'store.created'"
        )),
        false => Vec::new(),
    };
    if code == 3 {
        assert_eq!(
            rows.len(),
            1,
            "one row records the refusal: {what}: {rows:?}"
        );
        assert_eq!(rows[0][1], "denied", "{what}");
        assert!(
            rows[0][0] == "access.denied" || rows[0][0] == "impersonation.denied",
            "{what}: {rows:?}"
        );
    } else {
        assert!(rows.is_empty(), "a refused command wrote {rows:?}: {what}");
    }
}

/// Every table but the audit log, to show that a command changed nothing but its audit row.
fn data_tables(env: &TestEnv) -> String {
    env.dump(&[
        "orgs",
        "operators",
        "users",
        "settings",
        "sessions",
        "notifications",
    ])
}

/// The audit rows of `event`, in order, as JSON objects with parsed `details`.
fn audit_rows(env: &TestEnv, event: &str) -> Vec<Value> {
    env.sql(&format!(
        "SELECT seq, org, outcome, reason, actor, actor_role, target, details FROM audit_log \
         WHERE event = '{event}' ORDER BY seq"
    ))
    .into_iter()
    .map(|r| {
        json!({
            "seq": r[0].parse::<i64>().unwrap(),
            "org": r[1], "outcome": r[2], "reason": r[3], "actor": r[4],
            "actor_role": r[5], "target": r[6],
            "details": serde_json::from_str::<Value>(&r[7]).unwrap(),
        })
    })
    .collect()
}

fn last_audit(env: &TestEnv, event: &str) -> Value {
    audit_rows(env, event)
        .pop()
        .unwrap_or_else(|| panic!("no {event} row"))
}

fn max_seq(env: &TestEnv) -> i64 {
    if !env.store_exists() {
        return 0;
    }
    env.sql1("SELECT coalesce(max(seq), 0) FROM audit_log")
        .parse()
        .unwrap()
}

/// A stored user's field.
fn user_field(env: &TestEnv, email: &str, field: &str) -> String {
    env.sql1(&format!(
        "SELECT coalesce({field}, '<null>') FROM users WHERE email = '{email}'"
    ))
}

/// Adds a second org `globex` with its super admin gus@globex.test.
fn add_globex(env: &TestEnv) {
    env.run(&[
        "--actor", OPERATOR, "org", "create", "globex", "--name", "Globex",
    ])
    .ok();
    let csv = write_file(
        env,
        "globex.csv",
        "email,name,groups,first_login_at,role\ngus@globex.test,Gus Globex,Ops,2026-01-01T00:00:00Z,super_admin\n",
    );
    env.run(&[
        "--actor", OPERATOR, "--org", "globex", "users", "import", &csv,
    ])
    .ok();
}

// ---------------------------------------------------------------------------------------------
// init and the store file

#[test]
fn init_creates_a_private_wal_store_with_its_folders_and_is_idempotent() {
    let mut env = TestEnv::new();
    env.db = env.dir.path().join("deep/er/store.db");
    let out = env.run(&["--format", "json", "init"]).ok().json();
    assert_eq!(out["path"], env.store_name());
    if env.is_postgres() {
        assert_eq!(out["schema_version"], 4);
        assert_eq!(
            env.sql1("SELECT value FROM admin_proxy_meta WHERE key = 'schema_version'"),
            "4"
        );
    } else {
        // The file itself: SQLite only.
        assert_eq!(out["schema_version"], 5);
        assert!(env.db.exists());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&env.db).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "store mode {mode:o}");
        }
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        let journal: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(journal, "wal");
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, 5);
    }

    // Again: nothing changes, and the table output names the store.
    let before = env.snapshot();
    let again = env.run(&["init"]).ok();
    assert!(again.stdout.contains(&env.store_name()), "{}", again.stdout);
    assert_eq!(env.snapshot(), before);
    // The one row a store is born with: its vendor chain says which clock it keeps.
    assert_eq!(
        max_seq(&env),
        1,
        "init writes no audit row but the store's first"
    );
    let first = env.sql("SELECT event, org, details FROM audit_log");
    assert_eq!(first[0][..2], ["store.created", ""]);
    let details: serde_json::Value = serde_json::from_str(&first[0][2]).unwrap();
    assert_eq!(details["clock"], "test", "{details}");
}

#[test]
fn the_store_path_comes_from_db_then_env_then_xdg_data_home() {
    let env = TestEnv::new();
    let base = || {
        let mut c = std::process::Command::cargo_bin("admin-proxy").unwrap();
        c.env_remove("ADMIN_PROXY_DB")
            .env_remove("ADMIN_PROXY_ACTOR")
            .env_remove("ADMIN_PROXY_ORG")
            .env("ADMIN_PROXY_NOW", T0)
            .env("XDG_DATA_HOME", env.dir.path().join("xdg"))
            .stdin(std::process::Stdio::null());
        c
    };
    to_run(base().arg("init").output().unwrap()).ok();
    assert!(env
        .dir
        .path()
        .join("xdg/admin-proxy/admin-proxy.db")
        .exists());

    let from_env = env.dir.path().join("env.db");
    to_run(
        base()
            .env("ADMIN_PROXY_DB", &from_env)
            .arg("init")
            .output()
            .unwrap(),
    )
    .ok();
    assert!(from_env.exists());
}

#[test]
fn a_file_that_is_not_a_store_is_refused_with_exit_1() {
    if crate::support::sqlite_only("files that are not stores, and a foreign SQLite file") {
        return;
    }
    let env = TestEnv::new();
    std::fs::write(&env.db, "just some notes\n").unwrap();
    let run = env.run(&["init"]).code(1);
    assert!(
        run.stderr.contains("not an admin-proxy store"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("store.db"), "{}", run.stderr);
    let run = env
        .run(&["--actor", OPERATOR, "--format", "json", "org", "list"])
        .code(1);
    assert_eq!(run.error_code(), "not_a_store");
    assert_eq!(
        std::fs::read_to_string(&env.db).unwrap(),
        "just some notes\n",
        "the file was touched"
    );

    // A SQLite file of another application is not a store either, and is left alone.
    let other = TestEnv::new();
    let conn = rusqlite::Connection::open(&other.db).unwrap();
    conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('hi');")
        .unwrap();
    drop(conn);
    let run = other.run(&["init"]).code(1);
    assert!(
        run.stderr.contains("not an admin-proxy store"),
        "{}",
        run.stderr
    );
    assert_eq!(other.sql1("SELECT count(*) FROM sqlite_schema"), "1");
}

#[test]
fn a_path_whose_folder_cannot_be_created_is_exit_1_naming_it() {
    if crate::support::sqlite_only("the store's folders on disk") {
        return;
    }
    let mut env = TestEnv::new();
    let file = env.dir.path().join("a-regular-file");
    std::fs::write(&file, "x").unwrap();
    env.db = file.join("sub/store.db");
    let run = env.run(&["init"]).code(1);
    assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
    assert!(
        run.stderr.contains(&file.join("sub").display().to_string()),
        "{}",
        run.stderr
    );
    let run = env.run(&["--format", "json", "init"]).code(1);
    assert!(run.stderr.contains("a-regular-file"), "{}", run.stderr);
}

// ---------------------------------------------------------------------------------------------
// operators and orgs

#[test]
fn operator_add_first_needs_no_actor_and_later_ones_an_operator() {
    let env = TestEnv::new();
    let out = env
        .run(&[
            "--format",
            "json",
            "operator",
            "add",
            "PA@Vendor.test",
            "--role",
            "program-architect",
        ])
        .ok()
        .json();
    assert_eq!(
        out,
        json!({"email": "pa@vendor.test", "role": "program-architect"})
    );
    let row = last_audit(&env, "operator.added");
    assert_eq!(row["org"], "", "the vendor's rows have no org");
    assert_eq!(row["actor"], "");
    assert_eq!(row["target"], "pa@vendor.test");
    assert_eq!(row["details"], json!({"role": "program-architect"}));

    // The second needs an actor (exit 2) who is an operator (exit 3).
    let run = refused(
        &env,
        2,
        &[
            "operator",
            "add",
            "csm@vendor.test",
            "--role",
            "customer-success-manager",
        ],
    );
    assert!(run.stderr.contains("--actor"), "{}", run.stderr);
    env.run(&[
        "--actor", OPERATOR, "org", "create", "acme", "--name", "Acme",
    ])
    .ok();
    env.run(&[
        "--actor",
        OPERATOR,
        "--org",
        "acme",
        "users",
        "import",
        acme_csv().to_str().unwrap(),
    ])
    .ok();
    for actor in ["ada@acme.test", "nobody@vendor.test"] {
        let run = refused(
            &env,
            3,
            &[
                "--actor",
                actor,
                "--format",
                "json",
                "operator",
                "add",
                "csm@vendor.test",
                "--role",
                "customer-success-manager",
            ],
        );
        assert!(run.stderr.contains("\"error\""), "{}", run.stderr);
    }
    // Arguments first: a bad role or email is exit 2.
    refused(
        &env,
        2,
        &[
            "--actor",
            OPERATOR,
            "operator",
            "add",
            "csm@vendor.test",
            "--role",
            "boss",
        ],
    );
    refused(
        &env,
        2,
        &[
            "--actor",
            OPERATOR,
            "operator",
            "add",
            "not an email",
            "--role",
            "program-architect",
        ],
    );

    env.run(&[
        "--actor",
        OPERATOR,
        "operator",
        "add",
        "csm@vendor.test",
        "--role",
        "customer-success-manager",
    ])
    .ok();
    let row = last_audit(&env, "operator.added");
    assert_eq!(
        (row["actor"].as_str(), row["actor_role"].as_str()),
        (Some(OPERATOR), Some("program-architect"))
    );
    assert_eq!(row["details"]["role"], "customer-success-manager");
    // The new operator may act; adding one twice is a conflict.
    let run = refused(
        &env,
        5,
        &[
            "--actor",
            "csm@vendor.test",
            "--format",
            "json",
            "operator",
            "add",
            OPERATOR,
            "--role",
            "program-architect",
        ],
    );
    assert_eq!(run.error_code(), "already_exists");
    assert_eq!(env.audit_count("operator.added"), 2);
}

#[test]
fn org_create_by_an_operator_starts_the_orgs_chain() {
    let env = TestEnv::new();
    env.run(&["operator", "add", OPERATOR, "--role", "program-architect"])
        .ok();
    let out = env
        .run(&[
            "--actor",
            OPERATOR,
            "--format",
            "json",
            "org",
            "create",
            "acme",
            "--name",
            "Acme Corp",
        ])
        .ok()
        .json();
    assert_eq!(out, json!({"slug": "acme", "name": "Acme Corp"}));
    let first = env.sql(
        "SELECT event, actor, actor_role FROM audit_log WHERE org = 'acme' ORDER BY seq LIMIT 1",
    );
    assert_eq!(
        first,
        vec![vec![
            "org.created".to_string(),
            OPERATOR.into(),
            "program-architect".into()
        ]]
    );
    assert_eq!(
        last_audit(&env, "org.created")["details"],
        json!({"name": "Acme Corp"})
    );

    // Duplicate slug: exit 5.
    let run = refused(
        &env,
        5,
        &[
            "--actor", OPERATOR, "--format", "json", "org", "create", "acme", "--name", "Again",
        ],
    );
    assert_eq!(run.error_code(), "already_exists");
    // Bad slugs and names: exit 2, even for an actor who could not create orgs anyway.
    let too_long = "a".repeat(64);
    for slug in [
        "Acme",
        "ac me",
        "ac_me",
        "-acme",
        "",
        "émile",
        too_long.as_str(),
    ] {
        let run = refused(
            &env,
            2,
            &[
                "--actor", OPERATOR, "org", "create", "--name", "X", "--", slug,
            ],
        );
        assert!(run.stderr.contains("slug"), "{slug:?}: {}", run.stderr);
    }
    refused(
        &env,
        2,
        &["--actor", OPERATOR, "org", "create", "beta", "--name", "  "],
    );
    refused(
        &env,
        2,
        &[
            "--actor",
            "nobody@x.test",
            "org",
            "create",
            "Bad Slug",
            "--name",
            "X",
        ],
    );
    refused(&env, 2, &["--actor", OPERATOR, "org", "create", "beta"]);
    // No actor: exit 2. Not an operator: exit 3.
    refused(&env, 2, &["org", "create", "beta", "--name", "Beta"]);
    env.run(&[
        "--actor",
        OPERATOR,
        "--org",
        "acme",
        "users",
        "import",
        acme_csv().to_str().unwrap(),
    ])
    .ok();
    for actor in [
        "ada@acme.test",
        "hal@acme.test",
        "fay@acme.test",
        "nobody@x.test",
    ] {
        refused(
            &env,
            3,
            &[
                "--actor", actor, "--org", "acme", "org", "create", "beta", "--name", "Beta",
            ],
        );
    }
}

#[test]
fn org_list_shows_operators_every_org_and_users_their_own() {
    let env = TestEnv::acme();
    add_globex(&env);
    let slugs = |run: Run| -> Vec<Value> {
        run.json()
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["slug"].clone())
            .collect()
    };
    let all = env
        .run(&["--actor", OPERATOR, "--format", "json", "org", "list"])
        .ok()
        .json();
    assert_eq!(
        all,
        json!([{"slug": "acme", "name": "Acme"}, {"slug": "globex", "name": "Globex"}])
    );
    for actor in ["ada@acme.test", "hal@acme.test", "fay@acme.test"] {
        assert_eq!(
            slugs(env.as_(actor, &["org", "list"]).ok()),
            vec![json!("acme")],
            "{actor}"
        );
        // Without --org, an org user still sees only their own org.
        let run = env
            .run(&["--actor", actor, "--format", "json", "org", "list"])
            .ok();
        assert_eq!(slugs(run), vec![json!("acme")], "{actor}");
    }
    let run = env
        .run(&[
            "--actor",
            "gus@globex.test",
            "--format",
            "json",
            "org",
            "list",
        ])
        .ok();
    assert_eq!(slugs(run), vec![json!("globex")]);
    // gus is no user of acme; a deactivated user and a stranger are nobody.
    refused_as(
        &env,
        "gus@globex.test",
        3,
        "actor_unknown",
        &["org", "list"],
    );
    refused_as(&env, "dex@acme.test", 3, "actor_unknown", &["org", "list"]);
    refused(&env, 3, &["--actor", "nobody@x.test", "org", "list"]);
    refused(&env, 2, &["org", "list"]);
    // The table lists the orgs for people.
    let table = env.run(&["--actor", OPERATOR, "org", "list"]).ok();
    assert!(
        table.stdout.contains("acme") && table.stdout.contains("Globex"),
        "{}",
        table.stdout
    );
}

#[test]
fn the_org_is_chosen_by_flag_or_env_and_may_be_left_out_when_there_is_one() {
    let env = TestEnv::acme();
    // One org: --org may be left out; the actor may come from the environment.
    let run = to_run(
        env.cmd()
            .env("ADMIN_PROXY_ACTOR", "ada@acme.test")
            .args(["--format", "json", "config", "show"])
            .output()
            .unwrap(),
    );
    run.ok();
    add_globex(&env);
    let run = refused(&env, 2, &["--actor", "ada@acme.test", "config", "show"]);
    assert!(run.stderr.contains("--org"), "{}", run.stderr);
    let run = to_run(
        env.cmd()
            .env("ADMIN_PROXY_ACTOR", "ada@acme.test")
            .env("ADMIN_PROXY_ORG", "acme")
            .args(["--format", "json", "config", "show"])
            .output()
            .unwrap(),
    );
    run.ok();
    let run = refused(
        &env,
        4,
        &[
            "--actor", OPERATOR, "--org", "nowhere", "--format", "json", "config", "show",
        ],
    );
    assert_eq!(run.error_code(), "not_found");
}

// ---------------------------------------------------------------------------------------------
// users import

#[test]
fn users_import_counts_and_a_second_import_changes_nothing() {
    let env = TestEnv::empty_acme();
    let csv = std::fs::read(acme_csv()).unwrap();
    let out = import(&env, OPERATOR, &csv, &[]).ok().json();
    assert_eq!(
        (
            out["created"].as_u64(),
            out["updated"].as_u64(),
            out["unchanged"].as_u64()
        ),
        (Some(9), Some(0), Some(0))
    );
    assert_eq!(env.audit_count("user.created"), 9);
    assert_eq!(env.audit_count("users.imported"), 1);
    // Emails lower-cased, groups and scope stored, never-logged-in kept empty.
    assert_eq!(user_field(&env, "zoe@acme.test", "name"), "Zoë Quintero");
    assert_eq!(user_field(&env, "hal@acme.test", "hr_scope"), "Finance");
    assert_eq!(
        user_field(&env, "nia@acme.test", "first_login_at"),
        "<null>"
    );
    assert_eq!(user_field(&env, "dex@acme.test", "status"), "deactivated");

    // The same file again, even with emails in another case: all unchanged, and the only
    // write is the users.imported row.
    let before = data_tables(&env);
    let seq = max_seq(&env);
    let shouted = String::from_utf8(csv)
        .unwrap()
        .replace("ada@acme.test", "ADA@Acme.Test");
    let out = import(&env, OPERATOR, &shouted, &[]).ok().json();
    assert_eq!(
        (
            out["created"].as_u64(),
            out["updated"].as_u64(),
            out["unchanged"].as_u64()
        ),
        (Some(0), Some(0), Some(9))
    );
    assert_eq!(data_tables(&env), before);
    assert_eq!(
        env.sql(&format!(
            "SELECT event FROM audit_log WHERE seq > {seq} ORDER BY seq"
        )),
        vec![vec!["users.imported".to_string()]]
    );
    let row = last_audit(&env, "users.imported");
    assert_eq!(row["actor"], OPERATOR);
    assert_eq!(row["org"], "acme");
    assert_eq!(row["details"]["created"], 0);
    assert_eq!(row["details"]["unchanged"], 9);
    assert_eq!(row["details"]["rows"], 9);

    // A super admin of the org may import too; the table output states the counts.
    let run = env
        .run(&[
            "--actor",
            "ada@acme.test",
            "users",
            "import",
            acme_csv().to_str().unwrap(),
        ])
        .ok();
    assert!(run.stdout.contains("9 unchanged"), "{}", run.stdout);
}

#[test]
fn users_import_dry_run_reports_and_writes_nothing() {
    let env = TestEnv::acme();
    let csv = "email,name,status\nfay@acme.test,Fay Renamed,active\nnew@acme.test,New Person,active\nola@acme.test,Ola Ops,active\n";
    let before = env.snapshot();
    let out = import(&env, OPERATOR, csv, &["--dry-run"]).ok().json();
    assert_eq!(out["dry_run"], true);
    assert_eq!(
        (
            out["created"].as_u64(),
            out["updated"].as_u64(),
            out["unchanged"].as_u64()
        ),
        (Some(1), Some(1), Some(1))
    );
    assert_eq!(env.snapshot(), before);
    // The real run does what the dry run said.
    let out = import(&env, OPERATOR, csv, &[]).ok().json();
    assert_eq!(
        (
            out["created"].as_u64(),
            out["updated"].as_u64(),
            out["unchanged"].as_u64()
        ),
        (Some(1), Some(1), Some(1))
    );
    assert_eq!(out["dry_run"], false);
    assert_eq!(user_field(&env, "fay@acme.test", "name"), "Fay Renamed");
}

#[test]
fn users_import_audits_each_changed_user_by_what_changed() {
    let env = TestEnv::acme();
    let csv = "email,name,groups,status,role,hr_scope\n\
               fay@acme.test,Fay Finance,Finance;Paris,active,user,\n\
               ola@acme.test,Ola Ops,Operations,deactivated,user,\n\
               zoe@acme.test,Zoë Quintero,Finance;London,active,hr_admin,London\n\
               hana@acme.test,Hana Whole,HR,active,user,\n\
               kim@acme.test,Kim New,Sales,active,user,\n";
    let out = import(&env, "ada@acme.test", csv, &[]).ok().json();
    assert_eq!(
        (
            out["created"].as_u64(),
            out["updated"].as_u64(),
            out["unchanged"].as_u64()
        ),
        (Some(1), Some(4), Some(0))
    );

    let updated = last_audit(&env, "user.updated");
    assert_eq!(updated["target"], "fay@acme.test");
    assert_eq!(updated["actor"], "ada@acme.test");
    assert_eq!(updated["actor_role"], "super_admin");
    assert_eq!(
        updated["details"]["groups"],
        json!({"old": ["Finance"], "new": ["Finance", "Paris"]})
    );

    let deactivated = last_audit(&env, "user.deactivated");
    assert_eq!(deactivated["target"], "ola@acme.test");
    assert_eq!(
        deactivated["details"]["status"],
        json!({"old": "active", "new": "deactivated"})
    );

    let granted = last_audit(&env, "role.granted");
    assert_eq!(granted["target"], "zoe@acme.test");
    assert_eq!(
        granted["details"]["role"],
        json!({"old": "user", "new": "hr_admin"})
    );
    assert_eq!(
        granted["details"]["hr_scope"],
        json!({"old": "", "new": "London"})
    );

    let revoked = last_audit(&env, "role.revoked");
    assert_eq!(revoked["target"], "hana@acme.test");
    assert_eq!(
        revoked["details"]["role"],
        json!({"old": "hr_admin", "new": "user"})
    );

    let created = last_audit(&env, "user.created");
    assert_eq!(created["target"], "kim@acme.test");
    let summary = last_audit(&env, "users.imported");
    assert_eq!(
        (
            summary["details"]["created"].as_u64(),
            summary["details"]["updated"].as_u64()
        ),
        (Some(1), Some(4))
    );
    assert!(summary["seq"].as_i64() > created["seq"].as_i64());
}

#[test]
fn an_absent_column_keeps_stored_values_and_an_empty_cell_sets_the_default() {
    let env = TestEnv::acme();
    // Only email and name: hal keeps groups, login, status, role and scope.
    let out = import(
        &env,
        OPERATOR,
        "name,email\nHal Renamed,HAL@acme.test\n",
        &[],
    )
    .ok()
    .json();
    assert_eq!(out["updated"], 1);
    assert_eq!(user_field(&env, "hal@acme.test", "name"), "Hal Renamed");
    assert_eq!(user_field(&env, "hal@acme.test", "groups"), "HR;Finance");
    assert_eq!(
        user_field(&env, "hal@acme.test", "first_login_at"),
        "2026-01-11T09:00:00.000Z"
    );
    assert_eq!(user_field(&env, "hal@acme.test", "role"), "hr_admin");
    assert_eq!(user_field(&env, "hal@acme.test", "hr_scope"), "Finance");
    assert_eq!(user_field(&env, "hal@acme.test", "status"), "active");
    assert_eq!(user_field(&env, "hal@acme.test", "email"), "hal@acme.test");

    // Empty cells: groups and login cleared, status active, role user (and its scope gone).
    let csv = "email,name,groups,first_login_at,status,role,hr_scope\nhal@acme.test,Hal Hr,,,,,\ndex@acme.test,Dex Gone,,,,,\n";
    import(&env, OPERATOR, csv, &[]).ok();
    assert_eq!(user_field(&env, "hal@acme.test", "groups"), "");
    assert_eq!(
        user_field(&env, "hal@acme.test", "first_login_at"),
        "<null>"
    );
    assert_eq!(user_field(&env, "hal@acme.test", "role"), "user");
    assert_eq!(user_field(&env, "hal@acme.test", "hr_scope"), "");
    assert_eq!(user_field(&env, "dex@acme.test", "status"), "active");
}

#[test]
fn users_import_needs_an_operator_or_a_super_admin_of_the_org() {
    let env = TestEnv::acme();
    add_globex(&env);
    let path = write_file(&env, "one.csv", "email,name\nkim@acme.test,Kim New\n");
    for (actor, code, error) in [
        ("hal@acme.test", 3, "forbidden"),
        ("hana@acme.test", 3, "forbidden"),
        ("fay@acme.test", 3, "forbidden"),
        ("nobody@acme.test", 3, "actor_unknown"),
        ("gus@globex.test", 3, "actor_unknown"),
    ] {
        refused_as(&env, actor, code, error, &["users", "import", &path]);
    }
    refused(&env, 2, &["--org", "acme", "users", "import", &path]);
    // A file that cannot be read is named.
    let missing = env.dir.path().join("missing.csv");
    let run = refused(
        &env,
        2,
        &[
            "--actor",
            OPERATOR,
            "--org",
            "acme",
            "users",
            "import",
            missing.to_str().unwrap(),
        ],
    );
    assert!(run.stderr.contains("missing.csv"), "{}", run.stderr);
    import(
        &env,
        "ada@acme.test",
        "email,name\nkim@acme.test,Kim New\n",
        &[],
    )
    .ok();
    assert_eq!(user_field(&env, "kim@acme.test", "name"), "Kim New");
    // Nothing crosses orgs: kim is not in globex.
    assert_eq!(
        env.sql1("SELECT count(*) FROM users WHERE email = 'kim@acme.test'"),
        "1"
    );
}

// ---------------------------------------------------------------------------------------------
// the bad-import corpus: each refused with exit 2 naming the line and the column, nothing written

#[track_caller]
fn bad_import(env: &TestEnv, case: &str, bytes: &[u8], wanted: &[&str]) {
    let path = write_file(env, &format!("{case}.csv"), bytes);
    let before = env.snapshot();
    let run = env.run(&[
        "--actor", OPERATOR, "--org", "acme", "users", "import", &path,
    ]);
    assert_eq!(
        run.code, 2,
        "{case}: expected exit 2, got {}: {}{}",
        run.code, run.stdout, run.stderr
    );
    assert!(run.stderr.starts_with("error: "), "{case}: {}", run.stderr);
    for w in wanted {
        assert!(
            run.stderr.contains(w),
            "{case}: {w:?} not in {}",
            run.stderr
        );
    }
    assert_eq!(env.snapshot(), before, "{case}: the store changed");
    // The dry run and the JSON error say the same.
    let run = env
        .as_(OPERATOR, &["users", "import", &path, "--dry-run"])
        .code(2);
    assert_eq!(run.error_code(), "invalid_input", "{case}");
    assert_eq!(
        env.snapshot(),
        before,
        "{case}: the dry run changed the store"
    );
}

#[test]
fn bad_values_refuse_the_whole_file() {
    let env = TestEnv::acme();
    // Good rows before the bad one are not written either.
    let good = "kim@acme.test,Kim New,Sales,2026-01-01T00:00:00Z,active,user\nfay@acme.test,Fay Changed,Finance,,active,user\n";
    let header = "email,name,groups,first_login_at,status,role\n";
    let cases: [(&str, &str, &[&str]); 5] = [
        (
            "bad-email",
            "not-an-email,Bad,Sales,,active,user\n",
            &["line 4", "column email", "not-an-email"],
        ),
        (
            "bad-timestamp",
            "bad@acme.test,Bad,Sales,last tuesday,active,user\n",
            &["line 4", "column first_login_at"],
        ),
        (
            "impossible-date",
            "bad@acme.test,Bad,Sales,2026-02-30T09:00:00Z,active,user\n",
            &["line 4", "column first_login_at"],
        ),
        (
            "unknown-role",
            "bad@acme.test,Bad,Sales,,active,boss\n",
            &["line 4", "column role", "boss"],
        ),
        (
            "unknown-status",
            "bad@acme.test,Bad,Sales,,gone,user\n",
            &["line 4", "column status", "gone"],
        ),
    ];
    for (case, bad_row, wanted) in cases {
        bad_import(
            &env,
            case,
            format!("{header}{good}{bad_row}").as_bytes(),
            wanted,
        );
    }
    bad_import(
        &env,
        "empty-email",
        b"email,name\n,Nobody\n",
        &["line 2", "column email"],
    );
    bad_import(
        &env,
        "scope-without-hr-admin",
        b"email,name,role,hr_scope\nkim@acme.test,Kim,user,Finance\n",
        &["line 2", "column hr_scope"],
    );
}

#[test]
fn a_badly_shaped_file_is_refused() {
    let env = TestEnv::acme();
    bad_import(
        &env,
        "open-quote",
        b"email,name\nkim@acme.test,Kim New\nlee@acme.test,\"Lee Open\nmo@acme.test,Mo\n",
        &["line 3", "column name", "quote"],
    );
    bad_import(
        &env,
        "no-email-column",
        b"name,groups\nKim New,Sales\n",
        &["line 1", "\"email\" column"],
    );
    bad_import(
        &env,
        "no-name-column",
        b"email,groups\nkim@acme.test,Sales\n",
        &["line 1", "\"name\" column"],
    );
    bad_import(
        &env,
        "same-email-twice",
        b"email,name\nkim@acme.test,Kim New\nfay@acme.test,Fay\nKIM@Acme.Test,Kim Again\n",
        &["line 4", "column email", "kim@acme.test", "line 2"],
    );
    bad_import(
        &env,
        "unknown-column",
        b"email,name,colour\nkim@acme.test,Kim,red\n",
        &["line 1", "colour"],
    );
    bad_import(&env, "empty-file", b"", &["line 1", "empty"]);
}

#[test]
fn bytes_that_are_not_utf8_and_absurd_names_are_refused() {
    let env = TestEnv::acme();
    // Latin-1 é in a name.
    let mut latin1 = b"email,name\nkim@acme.test,Kim New\njose@acme.test,Jos".to_vec();
    latin1.extend_from_slice(&[0xE9, b'\n']);
    bad_import(&env, "latin1", &latin1, &["line 3", "column name", "UTF-8"]);
    // UTF-16 with a byte-order mark.
    let text = "email,name\nkim@acme.test,Kim New\n";
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    bad_import(&env, "utf16", &utf16, &["line 1", "UTF-16"]);
    // A 100 KB name.
    let long = format!(
        "email,name\nkim@acme.test,Kim New\nlong@acme.test,{}\n",
        "x".repeat(100_000)
    );
    bad_import(
        &env,
        "long-name",
        long.as_bytes(),
        &["line 3", "column name"],
    );
    // A UTF-8 byte-order mark is fine.
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(text.as_bytes());
    import(&env, OPERATOR, bom, &[]).ok();
    assert_eq!(user_field(&env, "kim@acme.test", "name"), "Kim New");
}

// ---------------------------------------------------------------------------------------------
// users list

#[test]
fn users_list_shows_everyone_and_searches_in_any_case_and_script() {
    let env = TestEnv::acme();
    let all = env.as_(OPERATOR, &["users", "list"]).ok().json();
    let mut got = emails(&all);
    got.sort();
    assert_eq!(
        got,
        ["ada", "dex", "fay", "hal", "hana", "nia", "ola", "sam", "zoe"]
            .map(|u| format!("{u}@acme.test"))
    );
    let zoe = all
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["email"] == "zoe@acme.test")
        .unwrap();
    assert_eq!(zoe["name"], "Zoë Quintero");
    assert_eq!(zoe["role"], "user");
    assert_eq!(zoe["groups"], json!(["Finance", "London"]));

    for (actor, search) in [
        (OPERATOR, "ZOË"),
        ("ada@acme.test", "zoë"),
        ("hal@acme.test", "QUINT"),
        ("hana@acme.test", "ZOE@ACME"),
    ] {
        let found = env
            .as_(actor, &["users", "list", "--search", search])
            .ok()
            .json();
        assert_eq!(
            emails(&found),
            vec!["zoe@acme.test"],
            "{actor} --search {search}"
        );
    }
    let finance = env
        .as_(OPERATOR, &["users", "list", "--search", "GONE"])
        .ok()
        .json();
    assert_eq!(emails(&finance), vec!["dex@acme.test"]);
    assert_eq!(
        env.as_(OPERATOR, &["users", "list", "--search", "nobody-here"])
            .ok()
            .json(),
        json!([])
    );

    refused_as(&env, "fay@acme.test", 3, "forbidden", &["users", "list"]);
    refused_as(
        &env,
        "nobody@acme.test",
        3,
        "actor_unknown",
        &["users", "list"],
    );
    refused(&env, 2, &["--org", "acme", "users", "list"]);
    let table = env
        .run(&["--actor", OPERATOR, "--org", "acme", "users", "list"])
        .ok();
    assert!(table.stdout.contains("Zoë Quintero"), "{}", table.stdout);
}

// ---------------------------------------------------------------------------------------------
// grant and revoke

#[test]
fn grant_super_admin_and_revoke_change_the_role_and_are_audited() {
    let env = TestEnv::acme();
    let out = env
        .as_(OPERATOR, &["grant", "super-admin", "FAY@acme.test"])
        .ok()
        .json();
    assert_eq!(out["email"], "fay@acme.test");
    assert_eq!(out["role"], "super_admin");
    assert_eq!(out["changed"], true);
    assert_eq!(user_field(&env, "fay@acme.test", "role"), "super_admin");
    let row = last_audit(&env, "role.granted");
    assert_eq!(row["target"], "fay@acme.test");
    assert_eq!(row["actor"], OPERATOR);
    assert_eq!(
        row["details"]["role"],
        json!({"old": "user", "new": "super_admin"})
    );

    // Granting what the user already has changes nothing and writes nothing.
    let before = env.snapshot();
    let out = env
        .as_("ada@acme.test", &["grant", "super-admin", "fay@acme.test"])
        .ok()
        .json();
    assert_eq!(out["changed"], false);
    assert_eq!(env.snapshot(), before);

    let out = env
        .as_("ada@acme.test", &["revoke", "fay@acme.test"])
        .ok()
        .json();
    assert_eq!(out["role"], "user");
    assert_eq!(user_field(&env, "fay@acme.test", "role"), "user");
    let row = last_audit(&env, "role.revoked");
    assert_eq!(row["target"], "fay@acme.test");
    assert_eq!(row["actor"], "ada@acme.test");
    assert_eq!(row["actor_role"], "super_admin");
    assert_eq!(
        row["details"]["role"],
        json!({"old": "super_admin", "new": "user"})
    );

    // Revoking an HR admin clears the scope.
    env.as_(OPERATOR, &["revoke", "hal@acme.test"]).ok();
    assert_eq!(user_field(&env, "hal@acme.test", "hr_scope"), "");
    assert_eq!(
        last_audit(&env, "role.revoked")["details"]["hr_scope"],
        json!({"old": "Finance", "new": ""})
    );
    // The table output is a sentence.
    let run = env
        .run(&[
            "--actor",
            OPERATOR,
            "--org",
            "acme",
            "grant",
            "super-admin",
            "ola@acme.test",
        ])
        .ok();
    assert!(run.stdout.contains("ola@acme.test"), "{}", run.stdout);
}

#[test]
fn grant_hr_admin_needs_a_scope_or_all_groups() {
    let env = TestEnv::acme();
    let run = refused(
        &env,
        2,
        &[
            "--actor",
            OPERATOR,
            "--org",
            "acme",
            "grant",
            "hr-admin",
            "fay@acme.test",
        ],
    );
    assert!(
        run.stderr.contains("--scope") && run.stderr.contains("--all-groups"),
        "{}",
        run.stderr
    );
    let run = refused(
        &env,
        2,
        &[
            "--actor",
            OPERATOR,
            "--org",
            "acme",
            "--format",
            "json",
            "grant",
            "hr-admin",
            "fay@acme.test",
        ],
    );
    let err: Value = serde_json::from_str(run.stderr.trim()).unwrap();
    assert!(
        err["error"]["message"]
            .as_str()
            .unwrap()
            .contains("--scope"),
        "{}",
        run.stderr
    );
    refused(
        &env,
        2,
        &[
            "--actor",
            OPERATOR,
            "--org",
            "acme",
            "grant",
            "hr-admin",
            "fay@acme.test",
            "--scope",
            "Finance",
            "--all-groups",
        ],
    );
    refused(
        &env,
        2,
        &[
            "--actor",
            OPERATOR,
            "--org",
            "acme",
            "grant",
            "hr-admin",
            "fay@acme.test",
            "--scope",
            " ; ",
        ],
    );

    let out = env
        .as_(
            OPERATOR,
            &[
                "grant",
                "hr-admin",
                "fay@acme.test",
                "--scope",
                "Finance",
                "--scope",
                "London",
            ],
        )
        .ok()
        .json();
    assert_eq!(
        (out["role"].as_str(), out["hr_scope"].as_str()),
        (Some("hr_admin"), Some("Finance;London"))
    );
    assert_eq!(
        user_field(&env, "fay@acme.test", "hr_scope"),
        "Finance;London"
    );
    let row = last_audit(&env, "role.granted");
    assert_eq!(
        row["details"]["hr_scope"],
        json!({"old": "", "new": "Finance;London"})
    );

    // Narrowing or widening the scope is a grant too.
    let out = env
        .as_(
            "ada@acme.test",
            &["grant", "hr-admin", "fay@acme.test", "--all-groups"],
        )
        .ok()
        .json();
    assert_eq!(out["hr_scope"], "*");
    assert_eq!(
        last_audit(&env, "role.granted")["details"]["hr_scope"],
        json!({"old": "Finance;London", "new": "*"})
    );
    let out = env
        .as_(
            "ada@acme.test",
            &["grant", "hr-admin", "hana@acme.test", "--scope", "HR;Sales"],
        )
        .ok()
        .json();
    assert_eq!(out["hr_scope"], "HR;Sales");
    assert_eq!(env.audit_count("role.granted"), 3);
}

#[test]
fn grant_and_revoke_of_an_unknown_user_is_exit_4() {
    let env = TestEnv::acme();
    add_globex(&env);
    for actor in [OPERATOR, "ada@acme.test"] {
        for args in [
            &["grant", "super-admin", "nobody@acme.test"][..],
            &["grant", "hr-admin", "nobody@acme.test", "--all-groups"],
            &["revoke", "nobody@acme.test"],
            // Another org's user is not found in this one.
            &["grant", "super-admin", "gus@globex.test"],
            &["revoke", "gus@globex.test"],
        ] {
            refused_as(&env, actor, 4, "not_found", args);
        }
    }
    // Arguments come first (exit 2), then the permission (exit 3), then the lookup (exit 4).
    refused_as(
        &env,
        "nobody@acme.test",
        2,
        "invalid_input",
        &["grant", "super-admin", "not an email"],
    );
    refused_as(
        &env,
        "hal@acme.test",
        3,
        "forbidden",
        &["revoke", "nobody@acme.test"],
    );
    refused_as(
        &env,
        "nobody@acme.test",
        3,
        "actor_unknown",
        &["revoke", "nobody@acme.test"],
    );
}

#[test]
fn only_operators_and_the_orgs_super_admins_grant_and_revoke() {
    let env = TestEnv::acme();
    add_globex(&env);
    let attempts: [&[&str]; 3] = [
        &["grant", "super-admin", "fay@acme.test"],
        &["grant", "hr-admin", "fay@acme.test", "--scope", "Finance"],
        &["revoke", "hana@acme.test"],
    ];
    for args in attempts {
        for actor in [
            "hal@acme.test",
            "hana@acme.test",
            "fay@acme.test",
            "nia@acme.test",
        ] {
            refused_as(&env, actor, 3, "forbidden", args);
        }
        for actor in ["nobody@acme.test", "dex@acme.test", "gus@globex.test"] {
            refused_as(&env, actor, 3, "actor_unknown", args);
        }
        refused(&env, 2, &[&["--org", "acme"], args].concat());
    }
    // A super admin of globex may not grant in acme even naming acme's users from globex.
    let run = refused(
        &env,
        4,
        &[
            "--actor",
            "gus@globex.test",
            "--org",
            "globex",
            "grant",
            "super-admin",
            "fay@acme.test",
        ],
    );
    assert!(run.stderr.contains("fay@acme.test"), "{}", run.stderr);

    env.as_(
        OPERATOR,
        &["grant", "hr-admin", "fay@acme.test", "--scope", "Finance"],
    )
    .ok();
    env.as_("ada@acme.test", &["grant", "super-admin", "ola@acme.test"])
        .ok();
    env.as_("sam@acme.test", &["revoke", "ola@acme.test"]).ok();
    env.as_(OPERATOR, &["revoke", "fay@acme.test"]).ok();
    assert_eq!(env.audit_count("role.granted"), 2);
    assert_eq!(env.audit_count("role.revoked"), 2);
}

#[test]
fn the_last_active_super_admin_can_be_neither_revoked_nor_deactivated() {
    let env = TestEnv::acme();
    env.as_("ada@acme.test", &["revoke", "sam@acme.test"]).ok();
    // ada is now the only active super admin.
    for actor in ["ada@acme.test", OPERATOR] {
        let run = refused_as(&env, actor, 3, "forbidden", &["revoke", "ada@acme.test"]);
        assert!(run.stderr.contains("super admin"), "{}", run.stderr);
        refused_as(
            &env,
            actor,
            3,
            "forbidden",
            &["grant", "hr-admin", "ada@acme.test", "--all-groups"],
        );
    }
    for csv in [
        "email,name,status\nada@acme.test,Ada Admin,deactivated\n",
        "email,name,role\nada@acme.test,Ada Admin,user\n",
        "email,name,role\nada@acme.test,Ada Admin,\n",
        // Handing the role on and deactivating in the same file leaves one: that is fine below.
    ] {
        let path = write_file(&env, "last.csv", csv);
        let run = refused_as(&env, OPERATOR, 3, "forbidden", &["users", "import", &path]);
        assert!(run.stderr.contains("super admin"), "{}", run.stderr);
        refused_as(
            &env,
            OPERATOR,
            3,
            "forbidden",
            &["users", "import", &path, "--dry-run"],
        );
    }
    // With a second super admin, the first may go.
    import(
        &env,
        OPERATOR,
        "email,name,role\nfay@acme.test,Fay Finance,super_admin\nada@acme.test,Ada Admin,user\n",
        &[],
    )
    .ok();
    assert_eq!(user_field(&env, "ada@acme.test", "role"), "user");
    // A deactivated super admin does not count: fay is the last active one.
    import(
        &env,
        OPERATOR,
        "email,name,role\nsam@acme.test,Sam Super,super_admin\n",
        &[],
    )
    .ok();
    import(
        &env,
        OPERATOR,
        "email,name,status\nsam@acme.test,Sam Super,deactivated\n",
        &[],
    )
    .ok();
    assert_eq!(
        last_audit(&env, "user.deactivated")["target"],
        "sam@acme.test"
    );
    refused_as(&env, OPERATOR, 3, "forbidden", &["revoke", "fay@acme.test"]);
}

// ---------------------------------------------------------------------------------------------
// settings

#[test]
fn config_show_and_get_print_the_defaults() {
    let env = TestEnv::acme();
    for actor in [OPERATOR, "ada@acme.test", "hal@acme.test", "hana@acme.test"] {
        let out = env.as_(actor, &["config", "show"]).ok().json();
        assert_eq!(
            out,
            json!({"session-timeout": "1h", "super-admin-only": false, "impersonation-notifications": true, "require-reason": false, "impersonation": true, "impersonation-receipts": false, "approval-required": "off"}),
            "{actor}"
        );
    }
    for (key, bare) in [
        ("session-timeout", "1h"),
        ("super-admin-only", "false"),
        ("impersonation-notifications", "true"),
        ("require-reason", "false"),
        ("impersonation", "true"),
        ("impersonation-receipts", "false"),
    ] {
        let run = env
            .run(&[
                "--actor",
                "hal@acme.test",
                "--org",
                "acme",
                "config",
                "get",
                key,
            ])
            .ok();
        assert_eq!(run.stdout, format!("{bare}\n"), "{key}");
    }
    assert_eq!(
        env.as_(OPERATOR, &["config", "get", "require-reason"])
            .ok()
            .json(),
        json!(false)
    );
    let table = env
        .run(&["--actor", OPERATOR, "--org", "acme", "config", "show"])
        .ok();
    assert!(
        table.stdout.contains("session-timeout") && table.stdout.contains("1h"),
        "{}",
        table.stdout
    );

    refused_as(
        &env,
        OPERATOR,
        2,
        "invalid_input",
        &["config", "get", "colour"],
    );
    refused_as(&env, "fay@acme.test", 3, "forbidden", &["config", "show"]);
    refused_as(
        &env,
        "fay@acme.test",
        3,
        "forbidden",
        &["config", "get", "session-timeout"],
    );
    refused_as(
        &env,
        "nobody@acme.test",
        3,
        "actor_unknown",
        &["config", "show"],
    );
    refused(&env, 2, &["--org", "acme", "config", "show"]);
    assert_eq!(
        max_seq(&env),
        13 + 3,
        "reading settings writes no audit row; each of the 3 refusals writes one"
    );
}

#[test]
fn session_timeout_outside_1h_to_24h_is_refused_naming_the_range() {
    let env = TestEnv::acme();
    for bad in [
        "0h", "59m", "25h", "24h1m", "-1h", "abc", "", "1.5h", "1h1h", "1H", "1 h", "1d", "0",
    ] {
        for args in [
            vec!["config", "set", "session-timeout", bad],
            vec!["config", "set", "session-timeout", "--", bad],
        ] {
            let before = env.snapshot();
            let run = env
                .run(&[&["--actor", OPERATOR, "--org", "acme"], &args[..]].concat())
                .code(2);
            assert!(
                run.stderr.contains("between 1h and 24h"),
                "{bad:?} {args:?}: {}",
                run.stderr
            );
            assert_eq!(env.snapshot(), before, "{bad:?}");
        }
        let run = refused_as(
            &env,
            OPERATOR,
            2,
            "invalid_input",
            &["config", "set", "session-timeout", "--", bad],
        );
        assert!(run.stderr.contains("between 1h and 24h"), "{}", run.stderr);
    }
    // The value is checked before the actor: a stranger gets exit 2 for a bad value.
    refused_as(
        &env,
        "nobody@acme.test",
        2,
        "invalid_input",
        &["config", "set", "session-timeout", "25h"],
    );
    refused_as(
        &env,
        OPERATOR,
        2,
        "invalid_input",
        &["config", "set", "colour", "red"],
    );
    assert_eq!(env.audit_count("config.changed"), 0);
}

#[test]
fn session_timeout_is_stored_and_shown_in_canonical_form() {
    let env = TestEnv::acme();
    let out = env
        .as_(OPERATOR, &["config", "set", "session-timeout", "90m"])
        .ok()
        .json();
    assert_eq!(
        (out["old"].as_str(), out["new"].as_str()),
        (Some("1h"), Some("1h30m"))
    );
    let run = env
        .run(&[
            "--actor",
            OPERATOR,
            "--org",
            "acme",
            "config",
            "get",
            "session-timeout",
        ])
        .ok();
    assert_eq!(run.stdout, "1h30m\n");
    assert_eq!(
        env.as_("hal@acme.test", &["config", "show"]).ok().json()["session-timeout"],
        "1h30m"
    );
    let row = last_audit(&env, "config.changed");
    assert_eq!(
        row["details"],
        json!({"key": "session-timeout", "old": "1h", "new": "1h30m"})
    );
    assert_eq!(row["actor"], OPERATOR);
    assert_eq!(row["org"], "acme");

    // The same value in another spelling changes nothing and writes nothing.
    let before = env.snapshot();
    let out = env
        .as_(OPERATOR, &["config", "set", "session-timeout", "1h30m"])
        .ok()
        .json();
    assert_eq!(out["changed"], false);
    assert_eq!(env.snapshot(), before);

    for (raw, canonical) in [
        ("120m", "2h"),
        ("24h", "24h"),
        ("1h", "1h"),
        ("4h30m", "4h30m"),
        ("60m", "1h"),
    ] {
        env.as_(OPERATOR, &["config", "set", "session-timeout", raw])
            .ok();
        assert_eq!(
            env.as_(OPERATOR, &["config", "get", "session-timeout"])
                .ok()
                .json(),
            json!(canonical),
            "{raw}"
        );
    }
    // 1h30m -> 2h -> 24h -> 1h -> 4h30m -> 1h: five changes after the first.
    assert_eq!(env.audit_count("config.changed"), 6);
    let olds: Vec<String> = env
        .sql("SELECT details FROM audit_log WHERE event = 'config.changed' ORDER BY seq")
        .into_iter()
        .map(|r| {
            serde_json::from_str::<Value>(&r[0]).unwrap()["new"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(olds, ["1h30m", "2h", "24h", "1h", "4h30m", "1h"]);
}

#[test]
fn booleans_accept_true_false_on_off_yes_no_and_nothing_else() {
    let env = TestEnv::acme();
    for (raw, value) in [
        ("on", true),
        ("off", false),
        ("yes", true),
        ("no", false),
        ("true", true),
        ("false", false),
    ] {
        env.as_(OPERATOR, &["config", "set", "require-reason", raw])
            .ok();
        assert_eq!(
            env.as_(OPERATOR, &["config", "get", "require-reason"])
                .ok()
                .json(),
            json!(value),
            "{raw}"
        );
        let run = env
            .run(&[
                "--actor",
                OPERATOR,
                "--org",
                "acme",
                "config",
                "get",
                "require-reason",
            ])
            .ok();
        assert_eq!(run.stdout, format!("{value}\n"));
    }
    let row = last_audit(&env, "config.changed");
    assert_eq!(
        row["details"],
        json!({"key": "require-reason", "old": "true", "new": "false"})
    );
    for key in [
        "super-admin-only",
        "impersonation-notifications",
        "require-reason",
    ] {
        for bad in ["maybe", "TRUE", "1", "", "y"] {
            let run = refused_as(
                &env,
                OPERATOR,
                2,
                "invalid_input",
                &["config", "set", key, bad],
            );
            assert!(
                run.stderr.contains("true") && run.stderr.contains("false"),
                "{key} {bad:?}: {}",
                run.stderr
            );
        }
    }
    env.as_(OPERATOR, &["config", "set", "super-admin-only", "on"])
        .ok();
    env.as_(
        OPERATOR,
        &["config", "set", "impersonation-notifications", "off"],
    )
    .ok();
    assert_eq!(
        env.as_(OPERATOR, &["config", "show"]).ok().json(),
        json!({"session-timeout": "1h", "super-admin-only": true, "impersonation-notifications": false, "require-reason": false, "impersonation": true, "impersonation-receipts": false, "approval-required": "off"})
    );
}

#[test]
fn who_may_change_which_setting() {
    let env = TestEnv::acme();
    add_globex(&env);
    // Super admins: require-reason, impersonation-notifications and impersonation-receipts,
    // nothing else (the last in tests/user_side.rs).
    env.as_("ada@acme.test", &["config", "set", "require-reason", "on"])
        .ok();
    env.as_(
        "sam@acme.test",
        &["config", "set", "impersonation-notifications", "off"],
    )
    .ok();
    let row = last_audit(&env, "config.changed");
    assert_eq!(
        (row["actor"].as_str(), row["actor_role"].as_str()),
        (Some("sam@acme.test"), Some("super_admin"))
    );
    assert_eq!(
        row["details"],
        json!({"key": "impersonation-notifications", "old": "true", "new": "false"})
    );
    let run = refused_as(
        &env,
        "ada@acme.test",
        3,
        "forbidden",
        &["config", "set", "session-timeout", "2h"],
    );
    assert!(run.stderr.contains("session-timeout"), "{}", run.stderr);
    refused_as(
        &env,
        "ada@acme.test",
        3,
        "forbidden",
        &["config", "set", "super-admin-only", "on"],
    );

    refused_as(
        &env,
        "ada@acme.test",
        3,
        "forbidden",
        &["config", "set", "approval-required", "all"],
    );

    let all: [(&str, &str); 5] = [
        ("session-timeout", "2h"),
        ("super-admin-only", "on"),
        ("impersonation-notifications", "on"),
        ("require-reason", "off"),
        ("approval-required", "all"),
    ];
    for (key, value) in all {
        for actor in [
            "hal@acme.test",
            "hana@acme.test",
            "fay@acme.test",
            "nia@acme.test",
        ] {
            refused_as(&env, actor, 3, "forbidden", &["config", "set", key, value]);
        }
        for actor in ["nobody@acme.test", "dex@acme.test", "gus@globex.test"] {
            refused_as(
                &env,
                actor,
                3,
                "actor_unknown",
                &["config", "set", key, value],
            );
        }
        refused(&env, 2, &["--org", "acme", "config", "set", key, value]);
    }
    // gus may change globex's settings, and that leaves acme's alone.
    env.run(&[
        "--actor",
        "gus@globex.test",
        "--org",
        "globex",
        "config",
        "set",
        "require-reason",
        "on",
    ])
    .ok();
    assert_eq!(last_audit(&env, "config.changed")["org"], "globex");
    // Operators: every key.
    for (key, value) in all {
        env.as_(OPERATOR, &["config", "set", key, value]).ok();
    }
    assert_eq!(
        env.as_(OPERATOR, &["config", "show"]).ok().json(),
        json!({"session-timeout": "2h", "super-admin-only": true, "impersonation-notifications": true, "require-reason": false, "impersonation": true, "impersonation-receipts": false, "approval-required": "all"})
    );
    assert_eq!(env.audit_count("config.changed"), 2 + 1 + 5);
}

// ---------------------------------------------------------------------------------------------
// the audit log

#[test]
fn every_mutation_writes_its_audit_row() {
    let env = TestEnv::acme();
    import(
        &env,
        OPERATOR,
        "email,name,status\nfay@acme.test,Fay F,active\nola@acme.test,Ola Ops,deactivated\n",
        &[],
    )
    .ok();
    env.as_(OPERATOR, &["grant", "super-admin", "zoe@acme.test"])
        .ok();
    env.as_(OPERATOR, &["revoke", "zoe@acme.test"]).ok();
    env.as_(OPERATOR, &["config", "set", "session-timeout", "2h"])
        .ok();

    let events: Vec<(String, String, String)> = env
        .sql("SELECT event, org, target FROM audit_log ORDER BY seq")
        .into_iter()
        .map(|r| (r[0].clone(), r[1].clone(), r[2].clone()))
        .collect();
    let t = |e: &str, o: &str, t: &str| (e.to_string(), o.to_string(), t.to_string());
    assert_eq!(events[0], t("store.created", "", ""));
    let events = events[1..].to_vec();
    assert_eq!(events[0], t("operator.added", "", OPERATOR));
    assert_eq!(events[1], t("org.created", "acme", ""));
    assert_eq!(events.iter().filter(|e| e.0 == "user.created").count(), 9);
    assert_eq!(events[11], t("users.imported", "acme", ""));
    assert_eq!(
        events[12..].to_vec(),
        vec![
            t("user.updated", "acme", "fay@acme.test"),
            t("user.deactivated", "acme", "ola@acme.test"),
            t("users.imported", "acme", ""),
            t("role.granted", "acme", "zoe@acme.test"),
            t("role.revoked", "acme", "zoe@acme.test"),
            t("config.changed", "acme", ""),
        ]
    );
    // Each row: increasing seq, RFC 3339 UTC timestamp with milliseconds (the test clock),
    // outcome ok, empty reason, a JSON object in details and a 64-hex hash.
    for r in
        env.sql("SELECT seq, timestamp, outcome, reason, details, hash FROM audit_log ORDER BY seq")
    {
        assert_eq!(r[1], "2026-06-01T12:00:00.000Z", "seq {}", r[0]);
        assert_eq!((r[2].as_str(), r[3].as_str()), ("ok", ""), "seq {}", r[0]);
        assert!(
            serde_json::from_str::<Value>(&r[4]).unwrap().is_object(),
            "seq {}",
            r[0]
        );
        assert!(
            r[5].len() == 64 && r[5].bytes().all(|b| b.is_ascii_hexdigit()),
            "seq {}: {}",
            r[0],
            r[5]
        );
    }
}

#[test]
fn the_database_itself_refuses_update_and_delete_on_audit_rows() {
    let env = TestEnv::acme();
    let before = env.snapshot();
    for sql in [
        "UPDATE audit_log SET actor = 'someone@else.test' WHERE seq = 3",
        "DELETE FROM audit_log WHERE seq = 3",
        "DELETE FROM audit_log",
    ] {
        let err = env.try_exec(sql).unwrap_err();
        assert!(err.contains("append-only"), "{sql}: {err}");
    }
    if env.is_postgres() {
        let err = env.try_exec("TRUNCATE audit_log").unwrap_err();
        assert!(err.contains("append-only"), "{err}");
    }
    assert_eq!(env.snapshot(), before);
    env.as_(OPERATOR, &["audit", "verify"]).ok();
}

#[test]
fn audit_verify_passes_on_a_good_store() {
    let env = TestEnv::acme();
    add_globex(&env);
    env.as_("ada@acme.test", &["config", "set", "require-reason", "on"])
        .ok();
    let acme_rows: u64 = env
        .sql1("SELECT count(*) FROM audit_log WHERE org = 'acme'")
        .parse()
        .unwrap();
    let all_rows: u64 = env.sql1("SELECT count(*) FROM audit_log").parse().unwrap();
    env.assert_verified(
        &env.as_("ada@acme.test", &["audit", "verify"]).ok().json(),
        acme_rows,
        &["acme"],
    );
    env.assert_verified(
        &env.as_(OPERATOR, &["audit", "verify"]).ok().json(),
        acme_rows,
        &["acme"],
    );
    // An operator without --org checks every chain, the vendor's included.
    let out = env
        .run(&["--actor", OPERATOR, "--format", "json", "audit", "verify"])
        .ok()
        .json();
    env.assert_verified(&out, all_rows, &["", "acme", "globex"]);
    let run = env.run(&["--actor", OPERATOR, "audit", "verify"]).ok();
    assert!(run.stdout.contains("ok"), "{}", run.stdout);
    // Verifying writes nothing; HR admins and users may not. A SQLite file is opened as
    // evidence and never written, not even to record the refusal; a shared PostgreSQL store
    // records it.
    let before = max_seq(&env);
    let data = data_tables(&env);
    for (actor, code) in [
        ("hal@acme.test", "forbidden"),
        ("fay@acme.test", "forbidden"),
        ("gus@globex.test", "actor_unknown"),
    ] {
        let run = env.as_(actor, &["audit", "verify"]).code(3);
        assert_eq!(run.error_code(), code, "{actor}: {}", run.stderr);
    }
    refused(&env, 2, &["--org", "acme", "audit", "verify"]);
    assert_eq!(data_tables(&env), data);
    let denied = env.sql(&format!(
        "SELECT org, event, reason, actor, details FROM audit_log WHERE seq > {before}"
    ));
    let row = |org: &str, reason: &str, actor: &str| {
        [
            org,
            "access.denied",
            reason,
            actor,
            r#"{"command":"audit verify"}"#,
        ]
        .map(String::from)
        .to_vec()
    };
    let expected = match env.is_postgres() {
        true => vec![
            row("acme", "forbidden", "hal@acme.test"),
            row("acme", "forbidden", "fay@acme.test"),
            row("acme", "actor_unknown", "gus@globex.test"),
        ],
        false => Vec::new(),
    };
    assert_eq!(denied, expected);
}

#[track_caller]
fn assert_chain_broken_at(env: &TestEnv, actor: &str, org: Option<&str>, seq: i64) {
    let mut args = vec!["--actor", actor, "--format", "json"];
    if let Some(org) = org {
        args.extend(["--org", org]);
    }
    args.extend(["audit", "verify"]);
    let run = env.run(&args).code(6);
    assert_eq!(run.error_code(), "chain_broken");
    let err: Value = serde_json::from_str(run.stderr.trim()).unwrap();
    let message = err["error"]["message"].as_str().unwrap();
    assert!(message.contains(&format!("seq {seq}")), "{message}");
    let out = run.json();
    assert_eq!(out["ok"], false);
    assert_eq!(out["first_bad_seq"], seq);
    // In a table, the message is on stderr.
    let mut args = vec!["--actor", actor];
    if let Some(org) = org {
        args.extend(["--org", org]);
    }
    args.extend(["audit", "verify"]);
    let run = env.run(&args).code(6);
    assert!(
        run.stderr.starts_with("error: ") && run.stderr.contains(&format!("seq {seq}")),
        "{}",
        run.stderr
    );
}

#[test]
fn audit_verify_names_an_edited_row() {
    let env = TestEnv::acme();
    let fay: i64 = env
        .sql1("SELECT seq FROM audit_log WHERE event = 'user.created' AND target = 'fay@acme.test'")
        .parse()
        .unwrap();
    env.tamper(&format!(
        "UPDATE audit_log SET details = '{{\"name\":\"Fay Forged\"}}' WHERE seq = {fay}"
    ));
    assert_chain_broken_at(&env, "ada@acme.test", Some("acme"), fay);
    assert_chain_broken_at(&env, OPERATOR, None, fay);

    // The vendor's chain is checked too.
    let env = TestEnv::acme();
    env.tamper("UPDATE audit_log SET target = 'evil@vendor.test' WHERE seq = 1");
    assert_chain_broken_at(&env, OPERATOR, None, 1);
    // An edit of the hash alone is found as well.
    let env = TestEnv::acme();
    env.tamper("UPDATE audit_log SET hash = replace(hash, substr(hash, 1, 1), 'x') WHERE seq = 12");
    assert_chain_broken_at(&env, "sam@acme.test", Some("acme"), 12);
}

#[test]
fn audit_verify_names_the_row_after_a_deleted_one() {
    let env = TestEnv::acme();
    add_globex(&env);
    let seqs: Vec<i64> = env
        .sql("SELECT seq FROM audit_log WHERE org = 'acme' ORDER BY seq")
        .iter()
        .map(|r| r[0].parse().unwrap())
        .collect();
    // Delete a row in the middle of acme's chain; globex's rows come after it in seq order.
    env.tamper(&format!("DELETE FROM audit_log WHERE seq = {}", seqs[4]));
    assert_chain_broken_at(&env, "ada@acme.test", Some("acme"), seqs[5]);
    assert_chain_broken_at(&env, OPERATOR, None, seqs[5]);
    // globex's own chain is intact.
    let run = env
        .run(&[
            "--actor",
            "gus@globex.test",
            "--org",
            "globex",
            "--format",
            "json",
            "audit",
            "verify",
        ])
        .ok();
    assert_eq!(run.json()["ok"], true);

    // Removing the first row of a chain (org.created) is found at the next one.
    let env = TestEnv::acme();
    let first: i64 = env
        .sql1("SELECT min(seq) FROM audit_log WHERE org = 'acme'")
        .parse()
        .unwrap();
    env.tamper(&format!("DELETE FROM audit_log WHERE seq = {first}"));
    assert_chain_broken_at(&env, "ada@acme.test", Some("acme"), first + 1);
}

// ---------------------------------------------------------------------------------------------
// errors

#[test]
fn json_errors_are_one_object_on_stderr_for_every_exit_code() {
    let env = TestEnv::acme();
    let cases: [(i32, &str, &[&str]); 6] = [
        (2, OPERATOR, &["config", "set", "session-timeout", "25h"]),
        (2, OPERATOR, &["grant", "hr-admin", "fay@acme.test"]), // clap's own usage error
        (3, "fay@acme.test", &["config", "show"]),
        (3, "nobody@acme.test", &["config", "show"]),
        (4, OPERATOR, &["revoke", "nobody@acme.test"]),
        (5, OPERATOR, &["org", "create", "acme", "--name", "Acme"]),
    ];
    for (code, actor, args) in cases {
        let run = env.as_(actor, args).code(code);
        assert_eq!(run.stdout, "", "{args:?}");
        assert_eq!(run.stderr.lines().count(), 1, "{args:?}: {}", run.stderr);
        let err: Value = serde_json::from_str(run.stderr.trim())
            .unwrap_or_else(|e| panic!("{args:?}: {e}: {}", run.stderr));
        let obj = err.as_object().unwrap();
        assert_eq!(obj.len(), 1, "{err}");
        let inner = err["error"].as_object().unwrap();
        assert!(
            inner["code"].as_str().is_some_and(|c| !c.is_empty()),
            "{err}"
        );
        assert!(
            inner["message"].as_str().is_some_and(|m| !m.is_empty()),
            "{err}"
        );
        // Without --format json: `error: ...` and no panic.
        let mut plain = vec!["--actor", actor, "--org", "acme"];
        plain.extend_from_slice(args);
        let run = env.run(&plain).code(code);
        assert!(
            run.stderr.starts_with("error: "),
            "{args:?}: {}",
            run.stderr
        );
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    }
}

#[test]
fn empty_lists_keep_their_csv_header_and_say_so_in_tables() {
    let env = TestEnv::acme();
    let csv = env
        .run(&[
            "--actor",
            OPERATOR,
            "--org",
            "acme",
            "--format",
            "csv",
            "users",
            "list",
            "--search",
            "no such person",
        ])
        .ok();
    assert_eq!(csv.stdout, "email,name,role,groups,status,protected\n");
    let table = env
        .run(&[
            "--actor", OPERATOR, "--org", "acme", "users", "list", "--search", "nobody",
        ])
        .ok();
    assert_eq!(table.stdout, "");
    assert_eq!(table.stderr, "No results.\n");
    let json = env
        .as_(OPERATOR, &["users", "list", "--search", "nobody"])
        .ok();
    assert_eq!(json.json(), json!([]));
}

#[test]
fn an_empty_store_variable_means_the_default_store() {
    let env = TestEnv::new();
    let out = std::process::Command::cargo_bin("admin-proxy")
        .unwrap()
        .env("ADMIN_PROXY_DB", "")
        .env("XDG_DATA_HOME", env.dir.path().join("xdg"))
        .arg("init")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(env
        .dir
        .path()
        .join("xdg/admin-proxy/admin-proxy.db")
        .exists());
}
