using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Features.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WorkstationsAndEmployees : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Workstations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CspCode = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    Risks = table.Column<string>(type: "TEXT", nullable: false),
                    RadiationCategory = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    CacesCategories = table.Column<string>(type: "TEXT", nullable: false),
                    OtherRiskDescription = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ClosedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Workstations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Workstations_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Employees",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Civility = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    FirstName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    BirthName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    MarriedName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    BirthDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ProtectedNir = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    MaskedNir = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    Contract = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CurrentWorkstationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DeclaredFollowUp = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    ValidatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    ValidatedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    SortName = table.Column<string>(type: "TEXT", maxLength: 201, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Employees", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Employees_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Employees_Workstations_CurrentWorkstationId",
                        column: x => x.CurrentWorkstationId,
                        principalTable: "Workstations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CareerEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    EmployeeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkstationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Contract = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CareerEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CareerEntries_Employees_EmployeeId",
                        column: x => x.EmployeeId,
                        principalTable: "Employees",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CareerEntries_Workstations_WorkstationId",
                        column: x => x.WorkstationId,
                        principalTable: "Workstations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CareerEntries_EmployeeId",
                table: "CareerEntries",
                column: "EmployeeId");

            migrationBuilder.CreateIndex(
                name: "IX_CareerEntries_TenantId_EmployeeId",
                table: "CareerEntries",
                columns: new[] { "TenantId", "EmployeeId" });

            migrationBuilder.CreateIndex(
                name: "IX_CareerEntries_TenantId_WorkstationId_EndDate",
                table: "CareerEntries",
                columns: new[] { "TenantId", "WorkstationId", "EndDate" });

            migrationBuilder.CreateIndex(
                name: "IX_CareerEntries_WorkstationId",
                table: "CareerEntries",
                column: "WorkstationId");

            migrationBuilder.CreateIndex(
                name: "IX_Employees_CompanyId",
                table: "Employees",
                column: "CompanyId");

            migrationBuilder.CreateIndex(
                name: "IX_Employees_CurrentWorkstationId",
                table: "Employees",
                column: "CurrentWorkstationId");

            migrationBuilder.CreateIndex(
                name: "IX_Employees_TenantId_CompanyId_SortName_Id",
                table: "Employees",
                columns: new[] { "TenantId", "CompanyId", "SortName", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Employees_TenantId_ValidatedAt",
                table: "Employees",
                columns: new[] { "TenantId", "ValidatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Workstations_CompanyId",
                table: "Workstations",
                column: "CompanyId");

            migrationBuilder.CreateIndex(
                name: "IX_Workstations_TenantId_CompanyId_CspCode",
                table: "Workstations",
                columns: new[] { "TenantId", "CompanyId", "CspCode" });

            migrationBuilder.CreateIndex(
                name: "IX_Workstations_TenantId_CompanyId_Label",
                table: "Workstations",
                columns: new[] { "TenantId", "CompanyId", "Label" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CareerEntries");

            migrationBuilder.DropTable(
                name: "Employees");

            migrationBuilder.DropTable(
                name: "Workstations");
        }
    }
}
