//! admin-proxy: administrators impersonate users for a limited time, safely and on the record.

/// Who runs a command: the actor looked up and the org selected.
pub mod actor;
/// Runs one command: clock, options, the store opened as the command needs, dispatch.
pub mod app;
/// The command line: clap definitions, also the source of the man pages and completions.
pub mod cli;
/// One module per command family; commands return data, never print.
pub mod commands;
/// Model, policy, settings, clock, audit events and chain encoding, CSV import: no SQL, no
/// printing.
pub mod core;
/// The one error type and its exit codes.
pub mod error;
/// Expiry and the revocation cascade: the session lifecycle outside the commands.
pub mod lifecycle;
/// The global options of one run, as plain data.
pub mod options;
/// The only place that prints: tables, JSON, CSV, prompts, progress.
pub mod output;
/// The store behind domain methods: opening, migrations, one module per table family, the
/// audit chain; the only place with SQL.
pub mod store;

pub use error::{Error, Result};
