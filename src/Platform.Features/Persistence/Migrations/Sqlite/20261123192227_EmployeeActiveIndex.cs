using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Features.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EmployeeActiveIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Employees_TenantId_CompanyId_EndDate",
                table: "Employees",
                columns: new[] { "TenantId", "CompanyId", "EndDate" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Employees_TenantId_CompanyId_EndDate",
                table: "Employees");
        }
    }
}
