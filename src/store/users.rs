//! The `users` table: the people of each org.

use rusqlite::{Connection, Row};

use super::{StoreError, StoreResult};
use crate::core::clock::{format_instant, parse_stored};
use crate::core::model::{parse_groups, Role, Scope, Status, User};

/// The columns every query reads, in the order `from_row` expects.
macro_rules! select_users {
    ($rest:literal) => {
        concat!(
            "SELECT id, org_id, email, name, groups, first_login_at, status, role, hr_scope FROM users ",
            $rest
        )
    };
}

/// A stored user. A value this build cannot read fails the command that needs this user,
/// naming the row, rather than being read as something else.
fn from_row(r: &Row<'_>) -> StoreResult<User> {
    let id: i64 = r.get(0)?;
    let corrupt = |detail: String| StoreError::Corrupt {
        table: "users",
        row: format!("#{id}"),
        detail,
    };
    let groups: String = r.get(4)?;
    let first_login: Option<String> = r.get(5)?;
    let status: String = r.get(6)?;
    let role: String = r.get(7)?;
    let scope: String = r.get(8)?;
    let first_login_at = match first_login.as_deref() {
        None | Some("") => None,
        Some(raw) => {
            Some(parse_stored(raw).ok_or_else(|| corrupt(format!("first_login_at {raw:?}")))?)
        }
    };
    Ok(User {
        id,
        org_id: r.get(1)?,
        email: r.get(2)?,
        name: r.get(3)?,
        groups: parse_groups(&groups),
        first_login_at,
        status: Status::parse(&status).map_err(|e| corrupt(e.to_string()))?,
        role: Role::parse(&role).map_err(|e| corrupt(e.to_string()))?,
        scope: Scope::parse(&scope),
    })
}

/// The text `--search` looks in: the name and the email, lower-cased in every script.
fn search_text(name: &str, email: &str) -> String {
    format!("{}\n{}", name.to_lowercase(), email.to_lowercase())
}

/// Reads the users.
#[derive(Clone, Copy)]
pub struct Users<'c> {
    pub(super) conn: &'c Connection,
}

impl Users<'_> {
    fn one(&self, sql: &str, params: impl rusqlite::Params) -> StoreResult<Option<User>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let mut rows = stmt.query(params)?;
        rows.next()?.map(from_row).transpose()
    }

    pub fn find(&self, org_id: i64, email: &str) -> StoreResult<Option<User>> {
        self.one(
            select_users!("WHERE org_id = ?1 AND email = ?2"),
            rusqlite::params![org_id, email],
        )
    }

    pub fn get(&self, id: i64) -> StoreResult<Option<User>> {
        self.one(select_users!("WHERE id = ?1"), [id])
    }

    pub fn count(&self, org_id: i64) -> StoreResult<i64> {
        Ok(self
            .conn
            .prepare_cached("SELECT count(*) FROM users WHERE org_id = ?1")?
            .query_row([org_id], |r| r.get(0))?)
    }

    pub fn count_active_super_admins(&self, org_id: i64) -> StoreResult<i64> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT count(*) FROM users
                 WHERE org_id = ?1 AND role = 'super_admin' AND status = 'active'",
            )?
            .query_row([org_id], |r| r.get(0))?)
    }

    /// The slugs of the orgs where `email` is a user, whatever their status, in slug order
    /// (an email is an operator's or an org user's, never both).
    pub fn orgs_of(&self, email: &str) -> StoreResult<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT o.slug FROM users u JOIN orgs o ON o.id = u.org_id
             WHERE u.email = ?1 ORDER BY o.slug",
        )?;
        let slugs = stmt
            .query_map([email], |r| r.get(0))?
            .collect::<Result<Vec<String>, _>>()?;
        Ok(slugs)
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
        let mut stmt = self
            .conn
            .prepare_cached(select_users!(
                "INDEXED BY users_by_name
                 WHERE org_id = ?1 AND (?2 = '' OR instr(search_text, ?2) > 0)
                 ORDER BY org_id, name COLLATE NOCASE, email"
            ))
            .map_err(StoreError::from)?;
        let mut rows = stmt
            .query(rusqlite::params![org_id, needle])
            .map_err(StoreError::from)?;
        while let Some(r) = rows.next().map_err(StoreError::from)? {
            if !each(from_row(r)?)? {
                break;
            }
        }
        Ok(())
    }
}

super::write_handle!(UsersTx, Users);

fn encode(u: &User) -> (String, Option<String>, String, String) {
    (
        u.groups.join(";"),
        u.first_login_at.map(format_instant),
        u.scope.encode(),
        search_text(&u.name, &u.email),
    )
}

impl UsersTx<'_> {
    /// Writes `u` (its `id` is ignored): a new user of its org, or every field over the
    /// stored user with its email.
    pub fn save(&self, u: &User) -> StoreResult<()> {
        let (groups, first_login, scope, search) = encode(u);
        self.w.exec(
            "INSERT INTO users (org_id, email, name, groups, first_login_at, status, role,
                 hr_scope, search_text)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             ON CONFLICT (org_id, email) DO UPDATE SET name = excluded.name,
                 groups = excluded.groups, first_login_at = excluded.first_login_at,
                 status = excluded.status, role = excluded.role, hr_scope = excluded.hr_scope,
                 search_text = excluded.search_text",
            rusqlite::params![
                u.org_id,
                u.email,
                u.name,
                groups,
                first_login,
                u.status.as_str(),
                u.role.as_str(),
                scope,
                search
            ],
        )?;
        Ok(())
    }
}
