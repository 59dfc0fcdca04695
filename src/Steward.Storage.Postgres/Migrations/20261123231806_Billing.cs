using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Steward.Storage.Postgres.Migrations
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
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "date", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "date", nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Coins = table.Column<decimal>(type: "numeric(28,9)", precision: 28, scale: 9, nullable: false),
                    Lines = table.Column<long>(type: "bigint", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
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
                    ScopeId = table.Column<Guid>(type: "uuid", nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "date", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    Processing = table.Column<decimal>(type: "numeric(28,9)", precision: 28, scale: 9, nullable: false),
                    Storage = table.Column<decimal>(type: "numeric(28,9)", precision: 28, scale: 9, nullable: false),
                    Fees = table.Column<decimal>(type: "numeric(28,9)", precision: 28, scale: 9, nullable: false),
                    Credits = table.Column<decimal>(type: "numeric(28,9)", precision: 28, scale: 9, nullable: false),
                    Lines = table.Column<long>(type: "bigint", nullable: false),
                    PostFinalCoins = table.Column<decimal>(type: "numeric(28,9)", precision: 28, scale: 9, nullable: false),
                    PostFinalLines = table.Column<long>(type: "bigint", nullable: false),
                    BurnRate = table.Column<decimal>(type: "numeric(28,9)", precision: 28, scale: 9, nullable: true),
                    BurnRateAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: true),
                    Number = table.Column<long>(type: "bigint", nullable: false),
                    Name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ApiHostname = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Type = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Flavour = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Allowance = table.Column<decimal>(type: "numeric(28,9)", precision: 28, scale: 9, nullable: false),
                    Limit = table.Column<decimal>(type: "numeric(28,9)", precision: 28, scale: 9, nullable: false),
                    ClaimMerchantId = table.Column<Guid>(type: "uuid", nullable: true),
                    ClaimId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ClaimName = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    ClaimedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DeletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProductId = table.Column<Guid>(type: "uuid", nullable: false),
                    MerchantId = table.Column<Guid>(type: "uuid", nullable: false),
                    ExternalId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Coins = table.Column<decimal>(type: "numeric(28,9)", precision: 28, scale: 9, nullable: false),
                    BurnRate = table.Column<decimal>(type: "numeric(28,9)", precision: 28, scale: 9, nullable: true),
                    Username = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Group = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    AdditionalData = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: true),
                    Timestamp = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "date", nullable: false),
                    PostFinal = table.Column<bool>(type: "boolean", nullable: false)
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
