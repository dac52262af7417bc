//! The audit events of SPEC §6 and the outcomes of a row, each name defined once.

/// An audit event; `as_str` is the spec's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Event {
    OrgCreated,
    OperatorAdded,
    UsersImported,
    UserCreated,
    UserUpdated,
    UserDeactivated,
    RoleGranted,
    RoleRevoked,
    ConfigChanged,
    ImpersonationStarted,
    ImpersonationStopped,
    ImpersonationExpired,
    ImpersonationRevoked,
    ImpersonationDenied,
    ImpersonationAction,
    ImpersonationRequested,
    ImpersonationApproved,
    ImpersonationRejected,
    NotificationQueued,
    NotificationDelivered,
    AuditExported,
    AuditCheckpointed,
    StoreCreated,
    AccessDenied,
}

impl Event {
    pub const ALL: [Event; 24] = [
        Event::OrgCreated,
        Event::OperatorAdded,
        Event::UsersImported,
        Event::UserCreated,
        Event::UserUpdated,
        Event::UserDeactivated,
        Event::RoleGranted,
        Event::RoleRevoked,
        Event::ConfigChanged,
        Event::ImpersonationStarted,
        Event::ImpersonationStopped,
        Event::ImpersonationExpired,
        Event::ImpersonationRevoked,
        Event::ImpersonationDenied,
        Event::ImpersonationAction,
        Event::ImpersonationRequested,
        Event::ImpersonationApproved,
        Event::ImpersonationRejected,
        Event::NotificationQueued,
        Event::NotificationDelivered,
        Event::AuditExported,
        Event::AuditCheckpointed,
        Event::StoreCreated,
        Event::AccessDenied,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Event::OrgCreated => "org.created",
            Event::OperatorAdded => "operator.added",
            Event::UsersImported => "users.imported",
            Event::UserCreated => "user.created",
            Event::UserUpdated => "user.updated",
            Event::UserDeactivated => "user.deactivated",
            Event::RoleGranted => "role.granted",
            Event::RoleRevoked => "role.revoked",
            Event::ConfigChanged => "config.changed",
            Event::ImpersonationStarted => "impersonation.started",
            Event::ImpersonationStopped => "impersonation.stopped",
            Event::ImpersonationExpired => "impersonation.expired",
            Event::ImpersonationRevoked => "impersonation.revoked",
            Event::ImpersonationDenied => "impersonation.denied",
            Event::ImpersonationAction => "impersonation.action",
            Event::ImpersonationRequested => "impersonation.requested",
            Event::ImpersonationApproved => "impersonation.approved",
            Event::ImpersonationRejected => "impersonation.rejected",
            Event::NotificationQueued => "notification.queued",
            Event::NotificationDelivered => "notification.delivered",
            Event::AuditExported => "audit.exported",
            Event::AuditCheckpointed => "audit.checkpointed",
            Event::StoreCreated => "store.created",
            Event::AccessDenied => "access.denied",
        }
    }

    /// The family of an event: `impersonation` for `impersonation.started`.
    pub fn family(self) -> &'static str {
        let name = self.as_str();
        name.split_once('.').map_or(name, |(family, _)| family)
    }
}

/// `ok` or `denied`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    Denied,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::Denied => "denied",
        }
    }
}

/// Why a session ended; stored in `sessions.end_reason` and in the audit `reason`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndReason {
    Stopped,
    Expired,
    Revoked,
}

impl EndReason {
    pub fn as_str(self) -> &'static str {
        match self {
            EndReason::Stopped => "stopped",
            EndReason::Expired => "expired",
            EndReason::Revoked => "revoked",
        }
    }
}

/// Why the cascade of SPEC §5 revoked a session; the audit `reason` of `impersonation.revoked`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RevokeCause {
    RoleRevoked,
    ScopeNarrowed,
    UserDeactivated,
    UserProtected,
    SuperAdminOnly,
    ImpersonationDisabled,
}

impl RevokeCause {
    pub fn as_str(self) -> &'static str {
        match self {
            RevokeCause::RoleRevoked => "role_revoked",
            RevokeCause::ScopeNarrowed => "scope_narrowed",
            RevokeCause::UserDeactivated => "user_deactivated",
            RevokeCause::UserProtected => "user_protected",
            RevokeCause::SuperAdminOnly => "super_admin_only",
            RevokeCause::ImpersonationDisabled => "impersonation_disabled",
        }
    }
}
