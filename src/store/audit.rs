//! The `audit_log` table: appending hash-chained rows inside a write transaction, streaming
//! rows in `seq` order under filters, and walking the chains to verify them.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{params_from_iter, Connection, OptionalExtension, Row};
use serde::Serialize;

use crate::core::chain::{self, Fields};
use crate::core::clock::format_instant;
use crate::core::events::{Event, Outcome};
use crate::error::{Error, Result};

/// One row to append; `seq` and `hash` are worked out by [`Appender`].
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    pub timestamp: DateTime<Utc>,
    pub org: &'a str,
    pub event: Event,
    pub outcome: Outcome,
    pub reason: &'a str,
    pub actor: &'a str,
    pub actor_role: &'a str,
    pub target: &'a str,
    pub session_id: &'a str,
    /// A JSON object, already encoded.
    pub details: String,
}

impl<'a> Entry<'a> {
    /// An `ok` row with every optional field empty.
    pub fn new(timestamp: DateTime<Utc>, org: &'a str, event: Event) -> Self {
        Entry {
            timestamp,
            org,
            event,
            outcome: Outcome::Ok,
            reason: "",
            actor: "",
            actor_role: "",
            target: "",
            session_id: "",
            details: "{}".to_string(),
        }
    }

    pub fn actor(mut self, email: &'a str, role: &'a str) -> Self {
        self.actor = email;
        self.actor_role = role;
        self
    }

    /// The actor who runs the command.
    pub fn by(self, actor: &'a crate::core::model::Actor) -> Self {
        self.actor(actor.email(), actor.role_name())
    }

    pub fn target(mut self, email: &'a str) -> Self {
        self.target = email;
        self
    }

    pub fn reason(mut self, reason: &'a str) -> Self {
        self.reason = reason;
        self
    }

    pub fn session(mut self, id: &'a str) -> Self {
        self.session_id = id;
        self
    }

    pub fn denied(mut self, code: &'a str) -> Self {
        self.outcome = Outcome::Denied;
        self.reason = code;
        self
    }

    pub fn details(mut self, details: serde_json::Value) -> Self {
        self.details = details.to_string();
        self
    }

    /// Details from a typed value, encoded without building a `serde_json::Value` first (the
    /// bulk import writes one per user).
    pub fn details_of(mut self, details: &impl Serialize) -> Self {
        self.details = serde_json::to_string(details).unwrap_or_else(|_| "{}".to_string());
        self
    }
}

/// Remembers the next `seq` and each chain's last hash for the length of one write
/// transaction, so that a bulk import does not look them up for every row.
#[derive(Debug, Default)]
pub struct Appender {
    next_seq: Option<i64>,
    heads: HashMap<String, String>,
    scratch: Vec<u8>,
}

impl Appender {
    /// Appends one row. The caller holds the write lock (an immediate transaction), so the
    /// `seq` and heads read here cannot move under it.
    pub fn append(&mut self, conn: &Connection, e: Entry<'_>) -> Result<i64> {
        let seq = match self.next_seq {
            Some(s) => s,
            None => conn.query_row("SELECT coalesce(max(seq), 0) + 1 FROM audit_log", [], |r| {
                r.get(0)
            })?,
        };
        if !self.heads.contains_key(e.org) {
            let head = head_of(conn, e.org)?.unwrap_or_default();
            self.heads.insert(e.org.to_string(), head);
        }
        let prev = self.heads.get(e.org).map(String::as_str).unwrap_or("");
        let timestamp = format_instant(e.timestamp);
        let fields = Fields {
            seq,
            timestamp: &timestamp,
            org: e.org,
            event: e.event.as_str(),
            outcome: e.outcome.as_str(),
            reason: e.reason,
            actor: e.actor,
            actor_role: e.actor_role,
            target: e.target,
            session_id: e.session_id,
            details: &e.details,
        };
        let hash = chain::hash(prev, &fields, &mut self.scratch);
        conn.prepare_cached(
            "INSERT INTO audit_log (seq, timestamp, org, event, outcome, reason, actor,
                 actor_role, target, session_id, details, hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?
        .execute(rusqlite::params![
            seq,
            timestamp,
            e.org,
            fields.event,
            fields.outcome,
            e.reason,
            e.actor,
            e.actor_role,
            e.target,
            e.session_id,
            e.details,
            hash
        ])?;
        self.next_seq = Some(seq + 1);
        if let Some(head) = self.heads.get_mut(e.org) {
            *head = hash;
        }
        Ok(seq)
    }
}

/// The hash of the last row of `org`'s chain.
fn head_of(conn: &Connection, org: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT hash FROM audit_log WHERE org = ?1 ORDER BY seq DESC LIMIT 1",
            [org],
            |r| r.get(0),
        )
        .optional()?)
}

/// One stored row, as exported.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct AuditRow {
    pub seq: i64,
    pub timestamp: String,
    pub org: String,
    pub event: String,
    pub outcome: String,
    pub reason: String,
    pub actor: String,
    pub actor_role: String,
    pub target: String,
    pub session_id: String,
    pub details: String,
    pub hash: String,
}

/// The column names of §6, in order: the CSV header.
pub const COLUMNS: [&str; 12] = [
    "seq",
    "timestamp",
    "org",
    "event",
    "outcome",
    "reason",
    "actor",
    "actor_role",
    "target",
    "session_id",
    "details",
    "hash",
];

const SELECT_ROW: &str = "SELECT seq, timestamp, org, event, outcome, reason, actor, actor_role,
    target, session_id, details, hash FROM audit_log";

impl AuditRow {
    /// Overwrites this row with `r`, reusing its strings' buffers.
    fn fill_from(&mut self, r: &Row<'_>) -> rusqlite::Result<()> {
        fn text(r: &Row<'_>, i: usize, into: &mut String) -> rusqlite::Result<()> {
            into.clear();
            into.push_str(r.get_ref(i)?.as_str()?);
            Ok(())
        }
        self.seq = r.get(0)?;
        text(r, 1, &mut self.timestamp)?;
        text(r, 2, &mut self.org)?;
        text(r, 3, &mut self.event)?;
        text(r, 4, &mut self.outcome)?;
        text(r, 5, &mut self.reason)?;
        text(r, 6, &mut self.actor)?;
        text(r, 7, &mut self.actor_role)?;
        text(r, 8, &mut self.target)?;
        text(r, 9, &mut self.session_id)?;
        text(r, 10, &mut self.details)?;
        text(r, 11, &mut self.hash)
    }

    pub fn fields(&self) -> Fields<'_> {
        Fields {
            seq: self.seq,
            timestamp: &self.timestamp,
            org: &self.org,
            event: &self.event,
            outcome: &self.outcome,
            reason: &self.reason,
            actor: &self.actor,
            actor_role: &self.actor_role,
            target: &self.target,
            session_id: &self.session_id,
            details: &self.details,
        }
    }

    /// The text cells after `seq`, in column order.
    pub fn cells_after_seq(&self) -> [&str; 11] {
        [
            &self.timestamp,
            &self.org,
            &self.event,
            &self.outcome,
            &self.reason,
            &self.actor,
            &self.actor_role,
            &self.target,
            &self.session_id,
            &self.details,
            &self.hash,
        ]
    }
}

/// Which rows an export reads. Every filter runs in SQL on an indexed column.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Filter {
    /// `None`: every org's rows and the vendor's (`--all-orgs`).
    pub org: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    /// Exact event names.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<String>,
    /// Families, `impersonation` for `impersonation.*`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub families: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// Only rows after this seq (the demo shows the rows of its own session).
    #[serde(skip)]
    pub after_seq: Option<i64>,
}

impl Filter {
    fn to_sql(&self) -> (String, Vec<String>) {
        let mut args: Vec<String> = Vec::new();
        let mut bind = |value: &str| {
            args.push(value.to_string());
            format!("?{}", args.len())
        };
        let mut clauses: Vec<String> = Vec::new();
        if let Some(org) = &self.org {
            clauses.push(format!("org = {}", bind(org)));
        }
        if let Some(s) = &self.since {
            clauses.push(format!("timestamp >= {}", bind(s)));
        }
        if let Some(u) = &self.until {
            clauses.push(format!("timestamp < {}", bind(u)));
        }
        if let Some(by) = &self.by {
            clauses.push(format!("actor = {}", bind(by)));
        }
        if let Some(t) = &self.target {
            clauses.push(format!("target = {}", bind(t)));
        }
        if !self.events.is_empty() || !self.families.is_empty() {
            let mut any: Vec<String> = Vec::new();
            for e in &self.events {
                any.push(format!("event = {}", bind(e)));
            }
            for f in &self.families {
                // A range on the event index: every name that starts with "family.".
                let lo = bind(&format!("{f}."));
                let hi = bind(&format!("{f}/"));
                any.push(format!("(event >= {lo} AND event < {hi})"));
            }
            clauses.push(format!("({})", any.join(" OR ")));
        }
        if let Some(after) = self.after_seq {
            clauses.push(format!("seq > {}", bind(&after.to_string())));
        }
        let mut sql = SELECT_ROW.to_string();
        if !clauses.is_empty() {
            sql.push_str(" WHERE ");
            sql.push_str(&clauses.join(" AND "));
        }
        sql.push_str(" ORDER BY seq");
        (sql, args)
    }
}

/// Reads the rows that `filter` selects, in `seq` order, into reusable batches of up to
/// `batch_len` rows: `next_batch` hands out an empty (recycled) batch, `full` takes a filled
/// one and returns false to stop. The strings of a recycled batch are refilled in place, so a
/// long export allocates nothing per row.
pub fn read_batches(
    conn: &Connection,
    filter: &Filter,
    batch_len: usize,
    mut next_batch: impl FnMut() -> Vec<AuditRow>,
    mut full: impl FnMut(Vec<AuditRow>, usize) -> bool,
) -> Result<u64> {
    let (sql, args) = filter.to_sql();
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params_from_iter(args.iter()))?;
    let mut total = 0u64;
    let mut batch = next_batch();
    let mut used = 0usize;
    while let Some(r) = rows.next()? {
        if used == batch.len() {
            batch.push(AuditRow::default());
        }
        batch[used].fill_from(r)?;
        used += 1;
        total += 1;
        if used == batch_len {
            if !full(std::mem::replace(&mut batch, next_batch()), used) {
                return Ok(total);
            }
            used = 0;
        }
    }
    if used > 0 {
        full(batch, used);
    }
    Ok(total)
}

/// Streams the rows that `filter` selects, in `seq` order, to `each`; stops early when `each`
/// returns an error. One row's buffers are reused throughout: memory stays constant and
/// nothing is allocated per row, whatever the number of rows.
pub fn for_each(
    conn: &Connection,
    filter: &Filter,
    mut each: impl FnMut(&AuditRow) -> Result<()>,
) -> Result<u64> {
    let (sql, args) = filter.to_sql();
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params_from_iter(args.iter()))?;
    let mut row = AuditRow::default();
    let mut n = 0u64;
    while let Some(r) = rows.next()? {
        row.fill_from(r)?;
        each(&row)?;
        n += 1;
    }
    Ok(n)
}

/// Walks the chains of `org` (or of the whole store) in `seq` order, checks every hash and
/// answers how many rows matched. Keeps one head per chain in memory, nothing per row.
pub fn verify(conn: &Connection, org: Option<&str>) -> Result<u64> {
    let filter = Filter {
        org: org.map(str::to_string),
        ..Filter::default()
    };
    let mut heads: HashMap<String, String> = HashMap::new();
    let mut scratch = Vec::new();
    for_each(conn, &filter, |row| {
        let prev = heads.get(&row.org).map(String::as_str).unwrap_or("");
        let expected = chain::hash(prev, &row.fields(), &mut scratch);
        if expected != row.hash {
            let problem = if prev.is_empty()
                && row.event != Event::OrgCreated.as_str()
                && row.event != Event::OperatorAdded.as_str()
            {
                "the chain does not start here: its first rows were removed, or this row was altered"
            } else {
                "its hash does not match its contents and the row before it in its chain: this row or one before it was altered, removed or inserted"
            };
            return Err(Error::ChainBroken {
                seq: row.seq,
                org: if row.org.is_empty() {
                    "(vendor)".into()
                } else {
                    row.org.clone()
                },
                problem: problem.into(),
            });
        }
        match heads.get_mut(&row.org) {
            Some(head) => *head = expected,
            None => {
                heads.insert(row.org.clone(), expected);
            }
        }
        Ok(())
    })
}
