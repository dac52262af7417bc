//! Signed checkpoints of the audit chains (SPEC §6): Ed25519 keys in the text forms of Go's
//! `golang.org/x/mod/sumdb/note`, and C2SP signed notes whose text is a C2SP tlog checkpoint:
//!
//! ```text
//! admin-proxy/<store id>/<org or vendor>     origin
//! <rows in the chain>                        the "tree size"
//! <base64 of the 32 bytes of the head hash>  the "root hash"
//! clock test                                 an extension line, on a test-clock store only
//!
//! — <key name> <base64(4-byte key id || 64-byte Ed25519 signature of the text above)>
//! ```
//!
//! Pure: text in, text out; no file is read here and nothing is printed.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};

use super::chain::hex;
use super::error::Invalid;

/// The name keys are made with.
pub const KEY_NAME: &str = "admin-proxy";

/// The first word of every origin line.
pub const ORIGIN_PREFIX: &str = "admin-proxy";

/// How the vendor's chain is named in an origin.
pub const VENDOR_ORIGIN: &str = "vendor";

/// The algorithm byte of an Ed25519 key in the note formats.
const ED25519: u8 = 0x01;

/// The em dash and space that open a signature line.
const SIGNATURE_PREFIX: &str = "\u{2014} ";

/// The key id of a note key: the first 4 bytes, big-endian, of
/// SHA-256(name || 0x0A || 0x01 || public key).
fn key_id(name: &str, public: &[u8; 32]) -> u32 {
    let mut h = Sha256::new();
    h.update(name.as_bytes());
    h.update([b'\n', ED25519]);
    h.update(public);
    let d = h.finalize();
    u32::from_be_bytes([d[0], d[1], d[2], d[3]])
}

fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && !name
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '+')
}

/// Reads `<name>+<8 hex>+<base64(0x01 || 32 bytes)>`, checking the id against the key.
fn parse_key_text(text: &str, what: &str) -> Result<(String, u32, [u8; 32]), Invalid> {
    let bad = |why: &str| Invalid::new(format!("{what} is not valid: {why}"));
    let mut parts = text.trim().splitn(3, '+');
    let (Some(name), Some(id), Some(key)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(bad("expected NAME+ID+KEY"));
    };
    if !valid_name(name) {
        return Err(bad("its name is empty or holds spaces"));
    }
    let id = u32::from_str_radix(id, 16)
        .ok()
        .filter(|_| id.len() == 8)
        .ok_or_else(|| bad("its id is not 8 hex digits"))?;
    let bytes = BASE64
        .decode(key)
        .map_err(|_| bad("its key is not base64"))?;
    let key: [u8; 32] = match bytes.split_first() {
        Some((&ED25519, rest)) => rest
            .try_into()
            .map_err(|_| bad("its key is not 32 bytes"))?,
        _ => return Err(bad("it is not an Ed25519 key")),
    };
    Ok((name.to_string(), id, key))
}

/// A checkpoint key's private half.
pub struct PrivateKey {
    name: String,
    signing: SigningKey,
}

/// A checkpoint key's public half: what a reader keeps to check checkpoints with.
#[derive(Debug, Clone)]
pub struct PublicKey {
    name: String,
    verifying: VerifyingKey,
}

impl PrivateKey {
    /// A new key from 32 random bytes of the operating system.
    pub fn generate(name: &str) -> Result<PrivateKey, Invalid> {
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed)
            .map_err(|e| Invalid::new(format!("the system gave no randomness: {e}")))?;
        Ok(PrivateKey::from_seed(name, seed))
    }

    pub fn from_seed(name: &str, seed: [u8; 32]) -> PrivateKey {
        PrivateKey {
            name: name.to_string(),
            signing: SigningKey::from_bytes(&seed),
        }
    }

    /// Reads `PRIVATE+KEY+<name>+<8 hex>+<base64(0x01 || 32-byte seed)>`.
    pub fn parse(text: &str) -> Result<PrivateKey, Invalid> {
        let rest = text.trim().strip_prefix("PRIVATE+KEY+").ok_or_else(|| {
            Invalid::new("the private key is not valid: it does not start with PRIVATE+KEY+")
        })?;
        let (name, id, seed) = parse_key_text(rest, "the private key")?;
        let key = PrivateKey::from_seed(&name, seed);
        if id != key.public().id() {
            return Err(Invalid::new(
                "the private key is not valid: its id does not match the key",
            ));
        }
        Ok(key)
    }

    /// The text of the private key file.
    pub fn encode(&self) -> String {
        let mut bytes = vec![ED25519];
        bytes.extend_from_slice(self.signing.as_bytes());
        format!(
            "PRIVATE+KEY+{}+{:08x}+{}",
            self.name,
            self.public().id(),
            BASE64.encode(bytes)
        )
    }

    pub fn public(&self) -> PublicKey {
        PublicKey {
            name: self.name.clone(),
            verifying: self.signing.verifying_key(),
        }
    }

    /// The signed note of `text` (which must end with a newline): the text, an empty line,
    /// and this key's signature line.
    pub fn sign_note(&self, text: &str) -> String {
        let signature = self.signing.sign(text.as_bytes());
        let mut bytes = self.public().id().to_be_bytes().to_vec();
        bytes.extend_from_slice(&signature.to_bytes());
        format!(
            "{text}\n{SIGNATURE_PREFIX}{} {}\n",
            self.name,
            BASE64.encode(bytes)
        )
    }
}

impl PublicKey {
    /// Reads `<name>+<8 hex>+<base64(0x01 || 32-byte public key)>`.
    pub fn parse(text: &str) -> Result<PublicKey, Invalid> {
        let (name, id, key) = parse_key_text(text, "the public key")?;
        let verifying = VerifyingKey::from_bytes(&key)
            .map_err(|_| Invalid::new("the public key is not valid: not an Ed25519 point"))?;
        let public = PublicKey { name, verifying };
        if id != public.id() {
            return Err(Invalid::new(
                "the public key is not valid: its id does not match the key",
            ));
        }
        Ok(public)
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn id(&self) -> u32 {
        key_id(&self.name, self.verifying.as_bytes())
    }

    /// The key's text, as `audit keygen` prints it.
    pub fn encode(&self) -> String {
        let mut bytes = vec![ED25519];
        bytes.extend_from_slice(self.verifying.as_bytes());
        format!("{}+{:08x}+{}", self.name, self.id(), BASE64.encode(bytes))
    }

    /// Checks that `note` carries a good signature by this key.
    pub fn verify(&self, note: &Note) -> Result<(), String> {
        let mine = note
            .signatures
            .iter()
            .find(|s| s.name == self.name && s.id == self.id());
        let Some(sig) = mine else {
            let by: Vec<String> = note
                .signatures
                .iter()
                .map(|s| format!("{}+{:08x}", s.name, s.id))
                .collect();
            return Err(format!(
                "it is not signed by the key {}+{:08x} (signed by {}): the wrong public key, or a forged checkpoint",
                self.name,
                self.id(),
                by.join(", ")
            ));
        };
        let signature = Signature::from_bytes(&sig.signature);
        self.verifying
            .verify_strict(note.text.as_bytes(), &signature)
            .map_err(|_| {
                format!(
                    "its signature by {}+{:08x} is not valid: the note was altered or forged",
                    self.name,
                    self.id()
                )
            })
    }
}

/// One signature line of a note.
#[derive(Debug, Clone)]
pub struct NoteSignature {
    pub name: String,
    pub id: u32,
    pub signature: [u8; 64],
}

/// A signed note as read: its text (every line up to the empty one, each with its newline)
/// and its signatures.
#[derive(Debug, Clone)]
pub struct Note {
    pub text: String,
    pub signatures: Vec<NoteSignature>,
}

/// Reads the notes of a checkpoint file: one or more signed notes, each separated from the
/// next by an empty line.
pub fn parse_notes(input: &str) -> Result<Vec<Note>, Invalid> {
    let mut notes = Vec::new();
    let mut lines = input.split_inclusive('\n').enumerate().peekable();
    loop {
        while lines
            .peek()
            .is_some_and(|(_, l)| l.trim_end_matches('\n').is_empty())
        {
            lines.next();
        }
        let Some(&(first, _)) = lines.peek() else {
            break;
        };
        let mut text = String::new();
        for (_, line) in lines.by_ref() {
            if line == "\n" {
                break;
            }
            text.push_str(line);
        }
        if !text.ends_with('\n') {
            text.push('\n');
        }
        let mut signatures = Vec::new();
        while let Some(&(n, line)) = lines.peek() {
            let Some(sig) = line.trim_end_matches('\n').strip_prefix(SIGNATURE_PREFIX) else {
                break;
            };
            lines.next();
            let bad = || {
                Invalid::new(format!(
                    "the checkpoint file is not valid: line {} is not a signature line",
                    n + 1
                ))
            };
            let (name, b64) = sig.split_once(' ').ok_or_else(bad)?;
            let bytes = BASE64.decode(b64).map_err(|_| bad())?;
            if bytes.len() != 68 || !valid_name(name) {
                return Err(bad());
            }
            let mut signature = [0u8; 64];
            signature.copy_from_slice(&bytes[4..]);
            signatures.push(NoteSignature {
                name: name.to_string(),
                id: u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]),
                signature,
            });
        }
        if signatures.is_empty() {
            return Err(Invalid::new(format!(
                "the checkpoint file is not valid: the note at line {} has no signature line (`— NAME SIGNATURE`)",
                first + 1
            )));
        }
        notes.push(Note { text, signatures });
    }
    if notes.is_empty() {
        return Err(Invalid::new(
            "the checkpoint file holds no checkpoint: it is empty",
        ));
    }
    Ok(notes)
}

/// The head of one chain, as a checkpoint states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    /// The first 16 hex digits of the hash of the vendor chain's first row.
    pub store_id: String,
    /// The org, empty for the vendor's chain.
    pub org: String,
    /// The rows of the chain.
    pub size: u64,
    /// The hash of its last row, lower-case hex.
    pub hash: String,
    /// `clock test` on a test-clock store.
    pub test_clock: bool,
}

impl Checkpoint {
    pub fn origin(&self) -> String {
        let chain = if self.org.is_empty() {
            VENDOR_ORIGIN
        } else {
            &self.org
        };
        format!("{ORIGIN_PREFIX}/{}/{chain}", self.store_id)
    }

    /// The note's text: origin, size, head hash in base64, extension lines.
    pub fn text(&self) -> String {
        let hash = BASE64.encode(unhex(&self.hash).unwrap_or_default());
        let mut text = format!("{}\n{}\n{hash}\n", self.origin(), self.size);
        if self.test_clock {
            text.push_str("clock test\n");
        }
        text
    }

    /// Reads a note's text back.
    pub fn parse(text: &str) -> Result<Checkpoint, Invalid> {
        let mut lines = text.lines();
        let origin = lines.next().unwrap_or("");
        let bad =
            |why: &str| Invalid::new(format!("the checkpoint {origin:?} is not valid: {why}"));
        let mut parts = origin.splitn(3, '/');
        let (Some(ORIGIN_PREFIX), Some(store_id), Some(chain)) =
            (parts.next(), parts.next(), parts.next())
        else {
            return Err(bad("its origin is not admin-proxy/STORE/ORG"));
        };
        let size = lines
            .next()
            .and_then(|l| l.parse::<u64>().ok())
            .ok_or_else(|| bad("its second line is not a row count"))?;
        let hash = lines
            .next()
            .and_then(|l| BASE64.decode(l).ok())
            .filter(|b| b.len() == 32)
            .ok_or_else(|| bad("its third line is not a base64 hash of 32 bytes"))?;
        let test_clock = lines.any(|l| l == "clock test");
        Ok(Checkpoint {
            store_id: store_id.to_string(),
            org: if chain == VENDOR_ORIGIN {
                String::new()
            } else {
                chain.to_string()
            },
            size,
            hash: hex(&hash),
            test_clock,
        })
    }
}

/// The store id of a store whose vendor chain begins with the row of hash `first_hash`.
pub fn store_id(first_hash: &str) -> String {
    first_hash.chars().take(16).collect()
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if s.len() % 2 != 0 {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cp() -> Checkpoint {
        Checkpoint {
            store_id: "0123456789abcdef".into(),
            org: "acme".into(),
            size: 42,
            hash: "ab".repeat(32),
            test_clock: true,
        }
    }

    #[test]
    fn keys_round_trip_in_the_note_formats() {
        let key = PrivateKey::from_seed(KEY_NAME, [7; 32]);
        let text = key.encode();
        assert!(text.starts_with("PRIVATE+KEY+admin-proxy+"), "{text}");
        let again = PrivateKey::parse(&text).unwrap();
        assert_eq!(again.public().encode(), key.public().encode());
        let public = PublicKey::parse(&key.public().encode()).unwrap();
        assert_eq!(public.id(), key.public().id());
        // The id is checked against the key.
        let mut wrong = key.public().encode();
        wrong.replace_range(12..20, "00000000");
        assert!(PublicKey::parse(&wrong).is_err());
    }

    #[test]
    fn a_signed_checkpoint_reads_back_and_verifies() {
        let key = PrivateKey::from_seed(KEY_NAME, [7; 32]);
        let note = key.sign_note(&cp().text());
        let lines: Vec<&str> = note.lines().collect();
        assert_eq!(lines[0], "admin-proxy/0123456789abcdef/acme");
        assert_eq!(lines[1], "42");
        assert_eq!(lines[3], "clock test");
        assert_eq!(lines[4], "");
        assert!(lines[5].starts_with("\u{2014} admin-proxy "), "{note}");
        let two = format!("{note}\n{note}");
        let notes = parse_notes(&two).unwrap();
        assert_eq!(notes.len(), 2);
        for n in &notes {
            key.public().verify(n).unwrap();
            assert_eq!(Checkpoint::parse(&n.text).unwrap(), cp());
        }
        // Another key, or an altered text, is refused.
        let other = PrivateKey::from_seed(KEY_NAME, [8; 32]).public();
        assert!(other.verify(&notes[0]).unwrap_err().contains("not signed"));
        let mut altered = notes[0].clone();
        altered.text = altered.text.replace("\n42\n", "\n41\n");
        assert!(key
            .public()
            .verify(&altered)
            .unwrap_err()
            .contains("not valid"));
    }
}
