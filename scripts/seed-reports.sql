-- One tenant's reports at scale, for the portal benchmark (scripts/seed-reports.sh runs it).
--   psql -v tenant=UUID -v reports=1000000 -f scripts/seed-reports.sql
-- Deterministic (setseed), generated inside PostgreSQL with INSERT ... SELECT: no row crosses the wire.
-- The mix follows what the product sees: mostly delivery reports and vendor bounces of forged mail
-- (backscatter), auto-replies, a few challenges and virus notices; a few thousand reflectors, a
-- handful of them sending most of it; 30 days of traffic with one burst day (a spam run).
-- Raw messages are left out (NULL, as after retention): the overview and the list never read them.
\set ON_ERROR_STOP on
SELECT setseed(0.42);

CREATE TEMP TABLE seed_reflectors AS
SELECT i,
       ('198.18.0.0'::inet + (i * 7 + 11)) AS ip,   -- RFC 2544 benchmarking range
       (ARRAY['mx', 'mail', 'smtp', 'relay', 'mx1', 'mx2', 'out'])[1 + i % 7] || i || '.'
         || (ARRAY['example.net', 'example.com', 'example.org', 'mail.example.br', 'isp.example.ru', 'host.example.cn', 'example.de'])[1 + (i / 7) % 7] AS host,
       (ARRAY['postfix', 'exim', 'exchange', 'sendmail', 'qmail', NULL])[1 + i % 6] AS software
FROM generate_series(1, 3000) AS i;

-- Values drawn per row; the report's columns are derived from them below.
CREATE TEMP TABLE seed_draws AS
SELECT n,
       random() AS k,        -- kind
       random() AS v,        -- verdict
       random() AS r,        -- reason
       random() AS t,        -- time
       random() AS b,        -- burst or not
       -- Skewed reflectors: the first few send most (a cubic power law over 3,000).
       1 + floor(2999 * power(random(), 3))::int AS reflector,
       random() AS who,      -- which forged recipient
       floor(random() * 60)::int AS topic
FROM generate_series(1, :reports) AS n;

-- Bulk load: the secondary indexes are dropped and built again afterwards (much faster than keeping
-- them up to date row by row), and rows go in in time order with version-7 ids like the application's.
SET maintenance_work_mem = '256MB';
CREATE TEMP TABLE seed_indexes AS
SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'reports' AND indexname <> 'pk_reports';
DO $$ DECLARE i record; BEGIN
  FOR i IN SELECT indexname FROM seed_indexes LOOP EXECUTE format('DROP INDEX %I', i.indexname); END LOOP;
END $$;

INSERT INTO reports (id, tenant_id, client_ip, helo, mail_from, rcpt_to, received_at, size, sha256, raw_message,
                     status, duplicate_count, kind, reason, judgement, confidence, reflector_ip, reflector_host,
                     reporting_mta, mta_software, bounced_to, original_subject, original_message_id, classified_at, failure, details)
SELECT (lpad(to_hex((extract(epoch FROM received_at) * 1000)::bigint), 12, '0') || '7' || substr(md5(d.n::text), 1, 3)
         || '8' || substr(md5(d.n::text), 4, 15))::uuid,
       :'tenant', '203.0.113.25'::inet, 'mx1.customer.example', '',
       ARRAY[ :'ingest' ],
       received_at,
       2000 + (d.n::bigint * 7919) % 38000,
       decode(md5(d.n::text) || md5((d.n + 1)::text), 'hex'),
       NULL,
       'Classified', CASE WHEN d.n % 50 = 0 THEN 1 + d.n % 5 ELSE 0 END,
       kind, reason, judgement, 0.5 + d.v / 2,
       CASE WHEN kind IN ('NotABounce', 'FeedbackReport') OR (judgement = 'Undetermined' AND d.n % 3 = 0) THEN NULL ELSE s.ip END,
       CASE WHEN kind IN ('NotABounce', 'FeedbackReport') OR (judgement = 'Undetermined' AND d.n % 3 = 0) THEN NULL ELSE s.host END,
       CASE WHEN kind IN ('NotABounce', 'FeedbackReport') THEN NULL ELSE s.host END,
       s.software,
       bounced_to,
       subject,
       -- Stored as the classifier stores them: without the angle brackets.
       substr(md5('m' || d.n), 1, 20) || '.' || d.n || '@' || (ARRAY['mail.example.biz', 'smtp.example.info', 'bulk.example.top', 'customer.example'])[1 + d.n % 4],
       received_at + interval '2 seconds',
       NULL,
       jsonb_build_object(
         'recipients', jsonb_build_array(jsonb_build_object('address', bounced_to, 'action', 'failed', 'status', '5.1.1', 'replyCode', '550',
           'reason', reason, 'hardBounce', true, 'remoteMta', s.host, 'diagnostic', '550 5.1.1 <' || bounced_to || '>: Recipient address rejected: User unknown')),
         'evidence', jsonb_build_array(jsonb_build_object('code', 'received-chain-foreign', 'weight', 0.8,
           'text', 'The original passed through none of your outbound relays.')),
         'original', jsonb_build_object('from', bounced_to, 'to', 'victim' || d.n % 997 || '@example.com', 'subject', subject,
           'received', jsonb_build_array(jsonb_build_object('from', 'spam-bot', 'ip', '192.0.2.' || (d.n % 250 + 1), 'by', 'mail.example.biz')))
       )
FROM seed_draws d
JOIN seed_reflectors s ON s.i = d.reflector
CROSS JOIN LATERAL (SELECT
    CASE WHEN d.k < 0.45 THEN 'DeliveryStatusNotification'
         WHEN d.k < 0.75 THEN 'NonStandardBounce'
         WHEN d.k < 0.90 THEN 'AutoReply'
         WHEN d.k < 0.94 THEN 'ChallengeResponse'
         WHEN d.k < 0.96 THEN 'VirusNotice'
         WHEN d.k < 0.99 THEN 'NotABounce'
         ELSE 'FeedbackReport' END AS kind,
    -- 30 days back from now; a fifth of all reports in one six-hour spam run eight days ago.
    CASE WHEN d.b < 0.2 THEN date_trunc('day', now()) - interval '8 days' + interval '9 hours' + d.t * interval '6 hours'
         ELSE now() - d.t * interval '30 days' END AS received_at,
    CASE WHEN d.who < 0.3 THEN (ARRAY['info', 'sales', 'support', 'billing', 'jobs', 'office', 'admin', 'hello', 'contact', 'news'])[1 + floor(d.who * 33)::int]
         ELSE 'u' || substr(md5('r' || floor(d.who * 200000)), 1, 8) END
      || '@' || (ARRAY['customer.example', 'customer.example', 'customer-shop.example'])[1 + d.n % 3] AS bounced_to,
    (ARRAY['Invoice', 'Your order', 'Payment overdue', 'Re: meeting', 'Cheap watches', 'Account verification', 'You have won',
           'Delivery failed', 'Urgent: update your details', 'Quarterly report', 'Special offer', 'Re: your inquiry'])[1 + d.topic % 12]
      || ' #' || (d.n % 100000) AS subject) AS x
CROSS JOIN LATERAL (SELECT
    CASE WHEN x.kind IN ('NotABounce', 'FeedbackReport') THEN 'Undetermined'
         WHEN d.v < 0.85 THEN 'Backscatter'
         WHEN d.v < 0.93 THEN 'Legitimate'
         ELSE 'Undetermined' END AS judgement,
    CASE WHEN x.kind = 'AutoReply' THEN 'vacation'
         WHEN x.kind = 'VirusNotice' THEN 'virusdetected'
         WHEN x.kind NOT IN ('DeliveryStatusNotification', 'NonStandardBounce') THEN NULL
         WHEN d.r < 0.55 THEN 'userunknown'
         WHEN d.r < 0.65 THEN 'mailboxfull'
         WHEN d.r < 0.73 THEN 'hostunknown'
         WHEN d.r < 0.80 THEN 'filtered'
         WHEN d.r < 0.85 THEN 'blocked'
         WHEN d.r < 0.89 THEN 'expired'
         WHEN d.r < 0.93 THEN 'spamdetected'
         WHEN d.r < 0.96 THEN 'policyviolation'
         WHEN d.r < 0.98 THEN 'rejected'
         WHEN d.r < 0.99 THEN 'suspend'
         ELSE 'undefined' END AS reason) AS y
ORDER BY received_at;

DO $$ DECLARE i record; BEGIN
  FOR i IN SELECT indexdef FROM seed_indexes LOOP EXECUTE i.indexdef; END LOOP;
END $$;

-- The hourly sightings and reflector records the classifier keeps, from the backscatter just stored.
INSERT INTO reflector_sightings (ip, tenant_id, kind, hour, count, first_seen, last_seen)
SELECT reflector_ip, tenant_id,
       CASE kind WHEN 'AutoReply' THEN 'AutoReply' WHEN 'ChallengeResponse' THEN 'ChallengeResponse' WHEN 'VirusNotice' THEN 'VirusNotice' ELSE 'Bounce' END,
       date_trunc('hour', received_at), count(*), min(received_at), max(received_at)
FROM reports
WHERE tenant_id = :'tenant' AND judgement = 'Backscatter' AND reflector_ip IS NOT NULL
GROUP BY 1, 2, 3, 4;

INSERT INTO reflectors (ip, host, reporting_mta, mta_software, backscatter_count, first_seen, last_seen)
SELECT s.ip, s.host, s.host, s.software, agg.count, agg.first_seen, agg.last_seen
FROM seed_reflectors s
JOIN (SELECT ip, sum(count) AS count, min(first_seen) AS first_seen, max(last_seen) AS last_seen
      FROM reflector_sightings WHERE tenant_id = :'tenant' GROUP BY ip) agg ON agg.ip = s.ip
ON CONFLICT (ip) DO UPDATE SET backscatter_count = reflectors.backscatter_count + EXCLUDED.backscatter_count,
                               last_seen = GREATEST(reflectors.last_seen, EXCLUDED.last_seen);
