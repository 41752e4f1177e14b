using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Features.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class H3StaffTotpRecoveryEmail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PendingRecoveryEmail",
                table: "Users",
                type: "character varying(254)",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RecoveryEmail",
                table: "Users",
                type: "character varying(254)",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LastTotpStep",
                table: "StaffMembers",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProtectedTotpSecret",
                table: "StaffMembers",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            // A second factor belongs to the staff membership it protects: each membership keeps the secret its
            // person had (the demo staff share one), then the global column goes.
            migrationBuilder.Sql("""UPDATE "StaffMembers" SET "ProtectedTotpSecret" = (SELECT u."ProtectedTotpSecret" FROM "Users" u WHERE u."Id" = "StaffMembers"."UserId")""");

            migrationBuilder.DropColumn(
                name: "ProtectedTotpSecret",
                table: "Users");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PendingRecoveryEmail",
                table: "Users");

            migrationBuilder.DropColumn(
                name: "RecoveryEmail",
                table: "Users");

            migrationBuilder.DropColumn(
                name: "LastTotpStep",
                table: "StaffMembers");

            migrationBuilder.DropColumn(
                name: "ProtectedTotpSecret",
                table: "StaffMembers");

            migrationBuilder.AddColumn<string>(
                name: "ProtectedTotpSecret",
                table: "Users",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);
        }
    }
}
