-- The 10 indexes on classification columns partial (classified rows only), rows as before.
ALTER TABLE reports ADD CONSTRAINT fk_reports_tenants_tenant_id FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE;
\ir idx_common.sql
\ir partial_idx.sql
