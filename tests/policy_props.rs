//! Properties of the policy (SPEC §4) over random orgs built in memory: `list users` and
//! `start` agree, nobody reaches a user ranked above them, nothing crosses orgs, and HR
//! admins stay inside their scope and away from their peers.

use admin_proxy::core::model::{Role, Scope, Status, User};
use admin_proxy::core::policy::{self, Denial, Request};
use admin_proxy::core::settings::Settings;
use chrono::{TimeZone, Utc};
use proptest::prelude::*;

const GROUPS: [&str; 4] = ["Finance", "London", "Operations", "HR"];

fn arb_role() -> impl Strategy<Value = Role> {
    prop_oneof![
        Just(Role::User),
        Just(Role::HrAdmin),
        Just(Role::SuperAdmin)
    ]
}

fn arb_groups() -> impl Strategy<Value = Vec<String>> {
    proptest::sample::subsequence(GROUPS.to_vec(), 0..=GROUPS.len())
        .prop_map(|g| g.into_iter().map(String::from).collect())
}

/// Any scope, whatever the role: the policy must ignore the scope of non-HR admins.
fn arb_scope() -> impl Strategy<Value = Scope> {
    prop_oneof![
        Just(Scope::None),
        Just(Scope::All),
        arb_groups().prop_map(Scope::from_groups),
    ]
}

/// A user without an id yet; most belong to org 1, some to org 2.
fn arb_user() -> impl Strategy<Value = User> {
    (
        prop_oneof![4 => Just(1_i64), 1 => Just(2_i64)],
        arb_role(),
        arb_groups(),
        arb_scope(),
        prop::bool::weighted(0.85),
        prop::bool::weighted(0.85),
        prop::bool::weighted(0.2),
    )
        .prop_map(
            |(org_id, role, groups, scope, active, logged_in, protected)| User {
                id: 0,
                org_id,
                email: String::new(),
                name: String::new(),
                groups,
                first_login_at: logged_in
                    .then(|| Utc.with_ymd_and_hms(2026, 1, 10, 9, 0, 0).unwrap()),
                status: if active {
                    Status::Active
                } else {
                    Status::Deactivated
                },
                role,
                scope,
                protected,
            },
        )
}

/// One to ten users with distinct ids and emails, spread over two orgs.
fn arb_org() -> impl Strategy<Value = Vec<User>> {
    prop::collection::vec(arb_user(), 1..=10).prop_map(|mut users| {
        for (i, u) in users.iter_mut().enumerate() {
            u.id = i as i64 + 1;
            u.email = format!("u{}@org{}.test", u.id, u.org_id);
            u.name = format!("User {}", u.id);
        }
        users
    })
}

/// Any settings; the off switch is off now and then.
fn arb_settings() -> impl Strategy<Value = Settings> {
    (
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        prop::bool::weighted(0.8),
        any::<bool>(),
    )
        .prop_map(|(sao, reason, notify, impersonation, receipts)| Settings {
            super_admin_only: sao,
            require_reason: reason,
            impersonation_notifications: notify,
            impersonation,
            impersonation_receipts: receipts,
            ..Settings::default()
        })
}

/// What `start` decides with a reason given and no other active session.
fn start(actor: &User, target: &User, settings: &Settings) -> Result<(), Denial> {
    let request = Request {
        reason: Some("ticket 42"),
        approved: false,
        actor_has_active_session: false,
    };
    can_impersonate(Some(actor), Some(target), settings, request)
}

/// The verdict of `start`, without the people it admitted.
fn can_impersonate(
    actor: Option<&User>,
    target: Option<&User>,
    settings: &Settings,
    request: Request<'_>,
) -> Result<(), Denial> {
    policy::admit(actor, target, settings, request).map(|_| ())
}

/// What `list users` shows: checks 1–4 for the actor, 5–12 for the target.
fn listed(actor: &User, target: &User, settings: &Settings) -> bool {
    policy::check_actor(Some(actor), settings).is_ok()
        && policy::check_target(actor, Some(target)).is_ok()
}

proptest! {
    #[test]
    fn list_users_shows_exactly_whom_start_allows(users in arb_org(), settings in arb_settings()) {
        for actor in &users {
            // When list users is refused, start is refused with the same code.
            if let Err(code) = policy::check_actor(Some(actor), &settings) {
                for target in &users {
                    prop_assert_eq!(start(actor, target, &settings), Err(code));
                }
                continue;
            }
            for target in &users {
                let verdict = start(actor, target, &settings);
                prop_assert_eq!(
                    listed(actor, target, &settings),
                    verdict.is_ok(),
                    "{:?} -> {:?}: {:?}", actor, target, verdict
                );
                // A hidden target is denied with the code of the check that hid it.
                if let Err(code) = policy::check_target(actor, Some(target)) {
                    prop_assert_eq!(verdict, Err(code));
                }
                // A protected target is never listed, and denied as such once the actor and
                // the target's existence, self, and activity checks pass.
                if target.protected {
                    prop_assert!(!listed(actor, target, &settings));
                    prop_assert!(verdict.is_err());
                    if target.org_id == actor.org_id && target.id != actor.id && target.is_active() {
                        prop_assert_eq!(verdict, Err(Denial::TargetProtected));
                    }
                }
                // Checks 13 and 15 only ever turn an allowed start into their own denial.
                let no_reason = can_impersonate(
                    Some(actor), Some(target), &settings, Request::default());
                match verdict {
                    Ok(()) if settings.require_reason => {
                        prop_assert_eq!(no_reason, Err(Denial::ReasonRequired));
                    }
                    other => prop_assert_eq!(no_reason, other),
                }
                let busy = can_impersonate(
                    Some(actor),
                    Some(target),
                    &settings,
                    Request { reason: Some("ticket 42"), approved: false, actor_has_active_session: true },
                );
                match verdict {
                    Ok(()) => prop_assert_eq!(busy, Err(Denial::SessionActive)),
                    other => prop_assert_eq!(busy, other),
                }
                // A session that may start is still allowed while nothing changes.
                if verdict.is_ok() {
                    prop_assert!(policy::session_still_allowed(actor, target, &settings).is_ok());
                }
            }
        }
    }

    /// With the off switch off, nobody is listed and nobody is admitted: an admin is
    /// refused with `impersonation_disabled`, by `list users` and `start` alike, and every
    /// running session is ended.
    #[test]
    fn the_off_switch_stops_everyone(users in arb_org(), settings in arb_settings()) {
        let off = Settings { impersonation: false, ..settings };
        for actor in &users {
            let refused = policy::check_actor(Some(actor), &off);
            if actor.is_active() && actor.role.is_admin() {
                prop_assert_eq!(refused, Err(Denial::ImpersonationDisabled));
            }
            prop_assert!(refused.is_err());
            for target in &users {
                prop_assert_eq!(start(actor, target, &off), refused.map(|_| ()));
                prop_assert!(!listed(actor, target, &off));
                prop_assert!(policy::session_still_allowed(actor, target, &off).is_err());
            }
        }
    }

    /// Nobody reaches a protected user, and a running session on one is ended.
    #[test]
    fn protected_users_are_never_reached(users in arb_org(), settings in arb_settings()) {
        for actor in &users {
            for target in users.iter().filter(|t| t.protected) {
                prop_assert!(start(actor, target, &settings).is_err());
                prop_assert!(!listed(actor, target, &settings));
                prop_assert!(policy::session_still_allowed(actor, target, &settings).is_err());
            }
        }
    }

    #[test]
    fn no_one_reaches_a_user_ranked_above_them(users in arb_org(), settings in arb_settings()) {
        for actor in &users {
            for target in users.iter().filter(|t| t.role > actor.role) {
                prop_assert!(start(actor, target, &settings).is_err(), "{:?} -> {:?}", actor, target);
                prop_assert!(!listed(actor, target, &settings));
                prop_assert!(policy::session_still_allowed(actor, target, &settings).is_err());
            }
        }
    }

    #[test]
    fn nothing_crosses_orgs(users in arb_org(), settings in arb_settings()) {
        for actor in &users {
            for target in users.iter().filter(|t| t.org_id != actor.org_id) {
                let verdict = start(actor, target, &settings);
                prop_assert!(verdict.is_err());
                prop_assert!(!listed(actor, target, &settings));
                prop_assert!(policy::session_still_allowed(actor, target, &settings).is_err());
                // An admitted actor is told the user does not exist, nothing more.
                if policy::check_actor(Some(actor), &settings).is_ok() {
                    prop_assert_eq!(verdict, Err(Denial::TargetNotFound));
                }
            }
            // A target given by an email of another org is looked up as absent.
            let absent = can_impersonate(Some(actor), None, &settings, Request::default());
            prop_assert!(absent.is_err());
        }
    }

    #[test]
    fn hr_admins_stay_in_scope_and_away_from_peers(users in arb_org(), settings in arb_settings()) {
        for actor in users.iter().filter(|a| a.role == Role::HrAdmin) {
            for target in &users {
                let allowed = start(actor, target, &settings).is_ok();
                if target.role == Role::HrAdmin || !actor.scope.covers(&target.groups) {
                    prop_assert!(!allowed, "{:?} -> {:?}", actor, target);
                    prop_assert!(!listed(actor, target, &settings));
                    prop_assert!(policy::session_still_allowed(actor, target, &settings).is_err());
                }
                if allowed {
                    prop_assert_eq!(target.role, Role::User);
                    prop_assert!(!settings.super_admin_only);
                }
            }
        }
    }

    /// The cascade judges a running session as a new `start` would, except that a target
    /// who lost their first login is not a reason to end it.
    #[test]
    fn a_running_session_is_judged_like_a_start_but_for_the_first_login(
        users in arb_org(),
        settings in arb_settings(),
    ) {
        for actor in &users {
            for target in &users {
                let mut logged_in = target.clone();
                logged_in.first_login_at =
                    Some(Utc.with_ymd_and_hms(2026, 1, 10, 9, 0, 0).unwrap());
                prop_assert_eq!(
                    policy::session_still_allowed(actor, target, &settings),
                    start(actor, &logged_in, &settings),
                    "{:?} -> {:?}", actor, target
                );
            }
        }
    }

    #[test]
    fn whoever_is_allowed_passes_every_check(users in arb_org(), settings in arb_settings()) {
        for actor in &users {
            for target in &users {
                if start(actor, target, &settings).is_ok() {
                    prop_assert!(actor.is_active() && actor.role.is_admin());
                    prop_assert!(target.is_active() && target.first_login_at.is_some());
                    prop_assert!(!target.protected && settings.impersonation);
                    prop_assert!(actor.id != target.id && actor.org_id == target.org_id);
                    prop_assert!(target.role <= actor.role);
                    prop_assert!(!settings.super_admin_only || actor.role == Role::SuperAdmin);
                }
            }
        }
    }
}
