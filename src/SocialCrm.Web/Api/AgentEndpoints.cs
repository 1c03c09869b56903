using SocialCrm.Stages.Assignment;
using SocialCrm.Web.Workplace;

namespace SocialCrm.Web.Api;

public static class AgentEndpoints
{
    public sealed record AgentWork(int? Capacity, string[]? Queues);

    public static void MapAgentEndpoints(this RouteGroupBuilder api)
    {
        var agents = api.MapGroup("/agents").WithTags("Assignment").RequireAuthorization(Policies.Casework);

        agents.MapGet("/", (AgentProfileStore store, CancellationToken ct) => store.ListAsync(ct))
            .WithSummary("Every active agent: availability, capacity (open cases at once), the queues they work (none: all) and the open cases they hold");

        agents.MapPut("/{userName}", async (string userName, HttpRequest request, HttpContext http, AgentProfileStore store, SocialCrm.Persistence.CrmDbContext db, CancellationToken ct) =>
        {
            var body = await JsonBody.ReadAsync<AgentWork>(request, ct);
            if (!await ActiveAgents.IsAsync(db, userName, ct))
                return Results.Problem($"no agent named '{userName}'", statusCode: StatusCodes.Status404NotFound);
            var current = await store.GetAsync(userName, ct);
            var capacity = body.Capacity ?? current.Capacity;
            var queues = body.Queues ?? [.. current.Queues];
            if (AgentProfileStore.Refusal(capacity, queues) is { } problem)
                return Results.ValidationProblem(new Dictionary<string, string[]> { [problem.StartsWith("capacity") ? "capacity" : "queues"] = [problem] });
            return Results.Ok(await store.SetWorkAsync(userName, capacity, queues, http.User.Identity!.Name!, ct));
        })
        .RequireAuthorization(Policies.Admins)
        .WithSummary("Set an agent's capacity and queues: {\"capacity\": 5, \"queues\": [\"vip\", \"complaints\"]} (an empty list: every queue). Audited")
        .Accepts<AgentWork>("application/json");
    }
}
