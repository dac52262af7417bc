//! The writer of `audit export` and `audit tail`: audit rows as CSV with the header of SPEC §6
//! and formula-guarded cells, or as JSON lines with every value exactly as stored. It writes
//! to the stream it is given and never escapes for a terminal: an export is evidence.

use std::io::Write;

use super::csv::{csv_writer, write_guarded};
use crate::core::audit::{AuditRow, COLUMNS};
use crate::error::{Error, Result};

/// The two forms of an audit export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowFormat {
    Csv,
    Jsonl,
}

impl RowFormat {
    pub fn name(self) -> &'static str {
        match self {
            RowFormat::Csv => "csv",
            RowFormat::Jsonl => "jsonl",
        }
    }
}

/// Streams audit rows: CSV with the header of SPEC §6 and formula-guarded cells, or JSON
/// lines with every value exactly as stored.
pub struct RowWriter<W: Write> {
    inner: RowSink<W>,
}

enum RowSink<W: Write> {
    Csv(Box<::csv::Writer<W>>),
    Jsonl(W),
}

fn export_err(e: std::io::Error) -> Error {
    Error::io("cannot write the export", e)
}

impl<W: Write> RowWriter<W> {
    pub fn new(format: RowFormat, out: W) -> RowWriter<W> {
        let inner = match format {
            RowFormat::Csv => RowSink::Csv(Box::new(csv_writer(out))),
            RowFormat::Jsonl => RowSink::Jsonl(out),
        };
        let mut w = RowWriter { inner };
        if let RowSink::Csv(c) = &mut w.inner {
            // The header goes out even when no row matches; an error here shows on the
            // first row or at finish.
            let _ = c.write_record(COLUMNS);
        }
        w
    }

    pub fn write(&mut self, row: &AuditRow) -> Result<()> {
        match &mut self.inner {
            RowSink::Csv(c) => {
                let mut seq = itoa::Buffer::new();
                let cells = row.text();
                write_guarded(c, std::iter::once(seq.format(row.seq)).chain(cells))
            }
            RowSink::Jsonl(w) => {
                serde_json::to_writer(&mut *w, row).map_err(|e| export_err(e.into()))?;
                w.write_all(b"\n").map_err(export_err)
            }
        }
    }

    pub fn finish(self) -> Result<()> {
        match self.inner {
            RowSink::Csv(mut c) => c.flush().map_err(export_err),
            RowSink::Jsonl(mut w) => w.flush().map_err(export_err),
        }
    }
}
