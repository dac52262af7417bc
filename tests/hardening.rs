//! Hardening: the store's clock, what the binary agrees to open, the modes of what it creates,
//! many processes opening one new store, `audit verify` leaving no file behind, rows changed
//! outside admin-proxy failing closed, and an unknown org refused like any unknown actor.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::support::acme::{ADA, FAY};
use crate::support::*;

// ---------------------------------------------------------------------------------------------
// helpers

/// Runs `args` with no clock override, as a person at a shell would.
fn real_time(env: &TestEnv, args: &[&str]) -> Run {
    let out = env
        .cmd()
        .env_remove("ADMIN_PROXY_NOW")
        .args(args)
        .output()
        .unwrap();
    to_run(out)
}

/// The event and details of the vendor chain's first row.
/// The vendor chain's first row: its event, and the clock its details name.
fn first_vendor_row(env: &TestEnv) -> (String, String) {
    let rows = env.sql("SELECT event, details FROM audit_log WHERE org = '' ORDER BY seq LIMIT 1");
    let row = rows.into_iter().next().expect("the vendor chain is empty");
    let details: serde_json::Value = serde_json::from_str(&row[1]).unwrap();
    assert_eq!(
        details["nonce"].as_str().map(str::len),
        Some(32),
        "a random nonce makes every store's chain its own: {details}"
    );
    (
        row[0].clone(),
        details["clock"].as_str().unwrap().to_string(),
    )
}

/// A store at `relative` inside a fresh temp dir; its folders are left for the binary to make.
fn env_at(relative: &str) -> TestEnv {
    let mut env = TestEnv::new();
    env.db = env.dir.path().join(relative);
    env
}

/// The names in `dir`, sorted.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn mode_of(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// A copy of `env`'s store file, alone in `folder` of a new temp dir, opened with the same clock.
fn copy_of(env: &TestEnv, folder: &str) -> TestEnv {
    let copy = env_at(&format!("{folder}/store.db"));
    fs::create_dir(copy.db.parent().unwrap()).unwrap();
    assert!(
        !sibling(&env.db, "-wal").exists(),
        "the store still has a write-ahead log after the binary exited"
    );
    fs::copy(&env.db, &copy.db).unwrap();
    copy
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Sets the schema version the store says it has: SQLite's `user_version`, PostgreSQL's
/// `admin_proxy_meta` row.
fn set_schema_version(env: &TestEnv, version: i64) {
    if env.is_postgres() {
        env.exec(&format!(
            "UPDATE admin_proxy_meta SET value = '{version}' WHERE key = 'schema_version'"
        ));
    } else {
        env.exec(&format!("PRAGMA user_version = {version}"));
    }
}

/// Starts `n` copies of the binary running `args` at once, waits for all and returns each run.
fn all_at_once(env: &TestEnv, n: usize, args: &[&str]) -> Vec<Run> {
    let children: Vec<_> = (0..n)
        .map(|_| {
            env.cmd()
                .args(args)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    children
        .into_iter()
        .map(|c| to_run(c.wait_with_output().unwrap()))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// the store's clock (SPEC §2)

#[test]
fn a_store_made_under_a_clock_override_is_a_test_clock_store() {
    let env = TestEnv::new();
    let init = env.run(&["--format", "json", "init"]).ok().json();
    assert_eq!(init["clock"], "test", "{init}");
    assert_eq!(
        first_vendor_row(&env),
        ("store.created".to_string(), "test".to_string())
    );
}

#[test]
fn a_real_time_store_refuses_the_clock_override_and_writes_nothing() {
    let env = TestEnv::new();
    let init = real_time(&env, &["--format", "json", "init"]).ok().json();
    assert_eq!(init["clock"], "real", "{init}");
    assert_eq!(
        first_vendor_row(&env),
        ("store.created".to_string(), "real".to_string())
    );

    let add = ["operator", "add", OPERATOR, "--role", "program-architect"];
    let before = env.snapshot();
    let run = env.run(&add).code(2);
    assert!(run.stderr.contains("ADMIN_PROXY_NOW"), "{}", run.stderr);
    assert!(run.stderr.contains("init --test-clock"), "{}", run.stderr);
    assert_eq!(
        env.snapshot(),
        before,
        "a refused override wrote to the store"
    );

    // A read is refused too: the override is never silently ignored.
    env.run(&["--actor", OPERATOR, "org", "list"]).code(2);

    real_time(&env, &add).ok();
    assert_eq!(env.sql1("SELECT count(*) FROM operators"), "1");
    assert_eq!(env.audit_count("operator.added"), 1);
}

#[test]
fn init_test_clock_makes_a_store_that_honours_the_override() {
    let mut env = TestEnv::new();
    let init = real_time(&env, &["--format", "json", "init", "--test-clock"])
        .ok()
        .json();
    assert_eq!(init["clock"], "test", "{init}");
    assert_eq!(
        first_vendor_row(&env),
        ("store.created".to_string(), "test".to_string())
    );

    env.run(&["operator", "add", OPERATOR, "--role", "program-architect"])
        .ok();
    env.run(&[
        "--actor", OPERATOR, "org", "create", "acme", "--name", "Acme",
    ])
    .ok();
    let csv = acme_csv();
    env.run(&[
        "--actor",
        OPERATOR,
        "--org",
        "acme",
        "users",
        "import",
        csv.to_str().unwrap(),
    ])
    .ok();
    env.at("2026-07-04T08:30:00Z");
    let started = env.as_(ADA, &["--yes", "start", FAY]).ok().json();
    assert_eq!(
        started["started_at"], "2026-07-04T08:30:00.000Z",
        "{started}"
    );
    assert_eq!(
        env.sql1("SELECT started_at FROM sessions"),
        "2026-07-04T08:30:00.000Z"
    );
}

#[test]
fn init_test_clock_on_a_real_time_store_is_refused() {
    let env = TestEnv::new();
    real_time(&env, &["init"]).ok();
    let before = env.snapshot();
    real_time(&env, &["init", "--test-clock"]).code(2);
    assert_eq!(env.snapshot(), before);
    assert_eq!(first_vendor_row(&env).1, "real");
    let again = real_time(&env, &["--format", "json", "init"]).ok().json();
    assert_eq!(again["clock"], "real", "{again}");
}

// ---------------------------------------------------------------------------------------------
// what the binary agrees to open

#[test]
fn a_sqlite_file_holding_only_a_view_is_refused_and_left_as_it_was() {
    if crate::support::sqlite_only("a foreign SQLite file") {
        return;
    }
    let env = TestEnv::new();
    {
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        conn.execute_batch("CREATE VIEW v AS SELECT 1").unwrap();
    }
    let bytes = fs::read(&env.db).unwrap();
    let names = names_in(env.dir.path());
    for args in [
        vec!["init"],
        vec!["operator", "add", OPERATOR, "--role", "program-architect"],
    ] {
        let run = env.run(&args).code(1);
        assert!(
            run.stderr.contains("not an admin-proxy store"),
            "{args:?}: {}",
            run.stderr
        );
        assert_eq!(
            fs::read(&env.db).unwrap(),
            bytes,
            "{args:?} changed the file"
        );
        assert_eq!(
            names_in(env.dir.path()),
            names,
            "{args:?} left files behind"
        );
    }
}

#[test]
fn a_store_of_an_unknown_schema_version_is_refused_by_every_command() {
    for (version, upgrade) in [(-1, false), (999, true)] {
        let env = TestEnv::acme();
        set_schema_version(&env, version);
        let before = env.snapshot();
        let commands: [&[&str]; 5] = [
            &["init"],
            &[
                "operator",
                "add",
                "cs@vendor.test",
                "--role",
                "customer-success-manager",
            ],
            &["--actor", OPERATOR, "org", "list"],
            &["--actor", ADA, "--org", "acme", "users", "list"],
            &["--actor", OPERATOR, "audit", "verify"],
        ];
        for args in commands {
            let run = env.run(args).code(1);
            assert!(
                run.stderr.contains("not an admin-proxy store"),
                "version {version}, {args:?}: {}",
                run.stderr
            );
            // Every command, `audit verify` included, says what to do.
            if upgrade {
                assert!(
                    run.stderr.contains("upgrade"),
                    "version {version}, {args:?}: {}",
                    run.stderr
                );
            }
        }
        assert_eq!(
            env.snapshot(),
            before,
            "version {version}: the store changed"
        );
    }
}

#[test]
fn an_empty_file_becomes_a_store_readable_by_its_owner_alone() {
    if crate::support::sqlite_only("an empty file and its mode") {
        return;
    }
    let env = TestEnv::new();
    fs::write(&env.db, b"").unwrap();
    fs::set_permissions(&env.db, fs::Permissions::from_mode(0o644)).unwrap();
    env.run(&["init"]).ok();
    assert_eq!(mode_of(&env.db), 0o600, "store mode {:o}", mode_of(&env.db));
    assert_eq!(first_vendor_row(&env).0, "store.created");
}

#[test]
fn the_store_folders_are_private_whatever_the_umask() {
    if crate::support::sqlite_only("the modes of the store's folders and file") {
        return;
    }
    let env = env_at("outer/inner/store.db");
    let inner = env.cmd();
    let mut sh = Command::new("sh");
    sh.arg("-c")
        .arg(r#"umask 000; exec "$0" "$@""#)
        .arg(inner.get_program())
        .args(inner.get_args())
        .arg("init")
        .stdin(Stdio::null());
    for (key, value) in inner.get_envs() {
        match value {
            Some(v) => sh.env(key, v),
            None => sh.env_remove(key),
        };
    }
    to_run(sh.output().unwrap()).ok();
    let outer = env.dir.path().join("outer");
    for dir in [outer.clone(), outer.join("inner")] {
        assert_eq!(
            mode_of(&dir),
            0o700,
            "{} mode {:o}",
            dir.display(),
            mode_of(&dir)
        );
    }
    assert_eq!(mode_of(&env.db), 0o600, "store mode {:o}", mode_of(&env.db));
}

#[test]
fn twelve_processes_creating_one_store_at_once_all_succeed() {
    // A lost race showed up in about one round in four: twenty rounds catch it reliably and
    // still take under two seconds.
    for round in 0..20 {
        let env = env_at(&format!("round{round}/store.db"));
        for (i, run) in all_at_once(&env, 12, &["init"]).iter().enumerate() {
            assert_eq!(run.code, 0, "round {round}, process {i}: {}", run.stderr);
        }
        assert_eq!(env.audit_count("store.created"), 1, "round {round}");

        env.run(&["operator", "add", OPERATOR, "--role", "program-architect"])
            .ok();
        let args = ["--actor", OPERATOR, "--format", "json", "org", "list"];
        for (i, run) in all_at_once(&env, 12, &args).iter().enumerate() {
            assert_eq!(run.code, 0, "round {round}, process {i}: {}", run.stderr);
            run.json();
        }
        let verify = env
            .run(&["--actor", OPERATOR, "--format", "json", "audit", "verify"])
            .ok()
            .json();
        assert_eq!(verify["ok"], true, "round {round}: {verify}");
    }
}

// ---------------------------------------------------------------------------------------------
// audit verify writes nothing, not even beside the store

#[test]
fn audit_verify_reads_a_copy_in_a_read_only_folder() {
    if crate::support::sqlite_only("a copy of the store's file in a read-only folder") {
        return;
    }
    let env = TestEnv::acme();
    let copy = copy_of(&env, "evidence");
    let folder = copy.db.parent().unwrap().to_path_buf();
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o555)).unwrap();
    let run = copy.run(&["--actor", OPERATOR, "--format", "json", "audit", "verify"]);
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).unwrap();
    let v = run.ok().json();
    assert_eq!(v["ok"], true, "{v}");
}

#[test]
fn audit_verify_leaves_no_file_beside_a_closed_store() {
    if crate::support::sqlite_only("files beside the store's file") {
        return;
    }
    let env = TestEnv::acme();
    let copy = copy_of(&env, "evidence");
    let folder = copy.db.parent().unwrap().to_path_buf();
    let names = names_in(&folder);
    let bytes = fs::read(&copy.db).unwrap();
    let v = copy
        .run(&["--actor", OPERATOR, "--format", "json", "audit", "verify"])
        .ok()
        .json();
    assert_eq!(v["ok"], true, "{v}");
    assert_eq!(
        names_in(&folder),
        names,
        "audit verify left files beside the store"
    );
    assert_eq!(
        fs::read(&copy.db).unwrap(),
        bytes,
        "audit verify changed the store"
    );
}

// ---------------------------------------------------------------------------------------------
// rows changed outside admin-proxy fail closed and are named

#[test]
fn a_user_row_with_an_unknown_role_is_named_not_shown() {
    let env = TestEnv::acme();
    let id = env.sql1("SELECT id FROM users WHERE email = 'fay@acme.test'");
    env.exec_unchecked("UPDATE users SET role = 'boss' WHERE email = 'fay@acme.test'");
    let table = env
        .run(&["--actor", OPERATOR, "--org", "acme", "users", "list"])
        .code(1);
    for needle in ["users row", &format!("#{id}"), "boss"] {
        assert!(table.stderr.contains(needle), "{needle}: {}", table.stderr);
    }
    assert!(
        table.stdout.is_empty(),
        "a partial list was shown: {}",
        table.stdout
    );

    // JSON names the row in its error object, and never passes off a part as the whole list.
    let json = env.as_(OPERATOR, &["users", "list"]).code(1);
    assert_eq!(json.error_code(), "store_error", "{}", json.stderr);
    assert!(
        json.stderr.contains(&format!("users row #{id}")),
        "{}",
        json.stderr
    );
    assert!(!json.stdout.contains(FAY), "{}", json.stdout);
    assert!(
        serde_json::from_str::<serde_json::Value>(&json.stdout).is_err(),
        "a partial list reads as a whole one: {}",
        json.stdout
    );
}

#[test]
fn a_session_with_an_unreadable_end_is_named_not_shown_as_active() {
    let env = TestEnv::acme();
    let id = env.as_(ADA, &["--yes", "start", FAY]).ok().json()["session_id"]
        .as_str()
        .unwrap()
        .to_string();
    env.as_(ADA, &["--yes", "stop"]).ok();
    env.exec_unchecked("UPDATE sessions SET ended_at = 'garbage'");
    let run = env.as_(ADA, &["list", "sessions"]).code(1);
    assert!(run.stderr.contains("sessions"), "{}", run.stderr);
    assert!(run.stderr.contains(&id), "{}", run.stderr);
    assert!(!run.stdout.contains("active"), "{}", run.stdout);
}

#[test]
fn a_setting_with_an_unreadable_value_is_named_not_guessed() {
    let env = TestEnv::acme();
    env.exec_unchecked(
        "DELETE FROM settings WHERE key = 'super-admin-only' \
         AND org_id = (SELECT id FROM orgs WHERE slug = 'acme'); \
         INSERT INTO settings (org_id, key, value) \
         SELECT id, 'super-admin-only', 'maybe' FROM orgs WHERE slug = 'acme'",
    );
    let run = env.as_(ADA, &["config", "show"]).code(1);
    assert!(run.stderr.contains("settings row"), "{}", run.stderr);
    assert!(run.stderr.contains("super-admin-only"), "{}", run.stderr);
    assert!(run.stderr.contains("maybe"), "{}", run.stderr);
    // One damaged row does not make the file a foreign one.
    assert!(
        !run.stderr.contains("not an admin-proxy store"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty(), "settings were shown: {}", run.stdout);
}

// ---------------------------------------------------------------------------------------------
// an org that does not exist

#[test]
fn start_in_an_org_that_does_not_exist_is_an_unknown_actor() {
    let env = TestEnv::acme();
    let before = env.sql1("SELECT max(seq) FROM audit_log");
    for args in [
        vec!["--yes", "start", FAY],
        vec!["list", "users"],
        vec!["config", "show"],
    ] {
        let mut full = vec!["--actor", ADA, "--org", "nope", "--format", "json"];
        full.extend_from_slice(&args);
        let run = env.run(&full).code(3);
        assert_eq!(
            run.error_code(),
            "actor_unknown",
            "{args:?}: {}",
            run.stderr
        );
    }
    // Each refusal is on the record, in the vendor's chain since the org is unknown.
    let recorded = env.sql(&format!(
        "SELECT org, event, reason, actor FROM audit_log WHERE seq > {before}"
    ));
    let row = ["", "access.denied", "actor_unknown", ADA]
        .map(String::from)
        .to_vec();
    assert_eq!(recorded, vec![row.clone(), row.clone(), row]);
}

// ---------------------------------------------------------------------------------------------
// a PostgreSQL URL's password

#[test]
fn a_postgres_password_never_shows_in_an_error() {
    // Nothing listens on port 1: the connection fails, on any machine, and says so without
    // the password.
    let env = TestEnv::new();
    for url in [
        "postgres://ap:s3cretpw@127.0.0.1:1/adminproxy",
        "postgresql://ap@127.0.0.1:1/adminproxy?password=s3cretpw&connect_timeout=2",
    ] {
        for json in [false, true] {
            let mut args = vec!["--db", url];
            if json {
                args.extend(["--format", "json"]);
            }
            args.push("init");
            let run = to_run(env.cmd_without_store().args(&args).output().unwrap());
            assert_eq!(run.code, 1, "{url}: {}", run.stderr);
            assert!(!run.stderr.contains("s3cretpw"), "{url}: {}", run.stderr);
            assert!(!run.stdout.contains("s3cretpw"), "{url}: {}", run.stdout);
            assert!(
                run.stderr.contains("***"),
                "the URL is named, redacted: {}",
                run.stderr
            );
        }
    }
}
