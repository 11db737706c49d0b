using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Backscatter.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AlertDeliveryClaims : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "claimed_at",
                table: "alert_deliveries",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "claimed_at",
                table: "alert_deliveries");
        }
    }
}
