using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Features.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class H3OutboxFairness : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OutboxEmails_TenantId_SentAt",
                table: "OutboxEmails");

            migrationBuilder.AlterColumn<DateTime>(
                name: "NextAttemptAt",
                table: "OutboxEmails",
                type: "datetime2",
                nullable: false,
                oldClrType: typeof(DateTimeOffset),
                oldType: "datetimeoffset");

            migrationBuilder.AddColumn<bool>(
                name: "Bulk",
                table: "OutboxEmails",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_OutboxEmails_TenantId_SentAt_Bulk_Id",
                table: "OutboxEmails",
                columns: new[] { "TenantId", "SentAt", "Bulk", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OutboxEmails_TenantId_SentAt_Bulk_Id",
                table: "OutboxEmails");

            migrationBuilder.DropColumn(
                name: "Bulk",
                table: "OutboxEmails");

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "NextAttemptAt",
                table: "OutboxEmails",
                type: "datetimeoffset",
                nullable: false,
                oldClrType: typeof(DateTime),
                oldType: "datetime2");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxEmails_TenantId_SentAt",
                table: "OutboxEmails",
                columns: new[] { "TenantId", "SentAt" });
        }
    }
}
