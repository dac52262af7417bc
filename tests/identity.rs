//! Who is who, and when: an email names one user however it is spelled (case, Unicode
//! normalisation) and never hides invisible characters; a display name shows something; the
//! times the CLI takes in stay within the range its sums allow; a re-import changes nothing.

use serde_json::Value;

use crate::support::acme::ADA;
use crate::support::*;

const RANGE: &str = "0001-01-02T00:00:00Z";

/// Writes `csv` into the test's temp dir and imports it into acme as the operator.
fn import(env: &TestEnv, csv: &str) -> Run {
    let path = env.dir.path().join("identity.csv");
    std::fs::write(&path, csv).unwrap();
    env.as_(OPERATOR, &["users", "import", path.to_str().unwrap()])
}

/// Imports `csv`, expects exit 2 with every string of `wanted` in the message, and checks
/// that nothing was written.
#[track_caller]
fn refused_import(env: &TestEnv, csv: &str, wanted: &[&str]) {
    let before = env.snapshot();
    let run = import(env, csv).code(2);
    assert_eq!(run.error_code(), "invalid_input", "{}", run.stderr);
    for w in wanted {
        assert!(run.stderr.contains(w), "{w:?} not in {}", run.stderr);
    }
    assert_eq!(env.snapshot(), before, "a refused import changed the store");
}

fn counts(out: &Value) -> (u64, u64, u64) {
    (
        out["created"].as_u64().unwrap(),
        out["updated"].as_u64().unwrap(),
        out["unchanged"].as_u64().unwrap(),
    )
}

fn users_named(env: &TestEnv, like: &str) -> Vec<String> {
    env.sql(&format!(
        "SELECT email FROM users WHERE name LIKE '{like}' ORDER BY email"
    ))
    .into_iter()
    .map(|r| r[0].clone())
    .collect()
}

// ---------------------------------------------------------------------------------------------
// emails: one address, one user

#[test]
fn one_address_in_two_cases_is_one_user() {
    let env = TestEnv::acme();
    // `to_lowercase` turns the final capital sigma into ς, so lower-casing alone kept two users.
    refused_import(
        &env,
        "email,name\nΧΣ@acme.test,Chi Upper\nχσ@acme.test,Chi Lower\n",
        &["line 3", "column email", "also on line 2"],
    );
    refused_import(
        &env,
        "email,name\nχς@acme.test,Chi Final\nΧΣ@acme.test,Chi Upper\n",
        &["line 3", "column email", "also on line 2"],
    );
    // Full case folding, not lower-casing: ß and ss are one address.
    refused_import(
        &env,
        "email,name\nstraße@acme.test,Stra Sse\nSTRASSE@acme.test,Stra Upper\n",
        &["line 3", "column email", "also on line 2"],
    );

    // Imported once, the address is found by any of its spellings.
    let csv =
        "email,name,groups,first_login_at\nΧΣ@acme.test,Chi Sigma,Finance,2026-01-05T09:00:00Z\n";
    assert_eq!(counts(&import(&env, csv).ok().json()), (1, 0, 0));
    let again =
        "email,name,groups,first_login_at\nχς@acme.test,Chi Sigma,Finance,2026-01-05T09:00:00Z\n";
    assert_eq!(counts(&import(&env, again).ok().json()), (0, 0, 1));
    assert_eq!(users_named(&env, "Chi Sigma"), ["χσ@acme.test"]);
    let started = env
        .as_(ADA, &["--yes", "start", "Χς@acme.test"])
        .ok()
        .json();
    assert_eq!(started["target"], "χσ@acme.test");
}

#[test]
fn the_composed_and_decomposed_spellings_are_one_user() {
    let env = TestEnv::acme();
    let nfc = "zo\u{eb}@acme.test";
    let nfd = "zoe\u{308}@acme.test";
    refused_import(
        &env,
        &format!("email,name\n{nfc},Zoe Composed\n{nfd},Zoe Decomposed\n"),
        &["line 3", "column email", "also on line 2"],
    );
    // Stored composed, whichever spelling the file had, and found by the other.
    let csv = format!(
        "email,name,groups,first_login_at\n{nfd},Zoe Umlaut,Finance,2026-01-05T09:00:00Z\n"
    );
    assert_eq!(counts(&import(&env, &csv).ok().json()), (1, 0, 0));
    assert_eq!(users_named(&env, "Zoe Umlaut"), [nfc]);
    let csv = csv.replace(nfd, &nfc.to_uppercase());
    assert_eq!(counts(&import(&env, &csv).ok().json()), (0, 0, 1));
    let started = env.as_(ADA, &["--yes", "start", nfd]).ok().json();
    assert_eq!(started["target"], nfc);
    // The audit filters fold the same way.
    let rows = env
        .as_(
            OPERATOR,
            &[
                "audit",
                "export",
                "--format",
                "jsonl",
                "--event",
                "impersonation.started",
                "--target",
                nfd,
            ],
        )
        .ok();
    assert_eq!(rows.stdout.lines().count(), 1, "{}", rows.stdout);
}

#[test]
fn ascii_emails_are_lower_cased_as_before() {
    let env = TestEnv::acme();
    let csv = "email,name\n  Kim.Lee+Tag@Acme.TEST ,Kim Lee\n";
    assert_eq!(counts(&import(&env, csv).ok().json()), (1, 0, 0));
    assert_eq!(users_named(&env, "Kim Lee"), ["kim.lee+tag@acme.test"]);
}

#[test]
fn invisible_characters_in_an_email_are_refused() {
    let env = TestEnv::acme();
    for c in [
        '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{061C}', '\u{180E}',
        '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}',
        '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', '\u{00AD}', '\u{0007}',
    ] {
        // Inside the address, and at either end where trimming would not see it.
        for email in [
            format!("fa{c}y@acme.test"),
            format!("{c}fay@acme.test"),
            format!("fay@acme.test{c}"),
        ] {
            let csv = format!("email,name\n\"{email}\",Fay Lookalike\n");
            refused_import(&env, &csv, &["line 2", "column email"]);
        }
    }
    // The same check on the command line.
    let run = env
        .as_(ADA, &["--yes", "start", "fay\u{200B}@acme.test"])
        .code(2);
    assert!(run.stderr.contains("invisible"), "{}", run.stderr);
}

#[test]
fn a_display_name_of_invisible_characters_is_refused() {
    let env = TestEnv::acme();
    for name in [
        "\u{200B}",
        "\u{200B}\u{200D}\u{2060}",
        " \u{FEFF} ",
        "\u{202E}\u{2066}",
        "\u{3000}\u{200B}",
    ] {
        let csv = format!("email,name\nkim@acme.test,\"{name}\"\n");
        refused_import(&env, &csv, &["line 2", "column name"]);
    }
    // A name with something visible in it is data, kept as given.
    let csv = "email,name\nkim@acme.test,Kim\u{200D}Lee\n";
    import(&env, csv).ok();
}

// ---------------------------------------------------------------------------------------------
// times: within the range every sum of the CLI stays four-digit RFC 3339

#[test]
fn a_clock_override_past_the_range_is_refused_and_writes_nothing() {
    let mut env = TestEnv::acme();
    for late in [
        "9999-12-31T23:30:00Z",
        "9999-12-30T00:00:00.001Z",
        "0000-01-01T00:30:00+01:00",
        "0001-01-01T23:59:59Z",
    ] {
        env.at(late);
        let before = env.snapshot();
        let run = env.as_(ADA, &["--yes", "start", "fay@acme.test"]).code(2);
        assert!(run.stderr.contains(RANGE), "{late}: {}", run.stderr);
        assert!(run.stderr.contains("ADMIN_PROXY_NOW"), "{}", run.stderr);
        assert_eq!(env.snapshot(), before, "{late}: the store changed");
    }
    // The ends of the range are fine, with the longest timeout and the expiry warning.
    env.at("2026-06-01T12:00:00Z");
    env.as_(OPERATOR, &["config", "set", "session-timeout", "24h"])
        .ok();
    env.at("9999-12-30T00:00:00Z");
    let started = env
        .as_(ADA, &["--yes", "start", "fay@acme.test"])
        .ok()
        .json();
    assert_eq!(started["expires_at"], "9999-12-31T00:00:00.000Z");
    let status = env.as_(ADA, &["status"]).ok().json();
    assert_eq!(status["expiring_soon"], false);
    env.as_(ADA, &["stop"]).ok();
    env.as_(OPERATOR, &["config", "set", "session-timeout", "1h"])
        .ok();
    env.at("9999-12-29T23:00:00Z");
    env.as_(ADA, &["--yes", "start", "fay@acme.test"]).ok();
    env.at("9999-12-29T23:58:00Z");
    let status = env.as_(ADA, &["status"]).ok().json();
    assert_eq!(status["expiring_soon"], true);
    env.at("9999-12-30T00:00:00Z");
    env.as_(OPERATOR, &["sessions", "sweep"]).ok();
    env.at("0001-01-02T00:00:00Z");
    env.as_(ADA, &["--yes", "start", "fay@acme.test"]).ok();
    env.at("2026-06-01T12:00:00Z");
    env.as_(OPERATOR, &["audit", "verify"]).ok();
    env.as_(OPERATOR, &["audit", "export"]).ok();
}

#[test]
fn a_first_login_outside_the_range_is_refused_naming_line_and_column() {
    let env = TestEnv::acme();
    for far in [
        "0000-01-01T00:30:00+01:00",
        "9999-12-31T23:30:00Z",
        "0001-01-01",
    ] {
        refused_import(
            &env,
            &format!("email,name,first_login_at\nkim@acme.test,Kim,2026-01-01\nlee@acme.test,Lee,{far}\n"),
            &["line 3", "column first_login_at", RANGE],
        );
    }
}

#[test]
fn export_filters_outside_the_range_are_refused() {
    let env = TestEnv::acme();
    for (flag, far) in [
        ("--since", "10000-01-01"),
        ("--since", "+10000-01-01T00:00:00Z"),
        ("--until", "9999-12-31"),
        ("--since", "0000-06-01"),
    ] {
        let before = env.snapshot();
        let run = env.as_(OPERATOR, &["audit", "export", flag, far]).code(2);
        assert!(run.stderr.contains(RANGE), "{far}: {}", run.stderr);
        assert!(run.stderr.contains(flag), "{far}: {}", run.stderr);
        assert_eq!(env.snapshot(), before);
    }
}

// ---------------------------------------------------------------------------------------------
// imports: the same file twice changes nothing; a scope needs its role

#[test]
fn a_re_import_with_sub_millisecond_times_is_unchanged() {
    let env = TestEnv::acme();
    let csv = "email,name,first_login_at\nkim@acme.test,Kim,2026-01-05T09:00:00.123456Z\n";
    assert_eq!(counts(&import(&env, csv).ok().json()), (1, 0, 0));
    let seq = env.sql1("SELECT max(seq) FROM audit_log");
    assert_eq!(counts(&import(&env, csv).ok().json()), (0, 0, 1));
    assert_eq!(
        env.sql(&format!(
            "SELECT event FROM audit_log WHERE seq > {seq} ORDER BY seq"
        )),
        vec![vec!["users.imported".to_string()]]
    );
    assert_eq!(env.audit_count("user.updated"), 0);
    assert_eq!(
        env.sql1("SELECT first_login_at FROM users WHERE email = 'kim@acme.test'"),
        "2026-01-05T09:00:00.123Z"
    );
}

#[test]
fn a_scope_without_a_role_column_is_refused() {
    let env = TestEnv::acme();
    refused_import(
        &env,
        "email,name,hr_scope\nkim@acme.test,Kim,\nfay@acme.test,Fay Finance,Finance\n",
        &["line 3", "column hr_scope", "role"],
    );
    refused_import(
        &env,
        "email,name,hr_scope\nhal@acme.test,Hal Hr,*\n",
        &["line 2", "column hr_scope"],
    );
    // An empty cell says nothing about a scope, and the role column makes a scope fine.
    import(&env, "email,name,hr_scope\nfay@acme.test,Fay Finance,\n").ok();
    import(
        &env,
        "email,name,role,hr_scope\nfay@acme.test,Fay Finance,hr_admin,Finance\n",
    )
    .ok();
}
