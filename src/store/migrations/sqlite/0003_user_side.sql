-- admin-proxy store, schema version 3: protected users, the actions and changes counted on
-- each session, and receipts beside change notices in the notifications table.
ALTER TABLE users ADD COLUMN protected INTEGER NOT NULL DEFAULT 0 CHECK (protected IN (0, 1));

-- Counted by `act` as the session runs: the receipt of an ended session tells them.
ALTER TABLE sessions ADD COLUMN actions INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN changes INTEGER NOT NULL DEFAULT 0;
-- Sessions running across the upgrade count what their audit rows recorded before it (a
-- row whose details are not JSON counts as an action, not as a change).
UPDATE sessions SET
    actions = (SELECT count(*) FROM audit_log a
               WHERE a.org = (SELECT slug FROM orgs WHERE id = sessions.org_id)
                 AND a.event = 'impersonation.action' AND a.session_id = sessions.id),
    changes = (SELECT count(*) FROM audit_log a
               WHERE a.org = (SELECT slug FROM orgs WHERE id = sessions.org_id)
                 AND a.event = 'impersonation.action' AND a.session_id = sessions.id
                 AND CASE WHEN json_valid(a.details)
                     THEN json_extract(a.details, '$.change') END = 1)
WHERE ended_at IS NULL;

-- 'changes': the change notice of a session, counting the changes made on the user's behalf;
-- 'receipt': the one receipt of an ended session.
ALTER TABLE notifications ADD COLUMN kind TEXT NOT NULL DEFAULT 'changes'
    CHECK (kind IN ('changes', 'receipt'));
-- INVARIANT: at most one pending notification per session and kind.
DROP INDEX notifications_pending;
CREATE UNIQUE INDEX notifications_pending ON notifications (session_id, kind)
    WHERE delivered_at IS NULL;
-- INVARIANT: one receipt per session, ever.
CREATE UNIQUE INDEX notifications_one_receipt ON notifications (session_id)
    WHERE kind = 'receipt';
