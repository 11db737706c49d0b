using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Backscatter.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ReportLookups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_reports_tenant_id_bounced_to",
                table: "reports",
                columns: new[] { "tenant_id", "bounced_to" });

            migrationBuilder.CreateIndex(
                name: "ix_reports_tenant_id_judgement_reason_received_at",
                table: "reports",
                columns: new[] { "tenant_id", "judgement", "reason", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_reports_tenant_id_original_message_id",
                table: "reports",
                columns: new[] { "tenant_id", "original_message_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_reports_tenant_id_bounced_to",
                table: "reports");

            migrationBuilder.DropIndex(
                name: "ix_reports_tenant_id_judgement_reason_received_at",
                table: "reports");

            migrationBuilder.DropIndex(
                name: "ix_reports_tenant_id_original_message_id",
                table: "reports");
        }
    }
}
