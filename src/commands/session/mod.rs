//! Impersonation sessions (SPEC §5): one file per command. Expiry and the revocation cascade
//! are in [`lifecycle`](crate::lifecycle); who may impersonate whom in
//! [`policy`](crate::core::policy).

pub mod act;
pub mod list;
pub mod start;
pub mod status;
pub mod stop;
pub mod sweep;

use crate::core::model::{Actor, User};
use crate::core::policy::Denial;
use crate::error::{Error, Result};

/// The org user behind an actor. Operators are not org users (SPEC §4): they have no
/// sessions and impersonate nobody (`actor_unknown`).
pub(crate) fn org_user(actor: &Actor) -> Result<&User> {
    actor.as_user().ok_or_else(|| Error::Denied {
        denial: Denial::ActorUnknown,
        message: format!(
            "{} is an operator; operators are not org users and impersonate nobody",
            actor.email()
        ),
    })
}
