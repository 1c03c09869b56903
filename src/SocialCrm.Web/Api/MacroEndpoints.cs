using SocialCrm.Persistence.Workplace;
using SocialCrm.Stages.Act.Macros;
using SocialCrm.Web.Workplace;

namespace SocialCrm.Web.Api;

public static class MacroEndpoints
{
    public sealed record TagsInput(string[]? Tags);

    public static void MapMacroEndpoints(this RouteGroupBuilder api)
    {
        var macros = api.MapGroup("/macros").WithTags("Macros").RequireAuthorization(Policies.Casework);

        macros.MapGet("/", (bool? retired, MacroStore store, CancellationToken ct) => store.ListAsync(retired ?? false, ct))
            .WithSummary("The macros agents can apply (?retired=true: the retired ones too), each with what it does");

        macros.MapPost("/", async (HttpRequest request, HttpContext http, MacroStore store, CancellationToken ct) =>
                Saved(await store.SaveAsync(null, await JsonBody.ReadAsync<MacroInput>(request, ct), http.User.Identity!.Name!, ct), created: true))
            .RequireAuthorization(Policies.Admins)
            .WithSummary("Define a macro: {\"name\", \"templateKey\", \"tags\": [...], \"priority\": 1-4, \"transferQueue\", \"transferAgent\"} (at least one action). Audited")
            .Accepts<MacroInput>("application/json");

        macros.MapPut("/{id:guid}", async (Guid id, HttpRequest request, HttpContext http, MacroStore store, CancellationToken ct) =>
                Saved(await store.SaveAsync(id, await JsonBody.ReadAsync<MacroInput>(request, ct), http.User.Identity!.Name!, ct), created: false))
            .RequireAuthorization(Policies.Admins)
            .WithSummary("Change a macro (the whole of it, as for POST); a retired one comes back in use. Audited")
            .Accepts<MacroInput>("application/json");

        macros.MapDelete("/{id:guid}", async (Guid id, HttpContext http, MacroStore store, CancellationToken ct) =>
                await store.RetireAsync(id, http.User.Identity!.Name!, ct) ? Results.NoContent() : Results.Problem($"there is no macro {id}", statusCode: StatusCodes.Status404NotFound))
            .RequireAuthorization(Policies.Admins)
            .WithSummary("Retire a macro: no longer offered; the cases it was applied to keep it on their timelines");

        var cases = api.MapGroup("/cases").WithTags("Act").RequireAuthorization(Policies.Casework);

        cases.MapPost("/{id:guid}/macros/{macroId:guid}", async (Guid id, Guid macroId, HttpContext http, ApplyMacroHandler handler, CancellationToken ct) =>
        {
            var result = await handler.ApplyAsync(id, macroId, http.User.Identity!.Name!, http.User.IsInRole(Roles.Admin), ct);
            return result.Status switch
            {
                ApplyStatus.Applied => Results.Ok(new { caseId = id, draft = result.Draft, replyKind = result.ReplyKind, tags = result.Tags, priority = result.Priority, holder = result.Holder, queue = result.Queue }),
                ApplyStatus.MacroNotFound or ApplyStatus.CaseNotFound => Results.Problem(result.Problem, statusCode: StatusCodes.Status404NotFound),
                ApplyStatus.NotAllowed => Results.Problem(result.Problem, statusCode: StatusCodes.Status403Forbidden),
                _ => Results.Problem(result.Problem, statusCode: StatusCodes.Status409Conflict),
            };
        })
        .WithSummary("Apply a macro to an open case you hold (admins: any): its tags, priority (the SLA follows) and transfer are applied; answers the reply drafted from its template, to read and send with /actions");

        cases.MapPut("/{id:guid}/tags", async (Guid id, HttpRequest request, HttpContext http, CaseTagging tagging, CancellationToken ct) =>
        {
            var result = await tagging.SetAsync(id, (await JsonBody.ReadAsync<TagsInput>(request, ct)).Tags ?? [], http.User.Identity!.Name!, ct);
            return result.Status switch
            {
                TagStatus.Done => Results.Ok(new { caseId = id, tags = result.Tags }),
                TagStatus.CaseNotFound => Results.Problem(result.Problem, statusCode: StatusCodes.Status404NotFound),
                _ => Results.ValidationProblem(new Dictionary<string, string[]> { ["tags"] = [result.Problem!] }),
            };
        })
        .WithSummary("Set a case's tags: {\"tags\": [\"refund\", \"legal\"]} (1 to 32 letters a-z, digits or dashes, at most 10); workflows read them as case.tags, the report filters by them")
        .Accepts<TagsInput>("application/json");
    }

    private static IResult Saved(MacroSaveResult result, bool created) => result.Status switch
    {
        MacroSaveStatus.Saved => created ? Results.Created($"/api/macros/{result.Macro!.Id}", result.Macro) : Results.Ok(result.Macro),
        MacroSaveStatus.NotFound => Results.Problem("there is no such macro", statusCode: StatusCodes.Status404NotFound),
        MacroSaveStatus.NameTaken => Results.Problem(result.Problems!["name"][0], statusCode: StatusCodes.Status409Conflict),
        _ => Results.ValidationProblem(result.Problems!.ToDictionary(p => p.Key, p => p.Value), title: "The macro was not saved."),
    };
}
