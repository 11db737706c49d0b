-- The hosts' own PostgreSQL logins, members of backscatter_app (rows of the application's tables,
-- nothing more) and the portal's of backscatter_portal (its accounts), which the migration bundle's
-- HostAccessRole migration created (docs/adr/0029).
-- Run as the administrator after the bundle; again whenever a password changes (it sets them all):
--   psql "host=... dbname=backscatter user=backscatter sslmode=verify-full" \
--     -v web="$BACKSCATTER_PG_WEB_PASSWORD" -v ingest="$BACKSCATTER_PG_INGEST_PASSWORD" \
--     -v feed="$BACKSCATTER_PG_FEED_PASSWORD" -f infra/bicep/host-logins.sql
-- A password missing from the command line leaves :'name' unexpanded: the script fails and, being
-- one transaction, changes nothing.
\set ON_ERROR_STOP on
BEGIN;

SELECT format('CREATE ROLE %I LOGIN', login)
FROM (VALUES ('backscatter_web'), ('backscatter_ingest'), ('backscatter_feed')) AS logins (login)
WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = login) \gexec

SET LOCAL client_min_messages = warning;
GRANT backscatter_app TO backscatter_web, backscatter_ingest, backscatter_feed;
-- The portal's accounts (password hashes): the portal only.
GRANT backscatter_portal TO backscatter_web;

ALTER ROLE backscatter_web PASSWORD :'web';
ALTER ROLE backscatter_ingest PASSWORD :'ingest';
ALTER ROLE backscatter_feed PASSWORD :'feed';
COMMIT;
