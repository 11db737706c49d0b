using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Backscatter.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class LeanReportWrites : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "reports")
                .Annotation("Npgsql:StorageParameter:toast_tuple_target", 8160);

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
                name: "ix_reports_tenant_id_bounced_to",
                table: "reports");

            migrationBuilder.DropIndex(
                name: "ix_reports_tenant_id_judgement_reason_received_at",
                table: "reports");

            migrationBuilder.DropIndex(
                name: "ix_reports_tenant_id_judgement_received_at",
                table: "reports");

            migrationBuilder.DropIndex(
                name: "ix_reports_tenant_id_kind_received_at",
                table: "reports");

            migrationBuilder.DropIndex(
                name: "ix_reports_tenant_id_original_message_id",
                table: "reports");

            migrationBuilder.DropIndex(
                name: "ix_reports_tenant_id_reason_received_at",
                table: "reports");

            migrationBuilder.DropIndex(
                name: "ix_reports_tenant_id_reflector_ip_received_at",
                table: "reports");

            migrationBuilder.CreateIndex(
                name: "ix_reports_bounced_to",
                table: "reports",
                column: "bounced_to",
                filter: "bounced_to IS NOT NULL")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_reports_original_message_id",
                table: "reports",
                column: "original_message_id",
                filter: "original_message_id IS NOT NULL")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_reports_original_subject",
                table: "reports",
                column: "original_subject",
                filter: "original_subject IS NOT NULL")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_reports_tenant_id_bounced_to",
                table: "reports",
                columns: new[] { "tenant_id", "bounced_to" },
                filter: "bounced_to IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_reports_tenant_id_judgement_reason_received_at",
                table: "reports",
                columns: new[] { "tenant_id", "judgement", "reason", "received_at" },
                filter: "reason IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_reports_tenant_id_judgement_received_at",
                table: "reports",
                columns: new[] { "tenant_id", "judgement", "received_at" },
                filter: "judgement IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_reports_tenant_id_kind_received_at",
                table: "reports",
                columns: new[] { "tenant_id", "kind", "received_at" },
                filter: "kind IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_reports_tenant_id_original_message_id",
                table: "reports",
                columns: new[] { "tenant_id", "original_message_id" },
                filter: "original_message_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_reports_tenant_id_reason_received_at",
                table: "reports",
                columns: new[] { "tenant_id", "reason", "received_at" },
                filter: "reason IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_reports_tenant_id_reflector_ip_received_at",
                table: "reports",
                columns: new[] { "tenant_id", "reflector_ip", "received_at" },
                filter: "reflector_ip IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "reports")
                .OldAnnotation("Npgsql:StorageParameter:toast_tuple_target", 8160);

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
                name: "ix_reports_tenant_id_bounced_to",
                table: "reports");

            migrationBuilder.DropIndex(
                name: "ix_reports_tenant_id_judgement_reason_received_at",
                table: "reports");

            migrationBuilder.DropIndex(
                name: "ix_reports_tenant_id_judgement_received_at",
                table: "reports");

            migrationBuilder.DropIndex(
                name: "ix_reports_tenant_id_kind_received_at",
                table: "reports");

            migrationBuilder.DropIndex(
                name: "ix_reports_tenant_id_original_message_id",
                table: "reports");

            migrationBuilder.DropIndex(
                name: "ix_reports_tenant_id_reason_received_at",
                table: "reports");

            migrationBuilder.DropIndex(
                name: "ix_reports_tenant_id_reflector_ip_received_at",
                table: "reports");

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
                name: "ix_reports_tenant_id_bounced_to",
                table: "reports",
                columns: new[] { "tenant_id", "bounced_to" });

            migrationBuilder.CreateIndex(
                name: "ix_reports_tenant_id_judgement_reason_received_at",
                table: "reports",
                columns: new[] { "tenant_id", "judgement", "reason", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_reports_tenant_id_judgement_received_at",
                table: "reports",
                columns: new[] { "tenant_id", "judgement", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_reports_tenant_id_kind_received_at",
                table: "reports",
                columns: new[] { "tenant_id", "kind", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_reports_tenant_id_original_message_id",
                table: "reports",
                columns: new[] { "tenant_id", "original_message_id" });

            migrationBuilder.CreateIndex(
                name: "ix_reports_tenant_id_reason_received_at",
                table: "reports",
                columns: new[] { "tenant_id", "reason", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_reports_tenant_id_reflector_ip_received_at",
                table: "reports",
                columns: new[] { "tenant_id", "reflector_ip", "received_at" });
        }
    }
}
