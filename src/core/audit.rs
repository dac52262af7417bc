//! The audit row of SPEC §6, declared once: its columns, the row as stored and exported, the
//! entry a change appends, and the filters an export reads by. The chain's encoding and hash
//! are in [`chain`](super::chain); the SQL that stores rows is in `store`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::chain;
use super::clock::format_instant;
use super::events::{Event, Outcome};
use super::model::Actor;

/// The column names of §6, in order: the CSV header, and the order of every field list below.
pub const COLUMNS: [&str; 12] = [
    "seq",
    "timestamp",
    "org",
    "event",
    "outcome",
    "reason",
    "actor",
    "actor_role",
    "target",
    "session_id",
    "details",
    "hash",
];

/// The text fields between `seq` and `hash`: what the chain hashes after `seq`.
pub const HASHED_TEXT_FIELDS: usize = 10;

/// One stored row, as exported. Field order is [`COLUMNS`]; every list of this row's fields
/// is derived from [`AuditRow::text`] and [`AuditRow::text_mut`].
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AuditRow {
    pub seq: i64,
    pub timestamp: String,
    pub org: String,
    pub event: String,
    pub outcome: String,
    pub reason: String,
    pub actor: String,
    pub actor_role: String,
    pub target: String,
    pub session_id: String,
    pub details: String,
    pub hash: String,
}

impl AuditRow {
    /// The text cells after `seq`, in column order, `hash` last.
    pub fn text(&self) -> [&str; 11] {
        [
            &self.timestamp,
            &self.org,
            &self.event,
            &self.outcome,
            &self.reason,
            &self.actor,
            &self.actor_role,
            &self.target,
            &self.session_id,
            &self.details,
            &self.hash,
        ]
    }

    /// [`AuditRow::text`], to be filled in place (a reader reuses one row's buffers).
    pub fn text_mut(&mut self) -> [&mut String; 11] {
        [
            &mut self.timestamp,
            &mut self.org,
            &mut self.event,
            &mut self.outcome,
            &mut self.reason,
            &mut self.actor,
            &mut self.actor_role,
            &mut self.target,
            &mut self.session_id,
            &mut self.details,
            &mut self.hash,
        ]
    }

    /// The fields the chain hashes: `seq` and the text fields before `hash`.
    pub fn hashed(&self) -> (i64, [&str; HASHED_TEXT_FIELDS]) {
        let t = self.text();
        let mut out = [""; HASHED_TEXT_FIELDS];
        out.copy_from_slice(&t[..HASHED_TEXT_FIELDS]);
        (self.seq, out)
    }

    /// The hash this row should have after a chain whose last hash is `prev`.
    pub fn expected_hash(&self, prev: &str, scratch: &mut Vec<u8>) -> String {
        let (seq, fields) = self.hashed();
        chain::hash(prev, seq, &fields, scratch)
    }
}

/// One row to append; the store works out `seq` and `hash`.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    pub timestamp: DateTime<Utc>,
    pub org: &'a str,
    pub event: Event,
    pub outcome: Outcome,
    pub reason: &'a str,
    pub actor: &'a str,
    pub actor_role: &'a str,
    pub target: &'a str,
    pub session_id: &'a str,
    /// A JSON object, already encoded.
    pub details: String,
}

impl<'a> Entry<'a> {
    /// An `ok` row with every optional field empty.
    pub fn new(timestamp: DateTime<Utc>, org: &'a str, event: Event) -> Self {
        Entry {
            timestamp,
            org,
            event,
            outcome: Outcome::Ok,
            reason: "",
            actor: "",
            actor_role: "",
            target: "",
            session_id: "",
            details: "{}".to_string(),
        }
    }

    pub fn actor(mut self, email: &'a str, role: &'a str) -> Self {
        self.actor = email;
        self.actor_role = role;
        self
    }

    /// The actor who runs the command.
    pub fn by(self, actor: &'a Actor) -> Self {
        self.actor(actor.email(), actor.role_name())
    }

    pub fn target(mut self, email: &'a str) -> Self {
        self.target = email;
        self
    }

    pub fn reason(mut self, reason: &'a str) -> Self {
        self.reason = reason;
        self
    }

    pub fn session(mut self, id: &'a str) -> Self {
        self.session_id = id;
        self
    }

    pub fn denied(mut self, code: &'a str) -> Self {
        self.outcome = Outcome::Denied;
        self.reason = code;
        self
    }

    pub fn details(mut self, details: serde_json::Value) -> Self {
        self.details = details.to_string();
        self
    }

    /// Details from a typed value, encoded without building a `serde_json::Value` first (the
    /// bulk import writes one per user). A value that cannot be encoded is an error, never
    /// an empty object in the log.
    pub fn details_of(mut self, details: &impl Serialize) -> Result<Self, serde_json::Error> {
        self.details = serde_json::to_string(details)?;
        Ok(self)
    }

    /// The row's text fields before `hash`, with its timestamp formatted as stored.
    pub fn hashed_text<'s>(&'s self, timestamp: &'s str) -> [&'s str; HASHED_TEXT_FIELDS] {
        [
            timestamp,
            self.org,
            self.event.as_str(),
            self.outcome.as_str(),
            self.reason,
            self.actor,
            self.actor_role,
            self.target,
            self.session_id,
            &self.details,
        ]
    }

    /// The stored form of the timestamp.
    pub fn stored_timestamp(&self) -> String {
        format_instant(self.timestamp)
    }
}

/// Which rows an export reads. Every filter runs in the store on an indexed column.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Filter {
    /// `None`: every org's rows and the vendor's (`--all-orgs`).
    pub org: Option<String>,
    /// From this instant, inclusive, in the stored form.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    /// Before this instant, in the stored form.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    /// Exact event names.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<String>,
    /// Families, `impersonation` for `impersonation.*`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub families: Vec<String>,
    /// The actor's email, folded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// The target's email, folded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// Only rows after this seq (`--after`; the demo shows the rows of its own session).
    #[serde(rename = "after", skip_serializing_if = "Option::is_none")]
    pub after_seq: Option<i64>,
}
