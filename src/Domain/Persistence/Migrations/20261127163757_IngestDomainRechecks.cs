using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Backscatter.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class IngestDomainRechecks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "confirmed_at",
                table: "ingest_domains",
                type: "timestamp with time zone",
                nullable: true);

            // Verified domains were proven when verified: the first re-check is due a day after the migration.
            migrationBuilder.Sql("UPDATE ingest_domains SET confirmed_at = now() WHERE verified_at IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "confirmed_at",
                table: "ingest_domains");
        }
    }
}
