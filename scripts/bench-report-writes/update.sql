-- The 10,000 reports classified as PostgresClassificationStore does, 100 to a transaction, without waiting for the flush.
DO $$
BEGIN
  SET synchronous_commit TO off;
  FOR i IN 0..99 LOOP
    UPDATE reports r SET status = 'Classified', kind = t.kind, reason = t.reason, judgement = t.judgement, confidence = 0.9,
      reflector_ip = ('198.18.' || (g % 200) || '.' || (g % 250))::inet, reflector_host = 'mx.example', bounced_to = 'user' || g || '@example.ne.jp',
      original_subject = 'Subject ' || g, original_message_id = g || '@mail.example', classified_at = now(), details = t.details
    FROM template t, generate_series(20001 + i * 100, 20100 + i * 100) g
    WHERE r.id = rid(g) AND r.status = 'Received';
    COMMIT;
  END LOOP;
END $$;
