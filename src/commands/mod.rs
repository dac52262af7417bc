//! One module per command family. A command checks its arguments, then the actor and their
//! permission (SPEC §8), then what it names; it returns a [`Report`](crate::output::Report)
//! and never prints (streams go through `output`).

pub mod audit;
pub mod config;
pub mod demo;
pub mod docs;
pub mod org;
pub mod session;
pub mod users;

use crate::core::model::{Actor, Role};
use crate::error::{Error, Result};

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

/// Exit 3 unless the actor is one of `allowed`.
pub fn permit(actor: &Actor, allowed: &[Who], action: &str) -> Result<()> {
    if allowed.contains(&Who::of(actor)) {
        return Ok(());
    }
    let who: Vec<&str> = allowed.iter().map(|w| w.plural()).collect();
    Err(Error::Forbidden(format!(
        "{} ({}) may not {action}: only {} may",
        actor.email(),
        actor.role_name(),
        who.join(" and ")
    )))
}
