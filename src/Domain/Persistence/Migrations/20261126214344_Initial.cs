using System;
using System.Net;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Backscatter.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    friendly_name = table.Column<string>(type: "text", nullable: true),
                    xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_protection_keys", x => x.id);
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

            migrationBuilder.CreateTable(
                name: "tenants",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tenants", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "ingest_addresses",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    address = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ingest_addresses", x => x.id);
                    table.ForeignKey(
                        name: "fk_ingest_addresses_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

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
                name: "reports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    client_ip = table.Column<IPAddress>(type: "inet", nullable: false),
                    helo = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    mail_from = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    rcpt_to = table.Column<string[]>(type: "text[]", nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    sha256 = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    raw_message = table.Column<byte[]>(type: "bytea", nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    duplicate_count = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    reason = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    judgement = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    confidence = table.Column<double>(type: "double precision", nullable: true),
                    reflector_ip = table.Column<IPAddress>(type: "inet", nullable: true),
                    reflector_host = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    reporting_mta = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    mta_software = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    bounced_to = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    original_subject = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    original_message_id = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    classified_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    failure = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    details = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reports", x => x.id);
                    table.ForeignKey(
                        name: "fk_reports_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "tenant_batv_keys",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    protected_secret = table.Column<string>(type: "text", nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tenant_batv_keys", x => x.id);
                    table.CheckConstraint("ck_tenant_batv_keys_number", "number BETWEEN 0 AND 9");
                    table.ForeignKey(
                        name: "fk_tenant_batv_keys_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "tenant_domains",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tenant_domains", x => x.id);
                    table.ForeignKey(
                        name: "fk_tenant_domains_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "tenant_mail_settings",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    outbound_relays = table.Column<string[]>(type: "text[]", nullable: false),
                    authorised_sending_ips = table.Column<string[]>(type: "text[]", nullable: false),
                    authorise_from_spf = table.Column<bool>(type: "boolean", nullable: false),
                    trusted_inbound_hosts = table.Column<string[]>(type: "text[]", nullable: false),
                    verp_patterns = table.Column<string[]>(type: "text[]", nullable: false),
                    dkim_selectors = table.Column<string[]>(type: "text[]", nullable: false),
                    sender_patterns = table.Column<string[]>(type: "text[]", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tenant_mail_settings", x => x.tenant_id);
                    table.ForeignKey(
                        name: "fk_tenant_mail_settings_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_ingest_addresses_address",
                table: "ingest_addresses",
                column: "address",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ingest_addresses_tenant_id",
                table: "ingest_addresses",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_reflector_sightings_last_seen",
                table: "reflector_sightings",
                column: "last_seen");

            migrationBuilder.CreateIndex(
                name: "ix_reflector_sightings_tenant_id",
                table: "reflector_sightings",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_reports_received_at",
                table: "reports",
                column: "received_at",
                filter: "status = 'Received'");

            migrationBuilder.CreateIndex(
                name: "ix_reports_tenant_id_received_at",
                table: "reports",
                columns: new[] { "tenant_id", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_reports_tenant_id_reflector_ip",
                table: "reports",
                columns: new[] { "tenant_id", "reflector_ip" });

            migrationBuilder.CreateIndex(
                name: "ix_reports_tenant_id_sha256_received_at",
                table: "reports",
                columns: new[] { "tenant_id", "sha256", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_tenant_batv_keys_active",
                table: "tenant_batv_keys",
                column: "tenant_id",
                unique: true,
                filter: "is_active");

            migrationBuilder.CreateIndex(
                name: "ix_tenant_batv_keys_tenant_id_number",
                table: "tenant_batv_keys",
                columns: new[] { "tenant_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_tenant_domains_tenant_id_name",
                table: "tenant_domains",
                columns: new[] { "tenant_id", "name" },
                unique: true);

            // Unique indexes over inet columns, which EF Core cannot model (IPAddress is not IComparable).
            migrationBuilder.Sql("CREATE UNIQUE INDEX ux_reflectors_ip ON reflectors (ip);");
            migrationBuilder.Sql("CREATE UNIQUE INDEX ux_reflector_sightings_ip_tenant_kind_hour ON reflector_sightings (ip, tenant_id, kind, hour);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "data_protection_keys");

            migrationBuilder.DropTable(
                name: "ingest_addresses");

            migrationBuilder.DropTable(
                name: "reflector_sightings");

            migrationBuilder.DropTable(
                name: "reflectors");

            migrationBuilder.DropTable(
                name: "reports");

            migrationBuilder.DropTable(
                name: "tenant_batv_keys");

            migrationBuilder.DropTable(
                name: "tenant_domains");

            migrationBuilder.DropTable(
                name: "tenant_mail_settings");

            migrationBuilder.DropTable(
                name: "tenants");
        }
    }
}
