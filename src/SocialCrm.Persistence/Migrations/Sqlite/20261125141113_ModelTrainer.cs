using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SocialCrm.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ModelTrainer : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Every version stored before this column was trained by SocialCrm's own L-BFGS fitter.
            migrationBuilder.AddColumn<string>(
                name: "Trainer",
                table: "TrainedModels",
                type: "TEXT",
                nullable: false,
                defaultValue: "SocialCrm L-BFGS");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Trainer",
                table: "TrainedModels");
        }
    }
}
