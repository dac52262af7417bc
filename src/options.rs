//! The global options of one run, as plain data: where the store is, whom it runs as, in
//! which org, the instant, and how to print. Read once at the edge, then passed to commands.

use std::path::PathBuf;

use chrono::{DateTime, Utc};

use crate::cli::{Format, Global};
use crate::core::clock::{self, NOW_VAR};
use crate::error::{Error, Result};
use crate::store::Location;

/// The instant a command runs at, and whether `ADMIN_PROXY_NOW` gave it.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    pub now: DateTime<Utc>,
    pub overridden: bool,
}

impl Clock {
    /// The instant: `ADMIN_PROXY_NOW` when set (a test-clock store alone honours it), else
    /// the system clock.
    pub fn read() -> Result<Clock> {
        let overridden = std::env::var_os(NOW_VAR).is_some_and(|v| !v.is_empty());
        let now = match overridden {
            true => clock::now_from_env()?,
            false => Utc::now(),
        };
        Ok(Clock { now, overridden })
    }
}

#[derive(Debug, Clone)]
pub struct Options {
    pub db: Location,
    pub org: Option<String>,
    pub actor: Option<String>,
    pub format: Format,
    pub yes: bool,
    pub clock: Clock,
}

impl Options {
    pub fn new(global: &Global, clock: Clock) -> Result<Options> {
        Ok(Options {
            db: match global.db.as_ref().filter(|p| !p.is_empty()) {
                Some(p) => Location::parse(p),
                None => Location::Sqlite(default_db_path()?),
            },
            org: global.org.clone().filter(|s| !s.is_empty()),
            actor: global.actor.clone().filter(|s| !s.is_empty()),
            format: global.format,
            yes: global.yes,
            clock,
        })
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now
    }

    /// Whether the output is for scripts (JSON or JSON lines).
    pub fn json(&self) -> bool {
        matches!(self.format, Format::Json | Format::Jsonl)
    }
}

/// `$XDG_CONFIG_HOME/admin-proxy`, or `~/.config/admin-proxy` when unset: where the
/// checkpoint key pair is kept.
pub fn config_dir() -> Result<PathBuf> {
    let base =
        match std::env::var_os("XDG_CONFIG_HOME").filter(|v| !v.is_empty()) {
            Some(dir) => PathBuf::from(dir),
            None => match std::env::var_os("HOME").filter(|v| !v.is_empty()) {
                Some(home) => PathBuf::from(home).join(".config"),
                None => return Err(Error::invalid_with_hint(
                    "cannot find the default key folder: neither XDG_CONFIG_HOME nor HOME is set",
                    "name the key's folder or file (--out DIR, --key FILE)",
                )),
            },
        };
    Ok(base.join("admin-proxy"))
}

/// `$XDG_DATA_HOME/admin-proxy/admin-proxy.db`, or `~/.local/share/...` when unset.
fn default_db_path() -> Result<PathBuf> {
    let base = match std::env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => match std::env::var_os("HOME").filter(|v| !v.is_empty()) {
            Some(home) => PathBuf::from(home).join(".local").join("share"),
            None => {
                return Err(Error::invalid_with_hint(
                    "cannot find the default store: neither XDG_DATA_HOME nor HOME is set",
                    "pass --db PATH or set ADMIN_PROXY_DB",
                ))
            }
        },
    };
    Ok(base.join("admin-proxy").join("admin-proxy.db"))
}
