//! The `audit_log` table: appending hash-chained rows inside a write transaction, and
//! streaming rows in `seq` order under filters. The row's columns come from
//! [`core::audit`](crate::core::audit); the chain's rules from [`core::chain`](crate::core::chain).

use std::cell::Cell;
use std::collections::HashMap;
use std::sync::OnceLock;

use rusqlite::types::{ToSqlOutput, Value, ValueRef};
use rusqlite::{params_from_iter, Connection, OptionalExtension, Row};

use super::{StoreError, StoreResult};
use crate::core::audit::{AuditRow, Entry, Filter, COLUMNS};
use crate::core::chain;

/// `SELECT <every column> FROM audit_log`, from [`COLUMNS`].
fn select_row() -> &'static str {
    static SQL: OnceLock<String> = OnceLock::new();
    SQL.get_or_init(|| format!("SELECT {} FROM audit_log", COLUMNS.join(", ")))
}

/// `INSERT INTO audit_log (<every column>) VALUES (?1, …)`, from [`COLUMNS`].
fn insert_row() -> &'static str {
    static SQL: OnceLock<String> = OnceLock::new();
    SQL.get_or_init(|| {
        let marks: Vec<String> = (1..=COLUMNS.len()).map(|i| format!("?{i}")).collect();
        format!(
            "INSERT INTO audit_log ({}) VALUES ({})",
            COLUMNS.join(", "),
            marks.join(", ")
        )
    })
}

/// Overwrites `row` with the stored row `r`, reusing its strings' buffers. A cell that is not
/// text (retyped to a BLOB, or not UTF-8) names its row.
fn fill_from(row: &mut AuditRow, r: &Row<'_>) -> StoreResult<()> {
    row.seq = r.get(0)?;
    let seq = row.seq;
    for (i, into) in row.text_mut().into_iter().enumerate() {
        let column = i + 1;
        let value = r.get_ref(column)?;
        let text = match value {
            ValueRef::Text(bytes) => std::str::from_utf8(bytes).ok(),
            _ => None,
        };
        let Some(text) = text else {
            let what = match value {
                ValueRef::Text(_) => "text that is not UTF-8",
                ValueRef::Blob(_) => "a BLOB",
                ValueRef::Null => "NULL",
                ValueRef::Integer(_) | ValueRef::Real(_) => "a number",
            };
            return Err(StoreError::UnreadableAuditRow {
                seq,
                org: r
                    .get_ref(2)
                    .ok()
                    .and_then(|v| v.as_str().ok())
                    .unwrap_or("")
                    .to_string(),
                detail: format!("its {} is {what}, not text", COLUMNS[column]),
            });
        };
        into.clear();
        into.push_str(text);
    }
    Ok(())
}

/// Reads the audit log.
#[derive(Clone, Copy)]
pub struct AuditLog<'c> {
    pub(super) conn: &'c Connection,
}

impl AuditLog<'_> {
    /// Reads the rows that `filter` selects, in `seq` order, into reusable batches of up to
    /// `batch_len` rows: `next_batch` hands out an empty (recycled) batch, `full` takes a
    /// filled one and returns false to stop. The strings of a recycled batch are refilled in
    /// place, so a long export allocates nothing per row.
    pub fn read_batches(
        &self,
        filter: &Filter,
        batch_len: usize,
        mut next_batch: impl FnMut() -> Vec<AuditRow>,
        mut full: impl FnMut(Vec<AuditRow>, usize) -> bool,
    ) -> StoreResult<u64> {
        let (sql, args) = to_sql(filter);
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(params_from_iter(args.iter()))?;
        let mut total = 0u64;
        let mut batch = next_batch();
        let mut used = 0usize;
        while let Some(r) = rows.next()? {
            if used == batch.len() {
                batch.push(AuditRow::default());
            }
            fill_from(&mut batch[used], r)?;
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

    /// Streams the rows that `filter` selects, in `seq` order, to `each`; stops early when
    /// `each` returns an error. One row's buffers are reused throughout: memory stays
    /// constant and nothing is allocated per row, whatever the number of rows.
    pub fn for_each<E: From<StoreError>>(
        &self,
        filter: &Filter,
        mut each: impl FnMut(&AuditRow) -> Result<(), E>,
    ) -> Result<u64, E> {
        let (sql, args) = to_sql(filter);
        let mut stmt = self.conn.prepare(&sql).map_err(StoreError::from)?;
        let mut rows = stmt
            .query(params_from_iter(args.iter()))
            .map_err(StoreError::from)?;
        let mut row = AuditRow::default();
        let mut n = 0u64;
        while let Some(r) = rows.next().map_err(StoreError::from)? {
            fill_from(&mut row, r)?;
            each(&row)?;
            n += 1;
        }
        Ok(n)
    }

    /// The hash of the first row of `org`'s chain; the vendor chain's names the store in its
    /// checkpoints.
    pub fn first_hash(&self, org: &str) -> StoreResult<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT hash FROM audit_log WHERE org = ?1 ORDER BY seq LIMIT 1")?
            .query_row([org], |r| r.get(0))
            .optional()?)
    }

    /// The hash of the last row of `org`'s chain.
    fn head_of(&self, org: &str) -> StoreResult<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT hash FROM audit_log WHERE org = ?1 ORDER BY seq DESC LIMIT 1")?
            .query_row([org], |r| r.get(0))
            .optional()?)
    }
}

/// The SQL and its arguments for the rows `filter` selects, in `seq` order.
fn to_sql(filter: &Filter) -> (String, Vec<String>) {
    let mut args: Vec<String> = Vec::new();
    let mut bind = |value: &str| {
        args.push(value.to_string());
        format!("?{}", args.len())
    };
    let mut clauses: Vec<String> = Vec::new();
    if let Some(org) = &filter.org {
        clauses.push(format!("org = {}", bind(org)));
    }
    if let Some(s) = &filter.since {
        clauses.push(format!("timestamp >= {}", bind(s)));
    }
    if let Some(u) = &filter.until {
        clauses.push(format!("timestamp < {}", bind(u)));
    }
    if let Some(by) = &filter.by {
        clauses.push(format!("actor = {}", bind(by)));
    }
    if let Some(t) = &filter.target {
        clauses.push(format!("target = {}", bind(t)));
    }
    if !filter.events.is_empty() || !filter.families.is_empty() {
        let mut any: Vec<String> = Vec::new();
        for e in &filter.events {
            any.push(format!("event = {}", bind(e)));
        }
        for f in &filter.families {
            // A range on the event index: every name that starts with "family.".
            let lo = bind(&format!("{f}."));
            let hi = bind(&format!("{f}/"));
            any.push(format!("(event >= {lo} AND event < {hi})"));
        }
        clauses.push(format!("({})", any.join(" OR ")));
    }
    if let Some(after) = filter.after_seq {
        clauses.push(format!("seq > {}", bind(&after.to_string())));
    }
    let mut sql = select_row().to_string();
    if !clauses.is_empty() {
        sql.push_str(" WHERE ");
        sql.push_str(&clauses.join(" AND "));
    }
    sql.push_str(" ORDER BY seq");
    (sql, args)
}

/// Remembers the next `seq` and each chain's last hash for the length of one write
/// transaction, so that a bulk import does not look them up for every row.
#[derive(Debug, Default)]
pub(super) struct Appender {
    next_seq: Option<i64>,
    heads: HashMap<String, String>,
    scratch: Vec<u8>,
}

/// Appends audit rows inside a write transaction.
pub struct AuditTx<'t> {
    conn: &'t Connection,
    log: &'t mut Appender,
    unaudited: &'t Cell<u32>,
}

impl<'t> AuditTx<'t> {
    pub(super) fn new(
        conn: &'t Connection,
        log: &'t mut Appender,
        unaudited: &'t Cell<u32>,
    ) -> Self {
        AuditTx {
            conn,
            log,
            unaudited,
        }
    }

    /// Appends one row, and with it settles the changes made before it in the transaction.
    /// The caller holds the write lock (an immediate transaction), so the `seq` and heads
    /// read here cannot move under it.
    pub fn append(&mut self, e: Entry<'_>) -> StoreResult<i64> {
        let log = &mut *self.log;
        let seq = match log.next_seq {
            Some(s) => s,
            None => {
                self.conn
                    .query_row("SELECT coalesce(max(seq), 0) + 1 FROM audit_log", [], |r| {
                        r.get(0)
                    })?
            }
        };
        if !log.heads.contains_key(e.org) {
            let head = AuditLog { conn: self.conn }
                .head_of(e.org)?
                .unwrap_or_default();
            log.heads.insert(e.org.to_string(), head);
        }
        let prev = log.heads.get(e.org).map(String::as_str).unwrap_or("");
        let timestamp = e.stored_timestamp();
        let fields = e.hashed_text(&timestamp);
        let hash = chain::hash(prev, seq, &fields, &mut log.scratch);
        let mut stmt = self.conn.prepare_cached(insert_row())?;
        let hash_ref: &str = &hash;
        let values = std::iter::once(ToSqlOutput::Owned(Value::Integer(seq))).chain(
            fields
                .iter()
                .chain(std::iter::once(&hash_ref))
                .map(|s| ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes()))),
        );
        stmt.execute(params_from_iter(values))?;
        log.next_seq = Some(seq + 1);
        if let Some(head) = log.heads.get_mut(e.org) {
            *head = hash;
        }
        self.unaudited.set(0);
        Ok(seq)
    }
}
