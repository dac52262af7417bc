//! `users import`: upserts an org's people from a CSV file, checked whole before anything is
//! written, in one transaction with an audit row per user changed.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;

use super::{created_entry, last_super_admin, record_change};
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

pub fn run(store: &mut Store, opts: &Options, args: &ImportArgs) -> Result<Answer> {
    // The file's bytes are let go once parsed: only the checked rows are kept for the write.
    let rows = {
        let bytes = std::fs::read(&args.file)
            .map_err(|e| Error::invalid(format!("cannot read {}: {e}", args.file.display())))?;
        import::parse(&bytes)?
    };
    let now = opts.now();
    let file = args.file.display().to_string();
    if rows.len() > 10_000 {
        store.set_cache_mib(256)?;
    }
    let bar = output::progress(Some(rows.len() as u64), "importing");
    // A dry run is the same import, rolled back: its counts are exactly the real run's.
    let (mut counts, org) = write_in_org(store, opts, !args.dry_run, |tx, actor, org| {
        permit(actor, &[Who::Operator, Who::SuperAdmin], "import users")?;
        let counts = import_rows(tx, org, actor, &rows, now, &file, &bar)?;
        Ok((counts, org.clone()))
    })?;
    bar.finish_and_clear();
    counts.dry_run = args.dry_run;
    let verb = if args.dry_run {
        "Would import"
    } else {
        "Imported"
    };
    let text = format!(
        "{verb} {} rows into {}: {} created, {} updated, {} unchanged",
        rows.len(),
        org.slug,
        counts.created,
        counts.updated,
        counts.unchanged
    );
    Ok(Report::text(&counts, text).into())
}

fn import_rows(
    tx: &mut Tx<'_>,
    org: &Org,
    actor: &Actor,
    rows: &[import::Row],
    now: DateTime<Utc>,
    file: &str,
    bar: &indicatif::ProgressBar,
) -> Result<Imported> {
    // INVARIANT: an email is an operator's or an org user's, never both (SPEC §7): the actor
    // lookup finds operators first, so such a user could never act as themselves.
    let operators = tx.operators().emails()?;
    if let Some(row) = rows.iter().find(|r| operators.contains(&r.email)) {
        return Err(Error::conflict(
            EMAIL_IN_USE,
            format!(
                "line {}: {} is an operator; an email is an operator's or an org user's, never both; nothing was imported",
                row.line, row.email
            ),
        ));
    }
    let super_admins_before = tx.users().count_active_super_admins(org.id)?;
    let mut counts = Imported::default();
    let mut roles_or_status_changed = false;
    // Into an org with nobody yet (the file has no duplicates), every row is new: the users
    // and their rows go in as two streams.
    if tx.users().count(org.id)? == 0 {
        tx.users()
            .create_all(rows.iter().map(|row| row.apply(org.id, None)))?;
        tx.audit().append_all(
            &org.slug,
            rows.iter().map(|row| {
                bar.inc(1);
                created_entry(org, actor, &row.email, &row.apply(org.id, None), now)
            }),
        )?;
        counts.created = rows.len() as u64;
    } else {
        for row in rows {
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
    if super_admins_before > 0 && tx.users().count_active_super_admins(org.id)? == 0 {
        return Err(last_super_admin(org));
    }
    tx.audit().append(
        Entry::new(now, &org.slug, Event::UsersImported)
            .by(actor)
            .details(json!({
                "file": file,
                "rows": rows.len(),
                "created": counts.created,
                "updated": counts.updated,
                "unchanged": counts.unchanged,
            })),
    )?;
    if roles_or_status_changed {
        lifecycle::revoke_disallowed(tx, org, actor, now)?;
    }
    Ok(counts)
}
