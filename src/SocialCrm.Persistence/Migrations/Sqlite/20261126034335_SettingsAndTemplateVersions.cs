using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SocialCrm.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SettingsAndTemplateVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "DiscardedAt",
                table: "WorkflowDefinitions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DiscardedBy",
                table: "WorkflowDefinitions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "ReplyTemplates",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "standard");

            migrationBuilder.AddColumn<DateTime>(
                name: "RetiredAt",
                table: "ReplyTemplates",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "UpdatedAt",
                table: "ReplyTemplates",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<string>(
                name: "UpdatedBy",
                table: "ReplyTemplates",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "ReplyTemplates",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "SettingsVersion",
                table: "CaseBriefs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TemplateVersion",
                table: "CaseBriefs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ReplyTemplateVersions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Intent = table.Column<string>(type: "TEXT", nullable: false),
                    Language = table.Column<string>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    Retired = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReplyTemplateVersions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SettingsVersions",
                columns: table => new
                {
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    ValuesJson = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SettingsVersions", x => x.Version);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReplyTemplateVersions_Key_Version",
                table: "ReplyTemplateVersions",
                columns: new[] { "Key", "Version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReplyTemplateVersions");

            migrationBuilder.DropTable(
                name: "SettingsVersions");

            migrationBuilder.DropColumn(
                name: "DiscardedAt",
                table: "WorkflowDefinitions");

            migrationBuilder.DropColumn(
                name: "DiscardedBy",
                table: "WorkflowDefinitions");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "ReplyTemplates");

            migrationBuilder.DropColumn(
                name: "RetiredAt",
                table: "ReplyTemplates");

            migrationBuilder.DropColumn(
                name: "UpdatedAt",
                table: "ReplyTemplates");

            migrationBuilder.DropColumn(
                name: "UpdatedBy",
                table: "ReplyTemplates");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "ReplyTemplates");

            migrationBuilder.DropColumn(
                name: "SettingsVersion",
                table: "CaseBriefs");

            migrationBuilder.DropColumn(
                name: "TemplateVersion",
                table: "CaseBriefs");
        }
    }
}
