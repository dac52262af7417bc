//! The only place that prints. This file owns the report model (what a command answers) and
//! its rendering as a table, text, JSON, JSON lines or CSV; the submodules own lists, tables,
//! CSV, the terminal, errors and audit rows. Commands return data, this renders it; nothing
//! here reads the store or decides what a command does.

mod csv;
mod errors;
mod list;
mod rows;
mod sink;
mod table;
mod terminal;

use std::io::{self, IsTerminal, Write};

use serde::Serialize;
use serde_json::Value;

pub use self::csv::{csv_err, csv_writer, guard_formula};
pub use self::errors::{clap_error, error};
pub use self::list::ListWriter;
pub use self::rows::{RowFormat, RowWriter, Written, WrittenHead};
pub use self::sink::{reader_gone, reader_stdout};
pub use self::table::{table, table_text};
pub use self::terminal::{can_prompt, confirm, line, note, progress, shown, write_stdout};

use self::csv::{write_csv, write_table_csv};
use self::terminal::shown_lines;
use crate::cli::Format;
use crate::error::{Error, Result};

/// What a command answers: the data scripts get, and the view people get.
#[derive(Debug, Clone)]
pub struct Report {
    pub data: Value,
    pub view: View,
}

#[derive(Debug, Clone)]
pub enum View {
    /// Rows under headers.
    Table {
        headers: Vec<&'static str>,
        rows: Vec<Vec<String>>,
    },
    /// A sentence or a banner. Its own line breaks are kept; each value put into it from the
    /// store or the caller must go through [`shown`] first, so that none can add a line.
    Text(String),
    /// One bare value (`config get`): printed as is, or as a JSON value.
    Bare(String),
}

impl Report {
    pub fn text(data: &impl Serialize, text: impl Into<String>) -> Report {
        Report {
            data: to_value(data),
            view: View::Text(text.into()),
        }
    }

    pub fn table(
        data: &impl Serialize,
        headers: Vec<&'static str>,
        rows: Vec<Vec<String>>,
    ) -> Report {
        Report {
            data: to_value(data),
            view: View::Table { headers, rows },
        }
    }

    /// A list of records shown as a table of some of their fields: the cells are those
    /// fields of the data (lists joined with `;`), so the table, its CSV and the JSON agree.
    pub fn list(data: &impl Serialize, columns: &[&'static str]) -> Report {
        let data = to_value(data);
        let rows = match &data {
            Value::Array(items) => items
                .iter()
                .map(|item| {
                    columns
                        .iter()
                        .map(|c| cell(item.get(c).unwrap_or(&Value::Null)))
                        .collect()
                })
                .collect(),
            _ => Vec::new(),
        };
        Report {
            data,
            view: View::Table {
                headers: columns.to_vec(),
                rows,
            },
        }
    }

    pub fn bare(data: Value, text: String) -> Report {
        Report {
            data,
            view: View::Bare(text),
        }
    }
}

fn to_value(data: &impl Serialize) -> Value {
    // Our report types are plain structs of strings, numbers and lists: they always serialize.
    serde_json::to_value(data).unwrap_or(Value::Null)
}

/// A field of a record as one cell: empty for null, lists joined with `;`.
fn cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(cell).collect::<Vec<_>>().join(";"),
        other => other.to_string(),
    }
}

/// The error of a write to stdout (a closed pipe becomes [`Error::BrokenPipe`]).
pub(crate) fn stdout_err(e: io::Error) -> Error {
    Error::io("cannot write to stdout", e)
}

/// Prints a report to stdout in the chosen format.
pub fn print(report: &Report, format: Format) -> Result<()> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    render(report, format, &mut out, io::stdout().is_terminal())?;
    out.flush().map_err(stdout_err)
}

/// Writes a report to `out` in the chosen format; `tty` fits tables to a terminal.
pub fn render(report: &Report, format: Format, out: &mut dyn Write, tty: bool) -> Result<()> {
    match (format, &report.view) {
        (Format::Table | Format::Csv, View::Bare(text)) => {
            writeln!(out, "{}", shown(text)).map_err(stdout_err)
        }
        (Format::Table, View::Text(text)) => {
            writeln!(out, "{}", shown_lines(text)).map_err(stdout_err)
        }
        (Format::Table, View::Table { headers, rows }) => {
            if rows.is_empty() {
                // Like kubectl: nothing on stdout, a word for the person on stderr.
                note("No results.");
                return Ok(());
            }
            writeln!(out, "{}", table_text(headers, rows, tty)).map_err(stdout_err)
        }
        (Format::Json, _) => {
            serde_json::to_writer_pretty(&mut *out, &report.data)
                .map_err(|e| stdout_err(e.into()))?;
            writeln!(out).map_err(stdout_err)
        }
        (Format::Jsonl, _) => write_jsonl(&report.data, out),
        // A list as CSV has the table's columns, whose names are the JSON fields', so that
        // even an empty list has its header.
        (Format::Csv, View::Table { headers, rows }) => write_table_csv(headers, rows, out),
        (Format::Csv, _) => write_csv(&report.data, out),
    }
}

fn write_jsonl(data: &Value, out: &mut dyn Write) -> Result<()> {
    let items: Vec<&Value> = match data {
        Value::Array(items) => items.iter().collect(),
        other => vec![other],
    };
    for item in items {
        serde_json::to_writer(&mut *out, item).map_err(|e| stdout_err(e.into()))?;
        writeln!(out).map_err(stdout_err)?;
    }
    Ok(())
}
