//! `audit tail [--after SEQ] [--event E] [--follow]`: the rows committed after a seq, as JSON
//! lines; with `--follow`, the rows committed since, read again at most once a second, until
//! Ctrl-C, SIGTERM or a closed pipe ends it quietly.
//!
//! Writes are serialised and `seq` is assigned under the write lock on both stores, so seq
//! order is commit order: a read of the rows after the last seq seen never skips a row that
//! commits later, and never repeats one.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::json;

use crate::actor;
use crate::cli::TailArgs;
use crate::commands::Answer;
use crate::core::access::{permit, Who};
use crate::core::audit::{Entry, Filter};
use crate::core::events::Event;
use crate::error::{Error, Result};
use crate::options::Options;
use crate::output::{self, RowFormat, RowWriter};
use crate::store::Store;

use super::export::add_events;

/// The longest a follower waits between two reads of the store.
const POLL: Duration = Duration::from_secs(1);
/// How often a waiting follower looks for a signal or a reader gone.
const TICK: Duration = Duration::from_millis(50);

pub fn tail(store: &mut Store, opts: &Options, args: &TailArgs) -> Result<Answer> {
    let mut filter = Filter::default();
    add_events(&mut filter, &args.event)?;
    let (actor, org) = store.read(|r| {
        let (actor, org) = actor::in_org(r, opts)?;
        permit(
            &actor,
            &[Who::Operator, Who::SuperAdmin],
            "tail the audit log",
        )?;
        Ok::<_, Error>((actor, org))
    })?;
    filter.org = Some(org.slug.clone());
    let stop = match args.follow {
        true => Some(on_signal()?),
        false => None,
    };
    let out = output::reader_stdout()?;
    let watch = out
        .try_clone()
        .map_err(|e| Error::io("cannot watch stdout", e))?;
    let mut w = RowWriter::new(RowFormat::Jsonl, out);
    let from = args.after.unwrap_or(0);
    let mut last = from;
    let result = loop {
        let started = Instant::now();
        filter.after_seq = Some(last);
        let read = store.read(|r| {
            r.audit().for_each(&filter, |row| {
                w.write(row)?;
                last = row.seq;
                Ok::<_, Error>(())
            })
        });
        if let Err(e) = read.and_then(|_| w.flush()) {
            break Err(e);
        }
        let Some(stop) = &stop else {
            break Ok(());
        };
        // Waits out the rest of the second, ending at once on a signal or a reader gone.
        let mut ended = false;
        while started.elapsed() < POLL {
            if stop.load(Ordering::SeqCst) || output::reader_gone(&watch) {
                ended = true;
                break;
            }
            std::thread::sleep(TICK);
        }
        if ended {
            break Ok(());
        }
    };
    let (written, finished) = w.finish();
    // A reader gone is the ordinary end of a follower, as for `audit export | head`.
    let complete = result.is_ok() && finished.is_ok();
    if written.rows > 0 {
        // One row for the whole tail, however many reads it made: what reached the reader.
        let details = json!({
            "command": "audit tail",
            "filters": filter_for_record(&filter, from),
            "format": RowFormat::Jsonl.name(),
            "rows": written.rows,
            "follow": args.follow,
            "complete": complete,
            "heads": written.heads,
        });
        store.write(|tx| {
            tx.audit().append(
                Entry::new(opts.now(), &org.slug, Event::AuditExported)
                    .by(&actor)
                    .details(details),
            )?;
            Ok::<_, Error>(())
        })?;
    }
    result.and(finished).map(|()| Answer::Streamed)
}

/// The filters as recorded: those given, and the seq the tail started after.
fn filter_for_record(filter: &Filter, from: i64) -> Filter {
    Filter {
        after_seq: Some(from),
        ..filter.clone()
    }
}

/// A flag raised by Ctrl-C (SIGINT) or SIGTERM, so that a follower ends between reads with
/// exit 0 and its row recorded. The `ctrlc` crate (with its `termination` feature) installs
/// both handlers on a thread of its own: no async runtime, no unsafe code here.
fn on_signal() -> Result<Arc<AtomicBool>> {
    let flag = Arc::new(AtomicBool::new(false));
    let raised = Arc::clone(&flag);
    ctrlc::set_handler(move || raised.store(true, Ordering::SeqCst)).map_err(|e| {
        Error::io(
            "cannot listen for Ctrl-C and SIGTERM",
            std::io::Error::other(e.to_string()),
        )
    })?;
    Ok(flag)
}
