//! The only place that prints: reports as tables (comfy-table), JSON, JSON lines or CSV;
//! errors; the confirmation prompt; progress bars. Commands return data, this renders it.

use std::io::{self, BufRead, IsTerminal, Write};

use comfy_table::{presets, ContentArrangement, Table};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;
use serde_json::Value;

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
    /// A sentence or a banner.
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

/// Prints a list as its records come, for lists that can be as long as an org (`users list`
/// of a million people): JSON, JSON lines and CSV go out one record at a time in constant
/// memory; a table, which needs every row to size its columns, keeps only the cells shown.
pub struct ListWriter {
    format: Format,
    columns: &'static [&'static str],
    out: io::BufWriter<io::Stdout>,
    csv: Option<csv::Writer<io::BufWriter<io::Stdout>>>,
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
        let w = |e| Error::io("cannot write to stdout", e);
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
                self.out.write_all(sep.as_bytes()).map_err(w)?;
                let text = serde_json::to_string_pretty(&value)
                    .map_err(|e| Error::io("cannot write to stdout", e.into()))?;
                for (i, line) in text.lines().enumerate() {
                    let nl = if i == 0 { "" } else { "\n" };
                    write!(self.out, "{nl}  {line}").map_err(w)?;
                }
            }
            Format::Jsonl => {
                serde_json::to_writer(&mut self.out, &value)
                    .map_err(|e| Error::io("cannot write to stdout", e.into()))?;
                self.out.write_all(b"\n").map_err(w)?;
            }
        }
        self.count += 1;
        Ok(())
    }

    /// Ends the list: the table, the closing bracket, the CSV header of an empty list.
    pub fn finish(mut self) -> Result<()> {
        let w = |e| Error::io("cannot write to stdout", e);
        match self.format {
            Format::Table if self.rows.is_empty() => note("No results."),
            Format::Table => {
                let text = table_text(self.columns, &self.rows, io::stdout().is_terminal());
                writeln!(self.out, "{text}").map_err(w)?;
            }
            Format::Csv => {
                if let Some(mut csv) = self.csv.take() {
                    if self.count == 0 {
                        csv.write_record(self.columns).map_err(csv_err)?;
                    }
                    csv.flush().map_err(w)?;
                }
            }
            Format::Json if self.count == 0 => writeln!(self.out, "[]").map_err(w)?,
            Format::Json => writeln!(self.out, "\n]").map_err(w)?,
            Format::Jsonl => {}
        }
        self.out.flush().map_err(w)
    }
}

/// Prints a report to stdout in the chosen format.
pub fn print(report: &Report, format: Format) -> Result<()> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    render(report, format, &mut out, io::stdout().is_terminal())?;
    out.flush()
        .map_err(|e| Error::io("cannot write to stdout", e))
}

pub fn render(report: &Report, format: Format, out: &mut dyn Write, tty: bool) -> Result<()> {
    let w = |e| Error::io("cannot write to stdout", e);
    match (format, &report.view) {
        (Format::Table | Format::Csv, View::Bare(text)) => {
            writeln!(out, "{}", printable(text, false)).map_err(w)
        }
        (Format::Table, View::Text(text)) => writeln!(out, "{}", printable(text, true)).map_err(w),
        (Format::Table, View::Table { headers, rows }) => {
            if rows.is_empty() {
                // Like kubectl: nothing on stdout, a word for the person on stderr.
                note("No results.");
                return Ok(());
            }
            writeln!(out, "{}", table_text(headers, rows, tty)).map_err(w)
        }
        (Format::Json, _) => {
            serde_json::to_writer_pretty(&mut *out, &report.data)
                .map_err(|e| Error::io("cannot write to stdout", e.into()))?;
            writeln!(out).map_err(w)
        }
        (Format::Jsonl, _) => write_jsonl(&report.data, out),
        // A list as CSV has the table's columns, whose names are the JSON fields', so that
        // even an empty list has its header.
        (Format::Csv, View::Table { headers, rows }) => write_table_csv(headers, rows, out),
        (Format::Csv, _) => write_csv(&report.data, out),
    }
}

/// A table for people: plain columns like kubectl, fitted to the terminal, never wrapped
/// when stdout is not a terminal.
pub fn table(headers: &[&str], rows: &[Vec<String>], tty: bool) -> Table {
    let mut t = Table::new();
    t.load_style(presets::NOTHING);
    t.set_content_arrangement(if tty {
        ContentArrangement::Dynamic
    } else {
        ContentArrangement::Disabled
    });
    if !tty {
        t.force_no_tty();
    }
    t.set_header(headers.iter().map(|h| h.to_uppercase().replace('_', " ")));
    for row in rows {
        t.add_row(row.iter().map(|cell| printable(cell, false)));
    }
    // Columns start flush left with two spaces between them, as in kubectl.
    let last = headers.len().saturating_sub(1);
    for (i, col) in t.column_iter_mut().enumerate() {
        col.set_padding((0, if i == last { 0 } else { 2 }));
    }
    t
}

/// A table as text, without the padding comfy-table leaves after the last column.
pub fn table_text(headers: &[&str], rows: &[Vec<String>], tty: bool) -> String {
    table(headers, rows, tty)
        .to_string()
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Writes one CSV record, each cell guarded against formulas, without copying the cells that
/// need no guard.
fn write_guarded<W: Write>(
    w: &mut csv::Writer<W>,
    cells: impl IntoIterator<Item = impl AsRef<str>>,
) -> Result<()> {
    for cell in cells {
        match guard_formula(cell.as_ref()) {
            std::borrow::Cow::Borrowed(b) => w.write_field(b),
            std::borrow::Cow::Owned(o) => w.write_field(o),
        }
        .map_err(csv_err)?;
    }
    w.write_record(None::<&[u8]>).map_err(csv_err)
}

fn write_table_csv(headers: &[&str], rows: &[Vec<String>], out: &mut dyn Write) -> Result<()> {
    let mut w = csv_writer(out);
    w.write_record(headers).map_err(csv_err)?;
    for row in rows {
        write_guarded(&mut w, row)?;
    }
    w.flush()
        .map_err(|e| Error::io("cannot write to stdout", e))
}

fn write_jsonl(data: &Value, out: &mut dyn Write) -> Result<()> {
    let items: Vec<&Value> = match data {
        Value::Array(items) => items.iter().collect(),
        other => vec![other],
    };
    for item in items {
        serde_json::to_writer(&mut *out, item)
            .map_err(|e| Error::io("cannot write to stdout", e.into()))?;
        writeln!(out).map_err(|e| Error::io("cannot write to stdout", e))?;
    }
    Ok(())
}

/// CSV of a list of objects (or of one object): the keys of the first row are the header;
/// lists are joined with `;`, and cells are guarded against spreadsheet formulas.
fn write_csv(data: &Value, out: &mut dyn Write) -> Result<()> {
    let items: Vec<&Value> = match data {
        Value::Array(items) => items.iter().collect(),
        other => vec![other],
    };
    let mut w = csv_writer(out);
    let keys: Vec<String> = match items.first() {
        Some(Value::Object(m)) => m.keys().cloned().collect(),
        Some(_) => vec!["value".to_string()],
        None => return Ok(()),
    };
    w.write_record(&keys).map_err(csv_err)?;
    for item in items {
        match item {
            Value::Object(m) => write_guarded(
                &mut w,
                keys.iter().map(|k| cell(m.get(k).unwrap_or(&Value::Null))),
            )?,
            other => write_guarded(&mut w, [cell(other)])?,
        }
    }
    w.flush()
        .map_err(|e| Error::io("cannot write to stdout", e))
}

fn cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(cell).collect::<Vec<_>>().join(";"),
        other => other.to_string(),
    }
}

/// Text from the store as a terminal may show it: control characters and the bidirectional
/// formatting marks are written as escapes (`\u{1b}`), so that a name can never move the
/// cursor, clear the screen or reorder the line around it. Line breaks are kept when
/// `keep_newlines`. JSON, JSON lines and CSV carry the raw text.
pub fn printable(text: &str, keep_newlines: bool) -> std::borrow::Cow<'_, str> {
    let escape = |c: char| {
        (c.is_control() && !(keep_newlines && c == '\n'))
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(escape) {
        return text.into();
    }
    text.chars()
        .map(|c| match escape(c) {
            true => c.escape_unicode().to_string(),
            false => c.to_string(),
        })
        .collect::<String>()
        .into()
}

/// A CSV writer with LF line ends.
pub fn csv_writer<W: Write>(out: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out)
}

pub fn csv_err(e: csv::Error) -> Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => Error::io("cannot write the CSV", io),
        other => Error::io(
            "cannot write the CSV",
            io::Error::other(format!("{other:?}")),
        ),
    }
}

/// Prefixes `'` to a cell that a spreadsheet would run as a formula (OWASP's advice against
/// CSV injection): one starting with `=`, `+`, `-`, `@`, tab or carriage return.
pub fn guard_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// Prints an error on stderr: `error: ...` and a hint, or the JSON object of SPEC §9.
pub fn error(e: &Error, json: bool) {
    let mut err = io::stderr().lock();
    if json {
        let body = serde_json::json!({"error": {"code": e.code(), "message": e.message()}});
        let _ = writeln!(err, "{body}");
    } else {
        let _ = writeln!(err, "error: {}", e.message());
        if let Some(hint) = e.hint() {
            let _ = writeln!(err, "hint: {hint}");
        }
    }
}

/// Writes bytes to stdout as they are (the man page, completions).
pub fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(|e| Error::io("cannot write to stdout", e))
}

/// Prints one line of text for people on stdout (the demo's transcript).
pub fn line(text: &str) -> Result<()> {
    writeln!(io::stdout().lock(), "{text}").map_err(|e| Error::io("cannot write to stdout", e))
}

/// Prints a note for people on stderr (never data).
pub fn note(text: &str) {
    let _ = writeln!(io::stderr().lock(), "{text}");
}

/// Whether a person can answer a prompt: stdin and stderr are terminals.
pub fn can_prompt() -> bool {
    io::stdin().is_terminal() && io::stderr().is_terminal()
}

/// Asks a yes/no question on the terminal; only `y` or `yes` is yes.
pub fn confirm(question: &str) -> Result<bool> {
    let mut err = io::stderr().lock();
    write!(err, "{} [y/N] ", printable(question, false))
        .map_err(|e| Error::io("cannot write to the terminal", e))?;
    err.flush()
        .map_err(|e| Error::io("cannot write to the terminal", e))?;
    let mut answer = String::new();
    io::stdin()
        .lock()
        .read_line(&mut answer)
        .map_err(|e| Error::io("cannot read the answer", e))?;
    Ok(matches!(answer.trim().to_lowercase().as_str(), "y" | "yes"))
}

/// A progress bar on stderr when stderr is a terminal, hidden otherwise. With a length it
/// shows a bar; without, a count of rows and their rate.
pub fn progress(len: Option<u64>, what: &str) -> ProgressBar {
    if !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let (bar, template) = match len {
        Some(n) => (
            ProgressBar::new(n),
            format!(
                "{what} [{{bar:30}}] {{human_pos}}/{{human_len}} rows ({{per_sec}}, {{eta}} left)"
            ),
        ),
        None => (
            ProgressBar::no_length(),
            format!("{{spinner}} {what} {{human_pos}} rows ({{per_sec}})"),
        ),
    };
    bar.set_draw_target(ProgressDrawTarget::stderr_with_hz(10));
    if let Ok(style) = ProgressStyle::with_template(&template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_guarded_and_nothing_else_changes() {
        for (raw, want) in [
            ("=SUM(A1)", "'=SUM(A1)"),
            ("+1", "'+1"),
            ("-1", "'-1"),
            ("@x", "'@x"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("Zoë", "Zoë"),
            ("a=b", "a=b"),
            ("", ""),
        ] {
            assert_eq!(guard_formula(raw), want);
        }
    }

    #[test]
    fn terminal_text_shows_control_and_bidi_characters_as_escapes() {
        assert_eq!(printable("Zoë Martín", false), "Zoë Martín");
        assert_eq!(printable("a\u{1b}[2Jb", false), "a\\u{1b}[2Jb");
        assert_eq!(
            printable("evil\u{202e}txt.exe", false),
            "evil\\u{202e}txt.exe"
        );
        assert_eq!(printable("line\nnext", true), "line\nnext");
        assert_eq!(printable("line\nnext", false), "line\\u{a}next");
    }

    #[test]
    fn csv_of_a_list_joins_lists_and_guards_cells() {
        let data = serde_json::json!([
            {"email": "a@x", "groups": ["A", "B"], "name": "=cmd"},
            {"email": "b@x", "groups": [], "name": "Bo"}
        ]);
        let mut out = Vec::new();
        write_csv(&data, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "email,groups,name\na@x,A;B,'=cmd\nb@x,,Bo\n"
        );
    }
}

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
    Csv(Box<csv::Writer<W>>),
    Jsonl(W),
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
            let _ = c.write_record(crate::core::audit::COLUMNS);
        }
        w
    }

    pub fn write(&mut self, row: &crate::core::audit::AuditRow) -> Result<()> {
        match &mut self.inner {
            RowSink::Csv(c) => {
                let mut seq = itoa::Buffer::new();
                let cells = row.text();
                write_guarded(c, std::iter::once(seq.format(row.seq)).chain(cells))
            }
            RowSink::Jsonl(w) => {
                serde_json::to_writer(&mut *w, row)
                    .map_err(|e| Error::io("cannot write the export", e.into()))?;
                w.write_all(b"\n")
                    .map_err(|e| Error::io("cannot write the export", e))
            }
        }
    }

    pub fn finish(self) -> Result<()> {
        match self.inner {
            RowSink::Csv(mut c) => c
                .flush()
                .map_err(|e| Error::io("cannot write the export", e)),
            RowSink::Jsonl(mut w) => w
                .flush()
                .map_err(|e| Error::io("cannot write the export", e)),
        }
    }
}
