//! `audit verify`: walks the chains of the store, or of an export with no store at all,
//! names the first row that does not match, and prints the head of each chain, to be kept and
//! compared with later. Heads and signed checkpoints kept earlier are checked as the chains
//! pass: a chain cut or rewritten since fails against them.

use serde::Serialize;

use crate::actor;
use crate::cli::VerifyArgs;
use crate::commands::Answer;
use crate::core::access::Who;
use crate::core::audit::Filter;
use crate::core::chain::{chain_name, Break, Head, Position, Verifier};
use crate::core::checkpoint::{parse_notes, Checkpoint, PublicKey};
use crate::core::evidence::{parse_head, KeptHead};
use crate::core::model::Actor;
use crate::error::{Error, Result};
use crate::options::Options;
use crate::output::{self, Report};
use crate::store::{Reader, Store, StoreError};

/// One chain's head, as `audit verify` prints it.
#[derive(Debug, Serialize)]
pub struct ChainView {
    pub org: String,
    pub rows: u64,
    pub head_seq: i64,
    pub head_hash: String,
}

impl ChainView {
    fn of((org, head): (String, Head)) -> ChainView {
        ChainView {
            org,
            rows: head.rows,
            head_seq: head.seq,
            head_hash: head.hash,
        }
    }
}

#[derive(Serialize)]
struct VerifyView {
    ok: bool,
    /// The rows checked.
    rows: u64,
    /// `test` for a test-clock store, whose times were given by ADMIN_PROXY_NOW; `real`;
    /// `unknown` for an export that does not hold the store's first row.
    clock: &'static str,
    chains: Vec<ChainView>,
    /// With `--against`: the rows of the filtered export, each found in the full one.
    #[serde(skip_serializing_if = "Option::is_none")]
    file_rows: Option<u64>,
    /// The heads and checkpoints kept earlier that the chains still hold.
    #[serde(skip_serializing_if = "is_zero")]
    kept: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    first_bad_seq: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    org: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    problem: Option<String>,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// What was walked: the rows that matched, the heads or the first break, and what the chain
/// says of its store.
pub(super) struct Walk {
    pub rows: u64,
    pub result: Walked,
    pub clock: &'static str,
    /// With `--against`: the rows of the filtered export.
    pub file_rows: Option<u64>,
}

/// Heads and checkpoints kept earlier, read from the arguments; checkpoints' signatures are
/// checked as they are read.
#[derive(Default)]
pub(super) struct Kept {
    heads: Vec<KeptHead>,
    checkpoints: Vec<Checkpoint>,
}

impl Kept {
    pub(super) fn read(args: &VerifyArgs) -> Result<Kept> {
        let heads = args
            .head
            .iter()
            .map(|h| parse_head(h))
            .collect::<Result<Vec<_>, _>>()?;
        let mut checkpoints = Vec::new();
        if let (Some(file), Some(key)) = (&args.checkpoint, &args.public_key) {
            let key = public_key(key)?;
            let text = std::fs::read_to_string(file)
                .map_err(|e| Error::io(format!("cannot read {}", file.display()), e))?;
            for note in parse_notes(&text)? {
                let origin = note.text.lines().next().unwrap_or("").to_string();
                key.verify(&note).map_err(|why| {
                    Error::Checkpoint(format!(
                        "the checkpoint {origin} in {}: {why}",
                        file.display()
                    ))
                })?;
                checkpoints.push(Checkpoint::parse(&note.text)?);
            }
        }
        Ok(Kept { heads, checkpoints })
    }

    fn count(&self) -> u64 {
        (self.heads.len() + self.checkpoints.len()) as u64
    }

    /// Gives the verifier what the chains must still hold.
    pub(super) fn expect_in(&self, verifier: &mut Verifier) {
        for h in &self.heads {
            verifier.expect(&h.org, Position::Seq(h.seq), &h.hash);
        }
        for c in &self.checkpoints {
            if c.size > 0 {
                verifier.expect(&c.org, Position::Row(c.size), &c.hash);
            }
        }
    }

    /// Refuses checkpoints of another store, when the vendor chain's first row is known.
    pub(super) fn check_store(&self, first_vendor_hash: Option<&str>) -> Result<()> {
        let Some(first) = first_vendor_hash else {
            return Ok(());
        };
        let id = crate::core::checkpoint::store_id(first);
        match self.checkpoints.iter().find(|c| c.store_id != id) {
            Some(c) => Err(Error::Checkpoint(format!(
                "the checkpoint {} is of another store: this one is {id}",
                c.origin()
            ))),
            None => Ok(()),
        }
    }
}

/// `--public-key`: the key's text, or a file holding it.
fn public_key(raw: &str) -> Result<PublicKey> {
    match PublicKey::parse(raw) {
        Ok(key) => Ok(key),
        Err(not_a_key) => {
            let path = std::path::Path::new(raw);
            if !path.is_file() {
                return Err(Error::invalid_with_hint(
                    format!("--public-key: {not_a_key}, nor a file"),
                    "give the line `audit keygen` printed (NAME+ID+KEY), or the checkpoint.pub file",
                ));
            }
            let text = std::fs::read_to_string(path)
                .map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?;
            Ok(PublicKey::parse(&text)?)
        }
    }
}

pub fn verify(store: &mut Store, opts: &Options, args: &VerifyArgs) -> Result<Answer> {
    if args.file.is_some() {
        return super::verify_file(opts, args);
    }
    let kept = Kept::read(args)?;
    let action = "verify the audit log";
    let first = store.read(|r| walk(r, opts, action, &kept));
    // Read as immutable evidence, the file may have been written while it was read: what was
    // read, or the error a page written meanwhile caused, is read again with locks.
    let (_actor, mut walk) = match store.reopen_if_changed()? {
        true => store.read(|r| walk(r, opts, action, &kept))?,
        false => first?,
    };
    walk.clock = match store.is_test_clock()? {
        true => "test",
        false => "real",
    };
    verdict(opts, walk, &kept, "")
}

/// The answer of a walk: the heads, or the first break as exit 6 (with the verdict on stdout
/// for scripts too).
pub(super) fn verdict(opts: &Options, walk: Walk, kept: &Kept, source: &str) -> Result<Answer> {
    let Walk {
        rows,
        result,
        clock,
        file_rows,
    } = walk;
    match result {
        Ok(heads) => {
            let chains: Vec<ChainView> = heads.into_iter().map(ChainView::of).collect();
            let mut text = format!(
                "ok: {rows} audit rows in {} chain(s){} match{}",
                chains.len(),
                output::shown(source),
                if clock == "test" {
                    " (a test-clock store: its times were given by ADMIN_PROXY_NOW)"
                } else {
                    ""
                }
            );
            if kept.count() > 0 {
                text.push_str(&format!(
                    "\nthe chains still hold the {} head(s) and checkpoint(s) kept earlier",
                    kept.count()
                ));
            }
            for c in &chains {
                text.push_str(&format!(
                    "\n{}: {} rows, head {}:{}",
                    output::shown(chain_name(&c.org)),
                    c.rows,
                    c.head_seq,
                    c.head_hash
                ));
            }
            let view = VerifyView {
                ok: true,
                rows,
                clock,
                chains,
                file_rows,
                kept: kept.count(),
                first_bad_seq: None,
                org: None,
                problem: None,
            };
            Ok(Report::text(&view, text).into())
        }
        Err(b) => {
            // Scripts get the verdict on stdout too; the error follows on stderr.
            if opts.json() {
                let view = VerifyView {
                    ok: false,
                    rows,
                    clock,
                    chains: Vec::new(),
                    file_rows,
                    kept: 0,
                    first_bad_seq: Some(b.seq),
                    org: Some(b.org.clone()),
                    problem: Some(b.problem.clone()),
                };
                output::print(&Report::text(&view, String::new()), opts.format)?;
            }
            Err(Error::ChainBroken {
                seq: b.seq,
                org: b.org,
                problem: b.problem,
            })
        }
    }
}

/// Checks the actor, then walks every chain in scope: the rows that matched, and the heads
/// or the first break. Shared with `audit checkpoint`, which signs only chains that match.
pub(super) fn walk(
    r: Reader<'_>,
    opts: &Options,
    action: &str,
    kept: &Kept,
) -> Result<(Actor, Walk)> {
    // Operators check every chain of the store unless --org names one.
    let (actor, org) = actor::permitted_scope(r, opts, &[Who::Operator, Who::SuperAdmin], action)?;
    kept.check_store(r.audit().first_hash("")?.as_deref())?;
    let expected: Vec<String> = match &org {
        Some(o) => vec![o.slug.clone()],
        None => r.orgs().list()?.into_iter().map(|o| o.slug).collect(),
    };
    let filter = Filter {
        org: org.map(|o| o.slug),
        ..Filter::default()
    };
    let mut verifier = Verifier::default();
    kept.expect_in(&mut verifier);
    let mut rows = 0u64;
    let walked = r.audit().for_each(&filter, |row| {
        verifier.check(row).map_err(Stop::Broken)?;
        rows += 1;
        Ok::<_, Stop>(())
    });
    let result = match walked {
        Ok(_) => verifier.finish(&expected),
        Err(Stop::Broken(b)) => Err(b),
        // A row that cannot even be read as text was altered outside admin-proxy.
        Err(Stop::Store(StoreError::UnreadableAuditRow { seq, org, detail })) => Err(Break {
            seq,
            org: chain_name(&org).to_string(),
            problem: format!("the row cannot be read: {detail}"),
        }),
        Err(Stop::Store(e)) => return Err(e.into()),
    };
    Ok((
        actor,
        Walk {
            rows,
            result,
            clock: "unknown",
            file_rows: None,
        },
    ))
}

/// The heads of the chains walked, or the first break.
pub(super) type Walked = Result<Vec<(String, Head)>, Break>;

/// Why a walk stopped.
enum Stop {
    Broken(Break),
    Store(StoreError),
}

impl From<StoreError> for Stop {
    fn from(e: StoreError) -> Self {
        Stop::Store(e)
    }
}
