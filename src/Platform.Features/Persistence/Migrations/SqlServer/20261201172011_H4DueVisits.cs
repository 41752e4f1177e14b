using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Features.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class H4DueVisits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DueVisitEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    CompanyId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    EmployeeId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    Type = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    DueFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    DueBy = table.Column<DateOnly>(type: "date", nullable: false),
                    RuleCode = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    ListedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    NotifiedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    VisitRequestId = table.Column<Guid>(type: "uniqueidentifier", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DueVisitEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DueVisitEntries_Employees_EmployeeId",
                        column: x => x.EmployeeId,
                        principalTable: "Employees",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EmployeeAbsences",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    CompanyId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    EmployeeId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Nature = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    FirstDay = table.Column<DateOnly>(type: "date", nullable: false),
                    ReturnOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RecordedByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EmployeeAbsences", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EmployeeAbsences_Employees_EmployeeId",
                        column: x => x.EmployeeId,
                        principalTable: "Employees",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "HeldVisits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    CompanyId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    EmployeeId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Source = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    AppointmentId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    RecordedByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HeldVisits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HeldVisits_Employees_EmployeeId",
                        column: x => x.EmployeeId,
                        principalTable: "Employees",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DueVisitEntries_EmployeeId",
                table: "DueVisitEntries",
                column: "EmployeeId");

            migrationBuilder.CreateIndex(
                name: "IX_DueVisitEntries_TenantId_CompanyId_DueBy_Id",
                table: "DueVisitEntries",
                columns: new[] { "TenantId", "CompanyId", "DueBy", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_DueVisitEntries_TenantId_EmployeeId_Kind_DueBy",
                table: "DueVisitEntries",
                columns: new[] { "TenantId", "EmployeeId", "Kind", "DueBy" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DueVisitEntries_TenantId_NotifiedAt",
                table: "DueVisitEntries",
                columns: new[] { "TenantId", "NotifiedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_EmployeeAbsences_EmployeeId",
                table: "EmployeeAbsences",
                column: "EmployeeId");

            migrationBuilder.CreateIndex(
                name: "IX_EmployeeAbsences_TenantId_EmployeeId_ReturnOn",
                table: "EmployeeAbsences",
                columns: new[] { "TenantId", "EmployeeId", "ReturnOn" });

            migrationBuilder.CreateIndex(
                name: "IX_HeldVisits_EmployeeId",
                table: "HeldVisits",
                column: "EmployeeId");

            migrationBuilder.CreateIndex(
                name: "IX_HeldVisits_TenantId_EmployeeId_Kind_HeldOn",
                table: "HeldVisits",
                columns: new[] { "TenantId", "EmployeeId", "Kind", "HeldOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DueVisitEntries");

            migrationBuilder.DropTable(
                name: "EmployeeAbsences");

            migrationBuilder.DropTable(
                name: "HeldVisits");
        }
    }
}
