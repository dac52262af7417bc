-- admin-proxy store on PostgreSQL, schema version 2: protected users, the actions and changes
-- counted on each session, and receipts beside change notices in the notifications table.
ALTER TABLE users ADD COLUMN protected BIGINT NOT NULL DEFAULT 0 CHECK (protected IN (0, 1));

-- Counted by `act` as the session runs: the receipt of an ended session tells them.
ALTER TABLE sessions ADD COLUMN actions BIGINT NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN changes BIGINT NOT NULL DEFAULT 0;

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
