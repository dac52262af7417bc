//! The `settings` table: one row per changed key of an org; absent keys have their defaults.

use rusqlite::Connection;

use crate::core::settings::{Key, Settings, Value};
use crate::error::{Error, Result};

pub fn load(conn: &Connection, org_id: i64) -> Result<Settings> {
    let mut settings = Settings::default();
    let mut stmt = conn.prepare_cached("SELECT key, value FROM settings WHERE org_id = ?1")?;
    let rows = stmt.query_map([org_id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    for row in rows {
        let (raw_key, raw_value) = row?;
        // A stored value this build cannot read fails closed: guessing a default could, say,
        // quietly turn super-admin-only off.
        let invalid = |e: crate::core::error::Invalid| Error::NotAStore {
            path: format!("settings of org #{org_id}"),
            detail: format!("{raw_key} = {raw_value:?} cannot be read ({e})"),
        };
        let key = Key::parse(&raw_key).map_err(invalid)?;
        let value = Value::parse(key, &raw_value).map_err(invalid)?;
        settings.set(key, value);
    }
    Ok(settings)
}

pub fn store(conn: &Connection, org_id: i64, key: Key, value: Value) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (org_id, key, value) VALUES (?1, ?2, ?3)
         ON CONFLICT (org_id, key) DO UPDATE SET value = excluded.value",
        rusqlite::params![org_id, key.as_str(), value.to_string()],
    )?;
    Ok(())
}
