//! The shared core: the model, the policy, the settings, the clock, the names of audit
//! events, the audit chain's encoding and the reading of a users CSV. No SQL and no printing
//! here.

pub mod access;
pub mod audit;
pub mod chain;
pub mod clock;
pub mod error;
pub mod events;
pub mod import;
pub mod model;
pub mod policy;
pub mod session;
pub mod settings;
