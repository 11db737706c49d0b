CREATE INDEX ix_reports_received_at ON reports (received_at) WHERE status = 'Received';
CREATE INDEX ix_reports_tenant_id_sha256_received_at ON reports (tenant_id, sha256, received_at);
CREATE INDEX ix_reports_tenant_id_received_at ON reports (tenant_id, received_at) INCLUDE (kind, judgement);
