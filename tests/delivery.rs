//! Delivery: an export or a notice is recorded only when it reached a reader. Stdout closed
//! or sent to /dev/null is refused; an export cut short by its reader records the rows the
//! reader accepted; `--output` never names the store and is recorded before it appears.

use std::process::Stdio;

use serde_json::Value;

use crate::support::acme::ADA;
use crate::support::{to_run, Run, TestEnv, OPERATOR};

/// Runs the binary through `sh` with `redirect` after its arguments (`>&-`, `| head -n 3`).
fn through_shell(env: &TestEnv, args: &[&str], redirect: &str) -> Run {
    let cmd = env.cmd();
    let mut sh = std::process::Command::new("sh");
    sh.arg("-c")
        .arg(format!("\"$0\" \"$@\" {redirect}"))
        .arg(cmd.get_program())
        .args(cmd.get_args())
        .args(args);
    for (k, v) in cmd.get_envs() {
        match v {
            Some(v) => sh.env(k, v),
            None => sh.env_remove(k),
        };
    }
    to_run(sh.stdin(Stdio::null()).output().unwrap())
}

/// A session of Ada's with one change, so that one notice is pending.
fn pending_notice(env: &TestEnv) {
    env.as_(ADA, &["--yes", "start", "fay@acme.test"]).ok();
    env.as_(ADA, &["act", "profile.edit", "--change"]).ok();
}

fn exported_rows(env: &TestEnv) -> Vec<Value> {
    env.sql("SELECT details FROM audit_log WHERE event = 'audit.exported' ORDER BY seq")
        .into_iter()
        .map(|r| serde_json::from_str(&r[0]).unwrap())
        .collect()
}

#[test]
fn a_drain_to_a_closed_or_null_stdout_marks_nothing_delivered() {
    let env = TestEnv::acme();
    pending_notice(&env);
    let drain = ["--actor", OPERATOR, "notifications", "drain"];
    for redirect in [">&-", ">/dev/null"] {
        let run = through_shell(&env, &drain, redirect);
        assert_eq!(run.code, 1, "{redirect}: {}", run.stderr);
        assert!(run.stderr.contains("stdout"), "{redirect}: {}", run.stderr);
        assert_eq!(env.audit_count("notification.delivered"), 0, "{redirect}");
    }
    // A real reader gets it, and then it is delivered.
    let run = env.run(&drain).ok();
    assert_eq!(run.stdout.lines().count(), 1, "{}", run.stdout);
    assert_eq!(env.audit_count("notification.delivered"), 1);
}

#[test]
fn an_export_to_a_closed_or_null_stdout_is_refused_and_not_recorded() {
    let env = TestEnv::acme();
    for redirect in [">&-", ">/dev/null"] {
        let run = through_shell(&env, &["--actor", ADA, "audit", "export"], redirect);
        assert_eq!(run.code, 1, "{redirect}: {}", run.stderr);
        assert!(
            run.stderr.contains("/dev/null"),
            "{redirect}: {}",
            run.stderr
        );
    }
    assert_eq!(env.audit_count("audit.exported"), 0);
}

#[test]
fn an_export_cut_short_by_its_reader_records_the_rows_it_accepted() {
    let env = TestEnv::acme();
    // Enough rows that the pipe fills and the reader's going away is felt.
    let mut csv = String::from("email,name,groups,first_login_at\n");
    for i in 0..4000 {
        csv.push_str(&format!(
            "person{i}@acme.test,Person {i} with a rather long name to fill the pipe,Finance,2026-01-01T00:00:00Z\n"
        ));
    }
    let file = env.dir.path().join("many.csv");
    std::fs::write(&file, csv).unwrap();
    env.run(&[
        "--actor",
        OPERATOR,
        "--org",
        "acme",
        "users",
        "import",
        file.to_str().unwrap(),
    ])
    .ok();
    let total: u64 = env
        .sql1("SELECT count(*) FROM audit_log WHERE org = 'acme'")
        .parse()
        .unwrap();

    let run = through_shell(
        &env,
        &["--actor", ADA, "--org", "acme", "audit", "export"],
        "| head -n 3",
    );
    assert_eq!(
        run.code, 0,
        "a reader that went away is not an error: {}",
        run.stderr
    );
    assert_eq!(run.stdout.lines().count(), 3);
    let rows = exported_rows(&env);
    assert_eq!(rows.len(), 1, "the cut export is on the record");
    let cut = &rows[0];
    assert_eq!(cut["complete"], false, "{cut}");
    let written = cut["rows"].as_u64().unwrap();
    assert!(written >= 2 && written < total, "{written} of {total}");
    // The head it names is the last row the reader accepted.
    let head = &cut["heads"][0];
    assert_eq!(head["org"], "acme");
    assert_eq!(head["rows"], written);
    let nth = env.sql(&format!(
        "SELECT seq, hash FROM audit_log WHERE org = 'acme' ORDER BY seq LIMIT 1 OFFSET {}",
        written - 1
    ));
    assert_eq!(head["head_seq"].to_string(), nth[0][0]);
    assert_eq!(head["head_hash"], nth[0][1].as_str());

    // A whole export says so, with the head of the chain as it was.
    let full = env.dir.path().join("full.csv");
    env.export_to(ADA, &full).ok();
    let rows = exported_rows(&env);
    let whole = &rows[1];
    assert_eq!(whole["complete"], true, "{whole}");
    assert_eq!(
        whole["rows"],
        total + 1,
        "the cut export's own row included"
    );
}

#[test]
fn output_never_names_the_store_however_it_is_spelled() {
    if crate::support::sqlite_only("the store's file, its links and spellings") {
        return;
    }
    let env = TestEnv::acme();
    let db = env.db.clone();
    let before = std::fs::read(&db).unwrap();
    let link = env.dir.path().join("link.csv");
    std::os::unix::fs::symlink(&db, &link).unwrap();
    let hard = env.dir.path().join("hard.csv");
    std::fs::hard_link(&db, &hard).unwrap();
    let relative = env.dir.path().join(".").join("store.db");
    for path in [db.clone(), link, hard, relative] {
        let run = env.export_to(ADA, &path);
        assert_eq!(run.code, 2, "{}: {}", path.display(), run.stderr);
        assert!(run.stderr.contains("the store itself"), "{}", run.stderr);
    }
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "the store is untouched"
    );
    assert_eq!(env.audit_count("audit.exported"), 0);
    env.run(&["--actor", OPERATOR, "audit", "verify"]).ok();
}

#[test]
fn a_report_at_output_always_has_its_row() {
    let env = TestEnv::acme();
    let out = env.dir.path().join("report.csv");
    env.export_to(ADA, &out).ok();
    let report = std::fs::read_to_string(&out).unwrap();
    let rows = exported_rows(&env);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["complete"], true);
    assert_eq!(
        rows[0]["rows"].as_u64().unwrap() as usize,
        report.lines().count() - 1,
        "the rows of the report, its header aside"
    );
    assert_eq!(rows[0]["output"], out.to_str().unwrap());
}
