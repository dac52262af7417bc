//! The `operators` table: vendor staff, outside every org.

use super::db::{Db, Val};
use super::{StoreError, StoreResult};
use crate::core::model::{Operator, OperatorRole};

/// Reads the operators.
#[derive(Clone, Copy)]
pub struct Operators<'c> {
    pub(super) db: Db<'c>,
}

impl Operators<'_> {
    pub fn find(&self, email: &str) -> StoreResult<Option<Operator>> {
        self.db
            .first(
                "SELECT email, role FROM operators WHERE email = ?1",
                &[Val::Text(email)],
                |r| Ok((r.string(0)?, r.string(1)?)),
            )?
            .map(|(email, role)| {
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
        self.db
            .rows("SELECT email FROM operators ORDER BY email", &[], |r| {
                r.string(0)
            })
    }

    pub fn count(&self) -> StoreResult<i64> {
        self.db.int("SELECT count(*) FROM operators", &[])
    }
}

super::write_handle!(OperatorsTx, Operators);

impl OperatorsTx<'_> {
    pub fn add(&self, op: &Operator, created_at: &str) -> StoreResult<()> {
        self.w.exec(
            "INSERT INTO operators (email, role, created_at) VALUES (?1, ?2, ?3)",
            &[
                Val::Text(&op.email),
                Val::Text(op.role.as_str()),
                Val::Text(created_at),
            ],
        )?;
        Ok(())
    }
}
