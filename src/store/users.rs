//! The `users` table: the people of each org.

use rusqlite::{Connection, OptionalExtension, Row};

use crate::core::clock::{format_instant, parse_stored};
use crate::core::model::{Role, Scope, Status, User};
use crate::error::Result;

/// The columns every query reads, in the order `from_row` expects.
macro_rules! select_users {
    ($rest:literal) => {
        concat!(
            "SELECT id, org_id, email, name, groups, first_login_at, status, role, hr_scope FROM users ",
            $rest
        )
    };
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<User> {
    let groups: String = r.get(4)?;
    let first_login: Option<String> = r.get(5)?;
    let status: String = r.get(6)?;
    let role: String = r.get(7)?;
    let scope: String = r.get(8)?;
    Ok(User {
        id: r.get(0)?,
        org_id: r.get(1)?,
        email: r.get(2)?,
        name: r.get(3)?,
        groups: crate::core::model::parse_groups(&groups),
        first_login_at: first_login.as_deref().and_then(parse_stored),
        // The CHECK constraints of the schema keep these two to known values.
        status: Status::parse(&status).unwrap_or(Status::Deactivated),
        role: Role::parse(&role).unwrap_or(Role::User),
        scope: Scope::parse(&scope),
    })
}

/// The text `--search` looks in: the name and the email, lower-cased in every script.
pub fn search_text(name: &str, email: &str) -> String {
    format!("{}\n{}", name.to_lowercase(), email.to_lowercase())
}

pub fn find(conn: &Connection, org_id: i64, email: &str) -> Result<Option<User>> {
    Ok(conn
        .prepare_cached(select_users!("WHERE org_id = ?1 AND email = ?2"))?
        .query_row(rusqlite::params![org_id, email], from_row)
        .optional()?)
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<User>> {
    Ok(conn
        .prepare_cached(select_users!("WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?)
}

fn encode(u: &User) -> (String, Option<String>, String, String) {
    (
        u.groups.join(";"),
        u.first_login_at.map(format_instant),
        u.scope.encode(),
        search_text(&u.name, &u.email),
    )
}

/// Inserts `u` (its `id` is ignored) and returns the new id.
pub fn insert(conn: &Connection, u: &User) -> Result<i64> {
    let (groups, first_login, scope, search) = encode(u);
    conn.prepare_cached(
        "INSERT INTO users (org_id, email, name, groups, first_login_at, status, role, hr_scope,
             search_text)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(rusqlite::params![
        u.org_id,
        u.email,
        u.name,
        groups,
        first_login,
        u.status.as_str(),
        u.role.as_str(),
        scope,
        search
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Writes every field of `u` over the stored user with its id.
pub fn update(conn: &Connection, u: &User) -> Result<()> {
    let (groups, first_login, scope, search) = encode(u);
    conn.prepare_cached(
        "UPDATE users SET name = ?2, groups = ?3, first_login_at = ?4, status = ?5, role = ?6,
             hr_scope = ?7, search_text = ?8
         WHERE id = ?1",
    )?
    .execute(rusqlite::params![
        u.id,
        u.name,
        groups,
        first_login,
        u.status.as_str(),
        u.role.as_str(),
        scope,
        search
    ])?;
    Ok(())
}

pub fn count(conn: &Connection, org_id: i64) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM users WHERE org_id = ?1")?
        .query_row([org_id], |r| r.get(0))?)
}

pub fn count_active_super_admins(conn: &Connection, org_id: i64) -> Result<i64> {
    Ok(conn
        .prepare_cached(
            "SELECT count(*) FROM users
             WHERE org_id = ?1 AND role = 'super_admin' AND status = 'active'",
        )?
        .query_row([org_id], |r| r.get(0))?)
}

/// Calls `each` with the org's users in name order, those matching `search` only (a
/// case-insensitive substring of the name or email); stops when `each` returns `false`.
pub fn scan(
    conn: &Connection,
    org_id: i64,
    search: Option<&str>,
    mut each: impl FnMut(User) -> Result<bool>,
) -> Result<()> {
    let needle = search.map(str::to_lowercase).unwrap_or_default();
    let mut stmt = conn.prepare_cached(select_users!(
        "INDEXED BY users_by_name
         WHERE org_id = ?1 AND (?2 = '' OR instr(search_text, ?2) > 0)
         ORDER BY org_id, name COLLATE NOCASE, email"
    ))?;
    let mut rows = stmt.query(rusqlite::params![org_id, needle])?;
    while let Some(r) = rows.next()? {
        if !each(from_row(r)?)? {
            break;
        }
    }
    Ok(())
}
