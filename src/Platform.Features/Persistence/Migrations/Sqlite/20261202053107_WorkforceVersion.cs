using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Features.Persistence.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // The company's workforce version, raised by the database on every write of its employees, workstations and
            // career entries, whatever wrote them (Employees/WorkforceVersion.cs): a new random value, never one seen before
            // (a count would come back after a rollback or a restore). SQLite has row triggers only.
            migrationBuilder.Sql("""CREATE TRIGGER "Employees_WorkforceVersion_Insert" AFTER INSERT ON "Employees" BEGIN UPDATE "Companies" SET "WorkforceVersion" = random() WHERE "Id" = NEW."CompanyId"; END;""");
            migrationBuilder.Sql("""CREATE TRIGGER "Employees_WorkforceVersion_Update" AFTER UPDATE ON "Employees" BEGIN UPDATE "Companies" SET "WorkforceVersion" = random() WHERE "Id" = NEW."CompanyId"; UPDATE "Companies" SET "WorkforceVersion" = random() WHERE "Id" = OLD."CompanyId"; END;""");
            migrationBuilder.Sql("""CREATE TRIGGER "Employees_WorkforceVersion_Delete" AFTER DELETE ON "Employees" BEGIN UPDATE "Companies" SET "WorkforceVersion" = random() WHERE "Id" = OLD."CompanyId"; END;""");
            migrationBuilder.Sql("""CREATE TRIGGER "Workstations_WorkforceVersion_Insert" AFTER INSERT ON "Workstations" BEGIN UPDATE "Companies" SET "WorkforceVersion" = random() WHERE "Id" = NEW."CompanyId"; END;""");
            migrationBuilder.Sql("""CREATE TRIGGER "Workstations_WorkforceVersion_Update" AFTER UPDATE ON "Workstations" BEGIN UPDATE "Companies" SET "WorkforceVersion" = random() WHERE "Id" = NEW."CompanyId"; UPDATE "Companies" SET "WorkforceVersion" = random() WHERE "Id" = OLD."CompanyId"; END;""");
            migrationBuilder.Sql("""CREATE TRIGGER "Workstations_WorkforceVersion_Delete" AFTER DELETE ON "Workstations" BEGIN UPDATE "Companies" SET "WorkforceVersion" = random() WHERE "Id" = OLD."CompanyId"; END;""");
            migrationBuilder.Sql("""CREATE TRIGGER "CareerEntries_WorkforceVersion_Insert" AFTER INSERT ON "CareerEntries" BEGIN UPDATE "Companies" SET "WorkforceVersion" = random() WHERE "Id" = (SELECT "CompanyId" FROM "Workstations" WHERE "Id" = NEW."WorkstationId"); END;""");
            migrationBuilder.Sql("""CREATE TRIGGER "CareerEntries_WorkforceVersion_Update" AFTER UPDATE ON "CareerEntries" BEGIN UPDATE "Companies" SET "WorkforceVersion" = random() WHERE "Id" = (SELECT "CompanyId" FROM "Workstations" WHERE "Id" = NEW."WorkstationId"); UPDATE "Companies" SET "WorkforceVersion" = random() WHERE "Id" = (SELECT "CompanyId" FROM "Workstations" WHERE "Id" = OLD."WorkstationId"); END;""");
            migrationBuilder.Sql("""CREATE TRIGGER "CareerEntries_WorkforceVersion_Delete" AFTER DELETE ON "CareerEntries" BEGIN UPDATE "Companies" SET "WorkforceVersion" = random() WHERE "Id" = (SELECT "CompanyId" FROM "Workstations" WHERE "Id" = OLD."WorkstationId"); END;""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "Employees_WorkforceVersion_Insert";""");
            migrationBuilder.Sql("""DROP TRIGGER "Employees_WorkforceVersion_Update";""");
            migrationBuilder.Sql("""DROP TRIGGER "Employees_WorkforceVersion_Delete";""");
            migrationBuilder.Sql("""DROP TRIGGER "Workstations_WorkforceVersion_Insert";""");
            migrationBuilder.Sql("""DROP TRIGGER "Workstations_WorkforceVersion_Update";""");
            migrationBuilder.Sql("""DROP TRIGGER "Workstations_WorkforceVersion_Delete";""");
            migrationBuilder.Sql("""DROP TRIGGER "CareerEntries_WorkforceVersion_Insert";""");
            migrationBuilder.Sql("""DROP TRIGGER "CareerEntries_WorkforceVersion_Update";""");
            migrationBuilder.Sql("""DROP TRIGGER "CareerEntries_WorkforceVersion_Delete";""");
            migrationBuilder.DropColumn(
                name: "WorkforceVersion",
                table: "Companies");
        }
    }
}
