//! Evidence without the store (SPEC §6): `audit verify --file` checks an export alone and
//! names the first bad row; `--against` finds a filtered export in a full one; `--head` and
//! signed `--checkpoint`s catch a chain cut or recomputed since they were taken; the CSV
//! formula guard undoes exactly; the README's Python recomputes real exports.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use crate::support::acme::{ADA, FAY, HAL};
use crate::support::{chain_hash, to_run, Run, TestEnv, OPERATOR};

/// The export's header as SPEC §6 writes it, spelled out here on purpose: these tests read
/// exports as an outside auditor would, without the crate's own definitions.
const COLUMNS: [&str; 12] = [
    "seq",
    "timestamp",
    "org",
    "event",
    "outcome",
    "reason",
    "actor",
    "actor_role",
    "target",
    "session_id",
    "details",
    "hash",
];

// ---------------------------------------------------------------------------------------------
// helpers

/// Runs the binary with no store and no actor: no --db, no ADMIN_PROXY_* variables, an empty
/// data folder that must stay empty.
fn offline(env: &TestEnv, args: &[&str]) -> Run {
    let data = env.dir.path().join("offline-data");
    let mut cmd = std::process::Command::new(env.cmd().get_program());
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", env.dir.path())
        .env("XDG_DATA_HOME", &data)
        .env("XDG_CONFIG_HOME", env.dir.path().join("config"))
        .args(args)
        .stdin(std::process::Stdio::null());
    let run = to_run(cmd.output().unwrap());
    assert!(!data.exists(), "a store was created: {args:?}");
    run
}

/// `offline` verify of `file` with --format json, and `extra` arguments.
fn verify_file(env: &TestEnv, file: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["--format", "json", "audit", "verify", "--file"];
    args.push(file.to_str().unwrap());
    args.extend_from_slice(extra);
    offline(env, &args)
}

/// The verdict of a failed verification: exit 6, `ok` false, the row and chain named.
#[track_caller]
fn broken(run: Run, seq: i64, org: &str) -> Value {
    let run = run.code(6);
    assert_eq!(run.error_code(), "chain_broken", "{}", run.stderr);
    let v = run.json();
    assert_eq!(v["ok"], false, "{v}");
    assert_eq!(v["first_bad_seq"], seq, "{v}");
    assert_eq!(v["org"], org, "{v}");
    v
}

/// Exports to `name` in the test folder as `actor` (`--all-orgs` when `all`).
fn export(env: &TestEnv, actor: &str, all: bool, format: &str, name: &str) -> PathBuf {
    let out = env.dir.path().join(name);
    let mut args = vec!["--actor", actor, "--format", format, "audit", "export"];
    if all {
        args.push("--all-orgs");
    } else {
        args.extend(["--org", "acme"]);
    }
    args.extend(["--output", out.to_str().unwrap()]);
    env.run(&args).ok();
    out
}

/// The store's own `audit verify --format json` as `actor` (every chain for the operator).
fn verify_store(env: &TestEnv, actor: &str, extra: &[&str]) -> Run {
    let mut args = vec!["--actor", actor, "--format", "json", "audit", "verify"];
    if actor != OPERATOR {
        args.splice(2..2, ["--org", "acme"]);
    }
    args.extend_from_slice(extra);
    env.run(&args)
}

/// Runs SQL on the store with the append-only triggers out of the way, as a forger would.
fn tamper(env: &TestEnv, sql: &str) {
    env.tamper(sql);
}

/// Rehashes every row of `org`, so that its chain is valid again.
fn recompute(rows: &mut [Vec<String>], org: &str) {
    let mut prev = String::new();
    for row in rows.iter_mut().filter(|r| r[2] == org) {
        row[11] = chain_hash(&prev, row);
        prev = row[11].clone();
    }
}

/// The CSV formula guard, as the export applies it.
fn guard(cell: &str) -> String {
    match cell.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r' | b'\'') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

/// An export read back as rows of values (the CSV guard undone), to be edited and written
/// again in its own format.
struct Report {
    csv: bool,
    rows: Vec<Vec<String>>,
}

impl Report {
    fn load(path: &Path) -> Report {
        let bytes = std::fs::read(path).unwrap();
        if bytes.starts_with(b"{") {
            let rows = String::from_utf8(bytes)
                .unwrap()
                .lines()
                .map(|l| {
                    let v: Value = serde_json::from_str(l).unwrap();
                    COLUMNS
                        .iter()
                        .map(|c| match &v[c] {
                            Value::String(s) => s.clone(),
                            other => other.to_string(),
                        })
                        .collect()
                })
                .collect();
            return Report { csv: false, rows };
        }
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(&bytes[..]);
        let mut records = r.records().map(|r| r.unwrap());
        let header = records.next().unwrap();
        assert_eq!(header.iter().collect::<Vec<_>>(), COLUMNS);
        let rows = records
            .map(|rec| {
                rec.iter()
                    .map(|c| c.strip_prefix('\'').unwrap_or(c).to_string())
                    .collect()
            })
            .collect();
        Report { csv: true, rows }
    }

    fn save(&self, path: &Path) {
        let mut out = Vec::new();
        if self.csv {
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::Any(b'\n'))
                .from_writer(&mut out);
            w.write_record(COLUMNS).unwrap();
            for row in &self.rows {
                w.write_record(row.iter().map(|c| guard(c))).unwrap();
            }
            w.flush().unwrap();
        } else {
            for row in &self.rows {
                let mut obj = serde_json::Map::new();
                for (c, v) in COLUMNS.iter().zip(row) {
                    let value = match *c {
                        "seq" => json!(v.parse::<i64>().unwrap()),
                        _ => json!(v),
                    };
                    obj.insert(c.to_string(), value);
                }
                out.extend(serde_json::to_vec(&Value::Object(obj)).unwrap());
                out.push(b'\n');
            }
        }
        std::fs::write(path, out).unwrap();
    }

    fn seq(&self, i: usize) -> i64 {
        self.rows[i][0].parse().unwrap()
    }

    /// The index of the first row of `org` with event `event`.
    fn find(&self, org: &str, event: &str) -> usize {
        self.rows
            .iter()
            .position(|r| r[2] == org && r[3] == event)
            .unwrap_or_else(|| panic!("no {event} in {org}"))
    }
}

/// acme with a second org created in between, and a session of Ada's with an action and a
/// reason: the acme chain has gaps in its seqs where globex's rows are.
fn busy_store() -> TestEnv {
    let env = TestEnv::acme();
    env.run(&[
        "--actor", OPERATOR, "org", "create", "globex", "--name", "Globex",
    ])
    .ok();
    env.as_(ADA, &["--yes", "start", FAY, "--reason", "=ticket 42"])
        .ok();
    env.as_(ADA, &["act", "report.generate"]).ok();
    env.as_(ADA, &["stop"]).ok();
    env
}

/// A key pair made by `audit keygen --out DIR`: (private key file, public key text).
fn keygen(env: &TestEnv, name: &str) -> (PathBuf, String) {
    let dir = env.dir.path().join(name);
    let run = offline(env, &["audit", "keygen", "--out", dir.to_str().unwrap()]).ok();
    (dir.join("checkpoint.key"), run.stdout.trim().to_string())
}

/// The signed notes of `audit checkpoint` as `actor`, written to `name`.
fn checkpoint(env: &TestEnv, actor: &str, key: &Path, name: &str) -> PathBuf {
    let run = env
        .run(&[
            "--actor",
            actor,
            "--org",
            "acme",
            "audit",
            "checkpoint",
            "--key",
            key.to_str().unwrap(),
        ])
        .ok();
    let path = env.dir.path().join(name);
    std::fs::write(&path, run.stdout).unwrap();
    path
}

// ---------------------------------------------------------------------------------------------
// offline verification

#[test]
fn an_org_export_and_an_all_orgs_export_verify_alone_with_the_store_s_heads() {
    let env = busy_store();
    let store_all = verify_store(&env, OPERATOR, &[]).ok().json();
    let all_csv = export(&env, OPERATOR, true, "csv", "all.csv");
    // The export of all wrote its audit.exported rows: the next one covers them too.
    let store_all_2 = verify_store(&env, OPERATOR, &[]).ok().json();
    let all_jsonl = export(&env, OPERATOR, true, "jsonl", "all.jsonl");
    let store_acme = verify_store(&env, ADA, &[]).ok().json();
    let acme_csv = export(&env, ADA, false, "csv", "acme.csv");
    let store_acme_2 = verify_store(&env, ADA, &[]).ok().json();
    let acme_jsonl = export(&env, ADA, false, "jsonl", "acme.jsonl");

    for (file, store, orgs) in [
        (&all_csv, &store_all, &["", "acme", "globex"][..]),
        (&all_jsonl, &store_all_2, &["", "acme", "globex"][..]),
        (&acme_csv, &store_acme, &["acme"][..]),
        (&acme_jsonl, &store_acme_2, &["acme"][..]),
    ] {
        let v = verify_file(&env, file, &[]).ok().json();
        assert_eq!(v["ok"], true, "{v}");
        // The same heads, in the same shape, as the store's own verify printed.
        assert_eq!(v["chains"], store["chains"], "{}", file.display());
        assert_eq!(v["rows"], store["rows"], "{}", file.display());
        let named: Vec<&str> = v["chains"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["org"].as_str().unwrap())
            .collect();
        assert_eq!(named, orgs);
        // The store's first row says it runs on a test clock; an org's export cannot know.
        let clock = if orgs.len() > 1 { "test" } else { "unknown" };
        assert_eq!(v["clock"], clock, "{v}");
    }

    // People get the heads as the store verify prints them.
    let text = offline(
        &env,
        &["audit", "verify", "--file", acme_csv.to_str().unwrap()],
    )
    .ok()
    .stdout;
    let head = &store_acme["chains"][0];
    assert!(
        text.contains(&format!(
            "acme: {} rows, head {}:{}",
            head["rows"],
            head["head_seq"],
            head["head_hash"].as_str().unwrap()
        )),
        "{text}"
    );

    // --format forces the reading: a CSV read as JSON lines is not an audit row.
    let run = offline(
        &env,
        &[
            "--format",
            "jsonl",
            "audit",
            "verify",
            "--file",
            acme_csv.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 6, "{}{}", run.stdout, run.stderr);
    offline(
        &env,
        &[
            "--format",
            "csv",
            "audit",
            "verify",
            "--file",
            acme_csv.to_str().unwrap(),
        ],
    )
    .ok();
    // A file that is no export is a usage error.
    let users = crate::support::acme_csv();
    let run = verify_file(&env, &users, &[]).code(2);
    assert!(run.stderr.contains("not an audit export"), "{}", run.stderr);
}

#[test]
fn an_edited_deleted_inserted_or_moved_row_is_named() {
    let env = busy_store();
    for format in ["csv", "jsonl"] {
        let path = export(&env, ADA, false, format, &format!("acme.{format}"));
        let report = Report::load(&path);
        let bad = env.dir.path().join(format!("bad.{format}"));
        let started = report.find("acme", "impersonation.started");
        assert!(started > 2);

        // An edited cell: that row.
        let mut r = Report::load(&path);
        r.rows[started][5] = "a better reason".into();
        r.save(&bad);
        broken(verify_file(&env, &bad, &[]), report.seq(started), "acme");

        // A deleted row: the row after it.
        let mut r = Report::load(&path);
        r.rows.remove(started);
        r.save(&bad);
        broken(
            verify_file(&env, &bad, &[]),
            report.seq(started + 1),
            "acme",
        );

        // A row inserted in a gap of the seqs, its own hash forged correctly: the row after.
        let gap = report.seq(started) - 1;
        assert!(gap > report.seq(started - 1), "globex's rows make a gap");
        let mut r = Report::load(&path);
        let mut forged = r.rows[started].clone();
        forged[0] = gap.to_string();
        forged[5] = "forged".into();
        forged[11] = chain_hash(&r.rows[started - 1][11], &forged);
        r.rows.insert(started, forged);
        r.save(&bad);
        broken(verify_file(&env, &bad, &[]), report.seq(started), "acme");

        // Two rows swapped: the one moved up no longer follows its chain.
        let mut r = Report::load(&path);
        r.rows.swap(started, started + 1);
        r.save(&bad);
        broken(
            verify_file(&env, &bad, &[]),
            report.seq(started + 1),
            "acme",
        );

        // The first rows cut and the rest recomputed: the chain does not begin as a chain.
        let mut r = Report::load(&path);
        r.rows.drain(..2);
        recompute(&mut r.rows, "acme");
        r.save(&bad);
        let v = broken(verify_file(&env, &bad, &[]), report.seq(2), "acme");
        assert!(
            v["problem"].as_str().unwrap().contains("org.created"),
            "{v}"
        );

        // Untouched and written again by the test's own writer, it passes: the edits above
        // are what failed.
        Report::load(&path).save(&bad);
        verify_file(&env, &bad, &[]).ok();
    }
}

#[test]
fn a_filtered_export_is_checked_against_its_full_export() {
    let env = busy_store();
    for format in ["csv", "jsonl"] {
        let full = export(&env, ADA, false, format, &format!("full.{format}"));
        let part = env.dir.path().join(format!("part.{format}"));
        env.run(&[
            "--actor",
            ADA,
            "--org",
            "acme",
            "--format",
            format,
            "audit",
            "export",
            "--event",
            "impersonation.*",
            "--output",
            part.to_str().unwrap(),
        ])
        .ok();
        // Alone, a filtered export is not a whole chain.
        verify_file(&env, &part, &[]).code(6);
        let v = verify_file(&env, &part, &["--against", full.to_str().unwrap()])
            .ok()
            .json();
        assert_eq!(v["ok"], true, "{v}");
        assert_eq!(v["file_rows"], 3, "started, action, stopped: {v}");
        assert_eq!(v["chains"][0]["org"], "acme", "{v}");

        // One cell of the filtered export differs: that row is named, and the field.
        let mut r = Report::load(&part);
        r.rows[1][6] = "someone@else.test".into();
        r.save(&part);
        let run = verify_file(&env, &part, &["--against", full.to_str().unwrap()]);
        let v = broken(run, r.seq(1), "acme");
        assert!(v["problem"].as_str().unwrap().contains("actor"), "{v}");

        // A row that is not in the full export at all.
        let mut r = Report::load(&part);
        r.rows[1][6] = ADA.into();
        let gap = r.seq(0) - 1;
        let mut extra = r.rows[0].clone();
        extra[0] = gap.to_string();
        r.rows.insert(0, extra);
        r.save(&part);
        let run = verify_file(&env, &part, &["--against", full.to_str().unwrap()]);
        let v = broken(run, gap, "acme");
        assert!(v["problem"].as_str().unwrap().contains("not in"), "{v}");

        // A full export that was itself edited fails as itself.
        let mut r = Report::load(&full);
        let i = r.find("acme", "org.created");
        r.rows[i][1] = "2020-01-01T00:00:00.000Z".into();
        r.save(&full);
        let run = verify_file(&env, &full, &[]);
        broken(run, r.seq(i), "acme");
    }
}

// ---------------------------------------------------------------------------------------------
// kept heads and checkpoints

/// The acme head printed by the store's verify, as `--head` takes it.
fn acme_head(env: &TestEnv) -> (i64, String) {
    let v = verify_store(env, ADA, &[]).ok().json();
    let c = &v["chains"][0];
    (
        c["head_seq"].as_i64().unwrap(),
        c["head_hash"].as_str().unwrap().to_string(),
    )
}

#[test]
fn a_cut_tail_or_a_recomputed_chain_passes_alone_but_not_against_a_head_or_checkpoint() {
    let env = busy_store();
    let (key, public) = keygen(&env, "keys");
    let (head_seq, head_hash) = acme_head(&env);
    let head = format!("acme={head_seq}:{head_hash}");
    let note = checkpoint(&env, ADA, &key, "acme.note");
    // Life goes on after the head and the checkpoint were taken.
    env.as_(ADA, &["--yes", "start", FAY]).ok();
    env.as_(ADA, &["stop"]).ok();
    let note_arg = note.to_str().unwrap();
    let kept: [&[&str]; 2] = [
        &["--head", &head],
        &["--checkpoint", note_arg, "--public-key", &public],
    ];

    // Untouched, the store and its export extend both.
    for extra in kept {
        let v = verify_store(&env, ADA, extra).ok().json();
        assert_eq!(v["kept"], 1, "{v}");
    }
    for format in ["csv", "jsonl"] {
        let path = export(&env, ADA, false, format, &format!("acme.{format}"));
        for extra in kept {
            verify_file(&env, &path, extra).ok();
        }

        // The tail cut from the kept head on: valid alone, caught against either.
        let mut r = Report::load(&path);
        let at = r
            .rows
            .iter()
            .position(|row| row[0] == head_seq.to_string())
            .unwrap();
        r.rows.truncate(at);
        let cut = env.dir.path().join(format!("cut.{format}"));
        r.save(&cut);
        verify_file(&env, &cut, &[]).ok();
        let v = broken(verify_file(&env, &cut, kept[0]), head_seq, "acme");
        assert!(
            v["problem"].as_str().unwrap().contains("no longer holds"),
            "{v}"
        );
        let v = broken(verify_file(&env, &cut, kept[1]), r.seq(at - 1), "acme");
        assert!(
            v["problem"].as_str().unwrap().contains("tail was cut"),
            "{v}"
        );

        // A row before the head rewritten and the whole chain recomputed.
        let mut r = Report::load(&path);
        let i = r.find("acme", "impersonation.started");
        r.rows[i][5] = "a reason given later".into();
        recompute(&mut r.rows, "acme");
        let rewritten = env.dir.path().join(format!("rewritten.{format}"));
        r.save(&rewritten);
        verify_file(&env, &rewritten, &[]).ok();
        for extra in kept {
            let v = broken(verify_file(&env, &rewritten, extra), head_seq, "acme");
            assert!(v["problem"].as_str().unwrap().contains("rewritten"), "{v}");
        }
    }

    // The same forgeries in the store itself. The cut rows are kept to be put back after.
    let cut_rows = env.sql(&format!(
        "SELECT * FROM audit_log WHERE org = 'acme' AND seq >= {head_seq} ORDER BY seq"
    ));
    tamper(
        &env,
        &format!("DELETE FROM audit_log WHERE org = 'acme' AND seq >= {head_seq};"),
    );
    verify_store(&env, ADA, &[]).ok();
    broken(verify_store(&env, ADA, kept[0]), head_seq, "acme");
    verify_store(&env, ADA, kept[1]).code(6);

    let quoted = |v: &str| format!("'{}'", v.replace('\'', "''"));
    let mut put_back = String::new();
    for r in &cut_rows {
        let cells: Vec<String> = r
            .iter()
            .enumerate()
            .map(|(i, v)| if i == 0 { v.clone() } else { quoted(v) })
            .collect();
        put_back.push_str(&format!(
            "INSERT INTO audit_log VALUES ({});",
            cells.join(", ")
        ));
    }
    tamper(&env, &put_back);
    verify_store(&env, ADA, &[]).ok();
    let mut rows = env.sql("SELECT * FROM audit_log WHERE org = 'acme' ORDER BY seq");
    let i = rows
        .iter()
        .position(|r| r[3] == "impersonation.started")
        .unwrap();
    rows[i][5] = "a reason given later".into();
    recompute(&mut rows, "acme");
    let mut sql = format!(
        "UPDATE audit_log SET reason = 'a reason given later' WHERE seq = {};",
        rows[i][0]
    );
    for r in &rows {
        sql.push_str(&format!(
            "UPDATE audit_log SET hash = '{}' WHERE seq = {};",
            r[11], r[0]
        ));
    }
    tamper(&env, &sql);
    verify_store(&env, ADA, &[]).ok();
    for extra in kept {
        broken(verify_store(&env, ADA, extra), head_seq, "acme");
    }
}

#[test]
fn a_checkpoint_with_a_bad_signature_or_another_key_is_refused() {
    let env = busy_store();
    let (key, public) = keygen(&env, "keys");
    let (_, other) = keygen(&env, "other-keys");
    let note = checkpoint(&env, ADA, &key, "acme.note");
    let path = export(&env, ADA, false, "jsonl", "acme.jsonl");
    let text = std::fs::read_to_string(&note).unwrap();
    assert!(text.starts_with("admin-proxy/"), "{text}");
    assert!(
        text.contains("\nclock test\n"),
        "a test-clock store says so: {text}"
    );

    let refused = |note: &Path, key: &str, why: &str| {
        for run in [
            verify_file(
                &env,
                &path,
                &["--checkpoint", note.to_str().unwrap(), "--public-key", key],
            ),
            verify_store(
                &env,
                ADA,
                &["--checkpoint", note.to_str().unwrap(), "--public-key", key],
            ),
        ] {
            let run = run.code(6);
            assert_eq!(run.error_code(), "checkpoint_refused", "{}", run.stderr);
            assert!(run.stderr.contains(why), "{why}: {}", run.stderr);
        }
    };
    // The wrong key.
    refused(&note, &other, "not signed by");
    // The key's file works as well as its text; another key's file does not.
    let pub_file = env.dir.path().join("other-keys/checkpoint.pub");
    refused(&note, pub_file.to_str().unwrap(), "not signed by");
    let good_file = env.dir.path().join("keys/checkpoint.pub");
    verify_file(
        &env,
        &path,
        &[
            "--checkpoint",
            note.to_str().unwrap(),
            "--public-key",
            good_file.to_str().unwrap(),
        ],
    )
    .ok();

    // A signature altered in its middle.
    let bad = env.dir.path().join("bad.note");
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let sig = lines
        .iter()
        .position(|l| l.starts_with('\u{2014}'))
        .unwrap();
    let mut chars: Vec<char> = lines[sig].chars().collect();
    let mid = chars.len() - 30;
    chars[mid] = if chars[mid] == 'A' { 'B' } else { 'A' };
    lines[sig] = chars.into_iter().collect();
    std::fs::write(&bad, lines.join("\n") + "\n").unwrap();
    refused(&bad, &public, "signature");

    // The text altered (a smaller size, to pass a cut chain): the signature no longer holds.
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let size: u64 = lines[1].parse().unwrap();
    lines[1] = (size - 1).to_string();
    std::fs::write(&bad, lines.join("\n") + "\n").unwrap();
    refused(&bad, &public, "signature");

    // Not a key at all: a usage error.
    let run = verify_file(
        &env,
        &path,
        &[
            "--checkpoint",
            note.to_str().unwrap(),
            "--public-key",
            "nonsense",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
}

#[test]
fn checkpoints_are_recorded_and_the_store_still_verifies() {
    let env = busy_store();
    let (key, public) = keygen(&env, "keys");
    let chains = |env: &TestEnv| -> Vec<(String, u64, String)> {
        ["", "acme", "globex"]
            .iter()
            .map(|org| {
                let rows = env.sql(&format!(
                    "SELECT count(*), (SELECT hash FROM audit_log WHERE org = '{org}' ORDER BY seq DESC LIMIT 1)
                     FROM audit_log WHERE org = '{org}'"
                ));
                (org.to_string(), rows[0][0].parse().unwrap(), rows[0][1].clone())
            })
            .collect()
    };
    let before = chains(&env);
    let run = env
        .run(&[
            "--actor",
            OPERATOR,
            "--format",
            "json",
            "audit",
            "checkpoint",
            "--key",
            key.to_str().unwrap(),
        ])
        .ok();
    let notes = run.json();
    assert_eq!(notes.as_array().unwrap().len(), 3, "{notes}");
    let rows = env.sql(
        "SELECT org, actor, details FROM audit_log WHERE event = 'audit.checkpointed' ORDER BY seq",
    );
    assert_eq!(rows.len(), 3);
    for ((org, size, hash), row) in before.iter().zip(&rows) {
        assert_eq!(&row[0], org);
        assert_eq!(row[1], OPERATOR);
        let details: Value = serde_json::from_str(&row[2]).unwrap();
        // The checkpoint covers the rows before its own row.
        assert_eq!(
            details,
            json!({"size": size, "head_hash": hash, "key": public})
        );
    }
    for (note, (org, size, _)) in notes.as_array().unwrap().iter().zip(&before) {
        assert_eq!(note["org"], org.as_str());
        assert_eq!(note["size"], *size);
        let origin = note["note"].as_str().unwrap().lines().next().unwrap();
        let chain = if org.is_empty() { "vendor" } else { org };
        assert!(origin.starts_with("admin-proxy/"), "{origin}");
        assert!(origin.ends_with(&format!("/{chain}")), "{origin}");
        assert_eq!(origin.split('/').nth(1).unwrap().len(), 16, "{origin}");
    }
    let v = verify_store(&env, OPERATOR, &[]).ok().json();
    let total: u64 = env.sql1("SELECT count(*) FROM audit_log").parse().unwrap();
    env.assert_verified(&v, total, &["", "acme", "globex"]);

    // The text of all three checks against the store, and of an all-orgs export.
    let text_run = env
        .run(&[
            "--actor",
            OPERATOR,
            "audit",
            "checkpoint",
            "--key",
            key.to_str().unwrap(),
        ])
        .ok();
    let note = env.dir.path().join("all.note");
    std::fs::write(&note, &text_run.stdout).unwrap();
    assert_eq!(text_run.stdout.matches('\u{2014}').count(), 3);
    let kept = [
        "--checkpoint",
        note.to_str().unwrap(),
        "--public-key",
        &public,
    ];
    assert_eq!(verify_store(&env, OPERATOR, &kept).ok().json()["kept"], 3);
    let all = export(&env, OPERATOR, true, "csv", "all.csv");
    verify_file(&env, &all, &kept).ok();

    // Another store's checkpoint is refused, even with the right key. (Stores created at the
    // same instant on the same clock begin with the same row, and so share an id.)
    let mut other = TestEnv::new();
    other.at("2026-06-02T08:00:00Z");
    other
        .run(&["operator", "add", OPERATOR, "--role", "program-architect"])
        .ok();
    other
        .run(&[
            "--actor", OPERATOR, "org", "create", "acme", "--name", "Acme",
        ])
        .ok();
    other
        .run(&[
            "--actor",
            OPERATOR,
            "--org",
            "acme",
            "users",
            "import",
            crate::support::acme_csv().to_str().unwrap(),
        ])
        .ok();
    let other_note = checkpoint(&other, ADA, &key, "other.note");
    let run = verify_store(
        &env,
        ADA,
        &[
            "--checkpoint",
            other_note.to_str().unwrap(),
            "--public-key",
            &public,
        ],
    )
    .code(6);
    assert!(run.stderr.contains("another store"), "{}", run.stderr);

    // Checkpointing is the auditors': an HR admin is refused and it is on the record.
    env.as_(
        HAL,
        &["audit", "checkpoint", "--key", key.to_str().unwrap()],
    )
    .code(3);
    assert_eq!(env.audit_count("access.denied"), 1);
    // Without a key, a usage error that says how to make one.
    let run = env
        .run(&[
            "--actor",
            ADA,
            "audit",
            "checkpoint",
            "--key",
            "/nonexistent/key",
        ])
        .code(2);
    assert!(run.stderr.contains("audit keygen"), "{}", run.stderr);
}

#[test]
fn keygen_writes_a_private_key_only_its_owner_reads_and_never_overwrites_it() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::new();
    let run = offline(&env, &["--format", "json", "audit", "keygen"]).ok();
    let v = run.json();
    let dir = env.dir.path().join("config/admin-proxy");
    let private = dir.join("checkpoint.key");
    assert_eq!(v["private_key_file"], private.to_str().unwrap());
    let mode = std::fs::metadata(&private).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let public = std::fs::read_to_string(dir.join("checkpoint.pub")).unwrap();
    assert_eq!(public.trim(), v["public_key"].as_str().unwrap());
    assert!(public.starts_with("admin-proxy+"), "{public}");
    let secret = std::fs::read_to_string(&private).unwrap();
    assert!(secret.starts_with("PRIVATE+KEY+admin-proxy+"), "{secret}");

    let run = offline(&env, &["audit", "keygen"]).code(5);
    assert!(run.stderr.contains("never overwritten"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&private).unwrap(), secret);
    assert!(!env.db.exists(), "no store was made");
}

// ---------------------------------------------------------------------------------------------
// awkward values

/// Values that a CSV, a spreadsheet or a terminal would trip on.
const AWKWARD: &[&str] = &[
    "=1+1",
    "'quoted",
    "''",
    "'=x",
    "+1",
    "-1",
    "@SUM(A1)",
    "line\nbreak",
    "cr\rinside",
    "crlf\r\ninside",
    "comma, \"quote\"",
    "emoji 👋🏽 and ZWJ 👩‍💻",
    "bidi \u{202e}cba\u{202c} and \u{200f}",
    "line\u{2028}separator",
    "del\u{7f}",
    "trailing quote'",
];

/// A store whose rows hold every awkward value: as `start --reason`, and in `details` via
/// `act --detail` (with NUL and the other controls).
fn awkward_store() -> TestEnv {
    let env = TestEnv::acme();
    for reason in AWKWARD {
        env.as_(ADA, &["--yes", "start", FAY, &format!("--reason={reason}")])
            .ok();
        let detail =
            json!({"note": reason, "nul": "a\u{0}b", "controls": "\u{1}\u{8}\u{c}\t\u{1f}"});
        env.as_(
            ADA,
            &["act", "report.generate", "--detail", &detail.to_string()],
        )
        .ok();
        env.as_(ADA, &["stop"]).ok();
    }
    env
}

#[test]
fn the_csv_guard_round_trips_awkward_values_and_the_export_verifies() {
    let env = awkward_store();
    let stored = env.sql("SELECT * FROM audit_log WHERE org = 'acme' ORDER BY seq");
    let csv = export(&env, ADA, false, "csv", "awkward.csv");
    let jsonl = export(&env, ADA, false, "jsonl", "awkward.jsonl");
    let bytes = std::fs::read(&csv).unwrap();
    assert!(!bytes.starts_with(b"\xEF\xBB\xBF"), "no BOM");
    assert!(std::str::from_utf8(&bytes).is_ok(), "UTF-8");
    // Records end with LF; a CR appears only inside a quoted cell.
    let mut quoted = false;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'\r' => assert!(quoted, "a bare CR at byte {i}"),
            _ => {}
        }
    }
    assert!(bytes.ends_with(b"\n"));

    // Every value comes back exactly once the one leading ' is removed.
    let from_csv = Report::load(&csv);
    let from_jsonl = Report::load(&jsonl);
    // The JSON lines hold the CSV's export row too.
    assert!(
        from_csv.rows == from_jsonl.rows[..from_csv.rows.len()],
        "CSV and JSON lines agree"
    );
    let reasons: Vec<&str> = from_csv
        .rows
        .iter()
        .filter(|r| r[3] == "impersonation.started")
        .map(|r| r[5].as_str())
        .collect();
    assert_eq!(reasons, AWKWARD);
    assert!(
        from_csv.rows == stored,
        "the CSV holds the stored values exactly"
    );

    for (file, rows) in [(&csv, stored.len()), (&jsonl, stored.len() + 1)] {
        let v = verify_file(&env, file, &[]).ok().json();
        assert_eq!(v["rows"], rows, "{v}");
    }
}

// ---------------------------------------------------------------------------------------------
// the README's recipe

/// The Python block of the README's hash-chain section.
fn readme_python() -> String {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme
        .find("```python\n")
        .expect("the README has a Python block")
        + 10;
    let len = readme[start..].find("```").unwrap();
    readme[start..start + len].to_string()
}

#[test]
fn the_readme_python_verifies_real_exports_in_both_formats() {
    if std::process::Command::new("python3")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: python3 is not installed, so the README's Python cannot be run");
        return;
    }
    let env = awkward_store();
    env.run(&[
        "--actor", OPERATOR, "org", "create", "globex", "--name", "Globex",
    ])
    .ok();
    let script = env.dir.path().join("verify.py");
    std::fs::write(&script, readme_python()).unwrap();
    let files = [
        export(&env, ADA, false, "csv", "acme.csv"),
        export(&env, ADA, false, "jsonl", "acme.jsonl"),
        export(&env, OPERATOR, true, "csv", "all.csv"),
        export(&env, OPERATOR, true, "jsonl", "all.jsonl"),
    ];
    for file in &files {
        let out = std::process::Command::new("python3")
            .arg(&script)
            .arg(file)
            .output()
            .unwrap();
        let run = to_run(out);
        assert_eq!(
            run.code,
            0,
            "{}: {}{}",
            file.display(),
            run.stdout,
            run.stderr
        );
        assert_eq!(run.stdout.trim(), "ok", "{}", file.display());
    }
    // And it does catch an edit.
    let mut r = Report::load(&files[0]);
    let i = r.find("acme", "impersonation.started");
    r.rows[i][5] = "edited".into();
    let bad = env.dir.path().join("bad.csv");
    r.save(&bad);
    let out = std::process::Command::new("python3")
        .arg(&script)
        .arg(&bad)
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(0));
}
