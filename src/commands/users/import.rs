//! `users import`: upserts an org's people from a CSV file, checked whole before anything is
//! committed, in one transaction with an audit row per user changed. The file is read as a
//! stream, twice, and never held: memory stays flat whatever its size.

use std::cell::RefCell;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::thread::ScopedJoinHandle;

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;

use super::{created_details, last_super_admin, record_change};
use crate::cli::ImportArgs;
use crate::commands::{write_in_org, Answer, EMAIL_IN_USE};
use crate::core::access::{permit, Who};
use crate::core::audit::Entry;
use crate::core::events::Event;
use crate::core::import;
use crate::core::model::{Actor, Org};
use crate::error::{Error, Result};
use crate::lifecycle;
use crate::options::Options;
use crate::output::{self, Report};
use crate::store::{Store, Tx};

#[derive(Debug, Default, Serialize)]
struct Imported {
    created: u64,
    updated: u64,
    unchanged: u64,
    dry_run: bool,
}

/// SQLite's page cache for a large import, in MiB. It counts toward the import's peak
/// memory, which must stay flat whatever the file's size.
const CACHE_MIB: u32 = 64;

/// A file above this size, in bytes (some ten thousand users), is imported as one large
/// write ([`Store::bulk`]).
const LARGE_FILE: u64 = 1 << 20;

fn open(path: &Path) -> std::io::Result<BufReader<File>> {
    File::open(path).map(BufReader::new)
}

pub fn run(store: &mut Store, opts: &Options, args: &ImportArgs) -> Result<Answer> {
    let cannot_read =
        |e: std::io::Error| Error::invalid(format!("cannot read {}: {e}", args.file.display()));
    // The file is read twice and never held: the first pass checks every row, keeping only
    // what finding duplicates needs; the second writes each row as it is read.
    let mut first = open(&args.file).map_err(cannot_read)?;
    // A folder opens but cannot be read: it is refused as a file that is missing is.
    let size = first.get_ref().metadata().map_err(cannot_read)?.len();
    first.fill_buf().map_err(cannot_read)?;
    let now = opts.now();
    let file = args.file.display().to_string();
    let bar = output::progress(None, "importing");
    let import = |store: &mut Store| {
        std::thread::scope(|scope| {
            // The first pass runs on its own thread while the second writes. Nothing commits
            // before it has checked the whole file, and a problem it finds is the answer, whatever
            // else failed meanwhile: the import answers exactly as if the file had been checked
            // first.
            let first_pass = scope.spawn(|| {
                let checked = import::check(first, || open(&args.file))?;
                bar.set_length(checked.rows);
                Ok(checked)
            });
            let first_pass = FirstPass(RefCell::new(Some(first_pass)));
            // A dry run is the same import, rolled back: its counts are exactly the real run's.
            let written = write_in_org(store, opts, !args.dry_run, |tx, actor, org| {
                permit(actor, &[Who::Operator, Who::SuperAdmin], "import users")?;
                let mut rows = import::Reader::new(open(&args.file).map_err(cannot_read)?)?;
                let (counts, checked) =
                    import_rows(tx, org, actor, &mut rows, &first_pass, now, &file, &bar)?;
                Ok((counts, checked, org.clone()))
            });
            let (mut counts, checked, org) = match written {
                Ok(written) => written,
                Err(e) => match first_pass.verdict() {
                    Some(Err(found)) => return Err(found),
                    _ => return Err(e),
                },
            };
            bar.finish_and_clear();
            counts.dry_run = args.dry_run;
            let verb = if args.dry_run {
                "Would import"
            } else {
                "Imported"
            };
            let text = format!(
                "{verb} {} rows into {}: {} created, {} updated, {} unchanged",
                checked.rows, org.slug, counts.created, counts.updated, counts.unchanged
            );
            Ok(Report::text(&counts, text).into())
        })
    };
    // A dry run writes nothing that stays: it keeps the write-ahead log, so that readers
    // never wait for it.
    match size > LARGE_FILE {
        true => store.bulk(CACHE_MIB, !args.dry_run, import)?,
        false => import(store),
    }
}

/// The first pass over the file, checking it whole on its own thread.
struct FirstPass<'s>(RefCell<Option<ScopedJoinHandle<'s, Result<import::Checked>>>>);

impl FirstPass<'_> {
    /// Waits for the first pass and answers what it found; `None` once that was taken.
    fn verdict(&self) -> Option<Result<import::Checked>> {
        let pass = self.0.borrow_mut().take()?;
        Some(
            pass.join()
                .unwrap_or_else(|_| Err(unchecked("the thread checking it stopped"))),
        )
    }
}

/// The file could not be checked, for `why`: nothing is imported.
fn unchecked(why: &str) -> Error {
    Error::io(
        "cannot check the file",
        std::io::Error::other(format!("{why}; nothing was imported")),
    )
}

/// Writes the rows of the second pass, each as it is read. Any problem, a file changed since
/// the first pass included, fails the transaction: nothing is written.
#[allow(clippy::too_many_arguments)]
fn import_rows<R: Read + Send>(
    tx: &mut Tx<'_>,
    org: &Org,
    actor: &Actor,
    rows: &mut import::Reader<R>,
    first_pass: &FirstPass<'_>,
    now: DateTime<Utc>,
    file: &str,
    bar: &indicatif::ProgressBar,
) -> Result<(Imported, import::Checked)> {
    // INVARIANT: an email is an operator's or an org user's, never both (SPEC §7): the actor
    // lookup finds operators first, so such a user could never act as themselves.
    let operators = tx.operators().emails()?;
    let mut next_row = || -> Result<Option<import::Row>> {
        match rows.next_row()? {
            Some(row) if operators.contains(&row.email) => Err(Error::conflict(
                EMAIL_IN_USE,
                format!(
                    "line {}: {} is an operator; an email is an operator's or an org user's, never both; nothing was imported",
                    row.line, row.email
                ),
            )),
            row => Ok(row),
        }
    };
    let super_admins_before = tx.users().count_active_super_admins(org.id)?;
    let mut counts = Imported::default();
    let mut roles_or_status_changed = false;
    // Into an org with nobody yet (the file has no duplicates), every row is new: the users
    // and their rows go in as one stream.
    if tx.users().count(org.id)? == 0 {
        let users = std::iter::from_fn(|| {
            let user = next_row().map(|row| row.map(|row| row.apply(org.id, None)));
            if matches!(user, Ok(Some(_))) {
                bar.inc(1);
            }
            user.transpose()
        });
        let row = Entry::new(now, &org.slug, Event::UserCreated).by(actor);
        counts.created = tx.create_users(&row, users, created_details)?;
    } else {
        while let Some(row) = next_row()? {
            let stored = tx.users().find(org.id, &row.email)?;
            let wanted = row.apply(org.id, stored.as_ref());
            match &stored {
                None => {
                    tx.users().save(&wanted)?;
                    counts.created += 1;
                    record_change(tx, org, actor, None, &wanted, now)?;
                }
                Some(old) if *old == wanted => counts.unchanged += 1,
                Some(old) => {
                    tx.users().save(&wanted)?;
                    counts.updated += 1;
                    roles_or_status_changed |= old.role != wanted.role
                        || old.status != wanted.status
                        || old.scope != wanted.scope
                        || old.groups != wanted.groups
                        || old.protected != wanted.protected;
                    record_change(tx, org, actor, Some(old), &wanted, now)?;
                }
            }
            bar.inc(1);
        }
    }
    // Nothing commits before the first pass has found the whole file good, and the second
    // read the very bytes the first checked.
    let checked = first_pass
        .verdict()
        .unwrap_or_else(|| Err(unchecked("its check was already used")))?;
    rows.same_as(&checked)?;
    if super_admins_before > 0 && tx.users().count_active_super_admins(org.id)? == 0 {
        return Err(last_super_admin(org));
    }
    tx.audit().append(
        Entry::new(now, &org.slug, Event::UsersImported)
            .by(actor)
            .details(json!({
                "file": file,
                "rows": checked.rows,
                "created": counts.created,
                "updated": counts.updated,
                "unchanged": counts.unchanged,
            })),
    )?;
    if roles_or_status_changed {
        lifecycle::revoke_disallowed(tx, org, actor, now)?;
    }
    Ok((counts, checked))
}
