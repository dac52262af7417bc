-- admin-proxy store, schema version 5: `--search` served by an index of the trigrams (every
-- run of three characters) of users.search_text. Plain SQL that the sqlite3 shell 3.40 reads
-- (FTS5 and its trigram tokenizer date from 3.34).
--
-- External content: the index keeps no copy of the text, only which rows hold each trigram
-- (detail = none), and no sizes for ranking (columnsize = 0). case_sensitive 1 keeps the text
-- as stored: admin-proxy has already lower-cased it in every script, which FTS5's own folding
-- would not match.
CREATE VIRTUAL TABLE users_search USING fts5(
    search_text,
    tokenize = 'trigram case_sensitive 1',
    detail = none,
    columnsize = 0,
    content = 'users',
    content_rowid = 'id'
);
INSERT INTO users_search (users_search) VALUES ('rebuild');

-- The users whose search text the index does not hold yet, each with what it holds for them
-- instead (`indexed`, NULL: nothing). The triggers below fill it on every insert, update and
-- delete, the shell's included; admin-proxy empties it into the index at the end of each of
-- its write transactions, in one statement. (FTS5 writes its pending terms to disk at every
-- statement that opens a savepoint: triggers writing the index row by row made a
-- million-user import three times slower.)
--
-- INVARIANT: for every id not in users_search_pending, users_search holds the search_text of
-- the user with that id, or nothing when there is none; for every id in it, what `indexed`
-- says. So the index and this table together never miss a user: a search asks both for
-- candidates and checks each against the text itself. (INSERT OR REPLACE into users removes
-- a row without its trigger, leaving an entry that costs time, never a wrong answer.)
CREATE TABLE users_search_pending (
    id       INTEGER PRIMARY KEY,
    indexed  TEXT
);
-- A row here, inside one write transaction and never outside it, tells the insert trigger to
-- leave the new users to that transaction: a bulk import into an org that had nobody indexes
-- all of its users at once, in one statement, before it removes the row and commits.
CREATE TABLE users_search_paused (
    one  INTEGER PRIMARY KEY CHECK (one = 1)
);
-- The first change since the last fold says what the index holds; later ones add nothing.
CREATE TRIGGER users_search_after_insert AFTER INSERT ON users
WHEN NOT EXISTS (SELECT 1 FROM users_search_paused)
BEGIN
    INSERT INTO users_search_pending (id, indexed)
        SELECT new.id, NULL
        WHERE NOT EXISTS (SELECT 1 FROM users_search_pending WHERE id = new.id);
END;
-- An import saves every row again: only a changed text is indexed again.
CREATE TRIGGER users_search_after_update AFTER UPDATE OF id, search_text ON users
WHEN old.id IS NOT new.id OR old.search_text IS NOT new.search_text
BEGIN
    INSERT INTO users_search_pending (id, indexed)
        SELECT old.id, old.search_text
        WHERE NOT EXISTS (SELECT 1 FROM users_search_pending WHERE id = old.id);
    INSERT INTO users_search_pending (id, indexed)
        SELECT new.id, NULL
        WHERE NOT EXISTS (SELECT 1 FROM users_search_pending WHERE id = new.id);
END;
CREATE TRIGGER users_search_after_delete AFTER DELETE ON users
BEGIN
    INSERT INTO users_search_pending (id, indexed)
        SELECT old.id, old.search_text
        WHERE NOT EXISTS (SELECT 1 FROM users_search_pending WHERE id = old.id);
END;
