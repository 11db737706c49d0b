using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Backscatter.Domain.Persistence.Migrations
{
    /// <summary>
    /// One group role per host, each granted only the tables it reads and the ones it writes (docs/adr/0031):
    /// the Feed (DNS, internet-facing) keeps to listings, the Ingest (SMTP) to the pipeline's tables, the
    /// portal to tenants' settings. <c>backscatter_app</c> loses everything, its default privileges too: a
    /// table of a later migration is open to no host until that migration grants it (a test fails until it does).
    /// The hosts' logins join their role outside migrations (scripts/services.sh, infra/bicep/host-logins.sql).
    /// </summary>
    public partial class HostGrants : Migration
    {
        private const string Web = "backscatter_web_access";
        private const string Ingest = "backscatter_ingest_access";
        private const string Feed = "backscatter_feed_access";

        // What each host's code does to each table (the map in docs/adr/0031). Every write needs SELECT too:
        // UPDATE and DELETE read their WHERE, ON CONFLICT and RETURNING read the row. Identity columns draw
        // from their sequence without a privilege on it, so no host needs one.
        private static readonly (string Table, string Web, string Ingest, string Feed)[] Grants =
        [
            ("tenants", "SELECT, INSERT", "SELECT", null),
            ("tenant_domains", "SELECT, INSERT, DELETE", "SELECT", null),
            ("tenant_mail_settings", "SELECT, INSERT, UPDATE", "SELECT", null),
            ("tenant_batv_keys", "SELECT, INSERT, UPDATE, DELETE", "SELECT", null),
            ("ingest_addresses", "SELECT, INSERT", "SELECT", null),
            ("ingest_domains", "SELECT, INSERT, UPDATE, DELETE", "SELECT", null),
            ("invitations", "SELECT, INSERT, UPDATE", null, null),
            ("audit_entries", "SELECT, INSERT, UPDATE", "SELECT, INSERT", null),
            ("alert_channels", "SELECT, INSERT, UPDATE, DELETE", "SELECT", null),
            ("alert_deliveries", "SELECT", "SELECT, INSERT, UPDATE", null),
            ("reports", "SELECT", "SELECT, INSERT, UPDATE, DELETE", null),
            ("report_days", "SELECT, INSERT", null, null),
            ("reflector_days", "SELECT, INSERT", null, null),
            ("reflector_sightings", "SELECT", "SELECT, INSERT, UPDATE, DELETE", "SELECT"),
            ("reflectors", "SELECT", "SELECT, INSERT, UPDATE", null),
            ("tracked_reports", null, "SELECT, INSERT, DELETE", null),
            ("tenant_activity", null, "SELECT, INSERT, UPDATE", null),
            ("incidents", "SELECT, UPDATE", "SELECT, INSERT, UPDATE", null),
            ("incident_campaigns", "SELECT", "SELECT, INSERT, UPDATE", null),
            ("incident_minutes", "SELECT", "SELECT, INSERT, UPDATE", null),
            // UPDATE only for the row locks of the publishers (FOR UPDATE SKIP LOCKED needs it).
            ("outbox_messages", null, "SELECT, INSERT, UPDATE, DELETE", null),
            ("listings", "SELECT", null, "SELECT, INSERT, UPDATE"),
            ("listing_history", "SELECT", null, "SELECT, INSERT"),
            // The shared key ring: the portal encrypts tenants' secrets, the Ingest decrypts them; either
            // may add the next key when the current one nears its end. The Feed holds no secret.
            ("data_protection_keys", "SELECT, INSERT", "SELECT, INSERT", null),
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // As in HostAccessRole: roles are cluster-wide and test databases migrate at once, so create
            // each only when missing, tolerate losing the race, and do it outside the migration's
            // transaction so that the GRANTs below see the winner's role.
            migrationBuilder.Sql($"""
                DO $$
                DECLARE
                    role_name text;
                BEGIN
                    FOREACH role_name IN ARRAY ARRAY['{Web}', '{Ingest}', '{Feed}'] LOOP
                        IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = role_name) THEN
                            BEGIN
                                EXECUTE format('CREATE ROLE %I NOLOGIN', role_name);
                            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                                NULL;
                            END;
                        END IF;
                    END LOOP;
                END
                $$;
                """, suppressTransaction: true);
            migrationBuilder.Sql($"GRANT USAGE ON SCHEMA public TO {Web}, {Ingest}, {Feed};");
            foreach (var grant in Grants)
            {
                foreach (var (role, privileges) in new[] { (Web, grant.Web), (Ingest, grant.Ingest), (Feed, grant.Feed) })
                {
                    if (privileges is not null)
                    {
                        migrationBuilder.Sql($"GRANT {privileges} ON TABLE {grant.Table} TO {role};");
                    }
                }
            }

            // The shared role goes empty (its logins leave it in services.sh and host-logins.sql; other
            // databases of the cluster may still be at HostAccessRole, so the role itself stays).
            migrationBuilder.Sql("ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE, SELECT ON SEQUENCES FROM backscatter_app;");
            migrationBuilder.Sql("ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM backscatter_app;");
            migrationBuilder.Sql("REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM backscatter_app;");
            migrationBuilder.Sql("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM backscatter_app;");
            migrationBuilder.Sql("REVOKE USAGE ON SCHEMA public FROM backscatter_app;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Back to HostAccessRole's grants; the roles stay (other databases of the cluster may use them).
            migrationBuilder.Sql("GRANT USAGE ON SCHEMA public TO backscatter_app;");
            migrationBuilder.Sql("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO backscatter_app;");
            migrationBuilder.Sql("""REVOKE ALL ON TABLE "__EFMigrationsHistory" FROM backscatter_app;""");
            migrationBuilder.Sql("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO backscatter_app;");
            migrationBuilder.Sql("REVOKE ALL ON TABLE users, user_claims, user_logins, user_tokens, user_roles, roles, role_claims FROM backscatter_app;");
            migrationBuilder.Sql("ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO backscatter_app;");
            migrationBuilder.Sql("ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO backscatter_app;");
            migrationBuilder.Sql($"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {Web}, {Ingest}, {Feed};");
            migrationBuilder.Sql($"REVOKE USAGE ON SCHEMA public FROM {Web}, {Ingest}, {Feed};");
        }
    }
}
