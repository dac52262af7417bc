//! The record itself (SPEC §6 and §8): `audit verify` finds a chain that is missing, one that
//! was cut and recomputed, and a row that cannot be read; every refusal of §8 leaves exactly
//! one `access.denied` row, properly chained, and nothing else.

use serde_json::{json, Value};

use crate::support::acme::{ADA, FAY, HAL, HANA};
use crate::support::{chain_hash, Run, TestEnv, OPERATOR};

/// The number of rows of the audit log, in one org's chain or in all (`None`).
fn rows(env: &TestEnv, org: Option<&str>) -> u64 {
    let query = match org {
        Some(org) => format!("SELECT count(*) FROM audit_log WHERE org = '{org}'"),
        None => "SELECT count(*) FROM audit_log".to_string(),
    };
    env.sql1(&query).parse().unwrap()
}

fn max_seq(env: &TestEnv) -> i64 {
    env.sql1("SELECT max(seq) FROM audit_log").parse().unwrap()
}

/// `audit verify --format json` as the operator over every chain of the store.
fn verify_all(env: &TestEnv) -> Run {
    env.run(&["--actor", OPERATOR, "--format", "json", "audit", "verify"])
}

/// The verdict on stdout of a failed `audit verify --format json`: exit 6, `ok` false.
#[track_caller]
fn broken(run: Run) -> Value {
    let run = run.code(6);
    assert_eq!(run.error_code(), "chain_broken", "{}", run.stderr);
    let v = run.json();
    assert_eq!(v["ok"], false, "{v}");
    v
}

// ---------------------------------------------------------------------------------------------
// audit verify

#[test]
fn an_org_whose_every_row_was_deleted_is_a_missing_chain() {
    let env = TestEnv::acme();
    verify_all(&env).ok();
    env.tamper("DELETE FROM audit_log WHERE org = 'acme';");
    assert_eq!(
        env.sql1("SELECT count(*) FROM orgs WHERE slug = 'acme'"),
        "1"
    );

    // Over every chain, as the operator, and over acme's alone.
    for run in [
        verify_all(&env),
        env.as_(OPERATOR, &["audit", "verify"]),
        env.as_(ADA, &["audit", "verify"]),
    ] {
        let stderr = run.stderr.clone();
        let v = broken(run);
        assert_eq!(v["org"], "acme", "{v}");
        let problem = v["problem"].as_str().unwrap_or_default();
        assert!(problem.contains("missing"), "{v}");
        assert!(stderr.contains("acme"), "{stderr}");
    }
}

#[test]
fn a_chain_cut_at_its_start_and_recomputed_does_not_begin_with_org_created() {
    let env = TestEnv::acme();
    env.as_(ADA, &["--yes", "start", FAY]).ok();
    env.as_(ADA, &["stop"]).ok();

    // Remove org.created and the first user.created, then re-hash what is left, so that
    // every hash matches its row and the row before it.
    let acme = env.sql("SELECT * FROM audit_log WHERE org = 'acme' ORDER BY seq");
    assert_eq!(acme[0][3], "org.created");
    let cut = &acme[..2];
    let kept = &acme[2..];
    let mut sql = format!(
        "DELETE FROM audit_log WHERE seq IN ({}, {});",
        cut[0][0], cut[1][0]
    );
    let mut prev = String::new();
    for row in kept {
        let hash = chain_hash(&prev, row);
        sql.push_str(&format!(
            "UPDATE audit_log SET hash = '{hash}' WHERE seq = {};",
            row[0]
        ));
        prev = hash;
    }
    env.tamper(&sql);
    let first: i64 = kept[0][0].parse().unwrap();

    for run in [verify_all(&env), env.as_(ADA, &["audit", "verify"])] {
        let v = broken(run);
        assert_eq!(v["first_bad_seq"], first, "{v}");
        assert_eq!(v["org"], "acme", "{v}");
        let problem = v["problem"].as_str().unwrap_or_default();
        assert!(problem.contains("does not begin with org.created"), "{v}");
    }
}

#[test]
fn the_recomputation_matches_the_store() {
    // The helper above is the README's recipe: on an untouched store it gives every hash.
    let env = TestEnv::acme();
    env.as_(FAY, &["grant", "super-admin", FAY]).code(3);
    let mut heads = std::collections::HashMap::<String, String>::new();
    for row in env.sql("SELECT * FROM audit_log ORDER BY seq") {
        let prev = heads.get(&row[2]).cloned().unwrap_or_default();
        let hash = chain_hash(&prev, &row);
        assert_eq!(hash, row[11], "row {}", row[0]);
        heads.insert(row[2].clone(), hash);
    }
}

#[test]
fn a_row_whose_details_are_not_text_is_named_by_verify_and_export() {
    if crate::support::sqlite_only("a BLOB or bytes in a text column") {
        return;
    }
    // A BLOB of the same bytes, a BLOB that is not UTF-8, and text that is not UTF-8.
    for retype in ["CAST(details AS BLOB)", "X'FF'", "CAST(X'FF' AS TEXT)"] {
        let env = TestEnv::acme();
        env.as_(ADA, &["config", "set", "require-reason", "true"])
            .ok();
        let seq: i64 = env
            .sql1("SELECT seq FROM audit_log WHERE event = 'config.changed'")
            .parse()
            .unwrap();
        env.tamper(&format!(
            "UPDATE audit_log SET details = {retype} WHERE seq = {seq};"
        ));
        let stored = env.sql1(&format!(
            "SELECT typeof(details) FROM audit_log WHERE seq = {seq}"
        ));
        assert_eq!(
            stored,
            if retype.ends_with("TEXT)") {
                "text"
            } else {
                "blob"
            }
        );

        for run in [
            verify_all(&env),
            env.as_(OPERATOR, &["audit", "verify"]),
            env.as_(ADA, &["audit", "verify"]),
        ] {
            let stderr = run.stderr.clone();
            let v = broken(run);
            assert_eq!(v["first_bad_seq"], seq, "{retype}: {v}");
            assert_eq!(v["org"], "acme", "the row's own org: {retype}: {v}");
            let problem = v["problem"].as_str().unwrap_or_default();
            assert!(problem.contains("details"), "{retype}: {v}");
            assert!(stderr.contains(&format!("seq {seq}")), "{retype}: {stderr}");
        }
        // Without --format json the verdict is on stderr, with the same exit code.
        let run = env.run(&["--actor", ADA, "--org", "acme", "audit", "verify"]);
        assert_eq!(run.code, 6, "{retype}: {}{}", run.stdout, run.stderr);
        assert!(
            run.stderr.contains(&format!("seq {seq}")),
            "{retype}: {}",
            run.stderr
        );

        for format in ["csv", "jsonl"] {
            let run = env.run(&[
                "--actor", ADA, "--org", "acme", "--format", format, "audit", "export",
            ]);
            assert_ne!(run.code, 0, "{retype} {format}: {}", run.stdout);
            assert!(
                run.stderr.contains(&format!("seq {seq}")),
                "{retype} {format}: {}",
                run.stderr
            );
        }
        // An export to a file leaves no partial report.
        let out = env.dir.path().join("report.csv");
        let run = env.export_to(ADA, &out);
        assert_ne!(run.code, 0, "{retype}: {}", run.stdout);
        assert!(
            run.stderr.contains(&format!("seq {seq}")),
            "{retype}: {}",
            run.stderr
        );
        assert!(!out.exists(), "{retype}: a partial report was left");
    }
}

#[test]
fn verify_prints_the_head_of_every_chain_vendor_first() {
    let env = TestEnv::acme();
    env.run(&[
        "--actor", OPERATOR, "org", "create", "globex", "--name", "Globex",
    ])
    .ok();
    env.as_(ADA, &["--yes", "start", FAY]).ok();
    env.as_(ADA, &["stop"]).ok();

    let v = verify_all(&env).ok().json();
    env.assert_verified(&v, rows(&env, None), &["", "acme", "globex"]);
    let chains = v["chains"].as_array().unwrap();
    assert_eq!(chains.len(), 3);

    // An org's own verification prints its chain alone.
    let v = env.as_(ADA, &["audit", "verify"]).ok().json();
    env.assert_verified(&v, rows(&env, Some("acme")), &["acme"]);
    let v = env.as_(OPERATOR, &["audit", "verify"]).ok().json();
    env.assert_verified(&v, rows(&env, Some("acme")), &["acme"]);

    // The text output gives the same heads.
    let text = env
        .run(&["--actor", OPERATOR, "audit", "verify"])
        .ok()
        .stdout;
    for org in ["(vendor)", "acme", "globex"] {
        let head = env.sql(&format!(
            "SELECT seq, hash FROM audit_log WHERE org = '{}' ORDER BY seq DESC LIMIT 1",
            if org == "(vendor)" { "" } else { org }
        ));
        assert!(
            text.contains(&format!("{}:{}", head[0][0], head[0][1])),
            "{org}: {text}"
        );
    }
}

#[test]
fn a_test_clock_store_says_so() {
    let env = TestEnv::acme();
    let v = verify_all(&env).ok().json();
    assert_eq!(v["clock"], "test", "{v}");
    let text = env
        .run(&["--actor", OPERATOR, "audit", "verify"])
        .ok()
        .stdout;
    assert!(text.contains("test-clock"), "{text}");

    // A store on the real clock says "real", and its text nothing of a test clock.
    let real = TestEnv::new();
    let run = |args: &[&str]| {
        crate::support::to_run(
            real.cmd()
                .env_remove("ADMIN_PROXY_NOW")
                .args(args)
                .output()
                .unwrap(),
        )
    };
    run(&["operator", "add", OPERATOR, "--role", "program-architect"]).ok();
    let v = run(&["--actor", OPERATOR, "--format", "json", "audit", "verify"])
        .ok()
        .json();
    assert_eq!(v["clock"], "real", "{v}");
    assert_eq!(v["ok"], true, "{v}");
    let text = run(&["--actor", OPERATOR, "audit", "verify"]).ok().stdout;
    assert!(!text.contains("test-clock"), "{text}");
}

// ---------------------------------------------------------------------------------------------
// refusals on the record

/// Every table but the audit log.
fn data(env: &TestEnv) -> String {
    env.dump(&[
        "orgs",
        "operators",
        "users",
        "settings",
        "sessions",
        "notifications",
    ])
}

/// Runs `args` as `actor` (org `org`, JSON) expecting exit 3, and checks that exactly one
/// row was written: `access.denied` in `chain`, with the code, the actor as given, its role
/// and the command; and that nothing else changed.
#[track_caller]
fn refused(
    env: &TestEnv,
    actor: &str,
    org: &str,
    args: &[&str],
    command: &str,
    chain: &str,
    role: &str,
) {
    let before = data(env);
    let seq = max_seq(env);
    let mut full = vec!["--actor", actor, "--org", org, "--format", "json"];
    full.extend_from_slice(args);
    let run = env.run(&full).code(3);
    let code = run.error_code();
    assert!(!code.is_empty(), "{args:?}: {}", run.stderr);
    assert_eq!(data(env), before, "{args:?} changed the store");
    let written = env.sql(&format!(
        "SELECT org, event, outcome, reason, actor, actor_role, target, session_id, details
         FROM audit_log WHERE seq > {seq}"
    ));
    assert_eq!(written.len(), 1, "{args:?}: {written:?}");
    let row = &written[0];
    assert_eq!(
        row[..8],
        [chain, "access.denied", "denied", &code, actor, role, "", ""],
        "{args:?}"
    );
    let details: Value = serde_json::from_str(&row[8]).unwrap();
    assert_eq!(details, json!({ "command": command }), "{args:?}");
}

#[test]
fn every_refusal_writes_one_access_denied_row_and_nothing_else() {
    let env = TestEnv::acme();
    let session = env.as_(ADA, &["--yes", "start", FAY]).ok().json()["session_id"]
        .as_str()
        .unwrap()
        .to_string();
    env.as_(OPERATOR, &["config", "set", "super-admin-only", "on"])
        .ok();

    // A user may not make themself a super admin.
    refused(
        &env,
        FAY,
        "acme",
        &["grant", "super-admin", FAY],
        "grant super-admin",
        "acme",
        "user",
    );
    // super-admin-only is the operators' to change.
    refused(
        &env,
        HAL,
        "acme",
        &["config", "set", "super-admin-only", "off"],
        "config set",
        "acme",
        "hr_admin",
    );
    // HR admins do not export the audit log.
    refused(
        &env,
        HAL,
        "acme",
        &["audit", "export"],
        "audit export",
        "acme",
        "hr_admin",
    );
    // A user may not stop another's session; it runs on.
    refused(
        &env,
        FAY,
        "acme",
        &["stop", "--session", &session],
        "stop",
        "acme",
        "user",
    );
    assert_eq!(
        env.sql1(&format!(
            "SELECT count(*) FROM sessions WHERE id = '{session}'"
        )),
        "1"
    );
    assert_eq!(
        env.as_(ADA, &["status"]).ok().json()["session_id"],
        session.as_str()
    );
    // An actor nobody knows, in a known org: the org's chain, with the email as given.
    refused(
        &env,
        "Nobody@Acme.Test",
        "acme",
        &["users", "list"],
        "users list",
        "acme",
        "",
    );
    // In an org nobody knows: the vendor's chain.
    refused(
        &env,
        ADA,
        "nope",
        &["audit", "export"],
        "audit export",
        "",
        "",
    );

    // The store still verifies, the refusals chained in their orgs.
    let v = verify_all(&env).ok().json();
    env.assert_verified(&v, rows(&env, None), &["", "acme"]);
    let v = env.as_(ADA, &["audit", "verify"]).ok().json();
    env.assert_verified(&v, rows(&env, Some("acme")), &["acme"]);
    assert_eq!(env.audit_count("access.denied"), 6);
}

#[test]
fn argument_errors_write_nothing() {
    let env = TestEnv::acme();
    let before = env.snapshot();
    let run = env
        .as_(OPERATOR, &["config", "set", "session-timeout", "99h"])
        .code(2);
    assert_eq!(run.error_code(), "invalid_input", "{}", run.stderr);
    assert!(run.stderr.contains("session-timeout"), "{}", run.stderr);
    // Unknown keys and flags are arguments too.
    env.as_(OPERATOR, &["config", "set", "no-such-key", "1"])
        .code(2);
    env.as_(ADA, &["audit", "export", "--no-such-flag"]).code(2);
    assert_eq!(
        env.snapshot(),
        before,
        "an argument error wrote to the store"
    );
    let v = verify_all(&env).ok().json();
    env.assert_verified(&v, rows(&env, None), &["", "acme"]);
}

#[test]
fn arguments_are_checked_before_permission() {
    // SPEC §8: arguments (exit 2), then the actor and permission (exit 3). An HR admin's bad
    // value is an argument error, and an argument error writes nothing.
    let env = TestEnv::acme();
    let before = env.snapshot();
    env.as_(HAL, &["config", "set", "session-timeout", "99h"])
        .code(2);
    assert_eq!(
        env.snapshot(),
        before,
        "an argument error wrote to the store"
    );
}

#[test]
fn a_refused_start_is_impersonation_denied_only() {
    let env = TestEnv::acme();
    let before = data(&env);
    let seq = max_seq(&env);
    let run = env.as_(HAL, &["--yes", "start", HANA]).code(3);
    let code = run.error_code();
    assert_eq!(data(&env), before);
    let written = env.sql(&format!(
        "SELECT org, event, outcome, reason, actor, target FROM audit_log WHERE seq > {seq}"
    ));
    assert_eq!(
        written,
        vec![["acme", "impersonation.denied", "denied", &code, HAL, HANA]
            .map(String::from)
            .to_vec()],
    );
    assert_eq!(env.audit_count("access.denied"), 0);
    let v = verify_all(&env).ok().json();
    env.assert_verified(&v, rows(&env, None), &["", "acme"]);
}
