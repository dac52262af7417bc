//! The `settings` table: one row per changed key of an org; absent keys have their defaults.

use rusqlite::Connection;

use super::{StoreError, StoreResult};
use crate::core::settings::{Key, Settings, Value};

/// Reads the settings.
#[derive(Clone, Copy)]
pub struct SettingsTable<'c> {
    pub(super) conn: &'c Connection,
}

impl SettingsTable<'_> {
    pub fn load(&self, org_id: i64) -> StoreResult<Settings> {
        let mut settings = Settings::default();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT key, value FROM settings WHERE org_id = ?1")?;
        let rows = stmt.query_map([org_id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        for row in rows {
            let (raw_key, raw_value) = row?;
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
        self.w.exec(
            "INSERT INTO settings (org_id, key, value) VALUES (?1, ?2, ?3)
             ON CONFLICT (org_id, key) DO UPDATE SET value = excluded.value",
            rusqlite::params![org_id, key.as_str(), value.to_string()],
        )?;
        Ok(())
    }
}
