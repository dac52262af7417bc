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

/// A new id: `prefix` and 16 hex digits of randomness from the operating system. Ids need
/// only be unique; should that source fail, the clock and the process id stand in.
pub fn random_id(prefix: &str) -> String {
    let mut bytes = [0u8; 8];
    if getrandom::fill(&mut bytes).is_err() {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        bytes = (nanos as u64 ^ u64::from(std::process::id()) << 32).to_le_bytes();
    }
    format!("{prefix}{}", chain::hex(&bytes))
}
