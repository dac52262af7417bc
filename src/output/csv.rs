//! CSV for scripts and spreadsheets: the writer (LF line ends), the guard against formula
//! injection, and reports as CSV. Cells keep their raw text: terminal escaping must never
//! reach a CSV, and nothing here writes to a terminal.

use std::borrow::Cow;
use std::io::{self, Write};

use serde_json::Value;

use super::{cell, stdout_err};
use crate::error::{Error, Result};

/// A CSV writer with LF line ends.
pub fn csv_writer<W: Write>(out: W) -> ::csv::Writer<W> {
    ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::Any(b'\n'))
        .from_writer(out)
}

/// The error of a CSV write, as an I/O error of the crate.
pub fn csv_err(e: ::csv::Error) -> Error {
    match e.into_kind() {
        ::csv::ErrorKind::Io(io) => Error::io("cannot write the CSV", io),
        other => Error::io(
            "cannot write the CSV",
            io::Error::other(format!("{other:?}")),
        ),
    }
}

/// Prefixes `'` to a cell that a spreadsheet would run as a formula (OWASP's advice against
/// CSV injection): one starting with `=`, `+`, `-`, `@`, tab or carriage return; and to a
/// cell that already starts with `'`, so that the guard can be undone exactly: a cell
/// starting with `'` had exactly one added ([`unguard`](crate::core::evidence::unguard)).
pub fn guard_formula(cell: &str) -> Cow<'_, str> {
    match cell.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r' | b'\'') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// Writes one CSV record, each cell guarded against formulas, without copying the cells that
/// need no guard.
pub(super) fn write_guarded<W: Write>(
    w: &mut ::csv::Writer<W>,
    cells: impl IntoIterator<Item = impl AsRef<str>>,
) -> Result<()> {
    for cell in cells {
        match guard_formula(cell.as_ref()) {
            Cow::Borrowed(b) => w.write_field(b),
            Cow::Owned(o) => w.write_field(o),
        }
        .map_err(csv_err)?;
    }
    w.write_record(None::<&[u8]>).map_err(csv_err)
}

/// A table as CSV: its headers, then its rows.
pub(super) fn write_table_csv(
    headers: &[&str],
    rows: &[Vec<String>],
    out: &mut dyn Write,
) -> Result<()> {
    let mut w = csv_writer(out);
    w.write_record(headers).map_err(csv_err)?;
    for row in rows {
        write_guarded(&mut w, row)?;
    }
    w.flush().map_err(stdout_err)
}

/// CSV of a list of objects (or of one object): the keys of the first row are the header;
/// lists are joined with `;`, and cells are guarded against spreadsheet formulas.
pub(super) fn write_csv(data: &Value, out: &mut dyn Write) -> Result<()> {
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
    w.flush().map_err(stdout_err)
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
            ("'quoted", "''quoted"),
            ("'", "''"),
            ("Zoë", "Zoë"),
            ("a=b", "a=b"),
            ("", ""),
        ] {
            assert_eq!(guard_formula(raw), want);
        }
    }

    #[test]
    fn removing_one_leading_quote_undoes_the_guard() {
        for raw in [
            "",
            "'",
            "''",
            "'=x",
            "=x",
            "+1",
            "-",
            "@",
            "\t",
            "\r\n",
            "\0",
            "a'b",
            "Zoë 👋",
            "\u{202e}x",
            "==",
        ] {
            assert_eq!(
                crate::core::evidence::unguard(&guard_formula(raw)),
                raw,
                "{raw:?}"
            );
        }
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
