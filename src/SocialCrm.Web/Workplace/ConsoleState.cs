using SocialCrm.Stages.Act.Inbox;
using SocialCrm.Stages.Measure.Reports;

namespace SocialCrm.Web.Workplace;

/// <summary>The filters a person chose on the inbox and the report, kept for their session (per circuit), so opening a case and coming back keeps them.</summary>
public sealed class ConsoleState
{
    public InboxFilter Inbox { get; } = new();

    public ReportFilter Report { get; } = new()
    {
        From = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-29), To = DateOnly.FromDateTime(DateTime.UtcNow),
    };
}
