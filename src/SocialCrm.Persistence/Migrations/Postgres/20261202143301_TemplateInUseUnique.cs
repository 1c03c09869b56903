using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SocialCrm.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TemplateInUseUnique : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Language",
                table: "ReplyTemplates",
                type: "character varying(8)",
                maxLength: 8,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "text");

            migrationBuilder.AlterColumn<string>(
                name: "Intent",
                table: "ReplyTemplates",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "text");

            // Two templates in use for one intent, language and kind (made by concurrent creates before this index):
            // the second was never picked; it is retired so the index can hold.
            migrationBuilder.Sql("UPDATE \"ReplyTemplates\" SET \"RetiredAt\" = now() WHERE \"RetiredAt\" IS NULL AND EXISTS (SELECT 1 FROM \"ReplyTemplates\" o WHERE o.\"RetiredAt\" IS NULL AND o.\"Intent\" = \"ReplyTemplates\".\"Intent\" AND o.\"Language\" = \"ReplyTemplates\".\"Language\" AND o.\"Kind\" = \"ReplyTemplates\".\"Kind\" AND o.\"Key\" < \"ReplyTemplates\".\"Key\")");

            migrationBuilder.CreateIndex(
                name: "IX_ReplyTemplates_Intent_Language_Kind",
                table: "ReplyTemplates",
                columns: new[] { "Intent", "Language", "Kind" },
                unique: true,
                filter: "\"RetiredAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ReplyTemplates_Intent_Language_Kind",
                table: "ReplyTemplates");

            migrationBuilder.AlterColumn<string>(
                name: "Language",
                table: "ReplyTemplates",
                type: "text",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(8)",
                oldMaxLength: 8);

            migrationBuilder.AlterColumn<string>(
                name: "Intent",
                table: "ReplyTemplates",
                type: "text",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(32)",
                oldMaxLength: 32);
        }
    }
}
