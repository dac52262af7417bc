//! Who may impersonate whom (SPEC §4): a pure function of the facts a command gathers.
//! No SQL, no clock, no printing: the command reads the store, this module decides.

use super::events::RevokeCause;
use super::model::{Role, User};
use super::settings::Settings;

/// Why an attempt was refused. The strings are the denial codes of the spec, defined here once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Denial {
    ActorUnknown,
    NotAdmin,
    ImpersonationDisabled,
    SuperAdminOnly,
    TargetNotFound,
    SelfTarget,
    TargetInactive,
    TargetProtected,
    NeverLoggedIn,
    AboveActor,
    PeerHrAdmin,
    OutOfScope,
    ReasonRequired,
    ApprovalRequired,
    SessionActive,
    /// Not a check of §4: `act` refuses actions that belong to the user alone.
    PersonalAction,
}

impl Denial {
    pub fn code(self) -> &'static str {
        match self {
            Denial::ActorUnknown => "actor_unknown",
            Denial::NotAdmin => "not_admin",
            Denial::ImpersonationDisabled => "impersonation_disabled",
            Denial::SuperAdminOnly => "super_admin_only",
            Denial::TargetNotFound => "target_not_found",
            Denial::SelfTarget => "self",
            Denial::TargetInactive => "target_inactive",
            Denial::TargetProtected => "target_protected",
            Denial::NeverLoggedIn => "never_logged_in",
            Denial::AboveActor => "above_actor",
            Denial::PeerHrAdmin => "peer_hr_admin",
            Denial::OutOfScope => "out_of_scope",
            Denial::ReasonRequired => "reason_required",
            Denial::ApprovalRequired => "approval_required",
            Denial::SessionActive => "session_active",
            Denial::PersonalAction => "personal_action",
        }
    }

    /// What the code means, for the person who was refused.
    pub fn explain(self) -> &'static str {
        match self {
            Denial::ActorUnknown => "the actor is not an active user of this org",
            Denial::NotAdmin => "only super admins and HR admins may impersonate",
            Denial::ImpersonationDisabled => "impersonation is turned off in this org",
            Denial::SuperAdminOnly => "this org allows only super admins to impersonate",
            Denial::TargetNotFound => "no such user in this org",
            Denial::SelfTarget => "you cannot impersonate yourself",
            Denial::TargetInactive => "the user is deactivated",
            Denial::TargetProtected => "the user is protected: nobody may impersonate them",
            Denial::NeverLoggedIn => {
                "the user has never logged in, so has not accepted the privacy policy"
            }
            Denial::AboveActor => "the user's role is above yours",
            Denial::PeerHrAdmin => "an HR admin cannot impersonate another HR admin",
            Denial::OutOfScope => "the user is not in any group of your HR scope",
            Denial::ReasonRequired => "this org requires a reason: pass --reason TEXT",
            Denial::ApprovalRequired => {
                "this org requires another super admin's approval first: `admin-proxy request EMAIL --reason TEXT`, then `start` once it is approved"
            }
            Denial::SessionActive => "you already have an active session: stop it first",
            Denial::PersonalAction => {
                "this action belongs to the user alone and is never taken on their behalf"
            }
        }
    }
}

/// The cause recorded when a running session is ended because `denial` now applies to it.
pub fn revoke_cause(denial: Denial) -> RevokeCause {
    match denial {
        Denial::ActorUnknown | Denial::TargetInactive | Denial::TargetNotFound => {
            RevokeCause::UserDeactivated
        }
        Denial::TargetProtected => RevokeCause::UserProtected,
        Denial::ImpersonationDisabled => RevokeCause::ImpersonationDisabled,
        Denial::SuperAdminOnly => RevokeCause::SuperAdminOnly,
        Denial::OutOfScope => RevokeCause::ScopeNarrowed,
        _ => RevokeCause::RoleRevoked,
    }
}

/// Actions that belong to the user alone: never taken on their behalf, so the guide stays for
/// them and the privacy policy is never accepted by proxy.
pub const PERSONAL_ACTIONS: [&str; 2] = ["privacy.accept", "guide.dismiss"];

/// Whether an action (its one lower-case spelling) may be taken inside a session.
pub fn check_action(action: &str) -> Result<(), Denial> {
    match PERSONAL_ACTIONS.contains(&action) {
        true => Err(Denial::PersonalAction),
        false => Ok(()),
    }
}

/// What `start` asks about besides the two people.
#[derive(Debug, Clone, Copy, Default)]
pub struct Request<'a> {
    pub reason: Option<&'a str>,
    /// The actor holds an approved, unused, unexpired request for this target (check 14).
    pub approved: bool,
    pub actor_has_active_session: bool,
}

/// Checks 1–4: may this actor impersonate anybody at all? `list users` uses these alone.
pub fn check_actor<'a>(actor: Option<&'a User>, settings: &Settings) -> Result<&'a User, Denial> {
    let actor = match actor {
        Some(a) if a.is_active() => a,
        _ => return Err(Denial::ActorUnknown),
    };
    if !actor.role.is_admin() {
        return Err(Denial::NotAdmin);
    }
    if !settings.impersonation {
        return Err(Denial::ImpersonationDisabled);
    }
    if settings.super_admin_only && actor.role != Role::SuperAdmin {
        return Err(Denial::SuperAdminOnly);
    }
    Ok(actor)
}

/// Checks 5–12: may this (already admitted) actor reach this target?
pub fn check_target<'a>(actor: &User, target: Option<&'a User>) -> Result<&'a User, Denial> {
    check_target_facts(actor, target, true)
}

/// Checks 5–12, with check 9 (the first login) made only when `first_login_counts`.
fn check_target_facts<'a>(
    actor: &User,
    target: Option<&'a User>,
    first_login_counts: bool,
) -> Result<&'a User, Denial> {
    let target = match target {
        Some(t) if t.org_id == actor.org_id => t,
        _ => return Err(Denial::TargetNotFound),
    };
    if target.id == actor.id {
        return Err(Denial::SelfTarget);
    }
    if !target.is_active() {
        return Err(Denial::TargetInactive);
    }
    if target.protected {
        return Err(Denial::TargetProtected);
    }
    if first_login_counts && target.first_login_at.is_none() {
        return Err(Denial::NeverLoggedIn);
    }
    if target.role > actor.role {
        return Err(Denial::AboveActor);
    }
    if actor.role == Role::HrAdmin {
        if target.role == Role::HrAdmin {
            return Err(Denial::PeerHrAdmin);
        }
        if !actor.scope.covers(&target.groups) {
            return Err(Denial::OutOfScope);
        }
    }
    Ok(target)
}

/// The checks of SPEC §4, in order; the first that fails is the answer. Admitted, it answers
/// with the two people.
pub fn admit<'a>(
    actor: Option<&'a User>,
    target: Option<&'a User>,
    settings: &Settings,
    request: Request<'_>,
) -> Result<(&'a User, &'a User), Denial> {
    let actor = check_actor(actor, settings)?;
    let target = check_target(actor, target)?;
    if settings.require_reason && request.reason.is_none_or(|r| r.trim().is_empty()) {
        return Err(Denial::ReasonRequired);
    }
    if settings.approval_required.covers(target.role) && !request.approved {
        return Err(Denial::ApprovalRequired);
    }
    if request.actor_has_active_session {
        return Err(Denial::SessionActive);
    }
    Ok((actor, target))
}

/// Whether a running session is still allowed after its people or the settings changed.
/// Every check is made again but those of the first login, the reason and the running
/// session: a session is not ended because its reason or its target's first login would now
/// be judged differently, nor because it is itself the actor's running session.
pub fn session_still_allowed(
    actor: &User,
    target: &User,
    settings: &Settings,
) -> Result<(), Denial> {
    check_actor(Some(actor), settings)?;
    // Check 9 is skipped, not excused after the fact: it comes before 10–12, and a target who
    // lost their first login must still be judged on rank, peers and scope.
    check_target_facts(actor, Some(target), false).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{Scope, Status};
    use chrono::{TimeZone, Utc};

    fn user(id: i64, role: Role, groups: &[&str], scope: Scope) -> User {
        User {
            id,
            org_id: 1,
            email: format!("u{id}@acme.test"),
            name: format!("User {id}"),
            groups: groups.iter().map(|g| g.to_string()).collect(),
            first_login_at: Some(Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap()),
            status: Status::Active,
            role,
            scope,
            protected: false,
        }
    }

    fn sa(id: i64) -> User {
        user(id, Role::SuperAdmin, &["Leadership"], Scope::None)
    }
    fn hr(id: i64, scope: &str) -> User {
        user(id, Role::HrAdmin, &["HR"], Scope::parse(scope))
    }
    fn plain(id: i64, groups: &[&str]) -> User {
        user(id, Role::User, groups, Scope::None)
    }

    fn decide(
        actor: Option<&User>,
        target: Option<&User>,
        s: &Settings,
        r: Request,
    ) -> &'static str {
        match admit(actor, target, s, r).map(|_| ()) {
            Ok(()) => "ok",
            Err(d) => d.code(),
        }
    }

    #[test]
    fn every_code_and_every_allowed_pairing() {
        let d = Settings::default();
        let sa_only = Settings {
            super_admin_only: true,
            ..Settings::default()
        };
        let need_reason = Settings {
            require_reason: true,
            ..Settings::default()
        };
        let switched_off = Settings {
            impersonation: false,
            ..Settings::default()
        };
        let all_off = Settings {
            super_admin_only: true,
            ..switched_off.clone()
        };
        let mut guarded = plain(12, &["Finance"]);
        guarded.protected = true;
        let no = Request::default();
        let mut deactivated = plain(9, &["Finance"]);
        deactivated.status = Status::Deactivated;
        let mut fresh = plain(10, &["Finance"]);
        fresh.first_login_at = None;
        let mut other_org = plain(11, &["Finance"]);
        other_org.org_id = 2;
        let hr_fin = hr(2, "Finance");
        let fay = plain(3, &["Finance"]);
        let ola = plain(4, &["Operations"]);

        let ada = sa(1);
        let sam = sa(6);
        let hr_all5 = hr(5, "*");
        let hr_all7 = hr(7, "*");
        let hr_none = hr(8, "");
        type Case<'a> = (
            &'a str,
            Option<&'a User>,
            Option<&'a User>,
            &'a Settings,
            Request<'a>,
            &'a str,
        );
        let cases: Vec<Case> = vec![
            ("no actor", None, Some(&fay), &d, no, "actor_unknown"),
            (
                "deactivated actor",
                Some(&deactivated),
                Some(&fay),
                &d,
                no,
                "actor_unknown",
            ),
            ("plain user", Some(&ola), Some(&fay), &d, no, "not_admin"),
            (
                "plain user when switched off",
                Some(&ola),
                Some(&fay),
                &switched_off,
                no,
                "not_admin",
            ),
            (
                "sa when switched off",
                Some(&ada),
                Some(&fay),
                &switched_off,
                no,
                "impersonation_disabled",
            ),
            (
                "hr when switched off and super-admin-only",
                Some(&hr_fin),
                Some(&fay),
                &all_off,
                no,
                "impersonation_disabled",
            ),
            (
                "hr when super-admin-only",
                Some(&hr_fin),
                Some(&fay),
                &sa_only,
                no,
                "super_admin_only",
            ),
            (
                "sa when super-admin-only",
                Some(&ada),
                Some(&fay),
                &sa_only,
                no,
                "ok",
            ),
            (
                "missing target",
                Some(&ada),
                None,
                &d,
                no,
                "target_not_found",
            ),
            (
                "other org",
                Some(&ada),
                Some(&other_org),
                &d,
                no,
                "target_not_found",
            ),
            ("self", Some(&ada), Some(&ada), &d, no, "self"),
            (
                "deactivated target",
                Some(&ada),
                Some(&deactivated),
                &d,
                no,
                "target_inactive",
            ),
            (
                "protected target",
                Some(&ada),
                Some(&guarded),
                &d,
                no,
                "target_protected",
            ),
            (
                "protected target out of an hr's scope",
                Some(&hr_fin),
                Some(&guarded),
                &d,
                no,
                "target_protected",
            ),
            (
                "never logged in",
                Some(&ada),
                Some(&fresh),
                &d,
                no,
                "never_logged_in",
            ),
            ("hr on sa", Some(&hr_fin), Some(&ada), &d, no, "above_actor"),
            (
                "hr on hr",
                Some(&hr_fin),
                Some(&hr_all5),
                &d,
                no,
                "peer_hr_admin",
            ),
            (
                "hr out of scope",
                Some(&hr_fin),
                Some(&ola),
                &d,
                no,
                "out_of_scope",
            ),
            (
                "no reason",
                Some(&ada),
                Some(&fay),
                &need_reason,
                no,
                "reason_required",
            ),
            (
                "blank reason",
                Some(&ada),
                Some(&fay),
                &need_reason,
                Request {
                    reason: Some("  "),
                    ..no
                },
                "reason_required",
            ),
            (
                "reason given",
                Some(&ada),
                Some(&fay),
                &need_reason,
                Request {
                    reason: Some("ticket 42"),
                    ..no
                },
                "ok",
            ),
            (
                "second session",
                Some(&ada),
                Some(&fay),
                &d,
                Request {
                    actor_has_active_session: true,
                    ..no
                },
                "session_active",
            ),
            ("sa on sa", Some(&ada), Some(&sam), &d, no, "ok"),
            ("sa on hr", Some(&ada), Some(&hr_fin), &d, no, "ok"),
            (
                "scoped hr in scope",
                Some(&hr_fin),
                Some(&fay),
                &d,
                no,
                "ok",
            ),
            ("whole-org hr", Some(&hr_all7), Some(&ola), &d, no, "ok"),
            (
                "hr with empty scope",
                Some(&hr_none),
                Some(&fay),
                &d,
                no,
                "out_of_scope",
            ),
        ];
        for (name, actor, target, settings, request, want) in cases {
            assert_eq!(decide(actor, target, settings, request), want, "{name}");
        }
    }

    #[test]
    fn approval_is_required_where_the_setting_covers_the_target() {
        use crate::core::settings::Approval;
        let ada = sa(1);
        let sam = sa(6);
        let fay = plain(3, &["Finance"]);
        let with = |approval| Settings {
            approval_required: approval,
            ..Settings::default()
        };
        let approved = Request {
            approved: true,
            ..Request::default()
        };
        let no = Request::default();
        assert_eq!(
            decide(Some(&ada), Some(&sam), &with(Approval::Off), no),
            "ok"
        );
        assert_eq!(
            decide(Some(&ada), Some(&sam), &with(Approval::SuperAdmins), no),
            "approval_required"
        );
        assert_eq!(
            decide(Some(&ada), Some(&fay), &with(Approval::SuperAdmins), no),
            "ok"
        );
        assert_eq!(
            decide(Some(&ada), Some(&fay), &with(Approval::All), no),
            "approval_required"
        );
        assert_eq!(
            decide(Some(&ada), Some(&fay), &with(Approval::All), approved),
            "ok"
        );
        // Check 14 comes before session_active, after reason_required.
        let busy = Request {
            actor_has_active_session: true,
            ..no
        };
        assert_eq!(
            decide(Some(&ada), Some(&fay), &with(Approval::All), busy),
            "approval_required"
        );
        let strict = Settings {
            require_reason: true,
            ..with(Approval::All)
        };
        assert_eq!(
            decide(Some(&ada), Some(&fay), &strict, no),
            "reason_required"
        );
    }

    #[test]
    fn order_decides_between_failing_checks() {
        let by_default =
            |a: &User, t: &User| decide(Some(a), Some(t), &Settings::default(), Request::default());
        // A plain user aiming at themself fails on not_admin (2) before self (6).
        let ola = plain(4, &["Operations"]);
        assert_eq!(by_default(&ola, &ola), "not_admin");
        // Deactivated and never logged in: target_inactive (7) comes before (9).
        let mut t = plain(3, &["Finance"]);
        t.status = Status::Deactivated;
        t.first_login_at = None;
        assert_eq!(by_default(&sa(1), &t), "target_inactive");
        // Protected and never logged in: target_protected (8) comes before (9); deactivated
        // and protected: target_inactive (7) first.
        t.status = Status::Active;
        t.protected = true;
        assert_eq!(by_default(&sa(1), &t), "target_protected");
        t.status = Status::Deactivated;
        assert_eq!(by_default(&sa(1), &t), "target_inactive");
    }
}
