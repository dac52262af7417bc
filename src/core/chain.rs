//! The audit chain's canonical encoding and hash (SPEC §6), defined once here and documented
//! in the README so that an auditor can recompute it in a few lines of any language:
//!
//! ```text
//! canonical = JSON array, no spaces, of the row's fields in column order, hash excluded:
//!             [seq, timestamp, org, event, outcome, reason, actor, actor_role, target,
//!              session_id, details]          (seq a number, every other field a string)
//! hash      = lower-case hex SHA-256 of the UTF-8 bytes of  previous_hash + canonical
//! ```
//!
//! `previous_hash` is the hash of the previous row of the same org (the vendor's rows, whose
//! org is empty, form their own chain), or the empty string for a chain's first row.

use std::io::Write;

use sha2::{Digest, Sha256};

/// The fields of one audit row, borrowed.
#[derive(Debug, Clone, Copy)]
pub struct Fields<'a> {
    pub seq: i64,
    pub timestamp: &'a str,
    pub org: &'a str,
    pub event: &'a str,
    pub outcome: &'a str,
    pub reason: &'a str,
    pub actor: &'a str,
    pub actor_role: &'a str,
    pub target: &'a str,
    pub session_id: &'a str,
    pub details: &'a str,
}

/// Writes the canonical encoding of `f` into `out` (cleared first).
pub fn canonical_into(f: &Fields<'_>, out: &mut Vec<u8>) {
    out.clear();
    out.push(b'[');
    // Writing into a Vec cannot fail.
    let _ = write!(out, "{}", f.seq);
    for s in [
        f.timestamp,
        f.org,
        f.event,
        f.outcome,
        f.reason,
        f.actor,
        f.actor_role,
        f.target,
        f.session_id,
        f.details,
    ] {
        out.push(b',');
        // Serializing a &str into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut *out, s);
    }
    out.push(b']');
}

/// The hash of a row whose chain's previous hash is `prev`.
pub fn hash(prev: &str, f: &Fields<'_>, scratch: &mut Vec<u8>) -> String {
    canonical_into(f, scratch);
    let mut h = Sha256::new();
    h.update(prev.as_bytes());
    h.update(&scratch[..]);
    hex(&h.finalize())
}

/// Lower-case hex of a byte string.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_form_is_a_compact_json_array() {
        let f = Fields {
            seq: 7,
            timestamp: "2026-06-01T12:00:00.000Z",
            org: "acme",
            event: "config.changed",
            outcome: "ok",
            reason: "",
            actor: "pa@vendor.test",
            actor_role: "program-architect",
            target: "",
            session_id: "",
            details: r#"{"key":"require-reason","new":"true","old":"false"}"#,
        };
        let mut buf = Vec::new();
        canonical_into(&f, &mut buf);
        assert_eq!(
            String::from_utf8(buf.clone()).unwrap(),
            r#"[7,"2026-06-01T12:00:00.000Z","acme","config.changed","ok","","pa@vendor.test","program-architect","","","{\"key\":\"require-reason\",\"new\":\"true\",\"old\":\"false\"}"]"#
        );
        // The first row of a chain hashes its encoding alone.
        let first = hash("", &f, &mut buf);
        assert_eq!(first, hex(&Sha256::digest(&buf)));
        assert_ne!(hash(&first, &f, &mut buf), first);
    }
}
