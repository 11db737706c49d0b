-- Measured, not adopted (ADR 0017): partial indexes and the raw message in a table of its own.
ALTER TABLE reports ADD CONSTRAINT fk_reports_tenants_tenant_id FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE;
\ir idx_common.sql
\ir partial_idx.sql
CREATE TABLE raw_messages (report_id uuid PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE, received_at timestamptz NOT NULL, message bytea NOT NULL);
CREATE INDEX ix_raw_messages_received_at ON raw_messages USING brin (received_at);
ALTER TABLE reports DROP COLUMN raw_message;
