using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SocialCrm.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Search : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Full-text search (Stages/Search). Posts: a stored tsvector (names weigh more than the text) with a GIN
            // index, so ranking reads the column instead of parsing every matching text again. Customers and their
            // accounts: GIN over the expression SearchService queries. 'simple': no stemming, as the posts are in
            // English and Finnish and names, handles, e-mails and order numbers must match as written.
            migrationBuilder.Sql("""
                ALTER TABLE "Signals" ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('simple', coalesce("AuthorName", '') || ' ' || "AuthorHandle"), 'A') || setweight(to_tsvector('simple', "Text"), 'B')) STORED;
                CREATE INDEX "IX_Signals_SearchVector" ON "Signals" USING GIN ("SearchVector");
                CREATE INDEX "IX_Customers_Search" ON "Customers" USING GIN (to_tsvector('simple', coalesce("DisplayName", '') || ' ' || coalesce("Email", '') || ' ' || coalesce("ExternalId", '')));
                CREATE INDEX "IX_SocialIdentities_Search" ON "SocialIdentities" USING GIN (to_tsvector('simple', "Handle" || ' ' || coalesce("DisplayName", '')));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX IF EXISTS "IX_SocialIdentities_Search";
                DROP INDEX IF EXISTS "IX_Customers_Search";
                DROP INDEX IF EXISTS "IX_Signals_SearchVector";
                ALTER TABLE "Signals" DROP COLUMN IF EXISTS "SearchVector";
                """);
        }
    }
}
