using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Features.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class WorkforceVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "WorkforceVersion",
                table: "Companies",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            // The company's workforce version, raised by the database on every write of its employees, workstations and
            // career entries, whatever wrote them (Employees/WorkforceVersion.cs): a new random value once per statement and
            // company, never one seen before (a count would come back after a rollback or a restore).
            // NOCOUNT: the trigger's own update must not change the row counts EF Core checks.
            migrationBuilder.Sql("""
                CREATE TRIGGER [Employees_WorkforceVersion] ON [Employees] AFTER INSERT, UPDATE, DELETE AS
                BEGIN
                    SET NOCOUNT ON;
                    UPDATE [Companies] SET [WorkforceVersion] = CAST(CRYPT_GEN_RANDOM(8) AS bigint) WHERE [Id] IN (SELECT [CompanyId] FROM inserted UNION SELECT [CompanyId] FROM deleted);
                END
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER [Workstations_WorkforceVersion] ON [Workstations] AFTER INSERT, UPDATE, DELETE AS
                BEGIN
                    SET NOCOUNT ON;
                    UPDATE [Companies] SET [WorkforceVersion] = CAST(CRYPT_GEN_RANDOM(8) AS bigint) WHERE [Id] IN (SELECT [CompanyId] FROM inserted UNION SELECT [CompanyId] FROM deleted);
                END
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER [CareerEntries_WorkforceVersion] ON [CareerEntries] AFTER INSERT, UPDATE, DELETE AS
                BEGIN
                    SET NOCOUNT ON;
                    UPDATE [Companies] SET [WorkforceVersion] = CAST(CRYPT_GEN_RANDOM(8) AS bigint) WHERE [Id] IN (SELECT w.[CompanyId] FROM [Workstations] w WHERE w.[Id] IN (SELECT [WorkstationId] FROM inserted UNION SELECT [WorkstationId] FROM deleted));
                END
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER [Employees_WorkforceVersion];""");
            migrationBuilder.Sql("""DROP TRIGGER [Workstations_WorkforceVersion];""");
            migrationBuilder.Sql("""DROP TRIGGER [CareerEntries_WorkforceVersion];""");
            migrationBuilder.DropColumn(
                name: "WorkforceVersion",
                table: "Companies");
        }
    }
}
