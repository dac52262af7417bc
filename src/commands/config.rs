//! `config show`, `config get` and `config set`: the org's settings (SPEC §3).

use serde::Serialize;
use serde_json::json;

use super::{permit, session, Who};
use crate::app::Ctx;
use crate::cli::ConfigSetArgs;
use crate::core::events::Event;
use crate::core::settings::{Key, Value};
use crate::error::Result;
use crate::output::Report;
use crate::store;

const READERS: &[Who] = &[Who::Operator, Who::SuperAdmin, Who::HrAdmin];

pub fn show(ctx: &mut Ctx) -> Result<Report> {
    let (actor, org) = ctx.actor_in_org()?;
    permit(&actor, READERS, "read the org's settings")?;
    let settings = store::settings::load(ctx.store()?.conn(), org.id)?;
    let rows = Key::ALL
        .iter()
        .map(|k| vec![k.as_str().to_string(), settings.get(*k).to_string()])
        .collect();
    Ok(Report::table(
        &settings.to_json(),
        vec!["key", "value"],
        rows,
    ))
}

pub fn get(ctx: &mut Ctx, key: &str) -> Result<Report> {
    let key = Key::parse(key)?;
    let (actor, org) = ctx.actor_in_org()?;
    permit(&actor, READERS, "read the org's settings")?;
    let value = store::settings::load(ctx.store()?.conn(), org.id)?.get(key);
    Ok(Report::bare(value.to_json(), value.to_string()))
}

#[derive(Serialize)]
struct Changed {
    key: &'static str,
    old: serde_json::Value,
    new: serde_json::Value,
    changed: bool,
    sessions_revoked: usize,
}

pub fn set(ctx: &mut Ctx, args: &ConfigSetArgs) -> Result<Report> {
    let key = Key::parse(&args.key)?;
    let value = Value::parse(key, &args.value)?;
    let allowed: &[Who] = if key.super_admin_may_change() {
        &[Who::Operator, Who::SuperAdmin]
    } else {
        &[Who::Operator]
    };
    let now = ctx.now;
    let (old, revoked) = ctx.write_in_org(true, |tx, actor, org| {
        permit(actor, allowed, &format!("change {key}"))?;
        let old = store::settings::load(tx, org.id)?.get(key);
        if old == value {
            return Ok((old, 0));
        }
        store::settings::store(tx, org.id, key, value)?;
        tx.audit(
            store::audit::Entry::new(now, &org.slug, Event::ConfigChanged)
                .by(actor)
                .details(json!({
                    "key": key.as_str(),
                    "old": old.to_string(),
                    "new": value.to_string(),
                })),
        )?;
        let revoked = session::revoke_disallowed(tx, org, actor, now)?;
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
    Ok(Report::text(&data, text))
}
