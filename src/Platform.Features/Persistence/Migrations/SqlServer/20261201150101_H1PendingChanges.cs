using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Features.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class H1PendingChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PendingCompanyChanges");

            migrationBuilder.DropTable(
                name: "PendingEmployeeChanges");

            migrationBuilder.AddColumn<string>(
                name: "BillingAddress_CompanyName",
                table: "Companies",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ConvocationAddress_CompanyName",
                table: "Companies",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Fax",
                table: "Companies",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MainAddress_CompanyName",
                table: "Companies",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Phone",
                table: "Companies",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PendingChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    CompanyId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    SubjectId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Subject = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    Summary = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    Fields = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Payload = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    State = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    RequestedByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    DecidedByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    EffectiveOn = table.Column<DateOnly>(type: "date", nullable: true),
                    AppliedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Outcome = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PendingChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PendingChanges_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PendingChanges_CompanyId",
                table: "PendingChanges",
                column: "CompanyId");

            migrationBuilder.CreateIndex(
                name: "IX_PendingChanges_TenantId_CompanyId_State",
                table: "PendingChanges",
                columns: new[] { "TenantId", "CompanyId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_PendingChanges_TenantId_State_EffectiveOn",
                table: "PendingChanges",
                columns: new[] { "TenantId", "State", "EffectiveOn" });

            migrationBuilder.CreateIndex(
                name: "IX_PendingChanges_TenantId_SubjectId",
                table: "PendingChanges",
                columns: new[] { "TenantId", "SubjectId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PendingChanges");

            migrationBuilder.DropColumn(
                name: "BillingAddress_CompanyName",
                table: "Companies");

            migrationBuilder.DropColumn(
                name: "ConvocationAddress_CompanyName",
                table: "Companies");

            migrationBuilder.DropColumn(
                name: "Fax",
                table: "Companies");

            migrationBuilder.DropColumn(
                name: "MainAddress_CompanyName",
                table: "Companies");

            migrationBuilder.DropColumn(
                name: "Phone",
                table: "Companies");

            migrationBuilder.CreateTable(
                name: "PendingCompanyChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    AppliedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    CompanyId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    DecidedByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Details = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    EffectiveOn = table.Column<DateOnly>(type: "date", nullable: true),
                    RequestedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    RequestedByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    State = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    TenantId = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PendingCompanyChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PendingCompanyChanges_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PendingEmployeeChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    AppliedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    CompanyId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    DecidedByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    EffectiveOn = table.Column<DateOnly>(type: "date", nullable: true),
                    EmployeeId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Outcome = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    Request = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    RequestedByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    State = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    TenantId = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PendingEmployeeChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PendingEmployeeChanges_Employees_EmployeeId",
                        column: x => x.EmployeeId,
                        principalTable: "Employees",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PendingCompanyChanges_CompanyId",
                table: "PendingCompanyChanges",
                column: "CompanyId");

            migrationBuilder.CreateIndex(
                name: "IX_PendingCompanyChanges_TenantId_CompanyId_State",
                table: "PendingCompanyChanges",
                columns: new[] { "TenantId", "CompanyId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_PendingCompanyChanges_TenantId_State_EffectiveOn",
                table: "PendingCompanyChanges",
                columns: new[] { "TenantId", "State", "EffectiveOn" });

            migrationBuilder.CreateIndex(
                name: "IX_PendingEmployeeChanges_EmployeeId",
                table: "PendingEmployeeChanges",
                column: "EmployeeId");

            migrationBuilder.CreateIndex(
                name: "IX_PendingEmployeeChanges_TenantId_EmployeeId_State",
                table: "PendingEmployeeChanges",
                columns: new[] { "TenantId", "EmployeeId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_PendingEmployeeChanges_TenantId_State_EffectiveOn",
                table: "PendingEmployeeChanges",
                columns: new[] { "TenantId", "State", "EffectiveOn" });
        }
    }
}
