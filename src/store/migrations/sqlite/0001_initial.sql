-- admin-proxy store, schema version 1. Plain SQL that the sqlite3 shell 3.40 reads.

CREATE TABLE orgs (
    id          INTEGER PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE TABLE operators (
    id          INTEGER PRIMARY KEY,
    email       TEXT NOT NULL UNIQUE,
    role        TEXT NOT NULL CHECK (role IN ('program-architect', 'customer-success-manager')),
    created_at  TEXT NOT NULL
);

CREATE TABLE users (
    id              INTEGER PRIMARY KEY,
    org_id          INTEGER NOT NULL REFERENCES orgs(id),
    email           TEXT NOT NULL,
    name            TEXT NOT NULL,
    groups          TEXT NOT NULL DEFAULT '',        -- group names joined by ';'
    first_login_at  TEXT,                            -- NULL: never logged in
    status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deactivated')),
    role            TEXT NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'hr_admin', 'super_admin')),
    hr_scope        TEXT NOT NULL DEFAULT '',        -- '*' or group names joined by ';'
    search_text     TEXT NOT NULL,                   -- lower-cased name and email, for --search
    UNIQUE (org_id, email)
);
CREATE INDEX users_by_name ON users (org_id, name COLLATE NOCASE, email);

CREATE TABLE settings (
    org_id  INTEGER NOT NULL REFERENCES orgs(id),
    key     TEXT NOT NULL,
    value   TEXT NOT NULL,
    PRIMARY KEY (org_id, key)
) WITHOUT ROWID;

CREATE TABLE sessions (
    id          TEXT PRIMARY KEY,
    org_id      INTEGER NOT NULL REFERENCES orgs(id),
    actor_id    INTEGER NOT NULL REFERENCES users(id),
    actor_role  TEXT NOT NULL,                   -- the actor's role when the session started
    target_id   INTEGER NOT NULL REFERENCES users(id),
    reason      TEXT NOT NULL DEFAULT '',
    started_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    ended_at    TEXT,
    end_reason  TEXT CHECK (end_reason IN ('stopped', 'expired', 'revoked'))
);
-- INVARIANT: one active session per actor, held by the database itself.
CREATE UNIQUE INDEX sessions_one_active_per_actor ON sessions (actor_id) WHERE ended_at IS NULL;
-- Every command looks for overdue sessions first; this keeps that look cheap.
CREATE INDEX sessions_active_by_expiry ON sessions (expires_at) WHERE ended_at IS NULL;
CREATE INDEX sessions_by_org ON sessions (org_id, started_at);

CREATE TABLE notifications (
    id            INTEGER PRIMARY KEY,
    session_id    TEXT NOT NULL REFERENCES sessions(id),
    org_id        INTEGER NOT NULL REFERENCES orgs(id),
    recipient     TEXT NOT NULL,
    changes       INTEGER NOT NULL,
    queued_at     TEXT NOT NULL,
    delivered_at  TEXT
);
-- INVARIANT: at most one pending notification per session.
CREATE UNIQUE INDEX notifications_pending ON notifications (session_id) WHERE delivered_at IS NULL;

CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY,
    timestamp   TEXT NOT NULL,
    org         TEXT NOT NULL,
    event       TEXT NOT NULL,
    outcome     TEXT NOT NULL,
    reason      TEXT NOT NULL,
    actor       TEXT NOT NULL,
    actor_role  TEXT NOT NULL,
    target      TEXT NOT NULL,
    session_id  TEXT NOT NULL,
    details     TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX audit_by_org ON audit_log (org, seq);
CREATE INDEX audit_by_event ON audit_log (org, event);
CREATE INDEX audit_by_actor ON audit_log (org, actor);
CREATE INDEX audit_by_target ON audit_log (org, target);
CREATE INDEX audit_by_time ON audit_log (org, timestamp);

-- The audit log is append-only: the database itself refuses to change or remove a row.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be updated');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be deleted');
END;
