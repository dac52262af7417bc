//! Impersonation sessions (SPEC §5): one file per command. Expiry and the revocation cascade
//! are in [`lifecycle`](crate::lifecycle); who may impersonate whom in
//! [`policy`](crate::core::policy).

pub mod act;
pub mod list;
pub mod start;
pub mod status;
pub mod stop;
pub mod sweep;
