//! The `audit_log` table: appending hash-chained rows inside a write transaction, and
//! streaming rows in `seq` order under filters. The row's columns come from
//! [`core::audit`](crate::core::audit); the chain's rules from [`core::chain`](crate::core::chain).

use std::cell::Cell;
use std::collections::HashMap;
use std::sync::OnceLock;

use super::db::{copy_field, insert_sql, Db, Row, Val};
use super::{StoreError, StoreResult};
use crate::core::audit::{AuditRow, Entry, Filter, COLUMNS};
use crate::core::chain;

/// `SELECT <every column> FROM audit_log`, from [`COLUMNS`].
fn select_row() -> &'static str {
    static SQL: OnceLock<String> = OnceLock::new();
    SQL.get_or_init(|| format!("SELECT {} FROM audit_log", COLUMNS.join(", ")))
}

/// `INSERT INTO audit_log (<every column>) VALUES (?1, …)`, from [`COLUMNS`].
pub(super) fn insert_row() -> &'static str {
    static SQL: OnceLock<String> = OnceLock::new();
    SQL.get_or_init(|| insert_sql("audit_log", &COLUMNS, 1))
}

/// Overwrites `row` with the stored row `r`, reusing its strings' buffers. A cell that is not
/// text (retyped to a BLOB, or not UTF-8) names its row.
fn fill_from(row: &mut AuditRow, r: &Row<'_>) -> StoreResult<()> {
    row.seq = r.int(0)?;
    let seq = row.seq;
    for (i, into) in row.text_mut().into_iter().enumerate() {
        let column = i + 1;
        let text = match r.text_or(column)? {
            Ok(text) => text,
            Err(what) => {
                return Err(StoreError::UnreadableAuditRow {
                    seq,
                    org: r.text(2).unwrap_or("").to_string(),
                    detail: format!("its {} is {what}, not text", COLUMNS[column]),
                })
            }
        };
        into.clear();
        into.push_str(text);
    }
    Ok(())
}

/// Reads the audit log.
#[derive(Clone, Copy)]
pub struct AuditLog<'c> {
    pub(super) db: Db<'c>,
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
        let (sql, params) = to_sql(filter);
        let args: Vec<Val<'_>> = params.iter().map(Param::val).collect();
        let mut total = 0u64;
        let mut batch = next_batch();
        let mut used = 0usize;
        let mut stopped = false;
        self.db.each(&sql, &args, |r| {
            if used == batch.len() {
                batch.push(AuditRow::default());
            }
            fill_from(&mut batch[used], r)?;
            used += 1;
            total += 1;
            if used == batch_len {
                if !full(std::mem::replace(&mut batch, next_batch()), used) {
                    stopped = true;
                    return Ok::<_, StoreError>(false);
                }
                used = 0;
            }
            Ok(true)
        })?;
        if used > 0 && !stopped {
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
        each: impl FnMut(&AuditRow) -> Result<(), E>,
    ) -> Result<u64, E> {
        let (sql, params) = to_sql(filter);
        let args: Vec<Val<'_>> = params.iter().map(Param::val).collect();
        self.stream(&sql, &args, each)
    }

    /// Streams the rows of a query of whole audit rows to `each`, one row's buffers reused.
    fn stream<E: From<StoreError>>(
        &self,
        sql: &str,
        args: &[Val<'_>],
        mut each: impl FnMut(&AuditRow) -> Result<(), E>,
    ) -> Result<u64, E> {
        let mut row = AuditRow::default();
        let mut n = 0u64;
        self.db.each(sql, args, |r| {
            fill_from(&mut row, r)?;
            each(&row)?;
            n += 1;
            Ok::<_, E>(true)
        })?;
        Ok(n)
    }

    /// Streams, in `seq` order, the rows of `org` before `until` that are at or after `since`
    /// or are one of `any_time` events: the access review's one pass, the period's rows and
    /// the grants that came before it. One row's buffers are reused throughout.
    pub fn review_rows<E: From<StoreError>>(
        &self,
        org: &str,
        since: Option<&str>,
        until: Option<&str>,
        any_time: &[&str],
        each: impl FnMut(&AuditRow) -> Result<(), E>,
    ) -> Result<u64, E> {
        let mut sql = format!(
            "{} WHERE org = ?1 AND timestamp < ?3 AND (timestamp >= ?2",
            select_row()
        );
        let mut args = vec![
            Val::Text(org),
            Val::Text(since.unwrap_or("")),
            // Every stored timestamp starts with a digit, before '~'.
            Val::Text(until.unwrap_or("~")),
        ];
        for event in any_time {
            args.push(Val::Text(event));
            sql.push_str(&format!(" OR event = ?{}", args.len()));
        }
        sql.push_str(") ORDER BY seq");
        self.stream(&sql, &args, each)
    }

    /// The hash of the first row of `org`'s chain; the vendor chain's names the store in its
    /// checkpoints.
    pub fn first_hash(&self, org: &str) -> StoreResult<Option<String>> {
        self.db.first(
            "SELECT hash FROM audit_log WHERE org = ?1 ORDER BY seq LIMIT 1",
            &[Val::Text(org)],
            |r| r.string(0),
        )
    }

    /// The hash of the last row of `org`'s chain.
    fn head_of(&self, org: &str) -> StoreResult<Option<String>> {
        self.db.first(
            "SELECT hash FROM audit_log WHERE org = ?1 ORDER BY seq DESC LIMIT 1",
            &[Val::Text(org)],
            |r| r.string(0),
        )
    }

    /// The first row of the vendor's chain: what the store was born with.
    pub fn first_vendor_row(&self) -> StoreResult<Option<(String, String)>> {
        self.db.first(
            "SELECT event, details FROM audit_log WHERE org = '' ORDER BY seq LIMIT 1",
            &[],
            |r| Ok((r.string(0)?, r.string(1)?)),
        )
    }
}

/// A parameter of a filtered query, owned.
enum Param {
    Text(String),
    Int(i64),
}

impl Param {
    fn val(&self) -> Val<'_> {
        match self {
            Param::Text(t) => Val::Text(t),
            Param::Int(i) => Val::Int(*i),
        }
    }
}

/// The SQL and its parameters for the rows `filter` selects, in `seq` order.
fn to_sql(filter: &Filter) -> (String, Vec<Param>) {
    let mut args: Vec<Param> = Vec::new();
    let mut bind = |value: Param| {
        args.push(value);
        format!("?{}", args.len())
    };
    let text = |s: &str| Param::Text(s.to_string());
    let mut clauses: Vec<String> = Vec::new();
    if let Some(org) = &filter.org {
        clauses.push(format!("org = {}", bind(text(org))));
    }
    if let Some(s) = &filter.since {
        clauses.push(format!("timestamp >= {}", bind(text(s))));
    }
    if let Some(u) = &filter.until {
        clauses.push(format!("timestamp < {}", bind(text(u))));
    }
    if let Some(by) = &filter.by {
        clauses.push(format!("actor = {}", bind(text(by))));
    }
    if let Some(t) = &filter.target {
        clauses.push(format!("target = {}", bind(text(t))));
    }
    if !filter.events.is_empty() || !filter.families.is_empty() {
        let mut any: Vec<String> = Vec::new();
        for e in &filter.events {
            any.push(format!("event = {}", bind(text(e))));
        }
        for f in &filter.families {
            // A range on the event index: every name that starts with "family.".
            let lo = bind(Param::Text(format!("{f}.")));
            let hi = bind(Param::Text(format!("{f}/")));
            any.push(format!("(event >= {lo} AND event < {hi})"));
        }
        clauses.push(format!("({})", any.join(" OR ")));
    }
    if let Some(after) = filter.after_seq {
        clauses.push(format!("seq > {}", bind(Param::Int(after))));
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
    db: Db<'t>,
    log: &'t mut Appender,
    unaudited: &'t Cell<u32>,
}

impl<'t> AuditTx<'t> {
    pub(super) fn new(db: Db<'t>, log: &'t mut Appender, unaudited: &'t Cell<u32>) -> Self {
        AuditTx { db, log, unaudited }
    }

    /// Where the chain of `org` stands: the `seq` of the next row and the chain's last hash.
    pub(super) fn position(&mut self, org: &str) -> StoreResult<(i64, String)> {
        let seq = match self.log.next_seq {
            Some(s) => s,
            None => self
                .db
                .int("SELECT coalesce(max(seq), 0) + 1 FROM audit_log", &[])?,
        };
        let head = match self.log.heads.get(org) {
            Some(h) => h.clone(),
            None => AuditLog { db: self.db }.head_of(org)?.unwrap_or_default(),
        };
        Ok((seq, head))
    }

    /// Records rows written past [`AuditTx::position`]: the next `seq` and the chain's last
    /// hash are now these, and every change before them is audited.
    pub(super) fn advanced(&mut self, org: &str, next_seq: i64, head: String) {
        self.log.next_seq = Some(next_seq);
        self.log.heads.insert(org.to_string(), head);
        self.unaudited.set(0);
    }

    /// Appends many rows of the chain of `org`, in order, as one stream on PostgreSQL
    /// (`COPY`), each as [`AuditTx::append`] on SQLite. Settles the changes made before them.
    pub fn append_all<'e, E: From<StoreError>>(
        &mut self,
        org: &str,
        entries: impl Iterator<Item = Result<Entry<'e>, E>>,
    ) -> Result<u64, E> {
        if !self.db.copies() {
            let mut n = 0;
            for e in entries {
                self.append(e?)?;
                n += 1;
            }
            return Ok(n);
        }
        // Read before the stream starts: the connection is busy copying until it ends.
        let (mut seq, mut head) = self.position(org)?;
        let db = self.db;
        let scratch = &mut self.log.scratch;
        let mut failed: Option<E> = None;
        let copied = db.copy_in(
            &format!("COPY audit_log ({}) FROM STDIN", COLUMNS.join(", ")),
            |out| {
                for e in entries {
                    let e = match e {
                        Ok(e) if e.org == org => e,
                        Ok(_) => return Err(StoreError::Other("rows of another chain".into())),
                        Err(err) => {
                            failed = Some(err);
                            return Err(StoreError::Other("an audit row could not be made".into()));
                        }
                    };
                    let timestamp = e.stored_timestamp();
                    let fields = e.hashed_text(&timestamp);
                    head = chain::hash(&head, seq, &fields, scratch);
                    out.write_all(itoa::Buffer::new().format(seq).as_bytes())?;
                    for f in fields.iter().chain(std::iter::once(&head.as_str())) {
                        out.write_all(b"\t")?;
                        copy_field(out, Some(f))?;
                    }
                    out.write_all(b"\n")?;
                    seq += 1;
                }
                Ok(())
            },
        );
        if let Some(err) = failed {
            return Err(err);
        }
        let copied = copied?;
        self.advanced(org, seq, head);
        Ok(copied)
    }

    /// Appends one row, and with it settles the changes made before it in the transaction.
    /// The caller holds the write lock, so the `seq` and heads read here cannot move under
    /// it: `seq` is one more than the store's last, gap-free and in commit order.
    pub fn append(&mut self, e: Entry<'_>) -> StoreResult<i64> {
        let log = &mut *self.log;
        let seq = match log.next_seq {
            Some(s) => s,
            None => self
                .db
                .int("SELECT coalesce(max(seq), 0) + 1 FROM audit_log", &[])?,
        };
        if !log.heads.contains_key(e.org) {
            let head = AuditLog { db: self.db }.head_of(e.org)?.unwrap_or_default();
            log.heads.insert(e.org.to_string(), head);
        }
        let prev = log.heads.get(e.org).map(String::as_str).unwrap_or("");
        let timestamp = e.stored_timestamp();
        let fields = e.hashed_text(&timestamp);
        let hash = chain::hash(prev, seq, &fields, &mut log.scratch);
        let mut values = Vec::with_capacity(COLUMNS.len());
        values.push(Val::Int(seq));
        values.extend(fields.iter().map(|f| Val::Text(f)));
        values.push(Val::Text(&hash));
        self.db.exec(insert_row(), &values)?;
        log.next_seq = Some(seq + 1);
        if let Some(head) = log.heads.get_mut(e.org) {
            *head = hash;
        }
        self.unaudited.set(0);
        Ok(seq)
    }
}
