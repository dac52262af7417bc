//! The two databases behind the store, as one small interface: run a statement, read rows.
//! SQL is written once, with `?1`-style parameters, in the dialect both SQLite and
//! PostgreSQL accept; the few statements that differ say so with [`Sql::Each`]. Nothing
//! outside `store` sees this module.

use std::cell::RefCell;
use std::collections::HashMap;

use postgres::types::ToSql;
use rusqlite::types::ValueRef;

use super::{StoreError, StoreResult};

/// One connection, of either kind.
#[derive(Clone, Copy)]
pub(super) enum Db<'c> {
    Lite(&'c rusqlite::Connection),
    Pg(&'c RefCell<Pg>),
}

/// A PostgreSQL connection and its prepared statements.
pub(super) struct Pg {
    pub client: postgres::Client,
    statements: HashMap<String, postgres::Statement>,
    cursors: u64,
}

impl Pg {
    pub fn new(client: postgres::Client) -> Pg {
        Pg {
            client,
            statements: HashMap::new(),
            cursors: 0,
        }
    }

    /// The statement for `sql`, prepared once per connection.
    fn prepared(&mut self, sql: &str) -> StoreResult<postgres::Statement> {
        if let Some(s) = self.statements.get(sql) {
            return Ok(s.clone());
        }
        let s = self.client.prepare(&numbered(sql))?;
        self.statements.insert(sql.to_string(), s.clone());
        Ok(s)
    }
}

/// A statement's text: the same for both databases, or one for each.
#[derive(Clone, Copy)]
pub(super) enum Sql<'a> {
    Both(&'a str),
    Each { lite: &'a str, pg: &'a str },
}

impl<'a> From<&'a str> for Sql<'a> {
    fn from(sql: &'a str) -> Self {
        Sql::Both(sql)
    }
}

impl<'a> From<&'a String> for Sql<'a> {
    fn from(sql: &'a String) -> Self {
        Sql::Both(sql)
    }
}

/// A parameter.
#[derive(Debug, Clone, Copy)]
pub(super) enum Val<'a> {
    Int(i64),
    Text(&'a str),
    OptInt(Option<i64>),
    OptText(Option<&'a str>),
}

impl rusqlite::ToSql for Val<'_> {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, Value};
        Ok(match *self {
            Val::Int(i) | Val::OptInt(Some(i)) => ToSqlOutput::Owned(Value::Integer(i)),
            Val::Text(t) | Val::OptText(Some(t)) => {
                ToSqlOutput::Borrowed(ValueRef::Text(t.as_bytes()))
            }
            Val::OptInt(None) | Val::OptText(None) => ToSqlOutput::Owned(Value::Null),
        })
    }
}

impl Val<'_> {
    fn pg(&self) -> &(dyn ToSql + Sync) {
        match self {
            Val::Int(i) => i,
            Val::Text(t) => t,
            Val::OptInt(i) => i,
            Val::OptText(t) => t,
        }
    }
}

/// One row being read.
pub(super) enum Row<'r> {
    Lite(&'r rusqlite::Row<'r>),
    Pg(&'r postgres::Row),
}

impl Row<'_> {
    pub fn int(&self, i: usize) -> StoreResult<i64> {
        Ok(match self {
            Row::Lite(r) => r.get(i)?,
            Row::Pg(r) => r.try_get(i)?,
        })
    }

    /// An integer cell, or `None` when it is NULL.
    pub fn opt_int(&self, i: usize) -> StoreResult<Option<i64>> {
        Ok(match self {
            Row::Lite(r) => r.get(i)?,
            Row::Pg(r) => r.try_get(i)?,
        })
    }

    /// A text cell, or `None` when it is NULL. A cell that is not UTF-8 text is an error
    /// ([`Row::text_or`] says what it is instead).
    pub fn opt_text(&self, i: usize) -> StoreResult<Option<&str>> {
        match self {
            Row::Lite(r) => match r.get_ref(i)? {
                ValueRef::Null => Ok(None),
                v => Ok(Some(
                    v.as_str().map_err(|e| StoreError::Other(e.to_string()))?,
                )),
            },
            Row::Pg(r) => Ok(r.try_get(i)?),
        }
    }

    pub fn text(&self, i: usize) -> StoreResult<&str> {
        self.opt_text(i)?
            .ok_or_else(|| StoreError::Other(format!("column {i} is NULL")))
    }

    pub fn string(&self, i: usize) -> StoreResult<String> {
        self.text(i).map(str::to_string)
    }

    /// A text cell, or what it holds instead of UTF-8 text (`a BLOB`, `NULL`, `a number`).
    pub fn text_or(&self, i: usize) -> StoreResult<Result<&str, &'static str>> {
        match self {
            Row::Lite(r) => Ok(match r.get_ref(i)? {
                ValueRef::Text(bytes) => {
                    std::str::from_utf8(bytes).map_err(|_| "text that is not UTF-8")
                }
                ValueRef::Blob(_) => Err("a BLOB"),
                ValueRef::Null => Err("NULL"),
                ValueRef::Integer(_) | ValueRef::Real(_) => Err("a number"),
            }),
            Row::Pg(r) => Ok(r.try_get::<_, Option<&str>>(i)?.ok_or("NULL")),
        }
    }
}

/// `INSERT INTO table (columns) VALUES (?1, …), (…)`: `rows` rows of `columns`, the
/// parameters numbered in order across the rows, which both databases read.
pub(super) fn insert_sql(table: &str, columns: &[&str], rows: usize) -> String {
    let mut values = Vec::with_capacity(rows);
    for row in 0..rows {
        let marks: Vec<String> = (1..=columns.len())
            .map(|i| format!("?{}", row * columns.len() + i))
            .collect();
        values.push(format!("({})", marks.join(", ")));
    }
    format!(
        "INSERT INTO {table} ({}) VALUES {}",
        columns.join(", "),
        values.join(", ")
    )
}

/// `?1` parameters as PostgreSQL numbers them (`$1`). The SQL of this crate has no `?` in
/// its string literals.
fn numbered(sql: &str) -> String {
    sql.replace('?', "$")
}

impl<'c> Db<'c> {
    fn text_of<'s>(&self, sql: Sql<'s>) -> &'s str {
        match (sql, self) {
            (Sql::Both(s), _) => s,
            (Sql::Each { lite, .. }, Db::Lite(_)) => lite,
            (Sql::Each { pg, .. }, Db::Pg(_)) => pg,
        }
    }

    /// Runs a statement that changes rows; answers how many.
    pub fn exec<'s>(&self, sql: impl Into<Sql<'s>>, params: &[Val<'_>]) -> StoreResult<u64> {
        let text = self.text_of(sql.into());
        match self {
            Db::Lite(c) => {
                Ok(c.prepare_cached(text)?
                    .execute(rusqlite::params_from_iter(params.iter()))? as u64)
            }
            Db::Pg(pg) => {
                let mut pg = pg.borrow_mut();
                let stmt = pg.prepared(text)?;
                let args: Vec<&(dyn ToSql + Sync)> = params.iter().map(Val::pg).collect();
                Ok(pg.client.execute(&stmt, &args)?)
            }
        }
    }

    /// Runs SQL with no parameters and no answer (DDL, transaction control).
    pub fn batch(&self, sql: &str) -> StoreResult<()> {
        match self {
            Db::Lite(c) => Ok(c.execute_batch(sql)?),
            Db::Pg(pg) => Ok(pg.borrow_mut().client.batch_execute(sql)?),
        }
    }

    /// Every row of a query, each mapped by `f`.
    pub fn rows<'s, T>(
        &self,
        sql: impl Into<Sql<'s>>,
        params: &[Val<'_>],
        mut f: impl FnMut(&Row<'_>) -> StoreResult<T>,
    ) -> StoreResult<Vec<T>> {
        let sql = sql.into();
        let mut out = Vec::new();
        match self {
            Db::Lite(_) => self.each(sql, params, |r| {
                out.push(f(r)?);
                Ok::<_, StoreError>(true)
            })?,
            Db::Pg(pg) => {
                let rows = {
                    let mut pg = pg.borrow_mut();
                    let stmt = pg.prepared(self.text_of(sql))?;
                    let args: Vec<&(dyn ToSql + Sync)> = params.iter().map(Val::pg).collect();
                    pg.client.query(&stmt, &args)?
                };
                for r in &rows {
                    out.push(f(&Row::Pg(r))?);
                }
            }
        }
        Ok(out)
    }

    /// The first row of a query, mapped by `f`, if any.
    pub fn first<'s, T>(
        &self,
        sql: impl Into<Sql<'s>>,
        params: &[Val<'_>],
        f: impl FnOnce(&Row<'_>) -> StoreResult<T>,
    ) -> StoreResult<Option<T>> {
        let mut f = Some(f);
        let mut out = None;
        let mut take = |r: &Row<'_>| -> StoreResult<()> {
            if let Some(f) = f.take() {
                out = Some(f(r)?);
            }
            Ok(())
        };
        match self {
            Db::Lite(_) => self.each(sql, params, |r| take(r).map(|()| false))?,
            Db::Pg(pg) => {
                let row = {
                    let mut pg = pg.borrow_mut();
                    let stmt = pg.prepared(self.text_of(sql.into()))?;
                    let args: Vec<&(dyn ToSql + Sync)> = params.iter().map(Val::pg).collect();
                    pg.client.query_opt(&stmt, &args)?
                };
                if let Some(r) = &row {
                    take(&Row::Pg(r))?;
                }
            }
        }
        Ok(out)
    }

    /// One number (`count(*)`).
    pub fn int<'s>(&self, sql: impl Into<Sql<'s>>, params: &[Val<'_>]) -> StoreResult<i64> {
        self.first(sql, params, |r| r.int(0))?
            .ok_or_else(|| StoreError::Other("a count answered no row".into()))
    }

    /// Calls `f` with each row of a query as it is read, in constant memory, until it
    /// answers false. PostgreSQL reads through a cursor, a batch of rows at a time.
    pub fn each<'s, E: From<StoreError>>(
        &self,
        sql: impl Into<Sql<'s>>,
        params: &[Val<'_>],
        mut f: impl FnMut(&Row<'_>) -> Result<bool, E>,
    ) -> Result<(), E> {
        let text = self.text_of(sql.into());
        match self {
            Db::Lite(c) => {
                let mut stmt = c.prepare_cached(text).map_err(StoreError::from)?;
                let mut rows = stmt
                    .query(rusqlite::params_from_iter(params.iter()))
                    .map_err(StoreError::from)?;
                while let Some(r) = rows.next().map_err(StoreError::from)? {
                    if !f(&Row::Lite(r))? {
                        break;
                    }
                }
                Ok(())
            }
            Db::Pg(pg) => {
                let cursor = {
                    let mut pg = pg.borrow_mut();
                    pg.cursors += 1;
                    let name = format!("admin_proxy_{}", pg.cursors);
                    let args: Vec<&(dyn ToSql + Sync)> = params.iter().map(Val::pg).collect();
                    pg.client
                        .execute(
                            &format!("DECLARE {name} NO SCROLL CURSOR FOR {}", numbered(text)),
                            &args,
                        )
                        .map_err(StoreError::from)?;
                    name
                };
                let fetch = format!("FETCH 1000 FROM {cursor}");
                let result = loop {
                    let batch = pg
                        .borrow_mut()
                        .client
                        .query(&fetch, &[])
                        .map_err(StoreError::from)?;
                    if batch.is_empty() {
                        break Ok(());
                    }
                    let mut stopped = false;
                    for r in &batch {
                        if !f(&Row::Pg(r))? {
                            stopped = true;
                            break;
                        }
                    }
                    if stopped {
                        break Ok(());
                    }
                };
                pg.borrow_mut()
                    .client
                    .batch_execute(&format!("CLOSE {cursor}"))
                    .map_err(StoreError::from)?;
                result
            }
        }
    }
}

impl Db<'_> {
    /// Whether rows go in fastest through `COPY` (PostgreSQL) rather than one `INSERT` each.
    pub fn copies(&self) -> bool {
        matches!(self, Db::Pg(_))
    }

    /// `COPY table (columns) FROM STDIN` on PostgreSQL, the rows written by `write` in COPY's
    /// text format ([`copy_field`]). Answers the rows copied.
    pub fn copy_in(
        &self,
        sql: &str,
        write: impl FnOnce(&mut dyn std::io::Write) -> StoreResult<()>,
    ) -> StoreResult<u64> {
        let Db::Pg(pg) = self else {
            return Err(StoreError::Other("COPY is for PostgreSQL stores".into()));
        };
        let mut pg = pg.borrow_mut();
        let mut w = pg.client.copy_in(sql)?;
        let written = write(&mut w);
        match written {
            Ok(()) => Ok(w.finish()?),
            // Dropping the writer unfinished aborts the COPY.
            Err(e) => Err(e),
        }
    }
}

/// A SQLite statement prepared once and run many times, for bulk writes. A parameter is bound
/// again only when its value changed since the last run: consecutive rows of a bulk write
/// share most of their values (the org, the event, the actor, the instant), and binding a text
/// copies it into SQLite.
pub(super) struct Repeated<'c> {
    statement: rusqlite::CachedStatement<'c>,
    bound: Vec<Option<Bound>>,
}

/// The value a parameter of a [`Repeated`] statement holds.
enum Bound {
    Int(i64),
    Text(String),
    Null,
}

impl Bound {
    fn holds(&self, value: &Val<'_>) -> bool {
        match (self, value) {
            (Bound::Int(a), Val::Int(b) | Val::OptInt(Some(b))) => a == b,
            (Bound::Text(a), Val::Text(b) | Val::OptText(Some(b))) => a == b,
            (Bound::Null, Val::OptInt(None) | Val::OptText(None)) => true,
            _ => false,
        }
    }

    /// Holds `value` from now on, reusing its text's buffer.
    fn set(slot: &mut Option<Bound>, value: &Val<'_>) {
        match (slot.as_mut(), value) {
            (Some(Bound::Text(held)), Val::Text(t) | Val::OptText(Some(t))) => {
                held.clear();
                held.push_str(t);
            }
            (_, Val::Int(i) | Val::OptInt(Some(i))) => *slot = Some(Bound::Int(*i)),
            (_, Val::Text(t) | Val::OptText(Some(t))) => *slot = Some(Bound::Text(t.to_string())),
            (_, Val::OptInt(None) | Val::OptText(None)) => *slot = Some(Bound::Null),
        }
    }
}

impl Repeated<'_> {
    /// Runs the statement once with `params`; answers the rows changed.
    pub fn exec(&mut self, params: &[Val<'_>]) -> StoreResult<u64> {
        self.bound.resize_with(params.len(), || None);
        for (i, (value, slot)) in params.iter().zip(&mut self.bound).enumerate() {
            if !slot.as_ref().is_some_and(|held| held.holds(value)) {
                self.statement.raw_bind_parameter(i + 1, value)?;
                Bound::set(slot, value);
            }
        }
        Ok(self.statement.raw_execute()? as u64)
    }
}

impl<'c> Db<'c> {
    /// `sql` prepared for running many times, on SQLite; PostgreSQL takes bulk rows through
    /// [`Db::copy_in`].
    pub fn repeated(&self, sql: &str) -> StoreResult<Repeated<'c>> {
        match self {
            Db::Lite(c) => Ok(Repeated {
                statement: c.prepare_cached(sql)?,
                bound: Vec::new(),
            }),
            Db::Pg(_) => Err(StoreError::Other(
                "repeated statements are for SQLite stores".into(),
            )),
        }
    }
}

/// Writes one field in COPY's text format: backslash, tab, newline and carriage return
/// escaped; `None` is NULL.
pub(super) fn copy_field(out: &mut dyn std::io::Write, value: Option<&str>) -> std::io::Result<()> {
    let Some(text) = value else {
        return out.write_all(b"\\N");
    };
    let bytes = text.as_bytes();
    let mut start = 0;
    for (i, b) in bytes.iter().enumerate() {
        let escaped: &[u8] = match b {
            b'\\' => b"\\\\",
            b'\t' => b"\\t",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            _ => continue,
        };
        out.write_all(&bytes[start..i])?;
        out.write_all(escaped)?;
        start = i + 1;
    }
    out.write_all(&bytes[start..])
}

impl From<std::io::Error> for StoreError {
    fn from(e: std::io::Error) -> Self {
        StoreError::Other(format!("cannot copy rows into the store: {e}"))
    }
}

impl From<postgres::Error> for StoreError {
    fn from(e: postgres::Error) -> Self {
        use postgres::error::SqlState;
        let Some(db) = e.as_db_error() else {
            return StoreError::Other(e.to_string());
        };
        let code = db.code();
        if *code == SqlState::LOCK_NOT_AVAILABLE || *code == SqlState::T_R_SERIALIZATION_FAILURE {
            return StoreError::Busy(db.message().to_string());
        }
        if code.code().starts_with("23") {
            return StoreError::Constraint {
                name: db
                    .constraint()
                    .or(db.table())
                    .unwrap_or("constraint")
                    .to_string(),
                message: db.message().to_string(),
            };
        }
        StoreError::Other(format!("{}: {}", code.code(), db.message()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_fields_escape_what_the_text_format_reads_as_syntax() {
        let mut out = Vec::new();
        copy_field(&mut out, Some("a\\b\tc\nd\re'\"f")).unwrap();
        out.push(b'|');
        copy_field(&mut out, None).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a\\\\b\\tc\\nd\\re'\"f|\\N"
        );
    }
}
