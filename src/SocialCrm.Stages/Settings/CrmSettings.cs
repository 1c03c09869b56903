using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SocialCrm.Stages.Settings;

/// <summary>One setting as the studio and the API show it: its name in workflows (settings.name), range and unit.</summary>
public sealed record SettingField(string Name, string Label, string Description, double Min, double Max, bool WholeNumber, string Unit);

/// <summary>
/// The knobs a CRM admin turns without editing a workflow: the value thresholds of the analyse stage, the SLA of each
/// priority and the daily budget of personalised replies. Workflows read them as settings.* (e.g. settings.vipValue).
/// They are versioned in the store (<see cref="SettingsStore"/>); the host's configuration (SocialCrm:Settings)
/// gives only the first version.
/// </summary>
public sealed record CrmSettings
{
    public double IgnoreBelowValue { get; set; } = 0.15;
    public double AutoReplyBelowValue { get; set; } = 0.3;
    public double VipValue { get; set; } = 0.7;
    public int SlaUrgentMinutes { get; set; } = 60;
    public int SlaHighMinutes { get; set; } = 240;
    public int SlaNormalMinutes { get; set; } = 480;
    public int SlaLowMinutes { get; set; } = 1440;
    public int PersonalisedRepliesPerDay { get; set; }
    /// <summary>Per agent queue (vip, complaints, support, social): auto-assignment.</summary>
    public Dictionary<string, QueueSettings> Queues { get; set; } = QueueSettings.Defaults();

    /// <summary>When a case of this queue and priority created then is due: the priority's minutes, in the queue's opening hours.</summary>
    public DateTime SlaDue(string queue, int priority, DateTime createdUtc) => Queue(queue).SlaDue(createdUtc, SlaMinutes(priority));

    /// <summary>Minutes to answer a case of this priority (1 urgent to 4 low).</summary>
    public int SlaMinutes(int priority) => priority switch { 1 => SlaUrgentMinutes, 2 => SlaHighMinutes, 3 => SlaNormalMinutes, _ => SlaLowMinutes };

    /// <summary>The queue's settings; a queue no version names works as a new one does.</summary>
    public QueueSettings Queue(string queue) => Queues.GetValueOrDefault(queue) ?? new QueueSettings();

    /// <summary>A copy with one queue's settings replaced.</summary>
    public CrmSettings WithQueue(string queue, QueueSettings settings) => this with { Queues = new(Queues) { [queue] = settings } };

    // Value equality over the numbers and the queues: saving what is live makes no new version.
    public bool Equals(CrmSettings? other) => other is not null && Fields.All(f => this[f.Name] == other[f.Name])
        && Queues.Count == other.Queues.Count && Queues.All(q => other.Queues.TryGetValue(q.Key, out var o) && o == q.Value);

    public override int GetHashCode() => HashCode.Combine(VipValue, SlaUrgentMinutes, Queues.Count);

    private const int Week = 7 * 24 * 60;

    public static readonly IReadOnlyList<SettingField> Fields =
    [
        new("ignoreBelowValue", "Ignore small talk below value", "Posts of intent \"other\" that are not negative are ignored when the customer's value is below this.", 0, 1, false, "value 0–1"),
        new("autoReplyBelowValue", "Auto-reply to praise below value", "Praise from customers below this value gets the standard thank-you automatically.", 0, 1, false, "value 0–1"),
        new("vipValue", "VIP queue from value", "Cases of customers at or above this value go to the vip queue.", 0, 1, false, "value 0–1"),
        new("slaUrgentMinutes", "SLA, priority 1 (urgent)", "Minutes to answer an urgent case: an unhappy complaint from a valuable or loud customer.", 1, Week, true, "minutes"),
        new("slaHighMinutes", "SLA, priority 2 (high)", "Minutes to answer other complaints and negative posts.", 1, Week, true, "minutes"),
        new("slaNormalMinutes", "SLA, priority 3 (normal)", "Minutes to answer questions and requests.", 1, Week, true, "minutes"),
        new("slaLowMinutes", "SLA, priority 4 (low)", "Minutes to answer everything else.", 1, Week, true, "minutes"),
        new("personalisedRepliesPerDay", "Personalised replies a day", "How many personalised replies the agents can write a day (0: no limit); the analyse stage spends them where the expected gain is highest.", 0, 100_000, true, "replies a day"),
    ];

    // Each field is the property of the same name (vipValue: VipValue), so the list above is the only place naming them.
    private static readonly Dictionary<string, PropertyInfo> Properties = Fields.ToDictionary(f => f.Name,
        f => typeof(CrmSettings).GetProperty(char.ToUpperInvariant(f.Name[0]) + f.Name[1..]) ?? throw new InvalidOperationException($"no property for setting {f.Name}"));

    public double this[string name] => Convert.ToDouble(Property(name).GetValue(this), CultureInfo.InvariantCulture);

    /// <summary>A copy with one setting changed (whole-number settings take the value as it is: the validator refuses a fraction).</summary>
    public CrmSettings With(string name, double value)
    {
        var copy = this with { };
        var property = Property(name);
        if (property.PropertyType == typeof(int)) property.SetValue(copy, Whole(value));
        else property.SetValue(copy, value);
        return copy;
    }

    private static PropertyInfo Property(string name) =>
        Properties.TryGetValue(name, out var property) ? property : throw new ArgumentException($"'{name}' is not a setting");

    private static int Whole(double value) => value is > int.MaxValue or < int.MinValue || double.IsNaN(value) ? -1 : (int)value;

    public JsonObject ToJson()
    {
        var json = new JsonObject();
        foreach (var f in Fields) json[f.Name] = f.WholeNumber ? JsonValue.Create((int)this[f.Name]) : JsonValue.Create(this[f.Name]);
        var queues = new JsonObject();
        foreach (var (name, q) in Queues.OrderBy(q => q.Key, StringComparer.Ordinal)) queues[name] = q.ToJson();
        json["queues"] = queues;
        return json;
    }

    public static CrmSettings FromJson(string json)
    {
        var settings = JsonSerializer.Deserialize<CrmSettings>(json, JsonSerializerOptions.Web) ?? new();
        if (JsonNode.Parse(json) is JsonObject o && !o.ContainsKey("queues")) settings.Queues = QueueSettings.Upgraded();
        return settings;
    }

    /// <summary>What differs from another version, in words: "vipValue 0.7 → 0.6; slaUrgentMinutes 60 → 30".</summary>
    public string ChangesFrom(CrmSettings before) => string.Join("; ", Fields.Where(f => before[f.Name] != this[f.Name])
        .Select(f => $"{f.Name} {before[f.Name].ToString(CultureInfo.InvariantCulture)} → {this[f.Name].ToString(CultureInfo.InvariantCulture)}")
        .Concat(QueueSettings.Changes(before.Queues, Queues)));
}
