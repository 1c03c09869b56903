namespace SocialCrm.Stages.Insights;

public static class TopicMerges
{
    /// <summary>
    /// The topic a topic's posts count for: the end of its chain of merges. Bounded, so a loop two admins made at the
    /// same moment (A into B, B into A) cannot recurse without end: the chain stops where it would come round again.
    /// </summary>
    public static Guid Shown(Guid id, Func<Guid, Guid?> mergedInto)
    {
        var seen = new HashSet<Guid> { id };
        var current = id;
        while (mergedInto(current) is { } next && seen.Add(next)) current = next;
        return current;
    }
}
