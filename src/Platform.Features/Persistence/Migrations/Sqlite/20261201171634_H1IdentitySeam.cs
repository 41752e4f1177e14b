using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Features.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class H1IdentitySeam : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_AccessRequests_Users_RequestedByUserId",
                table: "AccessRequests");

            migrationBuilder.DropForeignKey(
                name: "FK_CompanyClaims_Users_UserId",
                table: "CompanyClaims");

            migrationBuilder.DropForeignKey(
                name: "FK_ConnectionRecords_Users_UserId",
                table: "ConnectionRecords");

            migrationBuilder.DropForeignKey(
                name: "FK_EmailLinkTokens_Users_UserId",
                table: "EmailLinkTokens");

            migrationBuilder.DropForeignKey(
                name: "FK_LoginCodes_Users_UserId",
                table: "LoginCodes");

            migrationBuilder.DropForeignKey(
                name: "FK_LoginNames_Users_UserId",
                table: "LoginNames");

            migrationBuilder.DropForeignKey(
                name: "FK_Memberships_Users_UserId",
                table: "Memberships");

            migrationBuilder.DropForeignKey(
                name: "FK_NotificationPreferences_Users_UserId",
                table: "NotificationPreferences");

            migrationBuilder.DropForeignKey(
                name: "FK_SignInGuards_Users_UserId",
                table: "SignInGuards");

            migrationBuilder.DropForeignKey(
                name: "FK_StaffMembers_Users_UserId",
                table: "StaffMembers");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddForeignKey(
                name: "FK_AccessRequests_Users_RequestedByUserId",
                table: "AccessRequests",
                column: "RequestedByUserId",
                principalTable: "Users",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_CompanyClaims_Users_UserId",
                table: "CompanyClaims",
                column: "UserId",
                principalTable: "Users",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_ConnectionRecords_Users_UserId",
                table: "ConnectionRecords",
                column: "UserId",
                principalTable: "Users",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_EmailLinkTokens_Users_UserId",
                table: "EmailLinkTokens",
                column: "UserId",
                principalTable: "Users",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_LoginCodes_Users_UserId",
                table: "LoginCodes",
                column: "UserId",
                principalTable: "Users",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_LoginNames_Users_UserId",
                table: "LoginNames",
                column: "UserId",
                principalTable: "Users",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_Memberships_Users_UserId",
                table: "Memberships",
                column: "UserId",
                principalTable: "Users",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_NotificationPreferences_Users_UserId",
                table: "NotificationPreferences",
                column: "UserId",
                principalTable: "Users",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_SignInGuards_Users_UserId",
                table: "SignInGuards",
                column: "UserId",
                principalTable: "Users",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_StaffMembers_Users_UserId",
                table: "StaffMembers",
                column: "UserId",
                principalTable: "Users",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
