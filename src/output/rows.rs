//! The writer of `audit export`: audit rows as CSV with the header of SPEC §6 and
//! formula-guarded cells, or as JSON lines with every value exactly as stored. It writes to
//! the stream it is given, never escapes for a terminal (an export is evidence), and knows
//! exactly which rows the stream accepted: a report cut short says how far it got.

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::io::{BufWriter, Write};
use std::rc::Rc;

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

/// The last row of one chain that reached the reader.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct WrittenHead {
    pub org: String,
    pub rows: u64,
    pub head_seq: i64,
    pub head_hash: String,
}

/// What reached the reader: the rows, and per chain the last of them.
#[derive(Debug, Clone, Default)]
pub struct Written {
    /// Bytes the stream accepted, header included.
    pub bytes: u64,
    pub rows: u64,
    pub heads: Vec<WrittenHead>,
}

/// One record's text, shared with the CSV writer that fills it.
#[derive(Clone, Default)]
struct Line(Rc<RefCell<Vec<u8>>>);

impl Write for Line {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Counts the bytes its stream accepted.
struct Counted<W> {
    inner: W,
    accepted: u64,
}

impl<W: Write> Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.accepted += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// A row handed to the stream, not yet known to have reached it.
struct Pending {
    end: u64,
    chain: usize,
    seq: i64,
    hash: [u8; 64],
}

/// Streams audit rows. Each record is formatted on its own, so that the byte where it ends is
/// known; a row counts as written once the stream accepted that byte.
pub struct RowWriter<W: Write> {
    format: RowFormat,
    out: BufWriter<Counted<W>>,
    csv: ::csv::Writer<Line>,
    line: Line,
    /// Bytes handed to `out` so far.
    formatted: u64,
    pending: VecDeque<Pending>,
    chains: HashMap<String, usize>,
    written: Written,
}

fn export_err(e: std::io::Error) -> Error {
    Error::io("cannot write the export", e)
}

impl<W: Write> RowWriter<W> {
    pub fn new(format: RowFormat, out: W) -> RowWriter<W> {
        let line = Line::default();
        let mut w = RowWriter {
            format,
            out: BufWriter::with_capacity(
                1 << 17,
                Counted {
                    inner: out,
                    accepted: 0,
                },
            ),
            csv: csv_writer(line.clone()),
            line,
            formatted: 0,
            pending: VecDeque::new(),
            chains: HashMap::new(),
            written: Written::default(),
        };
        if format == RowFormat::Csv {
            // The header goes out even when no row matches; writing into the line cannot
            // fail, and a failure of the stream shows on the first row or at finish.
            let _ = w
                .csv
                .write_record(COLUMNS)
                .and_then(|()| Ok(w.csv.flush()?));
            let _ = w.emit_line();
        }
        w
    }

    /// Hands the formatted line to the stream.
    fn emit_line(&mut self) -> Result<()> {
        let mut line = self.line.0.borrow_mut();
        self.formatted += line.len() as u64;
        let sent = self.out.write_all(&line);
        line.clear();
        sent.map_err(export_err)
    }

    pub fn write(&mut self, row: &AuditRow) -> Result<()> {
        match self.format {
            RowFormat::Csv => {
                let mut seq = itoa::Buffer::new();
                write_guarded(
                    &mut self.csv,
                    std::iter::once(seq.format(row.seq)).chain(row.text()),
                )?;
                self.csv.flush().map_err(export_err)?;
            }
            RowFormat::Jsonl => {
                let mut line = self.line.0.borrow_mut();
                serde_json::to_writer(&mut *line, row).map_err(|e| export_err(e.into()))?;
                line.push(b'\n');
            }
        }
        let chain = match self.chains.get(&row.org) {
            Some(&i) => i,
            None => {
                self.chains
                    .insert(row.org.clone(), self.written.heads.len());
                self.written.heads.push(WrittenHead {
                    org: row.org.clone(),
                    ..WrittenHead::default()
                });
                self.written.heads.len() - 1
            }
        };
        let mut hash = [0u8; 64];
        let n = row.hash.len().min(64);
        hash[..n].copy_from_slice(&row.hash.as_bytes()[..n]);
        let sent = self.emit_line();
        self.pending.push_back(Pending {
            end: self.formatted,
            chain,
            seq: row.seq,
            hash,
        });
        self.confirm();
        sent
    }

    /// Counts the rows whose last byte the stream has accepted.
    fn confirm(&mut self) {
        let accepted = self.out.get_ref().accepted;
        self.written.bytes = accepted;
        while let Some(p) = self.pending.front() {
            if p.end > accepted {
                break;
            }
            let head = &mut self.written.heads[p.chain];
            head.rows += 1;
            head.head_seq = p.seq;
            head.head_hash = String::from_utf8_lossy(&p.hash)
                .trim_end_matches('\0')
                .to_string();
            self.written.rows += 1;
            self.pending.pop_front();
        }
    }

    /// Hands what is buffered to the stream now (a follower, between reads).
    pub fn flush(&mut self) -> Result<()> {
        let flushed = self.out.flush().map_err(export_err);
        self.confirm();
        flushed
    }

    /// Flushes the stream. Either way, what reached it comes back.
    pub fn finish(mut self) -> (Written, Result<()>) {
        let flushed = self.out.flush().map_err(export_err);
        self.confirm();
        (self.written, flushed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stream that accepts `room` bytes, then answers as a closed pipe would.
    struct Narrow {
        room: usize,
        got: Vec<u8>,
    }

    impl Write for Narrow {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.room == 0 {
                return Err(std::io::ErrorKind::BrokenPipe.into());
            }
            let n = buf.len().min(self.room);
            self.room -= n;
            self.got.extend_from_slice(&buf[..n]);
            Ok(n)
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn row(seq: i64) -> AuditRow {
        AuditRow {
            seq,
            org: "acme".into(),
            event: "config.changed".into(),
            details: "{}".into(),
            hash: format!("{seq:064}"),
            ..AuditRow::default()
        }
    }

    #[test]
    fn a_stream_cut_short_counts_only_the_rows_it_accepted() {
        for format in [RowFormat::Csv, RowFormat::Jsonl] {
            let mut full = Vec::new();
            let mut w = RowWriter::new(format, &mut full);
            for seq in 1..=1000 {
                w.write(&row(seq)).unwrap();
            }
            let (written, done) = w.finish();
            done.unwrap();
            assert_eq!(written.rows, 1000);
            assert_eq!(written.heads[0].head_seq, 1000);
            // Cut in the middle of a record: the records before it are written, not it.
            let room = full.len() / 3;
            let mut narrow = Narrow {
                room,
                got: Vec::new(),
            };
            let mut w = RowWriter::new(format, &mut narrow);
            let mut stopped = false;
            for seq in 1..=1000 {
                if w.write(&row(seq)).is_err() {
                    stopped = true;
                    break;
                }
            }
            let (written, done) = w.finish();
            assert!(stopped || done.is_err());
            let complete_lines = narrow.got.iter().filter(|&&b| b == b'\n').count() as u64;
            let header = u64::from(format == RowFormat::Csv);
            assert_eq!(written.rows, complete_lines - header, "{format:?}");
            assert_eq!(written.heads[0].head_seq, written.rows as i64);
        }
    }
}
