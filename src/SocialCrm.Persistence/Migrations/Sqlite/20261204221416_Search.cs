using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SocialCrm.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Search : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Full-text search (Stages/Search): FTS5 tables that hold a copy of the searched text under the row's
            // rowid, kept current by triggers. A table rebuild by a later migration (SQLite's ALTER) gives rows new
            // rowids and drops the triggers: such a migration must run this one's Down and Up again.
            foreach (var (table, fts, columns, values, sources) in Indexes)
            {
                migrationBuilder.Sql($"CREATE VIRTUAL TABLE \"{fts}\" USING fts5({columns}, tokenize = 'unicode61 remove_diacritics 2');");
                // A deleted or replaced row's words leave the index at once, not at a later merge: an erasure must not leave names in it.
                migrationBuilder.Sql($"INSERT INTO \"{fts}\"(\"{fts}\", rank) VALUES ('secure-delete', 1);");
                migrationBuilder.Sql($"INSERT INTO \"{fts}\"(rowid, {columns}) SELECT rowid, {values("")} FROM \"{table}\";");
                migrationBuilder.Sql($"CREATE TRIGGER \"{table}_Search_Insert\" AFTER INSERT ON \"{table}\" BEGIN INSERT INTO \"{fts}\"(rowid, {columns}) VALUES (new.rowid, {values("new.")}); END;");
                migrationBuilder.Sql($"CREATE TRIGGER \"{table}_Search_Update\" AFTER UPDATE OF {sources} ON \"{table}\" BEGIN DELETE FROM \"{fts}\" WHERE rowid = old.rowid; INSERT INTO \"{fts}\"(rowid, {columns}) VALUES (new.rowid, {values("new.")}); END;");
                migrationBuilder.Sql($"CREATE TRIGGER \"{table}_Search_Delete\" AFTER DELETE ON \"{table}\" BEGIN DELETE FROM \"{fts}\" WHERE rowid = old.rowid; END;");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (table, fts, _, _, _) in Indexes)
            {
                foreach (var trigger in new[] { "Insert", "Update", "Delete" }) migrationBuilder.Sql($"DROP TRIGGER IF EXISTS \"{table}_Search_{trigger}\";");
                migrationBuilder.Sql($"DROP TABLE IF EXISTS \"{fts}\";");
            }
        }

        /// <summary>
        /// Each searched table: its FTS5 table, the FTS columns, what fills them from a row (prefix "new." in a
        /// trigger), and the row's columns they come from (only a change of those re-indexes the row: the stages
        /// update a post's scores and a customer's revenue all the time).
        /// </summary>
        private static readonly (string Table, string Fts, string Columns, Func<string, string> Values, string Sources)[] Indexes =
        [
            ("Signals", "SignalSearch", "\"Names\", \"Text\"", r => $"coalesce({r}\"AuthorName\", '') || ' ' || {r}\"AuthorHandle\", {r}\"Text\"", "\"AuthorName\", \"AuthorHandle\", \"Text\""),
            ("Customers", "CustomerSearch", "\"Names\", \"Contact\"", r => $"{r}\"DisplayName\", coalesce({r}\"Email\", '') || ' ' || coalesce({r}\"ExternalId\", '')", "\"DisplayName\", \"Email\", \"ExternalId\""),
            ("SocialIdentities", "IdentitySearch", "\"Handle\"", r => $"{r}\"Handle\" || ' ' || coalesce({r}\"DisplayName\", '')", "\"Handle\", \"DisplayName\""),
        ];
    }
}
