//! Reading an audit export back as evidence (SPEC §6): JSON lines or CSV, told apart by their
//! first bytes, streamed one row at a time into a row the caller reuses, so that a report of
//! any size is read in constant memory. Undoes the CSV formula guard exactly. Also reads the
//! heads a reader kept (`ORG=SEQ:HASH`). Pure: a byte stream in, rows out; no file is opened
//! here and nothing is printed.

use std::io::BufRead;

use super::audit::{AuditRow, COLUMNS};
use super::error::Invalid;

/// The two forms of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Jsonl,
    Csv,
}

impl ExportFormat {
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Jsonl => "JSON lines",
            ExportFormat::Csv => "CSV",
        }
    }
}

/// A row of the report that cannot be read as an audit row: the report was damaged or is not
/// an export. `seq` is the row's when it could be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    pub line: u64,
    pub seq: Option<i64>,
    pub problem: String,
}

/// Removes the one `'` that the CSV formula guard put before a cell. The guard prefixes every
/// cell that starts with `=`, `+`, `-`, `@`, tab, carriage return or `'`, so a cell starting
/// with `'` had exactly one added, and removing it gives the value back.
pub fn unguard(cell: &str) -> &str {
    cell.strip_prefix('\'').unwrap_or(cell)
}

/// Which export `head` (the first bytes of a file) is: `{` opens JSON lines, a header
/// starting `seq,` a CSV. A UTF-8 byte-order mark before either is skipped.
pub fn detect(head: &[u8]) -> Option<ExportFormat> {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    if head.starts_with(b"{") {
        Some(ExportFormat::Jsonl)
    } else if head.starts_with(b"seq,") {
        Some(ExportFormat::Csv)
    } else {
        None
    }
}

/// Streams the rows of an export in the order of the file.
pub struct ExportReader<R: BufRead> {
    format: ExportFormat,
    inner: Inner<R>,
    /// The last seq read, to refuse rows out of order.
    last_seq: Option<i64>,
}

enum Inner<R: BufRead> {
    Jsonl {
        input: R,
        line: String,
        number: u64,
    },
    Csv {
        input: ::csv::Reader<R>,
        record: ::csv::StringRecord,
    },
}

impl<R: BufRead> ExportReader<R> {
    /// Reads the start of `input`: its format (`forced`, or told from its first bytes) and,
    /// for CSV, its header, which must be exactly the export's.
    pub fn new(mut input: R, forced: Option<ExportFormat>) -> Result<Self, Invalid> {
        let head = input
            .fill_buf()
            .map_err(|e| Invalid::new(format!("cannot read it: {e}")))?;
        if head.is_empty() {
            return Err(Invalid::new(
                "it is empty: an export has at least a header or a row",
            ));
        }
        let format = match forced.or_else(|| detect(head)) {
            Some(f) => f,
            None => {
                return Err(Invalid::with_hint(
                    "it is neither JSON lines (a first line starting with `{`) nor CSV (a header starting with `seq,`)",
                    "give a file written by `admin-proxy audit export`, or say which with --format jsonl|csv",
                ))
            }
        };
        if head.starts_with(b"\xEF\xBB\xBF") {
            input.consume(3);
        }
        let inner = match format {
            ExportFormat::Jsonl => Inner::Jsonl {
                input,
                line: String::new(),
                number: 0,
            },
            ExportFormat::Csv => {
                let mut input = ::csv::ReaderBuilder::new()
                    .has_headers(false)
                    .from_reader(input);
                let mut record = ::csv::StringRecord::new();
                let read = input
                    .read_record(&mut record)
                    .map_err(|e| Invalid::new(format!("its header cannot be read: {e}")))?;
                if !read || record.iter().ne(COLUMNS) {
                    return Err(Invalid::with_hint(
                        format!(
                            "its header is not the export's: expected {}",
                            COLUMNS.join(",")
                        ),
                        "give a file written by `admin-proxy audit export`",
                    ));
                }
                Inner::Csv { input, record }
            }
        };
        Ok(ExportReader {
            format,
            inner,
            last_seq: None,
        })
    }

    pub fn format(&self) -> ExportFormat {
        self.format
    }

    /// Reads the next row into `row`, reusing its buffers; false at the end. Rows must come
    /// in increasing `seq` order, as every export writes them.
    pub fn next_into(&mut self, row: &mut AuditRow) -> Result<bool, Unreadable> {
        let (line, read) = match &mut self.inner {
            Inner::Jsonl {
                input,
                line,
                number,
            } => loop {
                line.clear();
                *number += 1;
                let n = input.read_line(line).map_err(|e| Unreadable {
                    line: *number,
                    seq: None,
                    problem: format!("line {number} cannot be read: {e}"),
                })?;
                if n == 0 {
                    break (*number, false);
                }
                // Blank lines carry nothing; a line's end may be LF or CRLF.
                if line.trim().is_empty() {
                    continue;
                }
                *row = serde_json::from_str(line).map_err(|e| Unreadable {
                    line: *number,
                    seq: seq_of_json(line),
                    problem: format!("line {number} is not an audit row: {e}"),
                })?;
                break (*number, true);
            },
            Inner::Csv { input, record } => {
                let read = input.read_record(record).map_err(|e| {
                    let line = e.position().map_or(0, |p| p.line());
                    Unreadable {
                        line,
                        seq: None,
                        problem: format!("line {line} is not an audit row: {e}"),
                    }
                })?;
                let line = record.position().map_or(0, |p| p.line());
                if read {
                    fill_from_csv(record, row, line)?;
                }
                (line, read)
            }
        };
        if !read {
            return Ok(false);
        }
        if let Some(last) = self.last_seq {
            if row.seq <= last {
                return Err(Unreadable {
                    line,
                    seq: Some(row.seq),
                    problem: format!(
                        "the rows are not in seq order: seq {} comes after seq {last} (line {line}); rows were moved or repeated",
                        row.seq
                    ),
                });
            }
        }
        self.last_seq = Some(row.seq);
        Ok(true)
    }
}

/// The `seq` of a JSON line that is not a whole audit row, if it has one.
fn seq_of_json(line: &str) -> Option<i64> {
    serde_json::from_str::<serde_json::Value>(line)
        .ok()?
        .get("seq")?
        .as_i64()
}

fn fill_from_csv(
    record: &::csv::StringRecord,
    row: &mut AuditRow,
    line: u64,
) -> Result<(), Unreadable> {
    let seq_cell = unguard(record.get(0).unwrap_or(""));
    let seq = seq_cell.parse::<i64>().ok();
    let bad = |problem: String| Unreadable { line, seq, problem };
    if record.len() != COLUMNS.len() {
        return Err(bad(format!(
            "line {line} has {} cells, not the export's {}",
            record.len(),
            COLUMNS.len()
        )));
    }
    row.seq = seq.ok_or_else(|| bad(format!("line {line}: seq {seq_cell:?} is not a number")))?;
    for (into, cell) in row.text_mut().into_iter().zip(record.iter().skip(1)) {
        into.clear();
        into.push_str(unguard(cell));
    }
    Ok(())
}

/// A head kept from an earlier `audit verify` or export, as given to `--head`: the chain's
/// org (empty for the vendor's), the row's seq and its hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptHead {
    pub org: String,
    pub seq: i64,
    pub hash: String,
}

/// Reads `ORG=SEQ:HASH`; ORG empty or `(vendor)` names the vendor's chain.
pub fn parse_head(raw: &str) -> Result<KeptHead, Invalid> {
    let bad = |why: &str| {
        Invalid::with_hint(
            format!("--head {raw:?}: {why}"),
            "give it as ORG=SEQ:HASH, as `audit verify` prints it: acme=42:3f5c… (ORG empty or (vendor) for the vendor's chain)",
        )
    };
    let (org, rest) = raw.split_once('=').ok_or_else(|| bad("no `=`"))?;
    let (seq, hash) = rest.split_once(':').ok_or_else(|| bad("no `:`"))?;
    let seq: i64 = seq
        .trim()
        .parse()
        .ok()
        .filter(|s| *s > 0)
        .ok_or_else(|| bad("SEQ is not a positive number"))?;
    let hash = hash.trim().to_ascii_lowercase();
    if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(bad("HASH is not 64 hex digits"));
    }
    let org = match org.trim() {
        "(vendor)" => "",
        other => other,
    };
    Ok(KeptHead {
        org: org.to_string(),
        seq,
        hash,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_are_read_as_verify_prints_them() {
        let h = "ab".repeat(32);
        assert_eq!(
            parse_head(&format!("acme=12:{h}")).unwrap(),
            KeptHead {
                org: "acme".into(),
                seq: 12,
                hash: h.clone()
            }
        );
        for vendor in ["", "(vendor)"] {
            assert_eq!(parse_head(&format!("{vendor}=1:{h}")).unwrap().org, "");
        }
        for bad in ["acme", "acme=12", "acme=x:ab", "acme=0:ab", "acme=3:abc"] {
            assert!(parse_head(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_format_is_told_from_the_first_bytes() {
        assert_eq!(detect(b"{\"seq\":1"), Some(ExportFormat::Jsonl));
        assert_eq!(detect(b"seq,timestamp"), Some(ExportFormat::Csv));
        assert_eq!(detect(b"\xEF\xBB\xBFseq,"), Some(ExportFormat::Csv));
        assert_eq!(detect(b"email,name"), None);
    }

    #[test]
    fn csv_cells_are_unguarded_and_rows_must_rise() {
        let csv = format!(
            "{}\n1,t,acme,org.created,ok,'=x,'',a,b,c,{{}},h\n1,t,acme,e,ok,,,,,,{{}},h\n",
            COLUMNS.join(",")
        );
        let mut r = ExportReader::new(csv.as_bytes(), None).unwrap();
        let mut row = AuditRow::default();
        assert!(r.next_into(&mut row).unwrap());
        assert_eq!(row.reason, "=x");
        assert_eq!(row.actor, "'");
        let e = r.next_into(&mut row).unwrap_err();
        assert_eq!(e.seq, Some(1));
        assert!(e.problem.contains("not in seq order"), "{e:?}");
    }
}
