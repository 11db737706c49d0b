-- 10,000 reports stored as at acceptance, bench.rows_per_commit to a transaction, synchronous commit.
DO $$
BEGIN
  FOR i IN 1..10000 / current_setting('bench.rows_per_commit')::int LOOP
    INSERT INTO reports (id, tenant_id, client_ip, helo, mail_from, rcpt_to, received_at, size, sha256, raw_message, status, duplicate_count)
    SELECT rid(nextval('n')), t.tenant_id, t.client_ip, t.helo, t.mail_from, t.rcpt_to,
           clock_timestamp(), t.size, sha256(random()::text::bytea), t.raw_message, 'Received', 0
    FROM template t, generate_series(1, current_setting('bench.rows_per_commit')::int);
    COMMIT;
  END LOOP;
END $$;
