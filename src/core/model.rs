//! The model of SPEC §2: roles, scopes, users and operators, with the string forms the spec
//! gives them. No SQL and no printing.

use std::collections::BTreeSet;
use std::fmt;

use chrono::{DateTime, Utc};

use super::error::{Invalid, Result};

/// An org user's role, highest first: `super_admin` > `hr_admin` > `user`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    User,
    HrAdmin,
    SuperAdmin,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::User, Role::HrAdmin, Role::SuperAdmin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::User => "user",
            Role::HrAdmin => "hr_admin",
            Role::SuperAdmin => "super_admin",
        }
    }

    pub fn parse(s: &str) -> Result<Role> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| {
                Invalid::new(format!(
                    "unknown role {s:?}: use user, hr_admin or super_admin"
                ))
            })
    }

    pub fn is_admin(self) -> bool {
        self != Role::User
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    Active,
    Deactivated,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Deactivated => "deactivated",
        }
    }

    pub fn parse(s: &str) -> Result<Status> {
        match s {
            "active" => Ok(Status::Active),
            "deactivated" => Ok(Status::Deactivated),
            _ => Err(Invalid::new(format!(
                "unknown status {s:?}: use active or deactivated"
            ))),
        }
    }
}

/// The groups an `hr_admin` may reach: every group of the org, or a set of them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Scope {
    #[default]
    None,
    All,
    Groups(BTreeSet<String>),
}

impl Scope {
    /// Parses the stored or imported form: `*`, or group names separated by `;`.
    pub fn parse(s: &str) -> Scope {
        if s.trim() == "*" {
            return Scope::All;
        }
        let groups = parse_groups(s);
        if groups.is_empty() {
            Scope::None
        } else {
            Scope::Groups(groups.into_iter().collect())
        }
    }

    pub fn from_groups(groups: impl IntoIterator<Item = String>) -> Scope {
        let set: BTreeSet<String> = groups
            .into_iter()
            .map(|g| g.trim().to_string())
            .filter(|g| !g.is_empty())
            .collect();
        if set.is_empty() {
            Scope::None
        } else {
            Scope::Groups(set)
        }
    }

    /// The stored form, read back by [`Scope::parse`].
    pub fn encode(&self) -> String {
        match self {
            Scope::None => String::new(),
            Scope::All => "*".to_string(),
            Scope::Groups(g) => g.iter().cloned().collect::<Vec<_>>().join(";"),
        }
    }

    /// A user is in scope when they belong to at least one group of the scope.
    pub fn covers(&self, groups: &[String]) -> bool {
        match self {
            Scope::None => false,
            Scope::All => true,
            Scope::Groups(scope) => groups.iter().any(|g| scope.contains(g)),
        }
    }
}

/// Splits `;`-separated group names, trimming and dropping empty ones, without duplicates,
/// in first-seen order.
pub fn parse_groups(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for g in s.split(';').map(str::trim).filter(|g| !g.is_empty()) {
        if !out.iter().any(|x| x == g) {
            out.push(g.to_string());
        }
    }
    out
}

/// A user of an org as the policy and the commands see it.
#[derive(Debug, Clone, PartialEq)]
pub struct User {
    pub id: i64,
    pub org_id: i64,
    pub email: String,
    pub name: String,
    pub groups: Vec<String>,
    pub first_login_at: Option<DateTime<Utc>>,
    pub status: Status,
    pub role: Role,
    pub scope: Scope,
}

impl User {
    pub fn is_active(&self) -> bool {
        self.status == Status::Active
    }

    /// `Ann Lee <ann@acme.com>`
    pub fn label(&self) -> String {
        format!("{} <{}>", self.name, self.email)
    }
}

/// Vendor staff, outside every org.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OperatorRole {
    ProgramArchitect,
    CustomerSuccessManager,
}

impl OperatorRole {
    pub fn as_str(self) -> &'static str {
        match self {
            OperatorRole::ProgramArchitect => "program-architect",
            OperatorRole::CustomerSuccessManager => "customer-success-manager",
        }
    }

    pub fn parse(s: &str) -> Result<OperatorRole> {
        match s {
            "program-architect" => Ok(OperatorRole::ProgramArchitect),
            "customer-success-manager" => Ok(OperatorRole::CustomerSuccessManager),
            _ => Err(Invalid::new(format!(
                "unknown operator role {s:?}: use program-architect or customer-success-manager"
            ))),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Operator {
    pub email: String,
    pub role: OperatorRole,
}

/// Who runs a command, once looked up.
#[derive(Debug, Clone)]
pub enum Actor {
    Operator(Operator),
    User(User),
}

impl Actor {
    pub fn email(&self) -> &str {
        match self {
            Actor::Operator(o) => &o.email,
            Actor::User(u) => &u.email,
        }
    }

    /// The `actor_role` column of the audit log.
    pub fn role_name(&self) -> &'static str {
        match self {
            Actor::Operator(o) => o.role.as_str(),
            Actor::User(u) => u.role.as_str(),
        }
    }

    pub fn as_user(&self) -> Option<&User> {
        match self {
            Actor::User(u) => Some(u),
            Actor::Operator(_) => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Org {
    pub id: i64,
    pub slug: String,
    pub name: String,
}

/// The one spelling of an email address as stored and compared: trimmed and lower-cased.
pub fn fold_email(raw: &str) -> String {
    raw.trim().to_lowercase()
}

/// Lower-cases and checks an email address. Emails are compared case-insensitively and shown
/// lower-cased; this is a sanity check, not RFC 5322.
pub fn normalize_email(raw: &str) -> Result<String> {
    let email = fold_email(raw);
    let bad = |why: &str| {
        Invalid::new(format!(
            "{raw:?} is not an email address ({why}), e.g. ann@acme.com"
        ))
    };
    if email.is_empty() {
        return Err(bad("empty"));
    }
    if email.len() > 254 {
        return Err(bad("longer than 254 bytes"));
    }
    if email.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(bad("contains spaces or control characters"));
    }
    match email.split_once('@') {
        Some((local, domain))
            if !local.is_empty()
                && !domain.is_empty()
                && !domain.contains('@')
                && !domain.starts_with('.')
                && !domain.ends_with('.') =>
        {
            Ok(email)
        }
        _ => Err(bad("expected one @ between a name and a domain")),
    }
}

/// Checks a slug: lower-case letters, digits and `-`, starting with a letter or digit.
pub fn validate_slug(slug: &str) -> Result<()> {
    let ok = !slug.is_empty()
        && slug.len() <= 63
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !slug.starts_with('-');
    if ok {
        Ok(())
    } else {
        Err(Invalid::new(format!(
            "{slug:?} is not a valid org slug: use 1 to 63 lower-case letters, digits and -, e.g. acme"
        )))
    }
}

/// The longest display name accepted, in characters.
pub const MAX_NAME_CHARS: usize = 200;

/// Checks a display name: not empty, not absurdly long. Other characters are kept as data.
pub fn validate_name(name: &str) -> Result<()> {
    if name.trim().is_empty() {
        return Err(Invalid::new("name is empty"));
    }
    let n = name.chars().count();
    if n > MAX_NAME_CHARS {
        return Err(Invalid::new(format!(
            "name is {n} characters long; the limit is {MAX_NAME_CHARS}"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_lower_cased_and_checked() {
        assert_eq!(normalize_email(" Ann@Acme.COM ").unwrap(), "ann@acme.com");
        for bad in [
            "",
            "ann",
            "ann@",
            "@acme.com",
            "a b@acme.com",
            "a@b@c",
            "a@.com",
        ] {
            assert!(normalize_email(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn scope_covers_and_includes() {
        let fin = Scope::parse("Finance;London");
        assert!(fin.covers(&["London".into()]));
        assert!(!fin.covers(&["Berlin".into()]));
        assert_eq!(Scope::parse(" * "), Scope::All);
        assert_eq!(Scope::parse(";;"), Scope::None);
    }
}
