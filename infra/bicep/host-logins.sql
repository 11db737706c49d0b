-- The hosts' own PostgreSQL logins, each a member of its host's group role (backscatter_web_access,
-- backscatter_ingest_access, backscatter_feed_access: the tables that host's code uses), and the
-- portal's also of backscatter_portal (its accounts); the bundle's migrations HostGrants and
-- HostAccessRole created those roles (docs/adr/0029, 0031). Run it through host-logins.sh, which turns
-- the passwords into SCRAM-SHA-256 verifiers first: only verifiers reach the server (and its log).
-- A verifier missing from the command line leaves :'name' unexpanded: the script fails and, being
-- one transaction, changes nothing.
\set ON_ERROR_STOP on
BEGIN;

SELECT format('CREATE ROLE %I LOGIN', login)
FROM (VALUES ('backscatter_web'), ('backscatter_ingest'), ('backscatter_feed')) AS logins (login)
WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = login) \gexec

SET LOCAL client_min_messages = warning;
GRANT backscatter_web_access TO backscatter_web;
GRANT backscatter_ingest_access TO backscatter_ingest;
GRANT backscatter_feed_access TO backscatter_feed;
-- The portal's accounts (password hashes): the portal only.
GRANT backscatter_portal TO backscatter_web;
-- The former shared role: a database still at HostAccessRole would open every table to every host.
SELECT format('REVOKE backscatter_app FROM %I', u.rolname)
FROM pg_catalog.pg_auth_members m
JOIN pg_catalog.pg_roles g ON g.oid = m.roleid
JOIN pg_catalog.pg_roles u ON u.oid = m.member
WHERE g.rolname = 'backscatter_app' AND u.rolname IN ('backscatter_web', 'backscatter_ingest', 'backscatter_feed') \gexec

ALTER ROLE backscatter_web PASSWORD :'web_verifier';
ALTER ROLE backscatter_ingest PASSWORD :'ingest_verifier';
ALTER ROLE backscatter_feed PASSWORD :'feed_verifier';
COMMIT;
