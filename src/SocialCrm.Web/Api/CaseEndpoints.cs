using Microsoft.EntityFrameworkCore;
using SocialCrm.Persistence;
using SocialCrm.Stages.Act.Claim;
using SocialCrm.Stages.Act.RecordAction;
using SocialCrm.Web.Workplace;
using SocialCrm.Stages.Workflows;

namespace SocialCrm.Web.Api;

public static class CaseEndpoints
{
    public static void MapCaseEndpoints(this RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/cases").WithTags("Act").RequireAuthorization(Policies.Staff);

        cases.MapGet("/", async (string? status, string? queue, int? take, CrmDbContext db, CancellationToken ct) =>
        {
            var query = db.Cases.AsNoTracking();
            if (status is not null) query = query.Where(c => c.Status == status);
            if (queue is not null) query = query.Where(c => c.Queue == queue);
            var rows = await query.OrderBy(c => c.Priority).ThenBy(c => c.SlaDueAt).Take(Math.Clamp(take ?? 50, 1, 500))
                .Join(db.CaseBriefs, c => c.Id, b => b.CaseId, (c, b) => new
                {
                    c.Id, c.Status, c.Decision, c.Queue, c.Priority, c.SlaDueAt, c.CreatedAt, b.Summary, b.Sentiment, b.SentimentScore, b.Intent,
                    b.ValueScore, b.RecommendedReplyKind, b.ReplyGain, b.DraftReply, b.ReasonsJson, b.Models,
                })
                .ToListAsync(ct);
            return Results.Ok(rows);
        })
        .WithSummary("The agents' inbox: cases with their briefs, most urgent first");

        cases.MapGet("/{id:guid}", async (Guid id, CrmDbContext db, CancellationToken ct) =>
        {
            var @case = await db.Cases.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
            if (@case is null) return Results.Problem($"no case {id}", statusCode: StatusCodes.Status404NotFound);
            var brief = await db.CaseBriefs.AsNoTracking().SingleOrDefaultAsync(b => b.CaseId == id, ct);
            var signal = await db.Signals.AsNoTracking().SingleAsync(s => s.Id == @case.SignalId, ct);
            var customer = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == @case.CustomerId, ct);
            var history = await db.Interactions.AsNoTracking().Where(i => i.CustomerId == @case.CustomerId)
                .OrderByDescending(i => i.OccurredAt).Take(50).ToListAsync(ct);
            var sent = await db.OutgoingMessages.AsNoTracking().Where(m => m.CaseId == id).ToListAsync(ct);
            var metrics = await db.CaseMetrics.AsNoTracking().SingleOrDefaultAsync(m => m.CaseId == id, ct);
            var runs = await db.WorkflowInstances.AsNoTracking().Where(i => i.CorrelationId == id.ToString() || i.CorrelationId == @case.SignalId.ToString())
                .Join(db.WorkflowJournal, i => i.Id, j => j.InstanceId, (i, j) => new { i.DefinitionId, i.Version, Run = j })
                .ToListAsync(ct);
            var journal = runs.SelectMany(r => WorkflowHost.EntriesOf(r.Run).Select(e => new { r.DefinitionId, r.Version, r.Run.Sequence, e.ActivityId, e.ActivityType, e.Outcome, e.Detail, e.At }));
            return Results.Ok(new
            {
                @case, brief, signal, customer, history, sent, metrics,
                journal = journal.OrderBy(j => Array.IndexOf(["listen", "analyse", "act", "measure"], j.DefinitionId)).ThenBy(j => j.Sequence).ThenBy(j => j.At),
            });
        })
        .WithSummary("One case: brief, signal, customer history, what was sent, metrics and the workflow journal");

        cases.MapPost("/{id:guid}/claim", async (Guid id, HttpContext http, ClaimCaseHandler claims, CancellationToken ct) =>
            ClaimAnswer(id, await claims.ClaimAsync(id, http.User.Identity!.Name!, ct)))
        .RequireAuthorization(Policies.Agents)
        .WithSummary("Claim a case: the agent who holds it is the only one who can act on it; 409 names the holder when someone else has it");

        cases.MapPost("/{id:guid}/release", async (Guid id, HttpContext http, ClaimCaseHandler claims, CancellationToken ct) =>
            ClaimAnswer(id, await claims.ReleaseAsync(id, http.User.Identity!.Name!, ct)))
        .RequireAuthorization(Policies.Agents)
        .WithSummary("Give a claimed case back to the inbox");

        cases.MapPost("/{id:guid}/actions", async (Guid id, HttpRequest request, HttpContext http, RecordAgentActionHandler handler, CancellationToken ct) =>
        {
            // The agent is whoever is signed in, whatever the body says.
            var input = await JsonBody.ReadAsync<AgentActionInput>(request, ct) with { Agent = http.User.Identity!.Name };
            var result = await handler.HandleAsync(id, input, ct);
            return result.Status switch
            {
                RecordActionStatus.Accepted => Results.Accepted($"/api/cases/{id}", new { actionId = result.ActionId }),
                RecordActionStatus.CaseNotFound => Results.Problem(result.Problem, statusCode: StatusCodes.Status404NotFound),
                _ => Results.Problem(result.Problem, statusCode: StatusCodes.Status409Conflict),
            };
        })
        .RequireAuthorization(Policies.Agents)
        .WithSummary("Record the signed-in agent's action on a case: reply (personalised or standard; without text, the draft of that kind) or ignore (with a reason), optionally ask to connect")
        .Accepts<AgentActionInput>("application/json")
        .Produces(StatusCodes.Status202Accepted).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static IResult ClaimAnswer(Guid id, ClaimResult result) => result.Status switch
    {
        ClaimStatus.Claimed => Results.Ok(new { caseId = id, holder = result.Holder }),
        ClaimStatus.Released => Results.Ok(new { caseId = id, holder = (string?)null }),
        ClaimStatus.CaseNotFound => Results.Problem(result.Problem, statusCode: StatusCodes.Status404NotFound),
        _ => Results.Problem(result.Problem, statusCode: StatusCodes.Status409Conflict),
    };
}
