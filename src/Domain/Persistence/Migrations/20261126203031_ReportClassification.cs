using System;
using System.Net;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Backscatter.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ReportClassification : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "bounced_to",
                table: "reports",
                type: "character varying(320)",
                maxLength: 320,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "classified_at",
                table: "reports",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "confidence",
                table: "reports",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "details",
                table: "reports",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "failure",
                table: "reports",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "judgement",
                table: "reports",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "kind",
                table: "reports",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "mta_software",
                table: "reports",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "original_message_id",
                table: "reports",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "original_subject",
                table: "reports",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reason",
                table: "reports",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reflector_host",
                table: "reports",
                type: "character varying(255)",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<IPAddress>(
                name: "reflector_ip",
                table: "reports",
                type: "inet",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reporting_mta",
                table: "reports",
                type: "character varying(255)",
                maxLength: 255,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "reflector_sightings",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ip = table.Column<IPAddress>(type: "inet", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    hour = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    count = table.Column<int>(type: "integer", nullable: false),
                    first_seen = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_seen = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reflector_sightings", x => x.id);
                    table.ForeignKey(
                        name: "fk_reflector_sightings_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "reflectors",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ip = table.Column<IPAddress>(type: "inet", nullable: false),
                    host = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    reporting_mta = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    mta_software = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    backscatter_count = table.Column<long>(type: "bigint", nullable: false),
                    first_seen = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_seen = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reflectors", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_reports_tenant_id_reflector_ip",
                table: "reports",
                columns: new[] { "tenant_id", "reflector_ip" });

            migrationBuilder.CreateIndex(
                name: "ix_reflector_sightings_last_seen",
                table: "reflector_sightings",
                column: "last_seen");

            migrationBuilder.CreateIndex(
                name: "ix_reflector_sightings_tenant_id",
                table: "reflector_sightings",
                column: "tenant_id");

            // Unique indexes over inet columns, which EF Core cannot model (IPAddress is not IComparable).
            migrationBuilder.Sql("CREATE UNIQUE INDEX ux_reflectors_ip ON reflectors (ip);");
            migrationBuilder.Sql("CREATE UNIQUE INDEX ux_reflector_sightings_ip_tenant_kind_hour ON reflector_sightings (ip, tenant_id, kind, hour);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "reflector_sightings");

            migrationBuilder.DropTable(
                name: "reflectors");

            migrationBuilder.DropIndex(
                name: "ix_reports_tenant_id_reflector_ip",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "bounced_to",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "classified_at",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "confidence",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "details",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "failure",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "judgement",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "kind",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "mta_software",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "original_message_id",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "original_subject",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "reason",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "reflector_host",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "reflector_ip",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "reporting_mta",
                table: "reports");
        }
    }
}
