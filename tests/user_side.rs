//! The impersonated user's side (SPEC §3, §4, §5, §7): receipts for every session that ends,
//! protected users whom nobody impersonates, and the org's off switch.
// Helpers below are not #[test] functions, where clippy.toml already allows these: a
// failed unwrap in a helper is a failed test, as intended.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::{json, Value};

use crate::support::acme::{ADA, DEX, FAY, HAL, HANA, NIA, OLA, SAM, ZOE};
use crate::support::{emails, write_file, TestEnv, OPERATOR};

/// Starts a session with --yes and returns its id.
#[track_caller]
fn start(env: &TestEnv, actor: &str, target: &str, extra: &[&str]) -> String {
    let mut args = vec!["--yes", "start", target];
    args.extend_from_slice(extra);
    let v = env.as_(actor, &args).ok().json();
    v["session_id"].as_str().expect("session_id").to_string()
}

/// A denied start: exit 3, the code on stderr, and its `impersonation.denied` row.
#[track_caller]
fn denied(env: &TestEnv, actor: &str, target: &str, code: &str) {
    let before = env.audit_count("impersonation.denied");
    let run = env.as_(actor, &["--yes", "start", target]).code(3);
    assert_eq!(run.error_code(), code, "{actor} -> {target}");
    assert_eq!(env.audit_count("impersonation.denied"), before + 1);
    let row = last_audit(env, "impersonation.denied");
    assert_eq!(
        [&row[1], &row[2], &row[3], &row[4]],
        ["denied", code, actor, target],
        "{actor} -> {target}"
    );
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

/// The audit rows of `event` for one session: timestamp, reason, actor, details.
fn rows_of(env: &TestEnv, event: &str, session: &str) -> Vec<Vec<String>> {
    env.sql(&format!(
        "SELECT timestamp, reason, actor, details FROM audit_log
         WHERE event = '{event}' AND session_id = '{session}' ORDER BY seq"
    ))
}

/// `(end_reason, ended_at)` of a session in the store.
fn ending(env: &TestEnv, id: &str) -> (String, String) {
    let row = env.sql(&format!(
        "SELECT end_reason, ended_at FROM sessions WHERE id = '{id}'"
    ));
    (row[0][0].clone(), row[0][1].clone())
}

fn still_runs(env: &TestEnv, id: &str) -> bool {
    env.sql1(&format!(
        "SELECT count(*) FROM sessions WHERE id = '{id}' AND ended_at IS NULL"
    )) == "1"
}

/// The lines of one `notifications drain`.
#[track_caller]
fn drain(env: &TestEnv, actor: &str) -> Vec<Value> {
    env.run(&["--actor", actor, "--org", "acme", "notifications", "drain"])
        .ok()
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The receipts in the store: `(session_id, recipient, changes)`, oldest first.
fn receipts(env: &TestEnv) -> Vec<(String, String, String)> {
    env.sql(
        "SELECT session_id, recipient, changes FROM notifications
         WHERE kind = 'receipt' ORDER BY id",
    )
    .into_iter()
    .map(|r| (r[0].clone(), r[1].clone(), r[2].clone()))
    .collect()
}

fn receipts_on(env: &TestEnv) {
    env.as_(ADA, &["config", "set", "impersonation-receipts", "on"])
        .ok();
}

// ---------------------------------------------------------------------------------------------
// protected users

#[test]
fn a_protected_user_is_never_impersonated_nor_listed() {
    let env = TestEnv::acme();
    let out = env
        .as_(ADA, &["users", "protect", "FAY@acme.test"])
        .ok()
        .json();
    assert_eq!(
        out,
        json!({"email": FAY, "protected": true, "changed": true, "sessions_revoked": 0})
    );
    let row = last_audit(&env, "user.updated");
    assert_eq!((row[3].as_str(), row[4].as_str()), (ADA, FAY));
    let details: Value = serde_json::from_str(&row[6]).unwrap();
    assert_eq!(details, json!({"protected": {"old": false, "new": true}}));

    // `users list` shows it; `list users` leaves fay out, for everyone who could reach her.
    let all = env.as_(OPERATOR, &["users", "list"]).ok().json();
    for u in all.as_array().unwrap() {
        assert_eq!(u["protected"], u["email"] == FAY, "{u}");
    }
    for actor in [ADA, SAM, HAL, HANA] {
        let listed = emails(&env.as_(actor, &["list", "users"]).ok().json());
        assert!(!listed.contains(&FAY.to_string()), "{actor}: {listed:?}");
        assert!(listed.contains(&ZOE.to_string()), "{actor}: {listed:?}");
    }

    // Denied to anyone who would otherwise reach her, with its row.
    denied(&env, ADA, FAY, "target_protected");
    denied(&env, HAL, FAY, "target_protected");
    denied(&env, HANA, FAY, "target_protected");
    // Check 8 comes after 7 (inactive) and before 9 (first login) and 10–12.
    for who in [DEX, NIA, SAM, HAL] {
        env.as_(OPERATOR, &["users", "protect", who]).ok();
    }
    denied(&env, ADA, DEX, "target_inactive");
    denied(&env, ADA, NIA, "target_protected");
    denied(&env, HAL, SAM, "target_protected");
    denied(&env, HANA, HAL, "target_protected");
    // An actor who is protected may still impersonate others.
    start(&env, SAM, ZOE, &[]);

    // Again: no change, no row.
    let rows = env.audit_count("user.updated");
    let again = env.as_(ADA, &["users", "protect", FAY]).ok().json();
    assert_eq!(again["changed"], false);
    assert_eq!(env.audit_count("user.updated"), rows);

    // Unprotected, she may be impersonated again.
    let out = env.as_(OPERATOR, &["users", "unprotect", FAY]).ok().json();
    assert_eq!(out["protected"], false);
    let details: Value = serde_json::from_str(&last_audit(&env, "user.updated")[6]).unwrap();
    assert_eq!(details, json!({"protected": {"old": true, "new": false}}));
    start(&env, ADA, FAY, &[]);
}

#[test]
fn only_operators_and_super_admins_protect_and_others_are_recorded() {
    let env = TestEnv::acme();
    for verb in ["protect", "unprotect"] {
        for actor in [HAL, HANA, FAY] {
            let before = env.audit_count("access.denied");
            let run = env.as_(actor, &["users", verb, ZOE]).code(3);
            assert_eq!(run.error_code(), "forbidden", "{actor} {verb}");
            assert_eq!(env.audit_count("access.denied"), before + 1);
            let row = last_audit(&env, "access.denied");
            assert_eq!(row[3], actor);
            assert!(row[6].contains(&format!("users {verb}")), "{row:?}");
        }
        env.as_("nobody@acme.test", &["users", verb, ZOE]).code(3);
        // What is named comes after the permission: an unknown user is exit 4.
        env.as_(ADA, &["users", verb, "nobody@acme.test"]).code(4);
        env.as_(OPERATOR, &["users", verb, "bad address"]).code(2);
    }
    assert_eq!(
        env.sql1("SELECT count(*) FROM users WHERE protected = 1"),
        "0"
    );
}

#[test]
fn the_import_sets_protected_and_an_absent_column_keeps_it() {
    let env = TestEnv::acme();
    let file = write_file(
        &env,
        "p.csv",
        "email,name,protected\nzoe@acme.test,Zoë Quintero,true\nola@acme.test,Ola Ops,false\n",
    );
    let out = env.as_(OPERATOR, &["users", "import", &file]).ok().json();
    assert_eq!(
        (out["created"].clone(), out["updated"].clone()),
        (json!(0), json!(1))
    );
    let details: Value = serde_json::from_str(&last_audit(&env, "user.updated")[6]).unwrap();
    assert_eq!(details, json!({"protected": {"old": false, "new": true}}));
    denied(&env, ADA, ZOE, "target_protected");

    // The fixture has no protected column: zoe stays protected.
    let acme = crate::support::acme_csv();
    let out = env
        .as_(OPERATOR, &["users", "import", acme.to_str().unwrap()])
        .ok()
        .json();
    assert_eq!(out["unchanged"], 9);
    assert_eq!(
        env.sql1("SELECT protected FROM users WHERE email = 'zoe@acme.test'"),
        "1"
    );
    // A new user with the column: created protected, and said so in user.created.
    let file = write_file(
        &env,
        "new.csv",
        "email,name,protected,first_login_at\nkim@acme.test,Kim,true,2026-01-01T00:00:00Z\n",
    );
    env.as_(OPERATOR, &["users", "import", &file]).ok();
    let details: Value = serde_json::from_str(&last_audit(&env, "user.created")[6]).unwrap();
    assert_eq!(details["protected"], true, "{details}");
    denied(&env, ADA, "kim@acme.test", "target_protected");

    // An empty cell is the default, false; anything but true or false refuses the file.
    let file = write_file(
        &env,
        "e.csv",
        "email,name,protected\nzoe@acme.test,Zoë Quintero,\n",
    );
    env.as_(OPERATOR, &["users", "import", &file]).ok();
    start(&env, ADA, ZOE, &[]);
    let before = env.snapshot();
    let file = write_file(
        &env,
        "bad.csv",
        "email,name,protected\nola@acme.test,Ola,yes\n",
    );
    let run = env.as_(OPERATOR, &["users", "import", &file]).code(2);
    assert!(
        run.stderr.contains("line 2, column protected"),
        "{}",
        run.stderr
    );
    assert_eq!(env.snapshot(), before);
}

#[test]
fn protecting_a_user_ends_the_sessions_impersonating_them() {
    let mut env = TestEnv::acme();
    let hal = start(&env, HAL, FAY, &[]);
    let sam = start(&env, SAM, FAY, &[]);
    let ada = start(&env, ADA, ZOE, &[]);
    env.at("2026-06-01T12:05:00Z");
    let out = env.as_(ADA, &["users", "protect", FAY]).ok().json();
    assert_eq!(out["sessions_revoked"], 2);
    for id in [&hal, &sam] {
        assert_eq!(
            ending(&env, id),
            ("revoked".into(), "2026-06-01T12:05:00.000Z".into())
        );
        let rows = rows_of(&env, "impersonation.revoked", id);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0][1], "user_protected");
        let details: Value = serde_json::from_str(&rows[0][3]).unwrap();
        assert_eq!(details, json!({"by": ADA, "rule": "target_protected"}));
    }
    assert!(still_runs(&env, &ada));

    // Through the import too.
    env.at("2026-06-01T12:10:00Z");
    let file = write_file(
        &env,
        "p.csv",
        "email,name,protected\nzoe@acme.test,Zoë Quintero,true\n",
    );
    env.as_(OPERATOR, &["users", "import", &file]).ok();
    assert_eq!(ending(&env, &ada).0, "revoked");
    assert_eq!(
        rows_of(&env, "impersonation.revoked", &ada)[0][1],
        "user_protected"
    );
}

// ---------------------------------------------------------------------------------------------
// the off switch

#[test]
fn the_off_switch_denies_every_start_and_list_and_ends_every_session() {
    let mut env = TestEnv::acme();
    // Operators only, like super-admin-only.
    for actor in [ADA, HAL, FAY] {
        let run = env
            .as_(actor, &["config", "set", "impersonation", "off"])
            .code(3);
        assert_eq!(run.error_code(), "forbidden", "{actor}");
    }
    let hal = start(&env, HAL, FAY, &[]);
    let ada = start(&env, ADA, ZOE, &[]);
    env.at("2026-06-01T12:05:00Z");
    let out = env
        .as_(OPERATOR, &["config", "set", "impersonation", "off"])
        .ok()
        .json();
    assert_eq!(out["sessions_revoked"], 2);
    for id in [&hal, &ada] {
        assert_eq!(
            ending(&env, id),
            ("revoked".into(), "2026-06-01T12:05:00.000Z".into())
        );
        let rows = rows_of(&env, "impersonation.revoked", id);
        assert_eq!(rows[0][1], "impersonation_disabled");
        let details: Value = serde_json::from_str(&rows[0][3]).unwrap();
        assert_eq!(
            details,
            json!({"by": OPERATOR, "rule": "impersonation_disabled"})
        );
    }
    assert_eq!(
        env.as_(ADA, &["config", "get", "impersonation"])
            .ok()
            .json(),
        json!(false)
    );

    // Every admin's start is denied with its row; a plain user is still not_admin (2 < 3).
    denied(&env, ADA, FAY, "impersonation_disabled");
    denied(&env, HAL, FAY, "impersonation_disabled");
    denied(&env, HANA, "nobody@acme.test", "impersonation_disabled");
    denied(&env, FAY, ZOE, "not_admin");
    denied(&env, "nobody@acme.test", FAY, "actor_unknown");
    // Before super-admin-only (3 < 4).
    env.as_(OPERATOR, &["config", "set", "super-admin-only", "on"])
        .ok();
    denied(&env, HAL, FAY, "impersonation_disabled");

    // `list users` is refused with the code, and the refusal recorded.
    for actor in [ADA, HAL] {
        let before = env.audit_count("access.denied");
        let run = env.as_(actor, &["list", "users"]).code(3);
        assert_eq!(run.error_code(), "impersonation_disabled");
        assert_eq!(env.audit_count("access.denied"), before + 1);
        let row = last_audit(&env, "access.denied");
        assert_eq!(
            (row[2].as_str(), row[3].as_str()),
            ("impersonation_disabled", actor)
        );
    }
    assert_eq!(
        env.as_(FAY, &["list", "users"]).code(3).error_code(),
        "not_admin"
    );

    // On again: impersonation resumes by the usual rules.
    env.as_(OPERATOR, &["config", "set", "impersonation", "on"])
        .ok();
    env.as_(OPERATOR, &["config", "set", "super-admin-only", "off"])
        .ok();
    start(&env, HAL, FAY, &[]);
    assert!(!emails(&env.as_(ADA, &["list", "users"]).ok().json()).is_empty());
}

// ---------------------------------------------------------------------------------------------
// receipts

#[test]
fn config_receipts_is_off_by_default_and_for_operators_and_super_admins() {
    let env = TestEnv::acme();
    let shown = env.as_(HAL, &["config", "show"]).ok().json();
    assert_eq!(shown["impersonation-receipts"], false);
    assert_eq!(shown["impersonation"], true);
    for actor in [HAL, HANA, FAY] {
        env.as_(actor, &["config", "set", "impersonation-receipts", "on"])
            .code(3);
    }
    env.as_(SAM, &["config", "set", "impersonation-receipts", "yes"])
        .ok();
    env.as_(
        OPERATOR,
        &["config", "set", "impersonation-receipts", "off"],
    )
    .ok();
    let row = last_audit(&env, "config.changed");
    let details: Value = serde_json::from_str(&row[6]).unwrap();
    assert_eq!(
        details,
        json!({"key": "impersonation-receipts", "old": "true", "new": "false"})
    );
    let run = env
        .as_(ADA, &["config", "set", "impersonation-receipts", "maybe"])
        .code(2);
    assert!(run.stderr.contains("true or false"), "{}", run.stderr);
}

#[test]
fn every_ending_queues_one_receipt_stopped_expired_and_revoked() {
    let mut env = TestEnv::acme();
    receipts_on(&env);
    // Stopped: hal on fay, three actions, two of them changes.
    let stopped = start(&env, HAL, FAY, &["--reason", "ticket 42"]);
    env.as_(HAL, &["act", "profile.view"]).ok();
    env.as_(HAL, &["act", "phone.update", "--change"]).ok();
    env.as_(HAL, &["act", "address.update", "--change"]).ok();
    // A refused personal action is not an action recorded.
    env.as_(HAL, &["act", "privacy.accept"]).code(3);
    // Expired: ada on zoe, noticed late. Revoked: sam on ola, by a role change.
    let expired = start(&env, ADA, ZOE, &[]);
    env.as_(ADA, &["act", "report.generate"]).ok();
    let revoked = start(&env, SAM, OLA, &["--reason", "audit"]);
    env.at("2026-06-01T12:20:00Z");
    env.as_(HAL, &["stop"]).ok();
    assert_eq!(receipts(&env), [(stopped.clone(), FAY.into(), "2".into())]);
    env.at("2026-06-01T12:30:00Z");
    env.as_(ADA, &["revoke", SAM]).ok();
    env.at("2026-06-01T15:00:00Z");
    env.as_(OPERATOR, &["sessions", "sweep"]).ok();
    assert_eq!(
        ending(&env, &expired),
        ("expired".into(), "2026-06-01T13:00:00.000Z".into())
    );
    assert_eq!(
        receipts(&env),
        [
            (stopped.clone(), FAY.into(), "2".into()),
            (revoked.clone(), OLA.into(), "0".into()),
            (expired.clone(), ZOE.into(), "0".into()),
        ]
    );

    // Each receipt has its notification.queued row, dated when the session ended (an
    // expiry at its expires_at, however late it was noticed), after the ending's own row.
    for (id, at, ended_by) in [
        (
            &stopped,
            "2026-06-01T12:20:00.000Z",
            "impersonation.stopped",
        ),
        (
            &revoked,
            "2026-06-01T12:30:00.000Z",
            "impersonation.revoked",
        ),
        (
            &expired,
            "2026-06-01T13:00:00.000Z",
            "impersonation.expired",
        ),
    ] {
        let events = env.sql(&format!(
            "SELECT event, timestamp FROM audit_log WHERE session_id = '{id}' ORDER BY seq"
        ));
        let n = events.len();
        assert_eq!(events[n - 2], [ended_by, at], "{id}: {events:?}");
        assert_eq!(
            events[n - 1],
            ["notification.queued", at],
            "{id}: {events:?}"
        );
        let queued = rows_of(&env, "notification.queued", id);
        let receipt_row = queued.last().unwrap();
        assert_eq!(
            serde_json::from_str::<Value>(&receipt_row[3]).unwrap(),
            json!({"kind": "receipt"})
        );
    }

    let lines = drain(&env, ADA);
    assert_eq!(lines.len(), 4, "{lines:?}");
    // The change notice of hal's session came first, then the receipts in the order queued.
    assert_eq!(lines[0]["kind"], "changes");
    assert_eq!(lines[0]["changes"], 2);
    let receipt = |id: &str| {
        lines
            .iter()
            .find(|l| l["kind"] == "receipt" && l["session_id"] == id)
            .unwrap_or_else(|| panic!("no receipt for {id}: {lines:?}"))
            .clone()
    };
    let r = receipt(&stopped);
    assert_eq!(r["to"], FAY);
    assert_eq!(r["actor"], HAL);
    assert_eq!(r["actor_name"], "Hal Hr");
    assert_eq!(r["started_at"], "2026-06-01T12:00:00.000Z");
    assert_eq!(r["ended_at"], "2026-06-01T12:20:00.000Z");
    assert_eq!(r["end_reason"], "stopped");
    assert_eq!(r["reason"], "ticket 42");
    assert_eq!(
        (r["actions"].clone(), r["changes"].clone()),
        (json!(3), json!(2))
    );
    let body = r["body"].as_str().unwrap();
    for part in [HAL, "ticket 42", "3 action(s)", "2 of which", "stopped"] {
        assert!(body.contains(part), "{part}: {body}");
    }
    assert!(!r["subject"].as_str().unwrap().is_empty());
    let r = receipt(&expired);
    assert_eq!(
        (r["to"].clone(), r["actor"].clone(), r["end_reason"].clone()),
        (json!(ZOE), json!(ADA), json!("expired"))
    );
    assert_eq!(r["ended_at"], "2026-06-01T13:00:00.000Z");
    assert_eq!(
        (
            r["actions"].clone(),
            r["changes"].clone(),
            r["reason"].clone()
        ),
        (json!(1), json!(0), json!(""))
    );
    let r = receipt(&revoked);
    assert_eq!(
        (r["to"].clone(), r["end_reason"].clone()),
        (json!(OLA), json!("revoked"))
    );
    assert_eq!(
        (r["reason"].clone(), r["actions"].clone()),
        (json!("audit"), json!(0))
    );

    // Each is marked delivered once, with its row; a second drain prints nothing.
    assert_eq!(env.audit_count("notification.delivered"), 4);
    let kinds = env
        .sql("SELECT details FROM audit_log WHERE event = 'notification.delivered' ORDER BY seq");
    let kinds: Vec<String> = kinds
        .iter()
        .map(|d| {
            serde_json::from_str::<Value>(&d[0]).unwrap()["kind"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(kinds, ["changes", "receipt", "receipt", "receipt"]);
    assert!(drain(&env, OPERATOR).is_empty());
    assert_eq!(
        env.sql1("SELECT count(*) FROM notifications WHERE delivered_at IS NULL"),
        "0"
    );
}

#[test]
fn no_receipt_when_receipts_are_off() {
    let mut env = TestEnv::acme();
    let a = start(&env, HAL, FAY, &[]);
    env.as_(HAL, &["act", "phone.update", "--change"]).ok();
    let b = start(&env, ADA, ZOE, &[]);
    let c = start(&env, SAM, OLA, &[]);
    env.as_(HAL, &["stop"]).ok();
    env.as_(ADA, &["revoke", SAM]).ok();
    env.at("2026-06-01T14:00:00Z");
    env.as_(OPERATOR, &["sessions", "sweep"]).ok();
    for id in [&a, &b, &c] {
        assert_ne!(ending(&env, id).0, "");
    }
    assert!(receipts(&env).is_empty());
    // Only the change notice.
    assert_eq!(env.audit_count("notification.queued"), 1);
    let lines = drain(&env, ADA);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["kind"], "changes");
}

#[test]
fn exactly_one_receipt_per_session_whatever_the_actions() {
    let mut env = TestEnv::acme();
    receipts_on(&env);
    // No receipt is queued while a session runs, however many actions it records.
    let many = start(&env, HAL, FAY, &[]);
    for i in 0..7 {
        let mut args = vec!["act", "profile.update"];
        if i % 2 == 0 {
            args.push("--change");
        }
        env.as_(HAL, &args).ok();
    }
    let none = start(&env, ADA, ZOE, &[]);
    assert!(receipts(&env).is_empty());
    // A change notice drained mid-session does not count against the receipt.
    assert_eq!(drain(&env, ADA).len(), 1);
    env.as_(HAL, &["act", "profile.update", "--change"]).ok();

    // Ended by someone else (stop --session): one receipt; stopping again is a conflict and
    // queues nothing; neither do sweeps and later cascades.
    env.as_(SAM, &["stop", "--session", &many]).ok();
    env.as_(SAM, &["stop", "--session", &many]).code(5);
    env.as_(HAL, &["stop"]).code(5);
    env.as_(ADA, &["stop"]).ok();
    env.at("2026-06-01T15:00:00Z");
    env.as_(OPERATOR, &["sessions", "sweep"]).ok();
    env.as_(OPERATOR, &["config", "set", "impersonation", "off"])
        .ok();
    env.as_(ADA, &["users", "protect", FAY]).ok();
    assert_eq!(
        receipts(&env),
        [
            (many.clone(), FAY.into(), "5".into()),
            (none.clone(), ZOE.into(), "0".into())
        ]
    );
    assert_eq!(
        env.sql1(&format!("SELECT actions FROM sessions WHERE id = '{many}'")),
        "8"
    );
    let lines = drain(&env, OPERATOR);
    let receipts: Vec<&Value> = lines.iter().filter(|l| l["kind"] == "receipt").collect();
    assert_eq!(receipts.len(), 2, "{lines:?}");
    assert_eq!(
        (
            receipts[0]["actions"].clone(),
            receipts[0]["changes"].clone()
        ),
        (json!(8), json!(5))
    );
    assert_eq!(
        (
            receipts[1]["actions"].clone(),
            receipts[1]["changes"].clone()
        ),
        (json!(0), json!(0))
    );
    // Stopped by sam: the receipt names the impersonator, hal, not who stopped it.
    assert_eq!(receipts[0]["actor"], HAL);
}

#[test]
fn drain_mixes_receipts_and_change_notices_and_counts_changes_without_notices() {
    let env = TestEnv::acme();
    receipts_on(&env);
    let first = start(&env, HAL, FAY, &[]);
    env.as_(HAL, &["act", "phone.update", "--change"]).ok();
    env.as_(HAL, &["stop"]).ok();
    let second = start(&env, HAL, ZOE, &[]);
    env.as_(HAL, &["act", "email.update", "--change"]).ok();
    // Change notices off: no change notice, but the receipt still counts the change.
    env.as_(
        OPERATOR,
        &["config", "set", "impersonation-notifications", "off"],
    )
    .ok();
    let third = start(&env, ADA, OLA, &[]);
    env.as_(ADA, &["act", "phone.update", "--change"]).ok();
    env.as_(ADA, &["stop"]).ok();

    let lines = drain(&env, OPERATOR);
    let seen: Vec<(String, String, i64)> = lines
        .iter()
        .map(|l| {
            (
                l["kind"].as_str().unwrap().to_string(),
                l["session_id"].as_str().unwrap().to_string(),
                l["changes"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("changes".to_string(), first.clone(), 1),
            ("receipt".to_string(), first.clone(), 1),
            ("changes".to_string(), second.clone(), 1),
            ("receipt".to_string(), third.clone(), 1),
        ]
    );
    // Every line has the fields of a notice; only receipts have the account of the session.
    for l in &lines {
        for field in [
            "id",
            "kind",
            "to",
            "subject",
            "body",
            "session_id",
            "changes",
            "org",
        ] {
            assert!(l.get(field).is_some(), "{field}: {l}");
        }
        assert_eq!(l.get("ended_at").is_some(), l["kind"] == "receipt", "{l}");
    }
    assert_eq!(env.audit_count("notification.delivered"), 4);
    // The second session ends later: its receipt comes in the next drain, alone.
    env.as_(HAL, &["stop"]).ok();
    let lines = drain(&env, ADA);
    assert_eq!(lines.len(), 1);
    assert_eq!(
        (lines[0]["kind"].clone(), lines[0]["session_id"].clone()),
        (json!("receipt"), json!(second))
    );
    assert_eq!(lines[0]["changes"], 1);
}

#[test]
fn turning_impersonation_off_queues_the_receipts_of_the_sessions_it_ends() {
    let env = TestEnv::acme();
    receipts_on(&env);
    let hal = start(&env, HAL, FAY, &[]);
    let ada = start(&env, ADA, ZOE, &[]);
    env.as_(OPERATOR, &["config", "set", "impersonation", "off"])
        .ok();
    let lines = drain(&env, OPERATOR);
    let mut ended: Vec<(String, String)> = lines
        .iter()
        .map(|l| {
            (
                l["session_id"].as_str().unwrap().to_string(),
                l["end_reason"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    ended.sort();
    let mut want = vec![(hal, "revoked".to_string()), (ada, "revoked".to_string())];
    want.sort();
    assert_eq!(ended, want);
}

#[test]
fn an_import_into_an_empty_org_keeps_who_is_protected() {
    // An empty org's users go in as one stream (COPY on PostgreSQL): every column with them.
    let env = TestEnv::new();
    env.run(&["operator", "add", OPERATOR, "--role", "program-architect"])
        .ok();
    env.run(&["--actor", OPERATOR, "org", "create", "a", "--name", "A"])
        .ok();
    let csv = write_file(
        &env,
        "a.csv",
        "email,name,first_login_at,role,protected\n\
         ada@a.test,Ada,2026-01-01T00:00:00Z,super_admin,false\n\
         fay@a.test,Fay,2026-01-01T00:00:00Z,user,true\n\
         ola@a.test,Ola,2026-01-01T00:00:00Z,user,\n",
    );
    env.run(&["--actor", OPERATOR, "--org", "a", "users", "import", &csv])
        .ok();
    let listed = env
        .run(&[
            "--actor", OPERATOR, "--org", "a", "--format", "json", "users", "list",
        ])
        .ok()
        .json();
    let protected: Vec<(String, bool)> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["email"].as_str().unwrap().to_string(),
                u["protected"] == true,
            )
        })
        .collect();
    assert_eq!(
        protected,
        [
            ("ada@a.test".to_string(), false),
            ("fay@a.test".to_string(), true),
            ("ola@a.test".to_string(), false)
        ]
    );
    let run = env.run(&[
        "--actor",
        "ada@a.test",
        "--org",
        "a",
        "--format",
        "json",
        "--yes",
        "start",
        "fay@a.test",
    ]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert_eq!(run.error_code(), "target_protected");
}
