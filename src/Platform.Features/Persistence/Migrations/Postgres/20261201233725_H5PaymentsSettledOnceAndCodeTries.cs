using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Features.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class H5PaymentsSettledOnceAndCodeTries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "WrongTries",
                table: "SepaMandates",
                newName: "CodeTries");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CheckoutExpiresAt",
                table: "Payments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SettledInstalmentId",
                table: "Payments",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Payments_TenantId_SettledInstalmentId",
                table: "Payments",
                columns: new[] { "TenantId", "SettledInstalmentId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Payments_TenantId_SettledInstalmentId",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "CheckoutExpiresAt",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "SettledInstalmentId",
                table: "Payments");

            migrationBuilder.RenameColumn(
                name: "CodeTries",
                table: "SepaMandates",
                newName: "WrongTries");
        }
    }
}
