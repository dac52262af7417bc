//! Issue 6, "Reliability": real processes against real files. Concurrent writers lose nothing,
//! races have one winner, a process killed part-way leaves all or nothing, and hostile input is
//! refused cleanly (exit 2, or 3 for a permission matter), never panics and writes nothing.
//! Every test here is bounded to a few seconds.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::Barrier;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::acme::{ADA, FAY, HAL, HANA, OLA, SAM, ZOE};
use crate::support::{to_run, write_file, Run, TestEnv, OPERATOR};

/// The users of the acme fixture.
const ACME_USERS: usize = 9;

// ---------------------------------------------------------------------------------------------
// helpers

/// Never a panic or a stack trace, whatever the outcome.
#[track_caller]
fn assert_no_panic(what: &str, run: &Run) {
    for bad in ["panicked", "RUST_BACKTRACE", "stack backtrace"] {
        assert!(
            !run.stderr.contains(bad) && !run.stdout.contains(bad),
            "{what}: {bad:?} in the output: {}{}",
            run.stdout,
            run.stderr
        );
    }
}

/// `audit verify` of every chain of the store, by the operator: exit 0, and the rows it checked.
#[track_caller]
fn verify(env: &TestEnv) -> u64 {
    let run = env
        .run(&["--actor", OPERATOR, "--format", "json", "audit", "verify"])
        .ok();
    let v = run.json();
    assert_eq!(v["ok"], true, "{v}");
    v["rows"].as_u64().unwrap()
}

fn count(env: &TestEnv, query: &str) -> usize {
    env.sql1(query).parse().unwrap()
}

fn users_in_acme(env: &TestEnv) -> usize {
    count(
        env,
        "SELECT count(*) FROM users u JOIN orgs o ON o.id = u.org_id WHERE o.slug = 'acme'",
    )
}

/// Size of a file, 0 when it does not exist (yet).
fn size_of(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

/// Polls `ready` every millisecond until it holds or the child exits; false when it exited
/// first. Panics after `limit`.
fn wait_until(child: &mut Child, limit: Duration, mut ready: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    loop {
        if ready() {
            return true;
        }
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        assert!(
            start.elapsed() < limit,
            "the condition did not hold within {limit:?}"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// A users CSV with one generated row, `email(i)` and `name(i)`, for each i in `range`.
fn users_csv(
    range: std::ops::Range<usize>,
    email: impl Fn(usize) -> String,
    name: impl Fn(usize) -> String,
) -> Vec<u8> {
    let mut out = Vec::with_capacity(range.len() * 80);
    out.extend_from_slice(b"email,name,groups,first_login_at,status,role\n");
    for i in range {
        writeln!(
            out,
            "{},{},G{},2026-01-01T00:00:00Z,active,user",
            email(i),
            name(i),
            i % 50
        )
        .unwrap();
    }
    out
}

// ---------------------------------------------------------------------------------------------
// concurrency

#[test]
fn four_admins_cycling_at_once_lose_nothing() {
    let env = TestEnv::acme();
    let cycles = 50;
    // Several admins may impersonate the same user at once (ada and hal both take fay).
    let pairs = [(ADA, FAY), (SAM, ZOE), (HAL, FAY), (HANA, OLA)];
    let barrier = Barrier::new(pairs.len());
    let started = Instant::now();
    let failures: Vec<String> = std::thread::scope(|s| {
        let workers: Vec<_> = pairs
            .iter()
            .map(|&(actor, target)| {
                let (env, barrier) = (&env, &barrier);
                s.spawn(move || {
                    barrier.wait();
                    let mut failures = Vec::new();
                    for i in 0..cycles {
                        for args in [&["--yes", "start", target][..], &["stop"][..]] {
                            let run = env.as_(actor, args);
                            assert_no_panic(actor, &run);
                            if run.code != 0 || !run.stderr.is_empty() {
                                failures.push(format!(
                                    "{actor} cycle {i} {args:?}: exit {} {}",
                                    run.code, run.stderr
                                ));
                            }
                        }
                    }
                    failures
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap())
            .collect()
    });
    let took = started.elapsed();
    eprintln!(
        "4 admins x {cycles} start/stop cycles ({} processes) took {took:?}",
        pairs.len() * cycles * 2
    );
    assert!(failures.is_empty(), "{failures:#?}");

    assert_eq!(env.audit_count("impersonation.started"), 4 * cycles);
    assert_eq!(env.audit_count("impersonation.stopped"), 4 * cycles);
    assert_eq!(env.audit_count("impersonation.denied"), 0);
    for (actor, _) in pairs {
        assert_eq!(
            count(
                &env,
                &format!(
                    "SELECT count(*) FROM sessions s JOIN users u ON u.id = s.actor_id
                     WHERE u.email = '{actor}' AND s.end_reason = 'stopped'"
                )
            ),
            cycles,
            "{actor}"
        );
    }
    assert_eq!(
        count(&env, "SELECT count(*) FROM sessions WHERE ended_at IS NULL"),
        0
    );
    verify(&env);
}

// ---------------------------------------------------------------------------------------------
// races

#[test]
fn five_simultaneous_starts_by_one_actor_have_one_winner_every_round() {
    let env = TestEnv::acme();
    let rounds = 10;
    let targets = [FAY, ZOE, OLA, HAL, HANA];
    for round in 0..rounds {
        let barrier = Barrier::new(targets.len());
        let runs: Vec<Run> = std::thread::scope(|s| {
            let racers: Vec<_> = targets
                .iter()
                .map(|&target| {
                    let (env, barrier) = (&env, &barrier);
                    s.spawn(move || {
                        let mut cmd = env.cmd();
                        cmd.args([
                            "--actor", SAM, "--org", "acme", "--format", "json", "--yes", "start",
                            target,
                        ]);
                        barrier.wait();
                        to_run(cmd.output().unwrap())
                    })
                })
                .collect();
            racers.into_iter().map(|r| r.join().unwrap()).collect()
        });
        for run in &runs {
            assert_no_panic("start", run);
        }
        let winners: Vec<&Run> = runs.iter().filter(|r| r.code == 0).collect();
        assert_eq!(winners.len(), 1, "round {round}: {runs:#?}");
        for lost in runs.iter().filter(|r| r.code != 0) {
            assert_eq!(
                (lost.code, lost.error_code().as_str()),
                (3, "session_active"),
                "round {round}: {lost:?}"
            );
        }
        let winner = winners[0].json();
        let stopped = env.as_(SAM, &["stop"]).ok().json();
        assert_eq!(stopped["session_id"], winner["session_id"], "round {round}");
    }
    assert_eq!(env.audit_count("impersonation.started"), rounds);
    assert_eq!(env.audit_count("impersonation.stopped"), rounds);
    assert_eq!(
        count(
            &env,
            "SELECT count(*) FROM audit_log WHERE event = 'impersonation.denied'
             AND actor = 'sam@acme.test' AND reason = 'session_active'"
        ),
        rounds * (targets.len() - 1)
    );
    assert_eq!(count(&env, "SELECT count(*) FROM sessions"), rounds);
    verify(&env);
}

#[test]
fn overlapping_imports_at_once_leave_a_consistent_store() {
    let env = TestEnv::acme();
    // a: u0..u1999; b: u1000..u2999, the overlap with other names and upper-case emails.
    let a = write_file(
        &env,
        "a.csv",
        users_csv(
            0..2000,
            |i| format!("u{i}@acme.test"),
            |i| format!("From A {i}"),
        ),
    );
    let b = write_file(
        &env,
        "b.csv",
        users_csv(
            1000..3000,
            |i| format!("U{i}@ACME.test"),
            |i| format!("From B {i}"),
        ),
    );
    let barrier = Barrier::new(2);
    let runs: Vec<Run> = std::thread::scope(|s| {
        let importers: Vec<_> = [&a, &b]
            .into_iter()
            .map(|file| {
                let (env, barrier) = (&env, &barrier);
                s.spawn(move || {
                    let mut cmd = env.cmd();
                    cmd.args([
                        "--actor", OPERATOR, "--org", "acme", "--format", "json", "users",
                        "import", file,
                    ]);
                    barrier.wait();
                    to_run(cmd.output().unwrap())
                })
            })
            .collect();
        importers.into_iter().map(|i| i.join().unwrap()).collect()
    });
    for run in &runs {
        assert_no_panic("import", run);
        assert_eq!(run.code, 0, "{run:?}");
    }

    // Every email exists once, lower-cased.
    assert_eq!(users_in_acme(&env), ACME_USERS + 3000);
    assert_eq!(
        count(
            &env,
            "SELECT count(*) FROM (SELECT lower(email) FROM users GROUP BY org_id, lower(email)
             HAVING count(*) > 1) AS dup"
        ),
        0
    );
    assert_eq!(
        count(
            &env,
            "SELECT count(*) FROM users WHERE email <> lower(email)"
        ),
        0
    );

    // The answers and the users.imported rows agree, and add up.
    let answers: Vec<Value> = runs.iter().map(Run::json).collect();
    let imported: Vec<Value> = env
        .sql("SELECT details FROM audit_log WHERE event = 'users.imported' ORDER BY seq")
        .into_iter()
        .skip(1) // the fixture's
        .map(|r| serde_json::from_str(&r[0]).unwrap())
        .collect();
    assert_eq!(imported.len(), 2);
    let sum =
        |rows: &[Value], key: &str| -> u64 { rows.iter().map(|r| r[key].as_u64().unwrap()).sum() };
    for key in ["created", "updated", "unchanged"] {
        assert_eq!(sum(&answers, key), sum(&imported, key), "{key}");
    }
    assert_eq!(sum(&imported, "created"), 3000);
    assert_eq!(sum(&imported, "updated"), 1000);
    assert_eq!(sum(&imported, "unchanged"), 0);
    assert_eq!(
        imported[0]["created"], 2000,
        "the first to commit creates all"
    );
    assert_eq!(env.audit_count("user.created"), ACME_USERS + 3000);
    assert_eq!(env.audit_count("user.updated"), 1000);

    // The overlap carries the names of the import that committed second, all of them.
    let (first, second) = if imported[1]["file"].as_str() == Some(b.as_str()) {
        ("From A", "From B")
    } else {
        ("From B", "From A")
    };
    for (prefix, n) in [(first, 1000), (second, 2000)] {
        let query = format!("SELECT count(*) FROM users WHERE name LIKE '{prefix} %'");
        assert_eq!(count(&env, &query), n, "{prefix}");
    }
    verify(&env);
}

// ---------------------------------------------------------------------------------------------
// crashes

/// The advisory lock a write transaction on PostgreSQL takes first (src/store/postgres.rs).
const PG_WRITE_LOCK: i64 = 0x4150_5859_0002;

/// Looks at the store from outside while another process writes to it.
enum Probe {
    /// A connection to the SQLite file that never waits for its lock.
    Sqlite(rusqlite::Connection),
    /// The harness's own connection to the PostgreSQL database.
    Postgres,
    /// Nothing: the import must have the store to itself.
    None,
}

/// True while another process holds the store's write lock, i.e. has a write transaction open:
/// on SQLite the file's lock, on PostgreSQL the advisory lock every write transaction takes
/// first (key 0x4150_5859_0002, which `pg_locks` shows as its high and low 32 bits).
fn write_locked(env: &TestEnv, probe: &Probe) -> bool {
    match probe {
        Probe::Sqlite(conn) => match conn.execute_batch("BEGIN IMMEDIATE; ROLLBACK;") {
            Ok(()) => false,
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DatabaseBusy =>
            {
                true
            }
            Err(e) => panic!("probing the write lock: {e}"),
        },
        Probe::Postgres => {
            env.sql1(&format!(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted \
                 AND classid = {} AND objid = {} \
                 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
                PG_WRITE_LOCK >> 32,
                PG_WRITE_LOCK & 0xffff_ffff
            )) != "0"
        }
        Probe::None => false,
    }
}

/// Where in a `users import` the process is killed.
#[derive(Debug, Clone, Copy)]
enum KillPoint {
    /// Once the import has held the write lock for 300 ms: rows are being inserted in its
    /// transaction (the file was parsed and checked before).
    InTransaction,
    /// As soon as its pages start reaching the write-ahead log (a cache spill or the commit).
    PagesReachTheWal,
    /// With no other connection open, a large import writes through the rollback journal:
    /// once that journal holds pages and the store's file has grown.
    PagesReachTheFile,
}

/// Imports `rows` generated users and SIGKILLs the process at `point`; then the org has either
/// none or all of them, with their audit rows, the chain verifies and the store is usable.
fn kill_an_import(rows: usize, point: KillPoint) {
    let env = TestEnv::acme();
    let csv = write_file(
        &env,
        "big.csv",
        users_csv(
            0..rows,
            |i| format!("big{i}@acme.test"),
            |i| format!("Big User {i}"),
        ),
    );
    let before = users_in_acme(&env);
    let audit_before = count(&env, "SELECT count(*) FROM audit_log");
    let wal = PathBuf::from(format!("{}-wal", env.db.display()));
    let journal = PathBuf::from(format!("{}-journal", env.db.display()));
    let size_before = size_of(&env.db);
    let probe = if env.is_postgres() {
        Probe::Postgres
    } else if matches!(point, KillPoint::PagesReachTheFile) {
        Probe::None
    } else {
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        conn.busy_timeout(Duration::ZERO).unwrap();
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .unwrap();
        assert_eq!(size_of(&wal), 0);
        Probe::Sqlite(conn)
    };

    let started = Instant::now();
    let mut child = env
        .cmd()
        .args([
            "--actor", OPERATOR, "--org", "acme", "users", "import", &csv,
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut locked_since: Option<Instant> = None;
    let reached = wait_until(&mut child, Duration::from_secs(60), || match point {
        KillPoint::InTransaction => {
            if !write_locked(&env, &probe) {
                locked_since = None;
                return false;
            }
            let since = *locked_since.get_or_insert_with(Instant::now);
            since.elapsed() >= Duration::from_millis(300)
        }
        // The WAL header alone is 32 bytes.
        KillPoint::PagesReachTheWal => size_of(&wal) > 32,
        KillPoint::PagesReachTheFile => {
            size_of(&journal) > 0 && size_of(&env.db) > size_before + (1 << 20)
        }
    });
    let killed_after = started.elapsed();
    let wal_at_kill = size_of(&wal);
    child.kill().unwrap();
    let status = child.wait().unwrap();
    drop(probe);
    eprintln!(
        "import of {rows} rows killed {point:?} after {killed_after:?} \
         (reached: {reached}, WAL {wal_at_kill} bytes, {status})"
    );

    if matches!(point, KillPoint::PagesReachTheFile) && reached && journal.exists() {
        // A command that only reads cannot play the journal back: it says what to do.
        let run = env.as_(OPERATOR, &["audit", "verify"]).code(1);
        for wanted in ["cut short", "-journal", "init"] {
            assert!(
                run.stderr.contains(wanted),
                "{wanted:?} not in {}",
                run.stderr
            );
        }
        env.run(&["init"]).ok();
        assert!(!journal.exists(), "init left the rollback journal");
    }
    let after = users_in_acme(&env);
    assert!(
        after == before || after == before + rows,
        "a killed import left {} of its {rows} rows",
        after - before
    );
    let audit_after = count(&env, "SELECT count(*) FROM audit_log");
    if after == before {
        assert!(reached, "the import ended without writing, before the kill");
        assert_eq!(audit_after, audit_before, "audit rows without their users");
    } else {
        assert_eq!(
            audit_after,
            audit_before + rows + 1,
            "users without their audit rows"
        );
    }
    verify(&env);

    // The store is still in use after the crash.
    let small = write_file(&env, "small.csv", "email,name\nkim@acme.test,Kim New\n");
    env.run(&[
        "--actor", OPERATOR, "--org", "acme", "users", "import", &small,
    ])
    .ok();
    assert_eq!(users_in_acme(&env), after + 1);
    verify(&env);
}

#[test]
fn an_import_of_300000_rows_killed_in_its_transaction_leaves_none_or_all() {
    kill_an_import(300_000, KillPoint::InTransaction);
}

#[test]
fn an_import_killed_as_its_pages_reach_the_wal_leaves_none_or_all() {
    if crate::support::sqlite_only("the write-ahead log file") {
        return;
    }
    kill_an_import(10_000, KillPoint::PagesReachTheWal);
}

#[test]
fn an_import_killed_as_it_writes_through_the_rollback_journal_leaves_none_or_all() {
    if crate::support::sqlite_only("the rollback journal of a large import") {
        return;
    }
    kill_an_import(300_000, KillPoint::PagesReachTheFile);
}

#[test]
fn a_killed_export_leaves_no_file_at_its_output() {
    let env = TestEnv::acme();
    // Enough audit rows for the export to take a while.
    let csv = write_file(
        &env,
        "many.csv",
        users_csv(
            0..20_000,
            |i| format!("many{i}@acme.test"),
            |i| format!("Many User {i}"),
        ),
    );
    env.run(&[
        "--actor", OPERATOR, "--org", "acme", "users", "import", &csv,
    ])
    .ok();
    let out_dir = env.dir.path().join("reports");
    std::fs::create_dir(&out_dir).unwrap();
    let report = out_dir.join("audit.csv");
    let part = || {
        std::fs::read_dir(&out_dir)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                name.starts_with(".admin-proxy-export-") && name.ends_with(".part")
            })
    };
    let rows = count(&env, "SELECT count(*) FROM audit_log WHERE org = 'acme'");

    let started = Instant::now();
    let mut child = env
        .cmd()
        .args(["--actor", OPERATOR, "--org", "acme", "audit", "export"])
        .arg("--output")
        .arg(&report)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill once the temporary file holds part of the report.
    let mid_write = wait_until(&mut child, Duration::from_secs(30), || {
        part().is_some_and(|p| size_of(&p) > 0)
    });
    let killed_after = started.elapsed();
    child.kill().unwrap();
    let status = child.wait().unwrap();
    eprintln!(
        "export of {rows} rows killed after {killed_after:?} (mid-write: {mid_write}, {status})"
    );

    if report.exists() {
        // It completed before the kill: then the report is whole.
        assert!(status.success(), "a partial report at FILE ({status})");
        let text = std::fs::read_to_string(&report).unwrap();
        assert_eq!(
            csv::Reader::from_reader(text.as_bytes()).records().count(),
            rows
        );
    } else {
        assert!(mid_write, "the export finished without writing its report");
        assert_eq!(
            env.audit_count("audit.exported"),
            0,
            "a killed export is not recorded"
        );
    }
    verify(&env);

    // A later export writes the whole report: every row of the org, each one parsed.
    let rows = count(&env, "SELECT count(*) FROM audit_log WHERE org = 'acme'");
    let again = env
        .cmd()
        .args(["--actor", OPERATOR, "--org", "acme", "audit", "export"])
        .arg("--output")
        .arg(&report)
        .output()
        .unwrap();
    to_run(again).ok();
    let text = std::fs::read_to_string(&report).unwrap();
    let records: Vec<_> = csv::Reader::from_reader(text.as_bytes())
        .records()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(records.len(), rows, "the report is whole");
}

// ---------------------------------------------------------------------------------------------
// hostile input

struct Case {
    name: &'static str,
    args: Vec<String>,
    code: i32,
    /// Part of the message on stderr.
    says: &'static str,
}

/// Runs one hostile case: the expected exit, `error:` and the message on stderr, nothing on
/// stdout, no panic, the store unchanged, and with --format json a JSON error object.
#[track_caller]
fn refused(env: &TestEnv, c: &Case) {
    for json in [false, true] {
        let before = env.dump(DATA_TABLES);
        let rows_before = env.sql1("SELECT count(*) FROM audit_log");
        let mut cmd = env.cmd();
        if json {
            cmd.args(["--format", "json"]);
        }
        let run = to_run(cmd.args(&c.args).output().unwrap());
        assert_no_panic(c.name, &run);
        assert_eq!(
            run.code, c.code,
            "{} (json: {json}): expected exit {}, got {}: {}{}",
            c.name, c.code, run.code, run.stdout, run.stderr
        );
        assert!(run.stdout.is_empty(), "{}: stdout {}", c.name, run.stdout);
        if json {
            assert!(!run.error_code().is_empty(), "{}: {}", c.name, run.stderr);
            assert!(run.stderr.contains(c.says), "{}: {}", c.name, run.stderr);
        } else {
            assert!(
                run.stderr.starts_with("error: "),
                "{}: {}",
                c.name,
                run.stderr
            );
            assert!(
                run.stderr.contains(c.says),
                "{}: {:?} not in {}",
                c.name,
                c.says,
                run.stderr
            );
        }
        assert_eq!(
            env.dump(DATA_TABLES),
            before,
            "{} (json: {json}): the store changed",
            c.name
        );
        // A refusal of SPEC §8 (exit 3) is on the record, one row; nothing else is.
        let new_rows: Vec<Vec<String>> = env
            .sql("SELECT event, outcome FROM audit_log ORDER BY seq")
            .into_iter()
            .skip(rows_before.parse().unwrap())
            .collect();
        match c.code {
            3 => assert!(
                new_rows.len() == 1 && new_rows[0][1] == "denied",
                "{}: {new_rows:?}",
                c.name
            ),
            _ => assert!(new_rows.is_empty(), "{}: wrote {new_rows:?}", c.name),
        }
    }
}

/// Every table but the audit log.
const DATA_TABLES: &[&str] = &[
    "orgs",
    "operators",
    "users",
    "settings",
    "sessions",
    "notifications",
];

#[test]
fn hostile_input_is_refused_cleanly_and_writes_nothing() {
    let env = TestEnv::acme();
    // An active session for the `act` cases.
    env.as_(ADA, &["--yes", "start", FAY]).ok();

    let op = ["--actor", OPERATOR, "--org", "acme"];
    let ada = ["--actor", ADA, "--org", "acme"];
    let mut cases = Vec::new();
    let mut push = |name, code, says, who: &[&str], args: &[&str]| {
        cases.push(Case {
            name,
            args: who.iter().chain(args).map(|a| a.to_string()).collect(),
            code,
            says,
        });
    };

    // Durations and booleans.
    let range = "between 1h and 24h";
    for (name, v) in [
        ("huge duration", "99999999999999999999h"),
        ("duration overflowing u64 minutes", "18446744073709551616m"),
        ("repeated unit", "1h1h"),
        ("fractional duration", "1.5h"),
        ("upper-case unit", "1H"),
        ("negative duration", "-1h"),
        ("zero duration", "0h"),
        ("empty duration", ""),
        ("duration with a space", "1h 30m"),
    ] {
        push(
            name,
            2,
            range,
            &op,
            &["config", "set", "session-timeout", v],
        );
    }
    for (name, key, v) in [
        ("maybe", "require-reason", "maybe"),
        ("1 as a boolean", "super-admin-only", "1"),
        ("TRUE in capitals", "impersonation-notifications", "TRUE"),
    ] {
        push(name, 2, "true or false", &op, &["config", "set", key, v]);
    }
    push(
        "unknown setting",
        2,
        "unknown setting",
        &op,
        &["config", "set", "colour", "blue"],
    );

    // Dates, events and limits.
    push(
        "impossible date",
        2,
        "--since",
        &op,
        &["audit", "export", "--since", "2026-13-45"],
    );
    push(
        "30 February",
        2,
        "--until",
        &op,
        &["audit", "export", "--until", "2026-02-30"],
    );
    push(
        "hour 25",
        2,
        "--since",
        &op,
        &["audit", "export", "--since", "2026-06-01T25:00:00Z"],
    );
    push(
        "event pattern",
        2,
        "unknown event",
        &op,
        &["audit", "export", "--event", "impersonation.%"],
    );
    push(
        "negative limit",
        2,
        "-5",
        &ada,
        &["list", "users", "--limit", "-5"],
    );
    push(
        "zero limit",
        2,
        "--limit",
        &ada,
        &["list", "users", "--limit", "0"],
    );
    push(
        "limit beyond u64",
        2,
        "--limit",
        &ada,
        &["list", "users", "--limit", "99999999999999999999999"],
    );

    // --detail that is not a JSON object.
    for (name, detail, says) in [
        ("detail array", "[1]", "must be a JSON object"),
        ("detail string", "\"x\"", "must be a JSON object"),
        ("detail null", "null", "must be a JSON object"),
        ("detail broken", "{bad", "not valid JSON"),
        ("detail two objects", "{\"a\":1}{\"b\":2}", "not valid JSON"),
    ] {
        push(
            name,
            2,
            says,
            &ada,
            &["act", "report.generate", "--detail", detail],
        );
    }
    push(
        "escape sequence as action",
        2,
        "not an action name",
        &ada,
        &["act", "x\u{1b}[31m"],
    );
    push(
        "100 KB reason",
        2,
        "--reason",
        &ada,
        &["--yes", "start", ZOE, "--reason", &"r".repeat(100_000)],
    );

    // CSV files.
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in "email,name\nkim@acme.test,Kim New\n".encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    let files: Vec<(&'static str, &'static str, Vec<u8>)> = vec![
        (
            "open quote",
            "quote",
            b"email,name\nkim@acme.test,\"Kim Open\nlee@acme.test,Lee\n".to_vec(),
        ),
        (
            "missing email column",
            "header has no",
            b"name,groups\nKim,Sales\n".to_vec(),
        ),
        ("UTF-16 bytes", "UTF-16", utf16),
        (
            "100 KB name",
            "column name",
            format!("email,name\nlong@acme.test,{}\n", "x".repeat(100_000)).into_bytes(),
        ),
        (
            "duplicate emails differing in case",
            "line 3",
            b"email,name\nkim@acme.test,Kim\nKIM@Acme.Test,Kim Again\n".to_vec(),
        ),
        (
            "SQL in an email cell",
            "column email",
            b"email,name\nx' OR '1'='1@acme.test,Mallory\n".to_vec(),
        ),
    ];
    for (i, (name, says, bytes)) in files.into_iter().enumerate() {
        let path = write_file(&env, &format!("hostile-{i}.csv"), bytes);
        push(name, 2, says, &op, &["users", "import", &path]);
    }
    let folder = env.dir.path().to_str().unwrap().to_string();
    push(
        "a folder as the CSV",
        2,
        "cannot read",
        &op,
        &["users", "import", &folder],
    );
    push(
        "a missing CSV",
        2,
        "cannot read",
        &op,
        &["users", "import", "/nonexistent/users.csv"],
    );

    // Emails, slugs, session ids and orgs shaped like SQL injection.
    push(
        "SQL as the start target",
        2,
        "not an email address",
        &ada,
        &["--yes", "start", "x' OR '1'='1@acme.test"],
    );
    push(
        "SQL as the grant target",
        2,
        "not an email address",
        &op,
        &["grant", "super-admin", "'; DROP TABLE users; --"],
    );
    push(
        "SQL as a slug",
        2,
        "not a valid org slug",
        &["--actor", OPERATOR],
        &["org", "create", "acme; DROP TABLE orgs", "--name", "X"],
    );
    push(
        "SQL as the session id",
        4,
        "not found",
        &ada,
        &["stop", "--session", "' OR 1=1 --"],
    );
    push(
        "SQL as the actor",
        3,
        "actor_unknown",
        &["--actor", "ada@acme.test' OR 1=1 --", "--org", "acme"],
        &["users", "list"],
    );
    push(
        "SQL as the org",
        3,
        "actor_unknown",
        &["--actor", ADA, "--org", "acme' OR '1'='1"],
        &["users", "list"],
    );
    push(
        "an empty actor",
        2,
        "--actor",
        &["--actor", "", "--org", "acme"],
        &["users", "list"],
    );

    assert!(cases.len() >= 25, "{} cases", cases.len());
    for c in &cases {
        refused(&env, c);
    }
    eprintln!("{} hostile cases refused", cases.len());
}

#[test]
fn hostile_strings_are_data_never_code() {
    let env = TestEnv::acme();

    // Searches shaped like SQL or LIKE patterns match nothing and succeed.
    let before = env.snapshot();
    for search in ["%' OR 1=1 --", "%", "_", "' OR ''='", "\\"] {
        for args in [
            &["list", "users", "--search", search][..],
            &["users", "list", "--search", search][..],
        ] {
            let run = env.as_(ADA, args);
            assert_no_panic(search, &run);
            assert_eq!(run.ok().json(), serde_json::json!([]), "{args:?}");
        }
    }
    assert_eq!(env.snapshot(), before, "a search changed the store");

    // A start on an email-shaped injection is a denial like any unknown target: exit 3,
    // recorded with the target kept verbatim, and nothing else written.
    let users = env.sql("SELECT * FROM users ORDER BY id");
    let run = env
        .as_(ADA, &["--yes", "start", "x'OR'1'='1@acme.test"])
        .code(3);
    assert_eq!(run.error_code(), "target_not_found");
    assert_eq!(
        env.sql(
            "SELECT outcome, reason, target FROM audit_log WHERE event = 'impersonation.denied'"
        ),
        vec![vec![
            "denied".to_string(),
            "target_not_found".to_string(),
            "x'or'1'='1@acme.test".to_string()
        ]]
    );
    assert_eq!(env.sql("SELECT * FROM users ORDER BY id"), users);
    assert_eq!(count(&env, "SELECT count(*) FROM sessions"), 0);

    // A right-to-left override and a bell in a name are stored byte for byte and exported as is.
    let name = "Eve \u{202E}live\u{7}bell";
    let csv = write_file(
        &env,
        "rtl.csv",
        format!("email,name\neve@acme.test,{name}\n"),
    );
    env.as_(OPERATOR, &["users", "import", &csv]).ok();
    assert_eq!(
        env.sql1("SELECT name FROM users WHERE email = 'eve@acme.test'")
            .into_bytes(),
        name.as_bytes()
    );
    let listed = env
        .as_(OPERATOR, &["users", "list", "--search", "eve@"])
        .ok()
        .json();
    assert_eq!(listed[0]["name"], name);
    let csv_list = env
        .run(&[
            "--actor", OPERATOR, "--org", "acme", "--format", "csv", "users", "list", "--search",
            "eve@",
        ])
        .ok();
    assert!(csv_list.stdout.contains(name), "{:?}", csv_list.stdout);
    let jsonl = env
        .run(&[
            "--actor",
            OPERATOR,
            "--org",
            "acme",
            "--format",
            "jsonl",
            "audit",
            "export",
            "--target",
            "eve@acme.test",
        ])
        .ok();
    let row: Value = serde_json::from_str(jsonl.stdout.lines().next().unwrap()).unwrap();
    let details: Value = serde_json::from_str(row["details"].as_str().unwrap()).unwrap();
    assert_eq!(details["name"], name);
    let exported = env
        .run(&[
            "--actor",
            OPERATOR,
            "--org",
            "acme",
            "audit",
            "export",
            "--target",
            "eve@acme.test",
        ])
        .ok();
    let record = csv::Reader::from_reader(exported.stdout.as_bytes())
        .records()
        .next()
        .unwrap()
        .unwrap();
    let details: Value = serde_json::from_str(&record[10]).unwrap();
    assert_eq!(details["name"], name);

    // A table, meant for a terminal, shows those characters as escapes, so a name can never
    // reorder the line, ring the bell or send the terminal an escape sequence.
    let evil = "Mallory \u{1b}[2J\u{1b}]0;pwned\u{7}";
    let csv = write_file(
        &env,
        "esc.csv",
        format!("email,name\nmal@acme.test,{evil}\n"),
    );
    env.as_(OPERATOR, &["users", "import", &csv]).ok();
    let table = env
        .run(&[
            "--actor",
            OPERATOR,
            "--org",
            "acme",
            "users",
            "list",
            "--search",
            "@acme.test",
        ])
        .ok();
    assert!(!table.stdout.contains('\u{1b}'), "{:?}", table.stdout);
    assert!(!table.stdout.contains('\u{202e}'), "{:?}", table.stdout);
    assert!(!table.stdout.contains('\u{7}'), "{:?}", table.stdout);
    assert!(
        table.stdout.contains("Mallory \\u{1b}[2J"),
        "{:?}",
        table.stdout
    );
    assert!(
        table.stdout.contains("Eve \\u{202e}live\\u{7}bell"),
        "{:?}",
        table.stdout
    );
    verify(&env);
}

#[test]
fn a_truncated_or_foreign_store_file_is_exit_1_and_left_alone() {
    // A real store, copied and cut in half.
    if crate::support::sqlite_only("truncated and foreign SQLite files") {
        return;
    }
    let env = TestEnv::acme();
    env.as_(ADA, &["--yes", "start", FAY]).ok();
    env.as_(ADA, &["stop"]).ok();
    let real = std::fs::read(&env.db).unwrap();
    let mut garbage = b"SQLite format 3\0".to_vec();
    garbage.extend((0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8));
    let files: [(&str, Vec<u8>); 4] = [
        ("truncated to half", real[..real.len() / 2].to_vec()),
        ("truncated to a page", real[..4096].to_vec()),
        ("a text file", b"just some notes\n".to_vec()),
        ("a SQLite header and garbage", garbage),
    ];
    for (name, bytes) in files {
        let mut bad = TestEnv::new();
        bad.db = bad.dir.path().join("bad.db");
        std::fs::write(&bad.db, &bytes).unwrap();
        for args in [
            &["--actor", OPERATOR, "audit", "verify"][..],
            &["--actor", OPERATOR, "--format", "json", "org", "list"][..],
            &["--actor", ADA, "--org", "acme", "--yes", "start", FAY][..],
        ] {
            let run = bad.run(args);
            assert_no_panic(name, &run);
            assert_eq!(run.code, 1, "{name} {args:?}: {run:?}");
            assert!(
                run.stderr.contains("not an admin-proxy store") && run.stderr.contains("bad.db"),
                "{name}: {}",
                run.stderr
            );
            assert_eq!(
                std::fs::read(&bad.db).unwrap(),
                bytes,
                "{name}: the file was touched"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// tampering with the chain: what `audit verify` catches, and where the trust model takes over

/// A store with some history: sessions started, acted in, stopped, and a setting changed.
fn history() -> TestEnv {
    let env = TestEnv::acme();
    for (actor, target) in [(ADA, FAY), (HAL, ZOE), (HANA, OLA)] {
        env.as_(actor, &["--yes", "start", target, "--reason", "ticket 42"])
            .ok();
        env.as_(actor, &["act", "report.generate"]).ok();
        env.as_(actor, &["stop"]).ok();
    }
    env.as_(ADA, &["config", "set", "require-reason", "on"])
        .ok();
    env
}

const FIELDS: &str =
    "seq, timestamp, org, event, outcome, reason, actor, actor_role, target, session_id, details";

/// The hash of a row (its FIELDS as text) after `prev`, as the README tells anyone to compute
/// it: there is no key, so a forger can compute it too.
fn row_hash(prev: &str, row: &[String]) -> String {
    use sha2::{Digest, Sha256};
    let mut fields = vec![Value::from(row[0].parse::<i64>().unwrap())];
    fields.extend(row[1..].iter().map(|s| Value::from(s.as_str())));
    let canonical = serde_json::to_string(&fields).unwrap();
    let digest = Sha256::digest(format!("{prev}{canonical}").as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The seqs of acme's chain, in order.
fn acme_seqs(env: &TestEnv) -> Vec<i64> {
    env.sql("SELECT seq FROM audit_log WHERE org = 'acme' ORDER BY seq")
        .iter()
        .map(|r| r[0].parse().unwrap())
        .collect()
}

/// `audit verify` of acme by a super admin fails, naming `seq`.
#[track_caller]
fn broken_at(env: &TestEnv, seq: i64) {
    let run = env.as_(SAM, &["audit", "verify"]).code(6);
    assert_eq!(run.error_code(), "chain_broken");
    assert!(
        run.stderr.contains(&format!("seq {seq} ")),
        "expected seq {seq}: {}",
        run.stderr
    );
}

#[test]
fn verify_catches_an_inserted_or_reordered_row() {
    // A row inserted in the middle, with a hash computed the public way after its predecessor:
    // the rows after it no longer match (their seq moved and their predecessor changed).
    let env = history();
    let seqs = acme_seqs(&env);
    let k = seqs[seqs.len() / 2];
    let prev = env.sql1(&format!("SELECT hash FROM audit_log WHERE seq = {k}"));
    let forged: Vec<String> = [
        (k + 1).to_string().as_str(),
        "2026-06-01T12:00:00.000Z",
        "acme",
        "role.granted",
        "ok",
        "",
        OPERATOR,
        "program-architect",
        "fay@acme.test",
        "",
        r#"{"role":{"new":"super_admin","old":"user"}}"#,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let hash = row_hash(&prev, &forged);
    let values = forged[1..]
        .iter()
        .map(|s| format!("'{}'", s.replace('\'', "''")))
        .collect::<Vec<_>>()
        .join(", ");
    env.tamper(&format!(
        "UPDATE audit_log SET seq = seq + 1000000 WHERE seq > {k};
             UPDATE audit_log SET seq = seq - 999999 WHERE seq > 1000000;
             INSERT INTO audit_log ({FIELDS}, hash) VALUES ({}, {values}, '{hash}');",
        k + 1
    ));
    broken_at(&env, k + 2);

    // The same row appended at the end of the chain with a wrong hash is named.
    let env = history();
    let last = *acme_seqs(&env).last().unwrap();
    let max: i64 = env.sql1("SELECT max(seq) FROM audit_log").parse().unwrap();
    let mut appended = forged.clone();
    appended[0] = (max + 1).to_string();
    let values = appended[1..]
        .iter()
        .map(|s| format!("'{}'", s.replace('\'', "''")))
        .collect::<Vec<_>>()
        .join(", ");
    let stale = env.sql1(&format!("SELECT hash FROM audit_log WHERE seq = {last}"));
    env.tamper(&format!(
        "INSERT INTO audit_log ({FIELDS}, hash) VALUES ({}, {values}, '{stale}');",
        max + 1
    ));
    broken_at(&env, max + 1);

    // Two rows swapped: the first of them is named.
    let env = history();
    let seqs = acme_seqs(&env);
    let (a, b) = (seqs[3], seqs[6]);
    env.tamper(&format!(
        "UPDATE audit_log SET seq = -1 WHERE seq = {a};
             UPDATE audit_log SET seq = {a} WHERE seq = {b};
             UPDATE audit_log SET seq = {b} WHERE seq = -1;"
    ));
    broken_at(&env, a);
}

/// acme's export as JSON lines, by a super admin.
fn export_lines(env: &TestEnv) -> Vec<Value> {
    let run = env
        .run(&[
            "--actor", ADA, "--org", "acme", "--format", "jsonl", "audit", "export",
        ])
        .ok();
    run.stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The last row of an export: the head an auditor keeps.
fn head_of(env: &TestEnv) -> (i64, String) {
    let last = export_lines(env).pop().unwrap();
    (
        last["seq"].as_i64().unwrap(),
        last["hash"].as_str().unwrap().to_string(),
    )
}

/// True when the store's chain still holds the head of an earlier export.
fn holds_head(env: &TestEnv, (seq, hash): &(i64, String)) -> bool {
    export_lines(env)
        .iter()
        .any(|r| r["seq"] == *seq && r["hash"] == hash.as_str())
}

#[test]
fn a_cut_tail_or_a_rewritten_chain_is_caught_against_an_earlier_export_only() {
    // Cutting the tail of the chain leaves a chain that verifies: only the head of an earlier
    // export shows what is missing.
    let env = history();
    let head = head_of(&env);
    assert!(holds_head(&env, &head));
    let seqs = acme_seqs(&env);
    let cut = seqs[seqs.len() - 4];
    env.tamper(&format!(
        "DELETE FROM audit_log WHERE org = 'acme' AND seq >= {cut};"
    ));
    env.as_(SAM, &["audit", "verify"]).ok();
    assert!(!holds_head(&env, &head), "the earlier head is gone");

    // Someone who can write the file can edit a row and recompute every hash after it (the
    // hash has no key): the chain verifies, and only an earlier head tells.
    let env = history();
    let head = head_of(&env);
    let started = env.sql1(
        "SELECT seq FROM audit_log WHERE event = 'impersonation.started' AND actor = 'ada@acme.test'",
    );
    let mut sql = format!("UPDATE audit_log SET reason = 'a better reason' WHERE seq = {started};");
    env.tamper(&sql);
    broken_at(&env, started.parse().unwrap());
    let rows = env.sql(&format!(
        "SELECT {FIELDS} FROM audit_log WHERE org = 'acme' ORDER BY seq"
    ));
    sql.clear();
    let mut prev = String::new();
    for row in rows {
        let hash = row_hash(&prev, &row);
        sql.push_str(&format!(
            "UPDATE audit_log SET hash = '{hash}' WHERE seq = {};",
            row[0]
        ));
        prev = hash;
    }
    env.tamper(&sql);
    env.as_(SAM, &["audit", "verify"]).ok();
    assert!(
        !holds_head(&env, &head),
        "the earlier head no longer matches"
    );
}

#[test]
fn two_first_operators_at_once_cannot_both_skip_the_actor() {
    for round in 0..5 {
        let env = TestEnv::new();
        env.run(&["init"]).ok();
        let barrier = Barrier::new(2);
        let codes: Vec<i32> = std::thread::scope(|s| {
            let spawn = |email: &'static str| {
                let (env, barrier) = (&env, &barrier);
                s.spawn(move || {
                    barrier.wait();
                    env.run(&["operator", "add", email, "--role", "program-architect"])
                        .code
                })
            };
            let a = spawn("one@vendor.test");
            let b = spawn("two@vendor.test");
            vec![a.join().unwrap(), b.join().unwrap()]
        });
        let mut sorted = codes.clone();
        sorted.sort();
        assert_eq!(sorted, [0, 2], "round {round}: {codes:?}");
        assert_eq!(env.sql1("SELECT count(*) FROM operators"), "1");
        assert_eq!(env.audit_count("operator.added"), 1);
    }
}
