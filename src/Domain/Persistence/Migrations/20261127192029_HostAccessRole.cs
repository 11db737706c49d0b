using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Backscatter.Domain.Persistence.Migrations
{
    /// <summary>
    /// The hosts' group role <c>backscatter_app</c>: rows of the application's tables and nothing more
    /// (no ownership, no CREATE, no migration history); tables of later migrations are covered by the
    /// migrator's default privileges. The portal's accounts (ASP.NET Identity: password hashes, logins,
    /// tokens) only for <c>backscatter_portal</c>, which only the portal's login joins. The hosts' login
    /// roles (with passwords) join them outside migrations: scripts/services.sh locally,
    /// infra/bicep/host-logins.sql in Azure (docs/adr/0029).
    /// </summary>
    public partial class HostAccessRole : Migration
    {
        private const string AccountTables = "users, user_claims, user_logins, user_tokens, user_roles, roles, role_claims";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Roles are cluster-wide and many databases may migrate at once (tests): the first CREATE wins,
            // the others see duplicate_object, or unique_violation when they raced past the check. The
            // check first, so that a migrator without CREATEROLE passes once the role exists. Outside the
            // migration's transaction: one that lost the race would not see the winner's role until its
            // next transaction, and its GRANTs would fail (role does not exist).
            migrationBuilder.Sql("""
                DO $$
                DECLARE
                    role_name text;
                BEGIN
                    FOREACH role_name IN ARRAY ARRAY['backscatter_app', 'backscatter_portal'] LOOP
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
            migrationBuilder.Sql("GRANT USAGE ON SCHEMA public TO backscatter_app;");
            migrationBuilder.Sql("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO backscatter_app;");
            // The hosts never read the history: in Development the migrator reads it as the owner.
            migrationBuilder.Sql("""REVOKE ALL ON TABLE "__EFMigrationsHistory" FROM backscatter_app;""");
            migrationBuilder.Sql("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO backscatter_app;");
            // Neither the Ingest nor the Feed ever reads the portal's accounts.
            migrationBuilder.Sql($"REVOKE ALL ON TABLE {AccountTables} FROM backscatter_app;");
            migrationBuilder.Sql($"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE {AccountTables} TO backscatter_portal;");
            // For the tables and sequences that later migrations create as this same role.
            migrationBuilder.Sql("ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO backscatter_app;");
            migrationBuilder.Sql("ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO backscatter_app;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The roles stay: other databases of the cluster may still grant them privileges.
            migrationBuilder.Sql("ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE, SELECT ON SEQUENCES FROM backscatter_app;");
            migrationBuilder.Sql("ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM backscatter_app;");
            migrationBuilder.Sql($"REVOKE ALL ON TABLE {AccountTables} FROM backscatter_portal;");
            migrationBuilder.Sql("REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM backscatter_app;");
            migrationBuilder.Sql("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM backscatter_app;");
            migrationBuilder.Sql("REVOKE USAGE ON SCHEMA public FROM backscatter_app;");
        }
    }
}
