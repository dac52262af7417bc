//! `audit export` and `audit verify` (SPEC §6, issue 4): the report compliance pulls, opens in
//! spreadsheets, keeps for years and must be able to trust.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;

use assert_cmd::cargo::CommandCargoExt;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::support::acme::ADA;
use crate::support::{to_run, Run, TestEnv, OPERATOR};

const HEADER: &str =
    "seq,timestamp,org,event,outcome,reason,actor,actor_role,target,session_id,details,hash";

/// acme, then a few days of activity at known instants (seq order is not time order: the
/// expiry of hana's session is noticed, and written, a day after it happened):
///
/// | when (UTC)               | event                 | actor | target | reason        |
/// | 2026-06-01 12:00         | org.created, user.created ×9, users.imported (pa@vendor.test) |
/// | 2026-06-01 23:59:59.999  | impersonation.started | ada   | fay    | ticket 1      |
/// | 2026-06-02 00:00         | impersonation.stopped | ada   | fay    | stopped       |
/// | 2026-06-02 10:00         | impersonation.started | hana  | ola    |               |
/// | 2026-06-02 10:00         | impersonation.denied  | hal   | hana   | peer_hr_admin |
/// | 2026-06-02 11:00         | impersonation.expired | hana  | ola    | expired       |
/// | 2026-06-03 09:00         | config.changed        | ada   |        |               |
///
/// Exports then run at 2026-07-01, so their own `audit.exported` rows come last.
fn timeline() -> TestEnv {
    let mut env = TestEnv::acme();
    env.at("2026-06-01T23:59:59.999Z");
    env.as_(
        ADA,
        &["--yes", "start", "fay@acme.test", "--reason", "ticket 1"],
    )
    .ok();
    env.at("2026-06-02T00:00:00Z");
    env.as_(ADA, &["stop"]).ok();
    env.at("2026-06-02T10:00:00Z");
    env.as_("hana@acme.test", &["--yes", "start", "ola@acme.test"])
        .ok();
    env.as_("hal@acme.test", &["--yes", "start", "hana@acme.test"])
        .code(3);
    env.at("2026-06-03T09:00:00Z");
    env.as_(ADA, &["config", "set", "require-reason", "true"])
        .ok();
    env.at("2026-07-01T00:00:00Z");
    env
}

/// `audit export` as CSV (no --format) in org acme.
fn export(env: &TestEnv, actor: &str, args: &[&str]) -> Run {
    let mut full = vec!["--actor", actor, "--org", "acme", "audit", "export"];
    full.extend_from_slice(args);
    env.run(&full)
}

/// `audit export --format jsonl` in org acme, parsed.
fn export_jsonl(env: &TestEnv, actor: &str, args: &[&str]) -> Vec<Value> {
    let mut full = vec![
        "--actor", actor, "--org", "acme", "--format", "jsonl", "audit", "export",
    ];
    full.extend_from_slice(args);
    jsonl(&env.run(&full).ok().stdout)
}

fn jsonl(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line ({e}): {l}")))
        .collect()
}

/// Parses a CSV export, checking the exact header, LF line ends and 12 cells on every row;
/// returns the rows after the header.
fn csv_rows(stdout: &str) -> Vec<Vec<String>> {
    assert_eq!(stdout.lines().next(), Some(HEADER), "header of {stdout:?}");
    assert!(stdout.ends_with('\n'), "the last row ends with a line end");
    assert!(!stdout.contains('\r'), "CRLF or a stray CR in {stdout:?}");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(stdout.as_bytes());
    let mut rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| match r {
            Ok(record) => record.iter().map(str::to_string).collect(),
            Err(e) => panic!("the export is not valid CSV ({e}): {stdout}"),
        })
        .collect();
    for row in &rows {
        assert_eq!(row.len(), 12, "row {row:?}");
    }
    rows.remove(0);
    rows
}

/// Whether the `details` of a row (a JSON object) holds `value` as one of its strings, at
/// any depth and exactly.
fn holds(details: &str, value: &str) -> bool {
    fn walk(v: &Value, value: &str) -> bool {
        match v {
            Value::String(s) => s == value,
            Value::Array(items) => items.iter().any(|i| walk(i, value)),
            Value::Object(m) => m.values().any(|i| walk(i, value)),
            _ => false,
        }
    }
    let parsed: Value = serde_json::from_str(details)
        .unwrap_or_else(|e| panic!("details are not JSON ({e}): {details}"));
    assert!(parsed.is_object(), "details are not an object: {details}");
    walk(&parsed, value)
}

/// `event actor target` of each row, leaving out the exports' own `audit.exported` rows.
fn summary_csv(rows: &[Vec<String>]) -> Vec<String> {
    rows.iter()
        .filter(|r| r[3] != "audit.exported")
        .map(|r| format!("{} {} {}", r[3], r[6], r[8]).trim_end().to_string())
        .collect()
}

fn summary(env: &TestEnv, args: &[&str]) -> Vec<String> {
    summary_csv(&csv_rows(&export(env, ADA, args).ok().stdout))
}

const STARTED_FAY: &str = "impersonation.started ada@acme.test fay@acme.test";
const STOPPED_FAY: &str = "impersonation.stopped ada@acme.test fay@acme.test";
const STARTED_OLA: &str = "impersonation.started hana@acme.test ola@acme.test";
const DENIED_HANA: &str = "impersonation.denied hal@acme.test hana@acme.test";
const EXPIRED_OLA: &str = "impersonation.expired hana@acme.test ola@acme.test";
const CONFIG: &str = "config.changed ada@acme.test";

fn s(items: &[&str]) -> Vec<String> {
    items.iter().map(|i| i.to_string()).collect()
}

#[test]
fn csv_has_the_exact_header_twelve_cells_and_lf_line_ends() {
    let env = timeline();
    let run = export(&env, ADA, &[]).ok();
    assert_eq!(
        run.stderr, "",
        "nothing on stderr when it is not a terminal"
    );
    assert!(
        !run.stdout.starts_with('\u{feff}'),
        "no byte-order mark before the header"
    );
    let rows = csv_rows(&run.stdout);
    // The org's whole chain, in seq order, and nothing of the vendor's.
    assert_eq!(rows.len(), 17);
    assert_eq!(rows[0][3], "org.created");
    let seqs: Vec<i64> = rows.iter().map(|r| r[0].parse().unwrap()).collect();
    assert!(seqs.windows(2).all(|w| w[0] < w[1]), "{seqs:?}");
    assert!(rows.iter().all(|r| r[2] == "acme"));
    // Each cell is the stored value (nothing here needs the formula guard).
    let stored = env.sql(&format!(
        "SELECT * FROM audit_log WHERE org = 'acme' AND seq <= {} ORDER BY seq",
        seqs[16]
    ));
    assert_eq!(rows, stored);

    // JSON lines hold the same rows with the same field names; `--format json` is JSON lines too.
    let lines = export_jsonl(&env, ADA, &["--until", "2026-06-04"]);
    let keys: Vec<&str> = HEADER.split(',').collect();
    assert_eq!(lines.len(), 17);
    for (line, row) in lines.iter().zip(&rows) {
        let obj = line.as_object().unwrap();
        assert_eq!(obj.keys().map(String::as_str).collect::<Vec<_>>().len(), 12);
        assert_eq!(line["seq"], json!(row[0].parse::<i64>().unwrap()));
        for (i, key) in keys.iter().enumerate().skip(1) {
            assert_eq!(
                line[*key].as_str(),
                Some(row[i].as_str()),
                "{key} of {line}"
            );
        }
    }
    let as_json = env
        .as_(ADA, &["audit", "export", "--until", "2026-06-04"])
        .ok();
    assert_eq!(jsonl(&as_json.stdout), lines);
}

#[test]
fn since_is_inclusive_and_until_exclusive_for_dates_at_midnight_utc() {
    let env = timeline();
    // ada's stop is at 2026-06-02T00:00:00.000Z exactly.
    assert_eq!(
        summary(&env, &["--since", "2026-06-02"]),
        s(&[STOPPED_FAY, STARTED_OLA, DENIED_HANA, EXPIRED_OLA, CONFIG])
    );
    let until = summary(&env, &["--until", "2026-06-02"]);
    assert_eq!(until.len(), 12, "{until:?}");
    assert_eq!(until[0], "org.created pa@vendor.test");
    assert_eq!(until.last().unwrap(), STARTED_FAY);
    assert_eq!(
        summary(&env, &["--since", "2026-06-02", "--until", "2026-06-03"]),
        s(&[STOPPED_FAY, STARTED_OLA, DENIED_HANA, EXPIRED_OLA])
    );
}

#[test]
fn since_and_until_take_rfc3339_with_offsets_and_milliseconds() {
    let env = timeline();
    // ada's start is at 23:59:59.999: --since that instant keeps it, --until it drops it.
    assert_eq!(
        summary(
            &env,
            &[
                "--since",
                "2026-06-01T23:59:59.999Z",
                "--until",
                "2026-06-02T00:00:00Z"
            ]
        ),
        s(&[STARTED_FAY])
    );
    assert_eq!(
        summary(
            &env,
            &[
                "--since",
                "2026-06-01T23:00:00Z",
                "--until",
                "2026-06-01T23:59:59.999Z"
            ]
        ),
        Vec::<String>::new()
    );
    // An offset is the same instant in UTC: 12:00+02:00 is 10:00Z, 12:00+01:00 is 11:00Z, the
    // moment hana's session expired.
    assert_eq!(
        summary(
            &env,
            &[
                "--since",
                "2026-06-02T12:00:00+02:00",
                "--until",
                "2026-06-02T12:00:00+01:00"
            ]
        ),
        s(&[STARTED_OLA, DENIED_HANA])
    );
    assert_eq!(
        summary(
            &env,
            &[
                "--since",
                "2026-06-02T12:00:00+02:00",
                "--until",
                "2026-06-02T12:00:00.001+01:00"
            ]
        ),
        s(&[STARTED_OLA, DENIED_HANA, EXPIRED_OLA])
    );
    // The filter is on the time of the event, not on seq: the expiry was written after
    // 2026-06-03 but happened at 11:00 on the 2nd.
    assert_eq!(
        summary(
            &env,
            &["--since", "2026-06-02T10:30:00Z", "--until", "2026-06-03"]
        ),
        s(&[EXPIRED_OLA])
    );
}

#[test]
fn event_filter_takes_names_families_and_repeats() {
    let env = timeline();
    assert_eq!(
        summary(&env, &["--event", "impersonation.started"]),
        s(&[STARTED_FAY, STARTED_OLA])
    );
    assert_eq!(
        summary(&env, &["--event", "impersonation.*"]),
        s(&[
            STARTED_FAY,
            STOPPED_FAY,
            STARTED_OLA,
            DENIED_HANA,
            EXPIRED_OLA
        ])
    );
    assert_eq!(
        summary(
            &env,
            &[
                "--event",
                "config.changed",
                "--event",
                "impersonation.denied",
                "--event",
                "org.*"
            ]
        ),
        s(&["org.created pa@vendor.test", DENIED_HANA, CONFIG])
    );
    // `user.*` is user.created and the like, not users.imported.
    let users = summary(&env, &["--event", "user.*"]);
    assert_eq!(users.len(), 9);
    assert!(
        users.iter().all(|u| u.starts_with("user.created ")),
        "{users:?}"
    );
    let exported = csv_rows(
        &export(&env, ADA, &["--event", "audit.exported"])
            .ok()
            .stdout,
    );
    assert_eq!(exported.len(), 4, "the four exports before this one");
}

#[test]
fn by_and_target_filters_pick_actor_and_target() {
    let env = timeline();
    assert_eq!(
        summary(&env, &["--by", "hana@acme.test"]),
        s(&[STARTED_OLA, EXPIRED_OLA])
    );
    assert_eq!(
        summary(
            &env,
            &["--by", "ADA@Acme.Test", "--event", "impersonation.*"]
        ),
        s(&[STARTED_FAY, STOPPED_FAY]),
        "emails compare case-insensitively"
    );
    assert_eq!(
        summary(&env, &["--target", "ola@acme.test"]),
        s(&[
            "user.created pa@vendor.test ola@acme.test",
            STARTED_OLA,
            EXPIRED_OLA
        ])
    );
    assert_eq!(
        summary(&env, &["--by", "nobody@acme.test"]),
        Vec::<String>::new()
    );
}

#[test]
fn filters_combine() {
    let env = timeline();
    assert_eq!(
        summary(
            &env,
            &[
                "--event",
                "impersonation.*",
                "--by",
                ADA,
                "--since",
                "2026-06-02"
            ]
        ),
        s(&[STOPPED_FAY])
    );
    assert_eq!(
        summary(
            &env,
            &[
                "--event",
                "impersonation.*",
                "--event",
                "user.created",
                "--target",
                "ola@acme.test",
                "--since",
                "2026-06-01T12:00:00Z",
                "--until",
                "2026-06-02T10:30:00Z",
            ]
        ),
        s(&["user.created pa@vendor.test ola@acme.test", STARTED_OLA])
    );
    assert_eq!(
        summary(
            &env,
            &[
                "--by",
                "hal@acme.test",
                "--target",
                "hana@acme.test",
                "--event",
                "impersonation.denied"
            ]
        ),
        s(&[DENIED_HANA])
    );
    assert_eq!(
        summary(
            &env,
            &["--by", "hal@acme.test", "--target", "ola@acme.test"]
        ),
        Vec::<String>::new()
    );
}

#[test]
fn an_empty_range_is_the_header_alone() {
    let env = timeline();
    let run = export(&env, ADA, &["--since", "2030-01-01"]).ok();
    assert_eq!(run.stdout, format!("{HEADER}\n"));
    // An inverted range is a mistake, not an empty report.
    let run = export(
        &env,
        ADA,
        &["--since", "2026-06-03", "--until", "2026-06-02"],
    )
    .code(2);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains("must be before --until"),
        "{}",
        run.stderr
    );
    let run = env
        .as_(ADA, &["audit", "export", "--since", "2030-01-01"])
        .ok();
    assert_eq!(run.stdout, "", "JSON lines of nothing is nothing");
}

#[test]
fn bad_dates_and_unknown_events_are_exit_2_and_export_nothing() {
    let env = timeline();
    let before = env.snapshot();
    for args in [
        &["--since", "2026-13-45"][..],
        &["--until", "2026-13-45"],
        &["--since", "yesterday"],
        &["--until", "2026-06-01 12:00"],
        &["--event", "impersonation.begun"],
        &["--event", "nope.*"],
        &["--event", "impersonation"],
        &["--event", "impersonation.started", "--event", "bogus"],
    ] {
        let run = export(&env, ADA, args).code(2);
        assert_eq!(run.stdout, "", "{args:?}");
        assert!(
            run.stderr.starts_with("error: "),
            "{args:?}: {}",
            run.stderr
        );
    }
    let run = env
        .as_(ADA, &["audit", "export", "--since", "2026-13-45"])
        .code(2);
    assert_eq!(run.error_code(), "invalid_input");
    assert!(run.stderr.contains("2026-13-45"), "{}", run.stderr);
    assert_eq!(env.snapshot(), before, "a refused export records nothing");
}

#[test]
fn formula_guard_prefixes_csv_cells_and_json_lines_keep_them() {
    let env = TestEnv::acme();
    let people = env.dir.path().join("formulas.csv");
    std::fs::write(
        &people,
        "email,name,first_login_at\n\
         =eq@acme.test,\"=HYPERLINK(\"\"http://x\"\")\",2026-01-01T00:00:00Z\n\
         +plus@acme.test,+Plus,2026-01-01T00:00:00Z\n\
         -minus@acme.test,-Minus,2026-01-01T00:00:00Z\n\
         at@acme.test,@Mention,2026-01-01T00:00:00Z\n",
    )
    .unwrap();
    env.as_(OPERATOR, &["users", "import", people.to_str().unwrap()])
        .ok();
    env.as_(
        ADA,
        &["--yes", "start", "=eq@acme.test", "--reason", "@SUM(1+1)"],
    )
    .ok();
    env.as_(ADA, &["stop"]).ok();
    env.as_(
        ADA,
        &["--yes", "start", "--reason=-2+3", "--", "-minus@acme.test"],
    )
    .ok();

    let rows = csv_rows(&export(&env, ADA, &[]).ok().stdout);
    // No cell that a spreadsheet would run as a formula.
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "unguarded cell {cell:?} in {row:?}"
            );
        }
    }
    let created = |email: &str| {
        rows.iter()
            .find(|r| r[3] == "user.created" && r[8].ends_with(email))
            .unwrap()
    };
    let eq = created("=eq@acme.test");
    assert_eq!(eq[8], "'=eq@acme.test");
    assert_eq!(created("+plus@acme.test")[8], "'+plus@acme.test");
    assert_eq!(created("-minus@acme.test")[8], "'-minus@acme.test");
    // A name lives inside `details`, a JSON object: that cell starts with `{`, is left alone,
    // and still holds the name exactly.
    assert!(eq[10].starts_with('{'), "{}", eq[10]);
    assert!(holds(&eq[10], "=HYPERLINK(\"http://x\")"), "{}", eq[10]);
    assert!(holds(&created("at@acme.test")[10], "@Mention"));
    let started: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| r[3] == "impersonation.started")
        .collect();
    assert_eq!(started[0][5], "'@SUM(1+1)");
    assert_eq!(started[0][8], "'=eq@acme.test");
    assert_eq!(started[1][5], "'-2+3");

    // JSON lines keep every value exactly as stored.
    let lines = export_jsonl(&env, ADA, &["--event", "impersonation.started"]);
    assert_eq!(lines[0]["reason"], "@SUM(1+1)");
    assert_eq!(lines[0]["target"], "=eq@acme.test");
    assert_eq!(lines[1]["reason"], "-2+3");
    assert_eq!(lines[1]["target"], "-minus@acme.test");
    let lines = export_jsonl(
        &env,
        ADA,
        &["--target", "=eq@acme.test", "--event", "user.created"],
    );
    assert!(holds(
        lines[0]["details"].as_str().unwrap(),
        "=HYPERLINK(\"http://x\")"
    ));
}

#[test]
fn names_in_any_script_round_trip_in_csv_and_json_lines() {
    let env = TestEnv::acme();
    let names = [
        ("zoe@acme.test", "Zoë Quintero"),
        ("tanaka@acme.test", "田中 太郎"),
        ("дмитрий@acme.test", "Дмитрий Иванов"),
        ("layla@acme.test", "ليلى حداد"),
        ("miriam@acme.test", "\u{200f}מרים כהן"),
    ];
    let mut file = String::from("email,name,first_login_at\n");
    for (email, name) in &names[1..] {
        file.push_str(&format!("{email},{name},2026-01-01T00:00:00Z\n"));
    }
    let people = env.dir.path().join("intl.csv");
    std::fs::write(&people, file).unwrap();
    env.as_(OPERATOR, &["users", "import", people.to_str().unwrap()])
        .ok();
    let reason = "запрос №42 — 田中さんより، شكرا";
    env.as_(
        ADA,
        &["--yes", "start", "дмитрий@acme.test", "--reason", reason],
    )
    .ok();

    let csv_out = export(&env, ADA, &[]).ok().stdout;
    let rows = csv_rows(&csv_out);
    let lines = export_jsonl(&env, ADA, &[]);
    for (email, name) in names {
        assert!(
            csv_out.contains(name),
            "{name} is written as itself, not escaped"
        );
        let row = rows
            .iter()
            .find(|r| r[3] == "user.created" && r[8] == email)
            .unwrap();
        assert!(holds(&row[10], name), "{name} in {}", row[10]);
        let line = lines
            .iter()
            .find(|l| l["event"] == "user.created" && l["target"] == email)
            .unwrap();
        let details = line["details"].as_str().unwrap();
        assert!(holds(details, name), "{name} in {details}");
    }
    let started = rows
        .iter()
        .find(|r| r[3] == "impersonation.started")
        .unwrap();
    assert_eq!(
        (started[5].as_str(), started[8].as_str()),
        (reason, "дмитрий@acme.test")
    );
    let started = lines
        .iter()
        .find(|l| l["event"] == "impersonation.started")
        .unwrap();
    assert_eq!(
        (&started["reason"], &started["target"]),
        (&json!(reason), &json!("дмитрий@acme.test"))
    );
}

/// The files in `dir`, sorted.
fn files_in(dir: &Path) -> Vec<String> {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut names: Vec<String> = entries
        .map(|e| match e {
            Ok(entry) => entry.file_name().to_string_lossy().into_owned(),
            Err(e) => panic!("{}: {e}", dir.display()),
        })
        .collect();
    names.sort();
    names
}

#[test]
fn output_writes_the_report_and_leaves_no_temporary_file() {
    let env = timeline();
    let out_dir = env.dir.path().join("reports");
    std::fs::create_dir(&out_dir).unwrap();
    let report = out_dir.join("audit.csv");
    std::fs::write(&report, "an older report\n").unwrap();
    let run = export(
        &env,
        ADA,
        &[
            "--until",
            "2026-06-04",
            "--output",
            report.to_str().unwrap(),
        ],
    )
    .ok();
    assert_eq!(run.stdout, "", "the report goes to the file, not stdout");
    assert_eq!(run.stderr, "");
    let written = std::fs::read_to_string(&report).unwrap();
    assert_eq!(
        written,
        export(&env, ADA, &["--until", "2026-06-04"]).ok().stdout
    );
    assert_eq!(csv_rows(&written).len(), 17);
    assert_eq!(files_in(&out_dir), ["audit.csv"]);

    // JSON lines too, and a relative path lands in the working directory.
    let mut cmd = env.cmd();
    cmd.current_dir(&out_dir).args([
        "--actor",
        ADA,
        "--org",
        "acme",
        "--format",
        "jsonl",
        "audit",
        "export",
        "--output",
        "audit.jsonl",
    ]);
    to_run(cmd.output().unwrap()).ok();
    let lines = jsonl(&std::fs::read_to_string(out_dir.join("audit.jsonl")).unwrap());
    assert_eq!(lines.len(), 19, "17 rows and the two exports before");
    assert_eq!(files_in(&out_dir), ["audit.csv", "audit.jsonl"]);
}

#[test]
fn a_failed_export_leaves_no_file_and_keeps_the_old_one() {
    let env = timeline();
    let root = env.dir.path().join("out");
    std::fs::create_dir(&root).unwrap();
    let before = env.audit_count("audit.exported");

    // Into a folder that does not exist: exit 1, and nothing is created.
    let missing = root.join("no-such-folder").join("audit.csv");
    let run = export(&env, ADA, &["--output", missing.to_str().unwrap()]).code(1);
    assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
    assert!(!root.join("no-such-folder").exists());
    assert_eq!(files_in(&root), Vec::<String>::new());

    // Onto an existing folder: the rename at the end fails, and the folder keeps its content.
    let taken = root.join("audit.csv");
    std::fs::create_dir(&taken).unwrap();
    std::fs::write(taken.join("kept.txt"), "old").unwrap();
    let run = export(&env, ADA, &["--output", taken.to_str().unwrap()]).code(1);
    assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
    assert!(taken.is_dir());
    assert_eq!(files_in(&taken), ["kept.txt"]);
    assert_eq!(
        std::fs::read_to_string(taken.join("kept.txt")).unwrap(),
        "old"
    );
    assert_eq!(
        files_in(&root),
        ["audit.csv"],
        "no temporary file left behind"
    );

    // A refused export does not touch an existing report either.
    let old = root.join("old.csv");
    std::fs::write(&old, "old report\n").unwrap();
    export(&env, "hal@acme.test", &["--output", old.to_str().unwrap()]).code(3);
    export(
        &env,
        ADA,
        &["--since", "2026-13-45", "--output", old.to_str().unwrap()],
    )
    .code(2);
    assert_eq!(std::fs::read_to_string(&old).unwrap(), "old report\n");
    assert_eq!(files_in(&root), ["audit.csv", "old.csv"]);

    assert_eq!(
        env.audit_count("audit.exported"),
        before,
        "a failed export is not recorded"
    );
}

#[test]
fn operators_export_the_selected_org_or_every_org() {
    let env = timeline();
    let northwind = crate::support::acme_csv().with_file_name("northwind.csv");
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

    let rows = csv_rows(&export(&env, OPERATOR, &[]).ok().stdout);
    assert_eq!(rows.len(), 17);
    assert!(rows.iter().all(|r| r[2] == "acme"));

    let total: usize = env.sql1("SELECT count(*) FROM audit_log").parse().unwrap();
    let all = env
        .run(&["--actor", OPERATOR, "audit", "export", "--all-orgs"])
        .ok();
    let rows = csv_rows(&all.stdout);
    assert_eq!(rows.len(), total, "every row of the store");
    let orgs: std::collections::BTreeSet<&str> = rows.iter().map(|r| r[2].as_str()).collect();
    assert_eq!(orgs, ["", "acme", "northwind"].into_iter().collect());
    let vendor = rows
        .iter()
        .find(|r| r[2].is_empty() && r[3] != "store.created")
        .unwrap();
    assert_eq!(
        (vendor[3].as_str(), vendor[8].as_str()),
        ("operator.added", OPERATOR)
    );
    // --org and --all-orgs together are a contradiction, refused before anything is read,
    // whether the org comes from --org or from the environment (as in a cron job).
    let both = export(&env, OPERATOR, &["--all-orgs", "--event", "org.created"]).code(2);
    assert_eq!(both.stdout, "");
    assert!(both.stderr.contains("--all-orgs"), "{}", both.stderr);
    let from_env = env
        .cmd()
        .env("ADMIN_PROXY_ORG", "acme")
        .args(["--actor", OPERATOR, "audit", "export", "--all-orgs"])
        .output()
        .unwrap();
    assert_eq!(from_env.status.code(), Some(2));

    // The one --all-orgs export that ran is recorded in each org it covered; the refused
    // ones are not.
    assert_eq!(
        env.sql1(
            "SELECT count(*) FROM audit_log WHERE event = 'audit.exported' AND org = 'northwind'"
        ),
        "1"
    );
}

#[test]
fn super_admins_export_their_own_org_only_and_nobody_else_exports() {
    let env = timeline();
    // Every org is for operators only; with an org selected too, the arguments contradict
    // each other, which is said first (exit 2).
    env.run(&["--actor", ADA, "audit", "export", "--all-orgs"])
        .code(3);
    export(&env, ADA, &["--all-orgs"]).code(2);
    env.run(&[
        "--actor", OPERATOR, "org", "create", "globex", "--name", "Globex",
    ])
    .ok();
    let rows = csv_rows(&export(&env, "sam@acme.test", &[]).ok().stdout);
    // The org's 16 rows, and the refusal of Ada's --all-orgs export.
    assert_eq!(rows.len(), 17 + 1);
    assert_eq!(rows[17][3], "access.denied");
    let refused: [(&str, &[&str]); 5] = [
        ("hal@acme.test", &[]),
        ("hana@acme.test", &[]),
        ("fay@acme.test", &[]),
        ("dex@acme.test", &[]),
        ("nobody@acme.test", &[]),
    ];
    for (actor, args) in refused {
        let run = export(&env, actor, args).code(3);
        assert_eq!(run.stdout, "", "{actor}");
        let mut full = vec![
            "--actor", actor, "--org", "acme", "--format", "json", "audit", "export",
        ];
        full.extend_from_slice(args);
        let run = env.run(&full).code(3);
        assert_eq!(run.stdout, "", "{actor}");
    }
    // A super admin of acme is nobody in another org.
    let run = env
        .run(&["--actor", ADA, "--org", "globex", "audit", "export"])
        .code(3);
    assert_eq!(run.stdout, "");
    for actor in ["hal@acme.test", "fay@acme.test"] {
        env.as_(actor, &["audit", "verify"]).code(3);
    }
    env.run(&["--actor", ADA, "--org", "globex", "audit", "verify"])
        .code(3);
    assert_eq!(env.audit_count("audit.exported"), 1, "only sam's export");
}

#[test]
fn audit_exported_is_recorded_after_the_export_with_its_filters() {
    let env = timeline();
    assert_eq!(env.audit_count("audit.exported"), 0);
    // The export does not contain its own row.
    let first = export_jsonl(&env, ADA, &[]);
    assert!(first.iter().all(|r| r["event"] != "audit.exported"));
    let last_seq = first.last().unwrap()["seq"].as_i64().unwrap();

    let rows = env.sql("SELECT seq, timestamp, org, actor, actor_role, details FROM audit_log WHERE event = 'audit.exported'");
    assert_eq!(rows.len(), 1);
    assert!(rows[0][0].parse::<i64>().unwrap() > last_seq);
    assert_eq!(
        rows[0][1..5],
        ["2026-07-01T00:00:00.000Z", "acme", ADA, "super_admin"]
    );
    let details: Value = serde_json::from_str(&rows[0][5]).unwrap();
    assert_eq!(details["format"], "jsonl");
    assert_eq!(details["rows"], json!(first.len()));

    let second = csv_rows(
        &export(
            &env,
            ADA,
            &[
                "--since",
                "2026-06-02",
                "--until",
                "2026-06-03T12:00:00+02:00",
                "--event",
                "impersonation.*",
                "--event",
                "audit.exported",
                "--by",
                "HANA@acme.test",
                "--target",
                "ola@acme.test",
            ],
        )
        .ok()
        .stdout,
    );
    assert_eq!(summary_csv(&second), s(&[STARTED_OLA, EXPIRED_OLA]));
    let details: Value = serde_json::from_str(&env.sql1(
        "SELECT details FROM audit_log WHERE event = 'audit.exported' ORDER BY seq DESC LIMIT 1",
    ))
    .unwrap();
    let filters = &details["filters"];
    assert_eq!(filters["since"], "2026-06-02T00:00:00.000Z");
    assert_eq!(filters["until"], "2026-06-03T10:00:00.000Z");
    assert_eq!(filters["by"], "hana@acme.test");
    assert_eq!(filters["target"], "ola@acme.test");
    let filter_text = filters.to_string();
    assert!(
        filter_text.contains("impersonation") && filter_text.contains("audit.exported"),
        "{filter_text}"
    );
    assert_eq!(details["format"], "csv");
    assert_eq!(details["rows"], 2);
}

/// The seq of the one row a query picks.
fn seq_of(env: &TestEnv, condition: &str) -> i64 {
    let seq = env.sql1(&format!("SELECT seq FROM audit_log WHERE {condition}"));
    seq.parse()
        .unwrap_or_else(|_| panic!("no row where {condition}"))
}

#[test]
fn verify_passes_then_names_an_edited_row() {
    let env = timeline();
    let acme_rows: u64 = env
        .sql1("SELECT count(*) FROM audit_log WHERE org = 'acme'")
        .parse()
        .unwrap();
    let all_rows: u64 = env.sql1("SELECT count(*) FROM audit_log").parse().unwrap();
    let v = env.as_(ADA, &["audit", "verify"]).ok().json();
    env.assert_verified(&v, acme_rows, &["acme"]);
    let v = env
        .run(&["--actor", OPERATOR, "--format", "json", "audit", "verify"])
        .ok()
        .json();
    env.assert_verified(&v, all_rows, &["", "acme"]);

    // The store itself refuses to change or remove a row.
    let edited = seq_of(
        &env,
        "event = 'impersonation.started' AND actor = 'ada@acme.test'",
    );
    let update = format!("UPDATE audit_log SET reason = 'a better reason' WHERE seq = {edited}");
    assert!(env.try_exec(&update).is_err());
    assert!(env
        .try_exec(&format!("DELETE FROM audit_log WHERE seq = {edited}"))
        .is_err());
    env.as_(ADA, &["audit", "verify"]).ok();

    env.tamper(&format!("{update};"));
    let run = env.as_(ADA, &["audit", "verify"]).code(6);
    assert_eq!(run.error_code(), "chain_broken");
    assert!(
        run.stderr.contains(&format!("seq {edited} ")),
        "{}",
        run.stderr
    );
    let v = run.json();
    assert_eq!(
        (v["ok"].as_bool(), v["first_bad_seq"].as_i64()),
        (Some(false), Some(edited))
    );
    let run = env.run(&["--actor", OPERATOR, "audit", "verify"]).code(6);
    assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("seq {edited} ")),
        "{}",
        run.stderr
    );
}

#[test]
fn verify_names_the_row_after_a_deleted_one() {
    let env = timeline();
    env.as_(ADA, &["audit", "verify"]).ok();
    let deleted = seq_of(
        &env,
        "event = 'impersonation.started' AND actor = 'hana@acme.test'",
    );
    let next = seq_of(
        &env,
        &format!("org = 'acme' AND seq > {deleted} ORDER BY seq LIMIT 1"),
    );
    env.tamper(&format!("DELETE FROM audit_log WHERE seq = {deleted};"));
    let run = env.as_(ADA, &["audit", "verify"]).code(6);
    assert_eq!(run.json()["first_bad_seq"], next, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("seq {next} ")),
        "{}",
        run.stderr
    );

    // Removing a chain's first row is caught too.
    let first = seq_of(&env, "org = 'acme' AND event = 'org.created'");
    let second = seq_of(
        &env,
        &format!("org = 'acme' AND seq > {first} ORDER BY seq LIMIT 1"),
    );
    env.tamper(&format!("DELETE FROM audit_log WHERE seq = {first};"));
    let run = env
        .run(&["--actor", OPERATOR, "--org", "acme", "audit", "verify"])
        .code(6);
    assert!(
        run.stderr.contains(&format!("seq {second} ")),
        "{}",
        run.stderr
    );
}

/// `seq` and `hash` of each row, and the hash worked out as the README tells an auditor:
/// SHA-256 over the previous hash of the same org + the JSON array of the other fields.
fn recompute(lines: &[Value]) -> Vec<(i64, String, String)> {
    let mut heads: std::collections::HashMap<String, String> = Default::default();
    let mut out = Vec::new();
    for l in lines {
        let canonical = serde_json::to_string(&json!([
            l["seq"],
            l["timestamp"],
            l["org"],
            l["event"],
            l["outcome"],
            l["reason"],
            l["actor"],
            l["actor_role"],
            l["target"],
            l["session_id"],
            l["details"]
        ]))
        .unwrap_or_else(|e| panic!("{e}"));
        let org = l["org"]
            .as_str()
            .unwrap_or_else(|| panic!("no org in {l}"))
            .to_string();
        let prev = heads.get(&org).cloned().unwrap_or_default();
        let mut h = Sha256::new();
        h.update(prev.as_bytes());
        h.update(canonical.as_bytes());
        let hash: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
        out.push((
            l["seq"].as_i64().unwrap_or_else(|| panic!("no seq in {l}")),
            l["hash"]
                .as_str()
                .unwrap_or_else(|| panic!("no hash in {l}"))
                .to_string(),
            hash.clone(),
        ));
        heads.insert(org, hash);
    }
    out
}

#[test]
fn the_chain_recomputes_from_json_lines() {
    let env = timeline();
    let people = env.dir.path().join("intl.csv");
    std::fs::write(
        &people,
        "email,name\n=q@acme.test,\"Zoë \"\"Q\"\" \\ 田中\t/\"\n",
    )
    .unwrap();
    env.as_(OPERATOR, &["users", "import", people.to_str().unwrap()])
        .ok();

    let lines = export_jsonl(&env, ADA, &[]);
    assert_eq!(lines[0]["event"], "org.created");
    assert!(lines.len() > 17);
    for (seq, stored, recomputed) in recompute(&lines) {
        assert_eq!(stored, recomputed, "row {seq}");
    }
    // Every chain of the store, the vendor's included.
    let all = jsonl(
        &env.run(&[
            "--actor",
            OPERATOR,
            "--format",
            "jsonl",
            "audit",
            "export",
            "--all-orgs",
        ])
        .ok()
        .stdout,
    );
    assert!(all.iter().any(|l| l["org"] == ""));
    for (seq, stored, recomputed) in recompute(&all) {
        assert_eq!(stored, recomputed, "row {seq}");
    }
}

#[test]
fn a_closed_pipe_ends_the_export_quietly() {
    let env = TestEnv::acme();
    let mut file = String::from("email,name,groups\n");
    for i in 0..5000 {
        file.push_str(&format!(
            "user{i}@acme.test,User Number {i},Group {}\n",
            i % 7
        ));
    }
    let people = env.dir.path().join("many.csv");
    std::fs::write(&people, file).unwrap();
    env.as_(OPERATOR, &["users", "import", people.to_str().unwrap()])
        .ok();

    for format in ["csv", "jsonl"] {
        let mut child = env
            .cmd()
            .args([
                "--actor", ADA, "--org", "acme", "--format", format, "audit", "export",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut reader = BufReader::new(child.stdout.take().unwrap());
        let mut first = String::new();
        reader.read_line(&mut first).unwrap();
        assert!(!first.is_empty());
        drop(reader);
        let run = to_run(child.wait_with_output().unwrap());
        assert_eq!(run.code, 0, "{format}: {}", run.stderr);
        let lower = run.stderr.to_lowercase();
        assert!(
            !lower.contains("error") && !lower.contains("panic"),
            "{format}: {}",
            run.stderr
        );
    }
    // Read to the end, the same export has every row.
    let rows = csv_rows(&export(&env, ADA, &["--event", "user.created"]).ok().stdout);
    assert_eq!(rows.len(), 5009);
}

#[test]
fn verify_only_reads_even_with_sessions_overdue() {
    let mut env = TestEnv::acme();
    env.as_(ADA, &["--yes", "start", "fay@acme.test"]).ok();
    // Hours later the session is overdue; a verification must not record its expiry (the
    // store may be a copy kept as evidence), while any other command would.
    env.at("2026-06-01T18:00:00Z");
    let before = env.snapshot();
    let wal_before = std::fs::metadata(env.db.with_extension("db-wal"))
        .map(|m| m.len())
        .ok();
    let v = env.as_(ADA, &["audit", "verify"]).ok().json();
    assert_eq!(v["ok"], true);
    assert_eq!(env.snapshot(), before, "verify wrote to the store");
    assert_eq!(
        std::fs::metadata(env.db.with_extension("db-wal"))
            .map(|m| m.len())
            .ok(),
        wal_before
    );
    env.as_(ADA, &["status"]).ok();
    assert_eq!(env.audit_count("impersonation.expired"), 1);

    // A store that does not exist is not created by a verification.
    let missing = env.dir.path().join("missing.db");
    let run = std::process::Command::cargo_bin("admin-proxy")
        .unwrap()
        .arg("--db")
        .arg(&missing)
        .args(["--actor", ADA, "audit", "verify"])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    assert!(!missing.exists());
}
