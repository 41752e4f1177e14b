using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Features.Persistence.Migrations.Postgres
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
            migrationBuilder.Sql("""
                CREATE FUNCTION "Employees_WorkforceVersion"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        UPDATE "Companies" SET "WorkforceVersion" = floor(random() * 9.2e18)::bigint WHERE "Id" IN (SELECT "CompanyId" FROM changed);
                    ELSIF TG_OP = 'UPDATE' THEN
                        UPDATE "Companies" SET "WorkforceVersion" = floor(random() * 9.2e18)::bigint WHERE "Id" IN (SELECT "CompanyId" FROM changed UNION SELECT "CompanyId" FROM previous);
                    ELSE
                        UPDATE "Companies" SET "WorkforceVersion" = floor(random() * 9.2e18)::bigint WHERE "Id" IN (SELECT "CompanyId" FROM previous);
                    END IF;
                    RETURN NULL;
                END $$;
                """);
            migrationBuilder.Sql("""CREATE TRIGGER "Employees_WorkforceVersion_Insert" AFTER INSERT ON "Employees" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "Employees_WorkforceVersion"();""");
            migrationBuilder.Sql("""CREATE TRIGGER "Employees_WorkforceVersion_Update" AFTER UPDATE ON "Employees" REFERENCING OLD TABLE AS previous NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "Employees_WorkforceVersion"();""");
            migrationBuilder.Sql("""CREATE TRIGGER "Employees_WorkforceVersion_Delete" AFTER DELETE ON "Employees" REFERENCING OLD TABLE AS previous FOR EACH STATEMENT EXECUTE FUNCTION "Employees_WorkforceVersion"();""");
            migrationBuilder.Sql("""
                CREATE FUNCTION "Workstations_WorkforceVersion"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        UPDATE "Companies" SET "WorkforceVersion" = floor(random() * 9.2e18)::bigint WHERE "Id" IN (SELECT "CompanyId" FROM changed);
                    ELSIF TG_OP = 'UPDATE' THEN
                        UPDATE "Companies" SET "WorkforceVersion" = floor(random() * 9.2e18)::bigint WHERE "Id" IN (SELECT "CompanyId" FROM changed UNION SELECT "CompanyId" FROM previous);
                    ELSE
                        UPDATE "Companies" SET "WorkforceVersion" = floor(random() * 9.2e18)::bigint WHERE "Id" IN (SELECT "CompanyId" FROM previous);
                    END IF;
                    RETURN NULL;
                END $$;
                """);
            migrationBuilder.Sql("""CREATE TRIGGER "Workstations_WorkforceVersion_Insert" AFTER INSERT ON "Workstations" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "Workstations_WorkforceVersion"();""");
            migrationBuilder.Sql("""CREATE TRIGGER "Workstations_WorkforceVersion_Update" AFTER UPDATE ON "Workstations" REFERENCING OLD TABLE AS previous NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "Workstations_WorkforceVersion"();""");
            migrationBuilder.Sql("""CREATE TRIGGER "Workstations_WorkforceVersion_Delete" AFTER DELETE ON "Workstations" REFERENCING OLD TABLE AS previous FOR EACH STATEMENT EXECUTE FUNCTION "Workstations_WorkforceVersion"();""");
            migrationBuilder.Sql("""
                CREATE FUNCTION "CareerEntries_WorkforceVersion"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        UPDATE "Companies" SET "WorkforceVersion" = floor(random() * 9.2e18)::bigint WHERE "Id" IN (SELECT w."CompanyId" FROM "Workstations" w WHERE w."Id" IN (SELECT "WorkstationId" FROM changed));
                    ELSIF TG_OP = 'UPDATE' THEN
                        UPDATE "Companies" SET "WorkforceVersion" = floor(random() * 9.2e18)::bigint WHERE "Id" IN (SELECT w."CompanyId" FROM "Workstations" w WHERE w."Id" IN (SELECT "WorkstationId" FROM changed) UNION SELECT w."CompanyId" FROM "Workstations" w WHERE w."Id" IN (SELECT "WorkstationId" FROM previous));
                    ELSE
                        UPDATE "Companies" SET "WorkforceVersion" = floor(random() * 9.2e18)::bigint WHERE "Id" IN (SELECT w."CompanyId" FROM "Workstations" w WHERE w."Id" IN (SELECT "WorkstationId" FROM previous));
                    END IF;
                    RETURN NULL;
                END $$;
                """);
            migrationBuilder.Sql("""CREATE TRIGGER "CareerEntries_WorkforceVersion_Insert" AFTER INSERT ON "CareerEntries" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "CareerEntries_WorkforceVersion"();""");
            migrationBuilder.Sql("""CREATE TRIGGER "CareerEntries_WorkforceVersion_Update" AFTER UPDATE ON "CareerEntries" REFERENCING OLD TABLE AS previous NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "CareerEntries_WorkforceVersion"();""");
            migrationBuilder.Sql("""CREATE TRIGGER "CareerEntries_WorkforceVersion_Delete" AFTER DELETE ON "CareerEntries" REFERENCING OLD TABLE AS previous FOR EACH STATEMENT EXECUTE FUNCTION "CareerEntries_WorkforceVersion"();""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP FUNCTION "Employees_WorkforceVersion"() CASCADE;""");
            migrationBuilder.Sql("""DROP FUNCTION "Workstations_WorkforceVersion"() CASCADE;""");
            migrationBuilder.Sql("""DROP FUNCTION "CareerEntries_WorkforceVersion"() CASCADE;""");
            migrationBuilder.DropColumn(
                name: "WorkforceVersion",
                table: "Companies");
        }
    }
}
