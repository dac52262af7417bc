//! `audit verify`: walks the chains of the store, or of an export with no store at all,
//! names the first row that does not match, and prints the head of each chain, to be kept and
//! compared with later. Heads and signed checkpoints kept earlier are checked as the chains
//! pass: a chain cut or rewritten since fails against them.

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use serde::Serialize;

use crate::actor;
use crate::cli::{Format, VerifyArgs};
use crate::commands::Answer;
use crate::core::access::Who;
use crate::core::audit::{AuditRow, Filter, COLUMNS};
use crate::core::chain::{chain_name, Break, Head, Position, Verifier};
use crate::core::checkpoint::{parse_notes, Checkpoint, PublicKey};
use crate::core::events::Event;
use crate::core::evidence::{parse_head, ExportFormat, ExportReader, KeptHead, Unreadable};
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
    fn read(args: &VerifyArgs) -> Result<Kept> {
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
    fn expect_in(&self, verifier: &mut Verifier) {
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
    fn check_store(&self, first_vendor_hash: Option<&str>) -> Result<()> {
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
            let path = Path::new(raw);
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
        return verify_file(opts, args);
    }
    let kept = Kept::read(args)?;
    let action = "verify the audit log";
    let mut outcome = store.read(|r| walk(r, opts, action, &kept))?;
    // Read as immutable evidence, the file may have been written while it was read.
    if store.reopen_if_changed()? {
        outcome = store.read(|r| walk(r, opts, action, &kept))?;
    }
    let (_actor, mut walk) = outcome;
    walk.clock = match store.is_test_clock()? {
        true => "test",
        false => "real",
    };
    verdict(opts, walk, &kept, "")
}

/// `audit verify --file`: the export alone, no store and no actor.
pub fn verify_file(opts: &Options, args: &VerifyArgs) -> Result<Answer> {
    let Some(file) = &args.file else {
        return Err(Error::invalid("audit verify --file needs a file"));
    };
    let forced = match opts.format {
        Format::Jsonl => Some(ExportFormat::Jsonl),
        Format::Csv => Some(ExportFormat::Csv),
        Format::Table | Format::Json => None,
    };
    let kept = Kept::read(args)?;
    let walk = match &args.against {
        None => walk_file(file, forced, &kept)?,
        Some(full) => walk_against(file, full, forced, &kept)?,
    };
    let source = match &args.against {
        None => format!(" of {}", file.display()),
        Some(full) => format!(" of {}", full.display()),
    };
    let mut answer = verdict(opts, walk, &kept, &source)?;
    if let (Answer::Report(report), Some(full)) = (&mut answer, &args.against) {
        if let output::View::Text(text) = &mut report.view {
            let rows = report.data["file_rows"].as_u64().unwrap_or(0);
            *text = format!(
                "ok: every one of the {rows} rows of {} is in {}, field for field\n{text}",
                output::shown(&file.display().to_string()),
                output::shown(&full.display().to_string()),
            );
        }
    }
    Ok(answer)
}

/// The answer of a walk: the heads, or the first break as exit 6 (with the verdict on stdout
/// for scripts too).
fn verdict(opts: &Options, walk: Walk, kept: &Kept, source: &str) -> Result<Answer> {
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

/// An export opened for reading, its format told or forced.
fn open_export(path: &Path, forced: Option<ExportFormat>) -> Result<ExportReader<BufReader<File>>> {
    let file =
        File::open(path).map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?;
    ExportReader::new(BufReader::with_capacity(1 << 16, file), forced).map_err(|e| Error::Invalid {
        message: format!("{} is not an audit export: {}", path.display(), e.message),
        hint: e.hint,
    })
}

/// A row of a report that cannot be read, as the break it is.
fn unreadable(path: &Path, u: Unreadable) -> Break {
    Break {
        seq: u.seq.unwrap_or(0),
        org: "(unreadable)".into(),
        problem: format!("{}: {}", path.display(), u.problem),
    }
}

/// Follows one export through the verifier, noting what its vendor chain says of the store.
struct FileWalk {
    verifier: Verifier,
    rows: u64,
    first_vendor_hash: Option<String>,
    clock: &'static str,
}

impl FileWalk {
    fn new(kept: &Kept) -> FileWalk {
        let mut verifier = Verifier::default();
        kept.expect_in(&mut verifier);
        FileWalk {
            verifier,
            rows: 0,
            first_vendor_hash: None,
            clock: "unknown",
        }
    }

    fn check(&mut self, row: &AuditRow) -> Result<(), Break> {
        self.verifier.check(row)?;
        self.rows += 1;
        if row.org.is_empty() && self.first_vendor_hash.is_none() {
            self.first_vendor_hash = Some(row.hash.clone());
            if row.event == Event::StoreCreated.as_str() {
                let details: serde_json::Value =
                    serde_json::from_str(&row.details).unwrap_or_default();
                self.clock = match details.get("clock").and_then(|c| c.as_str()) {
                    Some("test") => "test",
                    _ => "real",
                };
            }
        }
        Ok(())
    }

    fn finish(self, kept: &Kept, walked: Result<(), Break>) -> Result<Walk> {
        let result = match walked {
            Ok(()) => {
                kept.check_store(self.first_vendor_hash.as_deref())?;
                self.verifier.finish(&[])
            }
            Err(b) => Err(b),
        };
        Ok(Walk {
            rows: self.rows,
            result,
            clock: self.clock,
            file_rows: None,
        })
    }
}

/// Walks every chain of one export, in constant memory.
fn walk_file(path: &Path, forced: Option<ExportFormat>, kept: &Kept) -> Result<Walk> {
    let mut reader = open_export(path, forced)?;
    let mut walk = FileWalk::new(kept);
    let mut row = AuditRow::default();
    let walked = (|| loop {
        match reader.next_into(&mut row) {
            Ok(true) => walk.check(&row)?,
            Ok(false) => return Ok(()),
            Err(u) => return Err(unreadable(path, u)),
        }
    })();
    walk.finish(kept, walked)
}

/// Walks the full export `full` and finds every row of the filtered export `file` in it,
/// field for field: both are in seq order, so one pass over each, in constant memory.
fn walk_against(
    file: &Path,
    full: &Path,
    forced: Option<ExportFormat>,
    kept: &Kept,
) -> Result<Walk> {
    let mut part = open_export(file, forced)?;
    let mut whole = open_export(full, forced)?;
    let mut walk = FileWalk::new(kept);
    let mut wanted = AuditRow::default();
    let mut row = AuditRow::default();
    let mut file_rows = 0u64;
    let walked = (|| {
        loop {
            match part.next_into(&mut wanted) {
                Ok(true) => file_rows += 1,
                Ok(false) => break,
                Err(u) => return Err(unreadable(file, u)),
            }
            // Step the full export on to the row of the same seq, checking each row passed.
            let found = loop {
                match whole.next_into(&mut row) {
                    Ok(true) => {
                        walk.check(&row)?;
                        if row.seq >= wanted.seq {
                            break row.seq == wanted.seq;
                        }
                    }
                    Ok(false) => break false,
                    Err(u) => return Err(unreadable(full, u)),
                }
            };
            let broken = |problem: String| Break {
                seq: wanted.seq,
                org: chain_name(&wanted.org).to_string(),
                problem,
            };
            if !found {
                return Err(broken(format!(
                    "this row of {} is not in {}: it was inserted, or its seq was changed",
                    file.display(),
                    full.display()
                )));
            }
            if wanted != row {
                return Err(broken(format!(
                    "this row of {} differs from the one in {} in its {}",
                    file.display(),
                    full.display(),
                    differing_field(&wanted, &row)
                )));
            }
        }
        // The rest of the full export, still checked.
        loop {
            match whole.next_into(&mut row) {
                Ok(true) => walk.check(&row)?,
                Ok(false) => return Ok(()),
                Err(u) => return Err(unreadable(full, u)),
            }
        }
    })();
    let mut out = walk.finish(kept, walked)?;
    out.file_rows = Some(file_rows);
    Ok(out)
}

/// The name of the first field in which two rows of the same seq differ.
fn differing_field(a: &AuditRow, b: &AuditRow) -> &'static str {
    a.text()
        .iter()
        .zip(b.text())
        .position(|(x, y)| *x != y)
        .map_or("seq", |i| COLUMNS[i + 1])
}
