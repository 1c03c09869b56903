using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SocialCrm.Workflows.Execution;
using SocialCrm.Workflows.Expressions;

namespace SocialCrm.Workflows.Activities;

/// <summary>What an activity sees of its run: its inputs, the instance variables and the run's services.</summary>
public sealed class ActivityContext(
    CompiledWorkflow workflow,
    CompiledActivity activity,
    WorkflowInstanceState instance,
    IServiceProvider services,
    CancellationToken cancellationToken)
{
    public string ActivityId => activity.Node.Id;
    public WorkflowInstanceState Instance => instance;
    public string CorrelationId => instance.CorrelationId;
    public JsonObject Variables => instance.Variables;
    public IServiceProvider Services => services;
    public CancellationToken CancellationToken => cancellationToken;
    public CompiledWorkflow Workflow => workflow;
    public CompiledActivity Activity => activity;

    /// <summary>Every variable this activity set, as it set it (journalled for activities that are not pure).</summary>
    public JsonObject Outputs { get; } = [];

    public T GetService<T>() where T : notnull =>
        (T?)services.GetService(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not registered");

    public object? Evaluate(string input) =>
        activity.Expressions.TryGetValue(input, out var expr) ? expr.Evaluate(instance.Variables) : null;

    public string? GetString(string input) =>
        activity.Node.Inputs.TryGetValue(input, out var v) && v.ValueKind != JsonValueKind.Null
            ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()
            : null;

    /// <summary>A number input: the number written, or the value of the expression written (null when it gives no number).</summary>
    public double? GetNumber(string input) =>
        activity.Node.Inputs.TryGetValue(input, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble()
        : activity.Expressions.TryGetValue(input, out var expr) ? expr.Evaluate(instance.Variables) switch
        {
            double value => value,
            string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        }
        : double.TryParse(GetString(input), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    public bool? GetBoolean(string input) =>
        activity.Node.Inputs.TryGetValue(input, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;

    /// <summary>Sets a dotted variable such as "sentiment.score", creating the objects on the way.</summary>
    public void Set(string path, object? value)
    {
        var parts = path.Split('.');
        var target = instance.Variables;
        foreach (var part in parts[..^1])
        {
            if (target[part] is not JsonObject next)
            {
                next = new JsonObject();
                target[part] = next;
            }
            target = next;
        }
        var node = Values.ToNode(value);
        target[parts[^1]] = node;
        Outputs[path] = node?.DeepClone();
    }

    /// <summary>Reads a dotted variable such as "case.id"; null when any part is missing.</summary>
    public JsonNode? Get(string path)
    {
        JsonNode? node = instance.Variables;
        foreach (var part in path.Split('.'))
            node = node is JsonObject o && o.TryGetPropertyValue(part, out var child) ? child : null;
        return node;
    }

    /// <summary>A variable as a number (0 when missing).</summary>
    public double Number(string path) => Values.FromNode(Get(path)) is double d ? d : 0;

    /// <summary>A variable as text (null when missing).</summary>
    public string? Text(string path) => Values.FromNode(Get(path)) is { } v ? Values.Format(v) : null;

    public bool Flag(string path) => Values.IsTruthy(Values.FromNode(Get(path)));

    public string RequireString(string path) =>
        Text(path) ?? throw new InvalidOperationException($"variable '{path}' is not set");

    public Guid RequireGuid(string path) =>
        Guid.TryParse(RequireString(path), out var id) ? id : throw new InvalidOperationException($"variable '{path}' is '{Text(path)}', not an id");
}
