-- The schema before 2026-11-27: 14 indexes and the foreign key.
ALTER TABLE reports ADD CONSTRAINT fk_reports_tenants_tenant_id FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE;
\ir idx_common.sql
CREATE INDEX ix_reports_bounced_to ON reports USING gin (bounced_to gin_trgm_ops);
CREATE INDEX ix_reports_original_message_id ON reports USING gin (original_message_id gin_trgm_ops);
CREATE INDEX ix_reports_original_subject ON reports USING gin (original_subject gin_trgm_ops);
CREATE INDEX ix_reports_tenant_id_judgement_received_at ON reports (tenant_id, judgement, received_at);
CREATE INDEX ix_reports_tenant_id_kind_received_at ON reports (tenant_id, kind, received_at);
CREATE INDEX ix_reports_tenant_id_reason_received_at ON reports (tenant_id, reason, received_at);
CREATE INDEX ix_reports_tenant_id_reflector_ip_received_at ON reports (tenant_id, reflector_ip, received_at);
CREATE INDEX ix_reports_tenant_id_bounced_to ON reports (tenant_id, bounced_to);
CREATE INDEX ix_reports_tenant_id_judgement_reason_received_at ON reports (tenant_id, judgement, reason, received_at);
CREATE INDEX ix_reports_tenant_id_original_message_id ON reports (tenant_id, original_message_id);
