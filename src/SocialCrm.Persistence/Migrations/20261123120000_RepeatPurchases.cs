using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace SocialCrm.Persistence.Migrations;

/// <summary>
/// The measure stage records whether a customer bought again within the outcome window: "engaging paid off" is then
/// more than a happy follow-up, and the report shows repeat purchases per reply kind.
/// </summary>
[DbContext(typeof(CrmDbContext))]
[Migration("20261123120000_RepeatPurchases")]
public sealed class RepeatPurchases : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<double>("PurchaseAmount", "CaseMetrics", nullable: false, defaultValue: 0.0);
        m.AddColumn<int>("Purchases", "DailyAggregates", nullable: false, defaultValue: 0);
        m.AddColumn<double>("SumPurchaseAmount", "DailyAggregates", nullable: false, defaultValue: 0.0);
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropColumn("SumPurchaseAmount", "DailyAggregates");
        m.DropColumn("Purchases", "DailyAggregates");
        m.DropColumn("PurchaseAmount", "CaseMetrics");
    }
}
