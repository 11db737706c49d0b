using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Backscatter.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DuplicateLookupIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_reports_tenant_id_sha256",
                table: "reports");

            migrationBuilder.CreateIndex(
                name: "ix_reports_tenant_id_sha256_received_at",
                table: "reports",
                columns: new[] { "tenant_id", "sha256", "received_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_reports_tenant_id_sha256_received_at",
                table: "reports");

            migrationBuilder.CreateIndex(
                name: "ix_reports_tenant_id_sha256",
                table: "reports",
                columns: new[] { "tenant_id", "sha256" });
        }
    }
}
