-- The WAL of 1,000 reports stored and classified in one statement each (rolled back).
BEGIN;
EXPLAIN (ANALYZE, BUFFERS, WAL, COSTS OFF)
    INSERT INTO reports (id, tenant_id, client_ip, helo, mail_from, rcpt_to, received_at, size, sha256, raw_message, status, duplicate_count)
    SELECT rid(nextval('n')), t.tenant_id, t.client_ip, t.helo, t.mail_from, t.rcpt_to,
           clock_timestamp(), t.size, sha256(random()::text::bytea), t.raw_message, 'Received', 0
    FROM template t, generate_series(1, 1000);
EXPLAIN (ANALYZE, BUFFERS, WAL, COSTS OFF)
    UPDATE reports r SET status = 'Classified', kind = t.kind, reason = t.reason, judgement = t.judgement, confidence = 0.9,
      reflector_ip = ('198.18.' || (g % 200) || '.' || (g % 250))::inet, reflector_host = 'mx.example', bounced_to = 'user' || g || '@example.ne.jp',
      original_subject = 'Subject ' || g, original_message_id = g || '@mail.example', classified_at = now(), details = t.details
    FROM template t, generate_series(30001, 31000) g
    WHERE r.id = rid(g) AND r.status = 'Received';
ROLLBACK;
