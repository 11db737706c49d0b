-- 10,000 reports stored as at acceptance, bench.rows_per_commit to a transaction, synchronous commit.
DO $$
BEGIN
  FOR i IN 1..10000 / current_setting('bench.rows_per_commit')::int LOOP
    WITH s AS (
      SELECT rid(nextval('n')) AS id, t.tenant_id, t.client_ip, t.helo, t.mail_from, t.rcpt_to, clock_timestamp() AS received_at, t.size,
             sha256(random()::text::bytea) AS sha256, t.raw_message FROM template t, generate_series(1, current_setting('bench.rows_per_commit')::int)
    ), r AS (
      INSERT INTO reports (id, tenant_id, client_ip, helo, mail_from, rcpt_to, received_at, size, sha256, status, duplicate_count)
      SELECT id, tenant_id, client_ip, helo, mail_from, rcpt_to, received_at, size, sha256, 'Received', 0 FROM s
    )
    INSERT INTO raw_messages (report_id, received_at, message) SELECT id, received_at, raw_message FROM s;
    COMMIT;
  END LOOP;
END $$;
