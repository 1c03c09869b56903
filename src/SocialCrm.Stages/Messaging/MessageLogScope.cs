using System.Reflection;

namespace SocialCrm.Stages.Messaging;

/// <summary>
/// The ids a stage message carries (SignalId, CaseId; the contracts name them so), as structured log scope values, so
/// an operator finds every line about one signal or case across the processes of a cluster.
/// </summary>
public static class MessageLogScope<T>
{
    private static readonly PropertyInfo? SignalId = typeof(T).GetProperty("SignalId"), CaseId = typeof(T).GetProperty("CaseId");

    public static KeyValuePair<string, object?>[] Of(T message, Guid messageId)
    {
        KeyValuePair<string, object?>[] scope =
        [
            new("MessageType", typeof(T).Name),
            new("MessageId", messageId),
            new("SignalId", SignalId?.GetValue(message)),
            new("CaseId", CaseId?.GetValue(message)),
        ];
        return scope.Where(value => value.Value is not null).ToArray();
    }
}
