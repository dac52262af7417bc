//! What can go wrong in the store, in the store's own words: the driver's errors are mapped
//! here, once, so that nothing outside `store` sees a driver type.

/// A store failure, neutral of the database behind it.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Another process held the store longer than the busy timeout.
    #[error("the store is busy: {0}")]
    Busy(String),
    /// A constraint of the schema refused a write; `name` is the constraint or index.
    #[error("the store refused a write ({name}): {message}")]
    Constraint { name: String, message: String },
    /// A row that this build cannot read back: the table and the row are named.
    #[error("{table} row {row} cannot be read: {detail}")]
    Corrupt {
        table: &'static str,
        row: String,
        detail: String,
    },
    /// An audit row whose cells are not all text: changed outside admin-proxy.
    #[error("audit_log row seq {seq} (org {org:?}) cannot be read: {detail}")]
    UnreadableAuditRow {
        seq: i64,
        org: String,
        detail: String,
    },
    /// The file exists but is not an admin-proxy store.
    #[error("{path} is not an admin-proxy store ({detail})")]
    NotAStore { path: String, detail: String },
    /// A file around the store cannot be created or opened.
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
    /// A write was cut short and its rollback journal is still beside the file: a command
    /// that only reads cannot undo it.
    #[error(
        "the store {path} holds a write that was cut short (its rollback journal {path}-journal is beside it); \
         open it for writing once to undo that write, e.g. `admin-proxy --db {path} init`, then run this again"
    )]
    Interrupted { path: String },
    /// A change was made without its audit row: the transaction is rolled back.
    #[error("internal error: a change to the store had no audit row, so nothing was written")]
    Unaudited,
    /// Anything else the database reported.
    #[error("store error: {0}")]
    Other(String),
}

pub type StoreResult<T> = Result<T, StoreError>;

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        match &e {
            rusqlite::Error::SqliteFailure(f, msg) => match f.code {
                ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => {
                    StoreError::Busy(e.to_string())
                }
                ErrorCode::ConstraintViolation => {
                    let message = msg.clone().unwrap_or_else(|| e.to_string());
                    StoreError::Constraint {
                        name: constraint_name(&message),
                        message,
                    }
                }
                ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt => StoreError::NotAStore {
                    path: String::new(),
                    detail: "it is not a SQLite database, or it is damaged".into(),
                },
                _ => StoreError::Other(e.to_string()),
            },
            _ => StoreError::Other(e.to_string()),
        }
    }
}

/// The constraint SQLite names in its message (`UNIQUE constraint failed: users.org_id,
/// users.email` gives `users.org_id,users.email`; a trigger's message is kept whole).
fn constraint_name(message: &str) -> String {
    match message.split_once("constraint failed: ") {
        Some((_, cols)) => cols.replace(' ', ""),
        None => message.to_string(),
    }
}

impl StoreError {
    /// Names the store file in errors that are about the file.
    pub(crate) fn at(self, path: &str) -> StoreError {
        match self {
            StoreError::NotAStore { path: p, detail } if p.is_empty() => StoreError::NotAStore {
                path: path.to_string(),
                detail,
            },
            other => other,
        }
    }
}
