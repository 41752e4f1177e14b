using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Features.Persistence.Migrations.Postgres
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
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ConfirmedAt",
                table: "Declarations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ConfirmedByUserId",
                table: "Declarations",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "Determinants",
                table: "Declarations",
                type: "text[]",
                nullable: false);

            migrationBuilder.AddColumn<bool>(
                name: "HadStaff",
                table: "Declarations",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "InvoiceId",
                table: "Declarations",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "OwnDeterminants",
                table: "Declarations",
                type: "text[]",
                nullable: false);

            migrationBuilder.AddColumn<string>(
                name: "PaymentMethod",
                table: "Declarations",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SignatoryEmail",
                table: "Declarations",
                type: "character varying(254)",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SignatoryName",
                table: "Declarations",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SituationRequestId",
                table: "Declarations",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Step",
                table: "Declarations",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "SepaMandateActiveSince",
                table: "Companies",
                type: "timestamp with time zone",
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
