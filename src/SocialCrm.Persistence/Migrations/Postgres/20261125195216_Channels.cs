using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SocialCrm.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Channels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LinkedBy",
                table: "SocialIdentities",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "LinkedByClaim",
                table: "SocialIdentities",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "PlatformUserId",
                table: "SocialIdentities",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AuthorPlatformId",
                table: "Signals",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "EditedAt",
                table: "Signals",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RemovedAt",
                table: "Signals",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Attempts",
                table: "OutgoingMessages",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Error",
                table: "OutgoingMessages",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "NextAttemptAt",
                table: "OutgoingMessages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Private",
                table: "OutgoingMessages",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "RecipientId",
                table: "OutgoingMessages",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReplyToPostId",
                table: "OutgoingMessages",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "SendingSince",
                table: "OutgoingMessages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "OutgoingMessages",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "sent");

            migrationBuilder.AddColumn<DateTime>(
                name: "BackOfficeUpdatedAt",
                table: "Customers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ConnectConsentAt",
                table: "Customers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ConnectConsentSource",
                table: "Customers",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ConsentToContact",
                table: "Customers",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "ContactConsentAt",
                table: "Customers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ContactConsentSource",
                table: "Customers",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Email",
                table: "Customers",
                type: "character varying(254)",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExternalId",
                table: "Customers",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "MergedIntoId",
                table: "Customers",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Purchases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrderNumber = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Amount = table.Column<double>(type: "double precision", nullable: false),
                    PurchasedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Purchases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Purchases_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SignalRevisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SignalId = table.Column<Guid>(type: "uuid", nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false),
                    ReplacedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignalRevisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SignalRevisions_Signals_SignalId",
                        column: x => x.SignalId,
                        principalTable: "Signals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SocialIdentities_Platform_PlatformUserId",
                table: "SocialIdentities",
                columns: new[] { "Platform", "PlatformUserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutgoingMessages_Status_NextAttemptAt",
                table: "OutgoingMessages",
                columns: new[] { "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_Email",
                table: "Customers",
                column: "Email");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_ExternalId",
                table: "Customers",
                column: "ExternalId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Purchases_CustomerId_OrderNumber",
                table: "Purchases",
                columns: new[] { "CustomerId", "OrderNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Purchases_OrderNumber",
                table: "Purchases",
                column: "OrderNumber");

            migrationBuilder.CreateIndex(
                name: "IX_SignalRevisions_SignalId",
                table: "SignalRevisions",
                column: "SignalId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Purchases");

            migrationBuilder.DropTable(
                name: "SignalRevisions");

            migrationBuilder.DropIndex(
                name: "IX_SocialIdentities_Platform_PlatformUserId",
                table: "SocialIdentities");

            migrationBuilder.DropIndex(
                name: "IX_OutgoingMessages_Status_NextAttemptAt",
                table: "OutgoingMessages");

            migrationBuilder.DropIndex(
                name: "IX_Customers_Email",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_ExternalId",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "LinkedBy",
                table: "SocialIdentities");

            migrationBuilder.DropColumn(
                name: "LinkedByClaim",
                table: "SocialIdentities");

            migrationBuilder.DropColumn(
                name: "PlatformUserId",
                table: "SocialIdentities");

            migrationBuilder.DropColumn(
                name: "AuthorPlatformId",
                table: "Signals");

            migrationBuilder.DropColumn(
                name: "EditedAt",
                table: "Signals");

            migrationBuilder.DropColumn(
                name: "RemovedAt",
                table: "Signals");

            migrationBuilder.DropColumn(
                name: "Attempts",
                table: "OutgoingMessages");

            migrationBuilder.DropColumn(
                name: "Error",
                table: "OutgoingMessages");

            migrationBuilder.DropColumn(
                name: "NextAttemptAt",
                table: "OutgoingMessages");

            migrationBuilder.DropColumn(
                name: "Private",
                table: "OutgoingMessages");

            migrationBuilder.DropColumn(
                name: "RecipientId",
                table: "OutgoingMessages");

            migrationBuilder.DropColumn(
                name: "ReplyToPostId",
                table: "OutgoingMessages");

            migrationBuilder.DropColumn(
                name: "SendingSince",
                table: "OutgoingMessages");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "OutgoingMessages");

            migrationBuilder.DropColumn(
                name: "BackOfficeUpdatedAt",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "ConnectConsentAt",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "ConnectConsentSource",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "ConsentToContact",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "ContactConsentAt",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "ContactConsentSource",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "Email",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "ExternalId",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "MergedIntoId",
                table: "Customers");
        }
    }
}
