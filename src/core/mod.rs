//! The shared core: the model, the policy, the settings, the clock, the names of audit
//! events, the audit chain's encoding, the reading of a users CSV and of an audit export kept
//! as evidence. No SQL and no printing
//! here.

pub mod access;
pub mod approval;
pub mod audit;
pub mod chain;
pub mod checkpoint;
pub mod clock;
pub mod error;
pub mod events;
pub mod evidence;
pub mod import;
pub mod model;
pub mod policy;
pub mod review;
pub mod session;
pub mod settings;
