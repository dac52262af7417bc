//! Reading a users CSV (SPEC §7): the whole file is checked before anything is written, and
//! the first problem is named by line, column and what is wrong. Pure: bytes in, rows out.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::clock::parse_instant;
use super::error::{Invalid, Result};
use super::model::{normalize_email, parse_groups, validate_name, Role, Scope, Status, User};

/// The columns a users CSV may have.
pub const COLUMNS: [&str; 8] = [
    "email",
    "name",
    "groups",
    "first_login_at",
    "status",
    "role",
    "hr_scope",
    "protected",
];

/// One row of the file. `None` means the column is absent from the header, so the stored
/// value is kept; `Some` of an empty value sets the field empty or to its default.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub line: u64,
    pub email: String,
    pub name: String,
    pub groups: Option<Vec<String>>,
    pub first_login_at: Option<Option<DateTime<Utc>>>,
    pub status: Option<Status>,
    pub role: Option<Role>,
    pub hr_scope: Option<Scope>,
    pub protected: Option<bool>,
}

impl Row {
    /// The user this row describes, given the stored one when there is one.
    pub fn apply(&self, org_id: i64, stored: Option<&User>) -> User {
        let base = stored.cloned().unwrap_or_else(|| User {
            id: 0,
            org_id,
            email: self.email.clone(),
            name: self.name.clone(),
            groups: Vec::new(),
            first_login_at: None,
            status: Status::Active,
            role: Role::User,
            scope: Scope::None,
            protected: false,
        });
        let role = self.role.unwrap_or(base.role);
        let scope = match (&self.hr_scope, role) {
            (_, r) if r != Role::HrAdmin => Scope::None,
            (Some(s), _) => s.clone(),
            (None, _) => base.scope.clone(),
        };
        User {
            name: self.name.clone(),
            groups: self.groups.clone().unwrap_or(base.groups.clone()),
            first_login_at: self.first_login_at.unwrap_or(base.first_login_at),
            status: self.status.unwrap_or(base.status),
            role,
            scope,
            protected: self.protected.unwrap_or(base.protected),
            ..base
        }
    }
}

fn at(line: u64, column: &str, problem: impl std::fmt::Display) -> Invalid {
    Invalid::with_hint(
        format!("line {line}, column {column}: {problem}"),
        "nothing was imported; fix the file and run the import again",
    )
}

fn at_line(line: u64, problem: impl std::fmt::Display) -> Invalid {
    Invalid::with_hint(
        format!("line {line}: {problem}"),
        "nothing was imported; fix the file and run the import again",
    )
}

/// Parses and checks a whole users CSV.
pub fn parse(bytes: &[u8]) -> Result<Vec<Row>> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(at_line(1, "the file is UTF-16; save it as UTF-8"));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // A quote left open in the header is reported now; in a row, once the header names its
    // column.
    let open_quote = open_quote_line(bytes);
    if let Some((1, _)) = open_quote {
        return Err(at_line(1, "a quote opened on this line is never closed"));
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut records = reader.byte_records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => return Err(at_line(1, e)),
        None => {
            return Err(at_line(
                1,
                "the file is empty; it needs a header such as email,name",
            ))
        }
    };
    let mut index: HashMap<&'static str, usize> = HashMap::new();
    for (i, raw) in header.iter().enumerate() {
        let name = std::str::from_utf8(raw)
            .map_err(|_| at_line(1, "the header has bytes that are not UTF-8"))?
            .trim();
        let known = COLUMNS.iter().find(|c| **c == name).ok_or_else(|| {
            at_line(
                1,
                format!(
                    "unknown column {name:?}; the columns are {}",
                    COLUMNS.join(", ")
                ),
            )
        })?;
        if index.insert(known, i).is_some() {
            return Err(at_line(1, format!("column {name:?} appears twice")));
        }
    }
    for required in ["email", "name"] {
        if !index.contains_key(required) {
            return Err(at_line(
                1,
                format!("the header has no {required:?} column (email and name are required)"),
            ));
        }
    }
    if let Some((line, field)) = open_quote {
        let column = header
            .get(field)
            .and_then(|raw| std::str::from_utf8(raw).ok());
        return Err(match column {
            Some(column) => at(line, column.trim(), "a quote opened here is never closed"),
            None => at_line(line, "a quote opened on this line is never closed"),
        });
    }
    let width = header.len();
    let mut rows = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    for record in records {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            at_line(line, e)
        })?;
        let line = record.position().map_or(0, |p| p.line());
        if record.len() == 1 && record.get(0).is_some_and(<[u8]>::is_empty) {
            continue; // a blank line
        }
        if record.len() != width {
            return Err(at_line(
                line,
                format!("{} fields where the header has {width}", record.len()),
            ));
        }
        let cell = |column: &'static str| -> Result<Option<&str>> {
            match index.get(column) {
                None => Ok(None),
                Some(&i) => {
                    let raw = record.get(i).unwrap_or_default();
                    std::str::from_utf8(raw)
                        .map(|s| Some(s.trim()))
                        .map_err(|_| {
                            at(
                                line,
                                column,
                                "bytes that are not UTF-8 (save the file as UTF-8)",
                            )
                        })
                }
            }
        };
        let email_raw = cell("email")?.unwrap_or_default();
        if email_raw.is_empty() {
            return Err(at(line, "email", "empty; every row needs an email"));
        }
        let email = normalize_email(email_raw).map_err(|e| at(line, "email", e))?;
        if let Some(first) = seen.insert(email.clone(), line) {
            return Err(at(
                line,
                "email",
                format!("{email} appears twice (also on line {first}); emails ignore case"),
            ));
        }
        let name = cell("name")?.unwrap_or_default().to_string();
        validate_name(&name).map_err(|e| at(line, "name", e))?;
        let groups = cell("groups")?.map(parse_groups);
        let first_login_at = match cell("first_login_at")? {
            None => None,
            Some("") => Some(None),
            Some(raw) => Some(Some(
                parse_instant(raw).map_err(|e| at(line, "first_login_at", e))?,
            )),
        };
        let status = match cell("status")? {
            None => None,
            Some("") => Some(Status::Active),
            Some(raw) => Some(Status::parse(raw).map_err(|e| at(line, "status", e))?),
        };
        let role = match cell("role")? {
            None => None,
            Some("") => Some(Role::User),
            Some(raw) => Some(Role::parse(raw).map_err(|e| at(line, "role", e))?),
        };
        let hr_scope = cell("hr_scope")?.map(Scope::parse);
        let protected = match cell("protected")? {
            None => None,
            Some("") | Some("false") => Some(false),
            Some("true") => Some(true),
            Some(raw) => {
                return Err(at(
                    line,
                    "protected",
                    format!("{raw:?} is not true or false (empty is false)"),
                ))
            }
        };
        match (role, &hr_scope) {
            (Some(r), Some(s)) if r != Role::HrAdmin && *s != Scope::None => {
                return Err(at(
                    line,
                    "hr_scope",
                    format!("a scope is only for hr_admin, and this row's role is {r}"),
                ));
            }
            // Without a role column the scope would hang on the stored role, and be dropped
            // unsaid for anyone who is not an hr_admin already: the row must say its role.
            (None, Some(s)) if *s != Scope::None => {
                return Err(at(
                    line,
                    "hr_scope",
                    "a scope is only for hr_admin, and the file has no role column; add one with hr_admin on this row",
                ));
            }
            _ => {}
        }
        rows.push(Row {
            line,
            email,
            name,
            groups,
            first_login_at,
            status,
            role,
            hr_scope,
            protected,
        });
    }
    Ok(rows)
}

/// The line and field (0-based) where a quoted field opens and never closes, if any. The csv reader would
/// silently take the rest of the file as that one field.
fn open_quote_line(bytes: &[u8]) -> Option<(u64, usize)> {
    let mut line = 1u64;
    let mut field = 0usize;
    let mut in_quotes = false;
    let mut field_start = true;
    let mut opened_at = (0u64, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if in_quotes {
            match b {
                b'"' if bytes.get(i + 1) == Some(&b'"') => i += 1,
                b'"' => in_quotes = false,
                b'\n' => line += 1,
                _ => {}
            }
        } else {
            match b {
                b'"' if field_start => {
                    in_quotes = true;
                    opened_at = (line, field);
                }
                b',' => {
                    field += 1;
                    field_start = true;
                    i += 1;
                    continue;
                }
                b'\n' => {
                    line += 1;
                    field = 0;
                    field_start = true;
                    i += 1;
                    continue;
                }
                _ => {}
            }
            field_start = false;
        }
        i += 1;
    }
    in_quotes.then_some(opened_at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(csv: &str) -> String {
        parse(csv.as_bytes()).unwrap_err().to_string()
    }

    #[test]
    fn a_good_file_in_any_column_order() {
        let rows = parse(
            "role,name,email,groups\nhr_admin,Ann Lee,ANN@Acme.com,Finance; London\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].email, "ann@acme.com");
        assert_eq!(
            rows[0].groups.as_deref(),
            Some(&["Finance".to_string(), "London".to_string()][..])
        );
        assert_eq!(rows[0].role, Some(Role::HrAdmin));
        assert_eq!(rows[0].status, None);
        assert_eq!(rows[0].line, 2);
    }

    #[test]
    fn problems_name_line_and_column() {
        assert!(err("email,name\nann,Ann\n").contains("line 2, column email"));
        assert!(err("email,name\nann@a.com,Ann\nbo@a.com,\n").contains("line 3, column name"));
        assert!(err("email,name,role\na@a.com,A,boss\n").contains("column role"));
        assert!(err("email,name,status\na@a.com,A,gone\n").contains("column status"));
        assert!(err("email,name,first_login_at\na@a.com,A,2026-13-45\n")
            .contains("column first_login_at"));
        assert!(err("name\nAnn\n").contains("no \"email\" column"));
        assert!(err("email\na@a.com\n").contains("no \"name\" column"));
        assert!(err("email,name\na@a.com,A\nA@A.COM,B\n")
            .contains("line 3, column email: a@a.com appears twice (also on line 2)"));
        assert!(
            err("email,name\na@a.com,\"Ann\nb@a.com,B\n").contains("line 2, column name: a quote")
        );
        assert!(err("email,\"name\na@a.com,Ann\n").contains("line 1: a quote"));
        assert!(err("email,name,colour\n").contains("unknown column \"colour\""));
        assert!(err("email,name\na@a.com,A,extra\n").contains("line 2: 3 fields"));
        assert!(err("").contains("empty"));
        let mut latin1 = b"email,name\na@a.com,Jos".to_vec();
        latin1.extend_from_slice(&[0xE9, b'\n']);
        let e = parse(&latin1).unwrap_err().to_string();
        assert!(
            e.contains("line 2, column name: bytes that are not UTF-8"),
            "{e}"
        );
        let utf16: Vec<u8> = [0xFF, 0xFE, b'e', 0].to_vec();
        assert!(parse(&utf16).unwrap_err().to_string().contains("UTF-16"));
        assert!(
            err("email,name,role,hr_scope\na@a.com,A,user,Finance\n").contains("column hr_scope")
        );
        assert!(err("email,name,hr_scope\na@a.com,A,\nb@a.com,B,*\n")
            .contains("line 3, column hr_scope: a scope is only for hr_admin"));
        assert!(err("email,name\nz\u{eb}@a.com,A\nZE\u{308}@A.COM,B\n")
            .contains("line 3, column email"));
        assert!(
            err("email,name,first_login_at\na@a.com,A,0000-01-01T00:30:00+01:00\n").contains(
                "line 2, column first_login_at: \"0000-01-01T00:30:00+01:00\" is out of range"
            )
        );
    }

    #[test]
    fn quoted_fields_with_commas_and_newlines_are_fine() {
        let rows = parse(
            "email,name\na@a.com,\"Boateng, Jr.\"\nb@a.com,\"He said \"\"hi\"\"\"\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(rows[0].name, "Boateng, Jr.");
        assert_eq!(rows[1].name, "He said \"hi\"");
    }
}
