//! The `settings` table: one row per changed key of an org; absent keys have their defaults.

use rusqlite::Connection;

use crate::core::settings::{Key, Settings, Value};
use crate::error::Result;

pub fn load(conn: &Connection, org_id: i64) -> Result<Settings> {
    let mut settings = Settings::default();
    let mut stmt = conn.prepare_cached("SELECT key, value FROM settings WHERE org_id = ?1")?;
    let rows = stmt.query_map([org_id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    for row in rows {
        let (key, value) = row?;
        // A key or value this build does not know keeps its default rather than failing
        // every command of the org.
        if let Ok(key) = Key::parse(&key) {
            if let Ok(value) = Value::parse(key, &value) {
                settings.set(key, value);
            }
        }
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
