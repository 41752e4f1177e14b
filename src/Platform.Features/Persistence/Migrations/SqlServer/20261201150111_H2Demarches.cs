using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Features.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class H2Demarches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "RemovedOn",
                table: "Companies",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "AddressedToStaff",
                table: "AccessRequests",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ConfirmationCodeHash",
                table: "AccessRequests",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ConfirmationExpiresAt",
                table: "AccessRequests",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ConfirmationWrongTries",
                table: "AccessRequests",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "CompanyClaims",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    CompanyId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Round = table.Column<int>(type: "int", nullable: false),
                    UserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RequestId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ClaimedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CompanyClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CompanyClaims_AccessRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "AccessRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CompanyClaims_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CompanyClaims_Users_UserId",
                        column: x => x.UserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CompanyClaims_CompanyId",
                table: "CompanyClaims",
                column: "CompanyId");

            migrationBuilder.CreateIndex(
                name: "IX_CompanyClaims_RequestId",
                table: "CompanyClaims",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_CompanyClaims_TenantId_CompanyId_Round",
                table: "CompanyClaims",
                columns: new[] { "TenantId", "CompanyId", "Round" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CompanyClaims_UserId",
                table: "CompanyClaims",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CompanyClaims");

            migrationBuilder.DropColumn(
                name: "RemovedOn",
                table: "Companies");

            migrationBuilder.DropColumn(
                name: "AddressedToStaff",
                table: "AccessRequests");

            migrationBuilder.DropColumn(
                name: "ConfirmationCodeHash",
                table: "AccessRequests");

            migrationBuilder.DropColumn(
                name: "ConfirmationExpiresAt",
                table: "AccessRequests");

            migrationBuilder.DropColumn(
                name: "ConfirmationWrongTries",
                table: "AccessRequests");
        }
    }
}
