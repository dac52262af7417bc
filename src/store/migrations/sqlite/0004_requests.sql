-- admin-proxy store, schema version 4: four-eyes approval. A request to impersonate, its
-- decision by another super admin, the notices owed to the approvers, and the session that
-- used it. Plain SQL that the sqlite3 shell 3.40 reads.

CREATE TABLE approval_requests (
    id               TEXT PRIMARY KEY,
    org_id           INTEGER NOT NULL REFERENCES orgs(id),
    requester_id     INTEGER NOT NULL REFERENCES users(id),
    target_id        INTEGER NOT NULL REFERENCES users(id),
    reason           TEXT NOT NULL,
    requested_at     TEXT NOT NULL,
    -- pending: when the request lapses (24h); approved: when the approval lapses (1h).
    expires_at       TEXT NOT NULL,
    status           TEXT NOT NULL DEFAULT 'pending'
                     CHECK (status IN ('pending', 'approved', 'rejected', 'used')),
    decided_by_id    INTEGER REFERENCES users(id),
    decided_at       TEXT,
    decision_reason  TEXT NOT NULL DEFAULT '',
    used_at          TEXT,
    session_id       TEXT REFERENCES sessions(id)
);
CREATE INDEX approval_requests_by_org ON approval_requests (org_id, requested_at);
-- `start` looks for the actor's approved request for its target.
CREATE INDEX approval_requests_by_requester ON approval_requests (requester_id, target_id, status);

-- One notice per approver of a request, delivered by `notifications drain`
-- (kind approval_request).
CREATE TABLE approval_notices (
    id            INTEGER PRIMARY KEY,
    request_id    TEXT NOT NULL REFERENCES approval_requests(id),
    org_id        INTEGER NOT NULL REFERENCES orgs(id),
    recipient     TEXT NOT NULL,
    queued_at     TEXT NOT NULL,
    delivered_at  TEXT
);
CREATE INDEX approval_notices_pending ON approval_notices (org_id, id) WHERE delivered_at IS NULL;

-- The request a session used, and who approved it (both empty without approval).
ALTER TABLE sessions ADD COLUMN request_id TEXT;
ALTER TABLE sessions ADD COLUMN approver_id INTEGER REFERENCES users(id);
