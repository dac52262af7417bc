//! The audit log for compliance (SPEC §6): export, verify (the store or an export alone), and
//! signed checkpoints of the chains' heads.

mod export;
mod keys;
mod verify;
mod verify_file;

pub use export::export;
pub use keys::{checkpoint, keygen, PRIVATE_KEY_FILE, PUBLIC_KEY_FILE};
pub use verify::verify;
pub use verify_file::verify_file;
