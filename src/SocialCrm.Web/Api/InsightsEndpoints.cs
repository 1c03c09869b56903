using SocialCrm.Persistence.Workplace;
using SocialCrm.Stages.Insights;
using SocialCrm.Web.Workplace;

namespace SocialCrm.Web.Api;

public static class InsightsEndpoints
{
    public static void MapInsightsEndpoints(this RouteGroupBuilder api)
    {
        var insights = api.MapGroup("/insights").WithTags("Insights").RequireAuthorization(Policies.Insights);
        const string filters = "from and to (yyyy-MM-dd, UTC days, inclusive; default the last 30 days), platform, language, queue";

        insights.MapGet("/topics", async (HttpRequest request, HttpContext http, InsightsQuery query, CancellationToken ct) =>
            Parse(request.Query, out var filter) is { } problem ? problem
                : Results.Ok(await query.ReportAsync(filter with { IncludeHidden = filter.IncludeHidden && http.User.IsInRole(Roles.Admin) }, ct)))
        .WithSummary("What customers talk about: the topics of the posts in the range with their volume, negative share, intents, value tiers, products and order terms, the change against the previous range of the same length, and volume per topic per day")
        .WithDescription($"Filters: {filters}; includeHidden=true also lists the topics an admin hid (for admins).");

        insights.MapGet("/topics/{id:guid}/cases", async (Guid id, HttpRequest request, InsightsQuery query, CancellationToken ct) =>
        {
            if (Parse(request.Query, out var filter) is { } problem) return problem;
            return await query.CasesAsync(id, filter, ct) is { } cases ? Results.Ok(cases) : Results.Problem($"there is no topic {id}", statusCode: StatusCodes.Status404NotFound);
        })
        .WithSummary("A topic's posts in the range (and those of the topics merged into it), newest first, with their cases: the drill-down")
        .WithDescription($"Filters: {filters}.");

        insights.MapPut("/topics/{id:guid}", async (Guid id, HttpRequest request, HttpContext http, TopicCommands commands, CancellationToken ct) =>
        {
            var change = await JsonBody.ReadAsync<TopicChange>(request, ct);
            return await commands.ChangeAsync(id, change, http.User.Identity!.Name!, ct) switch
            {
                null => Results.Problem($"there is no topic {id}", statusCode: StatusCodes.Status404NotFound),
                { Count: > 0 } problems => Results.ValidationProblem(problems, title: "The topic was not changed."),
                _ => Results.NoContent(),
            };
        })
        .RequireAuthorization(Policies.Admins)
        .WithSummary("Name, hide or show, merge into another topic or unmerge (admins; audited): {\"name\": \"Blender leaks\", \"hidden\": false, \"mergeInto\": \"<topic id>\", \"unmerge\": false}. What an admin decides survives the next recomputation");

        insights.MapPost("/recompute", async (HttpContext http, TopicCommands commands, CancellationToken ct) =>
            Results.Ok(await commands.RecomputeAsync(http.User.Identity!.Name!, ct)))
        .RequireAuthorization(Policies.Admins)
        .WithSummary("Recompute the topics now (they are recomputed every Insights:RecomputeMinutes anyway) and check for spikes (admins; audited)");

        insights.MapGet("/webhook", async (TopicCommands commands, CancellationToken ct) =>
        {
            var (url, by, at, canSign) = await commands.WebhookAsync(ct);
            return Results.Ok(new { url, setBy = by, setAt = at, canSign });
        })
        .RequireAuthorization(Policies.Admins)
        .WithSummary("Where spike alerts are also sent, and whether deliveries can be signed (SocialCrm:Insights:AlertWebhookSecret is set)");

        insights.MapPut("/webhook", async (HttpRequest request, HttpContext http, TopicCommands commands, CancellationToken ct) =>
        {
            var body = await JsonBody.ReadAsync<WebhookInput>(request, ct);
            var problems = await commands.SetWebhookAsync(body.Url, http.User.Identity!.Name!, ct);
            return problems.Count == 0 ? Results.NoContent() : Results.ValidationProblem(problems, title: "The alert webhook was not set.");
        })
        .RequireAuthorization(Policies.Admins)
        .WithSummary("Send spike alerts to this URL too ({\"url\": \"https://…\"}; an empty url removes it; admins; audited): each alert raised from now on is POSTed as JSON, signed with X-SocialCrm-Timestamp and X-SocialCrm-Signature: sha256=HMAC-SHA256(secret, timestamp + \".\" + body), retried with doubling waits, six tries");

        insights.MapGet("/alerts", async (HttpRequest request, InsightsQuery query, CancellationToken ct) =>
        {
            var open = request.Query["open"].ToString();
            if (open is not ("" or "true" or "false")) return Results.ValidationProblem(new Dictionary<string, string[]> { ["open"] = [$"'{open}' is not true or false"] });
            return Results.Ok(await query.AlertsAsync(open == "true", ct));
        })
        .WithSummary("Spike alerts, newest first: a topic's volume or negative share well above its own last 24 hours; open=true for those nobody acknowledged yet");

        insights.MapGet("/alerts/{id:guid}/cases", async (Guid id, InsightsQuery query, CancellationToken ct) =>
        {
            var alert = await query.AlertAsync(id, ct);
            if (alert is null) return Results.Problem($"there is no alert {id}", statusCode: StatusCodes.Status404NotFound);
            return Results.Ok(await query.AlertCasesAsync(alert, ct));
        })
        .WithSummary("The posts behind an alert: its topic's posts since the start of the window the spike was seen in");

        insights.MapPost("/alerts/{id:guid}/acknowledge", async (Guid id, HttpContext http, TopicCommands commands, CancellationToken ct) =>
            await commands.AcknowledgeAsync(id, http.User.Identity!.Name!, ct) ? Results.NoContent() : Results.Problem($"there is no alert {id}", statusCode: StatusCodes.Status404NotFound))
        .WithSummary("Acknowledge an alert: a person has seen it (audited; acknowledging again keeps the first)");
    }

    private sealed record WebhookInput(string? Url);

    private static IResult? Parse(IQueryCollection query, out InsightsFilter filter)
    {
        var range = DateRange.Parse(query["from"], query["to"]);
        var problems = range.Problem ?? [];
        string? One(string name) => string.IsNullOrWhiteSpace(query[name]) ? null : query[name].ToString().Trim();
        var hidden = query["includeHidden"].ToString();
        if (hidden is not ("" or "true" or "false")) problems["includeHidden"] = [$"'{hidden}' is not true or false"];
        if (range.From is { } from && range.To is null && from > DateOnly.FromDateTime(DateTime.UtcNow))
            problems["from"] = [$"'{query["from"]}' is in the future: choose a day up to today, or give to as well"];
        filter = new InsightsFilter { From = range.From, To = range.To, Platform = One("platform"), Language = One("language"), Queue = One("queue"), IncludeHidden = hidden == "true" };
        return problems.Count == 0 ? null : Results.ValidationProblem(problems, title: "The insights filters are invalid.");
    }
}
