//! Four-eyes approval, the event feed (`audit export --after`, `audit tail`) and the access
//! review.

use std::io::Read;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::acme::{ADA, FAY, HAL, HANA, SAM};
use crate::support::{TestEnv, OPERATOR};

fn set_approval(env: &TestEnv, value: &str) {
    env.as_(OPERATOR, &["config", "set", "approval-required", value])
        .ok();
}

/// Makes a request and answers its id.
fn request(env: &TestEnv, actor: &str, target: &str) -> String {
    let v = env
        .as_(actor, &["request", target, "--reason", "ticket 7"])
        .ok()
        .json();
    assert_eq!(v["status"], "pending", "{v}");
    assert_eq!(v["target"], target, "{v}");
    v["request_id"].as_str().unwrap().to_string()
}

/// The last audit row of `event`: outcome, reason, actor, target, details.
fn last(env: &TestEnv, event: &str) -> Vec<String> {
    env.sql(&format!(
        "SELECT outcome, reason, actor, target, details FROM audit_log
         WHERE event = '{event}' ORDER BY seq DESC LIMIT 1"
    ))
    .into_iter()
    .next()
    .unwrap_or_default()
}

/// The status of request `id` in `list requests`, as `actor` sees it.
fn status(env: &TestEnv, actor: &str, id: &str) -> Value {
    let list = env.as_(actor, &["list", "requests"]).ok().json();
    list.as_array()
        .unwrap()
        .iter()
        .find(|r| r["request_id"] == id)
        .cloned()
        .unwrap_or_else(|| panic!("{id} not in {list}"))
}

fn details(row: &[String]) -> Value {
    serde_json::from_str(&row[4]).unwrap()
}

#[test]
fn approval_required_is_an_operators_setting_with_three_values() {
    let env = TestEnv::acme();
    let show = env.as_(OPERATOR, &["config", "show"]).ok().json();
    assert_eq!(show["approval-required"], "off");
    env.as_(
        OPERATOR,
        &["config", "set", "approval-required", "sometimes"],
    )
    .code(2);
    env.as_(ADA, &["config", "set", "approval-required", "all"])
        .code(3);
    for v in ["super-admins", "all", "off"] {
        set_approval(&env, v);
        let got = env.run(&[
            "--actor",
            ADA,
            "--org",
            "acme",
            "config",
            "get",
            "approval-required",
        ]);
        assert_eq!(got.ok().stdout.trim(), v);
    }
}

#[test]
fn start_needs_an_approval_only_where_the_setting_covers_the_target() {
    let env = TestEnv::acme();
    let start = |actor: &str, target: &str| env.as_(actor, &["--yes", "start", target]);
    let stop = |actor: &str| env.as_(actor, &["stop"]).ok();
    // off: nobody needs one.
    start(ADA, SAM).ok();
    stop(ADA);
    start(HAL, FAY).ok();
    stop(HAL);
    // super-admins: super admin targets only.
    set_approval(&env, "super-admins");
    let denied = start(ADA, SAM).code(3);
    assert_eq!(denied.error_code(), "approval_required");
    let row = last(&env, "impersonation.denied");
    assert_eq!(row[..4], ["denied", "approval_required", ADA, SAM]);
    start(HAL, FAY).ok();
    stop(HAL);
    // all: everybody.
    set_approval(&env, "all");
    assert_eq!(start(HAL, FAY).code(3).error_code(), "approval_required");
    assert_eq!(start(ADA, FAY).code(3).error_code(), "approval_required");
    // With an approved request, the start passes, uses it, and the session records it.
    let id = request(&env, HAL, FAY);
    env.as_(SAM, &["approve", &id]).ok();
    let v = start(HAL, FAY).ok().json();
    assert_eq!(v["request_id"], id.as_str());
    assert_eq!(v["approved_by"], SAM);
    let started = last(&env, "impersonation.started");
    assert_eq!(details(&started)["request_id"], id.as_str());
    assert_eq!(details(&started)["approved_by"], SAM);
    let sessions = env.as_(HAL, &["list", "sessions", "--active"]).ok().json();
    assert_eq!(sessions[0]["session_id"], v["session_id"]);
    assert_eq!(sessions[0]["request_id"], id.as_str());
    assert_eq!(sessions[0]["approved_by"], SAM);
    stop(HAL);
    // The approval was good for one start.
    assert_eq!(start(HAL, FAY).code(3).error_code(), "approval_required");
    let used = status(&env, HAL, &id);
    assert_eq!(used["status"], "used");
    assert_eq!(used["session_id"], sessions[0]["session_id"]);
    // An approval for one target is not one for another, nor for another admin.
    let id = request(&env, HAL, FAY);
    env.as_(ADA, &["approve", &id]).ok();
    assert_eq!(
        start(HAL, "zoe@acme.test").code(3).error_code(),
        "approval_required"
    );
    assert_eq!(start(HANA, FAY).code(3).error_code(), "approval_required");
    // Checks before 14 still come first; session_active after it.
    env.as_(OPERATOR, &["config", "set", "require-reason", "on"])
        .ok();
    assert_eq!(start(HAL, FAY).code(3).error_code(), "reason_required");
    env.as_(OPERATOR, &["config", "set", "require-reason", "off"])
        .ok();
    // With approval off again, a held approval is not used up.
    set_approval(&env, "off");
    let v = start(HAL, FAY).ok().json();
    assert!(v.get("request_id").is_none(), "{v}");
    assert_eq!(status(&env, HAL, &id)["status"], "approved");
}

#[test]
fn a_request_is_checked_as_start_is_but_for_checks_14_and_15() {
    let env = TestEnv::acme();
    set_approval(&env, "all");
    // Reason always required.
    env.as_(HAL, &["request", FAY]).code(2);
    env.as_(HAL, &["request", FAY, "--reason", "  "]).code(2);
    for (actor, target, code) in [
        (HAL, "ola@acme.test", "out_of_scope"),
        (HAL, ADA, "above_actor"),
        (HAL, HANA, "peer_hr_admin"),
        ("fay@acme.test", "zoe@acme.test", "not_admin"),
        (ADA, ADA, "self"),
        (ADA, "nia@acme.test", "never_logged_in"),
        (ADA, "dex@acme.test", "target_inactive"),
        (ADA, "nobody@acme.test", "target_not_found"),
        (OPERATOR, FAY, "actor_unknown"),
    ] {
        let run = env
            .as_(actor, &["request", target, "--reason", "r"])
            .code(3);
        assert_eq!(run.error_code(), code, "{actor} -> {target}");
        let row = last(&env, "impersonation.denied");
        assert_eq!(
            row[..4],
            ["denied", code, actor, target],
            "{actor} -> {target}"
        );
        assert_eq!(details(&row)["command"], "request");
    }
    assert_eq!(env.sql1("SELECT count(*) FROM approval_requests"), "0");
    // An active session does not stop a request (check 15 is start's).
    env.as_(OPERATOR, &["config", "set", "approval-required", "off"])
        .ok();
    env.as_(HAL, &["--yes", "start", FAY]).ok();
    let id = request(&env, HAL, "zoe@acme.test");
    let row = last(&env, "impersonation.requested");
    assert_eq!(row[..4], ["ok", "ticket 7", HAL, "zoe@acme.test"]);
    assert_eq!(details(&row)["request_id"], id.as_str());
    // A notice for each other active super admin, through notifications drain.
    let drained = env.as_(OPERATOR, &["notifications", "drain"]).ok();
    let notices: Vec<Value> = drained
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|n: &Value| n["kind"] == "approval_request")
        .collect();
    let to: Vec<&str> = notices.iter().map(|n| n["to"].as_str().unwrap()).collect();
    assert_eq!(to, [ADA, SAM]);
    assert!(notices.iter().all(|n| n["request_id"] == id.as_str()));
    // Delivered once.
    let again = env.as_(OPERATOR, &["notifications", "drain"]).ok();
    assert!(
        !again.stdout.contains("approval_request"),
        "{}",
        again.stdout
    );
    // A super admin's request notifies the other super admin only.
    let id = request(&env, ADA, SAM);
    let notified = env.sql(&format!(
        "SELECT recipient FROM approval_notices WHERE request_id = '{id}'"
    ));
    assert_eq!(notified, [[SAM]]);
}

#[test]
fn every_refusal_of_a_decision_is_refused_and_audited() {
    let mut env = TestEnv::acme();
    set_approval(&env, "all");
    let id = request(&env, HAL, FAY);
    let denied_access = |env: &TestEnv| {
        env.sql(
            "SELECT actor, reason, details FROM audit_log WHERE event = 'access.denied'
             ORDER BY seq DESC LIMIT 1",
        )[0]
        .clone()
    };
    // Not a super admin: HR admins, users, operators (exit 3, access.denied).
    for who in [HANA, FAY, OPERATOR] {
        let run = env.as_(who, &["approve", &id]).code(3);
        assert_eq!(run.error_code(), "forbidden", "{who}");
        let row = denied_access(&env);
        assert_eq!(row[0], who);
        assert_eq!(row[2], r#"{"command":"approve"}"#);
    }
    // Self-approval (exit 3, access.denied).
    let own = request(&env, ADA, FAY);
    env.as_(ADA, &["approve", &own]).code(3);
    assert_eq!(denied_access(&env)[0], ADA);
    env.as_(ADA, &["reject", &own]).code(3);
    assert_eq!(denied_access(&env)[2], r#"{"command":"reject"}"#);
    // Unknown id (exit 4).
    env.as_(SAM, &["approve", "r_0000000000000000"]).code(4);
    // A request of another org (exit 3, access.denied in the approver's org).
    env.as_(OPERATOR, &["org", "create", "globex", "--name", "Globex"])
        .ok();
    let csv = env.dir.path().join("globex.csv");
    std::fs::write(
        &csv,
        "email,name,groups,first_login_at,role\n\
         gil@globex.test,Gil,HR,2026-01-01T00:00:00Z,super_admin\n\
         gus@globex.test,Gus,HR,2026-01-01T00:00:00Z,super_admin\n\
         gwen@globex.test,Gwen,HR,2026-01-01T00:00:00Z,user\n",
    )
    .unwrap();
    env.run(&[
        "--actor",
        OPERATOR,
        "--org",
        "globex",
        "users",
        "import",
        csv.to_str().unwrap(),
    ])
    .ok();
    let globex = env
        .run(&[
            "--actor",
            "gil@globex.test",
            "--org",
            "globex",
            "--format",
            "json",
            "request",
            "gwen@globex.test",
            "--reason",
            "x",
        ])
        .ok()
        .json();
    let gid = globex["request_id"].as_str().unwrap();
    // Another org's request is not found in this one: nothing crosses orgs, not even an id.
    let run = env.as_(SAM, &["approve", gid]).code(4);
    assert_eq!(run.error_code(), "not_found");
    // Decided once: a second approval, or a rejection after it (exit 5, impersonation.denied).
    env.as_(SAM, &["approve", &id]).ok();
    let approved = last(&env, "impersonation.approved");
    assert_eq!(approved[..4], ["ok", "", SAM, FAY]);
    assert_eq!(details(&approved)["request_id"], id.as_str());
    assert_eq!(details(&approved)["requester"], HAL);
    for (who, verb) in [(SAM, "approve"), (ADA, "approve"), (ADA, "reject")] {
        let run = env.as_(who, &[verb, &id]).code(5);
        assert_eq!(run.error_code(), "request_decided");
        let row = last(&env, "impersonation.denied");
        assert_eq!(row[..4], ["denied", "request_decided", who, FAY]);
        assert_eq!(details(&row)["request_id"], id.as_str());
        assert_eq!(details(&row)["command"], verb);
    }
    // Consumed: used by a start, then approved again (exit 5).
    env.as_(HAL, &["--yes", "start", FAY]).ok();
    env.as_(HAL, &["stop"]).ok();
    let run = env.as_(ADA, &["approve", &id]).code(5);
    assert_eq!(run.error_code(), "request_used");
    assert_eq!(last(&env, "impersonation.denied")[1], "request_used");
    // Rejected: recorded with its reason, and refused to start.
    let rid = request(&env, HAL, FAY);
    env.as_(ADA, &["reject", &rid, "--reason", "not now"]).ok();
    let row = last(&env, "impersonation.rejected");
    assert_eq!(row[..4], ["ok", "not now", ADA, FAY]);
    assert_eq!(
        env.as_(HAL, &["--yes", "start", FAY]).code(3).error_code(),
        "approval_required"
    );
    env.as_(SAM, &["approve", &rid]).code(5);
    // Expired: a pending request lapses after 24 hours (exit 5).
    let old = request(&env, HAL, FAY);
    env.at("2026-06-02T12:00:00Z");
    let run = env.as_(SAM, &["approve", &old]).code(5);
    assert_eq!(run.error_code(), "request_expired");
    let row = last(&env, "impersonation.denied");
    assert_eq!(row[..4], ["denied", "request_expired", SAM, FAY]);
    assert_eq!(details(&row)["status"], "expired");
    // An approval lasts one hour: not usable at the hour.
    let late = request(&env, HAL, FAY);
    env.as_(SAM, &["approve", &late]).ok();
    env.at("2026-06-02T13:00:00Z");
    assert_eq!(
        env.as_(HAL, &["--yes", "start", FAY]).code(3).error_code(),
        "approval_required"
    );
    let list = env.as_(SAM, &["list", "requests"]).ok().json();
    let status_of = |rid: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|r| r["request_id"] == rid)
            .map(|r| r["status"].as_str().unwrap().to_string())
            .unwrap()
    };
    assert_eq!(status_of(&late), "expired");
    assert_eq!(status_of(&old), "expired");
    assert_eq!(status_of(&rid), "rejected");
    assert_eq!(status_of(&id), "used");
    // The chain still holds.
    env.as_(OPERATOR, &["audit", "verify"]).ok();
}

#[test]
fn list_requests_shows_each_reader_what_they_may_see() {
    let env = TestEnv::acme();
    let a = request(&env, HAL, FAY);
    let b = request(&env, HANA, "ola@acme.test");
    let c = request(&env, ADA, SAM);
    env.as_(SAM, &["reject", &c]).ok();
    let ids = |who: &str, extra: &[&str]| -> Vec<String> {
        let mut args = vec!["list", "requests"];
        args.extend_from_slice(extra);
        let v = env.as_(who, &args).ok().json();
        let mut ids: Vec<String> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["request_id"].as_str().unwrap().to_string())
            .collect();
        ids.sort();
        ids
    };
    let mut all = vec![a.clone(), b.clone(), c.clone()];
    all.sort();
    assert_eq!(ids(OPERATOR, &[]), all);
    assert_eq!(ids(SAM, &[]), all);
    assert_eq!(ids(HAL, &[]), [a.as_str()]);
    assert_eq!(ids(HANA, &[]), [b.as_str()]);
    let mut pending = vec![a, b];
    pending.sort();
    assert_eq!(ids(ADA, &["--pending"]), pending);
    env.as_(FAY, &["list", "requests"]).code(3);
}

/// The seqs of JSON lines.
fn seqs(out: &str) -> Vec<i64> {
    out.lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["seq"]
                .as_i64()
                .unwrap()
        })
        .collect()
}

fn max_seq(env: &TestEnv) -> i64 {
    env.sql1("SELECT max(seq) FROM audit_log").parse().unwrap()
}

#[test]
fn export_after_is_exclusive_and_combines_with_every_filter() {
    let env = TestEnv::acme();
    let after = max_seq(&env);
    env.as_(HAL, &["--yes", "start", FAY]).ok();
    env.as_(HAL, &["stop"]).ok();
    env.as_(ADA, &["--yes", "start", FAY]).ok();
    let all = env
        .as_(
            OPERATOR,
            &["audit", "export", "--after", &after.to_string()],
        )
        .ok();
    assert_eq!(seqs(&all.stdout), [after + 1, after + 2, after + 3]);
    let some = env
        .as_(
            OPERATOR,
            &[
                "audit",
                "export",
                "--after",
                &(after + 1).to_string(),
                "--event",
                "impersonation.started",
                "--by",
                ADA,
                "--target",
                FAY,
                "--since",
                "2026-06-01",
            ],
        )
        .ok();
    assert_eq!(seqs(&some.stdout), [after + 3]);
    let row = last(&env, "audit.exported");
    assert_eq!(details(&row)["filters"]["after"], after + 1);
    env.as_(OPERATOR, &["audit", "export", "--after", "-1"])
        .code(2);
}

#[test]
fn tail_prints_the_rows_after_a_seq_for_those_who_may_export() {
    let env = TestEnv::acme();
    let after = max_seq(&env);
    env.as_(HAL, &["--yes", "start", FAY]).ok();
    env.as_(HAL, &["act", "profile.update", "--change"]).ok();
    let tail = env
        .as_(ADA, &["audit", "tail", "--after", &after.to_string()])
        .ok();
    let got = seqs(&tail.stdout);
    assert_eq!(got, ((after + 1)..=max_seq(&env) - 1).collect::<Vec<_>>());
    // One audit.exported row for the tail, none per read.
    let row = last(&env, "audit.exported");
    assert_eq!(details(&row)["command"], "audit tail");
    assert_eq!(details(&row)["rows"], got.len());
    let only = env
        .as_(
            ADA,
            &[
                "audit",
                "tail",
                "--after",
                &after.to_string(),
                "--event",
                "impersonation.*",
            ],
        )
        .ok();
    assert_eq!(seqs(&only.stdout), [after + 1, after + 2]);
    // Same permission as export.
    env.as_(HAL, &["audit", "tail"]).code(3);
    env.as_(ADA, &["audit", "tail", "--event", "nope"]).code(2);
}

#[test]
fn tail_follow_gets_every_row_other_processes_commit_once_and_ends_on_sigterm() {
    let env = TestEnv::acme();
    let after = max_seq(&env);
    let out_path = env.dir.path().join("tail.out");
    let out = std::fs::File::create(&out_path).unwrap();
    let mut child = env
        .cmd()
        .args([
            "--actor", OPERATOR, "--org", "acme", "audit", "tail", "--follow",
        ])
        .args(["--after", &after.to_string()])
        .stdout(out)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Four admins start and stop sessions at once, each from processes of their own.
    let pairs = [
        (ADA, FAY),
        (SAM, "zoe@acme.test"),
        (HAL, FAY),
        (HANA, "ola@acme.test"),
    ];
    std::thread::scope(|s| {
        for (actor, target) in pairs {
            let env = &env;
            s.spawn(move || {
                for _ in 0..5 {
                    env.as_(actor, &["--yes", "start", target]).ok();
                    env.as_(actor, &["stop"]).ok();
                }
            });
        }
    });
    let last_seq = max_seq(&env);
    assert_eq!(last_seq, after + 40);
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut text = String::new();
    while Instant::now() < deadline {
        text.clear();
        std::fs::File::open(&out_path)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        if seqs(&text).last() == Some(&last_seq) {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let status = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let exit = child.wait().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert_eq!(exit.code(), Some(0), "{stderr}");
    text = std::fs::read_to_string(&out_path).unwrap();
    // Every row once, in seq order, nothing after the last one committed.
    assert_eq!(seqs(&text), ((after + 1)..=last_seq).collect::<Vec<_>>());
    // Its one audit.exported row came after.
    let row = last(&env, "audit.exported");
    assert_eq!(row[2], OPERATOR);
    assert_eq!(details(&row)["rows"], 40);
    assert_eq!(details(&row)["follow"], true);
    assert_eq!(details(&row)["complete"], true);
}

#[test]
fn tail_follow_ends_quietly_when_its_reader_goes_away() {
    let env = TestEnv::acme();
    let mut child = env
        .cmd()
        .args([
            "--actor", OPERATOR, "--org", "acme", "audit", "tail", "--follow",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 1];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let deadline = Instant::now() + Duration::from_secs(10);
    let exit = loop {
        if let Some(exit) = child.try_wait().unwrap() {
            break exit;
        }
        assert!(
            Instant::now() < deadline,
            "tail kept running with no reader"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(exit.code(), Some(0));
}

#[test]
fn the_review_tallies_a_store_whose_answer_is_known() {
    let mut env = TestEnv::acme();
    let at = |env: &mut TestEnv, t: &str| {
        env.at(t);
    };
    // Before the period: a grant, and a session that does not count.
    at(&mut env, "2026-06-02T08:00:00Z");
    env.as_(ADA, &["grant", "super-admin", "ola@acme.test"])
        .ok();
    at(&mut env, "2026-06-02T09:00:00Z");
    env.as_(HAL, &["--yes", "start", FAY]).ok();
    env.as_(HAL, &["stop"]).ok();
    // The period: 2026-06-03.
    at(&mut env, "2026-06-03T10:00:00Z");
    env.as_(HAL, &["--yes", "start", FAY]).ok();
    at(&mut env, "2026-06-03T10:20:00Z");
    env.as_(HAL, &["stop"]).ok();
    at(&mut env, "2026-06-03T10:30:00Z");
    env.as_(HAL, &["--yes", "start", "zoe@acme.test"]).ok();
    // Expires at 11:30, recorded then by the next command.
    at(&mut env, "2026-06-03T12:00:00Z");
    env.as_(HAL, &["--yes", "start", "ola@acme.test"]).code(3);
    at(&mut env, "2026-06-03T13:00:00Z");
    env.as_(
        ADA,
        &["grant", "hr-admin", "zoe@acme.test", "--scope", "Finance"],
    )
    .ok();
    at(&mut env, "2026-06-03T14:00:00Z");
    env.as_(SAM, &["revoke", "ola@acme.test"]).ok();
    set_approval(&env, "all");
    at(&mut env, "2026-06-03T15:00:00Z");
    let id = request(&env, HANA, FAY);
    at(&mut env, "2026-06-03T15:05:00Z");
    env.as_(SAM, &["approve", &id]).ok();
    env.as_(ADA, &["approve", &id]).code(5);
    at(&mut env, "2026-06-03T15:10:00Z");
    env.as_(HANA, &["--yes", "start", FAY]).ok();
    // After the period: hana's session expired (16:10, in the period), and more that does
    // not count.
    at(&mut env, "2026-06-05T09:00:00Z");
    set_approval(&env, "off");
    env.as_(HAL, &["--yes", "start", FAY]).ok();
    at(&mut env, "2026-06-06T00:00:00Z");
    let v = env
        .as_(
            ADA,
            &[
                "audit",
                "review",
                "--since",
                "2026-06-03",
                "--until",
                "2026-06-04",
            ],
        )
        .ok()
        .json();
    let lines: Vec<Value> = v.as_array().unwrap().clone();
    let emails: Vec<&str> = lines.iter().map(|l| l["email"].as_str().unwrap()).collect();
    assert_eq!(
        emails,
        [ADA, HAL, HANA, "ola@acme.test", SAM, "zoe@acme.test"]
    );
    let line = |email: &str| lines.iter().find(|l| l["email"] == email).unwrap().clone();
    let figures = |email: &str| {
        let l = line(email);
        (
            l["role"].as_str().unwrap().to_string(),
            l["sessions"].as_u64().unwrap(),
            l["users_impersonated"].as_u64().unwrap(),
            l["impersonation_seconds"].as_i64().unwrap(),
            l["denials"].as_u64().unwrap(),
            l["approvals_given"].as_u64().unwrap(),
        )
    };
    assert_eq!(figures(ADA), ("super_admin".into(), 0, 0, 0, 1, 0));
    assert_eq!(figures(SAM), ("super_admin".into(), 0, 0, 0, 0, 1));
    assert_eq!(figures(HAL), ("hr_admin".into(), 2, 2, 80 * 60, 1, 0));
    assert_eq!(figures(HANA), ("hr_admin".into(), 1, 1, 3600, 0, 0));
    assert_eq!(figures("zoe@acme.test"), ("hr_admin".into(), 0, 0, 0, 0, 0));
    assert_eq!(figures("ola@acme.test"), ("user".into(), 0, 0, 0, 0, 0));
    assert_eq!(line(HAL)["scope"], "Finance");
    assert_eq!(line(HAL)["impersonation_time"], "1h 20m");
    assert_eq!(line(HAL)["last_session_at"], "2026-06-03T10:30:00.000Z");
    assert_eq!(line(HAL)["last_granted_by"], OPERATOR);
    assert_eq!(line(HAL)["last_granted_at"], "2026-06-01T12:00:00.000Z");
    assert_eq!(
        line("zoe@acme.test")["last_granted_at"],
        "2026-06-03T13:00:00.000Z"
    );
    assert_eq!(line("zoe@acme.test")["last_granted_by"], ADA);
    assert_eq!(
        line("ola@acme.test")["last_granted_at"],
        "2026-06-02T08:00:00.000Z"
    );
    assert_eq!(line("ola@acme.test")["last_granted_by"], ADA);
    assert_eq!(line(HANA)["last_session_at"], "2026-06-03T15:10:00.000Z");
    // A period that ends inside a session counts its time up to the end.
    let v = env
        .as_(
            OPERATOR,
            &[
                "audit",
                "review",
                "--since",
                "2026-06-03T10:00:00Z",
                "--until",
                "2026-06-03T10:10:00Z",
            ],
        )
        .ok()
        .json();
    let hal = v
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["email"] == HAL)
        .unwrap();
    assert_eq!(hal["sessions"], 1);
    assert_eq!(hal["impersonation_seconds"], 600);
    // CSV has the table's columns; HR admins may not run it.
    let csv = env.run(&[
        "--actor",
        ADA,
        "--org",
        "acme",
        "--format",
        "csv",
        "audit",
        "review",
        "--since",
        "2026-06-03",
        "--until",
        "2026-06-04",
    ]);
    let csv = csv.ok().stdout;
    assert!(csv.starts_with("email,role,scope,last_granted_at,last_granted_by,sessions,"));
    assert!(csv.contains("\nhal@acme.test,hr_admin,Finance,2026-06-01T12:00:00.000Z,pa@vendor.test,2,2,1h 20m,1,0,2026-06-03T10:30:00.000Z\n"), "{csv}");
    env.as_(HAL, &["audit", "review"]).code(3);
    env.as_(
        ADA,
        &[
            "audit",
            "review",
            "--since",
            "2026-06-04",
            "--until",
            "2026-06-03",
        ],
    )
    .code(2);
}
