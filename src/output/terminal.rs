//! What people see on a terminal: the one escaping function for text from the store or the
//! caller, notes, the confirmation prompt, progress bars, raw bytes on stdout. Nothing here
//! shapes data for scripts: JSON and CSV carry raw values and never pass through [`shown`].

use std::borrow::Cow;
use std::io::{self, BufRead, IsTerminal, Write};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::stdout_err;
use crate::error::{Error, Result};

/// Whether a terminal must get `c` as an escape rather than as itself: control characters
/// (line breaks included), the bidirectional formatting marks, and the invisible characters
/// that can make two different names look the same.
fn escaped(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{180e}'
                | '\u{200b}'..='\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2060}'
                | '\u{2066}'..='\u{2069}'
                | '\u{feff}'
        )
}

/// A value from the store or the caller as a terminal may show it: every control, bidi and
/// invisible character is written as an escape (`\u{1b}`, `\u{a}`, `\u{202e}`), so that a
/// name can never move the cursor, clear the screen, reorder the line around it or start a
/// line of its own. Every string bound for a terminal goes through here; text reports keep
/// their own line breaks by escaping line by line, and commands escape each value they put
/// into a text report with this, so that a value cannot add a line.
pub fn shown(text: &str) -> Cow<'_, str> {
    if !text.chars().any(escaped) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if escaped(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out.into()
}

/// Text whose own line breaks are kept, each line escaped with [`shown`].
pub(super) fn shown_lines(text: &str) -> Cow<'_, str> {
    if !text.contains('\n') {
        return shown(text);
    }
    text.split('\n')
        .map(shown)
        .collect::<Vec<_>>()
        .join("\n")
        .into()
}

/// Writes bytes to stdout as they are (the man page, completions).
pub fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(stdout_err)
}

/// Prints one line of text for people on stdout (the demo's transcript).
pub fn line(text: &str) -> Result<()> {
    writeln!(io::stdout().lock(), "{text}").map_err(stdout_err)
}

/// Prints a note for people on stderr (never data).
pub fn note(text: &str) {
    let _ = writeln!(io::stderr().lock(), "{text}");
}

/// Whether a person can answer a prompt: stdin and stderr are terminals.
pub fn can_prompt() -> bool {
    io::stdin().is_terminal() && io::stderr().is_terminal()
}

/// Asks a yes/no question on the terminal; only `y` or `yes` is yes. The question is one
/// line: whatever it holds is escaped.
pub fn confirm(question: &str) -> Result<bool> {
    let term = |e| Error::io("cannot write to the terminal", e);
    let mut err = io::stderr().lock();
    write!(err, "{} [y/N] ", shown(question)).map_err(term)?;
    err.flush().map_err(term)?;
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
    fn terminal_text_shows_control_bidi_and_invisible_characters_as_escapes() {
        assert_eq!(shown("Zoë Martín"), "Zoë Martín");
        assert_eq!(shown("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(shown("evil\u{202e}txt.exe"), "evil\\u{202e}txt.exe");
        assert_eq!(shown("line\nnext\r"), "line\\u{a}next\\u{d}");
        for c in [
            '\u{200b}', '\u{200c}', '\u{200d}', '\u{200e}', '\u{200f}', '\u{202a}', '\u{2060}',
            '\u{2066}', '\u{2069}', '\u{061c}', '\u{feff}', '\u{180e}', '\u{7f}', '\u{9b}',
        ] {
            assert_eq!(
                shown(&format!("a{c}b")),
                format!("a{}b", c.escape_unicode())
            );
        }
        assert_eq!(shown_lines("line\nnext\u{1b}"), "line\nnext\\u{1b}");
    }
}
