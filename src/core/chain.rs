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
//! org is empty, form their own chain), or the empty string for a chain's first row. Strings
//! are serialised by serde_json, which is exactly RFC 8785 (JCS) string serialisation (a unit
//! test below holds it to a JCS encoder). Kept heads and checkpoints are checked as rows pass
//! ([`Verifier::expect`]).

use std::collections::HashMap;

use sha2::{Digest, Sha256};

use super::audit::AuditRow;
use super::events::Event;

/// Writes the canonical encoding of a row into `out` (cleared first): its `seq`, then its
/// text fields in column order, `hash` excluded.
pub fn canonical_into(seq: i64, fields: &[&str], out: &mut Vec<u8>) {
    out.clear();
    out.push(b'[');
    out.extend_from_slice(itoa::Buffer::new().format(seq).as_bytes());
    for s in fields {
        out.push(b',');
        // Serializing a &str into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut *out, s);
    }
    out.push(b']');
}

/// The hash of a row whose chain's previous hash is `prev`.
pub fn hash(prev: &str, seq: i64, fields: &[&str], scratch: &mut Vec<u8>) -> String {
    canonical_into(seq, fields, scratch);
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

/// The last row of one chain seen so far.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Head {
    pub rows: u64,
    pub seq: i64,
    pub hash: String,
}

/// The first row that does not match its chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Break {
    pub seq: i64,
    /// The org of the row, `(vendor)` for the vendor's chain.
    pub org: String,
    pub problem: String,
}

/// Where a kept head sits in its chain: at a `seq` (a head printed by `audit verify` or
/// recorded by `audit.exported`), or as the chain's n-th row, counted from 1 (a checkpoint's
/// size).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    Seq(i64),
    Row(u64),
}

/// A row a chain must still hold, with the hash it had when the head was taken.
#[derive(Debug, Clone)]
struct Expectation {
    at: Position,
    hash: String,
    met: bool,
}

impl Expectation {
    fn describe(&self) -> String {
        match self.at {
            Position::Seq(seq) => format!("row {seq} with hash {}", self.hash),
            Position::Row(n) => format!("{n} rows ending in hash {}", self.hash),
        }
    }
}

/// Walks rows in `seq` order and checks each against the head of its chain. Keeps one head
/// per chain and the expectations it was given, nothing per row.
#[derive(Debug, Default)]
pub struct Verifier {
    heads: HashMap<String, Head>,
    scratch: Vec<u8>,
    /// Rows the chains must hold, by org: heads and checkpoints kept from earlier.
    expected: HashMap<String, Vec<Expectation>>,
}

impl Verifier {
    /// Requires the chain of `org` to hold, at `at`, a row whose hash is `hash`: a head
    /// taken earlier and kept elsewhere. A cut tail, a rewritten row and a recomputed chain
    /// all fail it, though each leaves a chain that is valid on its own. Checked as rows pass;
    /// one never met is a [`Break`] at [`Verifier::finish`].
    pub fn expect(&mut self, org: &str, at: Position, hash: &str) {
        self.expected
            .entry(org.to_string())
            .or_default()
            .push(Expectation {
                at,
                hash: hash.to_ascii_lowercase(),
                met: false,
            });
    }

    pub fn check(&mut self, row: &AuditRow) -> Result<(), Break> {
        let broken = |problem: &str| Break {
            seq: row.seq,
            org: chain_name(&row.org).to_string(),
            problem: problem.into(),
        };
        let prev = self.heads.get(&row.org).map_or("", |h| h.hash.as_str());
        let expected = row.expected_hash(prev, &mut self.scratch);
        if expected != row.hash {
            return Err(broken(if prev.is_empty() {
                "the chain does not start here: its first rows were removed, or this row was altered"
            } else {
                "its hash does not match its contents and the row before it in its chain: this row or one before it was altered, removed or inserted"
            }));
        }
        if prev.is_empty() && !starts_a_chain(&row.org, &row.event) {
            return Err(broken(if row.org.is_empty() {
                "the vendor's chain does not begin with store.created or operator.added: its first rows were removed and the chain recomputed"
            } else {
                "the chain does not begin with org.created: its first rows were removed and the chain recomputed"
            }));
        }
        let head = match self.heads.get_mut(&row.org) {
            Some(head) => head,
            None => self.heads.entry(row.org.clone()).or_default(),
        };
        head.rows += 1;
        head.seq = row.seq;
        head.hash = expected;
        if !self.expected.is_empty() {
            if let Some(expectations) = self.expected.get_mut(&row.org) {
                for e in expectations.iter_mut().filter(|e| !e.met) {
                    let here = match e.at {
                        Position::Seq(seq) if seq < row.seq => {
                            return Err(broken(&format!(
                                "the chain no longer holds {}: that row was removed and the chain recomputed after it",
                                e.describe()
                            )));
                        }
                        Position::Seq(seq) => seq == row.seq,
                        Position::Row(n) => n == head.rows,
                    };
                    if here {
                        if e.hash != head.hash {
                            return Err(broken(&format!(
                                "the chain no longer holds {}: this row now has hash {}; the chain was rewritten since that head was taken",
                                e.describe(),
                                head.hash
                            )));
                        }
                        e.met = true;
                    }
                }
            }
        }
        Ok(())
    }

    /// Ends the walk: every chain in `expected` (the orgs of the store) must have been seen,
    /// since an org whose every row was removed leaves no row to fail. The heads come back
    /// in org order, the vendor's first.
    pub fn finish(self, expected: &[String]) -> Result<Vec<(String, Head)>, Break> {
        if let Some(missing) = expected.iter().find(|o| !self.heads.contains_key(*o)) {
            return Err(Break {
                seq: 0,
                org: chain_name(missing).to_string(),
                problem: "the chain is missing: the org exists but none of its audit rows do"
                    .into(),
            });
        }
        let mut unmet: Vec<(&String, &Expectation)> = self
            .expected
            .iter()
            .flat_map(|(org, es)| es.iter().filter(|e| !e.met).map(move |e| (org, e)))
            .collect();
        unmet.sort_by(|a, b| a.0.cmp(b.0));
        if let Some((org, e)) = unmet.first() {
            let problem = match self.heads.get(*org) {
                Some(head) => format!(
                    "the chain no longer holds {}: it ends at seq {} after {} rows; its tail was cut",
                    e.describe(),
                    head.seq,
                    head.rows
                ),
                None => format!(
                    "the chain no longer holds {}: none of its rows is here",
                    e.describe()
                ),
            };
            return Err(Break {
                seq: match e.at {
                    Position::Seq(seq) => seq,
                    Position::Row(_) => self.heads.get(*org).map_or(0, |h| h.seq),
                },
                org: chain_name(org).to_string(),
                problem,
            });
        }
        let mut heads: Vec<(String, Head)> = self.heads.into_iter().collect();
        heads.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(heads)
    }
}

/// Whether `event` may be the first row of the chain of `org`.
fn starts_a_chain(org: &str, event: &str) -> bool {
    match org.is_empty() {
        true => event == Event::StoreCreated.as_str() || event == Event::OperatorAdded.as_str(),
        false => event == Event::OrgCreated.as_str(),
    }
}

/// How a chain is named to people: its org, or `(vendor)` for the vendor's own rows.
pub fn chain_name(org: &str) -> &str {
    if org.is_empty() {
        "(vendor)"
    } else {
        org
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_form_is_a_compact_json_array() {
        let f = [
            "2026-06-01T12:00:00.000Z",
            "acme",
            "config.changed",
            "ok",
            "",
            "pa@vendor.test",
            "program-architect",
            "",
            "",
            r#"{"key":"require-reason","new":"true","old":"false"}"#,
        ];
        let mut buf = Vec::new();
        canonical_into(7, &f, &mut buf);
        assert_eq!(
            String::from_utf8(buf.clone()).unwrap(),
            r#"[7,"2026-06-01T12:00:00.000Z","acme","config.changed","ok","","pa@vendor.test","program-architect","","","{\"key\":\"require-reason\",\"new\":\"true\",\"old\":\"false\"}"]"#
        );
        // The first row of a chain hashes its encoding alone.
        let first = hash("", 7, &f, &mut buf);
        assert_eq!(first, hex(&Sha256::digest(&buf)));
        assert_ne!(hash(&first, 7, &f, &mut buf), first);
    }

    /// RFC 8785 §3.2.2.2, written from the RFC alone: `"` and `\\` escaped, the five short
    /// escapes, other controls as `\u00xx` in lower-case hex, every other character as is.
    fn jcs_string(s: &str) -> String {
        let mut out = String::from("\"");
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\u{8}' => out.push_str("\\b"),
                '\u{c}' => out.push_str("\\f"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
                c => out.push(c),
            }
        }
        out.push('"');
        out
    }

    #[test]
    fn strings_are_encoded_as_rfc_8785_does() {
        let mut samples: Vec<String> = (0u8..=0x7f).map(|b| char::from(b).to_string()).collect();
        samples.extend(
            [
                "\u{2028}",
                "\u{2029}",
                "\u{7f}",
                "Zoë",
                "€",
                "👋🏽",
                "\u{202e}abc",
                "\u{feff}",
                "/",
                "a\"b\\c\u{0}d\u{1f}e",
            ]
            .map(String::from),
        );
        let mut buf = Vec::new();
        for s in &samples {
            canonical_into(1, &[s], &mut buf);
            let got = String::from_utf8(buf.clone()).unwrap();
            assert_eq!(got, format!("[1,{}]", jcs_string(s)), "{s:?}");
        }
    }
}
