//! The audit log for compliance (SPEC §6): export, tail, the access review, verify (the store or an export alone), and
//! signed checkpoints of the chains' heads.

mod export;
mod keys;
mod review;
mod tail;
mod verify;
mod verify_file;

pub use export::export;
pub use keys::{checkpoint, keygen, PRIVATE_KEY_FILE, PUBLIC_KEY_FILE};
pub use review::review;
pub use tail::tail;
pub use verify::verify;
pub use verify_file::verify_file;
