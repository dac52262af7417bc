//! The `settings` table: one row per changed key of an org; absent keys have their defaults.

use super::db::{Db, Val};
use super::{StoreError, StoreResult};
use crate::core::settings::{Key, Settings, Value};

/// Reads the settings.
#[derive(Clone, Copy)]
pub struct SettingsTable<'c> {
    pub(super) db: Db<'c>,
}

impl SettingsTable<'_> {
    pub fn load(&self, org_id: i64) -> StoreResult<Settings> {
        let mut settings = Settings::default();
        let rows = self.db.rows(
            "SELECT key, value FROM settings WHERE org_id = ?1",
            &[Val::Int(org_id)],
            |r| Ok((r.string(0)?, r.string(1)?)),
        )?;
        for (raw_key, raw_value) in rows {
            // A stored value this build cannot read fails closed: guessing a default could,
            // say, quietly turn super-admin-only off.
            let corrupt = |detail: String| StoreError::Corrupt {
                table: "settings",
                row: format!("(org #{org_id}, {raw_key:?})"),
                detail: format!("value {raw_value:?}: {detail}"),
            };
            let key = Key::parse(&raw_key).map_err(|e| corrupt(e.to_string()))?;
            let value = Value::parse(key, &raw_value).map_err(|e| corrupt(e.to_string()))?;
            settings.set(key, value);
        }
        Ok(settings)
    }
}

super::write_handle!(SettingsTx, SettingsTable);

impl SettingsTx<'_> {
    pub fn set(&self, org_id: i64, key: Key, value: Value) -> StoreResult<()> {
        let value = value.to_string();
        self.w.exec(
            "INSERT INTO settings (org_id, key, value) VALUES (?1, ?2, ?3)
             ON CONFLICT (org_id, key) DO UPDATE SET value = excluded.value",
            &[Val::Int(org_id), Val::Text(key.as_str()), Val::Text(&value)],
        )?;
        Ok(())
    }
}
