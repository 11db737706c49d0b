using System;
using System.Net;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Backscatter.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PortalIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_reports_tenant_id_received_at",
                table: "reports");

            migrationBuilder.DropIndex(
                name: "ix_reports_tenant_id_reflector_ip",
                table: "reports");

            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateTable(
                name: "reflector_days",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    ip = table.Column<IPAddress>(type: "inet", nullable: false),
                    host = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    count = table.Column<int>(type: "integer", nullable: false),
                    last_seen = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reflector_days", x => x.id);
                    table.ForeignKey(
                        name: "fk_reflector_days_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "report_days",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    judgement = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_report_days", x => new { x.tenant_id, x.day, x.kind, x.judgement });
                    table.ForeignKey(
                        name: "fk_report_days_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_reports_bounced_to",
                table: "reports",
                column: "bounced_to")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_reports_original_message_id",
                table: "reports",
                column: "original_message_id")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_reports_original_subject",
                table: "reports",
                column: "original_subject")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_reports_tenant_id_judgement_received_at",
                table: "reports",
                columns: new[] { "tenant_id", "judgement", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_reports_tenant_id_kind_received_at",
                table: "reports",
                columns: new[] { "tenant_id", "kind", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_reports_tenant_id_reason_received_at",
                table: "reports",
                columns: new[] { "tenant_id", "reason", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_reports_tenant_id_received_at",
                table: "reports",
                columns: new[] { "tenant_id", "received_at" })
                .Annotation("Npgsql:IndexInclude", new[] { "kind", "judgement" });

            migrationBuilder.CreateIndex(
                name: "ix_reports_tenant_id_reflector_ip_received_at",
                table: "reports",
                columns: new[] { "tenant_id", "reflector_ip", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_reflector_days_tenant_id",
                table: "reflector_days",
                column: "tenant_id");

            migrationBuilder.Sql("CREATE UNIQUE INDEX ux_reflector_days_tenant_id_day_ip ON reflector_days (tenant_id, day, ip);");

            // Short queries over many rows (the portal's) can be estimated costly enough for PostgreSQL
            // to JIT-compile them, which took seconds on a busy machine for a query that runs in
            // milliseconds (docs/benchmarks.md, "Portal"). The database default; a session may still turn it on.
            migrationBuilder.Sql("DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET jit = off', current_database()); END $$;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DO $$ BEGIN EXECUTE format('ALTER DATABASE %I RESET jit', current_database()); END $$;");

            migrationBuilder.DropTable(
                name: "reflector_days");

            migrationBuilder.DropTable(
                name: "report_days");

            migrationBuilder.DropIndex(
                name: "ix_reports_bounced_to",
                table: "reports");

            migrationBuilder.DropIndex(
                name: "ix_reports_original_message_id",
                table: "reports");

            migrationBuilder.DropIndex(
                name: "ix_reports_original_subject",
                table: "reports");

            migrationBuilder.DropIndex(
                name: "ix_reports_tenant_id_judgement_received_at",
                table: "reports");

            migrationBuilder.DropIndex(
                name: "ix_reports_tenant_id_kind_received_at",
                table: "reports");

            migrationBuilder.DropIndex(
                name: "ix_reports_tenant_id_reason_received_at",
                table: "reports");

            migrationBuilder.DropIndex(
                name: "ix_reports_tenant_id_received_at",
                table: "reports");

            migrationBuilder.DropIndex(
                name: "ix_reports_tenant_id_reflector_ip_received_at",
                table: "reports");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateIndex(
                name: "ix_reports_tenant_id_received_at",
                table: "reports",
                columns: new[] { "tenant_id", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_reports_tenant_id_reflector_ip",
                table: "reports",
                columns: new[] { "tenant_id", "reflector_ip" });
        }
    }
}
