//! What reaches a terminal (security review): every value from the store or the caller is
//! escaped in banners, tables and errors, while JSON and CSV keep it raw; an argument that is
//! not UTF-8 is a usage error, never a panic; help and version that cannot be written fail.
// Helpers below are not #[test] functions, where clippy.toml already allows these: a
// failed unwrap in a helper is a failed test, as intended.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::ffi::{OsStr, OsString};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::process::Stdio;

use assert_cmd::cargo::CommandCargoExt;

use crate::support::acme::{ADA, SAM};
use crate::support::{to_run, Run, TestEnv, OPERATOR};

const EVE: &str = "eve@acme.test";
/// A display name that would print a line of its own, pretending no session runs.
const FAKE_LINE: &str = "Eve\nNot impersonating anyone.";

/// acme plus eve, whose display name holds a line break, imported from a quoted CSV cell.
fn acme_with_eve() -> TestEnv {
    let env = TestEnv::acme();
    let csv = env.dir.path().join("eve.csv");
    std::fs::write(
        &csv,
        "email,name,groups,first_login_at\n\
         eve@acme.test,\"Eve\nNot impersonating anyone.\",Finance,2026-01-12T09:00:00Z\n",
    )
    .unwrap();
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
    env
}

/// Runs as `actor` in org acme with the table output (for people).
fn as_table(env: &TestEnv, actor: &str, args: &[&str]) -> Run {
    let mut full = vec!["--actor", actor, "--org", "acme"];
    full.extend_from_slice(args);
    env.run(&full)
}

/// Runs the binary with raw (possibly non-UTF-8) arguments.
fn run_os(env: &TestEnv, args: &[&OsStr]) -> Run {
    to_run(env.cmd().args(args).output().unwrap())
}

#[test]
fn a_line_break_in_a_name_cannot_add_a_line_to_the_banners() {
    let env = acme_with_eve();
    let shown = "Eve\\u{a}Not impersonating anyone.";

    let started = as_table(&env, ADA, &["--yes", "start", EVE]).ok();
    let lines: Vec<&str> = started.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{:?}", started.stdout);
    assert!(lines[0].starts_with(&format!("Impersonating {shown} <{EVE}> until ")));
    assert!(lines[1].starts_with("Session s_"), "{lines:?}");

    let status = as_table(&env, ADA, &["status"]).ok();
    assert_eq!(status.stdout.lines().count(), 1, "{:?}", status.stdout);
    assert!(status.stdout.contains(shown), "{:?}", status.stdout);
    assert!(!status
        .stdout
        .lines()
        .any(|l| l == "Not impersonating anyone."));

    let stopped = as_table(&env, ADA, &["stop"]).ok();
    assert_eq!(stopped.stdout.lines().count(), 1, "{:?}", stopped.stdout);
    assert!(stopped.stdout.contains(shown), "{:?}", stopped.stdout);

    // The table escapes the cell as well.
    let table = as_table(&env, ADA, &["users", "list", "--search", "eve"]).ok();
    assert_eq!(table.stdout.lines().count(), 2, "{:?}", table.stdout);
    assert!(table.stdout.contains(shown), "{:?}", table.stdout);
}

#[test]
fn json_and_csv_keep_the_raw_name() {
    let env = acme_with_eve();
    let started = env.as_(SAM, &["--yes", "start", EVE]).ok().json();
    assert_eq!(started["target_name"], FAKE_LINE);
    let status = env.as_(SAM, &["status"]).ok().json();
    assert_eq!(status["target_name"], FAKE_LINE);

    let csv = as_table(
        &env,
        SAM,
        &["--format", "csv", "users", "list", "--search", "eve"],
    )
    .ok();
    assert!(
        csv.stdout.contains(&format!("\"{FAKE_LINE}\"")),
        "{:?}",
        csv.stdout
    );
    let export = as_table(&env, OPERATOR, &["audit", "export", "--format", "jsonl"]).ok();
    assert!(
        !export.stdout.contains("\\u{"),
        "no terminal escape in an export"
    );
}

#[test]
fn an_actor_with_terminal_escapes_is_escaped_in_the_error() {
    let env = TestEnv::acme();
    let actor = "\x1b[31mx@y";
    let run = as_table(&env, actor, &["status"]).code(3);
    assert!(!run.stderr.contains('\x1b'), "{:?}", run.stderr);
    assert!(run.stderr.contains("\\u{1b}[31mx@y"), "{:?}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{:?}", run.stderr);

    // JSON keeps the value: the message holds the raw actor (JSON itself escapes ESC).
    let json = env.as_(actor, &["status"]).code(3);
    let v: serde_json::Value = serde_json::from_str(json.stderr.trim()).unwrap();
    assert!(
        v["error"]["message"].as_str().unwrap().contains(actor),
        "{v}"
    );

    // A line break in a value cannot split an error into two lines either.
    let run = as_table(&env, "x@y\nerror: forged", &["status"]).code(3);
    assert_eq!(run.stderr.lines().count(), 1, "{:?}", run.stderr);

    // Nor in what clap quotes from the command line.
    let run = env
        .run(&["--format", "\x1b[31mx\nerror: forged", "status"])
        .code(2);
    assert!(!run.stderr.contains('\x1b'), "{:?}", run.stderr);
    assert!(
        run.stderr.contains("'\\u{1b}[31mx\\u{a}error: forged'"),
        "{:?}",
        run.stderr
    );
    assert!(!run.stderr.lines().any(|l| l.starts_with("error: forged")));
}

#[test]
fn bidi_and_invisible_characters_are_escaped_in_errors() {
    let env = TestEnv::acme();
    for (c, escaped) in [
        ('\u{202e}', "\\u{202e}"),
        ('\u{200b}', "\\u{200b}"),
        ('\u{2066}', "\\u{2066}"),
        ('\u{061c}', "\\u{61c}"),
        ('\u{feff}', "\\u{feff}"),
    ] {
        let actor = format!("ada{c}@acme.test");
        let run = as_table(&env, &actor, &["status"]).code(3);
        assert!(!run.stderr.contains(c), "{c:?}: {:?}", run.stderr);
        assert!(run.stderr.contains(escaped), "{c:?}: {:?}", run.stderr);

        let target = format!("x{c}@acme.test");
        let run = as_table(&env, ADA, &["--yes", "start", &target]).code(2);
        assert!(!run.stderr.contains(c), "{c:?}: {:?}", run.stderr);
        assert!(run.stderr.contains(escaped), "{c:?}: {:?}", run.stderr);

        let json = env.as_(&actor, &["status"]).code(3);
        assert!(
            json.stderr.contains(c),
            "JSON keeps it raw: {:?}",
            json.stderr
        );
    }
}

/// A path in the test's temp dir whose file name is `name`, any bytes.
fn path_in(env: &TestEnv, name: &[u8]) -> OsString {
    let dir = env.dir.path().as_os_str().as_bytes();
    OsString::from_vec([dir, b"/", name].concat())
}

#[test]
fn a_non_utf8_argument_is_a_usage_error_naming_it() {
    let env = TestEnv::acme();
    let bad = OsStr::from_bytes(b"ada\xff@acme.test");
    let os = OsStr::new;
    let named = r#"error: the argument "ada\xFF@acme.test" is not valid UTF-8"#;

    let export = path_in(&env, b"export-\xff.csv");
    for args in [
        vec![os("--actor"), bad, os("--org"), os("acme"), os("status")],
        vec![
            os("--actor"),
            os(ADA),
            os("--org"),
            os("acme"),
            os("start"),
            bad,
        ],
        // Among a path and an argument that may not be any bytes, the argument is named.
        vec![
            os("--actor"),
            bad,
            os("--org"),
            os("acme"),
            os("audit"),
            os("export"),
            os("--output"),
            &export,
        ],
    ] {
        let run = run_os(&env, &args).code(2);
        assert!(run.stderr.starts_with(named), "{args:?}: {:?}", run.stderr);
    }
    assert!(!std::path::Path::new(&export).exists());

    // Where clap refuses the argument itself, it names it with the bytes replaced.
    for args in [vec![os("status"), bad], vec![bad]] {
        let run = run_os(&env, &args).code(2);
        assert!(
            run.stderr.contains("'ada\u{fffd}@acme.test'"),
            "{args:?}: {:?}",
            run.stderr
        );
    }

    let run = run_os(
        &env,
        &[os("--format"), os("json"), os("--actor"), bad, os("status")],
    )
    .code(2);
    assert_eq!(run.error_code(), "usage", "{:?}", run.stderr);

    // A variable that is not UTF-8 is named too.
    let run = to_run(
        env.cmd()
            .env("ADMIN_PROXY_ACTOR", OsStr::from_bytes(b"\xff"))
            .args(["--org", "acme", "status"])
            .output()
            .unwrap(),
    )
    .code(2);
    assert!(
        run.stderr
            .starts_with("error: $ADMIN_PROXY_ACTOR is not valid UTF-8"),
        "{:?}",
        run.stderr
    );
}

#[test]
fn paths_may_be_any_bytes() {
    let env = TestEnv::acme();
    let os = OsStr::new;
    let operator = [os("--actor"), os(OPERATOR), os("--org"), os("acme")];

    let export = path_in(&env, b"export-\xff.csv");
    let args = [
        &operator[..],
        &[os("audit"), os("export"), os("--output"), &export],
    ]
    .concat();
    run_os(&env, &args).ok();
    assert!(std::fs::metadata(&export).unwrap().len() > 0);

    let users = path_in(&env, b"users-\xff.csv");
    std::fs::copy(crate::support::acme_csv(), &users).unwrap();
    let args = [&operator[..], &[os("users"), os("import"), &users]].concat();
    let run = run_os(&env, &args).ok();
    assert!(run.stdout.contains("9 unchanged"), "{run:?}");

    // env.cmd() brings its own --db: this run sets every variable itself.
    let db = path_in(&env, b"store-\xff.db");
    let run = to_run(
        std::process::Command::cargo_bin("admin-proxy")
            .unwrap()
            .env_remove("ADMIN_PROXY_DB")
            .env("ADMIN_PROXY_NOW", &env.now)
            .arg("--db")
            .arg(&db)
            .arg("init")
            .stdin(Stdio::null())
            .output()
            .unwrap(),
    )
    .ok();
    assert!(std::path::Path::new(&db).exists(), "{run:?}");
}

#[test]
fn help_and_version_on_a_full_disk_fail() {
    let env = TestEnv::new();
    for args in [
        &["--help"][..],
        &["--version"],
        &["-h"],
        &["status", "--help"],
        &["man"],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = env
            .cmd()
            .args(args)
            .stdout(Stdio::from(full))
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let run = to_run(out).code(1);
        assert!(
            run.stderr.starts_with("error: cannot write to stdout"),
            "{args:?}: {:?}",
            run.stderr
        );
    }
}
