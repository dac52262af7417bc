//! The audit log for compliance (SPEC §6): export and verify.

mod export;
mod verify;

pub use export::export;
pub use verify::verify;
