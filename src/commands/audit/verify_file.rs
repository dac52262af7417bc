//! `audit verify --file`: an export checked with no store and no actor, alone or against the
//! full export it was filtered from, in constant memory.

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use super::verify::{verdict, Kept, Walk};
use crate::cli::{Format, VerifyArgs};
use crate::commands::Answer;
use crate::core::audit::{AuditRow, COLUMNS};
use crate::core::chain::{chain_name, Break, Verifier};
use crate::core::events::Event;
use crate::core::evidence::{ExportFormat, ExportReader, Unreadable};
use crate::error::{Error, Result};
use crate::options::Options;
use crate::output;

/// `audit verify --file`: the export alone, no store and no actor.
pub fn verify_file(opts: &Options, args: &VerifyArgs) -> Result<Answer> {
    let Some(file) = &args.file else {
        return Err(Error::invalid("audit verify --file needs a file"));
    };
    let forced = match opts.format {
        Format::Jsonl => Some(ExportFormat::Jsonl),
        Format::Csv => Some(ExportFormat::Csv),
        Format::Table | Format::Json => None,
    };
    let kept = Kept::read(args)?;
    let walk = match &args.against {
        None => walk_file(file, forced, &kept)?,
        Some(full) => walk_against(file, full, forced, &kept)?,
    };
    let source = match &args.against {
        None => format!(" of {}", file.display()),
        Some(full) => format!(" of {}", full.display()),
    };
    let mut answer = verdict(opts, walk, &kept, &source)?;
    if let (Answer::Report(report), Some(full)) = (&mut answer, &args.against) {
        if let output::View::Text(text) = &mut report.view {
            let rows = report.data["file_rows"].as_u64().unwrap_or(0);
            *text = format!(
                "ok: every one of the {rows} rows of {} is in {}, field for field\n{text}",
                output::shown(&file.display().to_string()),
                output::shown(&full.display().to_string()),
            );
        }
    }
    Ok(answer)
}

/// An export opened for reading, its format told or forced.
fn open_export(path: &Path, forced: Option<ExportFormat>) -> Result<ExportReader<BufReader<File>>> {
    let file =
        File::open(path).map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?;
    ExportReader::new(BufReader::with_capacity(1 << 16, file), forced).map_err(|e| Error::Invalid {
        message: format!("{} is not an audit export: {}", path.display(), e.message),
        hint: e.hint,
    })
}

/// A row of a report that cannot be read, as the break it is.
fn unreadable(path: &Path, u: Unreadable) -> Break {
    Break {
        seq: u.seq.unwrap_or(0),
        org: "(unreadable)".into(),
        problem: format!("{}: {}", path.display(), u.problem),
    }
}

/// Follows one export through the verifier, noting what its vendor chain says of the store.
struct FileWalk {
    verifier: Verifier,
    rows: u64,
    first_vendor_hash: Option<String>,
    clock: &'static str,
}

impl FileWalk {
    fn new(kept: &Kept) -> FileWalk {
        let mut verifier = Verifier::default();
        kept.expect_in(&mut verifier);
        FileWalk {
            verifier,
            rows: 0,
            first_vendor_hash: None,
            clock: "unknown",
        }
    }

    fn check(&mut self, row: &AuditRow) -> Result<(), Break> {
        self.verifier.check(row)?;
        self.rows += 1;
        if row.org.is_empty() && self.first_vendor_hash.is_none() {
            self.first_vendor_hash = Some(row.hash.clone());
            if row.event == Event::StoreCreated.as_str() {
                let details: serde_json::Value =
                    serde_json::from_str(&row.details).unwrap_or_default();
                self.clock = match details.get("clock").and_then(|c| c.as_str()) {
                    Some("test") => "test",
                    _ => "real",
                };
            }
        }
        Ok(())
    }

    fn finish(self, kept: &Kept, walked: Result<(), Break>) -> Result<Walk> {
        let result = match walked {
            Ok(()) => {
                kept.check_store(self.first_vendor_hash.as_deref())?;
                self.verifier.finish(&[])
            }
            Err(b) => Err(b),
        };
        Ok(Walk {
            rows: self.rows,
            result,
            clock: self.clock,
            file_rows: None,
        })
    }
}

/// Walks every chain of one export, in constant memory.
fn walk_file(path: &Path, forced: Option<ExportFormat>, kept: &Kept) -> Result<Walk> {
    let mut reader = open_export(path, forced)?;
    let mut walk = FileWalk::new(kept);
    let mut row = AuditRow::default();
    let walked = (|| loop {
        match reader.next_into(&mut row) {
            Ok(true) => walk.check(&row)?,
            Ok(false) => return Ok(()),
            Err(u) => return Err(unreadable(path, u)),
        }
    })();
    walk.finish(kept, walked)
}

/// Walks the full export `full` and finds every row of the filtered export `file` in it,
/// field for field: both are in seq order, so one pass over each, in constant memory.
fn walk_against(
    file: &Path,
    full: &Path,
    forced: Option<ExportFormat>,
    kept: &Kept,
) -> Result<Walk> {
    let mut part = open_export(file, forced)?;
    let mut whole = open_export(full, forced)?;
    let mut walk = FileWalk::new(kept);
    let mut wanted = AuditRow::default();
    let mut row = AuditRow::default();
    let mut file_rows = 0u64;
    let walked = (|| {
        loop {
            match part.next_into(&mut wanted) {
                Ok(true) => file_rows += 1,
                Ok(false) => break,
                Err(u) => return Err(unreadable(file, u)),
            }
            // Step the full export on to the row of the same seq, checking each row passed.
            let found = loop {
                match whole.next_into(&mut row) {
                    Ok(true) => {
                        walk.check(&row)?;
                        if row.seq >= wanted.seq {
                            break row.seq == wanted.seq;
                        }
                    }
                    Ok(false) => break false,
                    Err(u) => return Err(unreadable(full, u)),
                }
            };
            let broken = |problem: String| Break {
                seq: wanted.seq,
                org: chain_name(&wanted.org).to_string(),
                problem,
            };
            if !found {
                return Err(broken(format!(
                    "this row of {} is not in {}: it was inserted, or its seq was changed",
                    file.display(),
                    full.display()
                )));
            }
            if wanted != row {
                return Err(broken(format!(
                    "this row of {} differs from the one in {} in its {}",
                    file.display(),
                    full.display(),
                    differing_field(&wanted, &row)
                )));
            }
        }
        // The rest of the full export, still checked.
        loop {
            match whole.next_into(&mut row) {
                Ok(true) => walk.check(&row)?,
                Ok(false) => return Ok(()),
                Err(u) => return Err(unreadable(full, u)),
            }
        }
    })();
    let mut out = walk.finish(kept, walked)?;
    out.file_rows = Some(file_rows);
    Ok(out)
}

/// The name of the first field in which two rows of the same seq differ.
fn differing_field(a: &AuditRow, b: &AuditRow) -> &'static str {
    a.text()
        .iter()
        .zip(b.text())
        .position(|(x, y)| *x != y)
        .map_or("seq", |i| COLUMNS[i + 1])
}
