using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Steward.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Billing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "billing_periods",
                columns: table => new
                {
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Coins = table.Column<decimal>(type: "TEXT", precision: 28, scale: 9, nullable: false),
                    Lines = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_billing_periods", x => new { x.UnitId, x.PeriodStart });
                    table.ForeignKey(
                        name: "FK_billing_periods_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "charge_totals",
                columns: table => new
                {
                    ScopeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Processing = table.Column<decimal>(type: "TEXT", precision: 28, scale: 9, nullable: false),
                    Storage = table.Column<decimal>(type: "TEXT", precision: 28, scale: 9, nullable: false),
                    Fees = table.Column<decimal>(type: "TEXT", precision: 28, scale: 9, nullable: false),
                    Credits = table.Column<decimal>(type: "TEXT", precision: 28, scale: 9, nullable: false),
                    Lines = table.Column<long>(type: "INTEGER", nullable: false),
                    PostFinalCoins = table.Column<decimal>(type: "TEXT", precision: 28, scale: 9, nullable: false),
                    PostFinalLines = table.Column<long>(type: "INTEGER", nullable: false),
                    BurnRate = table.Column<decimal>(type: "TEXT", precision: 28, scale: 9, nullable: true),
                    BurnRateAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_charge_totals", x => new { x.ScopeId, x.PeriodStart, x.Day });
                    table.ForeignKey(
                        name: "FK_charge_totals_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "merchants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Number = table.Column<long>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ApiHostname = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_merchants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_merchants_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "products",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Flavour = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Allowance = table.Column<decimal>(type: "TEXT", precision: 28, scale: 9, nullable: false),
                    Limit = table.Column<decimal>(type: "TEXT", precision: 28, scale: 9, nullable: false),
                    ClaimMerchantId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ClaimId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ClaimName = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    ClaimedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DeletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_products", x => x.Id);
                    table.ForeignKey(
                        name: "FK_products_merchants_ClaimMerchantId",
                        column: x => x.ClaimMerchantId,
                        principalTable: "merchants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_products_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "charge_lines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProductId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MerchantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Coins = table.Column<decimal>(type: "TEXT", precision: 28, scale: 9, nullable: false),
                    BurnRate = table.Column<decimal>(type: "TEXT", precision: 28, scale: 9, nullable: true),
                    Username = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Group = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    AdditionalData = table.Column<string>(type: "TEXT", maxLength: 4096, nullable: true),
                    Timestamp = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PostFinal = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_charge_lines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_charge_lines_merchants_MerchantId",
                        column: x => x.MerchantId,
                        principalTable: "merchants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_charge_lines_products_ProductId",
                        column: x => x.ProductId,
                        principalTable: "products",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_billing_periods_ClosedAt_PeriodEnd",
                table: "billing_periods",
                columns: new[] { "ClosedAt", "PeriodEnd" });

            migrationBuilder.CreateIndex(
                name: "IX_charge_lines_MerchantId_ExternalId",
                table: "charge_lines",
                columns: new[] { "MerchantId", "ExternalId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_charge_lines_ProductId_Day",
                table: "charge_lines",
                columns: new[] { "ProductId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_charge_lines_ProductId_PeriodStart_Id",
                table: "charge_lines",
                columns: new[] { "ProductId", "PeriodStart", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_charge_lines_UnitId_Day",
                table: "charge_lines",
                columns: new[] { "UnitId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_charge_lines_UnitId_PeriodStart_Id",
                table: "charge_lines",
                columns: new[] { "UnitId", "PeriodStart", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_charge_totals_AccountId",
                table: "charge_totals",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_charge_totals_ScopeId_Day",
                table: "charge_totals",
                columns: new[] { "ScopeId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_merchants_AccountId",
                table: "merchants",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_merchants_Number",
                table: "merchants",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_products_AccountId_Id",
                table: "products",
                columns: new[] { "AccountId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_products_ClaimMerchantId",
                table: "products",
                column: "ClaimMerchantId");

            migrationBuilder.CreateIndex(
                name: "IX_products_OrganisationId_Id",
                table: "products",
                columns: new[] { "OrganisationId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_products_UnitId_Id",
                table: "products",
                columns: new[] { "UnitId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "billing_periods");

            migrationBuilder.DropTable(
                name: "charge_lines");

            migrationBuilder.DropTable(
                name: "charge_totals");

            migrationBuilder.DropTable(
                name: "products");

            migrationBuilder.DropTable(
                name: "merchants");
        }
    }
}
