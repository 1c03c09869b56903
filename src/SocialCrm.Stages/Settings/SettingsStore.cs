using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using SocialCrm.Domain.Audit;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Settings;
using SocialCrm.Stages.Workflows;
using SocialCrm.Stages.Workplace;
using SocialCrm.Workflows.Validation;

namespace SocialCrm.Stages.Settings;

/// <summary>
/// The versioned settings: the newest version is live, a change is a new version (audited with who, when, what
/// moved and why), and restoring an old version saves its values again as the newest. Nothing needs a restart.
/// </summary>
public sealed class SettingsStore(CrmDbContext db, LiveSettings live, WorkflowSettings host, AuditLog audit, TimeProvider clock, IValidator<CrmSettings> validator)
{
    public async Task<SettingsVersion> CurrentAsync(CancellationToken ct)
    {
        if (live.Fresh() is { } fresh) return fresh;
        var current = await LatestAsync(ct);
        live.Hold(current);
        return current;
    }

    /// <summary>The variable "settings" a workflow run sees: these settings, the host's own (autoAgent, outcomeWindowSeconds) and the version.</summary>
    public async Task<JsonObject> VariablesAsync(CancellationToken ct)
    {
        var current = await CurrentAsync(ct);
        var json = host.ToJson();
        foreach (var (name, value) in current.Values.ToJson()) json[name] = value?.DeepClone();
        json["version"] = current.Version;
        return json;
    }

    /// <summary>Every name a workflow may read as settings.*.</summary>
    public static IReadOnlyList<string> Names => [.. new WorkflowSettings().ToJson().Select(s => s.Key), .. CrmSettings.Fields.Select(f => f.Name), "queues", "version"];

    public async Task<List<SettingsVersion>> VersionsAsync(CancellationToken ct) =>
        [.. (await db.SettingsVersions.AsNoTracking().OrderByDescending(v => v.Version).ToListAsync(ct)).Select(Of)];

    /// <summary>The first version, from the host's configuration, when the store has none.</summary>
    public async Task SeedAsync(CrmSettings initial, CancellationToken ct)
    {
        if (await db.SettingsVersions.AnyAsync(ct)) return;
        var errors = (await validator.ValidateAsync(initial, ct)).Errors;
        if (errors.Count > 0)
            throw new InvalidOperationException($"SocialCrm:Settings in the configuration is invalid: {string.Join("; ", errors.Select(e => $"{e.PropertyName} {e.ErrorMessage}"))}");
        db.SettingsVersions.Add(Record(1, initial, "system", "initial values from the configuration (SocialCrm:Settings)"));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another process starting at the same moment seeded it first.
            if (!await AnotherProcessSeededAsync(ct)) throw;
        }
    }

    /// <summary>
    /// Changes the settings named in <paramref name="changes"/> ({"vipValue": 0.6, ...}), keeping the others; refuses
    /// an unknown name, a value that is not a number, or one out of range, naming each. Saving what is already live
    /// makes no new version. With <paramref name="editedVersion"/> (the version the admin was looking at), a save made
    /// after someone else's is refused (409) instead of being merged with theirs unseen.
    /// </summary>
    public async Task<(SettingsVersion Settings, bool Changed)> ChangeAsync(JsonObject changes, string by, string? comment, int? editedVersion, CancellationToken ct)
    {
        var (parsed, queues) = Parse(changes);
        var changed = false;
        var saved = await SaveNextAsync(async current =>
        {
            if (editedVersion is { } edited && edited != current.Version)
                throw new DbUpdateConcurrencyException($"the settings are at version {current.Version} (saved by {current.CreatedBy}), not {edited}: load them again");
            var next = queues.Aggregate(parsed.Aggregate(current.Values, (s, c) => s.With(c.Key, c.Value)), (s, q) => s.WithQueue(q.Key, q.Value(s.Queue(q.Key))));
            await validator.ValidateAndThrowAsync(next, ct);
            changed = next != current.Values;
            return next;
        }, by, comment, AuditActions.SettingsChanged, ct);
        return (saved, changed);
    }

    /// <summary>Checks settings changes being tried (in a backtest) as saving them would, and gives them back without saving.</summary>
    public async Task<JsonObject> TryAsync(JsonObject changes, CancellationToken ct)
    {
        var (parsed, _) = Parse(changes);
        var current = await CurrentAsync(ct);
        await validator.ValidateAndThrowAsync(parsed.Aggregate(current.Values, (s, c) => s.With(c.Key, c.Value)), ct);
        var json = new JsonObject();
        foreach (var (name, value) in parsed) json[name] = CrmSettings.Fields.Single(f => f.Name == name).WholeNumber ? JsonValue.Create((int)value) : JsonValue.Create(value);
        return json;
    }

    /// <summary>Makes an old version's values live again, as a new version.</summary>
    public async Task<SettingsVersion> RestoreAsync(int version, string by, string? comment, CancellationToken ct)
    {
        var old = await db.SettingsVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Version == version, ct)
            ?? throw new KeyNotFoundException($"there is no settings version {version}");
        var values = CrmSettings.FromJson(old.ValuesJson);
        return await SaveNextAsync(_ => Task.FromResult(values), by, string.IsNullOrWhiteSpace(comment) ? $"back to version {version}" : comment, AuditActions.SettingsRestored, ct);
    }

    /// <summary>
    /// Saves what <paramref name="next"/> makes of the newest version as the version after it (nothing when it is the
    /// same). Another admin saving the same number first is a unique-key clash: read the newest again and go on from it.
    /// </summary>
    private async Task<SettingsVersion> SaveNextAsync(Func<SettingsVersion, Task<CrmSettings>> next, string by, string? comment, string action, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await LatestAsync(ct);
            var values = await next(current);
            if (values == current.Values) return current;
            try
            {
                return await SaveAsync(current, values, by, comment, action, ct);
            }
            catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                if (attempt >= 5) throw new DbUpdateConcurrencyException("the settings were saved by others at the same moment, five times over", e);
            }
        }
    }

    private async Task<SettingsVersion> SaveAsync(SettingsVersion current, CrmSettings next, string by, string? comment, string action, CancellationToken ct)
    {
        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim()[..Math.Min(comment.Trim().Length, 500)];
        var record = Record(current.Version + 1, next, by, comment);
        db.SettingsVersions.Add(record);
        audit.Add(by, action, $"settings v{record.Version}", next.ChangesFrom(current.Values) + (comment is null ? "" : $" ({comment})"));
        await db.SaveChangesAsync(ct);
        var saved = Of(record);
        live.Hold(saved);
        return saved;
    }

    private async Task<SettingsVersion> LatestAsync(CancellationToken ct) =>
        await db.SettingsVersions.AsNoTracking().OrderByDescending(v => v.Version).FirstOrDefaultAsync(ct) is { } r
            ? Of(r) : new SettingsVersion(0, new CrmSettings(), DateTime.MinValue, "default", null);

    private async Task<bool> AnotherProcessSeededAsync(CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        return await db.SettingsVersions.AnyAsync(ct);
    }

    private SettingsVersionRecord Record(int version, CrmSettings values, string by, string? comment) => new()
    {
        Version = version, ValuesJson = values.ToJson().ToJsonString(), CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedBy = by, Comment = comment,
    };

    private static SettingsVersion Of(SettingsVersionRecord r) => new(r.Version, CrmSettings.FromJson(r.ValuesJson), r.CreatedAt, r.CreatedBy, r.Comment);

    private static (Dictionary<string, double> Numbers, Dictionary<string, Func<QueueSettings, QueueSettings>> Queues) Parse(JsonObject changes)
    {
        var failures = new List<ValidationFailure>();
        var parsed = new Dictionary<string, double>();
        var queues = new Dictionary<string, Func<QueueSettings, QueueSettings>>();
        foreach (var (name, node) in changes)
        {
            if (name is "comment" or "version") continue;
            if (name == "queues")
            {
                ParseQueues(node, queues, failures);
                continue;
            }
            var field = CrmSettings.Fields.FirstOrDefault(f => f.Name == name);
            if (field is null)
            {
                failures.Add(new(name, $"'{name}' is not a setting{NameSuggestion.Suggest(name, CrmSettings.Fields.Select(f => f.Name))} (settings: {string.Join(", ", CrmSettings.Fields.Select(f => f.Name))})"));
                continue;
            }
            if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number || !v.TryGetValue<double>(out var value) || !double.IsFinite(value))
            {
                failures.Add(new(name, $"must be a number ({field.Unit})"));
                continue;
            }
            var text = value.ToString(CultureInfo.InvariantCulture);
            if (field.WholeNumber && value != Math.Floor(value))
            {
                failures.Add(new(name, $"must be a whole number of {field.Unit}, not {text}"));
                continue;
            }
            if (value < field.Min || value > field.Max)
            {
                failures.Add(new(name, $"must be from {field.Min.ToString(CultureInfo.InvariantCulture)} to {field.Max.ToString(CultureInfo.InvariantCulture)} ({field.Unit}), not {text}"));
                continue;
            }
            parsed[name] = value;
        }
        if (failures.Count > 0) throw new ValidationException(failures);
        if (parsed.Count == 0 && queues.Count == 0)
            throw new ValidationException([new ValidationFailure("$", $"name at least one setting to change ({string.Join(", ", CrmSettings.Fields.Select(f => f.Name))}, queues)")]);
        return (parsed, queues);
    }

    /// <summary>{"timeZone": "Europe/Helsinki", "week": "mon-fri 08:00-17:00", "holidays": ["2026-12-24"]} (holidays also as one comma-separated string).</summary>
    private static BusinessHours? HoursOf(JsonNode? node, out string? problem)
    {
        problem = null;
        if (node is not JsonObject o)
        {
            problem = "must be null (around the clock) or {\"timeZone\": \"Europe/Helsinki\", \"week\": \"mon-fri 08:00-17:00\", \"holidays\": [\"2026-12-24\"]}";
            return null;
        }
        var unknown = o.Select(p => p.Key).Except(["timeZone", "week", "holidays"]).ToList();
        if (unknown.Count > 0)
        {
            problem = $"{string.Join(", ", unknown.Select(u => $"'{u}'"))} is not part of business hours (timeZone, week, holidays)";
            return null;
        }
        string? Text(string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var t) ? t : null;
        var zone = Text("timeZone");
        var week = Text("week");
        if (string.IsNullOrWhiteSpace(zone) || string.IsNullOrWhiteSpace(week))
        {
            problem = "give timeZone (such as Europe/Helsinki) and week (such as mon-fri 08:00-17:00) as text";
            return null;
        }
        string holidays;
        switch (o["holidays"])
        {
            case null: holidays = ""; break;
            case JsonArray days when days.All(d => d is JsonValue dv && dv.GetValueKind() == JsonValueKind.String):
                holidays = string.Join(",", days.Select(d => d!.GetValue<string>().Trim()));
                break;
            case JsonValue text when text.GetValueKind() == JsonValueKind.String: holidays = text.GetValue<string>(); break;
            default:
                problem = "holidays must be a list of dates (yyyy-MM-dd)";
                return null;
        }
        var hours = new BusinessHours(zone.Trim(), week.Trim(), holidays);
        problem = hours.Problem();
        return problem is null ? hours : null;
    }

    /// <summary>{"vip": {"autoAssign": false}, ...}: the queue settings named change, the others keep their values.</summary>
    private static void ParseQueues(JsonNode? node, Dictionary<string, Func<QueueSettings, QueueSettings>> queues, List<ValidationFailure> failures)
    {
        if (node is not JsonObject byQueue)
        {
            failures.Add(new("queues", "must be an object of queue names, e.g. {\"vip\": {\"autoAssign\": true}}"));
            return;
        }
        foreach (var (queue, settings) in byQueue)
        {
            if (!QueueNames.IsValid(queue))
            {
                failures.Add(new($"queues.{queue}", "a queue name is 1 to 64 lower-case letters, digits or dashes"));
                continue;
            }
            if (settings is not JsonObject fields)
            {
                failures.Add(new($"queues.{queue}", "must be an object, e.g. {\"autoAssign\": true}"));
                continue;
            }
            Func<QueueSettings, QueueSettings> change = q => q;
            foreach (var (field, value) in fields)
            {
                var before = change;
                switch (field)
                {
                    case "autoAssign" when value is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                        var on = v.GetValue<bool>();
                        change = q => before(q) with { AutoAssign = on };
                        break;
                    case "autoAssign":
                        failures.Add(new($"queues.{queue}.autoAssign", "must be true or false"));
                        break;
                    case "hours" when value is null:
                        change = q => before(q) with { Hours = null };
                        break;
                    case "hours":
                        if (HoursOf(value, out var problem) is { } hours) change = q => before(q) with { Hours = hours };
                        else failures.Add(new($"queues.{queue}.hours", problem!));
                        break;
                    default:
                        failures.Add(new($"queues.{queue}.{field}", $"'{field}' is not a queue setting (autoAssign, hours)"));
                        break;
                }
            }
            queues[queue] = change;
        }
    }
}
