//! Impersonation sessions (SPEC §5): one file per command. Expiry and the revocation cascade
//! are in [`lifecycle`](crate::lifecycle); who may impersonate whom in
//! [`policy`](crate::core::policy).

pub mod act;
pub mod list;
pub mod start;
pub mod status;
pub mod stop;
pub mod sweep;

use chrono::{DateTime, Utc};
use serde_json::json;

use crate::actor;
use crate::core::audit::Entry;
use crate::core::events::Event;
use crate::core::model::{Operator, Org, User};
use crate::core::policy::Denial;
use crate::core::settings::Settings;
use crate::error::{Error, Result};
use crate::options::Options;
use crate::store::{Store, Tx};

/// The longest reason a session or a request may give.
pub(crate) const MAX_REASON_CHARS: usize = 1000;

/// A reason as given to `flag`, trimmed; exit 2 when it is too long.
pub(crate) fn checked_reason(flag: &str, raw: &str) -> Result<String> {
    let reason = raw.trim();
    if reason.chars().count() > MAX_REASON_CHARS {
        return Err(Error::invalid(format!(
            "{flag} is longer than {MAX_REASON_CHARS} characters"
        )));
    }
    Ok(reason.to_string())
}

/// The org an impersonation is asked in. An org that does not exist has no users: the actor
/// is unknown there (exit 3), as for every other command.
pub(crate) fn org_asked(store: &mut Store, opts: &Options, actor: &str) -> Result<Org> {
    store.read(|r| match actor::select_org(r, opts.org.as_deref()) {
        Err(Error::NotFound { .. }) => Err(actor::unknown_actor(actor, opts.org.as_deref())),
        other => other,
    })
}

/// What the policy judges an impersonation on, read inside the transaction that acts on it.
pub(crate) struct Facts {
    /// The actor when an operator: operators are not org users and impersonate nobody.
    pub operator: Option<Operator>,
    pub actor: Option<User>,
    pub target: Option<User>,
    pub settings: Settings,
}

impl Facts {
    pub fn gather(tx: &Tx<'_>, org: &Org, actor: &str, target: &str) -> Result<Facts> {
        let operator = tx.operators().find(actor)?;
        let actor = match operator {
            Some(_) => None,
            None => tx.users().find(org.id, actor)?,
        };
        Ok(Facts {
            operator,
            actor,
            target: tx.users().find(org.id, target)?,
            settings: tx.settings().load(org.id)?,
        })
    }

    /// Records a denial as `impersonation.denied` (`details` says what was asked) and answers
    /// the refusal, to be committed with its row.
    #[allow(clippy::too_many_arguments)]
    pub fn deny(
        &self,
        tx: &mut Tx<'_>,
        org: &Org,
        (actor, target): (&str, &str),
        denial: Denial,
        details: serde_json::Value,
        asked: &str,
        now: DateTime<Utc>,
    ) -> Result<Error> {
        let role = match (&self.operator, &self.actor) {
            (Some(op), _) => op.role.as_str(),
            (None, Some(a)) => a.role.as_str(),
            (None, None) => "",
        };
        tx.audit().append(
            Entry::new(now, &org.slug, Event::ImpersonationDenied)
                .actor(actor, role)
                .target(target)
                .denied(denial.code())
                .details(details),
        )?;
        Ok(Error::Denied {
            denial,
            message: format!("{actor} may not {asked} {target}: {}", denial.explain()),
        })
    }
}

/// The details of a denied start or request: what was given as a reason, and the command.
pub(crate) fn asked_with(reason: &str, command: Option<&str>) -> serde_json::Value {
    match command {
        Some(c) => json!({"command": c, "reason_given": reason}),
        None => json!({"reason_given": reason}),
    }
}
