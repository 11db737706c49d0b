-- Migration LeanReportWrites: partial indexes, and rows up to 8,160 bytes kept whole, so classifying a
-- report (about 3 KB with its raw message and details) no longer compresses and moves the raw message to TOAST.
ALTER TABLE reports ADD CONSTRAINT fk_reports_tenants_tenant_id FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE;
\ir idx_common.sql
\ir partial_idx.sql
ALTER TABLE reports SET (toast_tuple_target = 8160);
