using System.Data.Common;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SocialCrm.Persistence.Diagnostics;

/// <summary>
/// Counts the commands sent to the store, by statement kind (select, insert, update, delete, other): round trips
/// are what a stage's time goes on, so the bench prints them per signal. Nothing is measured unless a listener asks.
/// </summary>
public sealed class StoreCommandCounter : DbCommandInterceptor
{
    public const string MeterName = "SocialCrm.Store";
    public static readonly StoreCommandCounter Instance = new();
    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Commands = Meter.CreateCounter<long>("socialcrm.store.commands", "{command}", "Commands sent to the store, by kind");

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result) { Count(command); return result; }
    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result) { Count(command); return result; }
    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result) { Count(command); return result; }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken ct = default)
    { Count(command); return ValueTask.FromResult(result); }
    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken ct = default)
    { Count(command); return ValueTask.FromResult(result); }
    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken ct = default)
    { Count(command); return ValueTask.FromResult(result); }

    private static void Count(DbCommand command)
    {
        if (!Commands.Enabled) return;
        Commands.Add(1, new KeyValuePair<string, object?>("kind", KindOf(command.CommandText)));
    }

    /// <summary>The statement's first keyword, lower case; a batch of statements counts as its first. (Savepoints and
    /// commits go through the provider's transaction, not a command, so they are not counted here.)</summary>
    private static string KindOf(string sql)
    {
        var text = sql.AsSpan().TrimStart();
        foreach (var kind in (ReadOnlySpan<string>)["select", "insert", "update", "delete"])
            if (text.StartsWith(kind, StringComparison.OrdinalIgnoreCase)) return kind;
        return "other";
    }
}
