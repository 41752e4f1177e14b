using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Features.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class H3CertificatesAndTakenInCharge : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "TakenInChargeAt",
                table: "VisitRequests",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "TakenInChargeByUserId",
                table: "VisitRequests",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CertificateFileId",
                table: "Appointments",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CertificateUploadedAt",
                table: "Appointments",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CertificateUploadedByUserId",
                table: "Appointments",
                type: "uniqueidentifier",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "TakenInChargeAt",
                table: "VisitRequests");

            migrationBuilder.DropColumn(
                name: "TakenInChargeByUserId",
                table: "VisitRequests");

            migrationBuilder.DropColumn(
                name: "CertificateFileId",
                table: "Appointments");

            migrationBuilder.DropColumn(
                name: "CertificateUploadedAt",
                table: "Appointments");

            migrationBuilder.DropColumn(
                name: "CertificateUploadedByUserId",
                table: "Appointments");
        }
    }
}
