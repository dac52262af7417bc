//! `audit export`: the audit log for compliance, streamed in `seq` order (SPEC §6).

use std::io::{BufWriter, Write};
use std::path::Path;
use std::sync::mpsc;

use serde_json::json;

use crate::actor;
use crate::cli::{ExportArgs, Format};
use crate::commands::Answer;
use crate::core::access::{permit, Who};
use crate::core::audit::{AuditRow, Entry, Filter};
use crate::core::clock::{format_instant, parse_instant};
use crate::core::events::Event;
use crate::core::model::{fold_email, Actor, Org};
use crate::error::{Error, Result};
use crate::options::Options;
use crate::output::{self, RowFormat, RowWriter};
use crate::store::{Reader, Store};

/// Builds the filter of `audit export` from its arguments (exit 2 on a bad date or event).
pub fn filter_from(args: &ExportArgs) -> Result<Filter> {
    let instant = |flag: &str, raw: &Option<String>| -> Result<Option<String>> {
        raw.as_deref()
            .map(|r| {
                parse_instant(r)
                    .map(format_instant)
                    .map_err(|e| Error::invalid(format!("--{flag}: {e}")))
            })
            .transpose()
    };
    let mut filter = Filter {
        since: instant("since", &args.since)?,
        until: instant("until", &args.until)?,
        by: args.by.as_deref().map(fold_email),
        target: args.target.as_deref().map(fold_email),
        ..Filter::default()
    };
    if let (Some(since), Some(until)) = (&filter.since, &filter.until) {
        // Both are in the one fixed-width stored form, so text order is time order.
        if since >= until {
            return Err(Error::invalid(format!(
                "--since ({since}) must be before --until ({until}): the range is empty"
            )));
        }
    }
    for raw in &args.event {
        if let Some(family) = raw.strip_suffix(".*") {
            if !Event::ALL.iter().any(|e| e.family() == family) {
                return Err(unknown_event(raw));
            }
            filter.families.push(family.to_string());
        } else if Event::ALL.iter().any(|e| e.as_str() == raw) {
            filter.events.push(raw.clone());
        } else {
            return Err(unknown_event(raw));
        }
    }
    Ok(filter)
}

fn unknown_event(raw: &str) -> Error {
    let mut families: Vec<&str> = Event::ALL.iter().map(|e| e.family()).collect();
    families.dedup();
    Error::invalid_with_hint(
        format!("unknown event {raw:?}"),
        format!(
            "use an event name such as impersonation.started, or a family: {}",
            families
                .iter()
                .map(|f| format!("{f}.*"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    )
}

pub fn export(store: &mut Store, opts: &Options, args: &ExportArgs) -> Result<Answer> {
    let mut filter = filter_from(args)?;
    let format = match opts.format {
        Format::Json | Format::Jsonl => RowFormat::Jsonl,
        Format::Table | Format::Csv => RowFormat::Csv,
    };
    if args.all_orgs && opts.org.is_some() {
        return Err(Error::invalid_with_hint(
            "--all-orgs covers every org, but an org was also selected",
            "drop --org (and unset ADMIN_PROXY_ORG) to export every org, or drop --all-orgs",
        ));
    }
    let bar = output::progress(None, "exporting");
    let (actor, orgs, rows) = store.read(|r| {
        let (actor, orgs) = if args.all_orgs {
            let actor = actor::actor(r, opts)?;
            permit(&actor, &[Who::Operator], "export every org's audit log")?;
            (actor, r.orgs().list()?)
        } else {
            let (actor, org) = actor::in_org(r, opts)?;
            permit(
                &actor,
                &[Who::Operator, Who::SuperAdmin],
                "export the audit log",
            )?;
            filter.org = Some(org.slug.clone());
            (actor, vec![org])
        };
        let rows = match &args.output {
            None => stream(r, &filter, format, std::io::stdout(), &bar)?,
            Some(path) => export_to_file(r, &filter, format, path, &bar)?,
        };
        Ok::<_, Error>((actor, orgs, rows))
    })?;
    bar.finish_and_clear();
    record_export(store, opts, &actor, &orgs, &filter, format, args, rows)?;
    Ok(Answer::Streamed)
}

/// Rows per batch handed from the reading thread to the writing one.
const BATCH_ROWS: usize = 512;
/// Filled batches in flight: with the recycled ones, this bounds the memory of an export.
const BATCHES_IN_FLIGHT: usize = 4;

/// Streams the selected rows to `out`: this thread steps through SQLite while another formats
/// and writes, the two overlapping on two cores. Memory stays bounded by the batches in
/// flight, whatever the number of rows. A write error (a closed pipe) stops the reading.
fn stream<W: Write + Send>(
    r: Reader<'_>,
    filter: &Filter,
    format: RowFormat,
    out: W,
    bar: &indicatif::ProgressBar,
) -> Result<u64> {
    let (full_tx, full_rx) = mpsc::sync_channel::<(Vec<AuditRow>, usize)>(BATCHES_IN_FLIGHT);
    let (empty_tx, empty_rx) = mpsc::sync_channel::<Vec<AuditRow>>(BATCHES_IN_FLIGHT + 2);
    std::thread::scope(|scope| {
        let writer = scope.spawn(move || -> Result<()> {
            let mut w = RowWriter::new(format, BufWriter::with_capacity(1 << 17, out));
            for (batch, used) in full_rx {
                for row in &batch[..used] {
                    w.write(row)?;
                }
                bar.inc(used as u64);
                // The reader may have finished; a recycled batch is then simply dropped.
                let _ = empty_tx.try_send(batch);
            }
            w.finish()
        });
        let read = r.audit().read_batches(
            filter,
            BATCH_ROWS,
            || empty_rx.try_recv().unwrap_or_default(),
            // A failed send means the writer stopped on an error, reported below.
            |batch, used| full_tx.send((batch, used)).is_ok(),
        );
        drop(full_tx);
        let written = writer.join().unwrap_or_else(|_| {
            Err(Error::io(
                "the export writer failed",
                std::io::Error::other("panic"),
            ))
        });
        // The writer's error (a closed pipe, a full disk) explains a stopped read best.
        written?;
        Ok(read?)
    })
}

/// Writes the export to a temporary file beside `path` and renames it into place once
/// complete, so that a failed or killed export never leaves a partial report at `path`.
fn export_to_file(
    r: Reader<'_>,
    filter: &Filter,
    format: RowFormat,
    path: &Path,
    bar: &indicatif::ProgressBar,
) -> Result<u64> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let tmp = tempfile::Builder::new()
        .prefix(".admin-proxy-export-")
        .suffix(".part")
        .tempfile_in(dir)
        .map_err(|e| Error::io(format!("cannot create a file in {}", dir.display()), e))?;
    let rows = stream(r, filter, format, tmp.as_file(), bar)?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| Error::io(format!("cannot write {}", path.display()), e))?;
    tmp.persist(path)
        .map_err(|e| Error::io(format!("cannot write {}", path.display()), e.error))?;
    Ok(rows)
}

/// Records `audit.exported` in each org the export covered, with its filters.
#[allow(clippy::too_many_arguments)]
fn record_export(
    store: &mut Store,
    opts: &Options,
    actor: &Actor,
    orgs: &[Org],
    filter: &Filter,
    format: RowFormat,
    args: &ExportArgs,
    rows: u64,
) -> Result<()> {
    let now = opts.now();
    let mut details = json!({
        "filters": filter,
        "format": format.name(),
        "rows": rows,
        "all_orgs": args.all_orgs,
    });
    if let Some(path) = &args.output {
        details["output"] = json!(path.display().to_string());
    }
    store.write(|tx| {
        for org in orgs {
            tx.audit().append(
                Entry::new(now, &org.slug, Event::AuditExported)
                    .by(actor)
                    .details(details.clone()),
            )?;
        }
        Ok::<_, Error>(())
    })
}
