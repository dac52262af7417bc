//! The `orgs` table.

use rusqlite::{Connection, OptionalExtension};

use crate::core::model::Org;
use crate::error::Result;

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Org> {
    Ok(Org {
        id: r.get(0)?,
        slug: r.get(1)?,
        name: r.get(2)?,
    })
}

pub fn find(conn: &Connection, slug: &str) -> Result<Option<Org>> {
    Ok(conn
        .prepare_cached("SELECT id, slug, name FROM orgs WHERE slug = ?1")?
        .query_row([slug], from_row)
        .optional()?)
}

pub fn list(conn: &Connection) -> Result<Vec<Org>> {
    let mut stmt = conn.prepare_cached("SELECT id, slug, name FROM orgs ORDER BY slug")?;
    let orgs = stmt
        .query_map([], from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(orgs)
}

/// The orgs where `email` is an active user.
pub fn of_user(conn: &Connection, email: &str) -> Result<Vec<Org>> {
    let mut stmt = conn.prepare_cached(
        "SELECT o.id, o.slug, o.name FROM orgs o JOIN users u ON u.org_id = o.id
         WHERE u.email = ?1 AND u.status = 'active' ORDER BY o.slug",
    )?;
    let orgs = stmt
        .query_map([email], from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(orgs)
}

pub fn insert(conn: &Connection, slug: &str, name: &str, created_at: &str) -> Result<Org> {
    conn.execute(
        "INSERT INTO orgs (slug, name, created_at) VALUES (?1, ?2, ?3)",
        [slug, name, created_at],
    )?;
    Ok(Org {
        id: conn.last_insert_rowid(),
        slug: slug.to_string(),
        name: name.to_string(),
    })
}
