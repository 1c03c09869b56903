using System.Text.Json.Nodes;
using SocialCrm.Stages.Settings;
using SocialCrm.Web.Workplace;

namespace SocialCrm.Web.Api;

public static class SettingsEndpoints
{
    public static void MapSettingsEndpoints(this RouteGroupBuilder api)
    {
        var settings = api.MapGroup("/settings").WithTags("Settings").RequireAuthorization(Policies.Admins);

        settings.MapGet("/", async (SettingsStore store, CancellationToken ct) => SettingsView.Of(await store.CurrentAsync(ct)))
            .WithSummary("The live settings (thresholds, SLA minutes, daily budget of personalised replies), with each one's range and meaning");

        settings.MapGet("/versions", async (SettingsStore store, CancellationToken ct) => (await store.VersionsAsync(ct)).Select(SettingsView.Of))
            .WithSummary("Every version of the settings, newest (live) first, with who saved it, when and why");

        settings.MapPut("/", async (JsonObject body, HttpContext http, SettingsStore store, CancellationToken ct) =>
        {
            var comment = body["comment"] is JsonValue c && c.TryGetValue<string>(out var text) ? text : null;
            int? edited = body["version"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : null;
            var (saved, changed) = await store.ChangeAsync(body, http.User.Identity!.Name!, comment, edited, ct);
            return Results.Ok(SettingsView.Of(saved) with { Changed = changed });
        })
        .WithSummary("Change some settings: {\"vipValue\": 0.6, \"comment\": \"why\"}; the others keep their values. Live at once, as a new version. Add \"version\" (the one you edited) to be refused with 409 if someone saved since");

        settings.MapPost("/versions/{version:int}/restore", async (int version, WorkflowComment? body, HttpContext http, SettingsStore store, CancellationToken ct) =>
                SettingsView.Of(await store.RestoreAsync(version, http.User.Identity!.Name!, body?.Comment, ct)))
            .WithSummary("Make an old version's values live again (saved as a new version). Optional body: {\"comment\"}");
    }
}

/// <summary>A settings version as the API shows it: values by name, and each setting's label, range and unit.</summary>
public sealed record SettingsView(int Version, JsonObject Values, DateTime SavedAt, string SavedBy, string? Comment, IReadOnlyList<SettingField> Fields, bool? Changed = null)
{
    public static SettingsView Of(SettingsVersion v) => new(v.Version, v.Values.ToJson(), v.CreatedAt, v.CreatedBy, v.Comment, CrmSettings.Fields);
}
