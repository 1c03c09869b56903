using SocialCrm.Domain.Templates;
using SocialCrm.Stages.Templates;
using SocialCrm.Web.Workplace;

namespace SocialCrm.Web.Api;

public static class TemplateEndpoints
{
    public static void MapTemplateEndpoints(this RouteGroupBuilder api)
    {
        var templates = api.MapGroup("/templates").WithTags("Reply templates").RequireAuthorization(Policies.Admins);

        templates.MapGet("/", async (ReplyTemplateStore store, CancellationToken ct) => (await store.ListAsync(ct)).Select(TemplateView.Of))
            .WithSummary("Every reply template, those in use first, with the placeholders it uses");

        templates.MapGet("/placeholders", () => TemplatePlaceholders.All.Select(p => new { name = p, placeholder = $"{{{p}}}", means = TemplatePlaceholders.Describe(p) }))
            .WithSummary("The placeholders a template may use, and what each is filled in with");

        templates.MapGet("/{key}", async (string key, ReplyTemplateStore store, CancellationToken ct) => TemplateView.Of(await store.GetAsync(key, ct)))
            .WithSummary("One reply template");

        templates.MapGet("/{key}/versions", async (string key, ReplyTemplateStore store, CancellationToken ct) => await store.VersionsAsync(key, ct))
            .WithSummary("Every version of a template, newest first, with who saved it, when and why");

        templates.MapPost("/", async (ReplyTemplateInput body, HttpContext http, ReplyTemplateStore store, CancellationToken ct) =>
        {
            var created = await store.CreateAsync(body, http.User.Identity!.Name!, ct);
            return Results.Created($"/api/templates/{created.Key}", TemplateView.Of(created));
        })
        .WithSummary("Create a template: {\"intent\", \"language\" (en or fi), \"kind\" (standard or personalised), \"text\", optional \"key\" and \"comment\"}; its placeholders are checked");

        templates.MapPut("/{key}", async (string key, ReplyTemplateInput body, HttpContext http, ReplyTemplateStore store, CancellationToken ct) =>
                TemplateView.Of(await store.UpdateAsync(key, body, http.User.Identity!.Name!, ct)))
            .WithSummary("Save an edit as the template's next version; send the \"version\" you edited to be refused (409) if someone saved since");

        templates.MapPost("/{key}/retire", async (string key, WorkflowComment? body, HttpContext http, ReplyTemplateStore store, CancellationToken ct) =>
                TemplateView.Of(await store.RetireAsync(key, http.User.Identity!.Name!, body?.Comment, ct)))
            .WithSummary("Stop the analyse stage and the console using a template (kept, with its versions)");

        templates.MapPost("/{key}/restore", async (string key, WorkflowComment? body, HttpContext http, ReplyTemplateStore store, CancellationToken ct) =>
                TemplateView.Of(await store.RestoreAsync(key, http.User.Identity!.Name!, body?.Comment, ct)))
            .WithSummary("Put a retired template back in use");

        templates.MapGet("/preview-cases", async (string? language, TemplatePreviews previews, CancellationToken ct) => await previews.CasesAsync(language, 20, ct))
            .WithSummary("The latest 20 cases (in a language: ?language=fi) to preview a template against");

        templates.MapPost("/preview", async (PreviewRequest body, TemplatePreviews previews, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(body.Text)) throw new ArgumentException("text: write the template to preview");
            if (body.Language is not ("en" or "fi")) throw new ArgumentException($"language: '{body.Language}' is not a language templates are written in (en, fi)");
            return await previews.PreviewAsync(body.Text, body.Language, body.Kind ?? TemplateKinds.Standard, body.CaseId, ct);
        })
        .WithSummary("Fill a template's text (saved or not) in for a real case: {\"text\", \"language\", \"kind\", optional \"caseId\" (default: the latest case in that language)}");
    }
}

public sealed record PreviewRequest(string? Text, string? Language, string? Kind, Guid? CaseId);

/// <summary>A reply template as the API shows it.</summary>
public sealed record TemplateView(string Key, string Intent, string Language, string Kind, string Text, int Version, bool Retired, DateTime? RetiredAt,
    DateTime UpdatedAt, string UpdatedBy, IReadOnlyList<string> Placeholders)
{
    public static TemplateView Of(ReplyTemplate t) => new(t.Key, t.Intent, t.Language, t.Kind, t.Text, t.Version, t.Retired, t.RetiredAt, t.UpdatedAt, t.UpdatedBy, TemplatePlaceholders.Used(t.Text));
}
