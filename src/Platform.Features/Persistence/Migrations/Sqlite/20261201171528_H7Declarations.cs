using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Features.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class H7Declarations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Apprentices",
                table: "Declarations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ConfirmedAt",
                table: "Declarations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ConfirmedByUserId",
                table: "Declarations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Determinants",
                table: "Declarations",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<bool>(
                name: "HadStaff",
                table: "Declarations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "InvoiceId",
                table: "Declarations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OwnDeterminants",
                table: "Declarations",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "PaymentMethod",
                table: "Declarations",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SignatoryEmail",
                table: "Declarations",
                type: "TEXT",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SignatoryName",
                table: "Declarations",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SituationRequestId",
                table: "Declarations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Step",
                table: "Declarations",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "SepaMandateActiveSince",
                table: "Companies",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Declarations_TenantId_Status",
                table: "Declarations",
                columns: new[] { "TenantId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Declarations_TenantId_Status",
                table: "Declarations");

            migrationBuilder.DropColumn(
                name: "Apprentices",
                table: "Declarations");

            migrationBuilder.DropColumn(
                name: "ConfirmedAt",
                table: "Declarations");

            migrationBuilder.DropColumn(
                name: "ConfirmedByUserId",
                table: "Declarations");

            migrationBuilder.DropColumn(
                name: "Determinants",
                table: "Declarations");

            migrationBuilder.DropColumn(
                name: "HadStaff",
                table: "Declarations");

            migrationBuilder.DropColumn(
                name: "InvoiceId",
                table: "Declarations");

            migrationBuilder.DropColumn(
                name: "OwnDeterminants",
                table: "Declarations");

            migrationBuilder.DropColumn(
                name: "PaymentMethod",
                table: "Declarations");

            migrationBuilder.DropColumn(
                name: "SignatoryEmail",
                table: "Declarations");

            migrationBuilder.DropColumn(
                name: "SignatoryName",
                table: "Declarations");

            migrationBuilder.DropColumn(
                name: "SituationRequestId",
                table: "Declarations");

            migrationBuilder.DropColumn(
                name: "Step",
                table: "Declarations");

            migrationBuilder.DropColumn(
                name: "SepaMandateActiveSince",
                table: "Companies");
        }
    }
}
