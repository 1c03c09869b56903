using SocialCrm.Stages.Workplace;
using SocialCrm.Web.Workplace;

namespace SocialCrm.Web.Api;

public static class AuditEndpoints
{
    public static void MapAuditEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", async (string? from, string? to, string? actor, string? action, int? take, AuditLog audit, CancellationToken ct) =>
        {
            var range = DateRange.Parse(from, to);
            if (range.Problem is not null) return Results.ValidationProblem(range.Problem);
            return Results.Ok(await audit.ListAsync(new AuditLog.Query(range.FromUtc, range.ToUtc, actor, action, take ?? 200), ct));
        })
        .RequireAuthorization(Policies.Admins)
        .WithTags("Users").WithSummary("The audit trail, newest first: who did what and when (from/to as yyyy-MM-dd, actor, action prefix such as 'case.')");
    }
}
