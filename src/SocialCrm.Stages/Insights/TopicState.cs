using SocialCrm.Scoring.Topics;

namespace SocialCrm.Stages.Insights;

/// <summary>The last recomputation in this process: its model (to place new posts) and the stored topic of each of its topics.</summary>
public sealed class TopicState
{
    private volatile Snapshot? _current;

    public sealed record Snapshot(TopicModel Model, IReadOnlyList<Guid> TopicIds, DateTime ComputedAt);

    public Snapshot? Current => _current;

    public void Set(Snapshot snapshot) => _current = snapshot;
}
