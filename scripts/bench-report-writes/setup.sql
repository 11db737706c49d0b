-- A tenant and one template report like the benchmark's (scripts/bench-smtp.sh): its raw message
-- 1,527 incompressible bytes (a Brotli-compressed 4 KB bounce), details about 1 KB of JSON.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE tenants (id uuid PRIMARY KEY, name varchar(200) NOT NULL, created_at timestamptz NOT NULL);
CREATE TABLE template (
    id uuid NOT NULL, tenant_id uuid NOT NULL, client_ip inet NOT NULL, helo varchar(255) NOT NULL, mail_from varchar(320) NOT NULL,
    rcpt_to text[] NOT NULL, received_at timestamptz NOT NULL, size bigint NOT NULL, sha256 bytea NOT NULL, raw_message bytea,
    status varchar(16) NOT NULL, duplicate_count integer NOT NULL, kind varchar(32), reason varchar(32), judgement varchar(16),
    confidence double precision, reflector_ip inet, reflector_host varchar(255), reporting_mta varchar(255), mta_software varchar(32),
    bounced_to varchar(320), original_subject varchar(500), original_message_id varchar(500), classified_at timestamptz,
    failure varchar(2000), details jsonb);
INSERT INTO tenants VALUES ('0193a5c0-0000-7000-8000-000000000001', 'bench', now());
INSERT INTO template (id, tenant_id, client_ip, helo, mail_from, rcpt_to, received_at, size, sha256, raw_message, status, duplicate_count,
                      kind, reason, judgement, details)
SELECT gen_random_uuid(), '0193a5c0-0000-7000-8000-000000000001', '127.0.0.1', 'localhost', '', ARRAY['bounces@in.bench.example'], now(), 4096,
       sha256('x'), decode((SELECT string_agg(lpad(to_hex((random() * 255)::int), 2, '0'), '') FROM generate_series(1, 1527)), 'hex'), 'Received', 0,
       'NonStandardBounce', 'userunknown', 'Undetermined',
       jsonb_build_object('recipients', jsonb_build_array(jsonb_build_object('address', 'shironeko@example.ne.jp', 'status', '5.1.1', 'action', 'failed',
                            'diagnostic', repeat('550 5.1.1 <shironeko@example.ne.jp>: Recipient address rejected: User unknown ', 3))),
                          'evidence', jsonb_build_array('postfix DSN', 'null sender', 'no matching outbound message'),
                          'headers', jsonb_build_object('from', 'MAILER-DAEMON', 'subject', 'Undelivered Mail Returned to Sender'),
                          'received', jsonb_build_array(repeat('from mx.example.net (mx.example.net [192.0.2.1]) by in.bench.example ', 4)));
