//! What goes to stderr when a command fails: `error: ...` and a hint, or the JSON object of
//! SPEC §9; clap's usage errors, help and version. Messages are single lines, escaped on the
//! way out; this module decides how a failure reads, never whether something failed.

use std::io::{self, Write};

use super::stdout_err;
use super::terminal::shown;
use crate::error::{exit, Error, Result};

/// Prints an error on stderr: `error: ...` and a hint, or the JSON object of SPEC §9. On a
/// terminal a message is one line: every control, bidi or invisible character it quotes from
/// the store or the caller is escaped. JSON keeps the message's raw text.
pub fn error(e: &Error, json: bool) {
    let mut err = io::stderr().lock();
    if json {
        let body = serde_json::json!({"error": {"code": e.code(), "message": e.message()}});
        let _ = writeln!(err, "{body}");
    } else {
        let _ = writeln!(err, "error: {}", shown(&e.message()));
        if let Some(hint) = e.hint() {
            let _ = writeln!(err, "hint: {}", shown(hint));
        }
    }
}

/// Prints what clap answered instead of a command line: help and version on stdout (exit 0,
/// or the error of a stdout that cannot take them), usage errors on stderr with exit 2, as
/// the JSON object of SPEC §9 when `--format json` was asked for.
pub fn clap_error(e: &clap::Error, json: bool) -> Result<u8> {
    use clap::error::ErrorKind;
    let kind = e.kind();
    if matches!(kind, ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        // Like `man`: help that did not reach its reader is a failure, not a success.
        e.print()
            .and_then(|()| io::stdout().flush())
            .map_err(stdout_err)?;
        return Ok(exit::OK);
    }
    if json && kind != ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        usage_json(e);
    } else {
        let _ = e.print();
    }
    Ok(exit::USAGE)
}

/// A usage error as `{"error":{"code":"usage","message":...}}`: the error and clap's tip,
/// without the usage lines meant for a terminal.
fn usage_json(e: &clap::Error) {
    let rendered = e.render().to_string();
    let message = rendered
        .lines()
        .map(str::trim)
        .filter(|l| {
            !l.is_empty() && !l.starts_with("Usage:") && !l.starts_with("For more information")
        })
        .map(|l| l.trim_start_matches("error: "))
        .collect::<Vec<_>>()
        .join("; ");
    let body = serde_json::json!({"error": {"code": "usage", "message": message}});
    let _ = writeln!(io::stderr().lock(), "{body}");
}
