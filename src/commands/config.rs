//! `config show`, `config get` and `config set`: the org's settings (SPEC §3).

use serde::Serialize;
use serde_json::json;

use crate::actor;
use crate::cli::ConfigSetArgs;
use crate::commands::{write_in_org, Answer};
use crate::core::access::{permit, Who};
use crate::core::audit::Entry;
use crate::core::events::Event;
use crate::core::settings::{Key, Settings, Value};
use crate::error::Result;
use crate::lifecycle;
use crate::options::Options;
use crate::output::Report;
use crate::store::Store;

const READERS: &[Who] = &[Who::Operator, Who::SuperAdmin, Who::HrAdmin];

/// The org's settings, for an actor who may read them.
fn load(store: &mut Store, opts: &Options) -> Result<Settings> {
    store.read(|r| {
        let (actor, org) = actor::in_org(r, opts)?;
        permit(&actor, READERS, "read the org's settings")?;
        Ok(r.settings().load(org.id)?)
    })
}

pub fn show(store: &mut Store, opts: &Options) -> Result<Answer> {
    let settings = load(store, opts)?;
    let rows = Key::ALL
        .iter()
        .map(|k| vec![k.as_str().to_string(), settings.get(*k).to_string()])
        .collect();
    Ok(Report::table(&settings.to_json(), vec!["key", "value"], rows).into())
}

pub fn get(store: &mut Store, opts: &Options, key: &str) -> Result<Answer> {
    let key = Key::parse(key)?;
    let value = load(store, opts)?.get(key);
    Ok(Report::bare(value.to_json(), value.to_string()).into())
}

#[derive(Serialize)]
struct Changed {
    key: &'static str,
    old: serde_json::Value,
    new: serde_json::Value,
    changed: bool,
    sessions_revoked: usize,
}

pub fn set(store: &mut Store, opts: &Options, args: &ConfigSetArgs) -> Result<Answer> {
    let key = Key::parse(&args.key)?;
    let value = Value::parse(key, &args.value)?;
    let allowed: &[Who] = if key.super_admin_may_change() {
        &[Who::Operator, Who::SuperAdmin]
    } else {
        &[Who::Operator]
    };
    let now = opts.now();
    let (old, revoked) = write_in_org(store, opts, true, |tx, actor, org| {
        permit(actor, allowed, &format!("change {key}"))?;
        let old = tx.settings().load(org.id)?.get(key);
        if old == value {
            return Ok((old, 0));
        }
        tx.settings().set(org.id, key, value)?;
        tx.audit().append(
            Entry::new(now, &org.slug, Event::ConfigChanged)
                .by(actor)
                .details(json!({
                    "key": key.as_str(),
                    "old": old.to_string(),
                    "new": value.to_string(),
                })),
        )?;
        let revoked = lifecycle::revoke_disallowed(tx, org, actor, now)?;
        Ok((old, revoked))
    })?;
    let changed = old != value;
    let mut text = if changed {
        format!("{key}: {old} -> {value}")
    } else {
        format!("{key} is already {value}; nothing changed")
    };
    if revoked > 0 {
        text.push_str(&format!(
            "\nEnded {revoked} active session(s) that the new setting no longer allows"
        ));
    }
    let data = Changed {
        key: key.as_str(),
        old: old.to_json(),
        new: value.to_json(),
        changed,
        sessions_revoked: revoked,
    };
    Ok(Report::text(&data, text).into())
}
