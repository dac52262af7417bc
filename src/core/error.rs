//! The one error of the core: input that is not valid, with an optional hint. Every refusal
//! the core makes is of this kind. The CLI's error type converts from it (`crate::error`);
//! the core never depends on the CLI's error type.

/// Input the core refuses: exit 2 once it reaches the CLI. `message` is the text shown after
/// `error: `, `hint` the line that says what to do, when one helps.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Invalid {
    pub message: String,
    pub hint: Option<String>,
}

impl Invalid {
    pub fn new(message: impl Into<String>) -> Self {
        Invalid {
            message: message.into(),
            hint: None,
        }
    }

    pub fn with_hint(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Invalid {
            message: message.into(),
            hint: Some(hint.into()),
        }
    }
}

/// The core's result: [`Invalid`] unless said otherwise.
pub type Result<T, E = Invalid> = std::result::Result<T, E>;
