using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Backscatter.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class IngestDomains : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ingest_domains",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ingest_domains", x => x.id);
                    table.ForeignKey(
                        name: "fk_ingest_domains_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

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

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ingest_domains");
        }
    }
}
