using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Backscatter.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class IncidentAcknowledgement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "acknowledged_at",
                table: "incidents",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "acknowledged_by",
                table: "incidents",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "acknowledged_severity",
                table: "incidents",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "resolved_by",
                table: "incidents",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "acknowledged_at",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "acknowledged_by",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "acknowledged_severity",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "resolved_by",
                table: "incidents");
        }
    }
}
