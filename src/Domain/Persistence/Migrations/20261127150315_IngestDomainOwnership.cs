using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Backscatter.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class IngestDomainOwnership : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_ingest_domains_name",
                table: "ingest_domains");

            migrationBuilder.DropIndex(
                name: "ix_ingest_domains_tenant_id",
                table: "ingest_domains");

            migrationBuilder.AddColumn<string>(
                name: "verification_token",
                table: "ingest_domains",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "verified_at",
                table: "ingest_domains",
                type: "timestamp with time zone",
                nullable: true);

            // Domains added before ownership was checked were trusted when added: they stay verified and keep routing mail.
            migrationBuilder.Sql("UPDATE ingest_domains SET verification_token = replace(gen_random_uuid()::text, '-', ''), verified_at = now()");

            migrationBuilder.CreateIndex(
                name: "ix_ingest_domains_name",
                table: "ingest_domains",
                column: "name",
                unique: true,
                filter: "verified_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_ingest_domains_tenant_id_name",
                table: "ingest_domains",
                columns: new[] { "tenant_id", "name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_ingest_domains_name",
                table: "ingest_domains");

            migrationBuilder.DropIndex(
                name: "ix_ingest_domains_tenant_id_name",
                table: "ingest_domains");

            // The old index allowed one row per name: pending claims go.
            migrationBuilder.Sql("DELETE FROM ingest_domains WHERE verified_at IS NULL");

            migrationBuilder.DropColumn(
                name: "verification_token",
                table: "ingest_domains");

            migrationBuilder.DropColumn(
                name: "verified_at",
                table: "ingest_domains");

            migrationBuilder.CreateIndex(
                name: "ix_ingest_domains_name",
                table: "ingest_domains",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ingest_domains_tenant_id",
                table: "ingest_domains",
                column: "tenant_id");
        }
    }
}
