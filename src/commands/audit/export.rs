//! `audit export`: the audit log for compliance, streamed in `seq` order (SPEC §6).

use std::io::Write;
use std::path::Path;
use std::sync::mpsc;

use indicatif::ProgressBar;
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
use crate::output::{self, RowFormat, RowWriter, Written};
use crate::store::{Location, Reader, Store};

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
        after_seq: args.after,
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
    add_events(&mut filter, &args.event)?;
    Ok(filter)
}

/// Adds `--event` names and families (`impersonation.*`) to `filter` (exit 2 on an unknown
/// one).
pub fn add_events(filter: &mut Filter, events: &[String]) -> Result<()> {
    for raw in events {
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
    Ok(())
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
    if let Some(path) = &args.output {
        refuse_store_as_output(store, path)?;
    }
    let (actor, orgs) = store.read(|r| {
        if args.all_orgs {
            let actor = actor::actor(r, opts)?;
            permit(&actor, &[Who::Operator], "export every org's audit log")?;
            Ok::<_, Error>((actor, r.orgs().list()?))
        } else {
            let (actor, org) = actor::in_org(r, opts)?;
            permit(
                &actor,
                &[Who::Operator, Who::SuperAdmin],
                "export the audit log",
            )?;
            Ok((actor, vec![org]))
        }
    })?;
    if !args.all_orgs {
        filter.org = orgs.first().map(|o| o.slug.clone());
    }
    let export = Export {
        actor: &actor,
        orgs: &orgs,
        filter: &filter,
        format,
        args,
        now: opts.now(),
    };
    let bar = output::progress(None, "exporting");
    let result = match &args.output {
        None => to_stdout(store, &export, &bar),
        Some(path) => to_file(store, &export, path, &bar),
    };
    bar.finish_and_clear();
    result.map(|()| Answer::Streamed)
}

/// One export: who asked, what it covers, how it is written.
struct Export<'a> {
    actor: &'a Actor,
    orgs: &'a [Org],
    filter: &'a Filter,
    format: RowFormat,
    args: &'a ExportArgs,
    now: chrono::DateTime<chrono::Utc>,
}

/// Streams to stdout. Whatever reached the reader is recorded: all of it, or, when the reader
/// went away (`| head`) or the stream failed, the rows it accepted, as incomplete.
fn to_stdout(store: &mut Store, export: &Export<'_>, bar: &ProgressBar) -> Result<()> {
    let out = output::reader_stdout()?;
    let (written, result) = store.read(|r| Ok::<_, Error>(stream(r, export, out, bar)))?;
    if written.bytes > 0 {
        record_export(store, export, &written, result.is_ok())?;
    }
    result
}

/// Writes the export to a temporary file beside `path`, records it, then renames it into
/// place: a failed or killed export never leaves a partial report at `path`, and a report at
/// `path` always has its row (a kill between the two leaves a row and no file).
fn to_file(store: &mut Store, export: &Export<'_>, path: &Path, bar: &ProgressBar) -> Result<()> {
    // What would make the rename fail is refused first, so that it is not recorded.
    if path.is_dir() {
        return Err(Error::io(
            format!("cannot write {}", path.display()),
            std::io::Error::other("it is a folder"),
        ));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let tmp = tempfile::Builder::new()
        .prefix(".admin-proxy-export-")
        .suffix(".part")
        .tempfile_in(dir)
        .map_err(|e| Error::io(format!("cannot create a file in {}", dir.display()), e))?;
    let out = tmp
        .as_file()
        .try_clone()
        .map_err(|e| Error::io(format!("cannot write {}", path.display()), e))?;
    let (written, result) = store.read(|r| Ok::<_, Error>(stream(r, export, out, bar)))?;
    result?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| Error::io(format!("cannot write {}", path.display()), e))?;
    record_export(store, export, &written, true)?;
    tmp.persist(path)
        .map_err(|e| Error::io(format!("cannot write {}", path.display()), e.error))?;
    Ok(())
}

/// Refuses `--output` naming the store itself, its `-wal` or `-shm`, or a link to any of
/// them: files are compared by device and inode, not by name.
fn refuse_store_as_output(store: &Store, path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let Ok(out) = std::fs::metadata(path) else {
            return Ok(());
        };
        let Location::Sqlite(db) = store.location() else {
            return Ok(());
        };
        for suffix in ["", "-wal", "-shm"] {
            let mut name = db.as_os_str().to_owned();
            name.push(suffix);
            if let Ok(m) = std::fs::metadata(&name) {
                if (m.dev(), m.ino()) == (out.dev(), out.ino()) {
                    return Err(Error::invalid_with_hint(
                        format!(
                            "--output {} is the store itself ({}): the export would replace it",
                            path.display(),
                            std::path::Path::new(&name).display()
                        ),
                        "write the report to a file of its own",
                    ));
                }
            }
        }
    }
    #[cfg(not(unix))]
    let _ = (store, path);
    Ok(())
}

/// Rows per batch handed from the reading thread to the writing one.
const BATCH_ROWS: usize = 512;
/// Filled batches in flight: with the recycled ones, this bounds the memory of an export.
const BATCHES_IN_FLIGHT: usize = 4;

/// Streams the selected rows to `out`: this thread steps through the store while another
/// formats and writes, the two overlapping on two cores. Memory stays bounded by the batches
/// in flight, whatever the number of rows. A write error (a closed pipe) stops the reading.
/// Answers what reached `out`, and how the export ended.
fn stream<W: Write + Send>(
    r: Reader<'_>,
    export: &Export<'_>,
    out: W,
    bar: &ProgressBar,
) -> (Written, Result<()>) {
    let format = export.format;
    let (full_tx, full_rx) = mpsc::sync_channel::<(Vec<AuditRow>, usize)>(BATCHES_IN_FLIGHT);
    let (empty_tx, empty_rx) = mpsc::sync_channel::<Vec<AuditRow>>(BATCHES_IN_FLIGHT + 2);
    std::thread::scope(|scope| {
        let writer = scope.spawn(move || -> (Written, Result<()>) {
            let mut w = RowWriter::new(format, out);
            for (batch, used) in full_rx {
                for row in &batch[..used] {
                    if let Err(e) = w.write(row) {
                        let (written, _) = w.finish();
                        return (written, Err(e));
                    }
                }
                bar.inc(used as u64);
                // The reader may have finished; a recycled batch is then simply dropped.
                let _ = empty_tx.try_send(batch);
            }
            w.finish()
        });
        let read = r.audit().read_batches(
            export.filter,
            BATCH_ROWS,
            || empty_rx.try_recv().unwrap_or_default(),
            // A failed send means the writer stopped on an error, reported below.
            |batch, used| full_tx.send((batch, used)).is_ok(),
        );
        drop(full_tx);
        let (written, result) = writer.join().unwrap_or_else(|_| {
            (
                Written::default(),
                Err(Error::io(
                    "the export writer failed",
                    std::io::Error::other("panic"),
                )),
            )
        });
        // The writer's error (a closed pipe, a full disk) explains a stopped read best.
        let result = result.and_then(|()| read.map(drop).map_err(Error::from));
        (written, result)
    })
}

/// Records `audit.exported` in each org the export covered: its filters, the rows that
/// reached the reader, the last of them in each chain, and whether it was complete.
fn record_export(
    store: &mut Store,
    export: &Export<'_>,
    written: &Written,
    complete: bool,
) -> Result<()> {
    let mut details = json!({
        "filters": export.filter,
        "format": export.format.name(),
        "rows": written.rows,
        "all_orgs": export.args.all_orgs,
        "complete": complete,
        "heads": written.heads,
    });
    if let Some(path) = &export.args.output {
        details["output"] = json!(path.display().to_string());
    }
    store.write(|tx| {
        for org in export.orgs {
            tx.audit().append(
                Entry::new(export.now, &org.slug, Event::AuditExported)
                    .by(export.actor)
                    .details(details.clone()),
            )?;
        }
        Ok::<_, Error>(())
    })
}
