using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace SocialCrm.Persistence.Migrations;

/// <summary>
/// Briefs keep what the value and reply-kind models saw and the expected gain of personalising, so measured cases
/// become training examples and the daily personalised-reply budget can be spent by gain (issue 3).
/// </summary>
[DbContext(typeof(CrmDbContext))]
[Migration("20261123000000_BriefFeatures")]
public sealed class BriefFeatures : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<string>("FeaturesJson", "CaseBriefs", nullable: true);
        m.AddColumn<double>("ReplyGain", "CaseBriefs", nullable: true);
        m.CreateIndex("IX_CaseBriefs_CreatedAt", "CaseBriefs", "CreatedAt");
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropIndex("IX_CaseBriefs_CreatedAt", "CaseBriefs");
        m.DropColumn("ReplyGain", "CaseBriefs");
        m.DropColumn("FeaturesJson", "CaseBriefs");
    }
}
