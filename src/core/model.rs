//! The model of SPEC §2: roles, scopes, users and operators, with the string forms the spec
//! gives them. No SQL and no printing.

use std::collections::BTreeSet;
use std::fmt;

use caseless::Caseless;
use chrono::{DateTime, Utc};
use unicode_normalization::UnicodeNormalization;

use super::error::{Invalid, Result};

/// An org user's role: `super_admin` > `hr_admin` > `user`.
// INVARIANT: declared lowest first, so that the derived `Ord` is the rank. The policy's
// `above_actor` check and the import's `role.revoked` test compare roles with it.
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
    /// A protected user is never impersonated, by anyone (SPEC §4 check 8).
    pub protected: bool,
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

/// The one spelling of an email address as stored and compared: trimmed, case-folded in
/// full and in Unicode normalisation form C, so that an address has one spelling however it
/// was typed (`ΧΣ`, `χσ` and `χς`; `zoë` composed or decomposed). ASCII is lower-cased, as
/// it always was. Every lookup (actor, targets, filters) goes through here.
pub fn fold_email(raw: &str) -> String {
    let raw = raw.trim();
    if raw.is_ascii() {
        return raw.to_ascii_lowercase();
    }
    // The canonical caseless match of the Unicode Standard (§3.13): NFD, then full case
    // folding; composed again (NFC) for storage and display. NFC and NFD are the same
    // equivalence, so two spellings fold alike exactly when they match caselessly.
    raw.chars().nfd().default_case_fold().nfc().collect()
}

/// Characters that show nothing where they stand, so that two addresses or names could look
/// alike and differ: Unicode's Default_Ignorable_Code_Point set (zero-width spaces and
/// joiners, the word joiner, the byte-order mark, the Arabic letter mark, the Mongolian vowel
/// separator, the bidi controls, soft hyphens, variation selectors, Hangul fillers, tags).
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}'..='\u{1160}' | '\u{17B4}'..='\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
        | '\u{FFA0}' | '\u{FFF0}'..='\u{FFF8}' | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E0FFF}')
}

/// Folds and checks an email address. Emails are compared case-insensitively and shown
/// folded (see [`fold_email`]); this is a sanity check, not RFC 5322.
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
    if let Some(c) = email.chars().find(|c| is_invisible(*c)) {
        return Err(bad(&format!(
            "contains the invisible character U+{:04X}",
            u32::from(c)
        )));
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

/// Checks a display name: something visible in it, not absurdly long. Other characters are kept as data.
pub fn validate_name(name: &str) -> Result<()> {
    if name.trim().is_empty() {
        return Err(Invalid::new("name is empty"));
    }
    if name
        .chars()
        .all(|c| c.is_whitespace() || c.is_control() || is_invisible(c))
    {
        return Err(Invalid::new(
            "name has no visible characters (only spaces and invisible ones such as U+200B)",
        ));
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
    fn emails_fold_in_full_and_compose() {
        // One address, however spelled.
        for (a, b) in [
            ("ΧΣ@acme.test", "χς@acme.test"),
            ("χσ@acme.test", "Χς@acme.test"),
            ("zo\u{eb}@acme.test", "ZOE\u{308}@acme.test"),
            ("straße@acme.test", "STRASSE@acme.test"),
            ("\u{1FC3}@a.test", "\u{397}\u{345}@a.test"),
        ] {
            assert_eq!(fold_email(a), fold_email(b), "{a} {b}");
        }
        assert_eq!(fold_email("ΧΣ@acme.test"), "χσ@acme.test");
        assert_eq!(fold_email("ZOE\u{308}@acme.test"), "zo\u{eb}@acme.test");
        // ASCII: lower-cased, nothing else.
        assert_eq!(fold_email(" Kim.Lee+X@ACME.test\t"), "kim.lee+x@acme.test");
        // Folding what is folded changes nothing, so a stored email finds itself.
        let idempotent = |s: &str| {
            let once = fold_email(s);
            assert_eq!(fold_email(&once), once, "{s:?}");
        };
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            idempotent(&c.to_string());
        }
        for s in [
            "\u{1FC3}\u{345}",
            "I\u{307}\u{345}",
            "\u{130}",
            "ǅ\u{301}",
            "ﬃ",
            "Ꭰ",
        ] {
            idempotent(s);
        }
    }

    #[test]
    fn invisible_characters_are_refused_in_emails_and_names() {
        for c in [
            '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{061C}', '\u{180E}',
            '\u{200E}', '\u{200F}', '\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}',
        ] {
            let e = normalize_email(&format!("a{c}b@acme.test")).unwrap_err();
            assert!(e.message.contains("invisible"), "{e}");
            assert!(normalize_email(&format!("{c}ab@acme.test")).is_err());
            assert!(validate_name(&format!(" {c} ")).is_err());
            assert!(validate_name(&format!("Kim{c}")).is_ok());
        }
        assert!(normalize_email("a\u{7}b@acme.test").is_err());
        assert_eq!(validate_name("  ").unwrap_err().message, "name is empty");
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
