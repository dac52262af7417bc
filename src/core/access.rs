//! Who may run which command (SPEC §8): the kinds of people of its table, and the check a
//! command makes before it reads or changes anything.

use super::model::{Actor, Role};

/// The kinds of people of SPEC §8's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    Operator,
    SuperAdmin,
    HrAdmin,
    User,
}

impl Who {
    pub fn of(actor: &Actor) -> Who {
        match actor {
            Actor::Operator(_) => Who::Operator,
            Actor::User(u) => match u.role {
                Role::SuperAdmin => Who::SuperAdmin,
                Role::HrAdmin => Who::HrAdmin,
                Role::User => Who::User,
            },
        }
    }

    fn plural(self) -> &'static str {
        match self {
            Who::Operator => "operators",
            Who::SuperAdmin => "super admins",
            Who::HrAdmin => "HR admins",
            Who::User => "users",
        }
    }
}

/// A command refused to its actor by SPEC §8 (exit 3), with the sentence that says why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Forbidden(pub String);

/// Refuses unless the actor is one of `allowed`.
pub fn permit(actor: &Actor, allowed: &[Who], action: &str) -> Result<(), Forbidden> {
    if allowed.contains(&Who::of(actor)) {
        return Ok(());
    }
    let who: Vec<&str> = allowed.iter().map(|w| w.plural()).collect();
    Err(Forbidden(format!(
        "{} ({}) may not {action}: only {} may",
        actor.email(),
        actor.role_name(),
        who.join(" and ")
    )))
}
