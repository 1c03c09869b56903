using SocialCrm.Domain.Workplace;
using SocialCrm.Persistence.Workplace;
using SocialCrm.Stages.Assignment;
using SocialCrm.Stages.Notifications;
using SocialCrm.Web.Workplace;

namespace SocialCrm.Web.Api;

public static class MeEndpoints
{
    public sealed record AvailabilityChange(string? Status);

    public static void MapMeEndpoints(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/me").WithTags("Me").RequireAuthorization(Policies.Staff);

        me.MapGet("/", async (HttpContext http, AgentProfileStore agents, NotificationCenter notifications, CancellationToken ct) =>
        {
            var name = http.User.Identity!.Name!;
            var roles = Roles.All.Where(http.User.IsInRole).ToArray();
            return Results.Ok(new
            {
                userName = name, roles,
                agent = roles.Contains(Roles.Agent) ? await agents.GetAsync(name, ct) : null,
                unreadNotifications = await notifications.UnreadCountAsync(name, ct),
            });
        })
        .WithSummary("Who is signed in: roles, and for an agent their availability, capacity, queues and open cases; unread notifications");

        me.MapPut("/availability", async (HttpRequest request, HttpContext http, AgentProfileStore agents, CancellationToken ct) =>
        {
            var body = await JsonBody.ReadAsync<AvailabilityChange>(request, ct);
            if (body.Status is not { } status || !Availability.All.Contains(status))
                return Results.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["status"] = [body.Status is null ? $"give a status: {string.Join(", ", Availability.All)}" : $"'{body.Status}' is not a status ({string.Join(", ", Availability.All)})"],
                });
            return Results.Ok(await agents.SetAvailabilityAsync(http.User.Identity!.Name!, status, ct));
        })
        .RequireAuthorization(Policies.Agents)
        .WithSummary("Set yourself available (new cases of your queues are assigned to you, up to your capacity), away or offline: {\"status\": \"available\"}")
        .Accepts<AvailabilityChange>("application/json");
    }
}
