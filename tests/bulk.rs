//! Issue 14: imports of many users at once. Into an org with nobody yet the rows are written
//! as one stream while the file is still being checked; the import must answer exactly as if
//! the whole file had been checked first, write every user with its audit row in file order,
//! and write nothing at all when anything is wrong.

use crate::support::*;

/// Users in the generated files: not a multiple of any batch the import writes in.
const USERS: usize = 20_037;

/// A CSV of `n` users, the last line of which is `last` when given. Names are long enough
/// that the file passes a megabyte.
fn users_csv(n: usize, last: Option<&str>) -> String {
    let mut csv = String::from("email,name,groups,first_login_at,role\n");
    csv.push_str("boss@initech.test,Bill Lumbergh,hq,2026-01-01T00:00:00Z,super_admin\n");
    for i in 2..=n {
        if i == n {
            if let Some(line) = last {
                csv.push_str(line);
                csv.push('\n');
                break;
            }
        }
        csv.push_str(&format!(
            "p{i:06}@initech.test,Person {i:06} of the printer department,ops;tps,2026-01-01T00:00:00Z,user\n"
        ));
    }
    csv
}

/// A store with the org `initech`, which has nobody yet.
fn empty_initech() -> TestEnv {
    let env = TestEnv::acme();
    env.run(&[
        "--actor", OPERATOR, "org", "create", "initech", "--name", "Initech",
    ])
    .ok();
    env
}

fn import_initech(env: &TestEnv, path: &str, extra: &[&str]) -> Run {
    let mut args = vec![
        "--actor", OPERATOR, "--org", "initech", "--format", "json", "users", "import", path,
    ];
    args.extend_from_slice(extra);
    env.run(&args)
}

/// Whom initech's super admin finds with `--search needle`, by email.
fn search_initech(env: &TestEnv, needle: &str) -> Vec<String> {
    let found = env
        .run(&[
            "--actor",
            "boss@initech.test",
            "--org",
            "initech",
            "--format",
            "json",
            "users",
            "list",
            "--search",
            needle,
        ])
        .ok()
        .json();
    emails(&found)
}

#[test]
fn a_large_import_into_an_empty_org_writes_every_user_and_its_row_in_file_order() {
    let env = empty_initech();
    let csv = users_csv(USERS, None);
    assert!(csv.len() > 1 << 20, "the file should pass a megabyte");
    let path = write_file(&env, "initech.csv", &csv);

    // A dry run counts the same and leaves nothing behind.
    let before = env.snapshot();
    let counts = import_initech(&env, &path, &["--dry-run"]).ok().json();
    assert_eq!(counts["created"], USERS as u64);
    assert_eq!(counts["dry_run"], true);
    assert_eq!(env.snapshot(), before, "a dry run changed the store");

    let counts = import_initech(&env, &path, &[]).ok().json();
    assert_eq!(counts["created"], USERS as u64);
    if !env.is_postgres() {
        // Written through the rollback journal, the store is back on its write-ahead log.
        assert_eq!(env.sql1("PRAGMA journal_mode"), "wal");
        let journal = format!("{}-journal", env.db.display());
        assert!(
            !std::path::Path::new(&journal).exists(),
            "{journal} was left"
        );
    }
    assert_eq!(
        env.sql1(
            "SELECT count(*) FROM users u JOIN orgs o ON o.id = u.org_id WHERE o.slug = 'initech'"
        ),
        USERS.to_string()
    );
    // One user.created row per user, in the order of the file, their seqs one after another,
    // then the import's own row.
    let rows = env.sql(
        "SELECT seq, target FROM audit_log WHERE org = 'initech' AND event = 'user.created' ORDER BY seq",
    );
    assert_eq!(rows.len(), USERS);
    let file_order: Vec<String> = csv
        .lines()
        .skip(1)
        .map(|line| line.split(',').next().unwrap().to_string())
        .collect();
    let targets: Vec<String> = rows.iter().map(|r| r[1].clone()).collect();
    assert_eq!(targets, file_order);
    let first: i64 = rows[0][0].parse().unwrap();
    for (i, row) in rows.iter().enumerate() {
        assert_eq!(
            row[0].parse::<i64>().unwrap(),
            first + i as i64,
            "seq gap at row {i}"
        );
    }
    let imported = env.sql(
        "SELECT seq, details FROM audit_log WHERE org = 'initech' AND event = 'users.imported'",
    );
    assert_eq!(imported.len(), 1);
    assert_eq!(imported[0][0].parse::<i64>().unwrap(), first + USERS as i64);
    // A user's row says what was written.
    let details = env.sql1(
        "SELECT details FROM audit_log WHERE event = 'user.created' AND target = 'p012345@initech.test'",
    );
    assert_eq!(
        details,
        r#"{"name":"Person 012345 of the printer department","groups":["ops","tps"],"role":"user","status":"active","first_login_at":"2026-01-01T00:00:00.000Z"}"#
    );
    env.run(&["--actor", OPERATOR, "--org", "initech", "audit", "verify"])
        .ok();

    // The same file again changes nobody and writes only the import's row.
    let before = env.sql1("SELECT max(seq) FROM audit_log");
    let counts = import_initech(&env, &path, &[]).ok().json();
    assert_eq!(counts["unchanged"], USERS as u64);
    assert_eq!(
        env.sql1("SELECT max(seq) FROM audit_log"),
        (before.parse::<i64>().unwrap() + 1).to_string()
    );
    // The people are found by name.
    assert_eq!(
        search_initech(&env, "person 019999"),
        ["p019999@initech.test"]
    );
    if !env.is_postgres() {
        // The import indexed its users itself, all of them, and left the insert trigger on.
        assert_eq!(env.sql1("SELECT count(*) FROM users_search_paused"), "0");
        assert_eq!(env.sql1("SELECT count(*) FROM users_search_pending"), "0");
        // The trigrams of "p012345@", in the index: that user alone.
        assert_eq!(
            env.sql1(
                "SELECT count(*) FROM users_search WHERE users_search MATCH \
                 '\"p01\" AND \"012\" AND \"123\" AND \"234\" AND \"345\" AND \"45@\"'"
            ),
            "1"
        );
        let kim = write_file(&env, "kim.csv", "email,name\nkim@initech.test,Kim Zyx\n");
        import_initech(&env, &kim, &[]).ok();
        assert_eq!(search_initech(&env, "kim zyx"), ["kim@initech.test"]);
    }
}

#[test]
fn a_problem_anywhere_in_a_large_file_refuses_it_whole_as_checking_first_would() {
    let env = empty_initech();
    let before = env.snapshot();
    let last = USERS + 1; // the line of the file's last row (the header is line 1)
    let cases: [(&str, String, i32, Vec<String>); 3] = [
        (
            "a duplicate on the last line",
            users_csv(USERS, Some("p000002@INITECH.test,Again,ops,,user")),
            2,
            vec![
                format!("line {last}"),
                "appears twice (also on line 3)".to_string(),
            ],
        ),
        (
            // The second pass meets the operator first; the first pass's answer wins.
            "a bad role at the end, an operator early",
            users_csv(USERS, Some("late@initech.test,Late,ops,,boss")).replacen(
                "p000003@initech.test",
                "pa@vendor.test",
                1,
            ),
            2,
            vec![format!("line {last}"), "column role".to_string()],
        ),
        (
            "an operator in a good file",
            users_csv(USERS, Some("pa@vendor.test,Pat Architect,ops,,user")),
            5,
            vec![format!("line {last}"), "is an operator".to_string()],
        ),
    ];
    for (case, csv, code, wanted) in cases {
        let path = write_file(&env, "bad.csv", &csv);
        for extra in [&[][..], &["--dry-run"][..]] {
            let run = import_initech(&env, &path, extra);
            assert_eq!(run.code, code, "{case} {extra:?}: {}", run.stderr);
            for w in &wanted {
                assert!(
                    run.stderr.contains(w.as_str()),
                    "{case}: {w:?} not in {}",
                    run.stderr
                );
            }
            assert_eq!(
                env.snapshot(),
                before,
                "{case} {extra:?}: the store changed"
            );
        }
    }
}

#[test]
fn users_deleted_by_hand_before_an_import_reusing_their_ids_leave_a_sound_search_index() {
    let env = empty_initech();
    if env.sqlite_only("the SQLite search index and the shell's writes") {
        return;
    }
    let first = write_file(
        &env,
        "first.csv",
        "email,name\nann@initech.test,Ann First\nbob@initech.test,Bob First\n",
    );
    import_initech(&env, &first, &[]).ok();
    // By hand, as in the sqlite3 shell: the org's users, which hold the highest ids, go.
    env.exec("DELETE FROM users WHERE org_id = (SELECT id FROM orgs WHERE slug = 'initech')");
    let second = write_file(
        &env,
        "second.csv",
        "email,name,role\nboss@initech.test,Bill Lumbergh,super_admin\ncid@initech.test,Cid Second,user\n",
    );
    import_initech(&env, &second, &[]).ok();
    // FTS5's own check of the index against the table.
    env.exec("INSERT INTO users_search (users_search, rank) VALUES ('integrity-check', 1)");
    assert_eq!(search_initech(&env, "cid second"), ["cid@initech.test"]);
    assert_eq!(search_initech(&env, "ann first"), Vec::<String>::new());
}
