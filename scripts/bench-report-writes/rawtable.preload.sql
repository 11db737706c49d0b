-- 20,000 classified reports already there, so that indexes are not empty.
INSERT INTO reports (id, tenant_id, client_ip, helo, mail_from, rcpt_to, received_at, size, sha256, status, duplicate_count,
                     kind, reason, judgement, confidence, reflector_ip, reflector_host, bounced_to, original_subject, original_message_id, classified_at, details)
SELECT rid(nextval('n')), t.tenant_id, t.client_ip, t.helo, t.mail_from, t.rcpt_to,
       now(), t.size, sha256(g::text::bytea), 'Classified', 0,
       t.kind, t.reason, t.judgement, 0.9, ('198.18.' || (g % 200) || '.' || (g % 250))::inet, 'mx.example', 'user' || g || '@example.ne.jp',
       'Subject ' || g, g || '@mail.example', now(), t.details
FROM template t, generate_series(1, 20000) g;
INSERT INTO raw_messages SELECT id, received_at, (SELECT raw_message FROM template) FROM reports;
VACUUM ANALYZE reports, raw_messages;
