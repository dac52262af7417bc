//! Reading a users CSV (SPEC §7): the whole file is checked before anything is written, and
//! the first problem is named by line, column and what is wrong. Pure: bytes in, rows out;
//! the bytes are read as a stream, one row at a time, so a file is never held whole.

use std::collections::HashSet;
use std::hash::{BuildHasher, RandomState};
use std::io::Read;

use chrono::{DateTime, Utc};
use csv::ByteRecord;
use sha2::{Digest, Sha256};

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

/// What the first pass learned of a file, for the second to hold it to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    /// The rows of the file, blank lines not counted.
    pub rows: u64,
    digest: [u8; 32],
}

/// Checks a whole users CSV, read from `input`, without holding it: each row is checked as
/// it is read and dropped, and only what duplicate detection needs is kept. `reopen` reads
/// the file again from its start; it is called only when two emails may be the same.
pub fn check<R: Read>(input: R, reopen: impl Fn() -> std::io::Result<R>) -> Result<Checked> {
    // Each folded email is kept as a 64-bit SipHash under this process's random keys, not
    // as text: a million emails then take ~18 MB instead of the file's size. A hash seen
    // before is only a suspect: the file is read again up to this line to find the earlier
    // row with the very same email, so a collision (rare, and not craftable without the
    // keys) costs one more read and never refuses a good file.
    let keys = RandomState::new();
    let mut seen: HashSet<u64> = HashSet::new();
    let mut reader = Reader::new(input)?;
    let mut dups = |email: &str, line: u64| -> Result<()> {
        if seen.insert(keys.hash_one(email)) {
            return Ok(());
        }
        let again =
            reopen().map_err(|e| at_line(line, format!("cannot read the file again: {e}")))?;
        match first_line_of(again, email, line)? {
            Some(first) => Err(at(
                line,
                "email",
                format!("{email} appears twice (also on line {first}); emails ignore case"),
            )),
            None => Ok(()),
        }
    };
    while reader.next_row_with(&mut dups)?.is_some() {}
    Ok(reader.checked())
}

/// The line of the first row before `line` whose email is `email`, reading from the start.
fn first_line_of<R: Read>(input: R, email: &str, line: u64) -> Result<Option<u64>> {
    let mut reader = Reader::new(input)?;
    while let Some(row) = reader.next_row()? {
        if row.line >= line {
            break;
        }
        if row.email == email {
            return Ok(Some(row.line));
        }
    }
    Ok(None)
}

/// Parses and checks a whole users CSV held in memory.
pub fn parse(bytes: &[u8]) -> Result<Vec<Row>> {
    check(bytes, || Ok(bytes))?;
    let mut reader = Reader::new(bytes)?;
    let mut rows = Vec::new();
    while let Some(row) = reader.next_row()? {
        rows.push(row);
    }
    Ok(rows)
}

/// Reads a users CSV one row at a time, checking each row as it is read; one record's
/// buffers are reused throughout, so memory does not grow with the file. Duplicate emails
/// are [`check`]'s to find: this reader sees one row at a time.
pub struct Reader<R: Read> {
    csv: csv::Reader<Tee<R>>,
    header: ByteRecord,
    record: ByteRecord,
    index: [Option<usize>; COLUMNS.len()],
    width: usize,
    rows: u64,
    ended: bool,
}

impl<R: Read> Reader<R> {
    /// Reads and checks the header.
    pub fn new(mut input: R) -> Result<Self> {
        // The first bytes say whether the file is UTF-16 or starts with a byte order mark,
        // however few bytes a read hands out.
        let mut head = Vec::with_capacity(3);
        while head.len() < 3 {
            let mut byte = [0u8; 1];
            match input.read(&mut byte) {
                Ok(0) => break,
                Ok(_) => head.push(byte[0]),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(at_line(1, e)),
            }
        }
        if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
            return Err(at_line(1, "the file is UTF-16; save it as UTF-8"));
        }
        if head.starts_with(b"\xEF\xBB\xBF") {
            head.clear();
        }
        let mut reader = Reader {
            csv: csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(Tee::new(head, input)),
            header: ByteRecord::new(),
            record: ByteRecord::new(),
            index: [None; COLUMNS.len()],
            width: 0,
            rows: 0,
            ended: false,
        };
        match reader.read_header() {
            Ok(()) => Ok(reader),
            Err(e) => Err(reader.fail_in_header(e)),
        }
    }

    fn read_header(&mut self) -> Result<()> {
        match self.csv.read_byte_record(&mut self.header) {
            Ok(true) => {}
            Ok(false) => {
                return Err(at_line(
                    1,
                    "the file is empty; it needs a header such as email,name",
                ))
            }
            Err(e) => return Err(at_line(1, e)),
        }
        for (i, raw) in self.header.iter().enumerate() {
            let name = std::str::from_utf8(raw)
                .map_err(|_| at_line(1, "the header has bytes that are not UTF-8"))?
                .trim();
            let known = COLUMNS.iter().position(|c| *c == name).ok_or_else(|| {
                at_line(
                    1,
                    format!(
                        "unknown column {name:?}; the columns are {}",
                        COLUMNS.join(", ")
                    ),
                )
            })?;
            if self.index[known].replace(i).is_some() {
                return Err(at_line(1, format!("column {name:?} appears twice")));
            }
        }
        for required in ["email", "name"] {
            if self.column(required).is_none() {
                return Err(at_line(
                    1,
                    format!("the header has no {required:?} column (email and name are required)"),
                ));
            }
        }
        self.width = self.header.len();
        Ok(())
    }

    fn column(&self, name: &str) -> Option<usize> {
        COLUMNS
            .iter()
            .position(|c| *c == name)
            .and_then(|i| self.index[i])
    }

    /// A quote left open swallows the rest of the file into one field, so it is the problem
    /// to report whatever else looks wrong: the rest of the file is read to find out.
    fn open_quote(&mut self) -> Option<Invalid> {
        let (line, field) = self.csv.get_mut().finish()?;
        if line == 1 {
            return Some(at_line(1, "a quote opened on this line is never closed"));
        }
        let column = self
            .header
            .get(field)
            .and_then(|raw| std::str::from_utf8(raw).ok());
        Some(match column {
            Some(column) => at(line, column.trim(), "a quote opened here is never closed"),
            None => at_line(line, "a quote opened on this line is never closed"),
        })
    }

    /// A problem in the header gives way only to a quote left open in the header itself.
    fn fail_in_header(&mut self, e: Invalid) -> Invalid {
        match self.csv.get_mut().finish() {
            Some((1, _)) => at_line(1, "a quote opened on this line is never closed"),
            _ => e,
        }
    }

    /// A problem in a row gives way to a quote left open anywhere in the file.
    fn fail(&mut self, e: Invalid) -> Invalid {
        self.ended = true;
        self.open_quote().unwrap_or(e)
    }

    /// The next checked row, or `None` at the end of the file.
    pub fn next_row(&mut self) -> Result<Option<Row>> {
        self.next_row_with(&mut |_, _| Ok(()))
    }

    /// The next checked row; `email` is called with each row's folded email and line, right
    /// after the email is checked and before the rest of the row is.
    fn next_row_with(
        &mut self,
        email: &mut impl FnMut(&str, u64) -> Result<()>,
    ) -> Result<Option<Row>> {
        if self.ended {
            return Ok(None);
        }
        loop {
            let read = self.csv.read_byte_record(&mut self.record).map_err(|e| {
                let line = e.position().map_or(0, |p| p.line());
                at_line(line, e)
            });
            let result = match read {
                Ok(false) => {
                    self.ended = true;
                    return match self.open_quote() {
                        Some(e) => Err(e),
                        None => Ok(None),
                    };
                }
                Ok(true) => self.row(email),
                Err(e) => Err(e),
            };
            return match result {
                Ok(None) => continue, // a blank line
                Ok(Some(row)) => {
                    self.rows += 1;
                    Ok(Some(row))
                }
                Err(e) => Err(self.fail(e)),
            };
        }
    }

    /// What this reader saw, once it has read the whole file.
    pub fn checked(&self) -> Checked {
        Checked {
            rows: self.rows,
            digest: self.csv.get_ref().digest.clone().finalize().into(),
        }
    }

    /// Fails unless the file read was the very file `first` checked: the file may have
    /// changed between the two reads.
    pub fn same_as(&self, first: &Checked) -> Result<()> {
        if self.ended && self.checked() == *first {
            return Ok(());
        }
        Err(Invalid::with_hint(
            "the file changed while it was being imported",
            "nothing was imported; run the import again once the file is written",
        ))
    }

    /// Checks the record just read; `None` for a blank line.
    fn row(&self, email: &mut impl FnMut(&str, u64) -> Result<()>) -> Result<Option<Row>> {
        let record = &self.record;
        let line = record.position().map_or(0, |p| p.line());
        if record.len() == 1 && record.get(0).is_some_and(<[u8]>::is_empty) {
            return Ok(None);
        }
        let width = self.width;
        if record.len() != width {
            return Err(at_line(
                line,
                format!("{} fields where the header has {width}", record.len()),
            ));
        }
        let cell = |column: &'static str| -> Result<Option<&str>> {
            match self.column(column) {
                None => Ok(None),
                Some(i) => {
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
        let address = normalize_email(email_raw).map_err(|e| at(line, "email", e))?;
        email(&address, line)?;
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
        Ok(Some(Row {
            line,
            email: address,
            name,
            groups,
            first_login_at,
            status,
            role,
            hr_scope,
            protected,
        }))
    }
}

/// Passes the bytes read through to the csv reader, and on the way digests them and follows
/// the quotes, so that neither needs the file held.
struct Tee<R> {
    /// Bytes read ahead of the csv reader, handed out first.
    head: Vec<u8>,
    inner: R,
    digest: Sha256,
    quotes: Quotes,
}

impl<R: Read> Tee<R> {
    fn new(head: Vec<u8>, inner: R) -> Self {
        Tee {
            head,
            inner,
            digest: Sha256::new(),
            quotes: Quotes::default(),
        }
    }

    /// Reads what is left of the file; then the line and field (0-based) where a quoted
    /// field opens and never closes, if any.
    fn finish(&mut self) -> Option<(u64, usize)> {
        let mut buf = [0u8; 8192];
        // A read that fails here leaves the problem already found to be reported.
        while matches!(self.read(&mut buf), Ok(n) if n > 0) {}
        self.quotes.open()
    }
}

impl<R: Read> Read for Tee<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = if self.head.is_empty() {
            self.inner.read(buf)?
        } else {
            let n = self.head.len().min(buf.len());
            buf[..n].copy_from_slice(&self.head[..n]);
            self.head.drain(..n);
            n
        };
        let bytes = &buf[..n];
        self.digest.update(bytes);
        self.quotes.feed(bytes);
        Ok(n)
    }
}

/// Where a quoted field opens and never closes. The csv reader would silently take the rest
/// of the file as that one field. Fed the file in pieces of any size.
#[derive(Debug)]
struct Quotes {
    line: u64,
    field: usize,
    in_quotes: bool,
    /// A quote inside quotes: the next byte says whether it closes or is doubled.
    quote_seen: bool,
    field_start: bool,
    opened_at: (u64, usize),
}

impl Default for Quotes {
    fn default() -> Self {
        Quotes {
            line: 1,
            field: 0,
            in_quotes: false,
            quote_seen: false,
            field_start: true,
            opened_at: (0, 0),
        }
    }
}

impl Quotes {
    fn feed(&mut self, bytes: &[u8]) {
        for &b in bytes {
            if self.in_quotes {
                if self.quote_seen {
                    self.quote_seen = false;
                    if b == b'"' {
                        continue; // a doubled quote
                    }
                    self.in_quotes = false;
                    self.unquoted(b);
                    continue;
                }
                match b {
                    b'"' => self.quote_seen = true,
                    b'\n' => self.line += 1,
                    _ => {}
                }
            } else {
                self.unquoted(b);
            }
        }
    }

    fn unquoted(&mut self, b: u8) {
        match b {
            b'"' if self.field_start => {
                self.in_quotes = true;
                self.opened_at = (self.line, self.field);
            }
            b',' => {
                self.field += 1;
                self.field_start = true;
                return;
            }
            b'\n' => {
                self.line += 1;
                self.field = 0;
                self.field_start = true;
                return;
            }
            _ => {}
        }
        self.field_start = false;
    }

    fn open(&self) -> Option<(u64, usize)> {
        (self.in_quotes && !self.quote_seen).then_some(self.opened_at)
    }
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

    /// Hands out the bytes one at a time, so that every quote and line ending falls on the
    /// edge of a read.
    struct Trickle<'a>(&'a [u8]);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            match (self.0.split_first(), buf.first_mut()) {
                (Some((b, rest)), Some(out)) => {
                    *out = *b;
                    self.0 = rest;
                    Ok(1)
                }
                _ => Ok(0),
            }
        }
    }

    fn trickled(csv: &str) -> Result<Vec<Row>> {
        let open = || -> std::io::Result<_> {
            Ok(std::io::BufReader::with_capacity(
                1,
                Trickle(csv.as_bytes()),
            ))
        };
        let reading = |e: std::io::Error| Invalid::new(e.to_string());
        let checked = check(open().map_err(reading)?, open)?;
        let mut reader = Reader::new(open().map_err(reading)?)?;
        let mut rows = Vec::new();
        while let Some(row) = reader.next_row()? {
            rows.push(row);
        }
        reader.same_as(&checked)?;
        Ok(rows)
    }

    #[test]
    fn a_file_read_a_byte_at_a_time_reads_as_a_whole_one() {
        for csv in [
            "email,name\na@a.com,\"Boateng, Jr.\"\nb@a.com,\"He said \"\"hi\"\"\"\n",
            "\u{feff}email,name\r\na@a.com,\"A\nB\"\r\n\r\nb@a.com,B\r\n",
            "email,name\na@a.com,A\nA@A.COM,B\n",
            "email,name\na@a.com,\"Ann\nb@a.com,B\n",
            "email,\"name\na@a.com,Ann\n",
            "email,name\nann,Ann\nb@a.com,\"B\n",
            "email,name\na@a.com,\"A\"\"\n",
            "email,name\na@a.com,\"A\"\n",
        ] {
            let whole = parse(csv.as_bytes()).map_err(|e| e.to_string());
            let trickled = trickled(csv).map_err(|e| e.to_string());
            assert_eq!(whole, trickled, "{csv:?}");
        }
    }

    #[test]
    fn a_quote_left_open_is_the_problem_named_whatever_comes_before_it() {
        assert!(err("email,name\nann,Ann\nb@a.com,\"B\n")
            .contains("line 3, column name: a quote opened here is never closed"));
        assert!(err("email,name\na@a.com,A\na@a.com,A\nc@a.com,\"C\n")
            .contains("line 4, column name: a quote"));
        assert!(err("email,nom\na@a.com,\"A\n").contains("unknown column \"nom\""));
    }

    #[test]
    fn a_file_that_changed_since_it_was_checked_is_refused() {
        let first = "email,name\na@a.com,A\nb@a.com,B\n";
        let checked = check(first.as_bytes(), || Ok(first.as_bytes())).unwrap();
        assert_eq!(checked.rows, 2);
        for changed in [
            "email,name\na@a.com,A\nb@a.com,Bo\n",
            "email,name\na@a.com,A\n",
            "email,name\na@a.com,A\nb@a.com,B\nc@a.com,C\n",
        ] {
            let mut reader = Reader::new(changed.as_bytes()).unwrap();
            while reader.next_row().unwrap().is_some() {}
            assert!(reader
                .same_as(&checked)
                .unwrap_err()
                .to_string()
                .contains("the file changed"));
        }
        let mut reader = Reader::new(first.as_bytes()).unwrap();
        reader.next_row().unwrap();
        assert!(reader.same_as(&checked).is_err(), "read to its end");
        reader.next_row().unwrap();
        assert_eq!(reader.next_row().unwrap(), None);
        reader.same_as(&checked).unwrap();
    }

    #[test]
    fn the_first_row_of_an_email_is_found_by_reading_again() {
        let csv = "email,name\nb@a.com,B\na@a.com,A\n\nA@a.com,A\n";
        assert_eq!(
            first_line_of(csv.as_bytes(), "a@a.com", 5).unwrap(),
            Some(3)
        );
        // A hash that two emails share is not a duplicate.
        assert_eq!(first_line_of(csv.as_bytes(), "c@a.com", 5).unwrap(), None);
        assert_eq!(first_line_of(csv.as_bytes(), "a@a.com", 3).unwrap(), None);
    }
}
