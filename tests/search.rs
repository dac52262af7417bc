//! `--search` in an org of thousands (`users list`, `list users`): whatever route a search
//! takes (the trigram index for a rare needle, the walk in name order for a short or dense
//! one), it answers exactly what a plain substring filter of the whole list answers, in the
//! same order; a renamed user is found by the new name only; an older store gains the index;
//! the stock `sqlite3` shell still reads and writes the store.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::Value;

use crate::support::{emails, write_file, TestEnv, OPERATOR};

const BOSS: &str = "boss@big.test"; // super admin
const HR: &str = "hr@big.test"; // HR admin, scope Finance

/// How many people the big org has besides its two admins.
const PEOPLE: usize = 3000;

/// First names in many scripts and cases, and with the characters that mean something to SQL,
/// LIKE, FTS5 or CSV: each is shared by about PEOPLE / 20 people.
const FIRST: [&str; 20] = [
    "Zoë",
    "ZOË",
    "Straße",
    "Strasse",
    "İlker",
    "Ünal",
    "Анна",
    "ΣΟΦΊΑ",
    "李小龍",
    "😀 Grin",
    "O'Neil",
    "Say \"Hi\"",
    "100% Pure",
    "*Star*",
    "_Under_",
    "Back\\slash",
    "Ann",
    "Bob",
    "Chloé",
    "Dmitrij",
];
const LAST: [&str; 7] = [
    "Smith", "García", "Nguyễn", "Müller", "Okafor", "Ørsted", "Łukasz",
];

/// A CSV field, quoted when it must be.
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The org `acme` with two admins and PEOPLE users named from FIRST and LAST and numbered
/// (`Straße Smith 0042`, `p0042@big.test`); some deactivated, some who never logged in, some in
/// Finance (the HR admin's scope), others in Sales.
fn big_org() -> TestEnv {
    let env = TestEnv::empty_acme();
    let mut csv = String::from("email,name,groups,first_login_at,status,role,hr_scope\n");
    csv.push_str(&format!(
        "{BOSS},Big Boss,HQ,2026-01-01T00:00:00Z,active,super_admin,\n"
    ));
    csv.push_str(&format!(
        "{HR},Hannah Reyes,HR,2026-01-01T00:00:00Z,active,hr_admin,Finance\n"
    ));
    for i in 0..PEOPLE {
        let name = format!("{} {} {i:04}", FIRST[i % FIRST.len()], LAST[i % LAST.len()]);
        let group = if i % 3 == 0 { "Finance" } else { "Sales" };
        let login = if i % 11 == 0 {
            ""
        } else {
            "2026-01-01T00:00:00Z"
        };
        let status = if i % 13 == 0 { "deactivated" } else { "active" };
        csv.push_str(&format!(
            "p{i:04}@big.test,{},{group},{login},{status},user,\n",
            field(&name)
        ));
    }
    let path = write_file(&env, "big.csv", csv);
    env.run(&[
        "--actor", OPERATOR, "--org", "acme", "users", "import", &path,
    ])
    .ok();
    if !env.is_postgres() {
        // The import left every user in the index itself.
        assert_eq!(env.sql1("SELECT count(*) FROM users_search_pending"), "0");
    }
    env
}

/// The people of a JSON list whose name or email holds `needle`, any case, in list order:
/// the plain substring filter a search must agree with.
fn filtered(all: &Value, needle: &str) -> Vec<String> {
    let needle = needle.to_lowercase();
    all.as_array()
        .unwrap()
        .iter()
        .filter(|u| {
            let text = format!(
                "{}\n{}",
                u["name"].as_str().unwrap().to_lowercase(),
                u["email"].as_str().unwrap().to_lowercase()
            );
            text.contains(&needle)
        })
        .map(|u| u["email"].as_str().unwrap().to_string())
        .collect()
}

/// What `args` lists as `actor`, by email.
fn listed(env: &TestEnv, actor: &str, args: &[&str]) -> Vec<String> {
    emails(&env.as_(actor, args).ok().json())
}

/// Needles for every route: rare, in every script and case, with quotes and wildcards, one or
/// two characters, across the name and the email, dense, and matching nobody.
const NEEDLES: &[&str] = &[
    "straße smith 0042",
    "STRASSE SMITH 0042",
    "0042",
    "p0042@",
    "0042\np0042",
    "ZOË",
    "zoë",
    "Zoe",
    "STRASSE",
    "straße",
    "İLKER",
    "i̇lker",
    "ilker",
    "АННА",
    "σοφία",
    "李小",
    "😀 g",
    "o'neil",
    "\"hi\"",
    "\"",
    "'",
    "100%",
    "% p",
    "%",
    "*star*",
    "_under_",
    "_",
    "k\\s",
    "\\",
    "é",
    "ng",
    "ørsted 2",
    "big.test",
    "smith",
    "nguyễn 1",
    "zzz-nobody",
    "0042@big.testx",
];

#[test]
fn searches_in_a_big_org_find_what_a_substring_filter_finds_in_name_order() {
    let env = big_org();
    let everyone = env.as_(OPERATOR, &["users", "list"]).ok().json();
    assert_eq!(everyone.as_array().unwrap().len(), PEOPLE + 2);
    let boss_may = env.as_(BOSS, &["list", "users"]).ok().json();
    let hr_may = env.as_(HR, &["list", "users"]).ok().json();
    assert!(
        hr_may.as_array().unwrap().len() < boss_may.as_array().unwrap().len(),
        "the HR admin sees their scope only"
    );

    for &needle in NEEDLES {
        let want = filtered(&everyone, needle);
        assert_eq!(
            listed(&env, OPERATOR, &["users", "list", "--search", needle]),
            want,
            "users list --search {needle:?}"
        );
        // `list users` keeps to what the actor may start (SPEC §4), whatever the route.
        for (actor, may) in [(BOSS, &boss_may), (HR, &hr_may)] {
            assert_eq!(
                listed(&env, actor, &["list", "users", "--search", needle]),
                filtered(may, needle),
                "{actor}: list users --search {needle:?}"
            );
        }
    }

    // A limit keeps the first of the same list, dense needle or rare.
    for (needle, limit) in [("big.test", 7), ("a", 3), ("zoë", 5), ("0042", 1), ("ß", 2)] {
        let mut want = filtered(&boss_may, needle);
        want.truncate(limit);
        assert_eq!(
            listed(
                &env,
                BOSS,
                &[
                    "list",
                    "users",
                    "--search",
                    needle,
                    "--limit",
                    &limit.to_string()
                ]
            ),
            want,
            "list users --search {needle:?} --limit {limit}"
        );
    }
}

#[test]
fn a_renamed_user_is_found_by_the_new_name_only() {
    let env = big_org();
    let search = |needle: &str| listed(&env, OPERATOR, &["users", "list", "--search", needle]);
    assert_eq!(search("Straße Smith 0042"), ["p0042@big.test"]);
    assert_eq!(search("Quentin Blake"), Vec::<String>::new());

    // Imported again under another name.
    let csv = write_file(
        &env,
        "rename.csv",
        "email,name,groups,first_login_at,status,role,hr_scope\n\
         p0042@big.test,Quentin Blake,Finance,2026-01-01T00:00:00Z,active,user,\n",
    );
    env.run(&[
        "--actor", OPERATOR, "--org", "acme", "users", "import", &csv,
    ])
    .ok();
    assert_eq!(search("Straße Smith 0042"), Vec::<String>::new());
    assert_eq!(search("QUENTIN blake"), ["p0042@big.test"]);
    assert_eq!(search("blake"), ["p0042@big.test"]);
    // Still found by the email, once.
    assert_eq!(search("p0042"), ["p0042@big.test"]);
    assert_eq!(search("0042"), ["p0042@big.test"]);
}

#[test]
fn an_older_store_gains_the_index_and_finds_its_users() {
    let env = big_org();
    // The store as the previous version left it: no index, the previous schema version.
    if env.is_postgres() {
        env.exec(
            "DROP INDEX IF EXISTS users_by_search_text;
             UPDATE admin_proxy_meta SET value = '3' WHERE key = 'schema_version'",
        );
    } else {
        env.exec(
            "DROP TRIGGER users_search_after_insert;
             DROP TRIGGER users_search_after_update;
             DROP TRIGGER users_search_after_delete;
             DROP TABLE users_search;
             DROP TABLE users_search_pending;
             DROP TABLE users_search_paused;
             PRAGMA user_version = 4;",
        );
    }

    let found = listed(
        &env,
        OPERATOR,
        &["users", "list", "--search", "ΣΟΦΊΑ Ørsted"],
    );
    let everyone = env.as_(OPERATOR, &["users", "list"]).ok().json();
    assert_eq!(found, filtered(&everyone, "σοφία ørsted"));
    assert!(!found.is_empty());

    if env.is_postgres() {
        assert_eq!(
            env.sql1("SELECT value FROM admin_proxy_meta WHERE key = 'schema_version'"),
            "4"
        );
        assert_eq!(
            env.sql1("SELECT count(*) FROM pg_indexes WHERE indexname = 'users_by_search_text'"),
            "1"
        );
    } else {
        assert_eq!(env.sql1("PRAGMA user_version"), "5");
        // Every user already there is in the index.
        assert_eq!(
            env.sql1("SELECT count(*) FROM users_search WHERE users_search MATCH '\"big\"'"),
            (PEOPLE + 2).to_string()
        );
        assert_eq!(env.sql1("PRAGMA integrity_check"), "ok");
    }
}

#[test]
fn the_sqlite3_shell_reads_the_index_and_keeps_it_in_step() {
    let env = TestEnv::new();
    if env.sqlite_only("the store's file read by the sqlite3 shell") {
        return;
    }
    if std::process::Command::new("sqlite3")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: the sqlite3 shell is not installed");
        return;
    }
    drop(env);
    let env = big_org();
    let shell = |sql: &str| {
        let out = std::process::Command::new("sqlite3")
            .arg(&env.db)
            .arg(sql)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "sqlite3 {sql}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    };
    assert_eq!(shell("PRAGMA integrity_check"), "ok");
    assert_eq!(
        shell("SELECT count(*) FROM users_search WHERE users_search MATCH '\"big\"'"),
        (PEOPLE + 2).to_string()
    );
    assert_eq!(
        shell("SELECT count(*) FROM users_search WHERE users_search MATCH '\"zoë\"'"),
        (PEOPLE / 10).to_string(),
        "Zoë and ZOË, one in ten"
    );
    // An owner's edit in the shell, search text included, is found by the new name only,
    // before admin-proxy writes anything and after.
    shell(
        "UPDATE users SET name = 'Shell Edit', name_key = 'shell edit',
             search_text = 'shell edit' || char(10) || email
         WHERE email = 'p0042@big.test'",
    );
    let search = |needle: &str| listed(&env, OPERATOR, &["users", "list", "--search", needle]);
    assert_eq!(search("shell edit"), ["p0042@big.test"]);
    assert_eq!(search("straße smith 0042"), Vec::<String>::new());
    let csv = write_file(
        &env,
        "one.csv",
        "email,name,groups,first_login_at,status,role,hr_scope\n\
         p0043@big.test,Quentin Blake,Finance,2026-01-01T00:00:00Z,active,user,\n",
    );
    env.run(&[
        "--actor", OPERATOR, "--org", "acme", "users", "import", &csv,
    ])
    .ok();
    assert_eq!(search("shell edit"), ["p0042@big.test"]);
    assert_eq!(search("straße smith 0042"), Vec::<String>::new());
    assert_eq!(search("quentin"), ["p0043@big.test"]);
    // The index now matches the table, as FTS5 itself checks it.
    assert_eq!(
        shell("INSERT INTO users_search (users_search, rank) VALUES ('integrity-check', 1)"),
        ""
    );
    assert_eq!(shell("PRAGMA integrity_check"), "ok");
    assert_eq!(env.sql1("PRAGMA integrity_check"), "ok");
}
