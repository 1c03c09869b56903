using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SocialCrm.Persistence.Migrations.Postgres
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
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DiscardedBy",
                table: "WorkflowDefinitions",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "ReplyTemplates",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "standard");

            migrationBuilder.AddColumn<DateTime>(
                name: "RetiredAt",
                table: "ReplyTemplates",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "UpdatedAt",
                table: "ReplyTemplates",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<string>(
                name: "UpdatedBy",
                table: "ReplyTemplates",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "ReplyTemplates",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "SettingsVersion",
                table: "CaseBriefs",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TemplateVersion",
                table: "CaseBriefs",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ReplyTemplateVersions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Intent = table.Column<string>(type: "text", nullable: false),
                    Language = table.Column<string>(type: "text", nullable: false),
                    Kind = table.Column<string>(type: "text", nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false),
                    Retired = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "text", nullable: false),
                    Comment = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReplyTemplateVersions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SettingsVersions",
                columns: table => new
                {
                    Version = table.Column<int>(type: "integer", nullable: false),
                    ValuesJson = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "text", nullable: false),
                    Comment = table.Column<string>(type: "text", nullable: true)
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
