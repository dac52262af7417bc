-- admin-proxy store, schema version 5: `--search` served by an index of the trigrams (every
-- run of three characters) of users.search_text. Plain SQL that the sqlite3 shell 3.40 reads
-- (FTS5 and its trigram tokenizer date from 3.34).
--
-- External content: the index keeps no copy of the text, only which rows hold each trigram
-- (detail = none). case_sensitive 1 keeps the text as stored: admin-proxy has already
-- lower-cased it in every script, which FTS5's own folding would not match.
--
-- INVARIANT: users_search indexes the search_text of every row of users under the row's id,
-- and nothing else; the triggers below keep it so for every insert, update and delete, the
-- shell's included (INSERT OR REPLACE would remove a row without its trigger: admin-proxy
-- never writes so). A search asks the index for candidates only and checks each against the
-- text itself, so a stale entry costs time, never a wrong answer; a missing one would hide a
-- user.
CREATE VIRTUAL TABLE users_search USING fts5(
    search_text,
    tokenize = 'trigram case_sensitive 1',
    detail = none,
    content = 'users',
    content_rowid = 'id'
);
INSERT INTO users_search (users_search) VALUES ('rebuild');

CREATE TRIGGER users_search_after_insert AFTER INSERT ON users
BEGIN
    INSERT INTO users_search (rowid, search_text) VALUES (new.id, new.search_text);
END;
-- An import saves every row again: only a changed text is indexed again.
CREATE TRIGGER users_search_after_update AFTER UPDATE OF id, search_text ON users
WHEN old.id IS NOT new.id OR old.search_text IS NOT new.search_text
BEGIN
    INSERT INTO users_search (users_search, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
    INSERT INTO users_search (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER users_search_after_delete AFTER DELETE ON users
BEGIN
    INSERT INTO users_search (users_search, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
END;
