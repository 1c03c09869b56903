using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SocialCrm.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MacrosAndMerges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "MergedIntoCaseId",
                table: "Cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Tags",
                table: "Cases",
                type: "TEXT",
                maxLength: 400,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<Guid>(
                name: "OtherCaseId",
                table: "CaseEvents",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Macros",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TemplateKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Tags = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Priority = table.Column<int>(type: "INTEGER", nullable: true),
                    TransferQueue = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    TransferAgent = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RetiredAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Macros", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_UserName_CreatedAt",
                table: "Notifications",
                columns: new[] { "UserName", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Macros_Name",
                table: "Macros",
                column: "Name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Macros");

            migrationBuilder.DropIndex(
                name: "IX_Notifications_UserName_CreatedAt",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "MergedIntoCaseId",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Tags",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "OtherCaseId",
                table: "CaseEvents");
        }
    }
}
