//! A newcomer's first minutes (issue 5): the demo on the default store, twice, and the
//! grouped help.

use assert_cmd::cargo::CommandCargoExt;

use crate::support::to_run;

#[test]
fn the_demo_walks_through_a_session_on_the_default_store_and_runs_again() {
    let home = tempfile::tempdir().unwrap();
    let xdg = home.path().join("data");
    let demo = || {
        let out = std::process::Command::cargo_bin("admin-proxy")
            .unwrap()
            .env_remove("ADMIN_PROXY_DB")
            .env_remove("ADMIN_PROXY_ACTOR")
            .env_remove("ADMIN_PROXY_ORG")
            .env_remove("ADMIN_PROXY_NOW")
            .env("XDG_DATA_HOME", &xdg)
            .current_dir(home.path())
            .arg("demo")
            .output()
            .unwrap();
        to_run(out).ok()
    };
    let first = demo();
    let store = xdg.join("admin-proxy/admin-proxy.db");
    assert!(store.exists(), "the demo uses the default XDG store");
    for step in [
        "$ admin-proxy --actor omar.haddad@northwind.example --org northwind list users",
        "zoe.martin@northwind.example",
        "error: denied (out_of_scope)",
        "--yes start zoe.martin@northwind.example",
        "Impersonating Zoë Martín <zoe.martin@northwind.example>",
        "act report.generate",
        "The report goes to zoe.martin@northwind.example",
        "Stopped impersonating",
        "impersonation.denied",
        "impersonation.started",
        "impersonation.action",
        "impersonation.stopped",
    ] {
        assert!(
            first.stdout.contains(step),
            "missing {step:?} in:\n{}",
            first.stdout
        );
    }
    // The HR admin's list leaves out the user who never logged in and people out of scope.
    let list = first
        .stdout
        .split("list users\n")
        .nth(1)
        .and_then(|rest| rest.split("\n\n").next())
        .unwrap();
    assert!(!list.contains("noah.fischer"), "{list}");
    assert!(!list.contains("lukas.becker"), "{list}");

    // A second run reuses the org and its people, and walks through a new session.
    let second = demo();
    assert!(
        second.stdout.contains("0 created, 0 updated, 30 unchanged"),
        "{}",
        second.stdout
    );
    assert!(second.stdout.contains("Stopped impersonating"));
    assert_eq!(second.stdout.matches("impersonation.started").count(), 1);
}

#[test]
fn help_groups_the_commands_for_a_newcomer() {
    let out = std::process::Command::cargo_bin("admin-proxy")
        .unwrap()
        .arg("--help")
        .output()
        .unwrap();
    let help = to_run(out).ok().stdout;
    let positions: Vec<usize> = ["Sessions:", "People:", "Settings:", "Audit:", "Setup:"]
        .iter()
        .map(|h| help.find(h).unwrap_or_else(|| panic!("no {h} in {help}")))
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{help}");
    assert!(
        help.contains("  start           Start impersonating a user"),
        "{help}"
    );
}
