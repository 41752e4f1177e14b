using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Features.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CompanyDetails : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Activity",
                table: "Companies",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BillingAddress_City",
                table: "Companies",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BillingAddress_Line1",
                table: "Companies",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BillingAddress_Line2",
                table: "Companies",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BillingAddress_PostalCode",
                table: "Companies",
                type: "character varying(5)",
                maxLength: 5,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ConvocationAddress_City",
                table: "Companies",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ConvocationAddress_Line1",
                table: "Companies",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ConvocationAddress_Line2",
                table: "Companies",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ConvocationAddress_PostalCode",
                table: "Companies",
                type: "character varying(5)",
                maxLength: 5,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "CreationDate",
                table: "Companies",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MainAddress_City",
                table: "Companies",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MainAddress_Line1",
                table: "Companies",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MainAddress_Line2",
                table: "Companies",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MainAddress_PostalCode",
                table: "Companies",
                type: "character varying(5)",
                maxLength: 5,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CompanyContacts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Function = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    Phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CompanyContacts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CompanyContacts_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "HealthTeams",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Doctor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Nurses = table.Column<List<string>>(type: "text[]", nullable: false),
                    MedicalSecretary = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    MedicalSecretaryPhone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    MedicalSecretaryEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    Iprp = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Asst = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    PreventionAdviser = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CentreName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CentreAddress = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    OpeningHours = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HealthTeams", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HealthTeams_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PendingCompanyChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Details = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RequestedByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DecidedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EffectiveOn = table.Column<DateOnly>(type: "date", nullable: true),
                    AppliedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
                name: "SituationRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    EffectiveDate = table.Column<DateOnly>(type: "date", nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RequestedByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DecidedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SituationRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SituationRequests_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CompanyContacts_CompanyId",
                table: "CompanyContacts",
                column: "CompanyId");

            migrationBuilder.CreateIndex(
                name: "IX_CompanyContacts_TenantId_CompanyId",
                table: "CompanyContacts",
                columns: new[] { "TenantId", "CompanyId" });

            migrationBuilder.CreateIndex(
                name: "IX_HealthTeams_CompanyId",
                table: "HealthTeams",
                column: "CompanyId");

            migrationBuilder.CreateIndex(
                name: "IX_HealthTeams_TenantId_CompanyId",
                table: "HealthTeams",
                columns: new[] { "TenantId", "CompanyId" },
                unique: true);

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
                name: "IX_SituationRequests_CompanyId",
                table: "SituationRequests",
                column: "CompanyId");

            migrationBuilder.CreateIndex(
                name: "IX_SituationRequests_TenantId_CompanyId_State",
                table: "SituationRequests",
                columns: new[] { "TenantId", "CompanyId", "State" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CompanyContacts");

            migrationBuilder.DropTable(
                name: "HealthTeams");

            migrationBuilder.DropTable(
                name: "PendingCompanyChanges");

            migrationBuilder.DropTable(
                name: "SituationRequests");

            migrationBuilder.DropColumn(
                name: "Activity",
                table: "Companies");

            migrationBuilder.DropColumn(
                name: "BillingAddress_City",
                table: "Companies");

            migrationBuilder.DropColumn(
                name: "BillingAddress_Line1",
                table: "Companies");

            migrationBuilder.DropColumn(
                name: "BillingAddress_Line2",
                table: "Companies");

            migrationBuilder.DropColumn(
                name: "BillingAddress_PostalCode",
                table: "Companies");

            migrationBuilder.DropColumn(
                name: "ConvocationAddress_City",
                table: "Companies");

            migrationBuilder.DropColumn(
                name: "ConvocationAddress_Line1",
                table: "Companies");

            migrationBuilder.DropColumn(
                name: "ConvocationAddress_Line2",
                table: "Companies");

            migrationBuilder.DropColumn(
                name: "ConvocationAddress_PostalCode",
                table: "Companies");

            migrationBuilder.DropColumn(
                name: "CreationDate",
                table: "Companies");

            migrationBuilder.DropColumn(
                name: "MainAddress_City",
                table: "Companies");

            migrationBuilder.DropColumn(
                name: "MainAddress_Line1",
                table: "Companies");

            migrationBuilder.DropColumn(
                name: "MainAddress_Line2",
                table: "Companies");

            migrationBuilder.DropColumn(
                name: "MainAddress_PostalCode",
                table: "Companies");
        }
    }
}
