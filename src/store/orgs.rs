//! The `orgs` table.

use super::db::{Db, Row, Val};
use super::StoreResult;
use crate::core::model::Org;

fn from_row(r: &Row<'_>) -> StoreResult<Org> {
    Ok(Org {
        id: r.int(0)?,
        slug: r.string(1)?,
        name: r.string(2)?,
    })
}

/// Reads the orgs.
#[derive(Clone, Copy)]
pub struct Orgs<'c> {
    pub(super) db: Db<'c>,
}

impl Orgs<'_> {
    pub fn find(&self, slug: &str) -> StoreResult<Option<Org>> {
        self.db.first(
            "SELECT id, slug, name FROM orgs WHERE slug = ?1",
            &[Val::Text(slug)],
            from_row,
        )
    }

    pub fn list(&self) -> StoreResult<Vec<Org>> {
        self.db.rows(
            "SELECT id, slug, name FROM orgs ORDER BY slug",
            &[],
            from_row,
        )
    }

    /// The orgs where `email` is an active user.
    pub fn of_user(&self, email: &str) -> StoreResult<Vec<Org>> {
        self.db.rows(
            "SELECT o.id, o.slug, o.name FROM orgs o JOIN users u ON u.org_id = o.id
             WHERE u.email = ?1 AND u.status = 'active' ORDER BY o.slug",
            &[Val::Text(email)],
            from_row,
        )
    }
}

super::write_handle!(OrgsTx, Orgs);

impl OrgsTx<'_> {
    pub fn create(&self, slug: &str, name: &str, created_at: &str) -> StoreResult<Org> {
        let id = self.w.insert_returning_id(
            "INSERT INTO orgs (slug, name, created_at) VALUES (?1, ?2, ?3) RETURNING id",
            &[Val::Text(slug), Val::Text(name), Val::Text(created_at)],
        )?;
        Ok(Org {
            id,
            slug: slug.to_string(),
            name: name.to_string(),
        })
    }
}
