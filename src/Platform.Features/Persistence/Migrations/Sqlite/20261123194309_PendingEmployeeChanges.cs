using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Features.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PendingEmployeeChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PendingEmployeeChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    EmployeeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Request = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RequestedByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    DecidedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    EffectiveOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AppliedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
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

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PendingEmployeeChanges");
        }
    }
}
