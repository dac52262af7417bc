//! The `users` table: the people of each org.

use super::db::{copy_field, Db, Row, Sql, Val};
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

/// The `INSERT` of one user, its columns in the order of [`UserRow::vals`].
macro_rules! insert_user {
    () => {
        "INSERT INTO users (org_id, email, name, groups, first_login_at, status, role, hr_scope,
             search_text, name_key, protected)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
    };
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

    /// The parameters of [`insert_user!`].
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

    /// The columns of [`insert_user!`] in `COPY`'s text format, one line.
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
}

super::write_handle!(UsersTx, Users);

impl UsersTx<'_> {
    /// Writes new users of an org that had none, as one stream: `COPY` on PostgreSQL, one
    /// `INSERT` each on SQLite.
    pub fn create_all<'u>(&self, users: impl Iterator<Item = &'u User>) -> StoreResult<()> {
        if !self.w.db.copies() {
            return users.into_iter().try_for_each(|u| self.save(u));
        }
        let n = self.w.db.copy_in(
            "COPY users (org_id, email, name, groups, first_login_at, status, role, hr_scope,
                 search_text, name_key, protected) FROM STDIN",
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
        self.w.exec(
            concat!(
                insert_user!(),
                " ON CONFLICT (org_id, email) DO UPDATE SET name = excluded.name,
                 groups = excluded.groups, first_login_at = excluded.first_login_at,
                 status = excluded.status, role = excluded.role, hr_scope = excluded.hr_scope,
                 search_text = excluded.search_text, name_key = excluded.name_key,
                 protected = excluded.protected"
            ),
            &UserRow::of(u).vals(),
        )?;
        Ok(())
    }
}
