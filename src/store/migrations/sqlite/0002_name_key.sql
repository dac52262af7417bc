-- admin-proxy store, schema version 2: users are listed by a key that both databases order
-- alike (the name with ASCII letters lower-cased, compared byte by byte), computed by
-- admin-proxy. SQLite's lower() folds ASCII letters only, the same fold.
ALTER TABLE users ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
UPDATE users SET name_key = lower(name);
CREATE INDEX users_by_name_key ON users (org_id, name_key, email);
DROP INDEX users_by_name;
