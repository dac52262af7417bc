//! admin-proxy: administrators impersonate users for a limited time, safely and on the record.

/// Runs one command: clock, store, org and actor, dispatch.
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
/// The only place that prints: tables, JSON, CSV, prompts, progress.
pub mod output;
/// SQLite: opening, migrations, one module per table family, the audit chain.
pub mod store;

pub use error::{Error, Result};
