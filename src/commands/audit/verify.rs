//! `audit verify`: walks the chains of the store, names the first row that does not match,
//! and prints the head of each chain, to be kept and compared with later.

use serde::Serialize;

use crate::actor;
use crate::commands::Answer;
use crate::core::access::Who;
use crate::core::audit::Filter;
use crate::core::chain::{chain_name, Break, Head, Verifier};
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
    /// `test` for a test-clock store, whose times were given by ADMIN_PROXY_NOW.
    clock: &'static str,
    chains: Vec<ChainView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    first_bad_seq: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    org: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    problem: Option<String>,
}

pub fn verify(store: &mut Store, opts: &Options) -> Result<Answer> {
    let mut outcome = store.read(|r| walk(r, opts))?;
    // Read as immutable evidence, the file may have been written while it was read.
    if store.reopen_if_changed()? {
        outcome = store.read(|r| walk(r, opts))?;
    }
    let (rows, walked) = outcome;
    let clock = if store.is_test_clock()? {
        "test"
    } else {
        "real"
    };
    match walked {
        Ok(heads) => {
            let chains: Vec<ChainView> = heads.into_iter().map(ChainView::of).collect();
            let mut text = format!(
                "ok: {rows} audit rows in {} chain(s) match{}",
                chains.len(),
                if clock == "test" {
                    " (a test-clock store: its times were given by ADMIN_PROXY_NOW)"
                } else {
                    ""
                }
            );
            for c in &chains {
                text.push_str(&format!(
                    "\n{}: {} rows, head {}:{}",
                    chain_name(&c.org),
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
/// or the first break.
fn walk(r: Reader<'_>, opts: &Options) -> Result<(u64, Walked)> {
    // Operators check every chain of the store unless --org names one.
    let (_actor, org) = actor::permitted_scope(
        r,
        opts,
        &[Who::Operator, Who::SuperAdmin],
        "verify the audit log",
    )?;
    let expected: Vec<String> = match &org {
        Some(o) => vec![o.slug.clone()],
        None => r.orgs().list()?.into_iter().map(|o| o.slug).collect(),
    };
    let filter = Filter {
        org: org.map(|o| o.slug),
        ..Filter::default()
    };
    let mut verifier = Verifier::default();
    let mut rows = 0u64;
    let walked = r.audit().for_each(&filter, |row| {
        verifier.check(row).map_err(Walk::Broken)?;
        rows += 1;
        Ok::<_, Walk>(())
    });
    let result = match walked {
        Ok(_) => verifier.finish(&expected),
        Err(Walk::Broken(b)) => Err(b),
        // A row that cannot even be read as text was altered outside admin-proxy.
        Err(Walk::Store(StoreError::UnreadableAuditRow { seq, org, detail })) => Err(Break {
            seq,
            org: chain_name(&org).to_string(),
            problem: format!("the row cannot be read: {detail}"),
        }),
        Err(Walk::Store(e)) => return Err(e.into()),
    };
    Ok((rows, result))
}

/// The heads of the chains walked, or the first break.
type Walked = Result<Vec<(String, Head)>, Break>;

/// Why a walk stopped.
enum Walk {
    Broken(Break),
    Store(StoreError),
}

impl From<StoreError> for Walk {
    fn from(e: StoreError) -> Self {
        Walk::Store(e)
    }
}
