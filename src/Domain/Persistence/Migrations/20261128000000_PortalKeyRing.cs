using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Backscatter.Domain.Persistence.Migrations
{
    /// <summary>
    /// The portal's own Data Protection key ring (its sign-in cookies, antiforgery, Identity's tokens), for
    /// the portal's login alone: the Ingest may read the tenants' ring in <c>data_protection_keys</c>, so a
    /// portal sharing that ring let a compromised Ingest forge the portal's cookies (docs/adr/0034). The new
    /// ring starts empty on purpose: the old keys are known to the Ingest. Members sign in again once.
    /// </summary>
    public partial class PortalKeyRing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "portal_data_protection_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    friendly_name = table.Column<string>(type: "text", nullable: true),
                    xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_portal_data_protection_keys", x => x.id);
                });

            // The portal reads the ring and adds keys; it never changes or deletes one (Data Protection revokes
            // a key by adding a revocation). The Ingest and the Feed get nothing.
            migrationBuilder.Sql($"GRANT SELECT, INSERT ON TABLE portal_data_protection_keys TO {DatabaseOptions.WebRole};");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "portal_data_protection_keys");
        }
    }
}
