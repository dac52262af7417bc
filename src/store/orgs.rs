//! The `orgs` table.

use rusqlite::{Connection, OptionalExtension};

use super::StoreResult;
use crate::core::model::Org;

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Org> {
    Ok(Org {
        id: r.get(0)?,
        slug: r.get(1)?,
        name: r.get(2)?,
    })
}

/// Reads the orgs.
#[derive(Clone, Copy)]
pub struct Orgs<'c> {
    pub(super) conn: &'c Connection,
}

impl Orgs<'_> {
    pub fn find(&self, slug: &str) -> StoreResult<Option<Org>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id, slug, name FROM orgs WHERE slug = ?1")?
            .query_row([slug], from_row)
            .optional()?)
    }

    pub fn list(&self) -> StoreResult<Vec<Org>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, slug, name FROM orgs ORDER BY slug")?;
        let orgs = stmt
            .query_map([], from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(orgs)
    }

    /// The orgs where `email` is an active user.
    pub fn of_user(&self, email: &str) -> StoreResult<Vec<Org>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT o.id, o.slug, o.name FROM orgs o JOIN users u ON u.org_id = o.id
             WHERE u.email = ?1 AND u.status = 'active' ORDER BY o.slug",
        )?;
        let orgs = stmt
            .query_map([email], from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(orgs)
    }
}

super::write_handle!(OrgsTx, Orgs);

impl OrgsTx<'_> {
    pub fn create(&self, slug: &str, name: &str, created_at: &str) -> StoreResult<Org> {
        self.w.exec(
            "INSERT INTO orgs (slug, name, created_at) VALUES (?1, ?2, ?3)",
            [slug, name, created_at],
        )?;
        Ok(Org {
            id: self.w.conn.last_insert_rowid(),
            slug: slug.to_string(),
            name: name.to_string(),
        })
    }
}
