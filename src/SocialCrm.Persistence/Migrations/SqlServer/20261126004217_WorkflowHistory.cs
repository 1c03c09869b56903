using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SocialCrm.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class WorkflowHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Comment",
                table: "WorkflowDefinitions",
                type: "nvarchar(max)",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CreatedBy",
                table: "WorkflowDefinitions",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "DraftOf",
                table: "WorkflowDefinitions",
                type: "nvarchar(450)",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ErrorsJson",
                table: "WorkflowDefinitions",
                type: "nvarchar(max)",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PublishedBy",
                table: "WorkflowDefinitions",
                type: "nvarchar(max)",
                nullable: true);

            // Versions never published are the drafts; rows made before CreatedBy existed take their author from Source.
            migrationBuilder.Sql("UPDATE \"WorkflowDefinitions\" SET \"DraftOf\" = \"DefinitionId\" WHERE \"PublishedAt\" IS NULL");
            migrationBuilder.Sql("UPDATE \"WorkflowDefinitions\" SET \"CreatedBy\" = \"Source\" WHERE \"CreatedBy\" = ''");

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowDefinitions_DraftOf",
                table: "WorkflowDefinitions",
                column: "DraftOf",
                unique: true,
                filter: "[DraftOf] IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkflowDefinitions_DraftOf",
                table: "WorkflowDefinitions");

            migrationBuilder.DropColumn(
                name: "Comment",
                table: "WorkflowDefinitions");

            migrationBuilder.DropColumn(
                name: "CreatedBy",
                table: "WorkflowDefinitions");

            migrationBuilder.DropColumn(
                name: "DraftOf",
                table: "WorkflowDefinitions");

            migrationBuilder.DropColumn(
                name: "ErrorsJson",
                table: "WorkflowDefinitions");

            migrationBuilder.DropColumn(
                name: "PublishedBy",
                table: "WorkflowDefinitions");
        }
    }
}
