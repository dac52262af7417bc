//! `audit keygen` and `audit checkpoint`: an Ed25519 key pair kept by whoever checkpoints, and
//! each chain's head signed as a C2SP note, to be kept off the store's host. Every chain
//! checkpointed gets its `audit.checkpointed` row after the checkpoint, which covers the rows
//! before it.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::json;

use super::verify::{walk, Kept};
use crate::cli::{CheckpointArgs, KeygenArgs};
use crate::commands::Answer;
use crate::core::audit::Entry;
use crate::core::chain::chain_name;
use crate::core::checkpoint::{store_id, Checkpoint, PrivateKey, KEY_NAME};
use crate::core::events::Event;
use crate::error::{Error, Result};
use crate::options::{config_dir, Options};
use crate::output::Report;
use crate::store::Store;

/// The file names of the key pair.
pub const PRIVATE_KEY_FILE: &str = "checkpoint.key";
pub const PUBLIC_KEY_FILE: &str = "checkpoint.pub";

#[derive(Serialize)]
struct KeygenView {
    public_key: String,
    private_key_file: String,
    public_key_file: String,
}

/// `audit keygen`: writes a new key pair (the private half mode 0600) and answers the public
/// key. An existing key is never overwritten (exit 5).
pub fn keygen(args: &KeygenArgs) -> Result<Answer> {
    let dir = match &args.out {
        Some(dir) => dir.clone(),
        None => config_dir()?,
    };
    let private = dir.join(PRIVATE_KEY_FILE);
    let public = dir.join(PUBLIC_KEY_FILE);
    for path in [&private, &public] {
        if path.exists() {
            return Err(Error::conflict(
                "key_exists",
                format!(
                    "{} already exists: a checkpoint key is never overwritten (checkpoints signed with it could no longer be checked)",
                    path.display()
                ),
            ));
        }
    }
    let mut folder = std::fs::DirBuilder::new();
    folder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        folder.mode(0o700);
    }
    folder
        .create(&dir)
        .map_err(|e| Error::io(format!("cannot create the folder {}", dir.display()), e))?;
    let key = PrivateKey::generate(KEY_NAME)?;
    let public_text = key.public().encode();
    write_new(&private, &key.encode(), 0o600)?;
    write_new(&public, &public_text, 0o644)?;
    let view = KeygenView {
        public_key: public_text.clone(),
        private_key_file: private.display().to_string(),
        public_key_file: public.display().to_string(),
    };
    Ok(Report::text(&view, public_text).into())
}

/// Writes a file that must not exist yet, with `mode`.
fn write_new(path: &Path, text: &str, mode: u32) -> Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(mode);
    }
    #[cfg(not(unix))]
    let _ = mode;
    let mut file = options
        .open(path)
        .map_err(|e| Error::io(format!("cannot write {}", path.display()), e))?;
    writeln!(file, "{text}")
        .and_then(|()| file.sync_all())
        .map_err(|e| Error::io(format!("cannot write {}", path.display()), e))
}

/// The private key at `--key`, or in the default folder.
fn read_key(arg: &Option<PathBuf>) -> Result<PrivateKey> {
    let path = match arg {
        Some(p) => p.clone(),
        None => config_dir()?.join(PRIVATE_KEY_FILE),
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::invalid_with_hint(
                format!("no checkpoint key at {}", path.display()),
                "make one with `admin-proxy audit keygen`, or name it with --key FILE",
            ))
        }
        Err(e) => return Err(Error::io(format!("cannot read {}", path.display()), e)),
    };
    Ok(PrivateKey::parse(&text)?)
}

#[derive(Serialize)]
struct CheckpointView {
    org: String,
    origin: String,
    size: u64,
    head_seq: i64,
    head_hash: String,
    note: String,
}

/// `audit checkpoint`: walks the chains in scope as `audit verify` does, signs the head of
/// each (a broken chain is exit 6 and nothing is signed), and records `audit.checkpointed` in
/// each chain, all in one transaction.
pub fn checkpoint(store: &mut Store, opts: &Options, args: &CheckpointArgs) -> Result<Answer> {
    let key = read_key(&args.key)?;
    let public = key.public().encode();
    let test_clock = store.is_test_clock()?;
    let now = opts.now();
    let views = store.write(|tx| {
        let (actor, walked) = walk(
            tx.read(),
            opts,
            "checkpoint the audit log",
            &Kept::default(),
        )?;
        let heads = walked.result.map_err(|b| Error::ChainBroken {
            seq: b.seq,
            org: b.org,
            problem: format!("{}; nothing was checkpointed", b.problem),
        })?;
        let first = tx
            .read()
            .audit()
            .first_hash("")?
            .ok_or_else(|| Error::ChainBroken {
                seq: 0,
                org: chain_name("").to_string(),
                problem: "the vendor's chain is missing: the store has no first row to name it by"
                    .into(),
            })?;
        let id = store_id(&first);
        let mut views = Vec::new();
        for (org, head) in heads {
            let cp = Checkpoint {
                store_id: id.clone(),
                org: org.clone(),
                size: head.rows,
                hash: head.hash.clone(),
                test_clock,
            };
            let note = key.sign_note(&cp.text());
            tx.audit().append(
                Entry::new(now, &org, Event::AuditCheckpointed)
                    .by(&actor)
                    .details(json!({
                        "size": head.rows,
                        "head_hash": head.hash,
                        "key": public,
                    })),
            )?;
            views.push(CheckpointView {
                origin: cp.origin(),
                org,
                size: head.rows,
                head_seq: head.seq,
                head_hash: head.hash,
                note,
            });
        }
        Ok::<_, Error>(views)
    })?;
    // Notes one after another, each ending with its signature line, an empty line between.
    let text = views
        .iter()
        .map(|v| v.note.trim_end_matches('\n'))
        .collect::<Vec<_>>()
        .join("\n\n");
    Ok(Report::text(&views, text).into())
}
