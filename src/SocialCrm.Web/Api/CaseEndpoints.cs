using SocialCrm.Domain.Cases;
using SocialCrm.Domain.Customers;
using SocialCrm.Stages.Customers;
using SocialCrm.Stages.Act.CaseView;
using SocialCrm.Stages.Act.Drafting;
using SocialCrm.Stages.Act.Inbox;
using SocialCrm.Stages.Act.Claim;
using SocialCrm.Stages.Act.RecordAction;
using SocialCrm.Stages.Act.Notes;
using SocialCrm.Stages.Act.Merge;
using SocialCrm.Stages.Assignment;
using SocialCrm.Web.Workplace;

namespace SocialCrm.Web.Api;

public static class CaseEndpoints
{
    public static void MapCaseEndpoints(this RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/cases").WithTags("Act").RequireAuthorization(Policies.Staff);

        cases.MapGet("/", (string? status, string? queue, int? priority, string? platform, string? language, string? sla, string? holder, int? take,
            HttpContext http, InboxQuery inbox, CancellationToken ct) =>
        {
            if (sla is not null && sla is not (SlaStates.Ok or SlaStates.Soon or SlaStates.Late))
                return Task.FromResult(Results.ValidationProblem(new Dictionary<string, string[]> { ["sla"] = [$"'{sla}' is not an SLA state (ok, soon or late)"] }));
            if (holder is not null && holder is not ("mine" or "unassigned"))
                return Task.FromResult(Results.ValidationProblem(new Dictionary<string, string[]> { ["holder"] = [$"'{holder}' is not a holder filter (mine or unassigned)"] }));
            return ListAsync();

            async Task<IResult> ListAsync() => Results.Ok(await inbox.ListAsync(new InboxFilter
            {
                Status = status ?? CaseStatus.AwaitingAgent, Queue = queue, Priority = priority, Platform = platform, Language = language, Sla = sla,
                Holder = holder, Me = http.User.Identity!.Name, Take = take ?? 200,
            }, ct));
        })
        .WithSummary("The agents' inbox, earliest SLA due first: filter by status (default awaiting_agent), queue, priority, platform, language, sla (ok, soon, late) and holder (mine, unassigned)");

        cases.MapGet("/{id:guid}", async (Guid id, CaseViewQuery view, CancellationToken ct) =>
            await view.GetAsync(id, ct) is { } found ? Results.Ok(found) : Results.Problem($"no case {id}", statusCode: StatusCodes.Status404NotFound))
        .WithSummary("One case: the post and its thread, the customer card, the brief with its reasons, what was sent, the outcome and the workflow journal");

        cases.MapGet("/{id:guid}/templates", async (Guid id, ReplyDrafter drafter, CancellationToken ct) => Results.Ok(await drafter.TemplatesAsync(id, ct)))
        .RequireAuthorization(Policies.Agents)
        .WithSummary("Every reply template filled in with this case's customer, standard and personalised, the case's language first");

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

        cases.MapPost("/{id:guid}/notes", async (Guid id, HttpRequest request, HttpContext http, AddCaseNoteHandler notes, CancellationToken ct) =>
        {
            var result = await notes.AddAsync(id, await JsonBody.ReadAsync<CaseNoteInput>(request, ct), http.User.Identity!.Name!, ct);
            return result.Status switch
            {
                NoteStatus.Added => Results.Created($"/api/cases/{id}", new { noteId = result.NoteId, mentioned = result.Mentioned, unknownMentions = result.Unknown }),
                NoteStatus.CaseNotFound => Results.Problem(result.Problem, statusCode: StatusCodes.Status404NotFound),
                _ => Results.ValidationProblem(new Dictionary<string, string[]> { ["text"] = [result.Problem!] }),
            };
        })
        .RequireAuthorization(Policies.Casework)
        .WithSummary("An internal note on the case, for the team only (never sent): {\"text\": \"...\"}; each @name of a user notifies them. Answers whom it mentioned, and the @names that are no user")
        .Accepts<CaseNoteInput>("application/json");

        cases.MapPost("/{id:guid}/transfer", async (Guid id, HttpRequest request, HttpContext http, TransferCaseHandler transfers, CancellationToken ct) =>
        {
            var result = await transfers.TransferAsync(id, await JsonBody.ReadAsync<TransferInput>(request, ct), http.User.Identity!.Name!, http.User.IsInRole(SocialCrm.Persistence.Workplace.Roles.Admin), ct);
            return result.Status switch
            {
                TransferStatus.Done => Results.Ok(new { caseId = id, holder = result.Agent, queue = result.Queue }),
                TransferStatus.CaseNotFound => Results.Problem(result.Problem, statusCode: StatusCodes.Status404NotFound),
                TransferStatus.NotAllowed => Results.Problem(result.Problem, statusCode: StatusCodes.Status403Forbidden),
                TransferStatus.NotOpen => Results.Problem(result.Problem, statusCode: StatusCodes.Status409Conflict),
                _ => Results.ValidationProblem(new Dictionary<string, string[]> { ["transfer"] = [result.Problem!] }),
            };
        })
        .RequireAuthorization(Policies.Casework)
        .WithSummary("Hand an open case to another agent, another queue, or both, with a note: {\"agent\": \"name\", \"queue\": \"vip\", \"note\": \"why\"}. The holder or an admin; to a queue alone, it waits there unassigned")
        .Accepts<TransferInput>("application/json");

        cases.MapPost("/{id:guid}/merge", async (Guid id, HttpRequest request, HttpContext http, MergeCasesHandler merges, CancellationToken ct) =>
        {
            var result = await merges.MergeAsync(id, await JsonBody.ReadAsync<MergeCasesInput>(request, ct), http.User.Identity!.Name!, ct);
            return result.Status switch
            {
                MergeStatus.Merged => Results.Ok(new { caseId = id, mergedInto = result.Into }),
                MergeStatus.NotFound => Results.Problem(result.Problem, statusCode: StatusCodes.Status404NotFound),
                MergeStatus.NotAllowed => Results.Problem(result.Problem, statusCode: StatusCodes.Status403Forbidden),
                MergeStatus.Conflict => Results.Problem(result.Problem, statusCode: StatusCodes.Status409Conflict),
                _ => Results.ValidationProblem(new Dictionary<string, string[]> { ["merge"] = [result.Problem!] }),
            };
        })
        .RequireAuthorization(Policies.Agents)
        .WithSummary("Merge this open case into another case of the same customer about the same matter: {\"into\": \"<case id>\", \"reason\": \"...\"}; this one closes pointing to the other, both timelines say who and why")
        .Accepts<MergeCasesInput>("application/json");

        cases.MapPost("/{id:guid}/identity-claims/{claimId:guid}/confirm", (Guid id, Guid claimId, HttpContext http, IdentityClaims claims, CancellationToken ct) =>
            DecideClaimAsync(id, claimId, confirm: true, http, claims, ct))
        .RequireAuthorization(Policies.Agents)
        .WithSummary("Confirm what a direct message said about its author (\"my order #55123\"): the author becomes that back-office customer; audited");

        cases.MapPost("/{id:guid}/identity-claims/{claimId:guid}/reject", (Guid id, Guid claimId, HttpContext http, IdentityClaims claims, CancellationToken ct) =>
            DecideClaimAsync(id, claimId, confirm: false, http, claims, ct))
        .RequireAuthorization(Policies.Agents)
        .WithSummary("Reject what a direct message said about its author: they stay their own customer; audited");
    }

    private static async Task<IResult> DecideClaimAsync(Guid id, Guid claimId, bool confirm, HttpContext http, IdentityClaims claims, CancellationToken ct)
    {
        var result = await claims.DecideAsync(id, claimId, confirm, http.User.Identity!.Name!, ct);
        return result.Status switch
        {
            ClaimDecision.Done => Results.Ok(new { claimId, state = confirm ? IdentityClaimStates.Confirmed : IdentityClaimStates.Rejected }),
            ClaimDecision.NotFound => Results.Problem(result.Problem, statusCode: StatusCodes.Status404NotFound),
            _ => Results.Problem(result.Problem, statusCode: StatusCodes.Status409Conflict),
        };
    }

    private static IResult ClaimAnswer(Guid id, ClaimResult result) => result.Status switch
    {
        ClaimStatus.Claimed => Results.Ok(new { caseId = id, holder = result.Holder }),
        ClaimStatus.Released => Results.Ok(new { caseId = id, holder = (string?)null }),
        ClaimStatus.CaseNotFound => Results.Problem(result.Problem, statusCode: StatusCodes.Status404NotFound),
        _ => Results.Problem(result.Problem, statusCode: StatusCodes.Status409Conflict),
    };
}
