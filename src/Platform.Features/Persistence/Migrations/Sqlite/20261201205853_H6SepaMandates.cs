using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Features.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class H6SepaMandates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SepaMandates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 35, nullable: false),
                    Ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    HolderName = table.Column<string>(type: "TEXT", maxLength: 70, nullable: false),
                    ProtectedIban = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    IbanCountry = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    IbanLast4 = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    Bic = table.Column<string>(type: "TEXT", maxLength: 11, nullable: true),
                    SignerUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SignerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SignerEmail = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CodeHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CodeExpiresAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    WrongTries = table.Column<int>(type: "INTEGER", nullable: false),
                    SignedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    SignedFromIp = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    SignedWithUserAgent = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    RevokedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    ProviderCustomerId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ProviderSetupId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ProviderPaymentMethodId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SepaMandates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SepaMandates_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SepaDebits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    MandateId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InvoiceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InstalmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AnnouncedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    SettledAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    ProviderPaymentId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    FailureReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SepaDebits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SepaDebits_InvoiceInstalments_InstalmentId",
                        column: x => x.InstalmentId,
                        principalTable: "InvoiceInstalments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SepaDebits_Invoices_InvoiceId",
                        column: x => x.InvoiceId,
                        principalTable: "Invoices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SepaDebits_SepaMandates_MandateId",
                        column: x => x.MandateId,
                        principalTable: "SepaMandates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SepaDebits_InstalmentId",
                table: "SepaDebits",
                column: "InstalmentId");

            migrationBuilder.CreateIndex(
                name: "IX_SepaDebits_InvoiceId",
                table: "SepaDebits",
                column: "InvoiceId");

            migrationBuilder.CreateIndex(
                name: "IX_SepaDebits_MandateId",
                table: "SepaDebits",
                column: "MandateId");

            migrationBuilder.CreateIndex(
                name: "IX_SepaDebits_TenantId_InstalmentId",
                table: "SepaDebits",
                columns: new[] { "TenantId", "InstalmentId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SepaDebits_TenantId_ProviderPaymentId",
                table: "SepaDebits",
                columns: new[] { "TenantId", "ProviderPaymentId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SepaDebits_TenantId_Status_DueOn",
                table: "SepaDebits",
                columns: new[] { "TenantId", "Status", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_SepaMandates_CompanyId",
                table: "SepaMandates",
                column: "CompanyId");

            migrationBuilder.CreateIndex(
                name: "IX_SepaMandates_TenantId_CompanyId_Ordinal",
                table: "SepaMandates",
                columns: new[] { "TenantId", "CompanyId", "Ordinal" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SepaMandates_TenantId_Reference",
                table: "SepaMandates",
                columns: new[] { "TenantId", "Reference" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SepaDebits");

            migrationBuilder.DropTable(
                name: "SepaMandates");
        }
    }
}
