//! The binary: parse, run, map the error to an exit code.

use std::io::Write;
use std::process::ExitCode;

use admin_proxy::{app, cli, error::exit, output};
use clap::FromArgMatches;

fn main() -> ExitCode {
    let json = wants_json(std::env::args());
    let matches = match cli::command().try_get_matches() {
        Ok(m) => m,
        Err(e) => return clap_error(e, json),
    };
    let parsed = match cli::Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => return clap_error(e, json),
    };
    let json = parsed.global.format == cli::Format::Json;
    match app::run(parsed) {
        Ok(()) => ExitCode::from(exit::OK),
        Err(e) => {
            let code = e.exit_code();
            if code != exit::OK {
                output::error(&e, json);
            }
            ExitCode::from(code)
        }
    }
}

/// Help and version go to stdout with 0; usage errors to stderr with 2 (as JSON when asked).
fn clap_error(e: clap::Error, json: bool) -> ExitCode {
    use clap::error::ErrorKind;
    let benign = matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    if json && !benign {
        // The error and clap's tip, without the usage lines meant for a terminal.
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
        let _ = writeln!(std::io::stderr().lock(), "{body}");
        return ExitCode::from(exit::USAGE);
    }
    let _ = e.print();
    ExitCode::from(
        if benign && e.kind() != ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
            exit::OK
        } else {
            exit::USAGE
        },
    )
}

/// Whether `--format json` is on the command line, for errors found before it is parsed.
fn wants_json(args: impl Iterator<Item = String>) -> bool {
    let args: Vec<String> = args.collect();
    args.iter().any(|a| a == "--format=json")
        || args
            .windows(2)
            .any(|w| w[0] == "--format" && w[1] == "json")
}
