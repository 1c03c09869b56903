using SocialCrm.Stages.Measure.Reports;

namespace SocialCrm.Web.Workplace;

/// <summary>What a person chose on the inbox and the report, kept for their session (per circuit), so opening a case and coming back keeps the filters.</summary>
public sealed class ConsoleState
{
    public string? Holder { get; set; }
    public string? Queue { get; set; }
    public int? Priority { get; set; }
    public string? Platform { get; set; }
    public string? Language { get; set; }
    public string? Sla { get; set; }

    public ReportFilter Report { get; set; } = new();
    public DateTime? ReportFrom { get; set; } = DateTime.UtcNow.Date.AddDays(-29);
    public DateTime? ReportTo { get; set; } = DateTime.UtcNow.Date;
}
