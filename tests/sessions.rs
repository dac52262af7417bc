//! Impersonation sessions through the CLI (SPEC §4, §5, issue 3): who may start one, its life
//! with `ADMIN_PROXY_NOW` moving time, stop, list, the revocation cascade, `act` and
//! notifications.
// Helpers below are not #[test] functions, where clippy.toml already allows these: a
// failed unwrap in a helper is a failed test, as intended.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;

use serde_json::Value;

use crate::support::acme::{ADA, DEX, FAY, HAL, HANA, NIA, OLA, SAM, ZOE};
use crate::support::{emails, write_file, TestEnv, OPERATOR};

const NOBODY: &str = "nobody@acme.test";

const ACME: [&str; 9] = [ADA, SAM, HAL, HANA, FAY, ZOE, OLA, NIA, DEX];

/// Starts a session with --yes and returns its id.
#[track_caller]
fn start(env: &TestEnv, actor: &str, target: &str) -> String {
    let v = env.as_(actor, &["--yes", "start", target]).ok().json();
    v["session_id"].as_str().expect("session_id").to_string()
}

/// Runs as `actor` in org acme with the table output (for people).
fn as_table(env: &TestEnv, actor: &str, args: &[&str]) -> crate::support::Run {
    let mut full = vec!["--actor", actor, "--org", "acme"];
    full.extend_from_slice(args);
    env.run(&full)
}

/// The last audit row of `event`: timestamp, outcome, reason, actor, target, session_id, details.
fn last_audit(env: &TestEnv, event: &str) -> Vec<String> {
    env.sql(&format!(
        "SELECT timestamp, outcome, reason, actor, target, session_id, details FROM audit_log
         WHERE event = '{event}' ORDER BY seq DESC LIMIT 1"
    ))
    .pop()
    .unwrap_or_else(|| panic!("no {event} row"))
}

/// `(end_reason, ended_at)` of a session in the store.
fn ending(env: &TestEnv, id: &str) -> (String, String) {
    let row = env.sql(&format!(
        "SELECT end_reason, ended_at FROM sessions WHERE id = '{id}'"
    ));
    (row[0][0].clone(), row[0][1].clone())
}

#[test]
fn a_session_lives_warns_and_expires_with_the_clock() {
    let mut env = TestEnv::acme();
    let started = env
        .as_(HAL, &["--yes", "start", FAY, "--reason", "ticket 42"])
        .ok()
        .json();
    let id = started["session_id"].as_str().unwrap().to_string();
    assert_eq!(started["org"], "acme");
    assert_eq!(started["actor"], HAL);
    assert_eq!(started["target"], FAY);
    assert_eq!(started["reason"], "ticket 42");
    assert_eq!(started["started_at"], "2026-06-01T12:00:00.000Z");
    assert_eq!(started["expires_at"], "2026-06-01T13:00:00.000Z");
    assert_eq!(env.audit_count("impersonation.started"), 1);

    env.at("2026-06-01T12:30:00Z");
    let s = env.as_(HAL, &["status"]).ok().json();
    assert_eq!(s["active"], true);
    assert_eq!(s["session_id"], id.as_str());
    assert_eq!(s["target"], FAY);
    assert_eq!(s["target_name"], "Fay Finance");
    assert_eq!(s["started_at"], "2026-06-01T12:00:00.000Z");
    assert_eq!(s["expires_at"], "2026-06-01T13:00:00.000Z");
    assert_eq!(s["remaining_seconds"], 1800);
    assert_eq!(s["expiring_soon"], false);
    let banner = as_table(&env, HAL, &["status"]).ok().stdout;
    assert!(
        banner.contains("Fay Finance") && banner.contains(FAY),
        "{banner}"
    );
    assert!(!banner.to_lowercase().contains("warning"), "{banner}");

    env.at("2026-06-01T12:56:00Z");
    let s = env.as_(HAL, &["status"]).ok().json();
    assert_eq!(s["remaining_seconds"], 240);
    assert_eq!(s["expiring_soon"], true);
    let banner = as_table(&env, HAL, &["status"]).ok().stdout;
    assert!(banner.to_lowercase().contains("warning"), "{banner}");

    // Exactly at expires_at the session is over; the expiry is dated when it happened.
    env.at("2026-06-01T13:00:00Z");
    let s = env.as_(HAL, &["status"]).ok().json();
    assert_eq!(s["active"], false);
    assert!(s.get("remaining_seconds").is_none(), "{s}");
    assert_eq!(env.audit_count("impersonation.expired"), 1);
    let row = last_audit(&env, "impersonation.expired");
    assert_eq!(row[0], "2026-06-01T13:00:00.000Z");
    assert_eq!(
        (row[2].as_str(), row[3].as_str(), row[4].as_str()),
        ("expired", HAL, FAY)
    );
    assert_eq!(row[5], id);
    assert_eq!(
        ending(&env, &id),
        (
            "expired".to_string(),
            "2026-06-01T13:00:00.000Z".to_string()
        )
    );
    env.as_(HAL, &["stop"]).code(5);

    // Noticed late: two sessions overdue for a while are ended by the sweep, dated at their
    // expires_at; a second sweep finds nothing.
    env.at("2026-06-01T13:05:00Z");
    let a = start(&env, ADA, ZOE);
    env.at("2026-06-01T13:07:30Z");
    let h = start(&env, HANA, OLA);
    env.at("2026-06-01T18:00:00Z");
    let swept = env.as_(ADA, &["sessions", "sweep"]).ok().json();
    assert_eq!(swept, serde_json::json!({"expired": 2}));
    assert_eq!(ending(&env, &a).1, "2026-06-01T14:05:00.000Z");
    assert_eq!(ending(&env, &h).1, "2026-06-01T14:07:30.000Z");
    let stamps = env.sql(
        "SELECT timestamp FROM audit_log WHERE event = 'impersonation.expired' ORDER BY timestamp",
    );
    let stamps: Vec<&str> = stamps.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        stamps,
        [
            "2026-06-01T13:00:00.000Z",
            "2026-06-01T14:05:00.000Z",
            "2026-06-01T14:07:30.000Z"
        ]
    );
    let again = env.as_(ADA, &["sessions", "sweep"]).ok().json();
    assert_eq!(again["expired"], 0);
    // An operator sweeps every org when no --org is given.
    let op = env
        .run(&["--actor", OPERATOR, "--format", "json", "sessions", "sweep"])
        .ok()
        .json();
    assert_eq!(op["expired"], 0);
    assert_eq!(env.audit_count("impersonation.expired"), 3);
}

#[test]
fn a_changed_timeout_applies_to_later_sessions_only() {
    let mut env = TestEnv::acme();
    let before = start(&env, HAL, FAY);
    env.at("2026-06-01T12:10:00Z");
    env.as_(OPERATOR, &["config", "set", "session-timeout", "90m"])
        .ok();
    env.as_(HAL, &["config", "get", "session-timeout"]).ok();
    let after = env.as_(ADA, &["--yes", "start", ZOE]).ok().json();
    assert_eq!(after["expires_at"], "2026-06-01T13:40:00.000Z");
    let s = env.as_(HAL, &["status"]).ok().json();
    assert_eq!(
        s["expires_at"], "2026-06-01T13:00:00.000Z",
        "the running session keeps its end"
    );

    env.at("2026-06-01T13:00:00Z");
    assert_eq!(env.as_(HAL, &["status"]).ok().json()["active"], false);
    assert_eq!(ending(&env, &before).0, "expired");
    let s = env.as_(ADA, &["status"]).ok().json();
    assert_eq!(s["active"], true);
    assert_eq!(s["remaining_seconds"], 2400);
    env.at("2026-06-01T13:40:00Z");
    assert_eq!(env.as_(ADA, &["status"]).ok().json()["active"], false);
}

#[test]
fn start_without_yes_and_without_a_terminal_exits_2_unaudited() {
    let env = TestEnv::acme();
    let before = env.snapshot();
    let run = env.as_(HAL, &["start", FAY]).code(2);
    assert!(!run.stderr.is_empty());
    assert_eq!(
        env.snapshot(),
        before,
        "a refusal for want of a terminal changes nothing"
    );
    assert_eq!(env.audit_count("impersonation.denied"), 0);
    // The policy comes first: a denied start is exit 3 and audited even without --yes.
    assert_eq!(
        env.as_(HAL, &["start", OLA]).code(3).error_code(),
        "out_of_scope"
    );
    assert_eq!(env.audit_count("impersonation.denied"), 1);
    assert_eq!(env.sql1("SELECT count(*) FROM sessions"), "0");
}

#[test]
fn every_denial_exits_3_prints_its_code_and_is_audited() {
    let env = TestEnv::acme();
    // A second org, whose users do not exist in acme.
    env.run(&[
        "--actor",
        OPERATOR,
        "org",
        "create",
        "northwind",
        "--name",
        "Northwind",
    ])
    .ok();
    let northwind = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/northwind.csv");
    env.run(&[
        "--actor",
        OPERATOR,
        "--org",
        "northwind",
        "users",
        "import",
        northwind.to_str().unwrap(),
    ])
    .ok();

    let mut denied = 0;
    let mut check = |env: &TestEnv, actor: &str, target: &str, extra: &[&str], code: &str| {
        let mut args = vec!["--yes", "start", target];
        args.extend_from_slice(extra);
        let run = env.as_(actor, &args).code(3);
        assert_eq!(run.error_code(), code, "{actor} -> {target}");
        denied += 1;
        assert_eq!(
            env.audit_count("impersonation.denied"),
            denied,
            "{actor} -> {target}"
        );
        let row = last_audit(env, "impersonation.denied");
        assert_eq!(row[1], "denied", "{actor} -> {target}");
        assert_eq!(row[2], code, "{actor} -> {target}");
        assert_eq!((row[3].as_str(), row[4].as_str()), (actor, target));
        // The table output names the code too.
        let mut args = vec!["--actor", actor, "--org", "acme", "--yes", "start", target];
        args.extend_from_slice(extra);
        let run = env.run(&args).code(3);
        assert!(run.stderr.contains(code), "{}", run.stderr);
        denied += 1;
    };

    check(&env, NOBODY, FAY, &[], "actor_unknown");
    check(&env, OPERATOR, FAY, &[], "actor_unknown");
    check(&env, DEX, FAY, &[], "actor_unknown");
    check(&env, FAY, ZOE, &[], "not_admin");
    check(&env, FAY, FAY, &[], "not_admin");
    check(&env, ADA, NOBODY, &[], "target_not_found");
    check(
        &env,
        ADA,
        "lukas.becker@northwind.example",
        &[],
        "target_not_found",
    );
    check(&env, ADA, ADA, &[], "self");
    check(&env, ADA, DEX, &[], "target_inactive");
    check(&env, ADA, NIA, &[], "never_logged_in");
    check(&env, HAL, ADA, &[], "above_actor");
    check(&env, HANA, SAM, &[], "above_actor");
    check(&env, HAL, HANA, &[], "peer_hr_admin");
    check(&env, HANA, HAL, &[], "peer_hr_admin");
    check(&env, HAL, OLA, &[], "out_of_scope");

    env.as_(OPERATOR, &["config", "set", "super-admin-only", "on"])
        .ok();
    check(&env, HAL, FAY, &[], "super_admin_only");
    check(&env, HANA, OLA, &[], "super_admin_only");
    env.as_(OPERATOR, &["config", "set", "super-admin-only", "off"])
        .ok();

    env.as_(ADA, &["config", "set", "require-reason", "on"])
        .ok();
    check(&env, HAL, FAY, &[], "reason_required");
    check(&env, HAL, FAY, &["--reason", "   "], "reason_required");
    let id = env
        .as_(HAL, &["--yes", "start", FAY, "--reason", "ticket 7"])
        .ok()
        .json();
    assert_eq!(id["reason"], "ticket 7");
    assert_eq!(last_audit(&env, "impersonation.started")[2], "ticket 7");

    check(&env, HAL, ZOE, &["--reason", "another"], "session_active");
    check(&env, HAL, FAY, &["--reason", "again"], "session_active");
    assert_eq!(env.sql1("SELECT count(*) FROM sessions"), "1");
}

#[test]
fn list_users_agrees_with_start_for_every_actor_and_target() {
    let env = TestEnv::acme();
    let actors: Vec<&str> = ACME.iter().copied().chain([OPERATOR, NOBODY]).collect();
    let targets: Vec<&str> = ACME.iter().copied().chain([NOBODY]).collect();
    let mut allowed_pairs = 0;
    for actor in &actors {
        let list = env.as_(actor, &["list", "users"]);
        let listed: Option<BTreeSet<String>> = match list.code {
            0 => Some(emails(&list.json()).into_iter().collect()),
            3 => None,
            other => panic!("list users as {actor}: exit {other}: {}", list.stderr),
        };
        let list_code = if listed.is_none() {
            list.error_code()
        } else {
            String::new()
        };
        for target in &targets {
            let run = env.as_(actor, &["--yes", "start", target]);
            match &listed {
                Some(set) if set.contains(*target) => {
                    assert_eq!(
                        run.code, 0,
                        "{actor} lists {target} but start said {}",
                        run.stderr
                    );
                    env.as_(actor, &["stop"]).ok();
                    allowed_pairs += 1;
                }
                Some(_) => {
                    assert_eq!(
                        run.code, 3,
                        "{actor} does not list {target} but start said {}",
                        run.stdout
                    );
                }
                None => {
                    // list users refused with checks 1-3: start is denied with the same code.
                    assert_eq!(run.code, 3, "{actor} -> {target}: {}", run.stdout);
                    assert_eq!(run.error_code(), list_code, "{actor} -> {target}");
                }
            }
        }
    }
    // ada and sam: 6 each; hal: fay, zoe; hana: fay, zoe, ola.
    assert_eq!(allowed_pairs, 6 + 6 + 2 + 3);
    assert_eq!(env.audit_count("impersonation.started"), allowed_pairs);
    assert_eq!(env.audit_count("impersonation.stopped"), allowed_pairs);
}

#[test]
fn list_users_searches_in_every_script_and_limits() {
    let env = TestEnv::acme();
    let all = env.as_(ADA, &["list", "users"]).ok().json();
    let names: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Fay Finance",
            "Hal Hr",
            "Hana Whole",
            "Ola Ops",
            "Sam Super",
            "Zoë Quintero"
        ],
        "sorted by name"
    );
    for field in ["email", "name", "role", "groups"] {
        assert!(all[0].get(field).is_some(), "{field} in {}", all[0]);
    }
    assert_eq!(
        env.as_(ADA, &["list"]).ok().json(),
        all,
        "`list` alone is `list users`"
    );

    for needle in ["ZOË", "zoë", "QUINTERO", "Zoe@ACME"] {
        let found = env
            .as_(ADA, &["list", "users", "--search", needle])
            .ok()
            .json();
        assert_eq!(emails(&found), [ZOE], "{needle}");
        assert_eq!(found[0]["name"], "Zoë Quintero");
    }
    let hal_zoe = env.as_(HAL, &["list", "--search", "ZOË"]).ok().json();
    assert_eq!(emails(&hal_zoe), [ZOE]);
    // A search never widens what the actor may see.
    let hal_ola = env
        .as_(HAL, &["list", "users", "--search", "ola"])
        .ok()
        .json();
    assert_eq!(hal_ola, serde_json::json!([]));
    let limited = env.as_(ADA, &["list", "users", "--limit", "2"]).ok().json();
    assert_eq!(emails(&limited), [FAY, HAL]);
    let limited = env
        .as_(ADA, &["list", "users", "--search", "a", "--limit", "1"])
        .ok()
        .json();
    assert_eq!(emails(&limited).len(), 1);
    env.as_(ADA, &["list", "users", "--limit", "0"]).code(2);

    // Checks 1-3 refuse the list with their code.
    assert_eq!(
        env.as_(FAY, &["list", "users"]).code(3).error_code(),
        "not_admin"
    );
    assert_eq!(
        env.as_(OPERATOR, &["list", "users"]).code(3).error_code(),
        "actor_unknown"
    );
    assert_eq!(
        env.as_(NOBODY, &["list", "users"]).code(3).error_code(),
        "actor_unknown"
    );
    env.as_(OPERATOR, &["config", "set", "super-admin-only", "on"])
        .ok();
    assert_eq!(
        env.as_(HANA, &["list", "users"]).code(3).error_code(),
        "super_admin_only"
    );
    assert_eq!(env.as_(ADA, &["list", "users"]).ok().json(), all);
}

#[test]
fn several_admins_may_impersonate_the_same_user_at_once() {
    let env = TestEnv::acme();
    let fay_row = env.sql("SELECT * FROM users WHERE email = 'fay@acme.test'");
    let ids = [
        start(&env, ADA, FAY),
        start(&env, HANA, FAY),
        start(&env, HAL, FAY),
    ];
    assert_eq!(ids.iter().collect::<BTreeSet<_>>().len(), 3, "distinct ids");
    let active = env.as_(ADA, &["list", "sessions", "--active"]).ok().json();
    assert_eq!(active.as_array().unwrap().len(), 3);
    env.as_(HANA, &["stop"]).ok();
    for (actor, active) in [(ADA, true), (HANA, false), (HAL, true)] {
        assert_eq!(
            env.as_(actor, &["status"]).ok().json()["active"],
            active,
            "{actor}"
        );
    }
    assert_eq!(
        env.sql("SELECT * FROM users WHERE email = 'fay@acme.test'"),
        fay_row,
        "the user's own record is never touched"
    );

    // One active session per actor: five simultaneous starts by sam have one winner.
    let children: Vec<_> = [FAY, ZOE, OLA, HAL, HANA]
        .iter()
        .map(|target| {
            env.cmd()
                .args([
                    "--actor", SAM, "--org", "acme", "--format", "json", "--yes", "start", target,
                ])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let runs: Vec<_> = children
        .into_iter()
        .map(|c| crate::support::to_run(c.wait_with_output().unwrap()))
        .collect();
    assert_eq!(runs.iter().filter(|r| r.code == 0).count(), 1, "{runs:?}");
    for lost in runs.iter().filter(|r| r.code != 0) {
        assert_eq!(
            (lost.code, lost.error_code().as_str()),
            (3, "session_active"),
            "{lost:?}"
        );
    }
    assert_eq!(
        env.sql1(
            "SELECT count(*) FROM sessions s JOIN users u ON u.id = s.actor_id
                  WHERE u.email = 'sam@acme.test' AND s.ended_at IS NULL"
        ),
        "1"
    );
    assert_eq!(
        env.sql1(
            "SELECT count(*) FROM audit_log WHERE event = 'impersonation.denied'
                  AND actor = 'sam@acme.test' AND reason = 'session_active'"
        ),
        "4"
    );
}

#[test]
fn stop_ends_own_sessions_and_others_only_with_the_right() {
    let env = TestEnv::acme();
    assert_eq!(
        env.as_(HAL, &["stop"]).code(5).error_code(),
        "no_active_session"
    );
    assert_eq!(
        env.as_(FAY, &["stop"]).code(5).error_code(),
        "no_active_session"
    );

    // Plain stop.
    let id = start(&env, HAL, FAY);
    check_stop(&env, &id, HAL, &["stop"], HAL);

    // By id: its actor, a super admin of the org, an operator.
    for by in [HAL, ADA, OPERATOR] {
        let id = start(&env, HAL, FAY);
        check_stop(&env, &id, by, &["stop", "--session", &id], HAL);
    }

    // Another HR admin or a plain user may not; the session runs on.
    let id = start(&env, HAL, FAY);
    for by in [HANA, FAY, ZOE] {
        env.as_(by, &["stop", "--session", &id]).code(3);
    }
    assert_eq!(
        env.as_(HAL, &["status"]).ok().json()["session_id"],
        id.as_str()
    );
    assert_eq!(
        env.as_(ADA, &["stop", "--session", "s_0000000000000000"])
            .code(4)
            .error_code(),
        "not_found"
    );
    assert_eq!(
        env.as_(OPERATOR, &["stop", "--session", "nope"])
            .code(4)
            .error_code(),
        "not_found"
    );
    env.as_(HAL, &["stop"]).ok();
    // An ended session cannot be stopped again.
    env.as_(ADA, &["stop", "--session", &id]).code(5);
    assert_eq!(env.audit_count("impersonation.stopped"), 5);
}

/// Runs a stop as `by` and checks the answer, the session and the audit row.
#[track_caller]
fn check_stop(env: &TestEnv, id: &str, by: &str, args: &[&str], actor: &str) {
    let out = env.as_(by, args).ok().json();
    assert_eq!(out["session_id"], id, "{by}");
    assert_eq!(out["end_reason"], "stopped");
    assert_eq!(out["ended_at"], "2026-06-01T12:00:00.000Z");
    assert_eq!(ending(env, id).0, "stopped");
    let row = last_audit(env, "impersonation.stopped");
    assert_eq!(
        (row[2].as_str(), row[3].as_str(), row[5].as_str()),
        ("stopped", by, id)
    );
    if by != actor {
        let details: Value = serde_json::from_str(&row[6]).unwrap();
        assert_eq!(details["impersonator"], actor, "{details}");
    }
    assert_eq!(env.as_(actor, &["status"]).ok().json()["active"], false);
}

#[test]
fn list_sessions_shows_how_each_ended_to_those_allowed() {
    let mut env = TestEnv::acme();
    let h = start(&env, HAL, FAY);
    let a = start(&env, ADA, ZOE);
    env.as_(ADA, &["stop"]).ok();
    env.at("2026-06-01T12:01:00Z");
    let n = start(&env, HANA, OLA);

    let all = env.as_(ADA, &["list", "sessions"]).ok().json();
    let rows = all.as_array().unwrap();
    assert_eq!(rows.len(), 3);
    for field in [
        "session_id",
        "actor",
        "target",
        "started_at",
        "expires_at",
        "ended_at",
        "end_reason",
    ] {
        assert!(rows[0].get(field).is_some(), "{field} in {}", rows[0]);
    }
    let by_id = |id: &str| rows.iter().find(|r| r["session_id"] == id).unwrap().clone();
    assert_eq!(by_id(&a)["end_reason"], "stopped");
    assert_eq!(by_id(&a)["ended_at"], "2026-06-01T12:00:00.000Z");
    assert_eq!(by_id(&h)["end_reason"], Value::Null);
    assert_eq!(by_id(&n)["actor"], HANA);
    assert_eq!(env.as_(OPERATOR, &["list", "sessions"]).ok().json(), all);
    assert_eq!(env.as_(SAM, &["list", "sessions"]).ok().json(), all);

    // HR admins and users see their own only.
    let own = |actor: &str| -> Vec<String> {
        env.as_(actor, &["list", "sessions"])
            .ok()
            .json()
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["session_id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(own(HAL), std::slice::from_ref(&h));
    assert_eq!(own(HANA), std::slice::from_ref(&n));
    assert!(own(FAY).is_empty(), "a user is nobody's impersonator");

    let active: Vec<String> = env
        .as_(ADA, &["list", "sessions", "--active"])
        .ok()
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["session_id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        active.into_iter().collect::<BTreeSet<_>>(),
        BTreeSet::from([h.clone(), n])
    );
    let table = as_table(&env, ADA, &["list", "sessions"]).ok().stdout;
    assert!(
        table.contains("stopped") && table.contains(&h) && table.contains("END REASON"),
        "{table}"
    );
    // As CSV, the table's columns under the JSON field names; an active session has no end.
    let csv = env
        .run(&[
            "--actor", ADA, "--org", "acme", "--format", "csv", "list", "sessions",
        ])
        .ok()
        .stdout;
    assert!(
        csv.starts_with("session_id,actor,target,started_at,expires_at,ended_at,end_reason\n"),
        "{csv}"
    );
    assert!(
        csv.lines().any(|l| l.starts_with(&h) && l.ends_with(",,")),
        "{csv}"
    );

    // Housekeeping is for operators and super admins.
    env.as_(HAL, &["sessions", "sweep"]).code(3);
    env.as_(FAY, &["sessions", "sweep"]).code(3);
    env.as_(HAL, &["notifications", "drain"]).code(3);
    env.as_(SAM, &["notifications", "drain"]).ok();
}

/// The revoked session's row, its audit row, and that `others` still run.
#[track_caller]
fn assert_revoked(env: &TestEnv, id: &str, cause: &str, others: &[&str]) {
    assert_eq!(ending(env, id), ("revoked".to_string(), now_millis(env)));
    let row = env
        .sql(&format!(
            "SELECT timestamp, reason, outcome FROM audit_log
             WHERE event = 'impersonation.revoked' AND session_id = '{id}'"
        ))
        .pop()
        .unwrap_or_else(|| panic!("no impersonation.revoked for {id}"));
    assert_eq!(row, [now_millis(env), cause.to_string(), "ok".to_string()]);
    let listed = env.as_(OPERATOR, &["list", "sessions"]).ok().json();
    let mine = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["session_id"] == id)
        .unwrap();
    assert_eq!(mine["end_reason"], "revoked");
    for other in others {
        assert_eq!(
            env.sql1(&format!(
                "SELECT CASE WHEN ended_at IS NULL THEN 1 ELSE 0 END FROM sessions WHERE id = '{other}'"
            )),
            "1",
            "{other} still runs"
        );
    }
}

/// The clock of later runs as the store writes it (`...T12:00:00.000Z`).
fn now_millis(env: &TestEnv) -> String {
    env.now.replace(":00Z", ":00.000Z")
}

#[test]
fn cascade_role_revoked_and_lowered() {
    let mut env = TestEnv::acme();
    let hal = start(&env, HAL, FAY);
    let ada = start(&env, ADA, ZOE);
    let sam = start(&env, SAM, HANA);
    env.at("2026-06-01T12:05:00Z");
    env.as_(ADA, &["revoke", HAL]).ok();
    assert_revoked(&env, &hal, "role_revoked", &[&ada, &sam]);
    assert_eq!(env.audit_count("impersonation.revoked"), 1);
    // The row names the role Hal impersonated with, not the one he was left with.
    assert_eq!(
        env.sql1(&format!(
            "SELECT actor_role FROM audit_log WHERE event = 'impersonation.revoked' AND session_id = '{hal}'"
        )),
        "hr_admin"
    );

    // A grant that lowers a super admin to HR admin ends their session on an HR admin.
    env.at("2026-06-01T12:10:00Z");
    env.as_(OPERATOR, &["grant", "hr-admin", SAM, "--all-groups"])
        .ok();
    assert_revoked(&env, &sam, "role_revoked", &[&ada]);
    assert_eq!(env.audit_count("impersonation.revoked"), 2);
    env.as_(HAL, &["status"]).ok();
    assert_eq!(env.as_(SAM, &["status"]).ok().json()["active"], false);
}

#[test]
fn cascade_scope_narrowed() {
    let mut env = TestEnv::acme();
    let hana = start(&env, HANA, OLA);
    let hal = start(&env, HAL, ZOE);
    env.at("2026-06-01T12:20:00Z");
    // hal keeps London, where zoe is; hana loses Operations, where ola is.
    env.as_(ADA, &["grant", "hr-admin", HAL, "--scope", "London"])
        .ok();
    assert_eq!(
        env.audit_count("impersonation.revoked"),
        0,
        "zoe is still in hal's scope"
    );
    env.as_(ADA, &["grant", "hr-admin", HANA, "--scope", "Finance"])
        .ok();
    assert_revoked(&env, &hana, "scope_narrowed", &[&hal]);
    assert_eq!(env.audit_count("impersonation.revoked"), 1);

    // Regression: the target leaves the scope in an import that also empties their first
    // login. A lost first login alone does not end a session, but must not hide the scope.
    env.at("2026-06-01T12:25:00Z");
    let moved = write_file(
        &env,
        "zoe.csv",
        "email,name,groups,first_login_at\nzoe@acme.test,Zoë Quintero,Operations,\n",
    );
    env.as_(ADA, &["users", "import", &moved]).ok();
    assert_revoked(&env, &hal, "scope_narrowed", &[]);
}

#[test]
fn cascade_user_deactivated_by_import_either_side() {
    let mut env = TestEnv::acme();
    let hal = start(&env, HAL, FAY);
    let ada = start(&env, ADA, ZOE);
    let hana = start(&env, HANA, OLA);

    env.at("2026-06-01T12:15:00Z");
    let actor_gone = write_file(
        &env,
        "hal.csv",
        "email,name,status\nhal@acme.test,Hal Hr,deactivated\n",
    );
    env.as_(OPERATOR, &["users", "import", &actor_gone]).ok();
    assert_revoked(&env, &hal, "user_deactivated", &[&ada, &hana]);

    env.at("2026-06-01T12:16:00Z");
    let target_gone = write_file(
        &env,
        "zoe.csv",
        "email,name,status\nzoe@acme.test,Zoë Quintero,deactivated\n",
    );
    env.as_(ADA, &["users", "import", &target_gone]).ok();
    assert_revoked(&env, &ada, "user_deactivated", &[&hana]);
    assert_eq!(env.audit_count("impersonation.revoked"), 2);
    // The deactivated actor is no actor any more.
    assert_eq!(
        env.as_(HAL, &["status"]).code(3).error_code(),
        "actor_unknown"
    );
}

#[test]
fn cascade_super_admin_only() {
    let mut env = TestEnv::acme();
    let hal = start(&env, HAL, FAY);
    let hana = start(&env, HANA, OLA);
    let ada = start(&env, ADA, HANA);
    env.at("2026-06-01T12:30:00Z");
    let out = env
        .as_(OPERATOR, &["config", "set", "super-admin-only", "on"])
        .ok()
        .json();
    assert_eq!(out["sessions_revoked"], 2);
    assert_revoked(&env, &hal, "super_admin_only", &[&ada]);
    assert_revoked(&env, &hana, "super_admin_only", &[&ada]);
    let rows = env.sql(
        "SELECT actor, details FROM audit_log WHERE event = 'impersonation.revoked' ORDER BY seq",
    );
    assert_eq!(rows.len(), 2);
    for row in rows {
        let details: Value = serde_json::from_str(&row[1]).unwrap();
        assert_eq!(details["by"], OPERATOR, "{details}");
    }
}

#[test]
fn act_answers_for_the_effective_and_real_user() {
    let env = TestEnv::acme();
    assert_eq!(
        env.as_(HAL, &["act", "report.generate"])
            .code(5)
            .error_code(),
        "no_active_session"
    );
    let id = start(&env, HAL, FAY);

    let out = env
        .as_(
            HAL,
            &[
                "act",
                "report.generate",
                "--detail",
                r#"{"report":"payslips"}"#,
            ],
        )
        .ok()
        .json();
    assert_eq!(out["session_id"], id.as_str());
    assert_eq!(out["action"], "report.generate");
    assert_eq!(out["effective_user"], FAY);
    assert_eq!(out["real_user"], HAL);
    assert_eq!(
        out["deliver_to"], FAY,
        "reports go to the impersonated user"
    );
    let row = last_audit(&env, "impersonation.action");
    assert_eq!(
        (row[3].as_str(), row[4].as_str(), row[5].as_str()),
        (HAL, FAY, id.as_str())
    );
    let details: Value = serde_json::from_str(&row[6]).unwrap();
    assert_eq!(details["action"], "report.generate");
    assert_eq!(details["detail"]["report"], "payslips");

    let out = env.as_(HAL, &["act", "profile.view"]).ok().json();
    assert!(out.get("deliver_to").is_none(), "{out}");

    // Action names have one spelling: another case is the same action.
    let out = env.as_(HAL, &["act", "Report.Generate"]).ok().json();
    assert_eq!(
        (&out["action"], &out["deliver_to"]),
        (&"report.generate".into(), &FAY.into())
    );

    for personal in [
        "privacy.accept",
        "guide.dismiss",
        "Privacy.Accept",
        "GUIDE.DISMISS",
    ] {
        let denied_before = env.audit_count("impersonation.denied");
        assert_eq!(
            env.as_(HAL, &["act", personal]).code(3).error_code(),
            "personal_action"
        );
        assert_eq!(env.audit_count("impersonation.denied"), denied_before + 1);
        let row = last_audit(&env, "impersonation.denied");
        assert_eq!(
            &row[1..6],
            ["denied", "personal_action", HAL, FAY, id.as_str()]
        );
    }
    assert_eq!(env.audit_count("impersonation.action"), 3);

    let before = env.snapshot();
    for bad in ["[1]", "\"text\"", "42", "null", "{not json"] {
        env.as_(HAL, &["act", "profile.update", "--detail", bad])
            .code(2);
    }
    assert_eq!(env.snapshot(), before, "a bad --detail changes nothing");
    env.as_(HAL, &["stop"]).ok();
    assert_eq!(
        env.as_(HAL, &["act", "report.generate"])
            .code(5)
            .error_code(),
        "no_active_session"
    );
}

#[test]
fn changes_queue_one_notification_drained_once() {
    let env = TestEnv::acme();
    let id = start(&env, HAL, FAY);
    env.as_(HAL, &["act", "profile.view"]).ok();
    assert_eq!(
        env.sql1("SELECT count(*) FROM notifications"),
        "0",
        "no change, no notice"
    );
    let first = env
        .as_(HAL, &["act", "profile.update", "--change"])
        .ok()
        .json();
    assert_eq!(first["notification_changes"], 1);
    let second = env
        .as_(HAL, &["act", "phone.update", "--change"])
        .ok()
        .json();
    assert_eq!(second["notification_changes"], 2);
    assert_eq!(
        env.sql("SELECT recipient, changes FROM notifications"),
        [[FAY, "2"]]
    );
    assert_eq!(env.audit_count("notification.queued"), 1);

    let drained = env
        .run(&["--actor", ADA, "--org", "acme", "notifications", "drain"])
        .ok();
    let lines: Vec<Value> = drained
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1, "{}", drained.stdout);
    let n = &lines[0];
    assert_eq!(n["to"], FAY);
    assert_eq!(n["session_id"], id.as_str());
    assert_eq!(n["changes"], 2);
    assert!(!n["subject"].as_str().unwrap().is_empty());
    assert!(n["body"].as_str().unwrap().contains(HAL), "{n}");
    assert_eq!(env.audit_count("notification.delivered"), 1);
    let row = last_audit(&env, "notification.delivered");
    assert_eq!((row[4].as_str(), row[5].as_str()), (FAY, id.as_str()));

    // Nothing pending: the second drain prints nothing (in any format).
    assert_eq!(env.as_(ADA, &["notifications", "drain"]).ok().stdout, "");
    assert_eq!(
        env.run(&["--actor", OPERATOR, "notifications", "drain"])
            .ok()
            .stdout,
        ""
    );
    assert_eq!(env.audit_count("notification.delivered"), 1);

    // A change after the drain is a new notice of the same session, told apart by its id.
    env.as_(HAL, &["act", "address.update", "--change"]).ok();
    let again = env.as_(ADA, &["notifications", "drain"]).ok().stdout;
    let again: Value = serde_json::from_str(again.trim()).unwrap();
    assert_eq!(again["session_id"], id.as_str());
    assert_eq!(again["changes"], 1);
    assert_ne!(again["id"], n["id"]);
    assert_eq!(env.audit_count("notification.delivered"), 2);
}

#[test]
fn no_notification_when_notifications_are_off() {
    let env = TestEnv::acme();
    env.as_(
        ADA,
        &["config", "set", "impersonation-notifications", "off"],
    )
    .ok();
    start(&env, HAL, FAY);
    let out = env
        .as_(HAL, &["act", "profile.update", "--change"])
        .ok()
        .json();
    assert!(out.get("notification_changes").is_none(), "{out}");
    assert_eq!(out["change"], true);
    assert_eq!(env.sql1("SELECT count(*) FROM notifications"), "0");
    assert_eq!(env.audit_count("notification.queued"), 0);
    assert_eq!(env.as_(ADA, &["notifications", "drain"]).ok().stdout, "");
    assert_eq!(
        env.audit_count("impersonation.action"),
        1,
        "the action itself is recorded"
    );
}

#[test]
fn operators_have_no_sessions_and_users_no_housekeeping() {
    let env = TestEnv::acme();
    for args in [
        &["status"][..],
        &["stop"][..],
        &["act", "report.generate"][..],
        &["list", "users"][..],
        &["--yes", "start", FAY][..],
    ] {
        let run = env.as_(OPERATOR, args).code(3);
        assert_eq!(run.error_code(), "actor_unknown", "{args:?}");
    }
    for args in [&["notifications", "drain"][..], &["sessions", "sweep"][..]] {
        for actor in [FAY, HAL] {
            assert_eq!(
                env.as_(actor, args).code(3).error_code(),
                "forbidden",
                "{actor} {args:?}"
            );
        }
    }
}

#[test]
fn a_drain_whose_reader_goes_away_fails_and_marks_nothing() {
    use std::process::Stdio;
    let env = TestEnv::acme();
    start(&env, HAL, FAY);
    env.as_(HAL, &["act", "profile.update", "--change"]).ok();
    // The reader is gone before the drain starts: its stdout is a pipe with no reader.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = env
        .cmd()
        .args(["--actor", ADA, "--org", "acme", "notifications", "drain"])
        .stdout(Stdio::from(writer))
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("none were marked delivered"));
    assert_eq!(
        env.sql1("SELECT count(*) FROM notifications WHERE delivered_at IS NULL"),
        "1"
    );
    assert_eq!(env.audit_count("notification.delivered"), 0);
    // The next drain sends it.
    let again = env.as_(ADA, &["notifications", "drain"]).ok();
    assert_eq!(again.stdout.lines().count(), 1);
}

/// Runs `args` on a pseudo-terminal (util-linux `script`), answering the prompt with `answer`.
fn on_a_terminal(env: &TestEnv, args: &[&str], answer: &str) -> crate::support::Run {
    use std::io::Write;
    let bin = assert_cmd::cargo::cargo_bin("admin-proxy");
    let mut line = format!("'{}' --db '{}'", bin.display(), env.store_name());
    for a in args {
        line.push_str(&format!(" '{a}'"));
    }
    let mut child = std::process::Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .env("ADMIN_PROXY_NOW", &env.now)
        .env_remove("ADMIN_PROXY_ACTOR")
        .env_remove("ADMIN_PROXY_ORG")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("util-linux script, to give the prompt a terminal");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{answer}\n").as_bytes())
        .unwrap();
    crate::support::to_run(child.wait_with_output().unwrap())
}

#[test]
fn start_asks_on_a_terminal_and_only_yes_starts() {
    let env = TestEnv::acme();
    let args = ["--actor", HAL, "--org", "acme", "start", FAY];
    let no = on_a_terminal(&env, &args, "n");
    assert_eq!(no.code, 2, "{}", no.stdout);
    assert!(
        no.stdout.contains(
            "Impersonate Fay Finance <fay@acme.test> for 1h? Everything you do is recorded. [y/N]"
        ),
        "{}",
        no.stdout
    );
    assert!(no.stdout.contains("not confirmed"), "{}", no.stdout);
    assert_eq!(env.sql1("SELECT count(*) FROM sessions"), "0");
    assert_eq!(env.audit_count("impersonation.started"), 0);

    let yes = on_a_terminal(&env, &args, "y");
    assert_eq!(yes.code, 0, "{}", yes.stdout);
    assert!(
        yes.stdout.contains("Impersonating Fay Finance"),
        "{}",
        yes.stdout
    );
    assert_eq!(env.audit_count("impersonation.started"), 1);

    // A denial comes before the question: nothing is asked.
    let denied = on_a_terminal(&env, &["--actor", HAL, "--org", "acme", "start", OLA], "y");
    assert_eq!(denied.code, 3, "{}", denied.stdout);
    assert!(!denied.stdout.contains("[y/N]"), "{}", denied.stdout);
    assert!(denied.stdout.contains("out_of_scope"), "{}", denied.stdout);
}
