//! Lists printed as their records come (`users list`, `list users`, `list sessions`): JSON,
//! JSON lines and CSV in constant memory, a table once every row is in. It writes to stdout
//! only, and leaves cell escaping to the table and raw values to the other formats.

use std::io::{self, IsTerminal, Write};

use serde::Serialize;
use serde_json::Value;

use super::csv::{csv_err, csv_writer, write_guarded};
use super::table::table_text;
use super::terminal::note;
use super::{cell, stdout_err, to_value};
use crate::cli::Format;
use crate::error::Result;

/// Prints a list as its records come, for lists that can be as long as an org (`users list`
/// of a million people): JSON, JSON lines and CSV go out one record at a time in constant
/// memory; a table, which needs every row to size its columns, keeps only the cells shown.
pub struct ListWriter {
    format: Format,
    columns: &'static [&'static str],
    out: io::BufWriter<io::Stdout>,
    csv: Option<::csv::Writer<io::BufWriter<io::Stdout>>>,
    rows: Vec<Vec<String>>,
    count: u64,
}

impl ListWriter {
    pub fn new(format: Format, columns: &'static [&'static str]) -> ListWriter {
        let out = || io::BufWriter::with_capacity(1 << 16, io::stdout());
        ListWriter {
            format,
            columns,
            out: out(),
            csv: (format == Format::Csv).then(|| csv_writer(out())),
            rows: Vec::new(),
            count: 0,
        }
    }

    pub fn push(&mut self, record: &impl Serialize) -> Result<()> {
        let value = to_value(record);
        let cells = || {
            self.columns
                .iter()
                .map(|c| cell(value.get(c).unwrap_or(&Value::Null)))
        };
        match self.format {
            Format::Table => self.rows.push(cells().collect()),
            Format::Csv => {
                if let Some(csv) = &mut self.csv {
                    if self.count == 0 {
                        csv.write_record(self.columns).map_err(csv_err)?;
                    }
                    write_guarded(csv, cells())?;
                }
            }
            Format::Json => {
                // Indented as the element of an array, as a whole document would be.
                let sep = if self.count == 0 { "[\n" } else { ",\n" };
                self.out.write_all(sep.as_bytes()).map_err(stdout_err)?;
                let text =
                    serde_json::to_string_pretty(&value).map_err(|e| stdout_err(e.into()))?;
                for (i, line) in text.lines().enumerate() {
                    let nl = if i == 0 { "" } else { "\n" };
                    write!(self.out, "{nl}  {line}").map_err(stdout_err)?;
                }
            }
            Format::Jsonl => {
                serde_json::to_writer(&mut self.out, &value).map_err(|e| stdout_err(e.into()))?;
                self.out.write_all(b"\n").map_err(stdout_err)?;
            }
        }
        self.count += 1;
        Ok(())
    }

    /// Ends the list: the table, the closing bracket, the CSV header of an empty list.
    pub fn finish(mut self) -> Result<()> {
        match self.format {
            Format::Table if self.rows.is_empty() => note("No results."),
            Format::Table => {
                let text = table_text(self.columns, &self.rows, io::stdout().is_terminal());
                writeln!(self.out, "{text}").map_err(stdout_err)?;
            }
            Format::Csv => {
                if let Some(mut csv) = self.csv.take() {
                    if self.count == 0 {
                        csv.write_record(self.columns).map_err(csv_err)?;
                    }
                    csv.flush().map_err(stdout_err)?;
                }
            }
            Format::Json if self.count == 0 => writeln!(self.out, "[]").map_err(stdout_err)?,
            Format::Json => writeln!(self.out, "\n]").map_err(stdout_err)?,
            Format::Jsonl => {}
        }
        self.out.flush().map_err(stdout_err)
    }
}
