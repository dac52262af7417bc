-- admin-proxy store on PostgreSQL, schema version 4: `--search` served by a trigram index of
-- users.search_text, as the SQLite store's version 5. The index needs the pg_trgm extension
-- (shipped with PostgreSQL, in the contrib package; trusted, so a database owner may create
-- it). A server that lacks it, or a role that may not create it, gets no index: searches then
-- walk the org in name order as before, and the index can be made later by hand under the
-- same name, which searches look for:
--     CREATE EXTENSION pg_trgm;
--     CREATE INDEX users_by_search_text ON users USING gin (search_text gin_trgm_ops);
-- The index only narrows the candidates: a search checks each against the text itself.
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN insufficient_privilege OR undefined_file OR feature_not_supported THEN
    RAISE NOTICE 'admin-proxy: no pg_trgm (%), so no index for --search: searches walk the org', SQLERRM;
END
$$;

DO $$
DECLARE
    trgm_schema name := (SELECT n.nspname FROM pg_extension e
                         JOIN pg_namespace n ON n.oid = e.extnamespace
                         WHERE e.extname = 'pg_trgm');
BEGIN
    IF trgm_schema IS NOT NULL THEN
        EXECUTE format(
            'CREATE INDEX users_by_search_text ON users USING gin (search_text %I.gin_trgm_ops)',
            trgm_schema);
    END IF;
END
$$;
