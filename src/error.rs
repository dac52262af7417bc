//! The one error type of the crate. Each variant knows its exit code (SPEC §9) and the
//! stable `code` that `--format json` prints. Nothing here prints.

use crate::core::access::Forbidden;
use crate::core::error::Invalid;
use crate::core::policy::Denial;
use crate::store::StoreError;

/// Exit codes of SPEC §9.
pub mod exit {
    pub const OK: u8 = 0;
    pub const INTERNAL: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const DENIED: u8 = 3;
    pub const NOT_FOUND: u8 = 4;
    pub const CONFLICT: u8 = 5;
    pub const CHAIN_BROKEN: u8 = 6;
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad usage or invalid input: exit 2.
    #[error("{message}")]
    Invalid {
        message: String,
        hint: Option<String>,
    },
    /// A rule of SPEC §4 (or `personal_action`) refused the attempt: exit 3.
    #[error("{message}")]
    Denied { denial: Denial, message: String },
    /// The actor may not run this command (SPEC §8): exit 3.
    #[error("{0}")]
    Forbidden(String),
    /// A named user, session or org does not exist: exit 4.
    #[error("{what} not found")]
    NotFound { what: String, hint: Option<String> },
    /// The store's state does not allow it (no active session, already exists): exit 5.
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    /// `audit verify` found a row that does not match its chain: exit 6.
    #[error("audit chain broken at seq {seq} (org {org}): {problem}")]
    ChainBroken {
        seq: i64,
        org: String,
        problem: String,
    },
    /// A signed checkpoint that the public key given does not vouch for, or that is of
    /// another store: exit 6.
    #[error("checkpoint refused: {0}")]
    Checkpoint(String),
    /// Reading or writing a file failed: exit 1.
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
    /// The store failed (busy for too long, a row it cannot read): exit 1.
    #[error("{0}")]
    Store(StoreError),
    /// A refusal already written to the audit log with the transaction that decided it
    /// (`impersonation.denied`): reported as the refusal it wraps, and not recorded again.
    #[error("{0}")]
    Recorded(Box<Error>),
    /// The output stream was closed by the reader (`| head`): ends quietly with 0.
    #[error("broken pipe")]
    BrokenPipe,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What a write transaction decided: a result, or a refusal that is committed all the same,
/// so that a denied attempt is on the record although the command fails.
#[derive(Debug)]
pub enum Verdict<T> {
    Done(T),
    Refused(Error),
}

impl<T> Verdict<T> {
    pub fn into_result(self) -> Result<T> {
        match self {
            Verdict::Done(value) => Ok(value),
            Verdict::Refused(error) => Err(Error::Recorded(Box::new(error))),
        }
    }
}

/// The core's refusals are this crate's `Invalid` (exit 2), message and hint unchanged, so
/// that `?` on a core function works in any command.
impl From<Invalid> for Error {
    fn from(e: Invalid) -> Self {
        Error::Invalid {
            message: e.message,
            hint: e.hint,
        }
    }
}

impl From<StoreError> for Error {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Io { context, source } => Error::io(context, source),
            // Every constraint the commands can meet is checked first and refused with its
            // own code; one met here is a write that raced another, a conflict.
            StoreError::Constraint { name, message } => Error::Conflict {
                code: "conflict",
                message: format!(
                    "the store refused the change ({name}): {message}; nothing was written"
                ),
            },
            other => Error::Store(other),
        }
    }
}

impl From<Forbidden> for Error {
    fn from(f: Forbidden) -> Self {
        Error::Forbidden(f.0)
    }
}

impl Error {
    pub fn invalid(message: impl Into<String>) -> Self {
        Error::Invalid {
            message: message.into(),
            hint: None,
        }
    }

    pub fn invalid_with_hint(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Error::Invalid {
            message: message.into(),
            hint: Some(hint.into()),
        }
    }

    pub fn not_found(what: impl Into<String>, hint: impl Into<String>) -> Self {
        Error::NotFound {
            what: what.into(),
            hint: Some(hint.into()),
        }
    }

    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        if source.kind() == std::io::ErrorKind::BrokenPipe {
            return Error::BrokenPipe;
        }
        Error::Io {
            context: context.into(),
            source,
        }
    }

    pub fn conflict(code: &'static str, message: impl Into<String>) -> Self {
        Error::Conflict {
            code,
            message: message.into(),
        }
    }

    pub fn denied(denial: Denial) -> Self {
        Error::Denied {
            message: denial.explain().to_string(),
            denial,
        }
    }

    /// Whether this is a refusal of SPEC §8 (exit 3) that no audit row records yet.
    pub fn unrecorded_refusal(&self) -> bool {
        self.exit_code() == exit::DENIED && !matches!(self, Error::Recorded(_))
    }

    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Recorded(e) => e.exit_code(),
            Error::Invalid { .. } => exit::USAGE,
            Error::Denied { .. } | Error::Forbidden(_) => exit::DENIED,
            Error::NotFound { .. } => exit::NOT_FOUND,
            Error::Conflict { .. } => exit::CONFLICT,
            Error::ChainBroken { .. } | Error::Checkpoint(_) => exit::CHAIN_BROKEN,
            Error::Io { .. } | Error::Store(_) => exit::INTERNAL,
            Error::BrokenPipe => exit::OK,
        }
    }

    /// The stable machine-readable code printed by `--format json`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Recorded(e) => e.code(),
            Error::Invalid { .. } => "invalid_input",
            Error::Denied { denial, .. } => denial.code(),
            Error::Forbidden(_) => "forbidden",
            Error::NotFound { .. } => "not_found",
            Error::Conflict { code, .. } => code,
            Error::ChainBroken { .. } => "chain_broken",
            Error::Checkpoint(_) => "checkpoint_refused",
            Error::Store(StoreError::NotAStore { .. }) => "not_a_store",
            Error::Io { .. } => "io_error",
            Error::Store(_) => "store_error",
            Error::BrokenPipe => "broken_pipe",
        }
    }

    /// The one-line message shown after `error: `; denials carry their code.
    pub fn message(&self) -> String {
        match self {
            Error::Recorded(e) => e.message(),
            Error::Denied { denial, message } => format!("denied ({}): {message}", denial.code()),
            other => other.to_string(),
        }
    }

    pub fn hint(&self) -> Option<&str> {
        match self {
            Error::Recorded(e) => e.hint(),
            Error::Invalid { hint, .. } | Error::NotFound { hint, .. } => hint.as_deref(),
            Error::Store(StoreError::Busy(_)) => {
                Some("another admin-proxy process held the store for too long; try again")
            }
            Error::Store(StoreError::Corrupt { .. }) => Some(
                "the row was changed outside admin-proxy; keep the store as evidence and restore it from a backup",
            ),
            Error::ChainBroken { .. } => {
                Some("the audit log was altered outside admin-proxy; keep the store as evidence")
            }
            Error::Checkpoint(_) => Some(
                "check the checkpoint against the public key kept with it, away from the store's host",
            ),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_core_refusal_keeps_its_message_hint_and_exit_code() {
        let e = Error::from(Invalid::with_hint("bad value", "try another"));
        assert_eq!(e.exit_code(), exit::USAGE);
        assert_eq!(e.code(), "invalid_input");
        assert_eq!(e.message(), "bad value");
        assert_eq!(e.hint(), Some("try another"));
        assert_eq!(Error::from(Invalid::new("bare")).hint(), None);
    }

    #[test]
    fn a_constraint_the_store_meets_is_a_conflict_never_an_internal_error() {
        let e = Error::from(StoreError::Constraint {
            name: "sessions.actor_id".into(),
            message: "UNIQUE constraint failed: sessions.actor_id".into(),
        });
        assert_eq!(e.exit_code(), exit::CONFLICT);
        assert!(
            e.message().contains("nothing was written"),
            "{}",
            e.message()
        );
        let busy = Error::from(StoreError::Busy("database is locked".into()));
        assert_eq!(busy.exit_code(), exit::INTERNAL);
        assert!(busy.hint().is_some_and(|h| h.contains("try again")));
    }
}
