using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Features.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class H6RequestsDocuments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "AbsenceEnd",
                table: "VisitRequests",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AbsenceNature",
                table: "VisitRequests",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "AbsenceStart",
                table: "VisitRequests",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CancelledAt",
                table: "VisitRequests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CancelledByUserId",
                table: "VisitRequests",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EmployerReason",
                table: "VisitRequests",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ExposureEndDate",
                table: "VisitRequests",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExposureRisk",
                table: "VisitRequests",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "HiringWaiver",
                table: "VisitRequests",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateOnly>(
                name: "LastOpinionDeadline",
                table: "VisitRequests",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OccasionalRequester",
                table: "VisitRequests",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReasonComment",
                table: "VisitRequests",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "RetirementDate",
                table: "VisitRequests",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SituationDetails",
                table: "VisitRequests",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "TherapeuticPartTime",
                table: "VisitRequests",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "Documents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Nature = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SizeBytes = table.Column<long>(type: "bigint", nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UploadedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    VisitRequestId = table.Column<Guid>(type: "uuid", nullable: true),
                    AcknowledgedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AcknowledgedByUserId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Documents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Documents_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Documents_VisitRequests_VisitRequestId",
                        column: x => x.VisitRequestId,
                        principalTable: "VisitRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Documents_CompanyId",
                table: "Documents",
                column: "CompanyId");

            migrationBuilder.CreateIndex(
                name: "IX_Documents_TenantId_CompanyId_AcknowledgedAt",
                table: "Documents",
                columns: new[] { "TenantId", "CompanyId", "AcknowledgedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Documents_TenantId_VisitRequestId",
                table: "Documents",
                columns: new[] { "TenantId", "VisitRequestId" });

            migrationBuilder.CreateIndex(
                name: "IX_Documents_VisitRequestId",
                table: "Documents",
                column: "VisitRequestId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Documents");

            migrationBuilder.DropColumn(
                name: "AbsenceEnd",
                table: "VisitRequests");

            migrationBuilder.DropColumn(
                name: "AbsenceNature",
                table: "VisitRequests");

            migrationBuilder.DropColumn(
                name: "AbsenceStart",
                table: "VisitRequests");

            migrationBuilder.DropColumn(
                name: "CancelledAt",
                table: "VisitRequests");

            migrationBuilder.DropColumn(
                name: "CancelledByUserId",
                table: "VisitRequests");

            migrationBuilder.DropColumn(
                name: "EmployerReason",
                table: "VisitRequests");

            migrationBuilder.DropColumn(
                name: "ExposureEndDate",
                table: "VisitRequests");

            migrationBuilder.DropColumn(
                name: "ExposureRisk",
                table: "VisitRequests");

            migrationBuilder.DropColumn(
                name: "HiringWaiver",
                table: "VisitRequests");

            migrationBuilder.DropColumn(
                name: "LastOpinionDeadline",
                table: "VisitRequests");

            migrationBuilder.DropColumn(
                name: "OccasionalRequester",
                table: "VisitRequests");

            migrationBuilder.DropColumn(
                name: "ReasonComment",
                table: "VisitRequests");

            migrationBuilder.DropColumn(
                name: "RetirementDate",
                table: "VisitRequests");

            migrationBuilder.DropColumn(
                name: "SituationDetails",
                table: "VisitRequests");

            migrationBuilder.DropColumn(
                name: "TherapeuticPartTime",
                table: "VisitRequests");
        }
    }
}
