using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Features.Persistence.Migrations.Postgres
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

            migrationBuilder.AddColumn<bool>(
                name: "Bulk",
                table: "OutboxEmails",
                type: "boolean",
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

            migrationBuilder.CreateIndex(
                name: "IX_OutboxEmails_TenantId_SentAt",
                table: "OutboxEmails",
                columns: new[] { "TenantId", "SentAt" });
        }
    }
}
