//! The binary: parse, run, map the error to an exit code. How anything reads is output's.

use std::ffi::{OsStr, OsString};
use std::process::ExitCode;

use admin_proxy::{app, cli, error::exit, output, Error};
use clap::error::ErrorKind;
use clap::FromArgMatches;

fn main() -> ExitCode {
    // Never `env::args()`: it panics on an argument that is not UTF-8.
    let args: Vec<OsString> = std::env::args_os().collect();
    let json = wants_json(&args);
    let code = match parse(&args, json) {
        Ok(parsed) => {
            let json = parsed.global.format == cli::Format::Json;
            app::run(parsed).map_or_else(|e| failed(&e, json), |()| exit::OK)
        }
        Err(e) => output::clap_error(&e, json).unwrap_or_else(|e| failed(&e, json)),
    };
    ExitCode::from(code)
}

fn try_parse(args: &[OsString]) -> Result<cli::Cli, clap::Error> {
    let matches = cli::command().try_get_matches_from(args)?;
    cli::Cli::from_arg_matches(&matches)
}

/// The command line, or clap's word on it, made fit for a terminal: an argument that is not
/// UTF-8 is named, and the arguments clap quotes are escaped.
fn parse(args: &[OsString], json: bool) -> Result<cli::Cli, clap::Error> {
    let e = match try_parse(args) {
        Ok(parsed) => return Ok(parsed),
        Err(e) => e,
    };
    if e.kind() == ErrorKind::InvalidUtf8 {
        return Err(not_utf8(args).unwrap_or(e));
    }
    // clap quotes what it refuses: parse the escaped arguments again for the same error in
    // escapes. JSON keeps the raw text.
    let escaped: Vec<OsString> = args
        .iter()
        .map(|a| output::shown(&a.to_string_lossy()).into_owned().into())
        .collect();
    if json || escaped == args {
        return Err(e);
    }
    Err(try_parse(&escaped).err().unwrap_or(e))
}

/// The usage error for an argument (or variable) that is not UTF-8, naming it. Only paths
/// may hold any bytes, so the culprit is the one clap still refuses when every other such
/// argument is made valid.
fn not_utf8(args: &[OsString]) -> Option<clap::Error> {
    let bad: Vec<usize> = (1..args.len())
        .filter(|&i| args[i].to_str().is_none())
        .collect();
    let refused = |i: usize| {
        let probe: Vec<OsString> = (0..args.len())
            .map(|j| match j != i && bad.contains(&j) {
                true => args[j].to_string_lossy().into_owned().into(),
                false => args[j].clone(),
            })
            .collect();
        matches!(try_parse(&probe), Err(e) if e.kind() == ErrorKind::InvalidUtf8)
    };
    let quoted = |s: &OsStr| output::shown(&format!("{s:?}")).into_owned();
    let what = match bad.iter().copied().find(|&i| refused(i)) {
        Some(i) => format!("the argument {} is not valid UTF-8", quoted(&args[i])),
        None => {
            use clap::builder::ValueParser;
            let cmd = cli::command();
            let bytes = [ValueParser::os_string(), ValueParser::path_buf()].map(|p| p.type_id());
            let var = cmd
                .get_arguments()
                .filter(|a| !bytes.contains(&a.get_value_parser().type_id()))
                .filter_map(|a| a.get_env())
                .find(|v| std::env::var_os(v).is_some_and(|value| value.to_str().is_none()))?;
            format!("${} is not valid UTF-8", quoted(var).trim_matches('"'))
        }
    };
    let message = format!("{what} (only file paths may hold any bytes)");
    Some(clap::Error::raw(ErrorKind::InvalidUtf8, message).format(&mut cli::command()))
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
fn wants_json(args: &[OsString]) -> bool {
    args.iter().any(|a| a == "--format=json")
        || args
            .windows(2)
            .any(|w| w[0] == "--format" && w[1] == "json")
}
