//! The per-org settings of SPEC §3: keys, defaults, bounds, canonical forms and who may
//! change each. No SQL and no printing.

use std::fmt;

use super::error::{Invalid, Result};
use super::model::Role;

/// A setting key; the strings are the spec's, defined here once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    SessionTimeout,
    SuperAdminOnly,
    ImpersonationNotifications,
    RequireReason,
    Impersonation,
    ImpersonationReceipts,
    ApprovalRequired,
}

impl Key {
    /// Every key, in the spec's order: `config show` lists them so.
    pub const ALL: [Key; 7] = [
        Key::SessionTimeout,
        Key::SuperAdminOnly,
        Key::ImpersonationNotifications,
        Key::RequireReason,
        Key::Impersonation,
        Key::ImpersonationReceipts,
        Key::ApprovalRequired,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Key::SessionTimeout => "session-timeout",
            Key::SuperAdminOnly => "super-admin-only",
            Key::ImpersonationNotifications => "impersonation-notifications",
            Key::RequireReason => "require-reason",
            Key::Impersonation => "impersonation",
            Key::ImpersonationReceipts => "impersonation-receipts",
            Key::ApprovalRequired => "approval-required",
        }
    }

    pub fn parse(s: &str) -> Result<Key> {
        Key::ALL.into_iter().find(|k| k.as_str() == s).ok_or_else(|| {
            Invalid::with_hint(
                format!("unknown setting {s:?}"),
                "settings are session-timeout, super-admin-only, impersonation-notifications, require-reason, impersonation, impersonation-receipts, approval-required",
            )
        })
    }

    /// Operators may change every key; an org's super admins only these three.
    pub fn super_admin_may_change(self) -> bool {
        matches!(
            self,
            Key::ImpersonationNotifications | Key::RequireReason | Key::ImpersonationReceipts
        )
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A session timeout in whole minutes, between 1h and 24h inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Timeout(u32);

impl Timeout {
    pub const MIN_MINUTES: u32 = 60;
    pub const MAX_MINUTES: u32 = 24 * 60;

    pub fn minutes(self) -> u32 {
        self.0
    }

    /// Parses `1h`, `90m`, `4h30m`: hours and/or whole minutes, lower-case, nothing else.
    /// Hand-written rather than a duration crate's: those accept spaces, fractions, units
    /// and upper case that the spec refuses.
    pub fn parse(raw: &str) -> Result<Timeout> {
        let bad = || {
            Invalid::new(format!(
                "session-timeout must be between 1h and 24h, e.g. 4h30m (got {raw:?})"
            ))
        };
        let mut rest = raw;
        let mut total: u64 = 0;
        let mut seen_any = false;
        for unit in ['h', 'm'] {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 || rest.as_bytes().get(digits) != Some(&(unit as u8)) {
                continue;
            }
            if digits > 5 {
                return Err(bad());
            }
            let n: u64 = rest[..digits].parse().map_err(|_| bad())?;
            total += if unit == 'h' { n * 60 } else { n };
            rest = &rest[digits + 1..];
            seen_any = true;
        }
        if !seen_any || !rest.is_empty() {
            return Err(bad());
        }
        if total < u64::from(Self::MIN_MINUTES) || total > u64::from(Self::MAX_MINUTES) {
            return Err(bad());
        }
        Ok(Timeout(total as u32))
    }
}

impl Default for Timeout {
    fn default() -> Self {
        Timeout(60)
    }
}

impl fmt::Display for Timeout {
    /// The canonical form: `1h`, `1h30m`, `2h`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (h, m) = (self.0 / 60, self.0 % 60);
        match (h, m) {
            (0, m) => write!(f, "{m}m"),
            (h, 0) => write!(f, "{h}h"),
            (h, m) => write!(f, "{h}h{m}m"),
        }
    }
}

/// Whose impersonation needs a second super admin's approval first (`approval-required`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Approval {
    /// Nobody's: `start` needs no approval.
    #[default]
    Off,
    /// Targets who are super admins.
    SuperAdmins,
    /// Every target.
    All,
}

impl Approval {
    pub const ALL: [Approval; 3] = [Approval::Off, Approval::SuperAdmins, Approval::All];

    pub fn as_str(self) -> &'static str {
        match self {
            Approval::Off => "off",
            Approval::SuperAdmins => "super-admins",
            Approval::All => "all",
        }
    }

    pub fn parse(raw: &str) -> Result<Approval> {
        Approval::ALL
            .into_iter()
            .find(|a| a.as_str() == raw)
            .ok_or_else(|| {
                Invalid::new(format!(
                    "approval-required must be off, super-admins or all (got {raw:?})"
                ))
            })
    }

    /// Whether impersonating someone of `target_role` needs an approved request.
    pub fn covers(self, target_role: Role) -> bool {
        match self {
            Approval::Off => false,
            Approval::SuperAdmins => target_role == Role::SuperAdmin,
            Approval::All => true,
        }
    }
}

impl fmt::Display for Approval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Parses the boolean forms of §3: `true/false`, `on/off`, `yes/no`.
pub fn parse_bool(key: Key, raw: &str) -> Result<bool> {
    match raw {
        "true" | "on" | "yes" => Ok(true),
        "false" | "off" | "no" => Ok(false),
        _ => Err(Invalid::new(format!(
            "{key} must be true or false (also on/off, yes/no) (got {raw:?})"
        ))),
    }
}

/// One org's settings, defaults filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub session_timeout: Timeout,
    pub super_admin_only: bool,
    pub impersonation_notifications: bool,
    pub require_reason: bool,
    /// The org's off switch: when false nobody impersonates anybody.
    pub impersonation: bool,
    /// Every session that ends queues a receipt for the impersonated user.
    pub impersonation_receipts: bool,
    pub approval_required: Approval,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            session_timeout: Timeout::default(),
            super_admin_only: false,
            impersonation_notifications: true,
            require_reason: false,
            impersonation: true,
            impersonation_receipts: false,
            approval_required: Approval::Off,
        }
    }
}

/// A setting's value, parsed and checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value {
    Timeout(Timeout),
    Bool(bool),
    Approval(Approval),
}

impl Value {
    pub fn parse(key: Key, raw: &str) -> Result<Value> {
        match key {
            Key::SessionTimeout => Timeout::parse(raw).map(Value::Timeout),
            Key::ApprovalRequired => Approval::parse(raw).map(Value::Approval),
            _ => parse_bool(key, raw).map(Value::Bool),
        }
    }

    pub fn to_json(self) -> serde_json::Value {
        match self {
            Value::Timeout(t) => serde_json::Value::String(t.to_string()),
            Value::Bool(b) => serde_json::Value::Bool(b),
            Value::Approval(a) => serde_json::Value::String(a.to_string()),
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Timeout(t) => t.fmt(f),
            Value::Bool(b) => b.fmt(f),
            Value::Approval(a) => a.fmt(f),
        }
    }
}

impl Settings {
    pub fn get(&self, key: Key) -> Value {
        match key {
            Key::SessionTimeout => Value::Timeout(self.session_timeout),
            Key::SuperAdminOnly => Value::Bool(self.super_admin_only),
            Key::ImpersonationNotifications => Value::Bool(self.impersonation_notifications),
            Key::RequireReason => Value::Bool(self.require_reason),
            Key::Impersonation => Value::Bool(self.impersonation),
            Key::ImpersonationReceipts => Value::Bool(self.impersonation_receipts),
            Key::ApprovalRequired => Value::Approval(self.approval_required),
        }
    }

    pub fn set(&mut self, key: Key, value: Value) {
        match (key, value) {
            (Key::SessionTimeout, Value::Timeout(t)) => self.session_timeout = t,
            (Key::SuperAdminOnly, Value::Bool(b)) => self.super_admin_only = b,
            (Key::ImpersonationNotifications, Value::Bool(b)) => {
                self.impersonation_notifications = b
            }
            (Key::RequireReason, Value::Bool(b)) => self.require_reason = b,
            (Key::Impersonation, Value::Bool(b)) => self.impersonation = b,
            (Key::ImpersonationReceipts, Value::Bool(b)) => self.impersonation_receipts = b,
            (Key::ApprovalRequired, Value::Approval(a)) => self.approval_required = a,
            // A value of the wrong kind for its key is ignored; `Value::parse` never makes one.
            _ => {}
        }
    }

    /// `config show` as JSON: keys in the spec's order.
    pub fn to_json(&self) -> serde_json::Value {
        let mut map = serde_json::Map::new();
        for key in Key::ALL {
            map.insert(key.as_str().to_string(), self.get(key).to_json());
        }
        serde_json::Value::Object(map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeouts_have_bounds_and_canonical_forms() {
        for (raw, canonical) in [
            ("1h", "1h"),
            ("60m", "1h"),
            ("90m", "1h30m"),
            ("120m", "2h"),
            ("4h30m", "4h30m"),
            ("24h", "24h"),
            ("1h90m", "2h30m"),
            ("23h60m", "24h"),
        ] {
            assert_eq!(Timeout::parse(raw).unwrap().to_string(), canonical, "{raw}");
        }
        for bad in [
            "",
            "0h",
            "59m",
            "25h",
            "24h1m",
            "-1h",
            "abc",
            "1H",
            "1.5h",
            "1h1h",
            "h",
            "m",
            "1 h",
            " 1h",
            "1h ",
            "1m1h",
            "99999999999999999999h",
            "1hm",
            "1d",
        ] {
            let err = Timeout::parse(bad).unwrap_err().to_string();
            assert!(err.contains("between 1h and 24h"), "{bad}: {err}");
        }
    }

    #[test]
    fn booleans_accept_three_spellings() {
        let k = Key::RequireReason;
        for t in ["true", "on", "yes"] {
            assert!(parse_bool(k, t).unwrap());
        }
        for f in ["false", "off", "no"] {
            assert!(!parse_bool(k, f).unwrap());
        }
        for bad in ["maybe", "TRUE", "1", ""] {
            assert!(parse_bool(k, bad).is_err());
        }
    }
}
