-- Partial indexes, and the raw message never compressed again by PostgreSQL (still moved to TOAST at classification).
ALTER TABLE reports ADD CONSTRAINT fk_reports_tenants_tenant_id FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE;
\ir idx_common.sql
\ir partial_idx.sql
ALTER TABLE reports ALTER COLUMN raw_message SET STORAGE EXTERNAL;
