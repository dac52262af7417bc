//! The `operators` table: vendor staff, outside every org.

use rusqlite::{Connection, OptionalExtension};

use super::{StoreError, StoreResult};
use crate::core::model::{Operator, OperatorRole};

/// Reads the operators.
#[derive(Clone, Copy)]
pub struct Operators<'c> {
    pub(super) conn: &'c Connection,
}

impl Operators<'_> {
    pub fn find(&self, email: &str) -> StoreResult<Option<Operator>> {
        let row: Option<(String, String)> = self
            .conn
            .prepare_cached("SELECT email, role FROM operators WHERE email = ?1")?
            .query_row([email], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        row.map(|(email, role)| {
            let role = OperatorRole::parse(&role).map_err(|e| StoreError::Corrupt {
                table: "operators",
                row: email.clone(),
                detail: e.to_string(),
            })?;
            Ok(Operator { email, role })
        })
        .transpose()
    }

    /// Every operator's email (vendor staff are few).
    pub fn emails(&self) -> StoreResult<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT email FROM operators ORDER BY email")?;
        let emails = stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<Vec<String>, _>>()?;
        Ok(emails)
    }

    pub fn count(&self) -> StoreResult<i64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM operators", [], |r| r.get(0))?)
    }
}

super::write_handle!(OperatorsTx, Operators);

impl OperatorsTx<'_> {
    pub fn add(&self, op: &Operator, created_at: &str) -> StoreResult<()> {
        self.w.exec(
            "INSERT INTO operators (email, role, created_at) VALUES (?1, ?2, ?3)",
            [op.email.as_str(), op.role.as_str(), created_at],
        )?;
        Ok(())
    }
}
