//! Tables for people (comfy-table): plain columns like kubectl. Owns the layout only; every
//! cell goes through [`shown`], and this module never writes anywhere.

use comfy_table::{presets, ContentArrangement, Table};

use super::terminal::shown;

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
        t.add_row(row.iter().map(|cell| shown(cell)));
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
