//! One module per command family. A command checks its arguments, then the actor and their
//! permission (SPEC §8), then what it names; it returns an [`Answer`] and never prints (lists
//! and exports stream through `output`).

pub mod approval;
pub mod audit;
pub mod config;
pub mod demo;
pub mod docs;
pub mod notifications;
pub mod org;
pub mod session;
pub mod users;

use crate::actor;
use crate::core::model::{Actor, Org};
use crate::error::Result;
use crate::options::Options;
use crate::output::Report;
use crate::store::{Store, Tx};

/// The conflict code of an email that is already an operator's or an org user's: an email
/// is one or the other, never both (SPEC §7).
pub const EMAIL_IN_USE: &str = "email_in_use";

/// What a command answers: a report for `output` to print in the chosen format, or nothing
/// more because it streamed its own output as it read (lists, exports, drains).
#[derive(Debug)]
pub enum Answer {
    Report(Report),
    Streamed,
}

impl From<Report> for Answer {
    fn from(report: Report) -> Self {
        Answer::Report(report)
    }
}

/// Runs `f` in one write transaction (rolled back when `commit` is false), with the actor
/// and the org looked up inside it: the permission `f` checks and the change it makes see the
/// same store, whoever else is writing.
pub fn write_in_org<T>(
    store: &mut Store,
    opts: &Options,
    commit: bool,
    f: impl FnOnce(&mut Tx<'_>, &Actor, &Org) -> Result<T>,
) -> Result<T> {
    store.transaction(commit, |tx| {
        let (actor, org) = actor::in_org(tx.read(), opts)?;
        f(tx, &actor, &org)
    })
}
