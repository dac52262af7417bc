//! The `users` table: the people of each org.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::db::{copy_field, insert_sql, Db, Row, Sql, Val};
use super::{StoreError, StoreResult};
use crate::core::clock::{format_instant, parse_stored};
use crate::core::model::{parse_groups, Role, Scope, Status, User};

/// The columns every query reads, in the order `from_row` expects.
macro_rules! select_users {
    ($rest:literal) => {
        concat!(
            "SELECT id, org_id, email, name, groups, first_login_at, status, role, hr_scope, protected
             FROM users ",
            $rest
        )
    };
}

/// A stored user. A value this build cannot read fails the command that needs this user,
/// naming the row, rather than being read as something else.
fn from_row(r: &Row<'_>) -> StoreResult<User> {
    let id = r.int(0)?;
    let corrupt = |detail: String| StoreError::Corrupt {
        table: "users",
        row: format!("#{id}"),
        detail,
    };
    let first_login_at = match r.opt_text(5)? {
        None | Some("") => None,
        Some(raw) => {
            Some(parse_stored(raw).ok_or_else(|| corrupt(format!("first_login_at {raw:?}")))?)
        }
    };
    Ok(User {
        id,
        org_id: r.int(1)?,
        email: r.string(2)?,
        name: r.string(3)?,
        groups: parse_groups(r.text(4)?),
        first_login_at,
        status: Status::parse(r.text(6)?).map_err(|e| corrupt(e.to_string()))?,
        role: Role::parse(r.text(7)?).map_err(|e| corrupt(e.to_string()))?,
        scope: Scope::parse(r.text(8)?),
        protected: match r.int(9)? {
            0 => false,
            1 => true,
            other => return Err(corrupt(format!("protected {other}"))),
        },
    })
}

/// The text `--search` looks in: the name and the email, lower-cased in every script.
fn search_text(name: &str, email: &str) -> String {
    format!("{}\n{}", name.to_lowercase(), email.to_lowercase())
}

/// The key users are listed by: the name with ASCII letters lower-cased, compared byte by
/// byte, so that both databases order names alike.
fn name_key(name: &str) -> String {
    name.to_ascii_lowercase()
}

/// The columns [`UserRow::vals`] writes, in order.
pub(super) const USER_COLUMNS: [&str; 11] = [
    "org_id",
    "email",
    "name",
    "groups",
    "first_login_at",
    "status",
    "role",
    "hr_scope",
    "search_text",
    "name_key",
    "protected",
];

/// `INSERT` of one user, or every field over the stored user with the same email: its
/// columns in the order of [`UserRow::vals`], from [`USER_COLUMNS`].
fn upsert_user() -> &'static str {
    static SQL: OnceLock<String> = OnceLock::new();
    SQL.get_or_init(|| {
        let set: Vec<String> = USER_COLUMNS
            .iter()
            .filter(|c| !matches!(**c, "org_id" | "email"))
            .map(|c| format!("{c} = excluded.{c}"))
            .collect();
        format!(
            "{} ON CONFLICT (org_id, email) DO UPDATE SET {}",
            insert_sql("users", &USER_COLUMNS, 1),
            set.join(", ")
        )
    })
}

/// A user's stored columns, made ready to write.
pub(super) struct UserRow {
    org_id: i64,
    email: String,
    name: String,
    groups: String,
    first_login_at: Option<String>,
    status: &'static str,
    role: &'static str,
    scope: String,
    search_text: String,
    name_key: String,
    protected: bool,
}

impl UserRow {
    pub fn of(u: &User) -> UserRow {
        UserRow {
            org_id: u.org_id,
            email: u.email.clone(),
            name: u.name.clone(),
            groups: u.groups.join(";"),
            first_login_at: u.first_login_at.map(format_instant),
            status: u.status.as_str(),
            role: u.role.as_str(),
            scope: u.scope.encode(),
            search_text: search_text(&u.name, &u.email),
            name_key: name_key(&u.name),
            protected: u.protected,
        }
    }

    /// The parameters of an `INSERT` of [`USER_COLUMNS`].
    pub fn vals(&self) -> [Val<'_>; 11] {
        [
            Val::Int(self.org_id),
            Val::Text(&self.email),
            Val::Text(&self.name),
            Val::Text(&self.groups),
            Val::OptText(self.first_login_at.as_deref()),
            Val::Text(self.status),
            Val::Text(self.role),
            Val::Text(&self.scope),
            Val::Text(&self.search_text),
            Val::Text(&self.name_key),
            Val::Int(i64::from(self.protected)),
        ]
    }

    /// [`USER_COLUMNS`] in `COPY`'s text format, one line.
    fn copy_line(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let org = itoa::Buffer::new().format(self.org_id).to_string();
        let fields = [
            Some(org.as_str()),
            Some(self.email.as_str()),
            Some(self.name.as_str()),
            Some(self.groups.as_str()),
            self.first_login_at.as_deref(),
            Some(self.status),
            Some(self.role),
            Some(self.scope.as_str()),
            Some(self.search_text.as_str()),
            Some(self.name_key.as_str()),
            Some(if self.protected { "1" } else { "0" }),
        ];
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                out.write_all(b"\t")?;
            }
            copy_field(out, *f)?;
        }
        out.write_all(b"\n")
    }
}

/// Reads the users.
#[derive(Clone, Copy)]
pub struct Users<'c> {
    pub(super) db: Db<'c>,
}

impl Users<'_> {
    pub fn find(&self, org_id: i64, email: &str) -> StoreResult<Option<User>> {
        self.db.first(
            select_users!("WHERE org_id = ?1 AND email = ?2"),
            &[Val::Int(org_id), Val::Text(email)],
            from_row,
        )
    }

    pub fn get(&self, id: i64) -> StoreResult<Option<User>> {
        self.db
            .first(select_users!("WHERE id = ?1"), &[Val::Int(id)], from_row)
    }

    pub fn count(&self, org_id: i64) -> StoreResult<i64> {
        self.db.int(
            "SELECT count(*) FROM users WHERE org_id = ?1",
            &[Val::Int(org_id)],
        )
    }

    pub fn count_active_super_admins(&self, org_id: i64) -> StoreResult<i64> {
        self.db.int(
            "SELECT count(*) FROM users
             WHERE org_id = ?1 AND role = 'super_admin' AND status = 'active'",
            &[Val::Int(org_id)],
        )
    }

    /// The org's active super admins, by email.
    pub fn active_super_admins(&self, org_id: i64) -> StoreResult<Vec<User>> {
        self.db.rows(
            select_users!(
                "WHERE org_id = ?1 AND role = 'super_admin' AND status = 'active' ORDER BY email"
            ),
            &[Val::Int(org_id)],
            from_row,
        )
    }

    /// The slugs of the orgs where `email` is a user, whatever their status, in slug order
    /// (an email is an operator's or an org user's, never both).
    pub fn orgs_of(&self, email: &str) -> StoreResult<Vec<String>> {
        self.db.rows(
            "SELECT o.slug FROM users u JOIN orgs o ON o.id = u.org_id
             WHERE u.email = ?1 ORDER BY o.slug",
            &[Val::Text(email)],
            |r| r.string(0),
        )
    }

    /// Calls `each` with the org's users in name order, those matching `search` only (a
    /// case-insensitive substring of the name or email); stops when `each` returns `false`.
    pub fn scan<E: From<StoreError>>(
        &self,
        org_id: i64,
        search: Option<&str>,
        mut each: impl FnMut(User) -> Result<bool, E>,
    ) -> Result<(), E> {
        let needle = search.map(str::to_lowercase).unwrap_or_default();
        if let Route::Index { key } = self.route(org_id, &needle)? {
            // The few matches, read through the index and sorted here.
            return self.db.each(
                FOUND,
                &[Val::Int(org_id), Val::Text(&needle), Val::Text(&key)],
                |r| each(from_row(r)?),
            );
        }
        self.db.each(
            Sql::Each {
                lite: select_users!(
                    "INDEXED BY users_by_name_key
                     WHERE org_id = ?1 AND (?2 = '' OR instr(search_text, ?2) > 0)
                     ORDER BY org_id, name_key, email"
                ),
                pg: select_users!(
                    "WHERE org_id = ?1 AND (?2 = '' OR strpos(search_text, ?2) > 0)
                     ORDER BY org_id, name_key, email"
                ),
            },
            &[Val::Int(org_id), Val::Text(&needle)],
            |r| each(from_row(r)?),
        )
    }

    /// How [`Users::scan`] finds the users holding `needle` (lower-cased): through the
    /// trigram index when they are few, else by walking the org in name order, which meets
    /// the first screenful of a dense needle at once.
    fn route(&self, org_id: i64, needle: &str) -> StoreResult<Route> {
        // A needle of one or two characters has no trigram; one with a NUL (which no argument
        // can hold) is left to the walk rather than to FTS5's query parser.
        if needle.chars().nth(2).is_none() || needle.contains('\0') {
            return Ok(Route::Walk);
        }
        let key = match self.db {
            Db::Lite(_) => {
                let query = trigram_query(needle);
                // Candidates of every org, before the text is checked: past this many, reading
                // them costs what the walk would.
                let candidates = self
                    .db
                    .int(CANDIDATES, &[Val::Text(&query), Val::Int(MANY_CANDIDATES)])?;
                if candidates >= MANY_CANDIDATES {
                    return Ok(Route::Walk);
                }
                if candidates <= DENSE_MATCHES {
                    // So few that their matches are fewer still.
                    return Ok(Route::Index { key: query });
                }
                query
            }
            Db::Pg(_) => {
                // pg_trgm may be missing on the server: no index, no use asking it. Nor for a
                // needle without three letters or digits in a row (by the database's own
                // classification): pg_trgm takes trigrams from those only, and with none it
                // would read the whole index, then the walk would read the whole org.
                let useful = self.db.int(
                    "SELECT count(*) FROM pg_indexes
                     WHERE schemaname = current_schema() AND indexname = 'users_by_search_text'
                       AND ?1 ~ '[[:alnum:]]{3}'",
                    &[Val::Text(needle)],
                )?;
                if useful == 0 {
                    return Ok(Route::Walk);
                }
                like_pattern(needle)
            }
        };
        let matches = self.db.int(
            FOUND_COUNT,
            &[
                Val::Int(org_id),
                Val::Text(needle),
                Val::Text(&key),
                Val::Int(DENSE_MATCHES + 1),
            ],
        )?;
        Ok(match matches > DENSE_MATCHES {
            true => Route::Walk,
            false => Route::Index { key },
        })
    }
}

/// The users of org ?1 whose search text holds ?2, found through the trigram index (asked
/// ?3: an FTS5 query on SQLite, a `LIKE` pattern on PostgreSQL), in name order. On SQLite the
/// candidates are the index's and the users it does not hold yet (`users_search_pending`),
/// each looked up by id (NOT INDEXED: never the name index, which would walk the org).
const FOUND: Sql<'static> = Sql::Each {
    lite: select_users!(
        "NOT INDEXED
         WHERE id IN (SELECT rowid FROM users_search WHERE users_search MATCH ?3
                      UNION ALL SELECT id FROM users_search_pending)
           AND org_id = ?1 AND instr(search_text, ?2) > 0
         ORDER BY org_id, name_key, email"
    ),
    pg: select_users!(
        "WHERE org_id = ?1 AND search_text LIKE ?3 AND strpos(search_text, ?2) > 0
         ORDER BY org_id, name_key, email"
    ),
};

/// How many users [`FOUND`] finds, counted up to ?4.
const FOUND_COUNT: Sql<'static> = Sql::Each {
    lite: "SELECT count(*) FROM (SELECT 1 FROM users NOT INDEXED
           WHERE id IN (SELECT rowid FROM users_search WHERE users_search MATCH ?3
                        UNION ALL SELECT id FROM users_search_pending)
             AND org_id = ?1 AND instr(search_text, ?2) > 0
           LIMIT ?4)",
    pg: "SELECT count(*) FROM (SELECT 1 FROM users
         WHERE org_id = ?1 AND search_text LIKE ?3 AND strpos(search_text, ?2) > 0
         LIMIT ?4) m",
};

/// How many candidates of any org SQLite has for the FTS5 query ?1, counted up to ?2: the
/// rows the index answers with and those it does not hold yet, before their text is checked.
const CANDIDATES: &str = "SELECT count(*) FROM (
        SELECT rowid FROM users_search WHERE users_search MATCH ?1
        UNION ALL SELECT id FROM users_search_pending
        LIMIT ?2)";

/// Brings the SQLite search index up to date at the end of a write transaction: the users
/// written since the last time (by admin-proxy or by hand) go into it in one statement, and
/// out of `users_search_pending`.
pub(super) fn index_pending(db: Db<'_>) -> StoreResult<()> {
    if !matches!(db, Db::Lite(_)) {
        return Ok(());
    }
    let pending = db.first(
        "SELECT 1 FROM users_search_pending LIMIT 1",
        &[],
        |_| Ok(()),
    )?;
    if pending.is_none() {
        return Ok(());
    }
    db.batch(
        "INSERT INTO users_search (users_search, rowid, search_text)
             SELECT 'delete', id, indexed FROM users_search_pending WHERE indexed IS NOT NULL;
         INSERT INTO users_search (rowid, search_text)
             SELECT u.id, u.search_text FROM users_search_pending p JOIN users u ON u.id = p.id;
         DELETE FROM users_search_pending;",
    )
}

/// Tells the SQLite search index's insert trigger to leave the users inserted from now on in
/// this transaction to [`index_org`] (bulk imports into an org that had nobody).
pub(super) fn pause_search_index(db: Db<'_>) -> StoreResult<()> {
    db.batch("INSERT INTO users_search_paused (one) VALUES (1)")
}

/// Indexes every user of the org `slug` for search at once, and lets the insert trigger work
/// again: after [`pause_search_index`] and the org's first users, in the same transaction.
pub(super) fn index_org(db: Db<'_>, slug: &str) -> StoreResult<()> {
    db.exec(
        "INSERT INTO users_search (rowid, search_text)
         SELECT u.id, u.search_text FROM users u JOIN orgs o ON o.id = u.org_id
         WHERE o.slug = ?1",
        &[Val::Text(slug)],
    )?;
    db.batch("DELETE FROM users_search_paused")
}

/// How a search finds its users.
enum Route {
    /// Every user of the org in name order, each checked against the needle.
    Walk,
    /// The matches found through the index: `key` is what it is asked (an FTS5 query on
    /// SQLite, a `LIKE` pattern on PostgreSQL).
    Index { key: String },
}

/// A search with more matches than this in the org walks it in name order instead: the walk
/// meets the first screenful at once, where the index would read and sort them all.
const DENSE_MATCHES: i64 = 2000;

/// A search whose trigrams the SQLite index finds in this many rows or more (every org's,
/// true matches or not) walks the org instead: counting them stays cheap, and reading fewer
/// through the index costs a few milliseconds, where a walk of a million users costs hundreds.
const MANY_CANDIDATES: i64 = 10_000;

/// The most trigrams of a needle the SQLite index is asked for: a longer needle is asked
/// for some of them, spread over it (any subset still finds every match).
const MAX_TRIGRAMS: usize = 32;

/// The FTS5 query for the rows holding every trigram (run of three characters) of `needle`:
/// each distinct trigram a quoted string of its own (`"` doubled), joined by AND, since an
/// index of detail = none answers no phrase of several. A row holding the needle holds each
/// of its trigrams; the text itself is checked afterwards.
fn trigram_query(needle: &str) -> String {
    // Where each character begins, and where the last ends.
    let bounds: Vec<usize> = needle
        .char_indices()
        .map(|(i, _)| i)
        .chain([needle.len()])
        .collect();
    let mut seen = HashSet::new();
    let trigrams: Vec<&str> = bounds
        .windows(4)
        .map(|w| &needle[w[0]..w[3]])
        .filter(|t| seen.insert(*t))
        .collect();
    let step = trigrams.len().div_ceil(MAX_TRIGRAMS).max(1);
    let quoted: Vec<String> = trigrams
        .iter()
        .step_by(step)
        .map(|t| format!("\"{}\"", t.replace('"', "\"\"")))
        .collect();
    quoted.join(" AND ")
}

/// The `LIKE` pattern of the texts that contain `needle`: its `%`, `_` and `\` escaped (the
/// default escape character), wrapped in `%`.
fn like_pattern(needle: &str) -> String {
    let mut pattern = String::with_capacity(needle.len() + 2);
    pattern.push('%');
    for c in needle.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

super::write_handle!(UsersTx, Users);

impl UsersTx<'_> {
    /// Writes new users of an org that had none, as one `COPY` (PostgreSQL).
    pub fn create_all<'u>(&self, users: impl Iterator<Item = &'u User>) -> StoreResult<()> {
        let n = self.w.db.copy_in(
            &format!("COPY users ({}) FROM STDIN", USER_COLUMNS.join(", ")),
            |out| {
                for u in users {
                    UserRow::of(u).copy_line(out)?;
                }
                Ok(())
            },
        )?;
        self.w.owe(n);
        Ok(())
    }

    /// Writes `u` (its `id` is ignored): a new user of its org, or every field over the
    /// stored user with its email.
    pub fn save(&self, u: &User) -> StoreResult<()> {
        self.w.exec(upsert_user(), &UserRow::of(u).vals())?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::tests::temp_store;

    /// Writes users of org 1 straight into the table, as `save` would store them.
    fn put(db: Db<'_>, people: &[(&str, &str)]) {
        db.batch(
            "INSERT OR IGNORE INTO orgs (id, slug, name, created_at) VALUES (1, 'o', 'O', '')",
        )
        .unwrap();
        for (name, email) in people {
            db.exec(
                "INSERT INTO users (org_id, email, name, search_text, name_key)
                 VALUES (1, ?1, ?2, ?3, ?4)",
                &[
                    Val::Text(email),
                    Val::Text(name),
                    Val::Text(&search_text(name, email)),
                    Val::Text(&name_key(name)),
                ],
            )
            .unwrap();
        }
    }

    fn found(users: Users<'_>, search: &str) -> Vec<String> {
        let mut out = Vec::new();
        users
            .scan(1, Some(search), |u| {
                out.push(u.email);
                Ok::<_, StoreError>(true)
            })
            .unwrap();
        out
    }

    #[test]
    fn a_needle_asks_the_index_for_each_distinct_trigram_quoted() {
        assert_eq!(trigram_query("abcd"), r#""abc" AND "bcd""#);
        assert_eq!(trigram_query("aaaaa"), r#""aaa""#);
        assert_eq!(trigram_query(r#"a"b"#), r#""a""b""#);
        assert_eq!(trigram_query("zoë q"), r#""zoë" AND "oë " AND "ë q""#);
        assert_eq!(trigram_query("x\ny"), "\"x\ny\"");
        let long: String = ('a'..='z').chain('A'..='Z').collect();
        let asked = trigram_query(&long);
        assert!(asked.starts_with(r#""abc" AND "#), "{asked}");
        assert!(asked.matches(" AND ").count() < MAX_TRIGRAMS, "{asked}");
    }

    #[test]
    fn like_patterns_escape_their_wildcards() {
        assert_eq!(like_pattern(r"50%_a\b"), r"%50\%\_a\\b%");
        assert_eq!(like_pattern("zoë"), "%zoë%");
    }

    #[test]
    fn searches_through_the_index_look_candidates_up_by_id() {
        let (_dir, store) = temp_store();
        let Db::Lite(conn) = store.db() else {
            unreachable!("a SQLite store")
        };
        let Sql::Each { lite: found, .. } = FOUND else {
            unreachable!("FOUND differs by database")
        };
        let Sql::Each { lite: count, .. } = FOUND_COUNT else {
            unreachable!("FOUND_COUNT differs by database")
        };
        for sql in [found, count, CANDIDATES] {
            let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
            let plan: Vec<String> = stmt
                .query_map(
                    rusqlite::params_from_iter(std::iter::repeat_n("x", stmt.parameter_count())),
                    |r| r.get(3),
                )
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            let plan = plan.join("\n");
            assert!(plan.contains("users_search VIRTUAL TABLE"), "{sql}\n{plan}");
            assert!(!plan.contains("users_by_name_key"), "{sql}\n{plan}");
            assert!(!plan.lines().any(|l| l == "SCAN users"), "{sql}\n{plan}");
        }
    }

    /// The needles of [`the_index_finds_exactly_what_a_substring_filter_finds`].
    const NEEDLES: [&str; 31] = [
        "zoë",
        "ZOË Q",
        "quintero",
        "STRASSE",
        "straße",
        "weiß",
        "i̇lker",
        "ünal",
        "\"hi\"",
        "o'neil",
        "\" o",
        "100%",
        "*star*",
        "_under_",
        "% *",
        "in the",
        "nul",
        "l\0i",
        "on\u{FFFE}c",
        "on\u{FFFD}c",
        "李小龍",
        "小龍",
        "😃😄 ",
        "o\nz",
        "ann\na\\b",
        "a\\b@",
        "@acme.test",
        "acme.tesx",
        "cme",
        "zz",
        "z",
    ];

    /// Checks every needle against a substring filter of what the table holds, and that
    /// those of three characters or more went through the index.
    #[track_caller]
    fn check_needles(db: Db<'_>, when: &str) {
        let users = Users { db };
        let texts = db
            .rows(
                "SELECT search_text, email FROM users WHERE org_id = 1",
                &[],
                |r| Ok((r.string(0)?, r.string(1)?)),
            )
            .unwrap();
        for needle in NEEDLES {
            let lower = needle.to_lowercase();
            let mut want: Vec<&str> = texts
                .iter()
                .filter(|(t, _)| t.contains(&lower))
                .map(|(_, e)| e.as_str())
                .collect();
            let mut got = found(users, needle);
            want.sort();
            got.sort();
            assert_eq!(got, want, "{when}: {needle:?}");
            if lower.chars().count() >= 3 && !lower.contains('\0') {
                assert!(
                    matches!(users.route(1, &lower).unwrap(), Route::Index { .. }),
                    "{when}: {needle:?} went through the index"
                );
            }
        }
    }

    fn pending(db: Db<'_>) -> i64 {
        db.int("SELECT count(*) FROM users_search_pending", &[])
            .unwrap()
    }

    #[test]
    fn the_index_finds_exactly_what_a_substring_filter_finds() {
        let (_dir, store) = temp_store();
        let db = store.db();
        put(
            db,
            &[
                ("Zoë Quintero", "zoe@acme.test"),
                ("ZOË QUINTERO", "zoe2@acme.test"),
                ("Straße Weiß", "strasse@acme.test"),
                ("İlker Ünal", "ilker@acme.test"),
                ("Say \"Hi\" O'Neil", "quote@acme.test"),
                ("100% *star* _under_", "pct@acme.test"),
                ("Nul\0in the name", "nul@acme.test"),
                ("Non\u{FFFE}char", "nonchar@acme.test"),
                ("李小龍", "lee@acme.test"),
                ("😀😃😄 grin", "grin@acme.test"),
                ("Ann", "a\\b@acme.test"),
            ],
        );
        // Written by hand: not in the index yet, found all the same.
        assert_eq!(pending(db), 11);
        check_needles(db, "pending");
        index_pending(db).unwrap();
        assert_eq!(pending(db), 0);
        check_needles(db, "indexed");

        // Renamed, moved to another id, removed: by hand, then folded into the index.
        db.batch(
            "UPDATE users SET name = 'Zoë Renamed', search_text = 'zoë renamed' || char(10) || email
             WHERE email = 'zoe@acme.test';
             UPDATE users SET id = 1000 WHERE email = 'lee@acme.test';
             DELETE FROM users WHERE email = 'grin@acme.test';
             UPDATE users SET search_text = 'twice' WHERE email = 'ilker@acme.test';
             UPDATE users SET search_text = 'i̇lker ünal' || char(10) || email
             WHERE email = 'ilker@acme.test';",
        )
        .unwrap();
        assert_eq!(pending(db), 5);
        check_needles(db, "changed by hand");
        index_pending(db).unwrap();
        check_needles(db, "changed and indexed");
        let db_check =
            db.batch("INSERT INTO users_search (users_search, rank) VALUES ('integrity-check', 1)");
        assert!(db_check.is_ok(), "{db_check:?}");
    }

    #[test]
    fn dense_needles_walk_the_org_and_find_the_same() {
        let (_dir, store) = temp_store();
        let db = store.db();
        db.batch(
            "INSERT INTO orgs (id, slug, name, created_at) VALUES (1, 'o', 'O', ''), (2, 'p', 'P', '');
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10050)
             INSERT INTO users (org_id, email, name, search_text, name_key)
             SELECT 1 + (i % 2000 = 0), e, 'Person ' || i, 'person ' || i || char(10) || e,
                    'person ' || i
             FROM (SELECT i, 'p' || i || iif(i % 2 = 0, '@even.test', '@odd.test') AS e FROM n);",
        )
        .unwrap();
        index_pending(db).unwrap();
        let users = Users { db };
        // Org 1 has 10,045 people, org 2 five (all at even.test): "person" has too many
        // candidates for either; "even.test" has few enough, but too many matches in org 1.
        for (org, needle, route) in [
            (1, "person", "walk"),
            (2, "person", "walk"),
            (1, "even.test", "walk"),
            (2, "even.test", "index"),
            (1, "person 1", "index"),
            (1, "person 4000", "index"),
            (2, "person 4000", "index"),
            (2, "son 100", "index"),
        ] {
            let took = match users.route(org, needle).unwrap() {
                Route::Walk => "walk",
                Route::Index { .. } => "index",
            };
            assert_eq!(took, route, "org {org}, {needle:?}");
            let mut want = db
                .rows(
                    "SELECT email FROM users WHERE org_id = ?1 AND instr(search_text, ?2) > 0
                     ORDER BY name_key, email",
                    &[Val::Int(org), Val::Text(needle)],
                    |r| r.string(0),
                )
                .unwrap();
            let mut got = Vec::new();
            users
                .scan(org, Some(needle), |u| {
                    got.push(u.email);
                    Ok::<_, StoreError>(got.len() < 25)
                })
                .unwrap();
            want.truncate(25);
            assert_eq!(got, want, "org {org}, {needle:?}");
        }
    }
}
