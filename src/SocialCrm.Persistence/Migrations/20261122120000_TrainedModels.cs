using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace SocialCrm.Persistence.Migrations;

/// <summary>Versioned trained models (issue 3), written by hand like the first migration.</summary>
[DbContext(typeof(CrmDbContext))]
[Migration("20261122120000_TrainedModels")]
public sealed class TrainedModels : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("TrainedModels", t => new
        {
            Id = t.Column<Guid>(),
            Kind = t.Column<string>(),
            Version = t.Column<string>(),
            ModelJson = t.Column<string>(),
            MetricsJson = t.Column<string>(),
            TrainingData = t.Column<string>(),
            TrainedAt = t.Column<DateTime>(),
            IsActive = t.Column<bool>(),
        }, constraints: t => t.PrimaryKey("PK_TrainedModels", x => x.Id));
        m.CreateIndex("IX_TrainedModels_Kind_Version", "TrainedModels", ["Kind", "Version"], unique: true);
        m.CreateIndex("IX_TrainedModels_Kind_IsActive", "TrainedModels", ["Kind", "IsActive"]);
    }

    protected override void Down(MigrationBuilder m) => m.DropTable("TrainedModels");
}
