using SocialCrm.Contracts.Act;
using SocialCrm.Contracts.Analyse;
using SocialCrm.Contracts.Listen;
using SocialCrm.Contracts.Measure;

namespace SocialCrm.Stages.Messaging;

/// <summary>The contract types the outbox may carry, by name. Only these are ever deserialised from the store.</summary>
public static class MessageTypes
{
    private static readonly Dictionary<string, Type> ByName = new Type[]
    {
        typeof(SignalAccepted), typeof(SignalCaptured), typeof(CaseBriefPrepared), typeof(AgentActionRecorded), typeof(CaseActed),
        typeof(OutcomeSignalObserved), typeof(ConnectionRequestAnswered), typeof(OutcomeWindowClosed), typeof(CaseMeasured),
    }.ToDictionary(t => t.FullName!, StringComparer.Ordinal);

    public static string NameOf(Type type) =>
        ByName.ContainsKey(type.FullName!) ? type.FullName! : throw new InvalidOperationException($"{type.FullName} is not a bus contract");

    public static Type Resolve(string name) =>
        ByName.TryGetValue(name, out var type) ? type : throw new InvalidOperationException($"unknown message type '{name}' in the outbox");

    public static IEnumerable<Type> All => ByName.Values;
}
