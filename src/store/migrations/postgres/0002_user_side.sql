-- admin-proxy store on PostgreSQL, schema version 2: protected users, the actions and changes
-- counted on each session, and receipts beside change notices in the notifications table.
ALTER TABLE users ADD COLUMN protected BIGINT NOT NULL DEFAULT 0 CHECK (protected IN (0, 1));

-- Counted by `act` as the session runs: the receipt of an ended session tells them.
ALTER TABLE sessions ADD COLUMN actions BIGINT NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN changes BIGINT NOT NULL DEFAULT 0;
-- Sessions running across the upgrade count what their audit rows recorded before it: a
-- change is an action row whose details, as admin-proxy writes them, begin so (read as text,
-- so that a row that is not JSON cannot fail the upgrade).
UPDATE sessions SET
    actions = (SELECT count(*) FROM audit_log a
               WHERE a.org = (SELECT slug FROM orgs WHERE id = sessions.org_id)
                 AND a.event = 'impersonation.action' AND a.session_id = sessions.id),
    changes = (SELECT count(*) FROM audit_log a
               WHERE a.org = (SELECT slug FROM orgs WHERE id = sessions.org_id)
                 AND a.event = 'impersonation.action' AND a.session_id = sessions.id
                 AND a.details ~ '^\{"action":"[a-z0-9._-]*","change":true,')
WHERE ended_at IS NULL;

-- 'changes': the change notice of a session, counting the changes made on the user's behalf;
-- 'receipt': the one receipt of an ended session.
ALTER TABLE notifications ADD COLUMN kind TEXT COLLATE "C" NOT NULL DEFAULT 'changes'
    CHECK (kind IN ('changes', 'receipt'));
-- INVARIANT: at most one pending notification per session and kind.
DROP INDEX notifications_pending;
CREATE UNIQUE INDEX notifications_pending ON notifications (session_id, kind)
    WHERE delivered_at IS NULL;
-- INVARIANT: one receipt per session, ever.
CREATE UNIQUE INDEX notifications_one_receipt ON notifications (session_id)
    WHERE kind = 'receipt';
