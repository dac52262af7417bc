//! The binary: parse, run, map the error to an exit code. How anything reads is output's.

use std::process::ExitCode;

use admin_proxy::{app, cli, error::exit, output, Error};
use clap::FromArgMatches;

fn main() -> ExitCode {
    let json = wants_json(std::env::args());
    let code = match parse() {
        Ok(parsed) => {
            let json = parsed.global.format == cli::Format::Json;
            app::run(parsed).map_or_else(|e| failed(&e, json), |()| exit::OK)
        }
        Err(e) => output::clap_error(&e, json).unwrap_or_else(|e| failed(&e, json)),
    };
    ExitCode::from(code)
}

fn parse() -> Result<cli::Cli, clap::Error> {
    let matches = cli::command().try_get_matches()?;
    cli::Cli::from_arg_matches(&matches)
}

/// The exit code of a failure, told on stderr unless it is a quiet one (a closed pipe).
fn failed(e: &Error, json: bool) -> u8 {
    let code = e.exit_code();
    if code != exit::OK {
        output::error(e, json);
    }
    code
}

/// Whether `--format json` is on the command line, for errors found before it is parsed.
fn wants_json(args: impl Iterator<Item = String>) -> bool {
    let args: Vec<String> = args.collect();
    args.iter().any(|a| a == "--format=json")
        || args
            .windows(2)
            .any(|w| w[0] == "--format" && w[1] == "json")
}
