//! The `operators` table: vendor staff, outside every org.

use rusqlite::{Connection, OptionalExtension};

use crate::core::model::{Operator, OperatorRole};
use crate::error::Result;

pub fn find(conn: &Connection, email: &str) -> Result<Option<Operator>> {
    let row: Option<(String, String)> = conn
        .prepare_cached("SELECT email, role FROM operators WHERE email = ?1")?
        .query_row([email], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    row.map(|(email, role)| {
        Ok(Operator {
            email,
            role: OperatorRole::parse(&role)?,
        })
    })
    .transpose()
}

pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM operators", [], |r| r.get(0))?)
}

pub fn insert(conn: &Connection, op: &Operator, created_at: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO operators (email, role, created_at) VALUES (?1, ?2, ?3)",
        [op.email.as_str(), op.role.as_str(), created_at],
    )?;
    Ok(())
}
