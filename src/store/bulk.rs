//! Bulk writes: the users of an org that had none, each with its audit row, as one stream.
//!
//! SQLite has one writer, and during a large import it is the bottleneck. So on SQLite the
//! rows are made ready on a second thread (the caller's iterator, reading and checking the
//! file; the columns; each audit row's canonical encoding and chain hash) while this thread
//! only writes them. On PostgreSQL the rows stream with `COPY`, in batches.

use std::sync::mpsc;

use super::db::{insert_sql, Repeated, Val};
use super::users::{self, UserRow, USER_COLUMNS};
use super::{StoreError, Tx};
use crate::core::audit::{Entry, COLUMNS, HASHED_TEXT_FIELDS};
use crate::core::chain;
use crate::core::model::User;

/// The rows made ready per message between the two threads, and the messages in flight:
/// enough to keep the writer busy, few enough that memory stays flat.
const BATCH: usize = 1_024;
const IN_FLIGHT: usize = 8;

/// The users written per `COPY` on PostgreSQL, then their audit rows.
const COPY_BATCH: usize = 10_000;

/// One user and its audit row, ready to write.
struct Ready {
    user: UserRow,
    seq: i64,
    audit: [String; HASHED_TEXT_FIELDS],
    hash: String,
}

impl Tx<'_> {
    /// Writes new users of an org that had none, in the order given, each followed by its
    /// audit row: `row` with the user as its target and `details_of(user)` as its details.
    /// Answers the users written. Any error, the iterator's included, stops the writing; the
    /// caller's transaction then rolls back.
    pub fn create_users<I, F, E>(
        &mut self,
        row: &Entry<'_>,
        users: I,
        details_of: F,
    ) -> Result<u64, E>
    where
        I: Iterator<Item = Result<User, E>> + Send,
        F: Fn(&User) -> Result<String, E> + Send,
        E: From<StoreError> + Send,
    {
        let org = row.org;
        let db = self.db;
        if db.copies() {
            return self.copy_users(row, users, details_of);
        }
        let mut statements = Statements {
            one_user: db.repeated(&insert_sql("users", &USER_COLUMNS, 1))?,
            one_row: db.repeated(&insert_sql("audit_log", &COLUMNS, 1))?,
            many_users: db.repeated(&insert_sql("users", &USER_COLUMNS, PER_INSERT))?,
            many_rows: db.repeated(&insert_sql("audit_log", &COLUMNS, PER_INSERT))?,
        };
        let (first_seq, first_head) = self.audit().position(org)?;
        // Users written by hand since the last write are indexed first: their ids may be
        // the ones this import's users take.
        users::index_pending(db)?;
        users::pause_search_index(db)?;
        let (written, next_seq, head) = std::thread::scope(|scope| {
            let (send, receive) = mpsc::sync_channel::<Result<Vec<Ready>, E>>(IN_FLIGHT);
            let maker = scope
                .spawn(move || make_ready(row, users, details_of, first_seq, first_head, send));
            let written = write_ready(receive, &mut statements);
            // The maker ends once its receiver is gone, whatever happened here.
            let made = maker.join();
            // The writer's own error first: it says what the store refused.
            let written = written?;
            let (next_seq, head) = made.map_err(|_| {
                StoreError::Other("the thread preparing rows stopped; nothing was written".into())
            })?;
            Ok::<_, E>((written, next_seq, head))
        })?;
        self.audit().advanced(org, next_seq, head);
        users::index_org(db, org)?;
        Ok(written)
    }

    /// [`Tx::create_users`] on PostgreSQL: a `COPY` of a batch of users, then one of their
    /// audit rows.
    fn copy_users<I, F, E>(
        &mut self,
        row: &Entry<'_>,
        mut users: I,
        details_of: F,
    ) -> Result<u64, E>
    where
        I: Iterator<Item = Result<User, E>>,
        F: Fn(&User) -> Result<String, E>,
        E: From<StoreError>,
    {
        let mut written = 0;
        let mut batch = Vec::with_capacity(COPY_BATCH);
        loop {
            batch.clear();
            for user in users.by_ref().take(COPY_BATCH) {
                batch.push(user?);
            }
            if batch.is_empty() {
                return Ok(written);
            }
            self.users().create_all(batch.iter())?;
            let entries = batch.iter().map(|user| entry_for(row, user, &details_of));
            self.audit().append_all(row.org, entries)?;
            written += batch.len() as u64;
        }
    }
}

/// The second thread: makes each user's row and audit row, chaining the hashes from
/// `seq`/`head`, and sends them in batches. Answers where the chain then stands.
fn make_ready<I, F, E>(
    row: &Entry<'_>,
    users: I,
    details_of: F,
    mut seq: i64,
    mut head: String,
    send: mpsc::SyncSender<Result<Vec<Ready>, E>>,
) -> (i64, String)
where
    I: Iterator<Item = Result<User, E>>,
    F: Fn(&User) -> Result<String, E>,
    E: From<StoreError>,
{
    let mut scratch = Vec::new();
    let mut batch = Vec::with_capacity(BATCH);
    for user in users {
        let ready = user.and_then(|user| {
            let entry = entry_for(row, &user, &details_of)?;
            let timestamp = entry.stored_timestamp();
            let fields = entry.hashed_text(&timestamp);
            let hash = chain::hash(&head, seq, &fields, &mut scratch);
            Ok(Ready {
                user: UserRow::of(&user),
                seq,
                audit: fields.map(str::to_owned),
                hash,
            })
        });
        match ready {
            Ok(ready) => {
                head.clone_from(&ready.hash);
                seq += 1;
                batch.push(ready);
                if batch.len() == BATCH {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                    if send.send(Ok(full)).is_err() {
                        break; // the writer stopped: its error is the answer
                    }
                }
            }
            Err(e) => {
                let _ = send.send(Err(e));
                return (seq, head);
            }
        }
    }
    if !batch.is_empty() {
        let _ = send.send(Ok(batch));
    }
    (seq, head)
}

/// The audit row of `user`: `row`, with the user as its target.
fn entry_for<'e, E>(
    row: &Entry<'e>,
    user: &'e User,
    details_of: impl Fn(&User) -> Result<String, E>,
) -> Result<Entry<'e>, E> {
    Ok(Entry {
        target: &user.email,
        details: details_of(user)?,
        ..row.clone()
    })
}

/// The statements that write ready rows: one row each, or [`PER_INSERT`] at once.
struct Statements<'c> {
    one_user: Repeated<'c>,
    one_row: Repeated<'c>,
    many_users: Repeated<'c>,
    many_rows: Repeated<'c>,
}

/// The rows of one `INSERT`: a statement per row would cost as much again as the row.
const PER_INSERT: usize = 32;

/// This thread: writes what the maker sends, in order, until it is done or fails.
fn write_ready<E: From<StoreError>>(
    receive: mpsc::Receiver<Result<Vec<Ready>, E>>,
    statements: &mut Statements<'_>,
) -> Result<u64, E> {
    let mut written = 0;
    for batch in receive {
        let batch = batch?;
        let mut values = Vec::with_capacity(PER_INSERT * COLUMNS.len());
        for rows in batch.chunks(PER_INSERT) {
            let (users, audit) = match rows.len() {
                PER_INSERT => (&mut statements.many_users, &mut statements.many_rows),
                _ => (&mut statements.one_user, &mut statements.one_row),
            };
            for group in rows.chunks(if rows.len() == PER_INSERT {
                PER_INSERT
            } else {
                1
            }) {
                values.clear();
                values.extend(group.iter().flat_map(|ready| ready.user.vals()));
                users.exec(&values)?;
                values.clear();
                for ready in group {
                    values.push(Val::Int(ready.seq));
                    values.extend(ready.audit.iter().map(|text| Val::Text(text)));
                    values.push(Val::Text(&ready.hash));
                }
                audit.exec(&values)?;
                written += group.len() as u64;
            }
        }
    }
    Ok(written)
}
